from typing import Any

import pytest

from accounts.models import User
from accounts.tests.factories import StaffFactory
from organizations.models import Organization
from organizations.tests.factories import ContactFactory, VendorFactory
from supplierlists.tests.fixtures.make_supplier_list import USCC_E1, USCC_E2


@pytest.fixture
def staff() -> User:
    return StaffFactory()


@pytest.fixture
def known_vendors() -> dict[str, Organization]:
    """The organisations of the fixture list marked E1…E6, as they are before the import."""
    e1 = VendorFactory(
        name="Shenzhen Xinda Medical Equipment Co., Ltd.",
        legal_names={"zh": "深圳市新达医疗器械有限公司", "en": "Shenzhen Xinda Medical Equipment Co., Ltd."},
        city="Shenzhen",
        registration_id=USCC_E1,
        website="https://www.xinda-med.com",
        verified=True,
    )
    ContactFactory(
        organization=e1,
        name="Sales",
        email="sales@xinda-med.com",
        phone="+86 755 2660 1001",
        wechat="",
        whatsapp="",
    )
    e2 = VendorFactory(
        name="Wuhan Huaxin Protective Products Co., Ltd.",
        legal_names={"zh": "武汉华鑫防护用品有限公司", "en": "Wuhan Huaxin Protective Products Co., Ltd."},
        city="Wuhan",
        registration_id=USCC_E2,
        website="http://huaxin-ppe.com",
    )
    ContactFactory(organization=e2, name="Office", email="", phone="027-87654321", wechat="", whatsapp="")
    e3 = VendorFactory(
        name="Laboratoires Dupont Santé SARL",
        legal_names={"fr": "Laboratoires Dupont Santé SARL"},
        country="FR",
        city="Lyon",
        registration_id="",
        website="https://dupont-sante.fr",
    )
    e4 = VendorFactory(
        name="ООО «Медтехника Плюс»",
        legal_names={"ru": "ООО «Медтехника Плюс»"},
        country="RU",
        city="Moscow",
        registration_id="",
    )
    ContactFactory(
        organization=e4, name="Отдел продаж", email="", phone="+7 495 123 45 67", wechat="", whatsapp=""
    )
    e5 = VendorFactory(
        name="Al Noor Medical Equipment Co.",
        legal_names={"ar": "شركة النور للتجهيزات الطبية", "en": "Al Noor Medical Equipment Co."},
        country="SA",
        city="Riyadh",
        registration_id="",
    )
    ContactFactory(organization=e5, name="Sales", email="", phone="+966 11 456 7890", wechat="", whatsapp="")
    e6 = VendorFactory(
        name="Suministros Médicos Andinos S.A.",
        legal_names={"es": "Suministros Médicos Andinos S.A."},
        country="CO",
        city="Bogotá",
        registration_id="",
    )
    ContactFactory(
        organization=e6, name="Ventas", email="ventas@andinos.com.co", phone="", wechat="", whatsapp=""
    )
    return {"E1": e1, "E2": e2, "E3": e3, "E4": e4, "E5": e5, "E6": e6}


@pytest.fixture
def media(tmp_path: Any, settings: Any) -> Any:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path
