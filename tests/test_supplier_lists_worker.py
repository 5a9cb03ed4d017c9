"""A partner's list through the HTTP API and a real Celery worker, to a claimed profile.

Staff upload the hand-made list; the worker reads it and proposes the mapping; staff confirm
it; the worker resolves the rows; staff invite two listed vendors at once; the worker sends
the e-mails (the file backend); one vendor follows its link, sets a password, signs in,
uploads its business licence and asks for verification.
"""

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.tests.factories import StaffFactory
from audit.models import AuditEvent
from conftest import wait_for, worker_mail_dir, worker_mail_to
from organizations.models import Organization
from organizations.tests.factories import PDF_BYTES
from supplierlists.tests.factories import fixture_upload
from supplierlists.tests.fixtures.make_supplier_list import USCC_E1

pytestmark = [
    pytest.mark.usefixtures("celery_worker_idle_at_the_end"),
    pytest.mark.celery,
    pytest.mark.django_db(transaction=True),
]
PASSWORD = "gloves from zhejiang since 1998"
BASE = "/api/v1/supplier-lists/"


def test_a_partner_list_becomes_listed_vendors_and_one_claims_its_profile(
    celery_worker_process: Any, search_prefix: str, tmp_path: Path, settings: Any
) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    staff = APIClient()
    staff.force_authenticate(StaffFactory())

    uploaded = staff.post(
        BASE,
        {
            "file": fixture_upload(),
            "sender_name": "Chamber of Commerce, Hamburg",
            "received_on": "2026-11-28",
        },
        format="multipart",
    )
    assert uploaded.status_code == 202, uploaded.json()
    detail_url = f"{BASE}{uploaded.json()['id']}/"
    parsed = wait_for(
        lambda: (body := staff.get(detail_url).json())["status"] == "mapping" and body, what="the parse task"
    )
    assert parsed["rows_total"] == 60
    assert "truth" not in {parsed["header"][int(column)] for column in parsed["proposed_mapping"]}
    confirmed = staff.post(f"{detail_url}mapping/", {"mapping": parsed["proposed_mapping"]}, format="json")
    assert confirmed.status_code == 202, confirmed.json()
    done = wait_for(
        lambda: (body := staff.get(detail_url).json())["status"] == "done" and body, what="resolution"
    )
    assert done["rows_done"] == 60
    figures = done["figures"]
    assert figures["rejected"] == 4
    assert figures["review_share"] < 0.1  # no vendor is known yet: the list meets only itself
    assert figures["created"] + figures["merged_automatically"] + figures["sent_to_review"] == 56

    meilun = Organization.objects.get(name="Zhejiang Meilun Gloves Co., Ltd.")
    andes = Organization.objects.get(name="Andes Salud S.A.S.")
    assert meilun.listed
    assert andes.listed
    assert {source.sender_name for source in meilun.sources.all()} == {"Chamber of Commerce, Hamburg"}
    mail_dir = worker_mail_dir(search_prefix)
    # An earlier test of the session may have invited these addresses: wait for new mail.
    earlier = {
        address: worker_mail_to(mail_dir, address)
        for address in ("export@meilun-gloves.com", "info@andessalud.co")
    }

    def new_mail(address: str) -> str | None:
        body = worker_mail_to(mail_dir, address)
        return body if body != earlier[address] else None

    invited = staff.post(f"{BASE}invitations/", {"organizations": [meilun.pk, andes.pk]}, format="json")
    assert invited.status_code == 201, invited.json()
    assert {(i["email"], i["language"]) for i in invited.json()["invitations"]} == {
        ("export@meilun-gloves.com", "zh"),
        ("info@andessalud.co", "es"),
    }

    body = wait_for(lambda: new_mail("export@meilun-gloves.com"), what="the invitation e-mail")
    spanish = wait_for(lambda: new_mail("info@andessalud.co"), what="the second invitation")
    assert "认领" in body or "链接" in body
    assert "enlace" in spanish
    token = re.search(r"/claim\?token=([\w-]+)", body).group(1)  # type: ignore[union-attr]

    vendor = APIClient()
    claimed = vendor.post(
        f"{BASE}claim/", {"token": token, "password": PASSWORD, "full_name": "Chen Jie"}, format="json"
    )
    assert claimed.status_code == 201, claimed.json()
    signed_in = vendor.post(
        "/api/v1/auth/login/", {"email": "export@meilun-gloves.com", "password": PASSWORD}, format="json"
    )
    assert signed_in.status_code == 200, signed_in.json()
    own = vendor.get(f"/api/v1/organizations/{meilun.pk}/").json()
    assert own["name"] == "Zhejiang Meilun Gloves Co., Ltd."
    assert (
        vendor.patch(
            f"/api/v1/organizations/{meilun.pk}/", {"registration_id": USCC_E1}, format="json"
        ).status_code
        == 200
    )
    licence = vendor.post(
        f"/api/v1/organizations/{meilun.pk}/documents/",
        {"document_type": "business_licence", "file": SimpleUploadedFile("licence.pdf", PDF_BYTES)},
        format="multipart",
    )
    assert licence.status_code == 201, licence.json()
    requested = vendor.post(f"/api/v1/organizations/{meilun.pk}/request-verification/")
    assert requested.status_code == 200, requested.json()
    assert requested.json()["verification_status"] == "pending"
    reused = APIClient().post(
        f"{BASE}claim/", {"token": token, "password": PASSWORD, "full_name": "X"}, format="json"
    )
    assert reused.status_code == 400
    actions = set(AuditEvent.objects.filter(object_id=str(meilun.pk)).values_list("action", flat=True))
    assert {"organization.listed", "organization.claim_invited", "organization.claimed"} <= actions
