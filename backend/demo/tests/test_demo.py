from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Product
from core.validators import validate_uscc
from organizations.models import Contact, Document, Organization
from purchasing.models import PurchaseRequest

pytestmark = pytest.mark.django_db


def test_seed_makes_a_believable_demo(tmp_path: object, settings: Any) -> None:
    # Through the fixture, so that the storage is restored for the tests that follow.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }

    call_command("seed", "--scale", "1")

    vendors = Organization.objects.filter(kind="vendor")
    assert vendors.count() == 50
    assert Organization.objects.filter(kind="buyer").count() == 40
    assert Product.objects.count() == 300
    assert PurchaseRequest.objects.count() == 80
    assert {"CN", "DE", "GB"} <= set(vendors.values_list("country", flat=True))
    assert vendors.filter(name__regex=r"[\u4e00-\u9fff]").count() > 20
    for vendor in vendors.filter(country="CN"):
        validate_uscc(vendor.registration_id)
    assert Contact.objects.count() == 90
    assert Product.objects.public().count() > 200
    certificates = Document.objects.filter(document_type="certificate")
    assert certificates.count() > 100
    # A few expired certificates: traps for matching.
    assert 0 < certificates.filter(valid_until__lt=timezone.localdate()).count() < certificates.count() // 5
    assert Organization.objects.filter(buyer_type="embassy").exists()


def test_seed_if_empty_does_nothing_the_second_time(tmp_path: object) -> None:
    call_command("seed", "--scale", "0.1")
    before = Product.objects.count()

    call_command("seed", "--if-empty")

    assert Product.objects.count() == before
