"""The application workflow through the API (no worker: on_commit does not fire in these tests)."""

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory, VendorUserFactory
from audit.models import AuditEvent
from certificates.models import Certificate, FmApplication, ServiceEmail
from certificates.tests.conftest import client_for
from certificates.tests.factories import EvidenceFactory, FmApplicationFactory
from introductions.models import Notification
from organizations.tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db

BASE = "/api/v1/certificates/applications/"
CONTRACT = {
    "counterparty_name": "Hôpital Nord SA",
    "counterparty_country": "fr",
    "counterparty_language": "fr",
    "contract_number": "HN-2020-0042",
    "contract_date": "2020-01-06",
    "goods": "Surgical masks YY 0469, 200,000 pcs",
    "contract_value": "48000.00",
    "currency": "eur",
    "obligation": "Delivery FOB Wuhan",
    "obligation_due_date": "2020-02-15",
    "event_description": "Lockdown order: all factories in Wuhan closed.",
    "event_location": "Wuhan, Hubei",
    "event_start": "2020-01-23",
    "event_end": "2020-04-08",
}


def _member(**org: Any) -> Any:
    return VendorUserFactory(
        organization__verification_status=org.get("status", "verified"), language="zh-hans"
    )


def _pdf(name: str = "notice.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _apply(member: Any) -> int:
    client = client_for(member)
    created = client.post(BASE, CONTRACT, format="json")
    assert created.status_code == 201, created.content
    application_id: int = created.json()["id"]
    upload = client.post(f"{BASE}{application_id}/evidence/", {"file": _pdf(), "kind": "government_notice"})
    assert upload.status_code == 201, upload.content
    return application_id


def test_a_verified_member_applies_and_submits() -> None:
    member = _member()
    application_id = _apply(member)

    response = client_for(member).post(f"{BASE}{application_id}/submit/", {}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "submitted"
    assert body["counterparty_country"] == "FR"
    assert body["currency"] == "EUR"
    assert body["review_seconds_left"] > 23 * 3600
    assert [e["kind"] for e in body["evidence"]] == ["government_notice"]
    actions = list(
        AuditEvent.objects.filter(object_id=str(application_id))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "certificate_application.created",
        "certificate_application.evidence_added",
        "certificate_application.submitted",
    ]
    notification = Notification.objects.get(user=member, kind="certificate.submitted")
    assert "已收到申请" in notification.title  # the member reads Chinese
    email = ServiceEmail.objects.get(user=member, kind="certificate.submitted")
    assert email.language == "zh"
    assert "24" in email.body
    assert email.sent_at is None


def test_an_unverified_organisation_cannot_apply() -> None:
    member = _member(status="pending")

    response = client_for(member).post(BASE, CONTRACT, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "organization_not_verified"


def test_bad_values_are_refused_per_field() -> None:
    member = _member()
    bad = {
        **CONTRACT,
        "counterparty_country": "XX",
        "currency": "ABC",
        "counterparty_language": "de",
        "contract_value": "-5",
        "event_start": "2020-05-01",
        "event_end": "2020-04-01",
        "goods": "x" * 2001,
    }

    response = client_for(member).post(BASE, bad, format="json")

    assert response.status_code == 400
    fields = response.json()["fields"]
    assert {"goods", "contract_value"} <= set(fields)
    # The serializer stops at its own checks first; the service checks the rest.
    partial = client_for(member).post(BASE, {**bad, "goods": "ok", "contract_value": "5"}, format="json")
    assert partial.status_code == 400
    assert {"counterparty_country", "currency", "counterparty_language", "event_end"} <= set(
        partial.json()["fields"]
    )
    assert not FmApplication.objects.exists()


def test_an_incomplete_draft_cannot_be_submitted() -> None:
    member = _member()
    created = client_for(member).post(BASE, {"counterparty_name": "Acme"}, format="json")
    assert created.status_code == 201

    response = client_for(member).post(f"{BASE}{created.json()['id']}/submit/", {}, format="json")

    assert response.status_code == 400
    fields = response.json()["fields"]
    assert {"contract_number", "event_description", "evidence"} <= set(fields)
    assert "counterparty_name" not in fields


def test_evidence_is_checked_by_content() -> None:
    member = _member()
    application = FmApplicationFactory(organization=member.organization)
    fake = SimpleUploadedFile("notice.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    response = client_for(member).post(
        f"{BASE}{application.pk}/evidence/", {"file": fake, "kind": "contract"}
    )

    assert response.status_code == 400
    assert response.json()["fields"]["file"][0]["code"] == "unsupported_file_type"


def test_a_submitted_application_is_immutable() -> None:
    member = _member()
    application_id = _apply(member)
    client = client_for(member)
    client.post(f"{BASE}{application_id}/submit/", {}, format="json")

    patch = client.patch(f"{BASE}{application_id}/", {"goods": "changed"}, format="json")
    upload = client.post(f"{BASE}{application_id}/evidence/", {"file": _pdf(), "kind": "other"})
    again = client.post(f"{BASE}{application_id}/submit/", {}, format="json")

    assert (patch.status_code, upload.status_code, again.status_code) == (409, 409, 409)
    assert patch.json()["code"] == "application_locked"
    assert FmApplication.objects.get(pk=application_id).goods == CONTRACT["goods"]


def test_request_info_pauses_the_clock_and_resubmission_resumes_it() -> None:
    member = _member()
    staff = StaffFactory()
    application_id = _apply(member)
    client_for(member).post(f"{BASE}{application_id}/submit/", {}, format="json")
    # Five hours under review before staff ask for more.
    FmApplication.objects.filter(pk=application_id).update(
        clock_started_at=timezone.now() - datetime.timedelta(hours=5)
    )

    asked = client_for(staff).post(
        f"{BASE}{application_id}/request-info/", {"message": "Attach the port notice."}, format="json"
    )
    assert asked.status_code == 200
    assert asked.json()["status"] == "info_requested"
    assert asked.json()["clock_paused"] is True
    paused_left = asked.json()["review_seconds_left"]
    assert 18.9 * 3600 < paused_left < 19.1 * 3600
    # The member may now change it and add evidence.
    client = client_for(member)
    assert (
        client.patch(f"{BASE}{application_id}/", {"event_location": "Wuhan port"}, format="json").status_code
        == 200
    )
    assert (
        client.post(
            f"{BASE}{application_id}/evidence/", {"file": _pdf(), "kind": "logistics_notice"}
        ).status_code
        == 201
    )
    FmApplication.objects.filter(pk=application_id).update(
        updated_at=timezone.now()
    )  # time passes, clock paused
    assert client.get(f"{BASE}{application_id}/").json()["review_seconds_left"] == pytest.approx(
        paused_left, abs=2
    )

    resubmitted = client.post(
        f"{BASE}{application_id}/submit/", {"note": "Port notice attached."}, format="json"
    )

    assert resubmitted.status_code == 200
    body = resubmitted.json()
    assert body["status"] == "resubmitted"
    assert body["member_reply"] == "Port notice attached."
    assert body["review_seconds_left"] == pytest.approx(paused_left, abs=2)
    assert Notification.objects.filter(user=member, kind="certificate.info_requested").count() == 1


def test_the_queue_is_ordered_by_time_left() -> None:
    staff = StaffFactory()
    now = timezone.now()
    fresh = FmApplicationFactory(status="submitted", submitted_at=now, clock_started_at=now)
    old = FmApplicationFactory(
        status="submitted", submitted_at=now, clock_started_at=now - datetime.timedelta(hours=20)
    )
    resumed = FmApplicationFactory(
        status="resubmitted",
        submitted_at=now - datetime.timedelta(days=2),
        clock_started_at=now - datetime.timedelta(hours=1),
        review_elapsed=datetime.timedelta(hours=22),
    )
    FmApplicationFactory(
        status="info_requested", submitted_at=now, review_elapsed=datetime.timedelta(hours=23)
    )
    FmApplicationFactory()  # a draft

    response = client_for(staff).get("/api/v1/certificates/queue/")

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [resumed.pk, old.pk, fresh.pk]
    assert rows[0]["review_seconds_left"] == pytest.approx(3600, abs=5)  # 22 h + 1 h used of 24
    assert rows[2]["review_seconds_left"] == pytest.approx(24 * 3600, abs=5)
    assert client_for(VendorUserFactory()).get("/api/v1/certificates/queue/").status_code == 403


def test_the_target_is_configurable(settings: Any) -> None:
    settings.MEDMATCH_FM_TARGET_HOURS = 48
    staff = StaffFactory()
    now = timezone.now()
    FmApplicationFactory(
        status="submitted", submitted_at=now, clock_started_at=now - datetime.timedelta(hours=30)
    )

    row = client_for(staff).get("/api/v1/certificates/queue/").json()["results"][0]

    assert 17.9 * 3600 < row["review_seconds_left"] < 18.1 * 3600


def test_only_staff_decide_and_a_rejection_needs_a_reason() -> None:
    member = _member()
    staff = StaffFactory()
    application_id = _apply(member)
    client_for(member).post(f"{BASE}{application_id}/submit/", {}, format="json")

    assert client_for(member).post(f"{BASE}{application_id}/approve/").status_code == 403
    assert (
        client_for(staff).post(f"{BASE}{application_id}/reject/", {"reason": " "}, format="json").status_code
        == 400
    )
    rejected = client_for(staff).post(
        f"{BASE}{application_id}/reject/", {"reason": "The contract post-dates the lockdown."}, format="json"
    )

    assert rejected.status_code == 200
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["rejection_reason"] == "The contract post-dates the lockdown."
    assert client_for(staff).post(f"{BASE}{application_id}/approve/").status_code == 409
    assert not Certificate.objects.exists()
    event = AuditEvent.objects.get(action="certificate_application.rejected")
    assert (event.from_state, event.to_state, event.actor_id) == ("submitted", "rejected", staff.pk)


def test_approval_issues_a_certificate_with_the_facts_as_approved() -> None:
    member = _member()
    staff = StaffFactory()
    application_id = _apply(member)
    client_for(member).post(f"{BASE}{application_id}/submit/", {}, format="json")

    response = client_for(staff).post(f"{BASE}{application_id}/approve/")

    assert response.status_code == 200
    certificate = Certificate.objects.get(application_id=application_id)
    assert response.json()["certificate"]["number"] == certificate.number
    assert certificate.number.startswith(f"FM{timezone.now():%Y}-")
    assert len(certificate.number) == 15
    assert certificate.languages == ["zh", "en", "fr"]
    assert certificate.facts["contract_number"] == "HN-2020-0042"
    assert certificate.facts["event_start"] == "2020-01-23"
    assert certificate.status == "pending"
    assert not certificate.pdf
    # Not verifiable until the signed PDF exists.
    assert client_for(None).get(f"/api/v1/certificates/verify/{certificate.number}/").status_code == 404


def test_other_organisations_see_nothing() -> None:
    member = _member()
    application_id = _apply(member)
    evidence_id = FmApplication.objects.get(pk=application_id).evidence.get().pk
    outsider = _member()
    client = client_for(outsider)

    assert client.get(f"{BASE}{application_id}/").status_code == 404
    assert client.get(f"{BASE}{application_id}/evidence/{evidence_id}/file/").status_code == 404
    assert client.post(f"{BASE}{application_id}/submit/", {}, format="json").status_code == 404
    assert client.get(BASE).json()["count"] == 0
    assert client_for(UserFactory()).get(BASE).status_code == 403  # no organisation at all


def test_staff_view_evidence_inline() -> None:
    evidence = EvidenceFactory()

    response = client_for(StaffFactory()).get(f"{BASE}{evidence.application_id}/evidence/{evidence.pk}/file/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == PDF_BYTES
    # The application page frames it (core.files.file_response's inline rule, as for documents):
    # the middleware's DENY would leave that frame empty.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_public_verification_shows_little_and_is_rate_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    from rest_framework.throttling import ScopedRateThrottle

    from certificates.tests.factories import issued_certificate

    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "certificate_verify", "3/min")
    certificate = issued_certificate()
    anonymous = client_for(None)

    statuses = [
        anonymous.get(f"/api/v1/certificates/verify/{certificate.number.lower()}/").status_code
        for _ in range(4)
    ]

    assert statuses == [200, 200, 200, 429]
    cache.clear()  # a new minute
    body = anonymous.get(f"/api/v1/certificates/verify/{certificate.number}/").json()
    assert set(body) == {
        "number",
        "status",
        "holder",
        "holder_legal_names",
        "holder_country",
        "counterparty_country",
        "issued_at",
        "event_start",
        "event_end",
        "revoked_at",
        "revocation_reason",
        "pdf_sha256",
    }
    assert body["status"] == "valid"
    assert anonymous.get("/api/v1/certificates/verify/FM2026-NOSUCH00/").status_code == 404
