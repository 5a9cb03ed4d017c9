import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import BuyerUserFactory, StaffFactory, UserFactory, VendorUserFactory
from audit.models import AuditEvent
from certificates.models import ServiceEmail
from consultations.models import Consultation
from consultations.tests.conftest import client_for
from consultations.tests.factories import AdviserFactory, ConsultationFactory, ConsultationMessageFactory
from introductions.models import Notification

pytestmark = pytest.mark.django_db

BASE = "/api/v1/consultations/"


def test_a_member_asks_and_only_its_organisation_advisers_and_staff_see_it() -> None:
    member = BuyerUserFactory()
    colleague = BuyerUserFactory(organization=member.organization)
    created = client_for(member).post(
        BASE,
        {"topic": "export_credit_insurance", "subject": "Sinosure claim", "description": "Buyer defaulted."},
        format="json",
    )
    assert created.status_code == 201, created.content
    consultation_id = created.json()["id"]
    ConsultationMessageFactory(consultation_id=consultation_id, body="secret thread text")

    for user, expected in (
        (colleague, 200),
        (StaffFactory(), 200),
        (AdviserFactory(), 200),
        (VendorUserFactory(), 404),
        (BuyerUserFactory(), 404),
        (UserFactory(), 403),
    ):
        detail = client_for(user).get(f"{BASE}{consultation_id}/")
        thread = client_for(user).get(f"{BASE}{consultation_id}/messages/")
        assert detail.status_code == expected, user
        assert thread.status_code == expected, user
        assert (b"secret thread text" in thread.content) is (expected == 200)
    assert client_for(None).get(f"{BASE}{consultation_id}/messages/").status_code in (401, 403)
    assert client_for(VendorUserFactory()).get(BASE).json()["count"] == 0


def test_bad_input_is_refused_per_field() -> None:
    member = VendorUserFactory()

    response = client_for(member).post(
        BASE, {"topic": "tax", "subject": "", "description": "x" * 10001}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"topic", "subject", "description"}
    assert not Consultation.objects.exists()


def test_only_staff_assign_and_only_to_an_adviser() -> None:
    consultation = ConsultationFactory()
    member = VendorUserFactory(organization=consultation.organization)
    staff = StaffFactory()
    url = f"{BASE}{consultation.pk}/assign/"

    assert client_for(member).post(url, {"adviser": staff.pk}, format="json").status_code == 403
    not_adviser = client_for(staff).post(url, {"adviser": staff.pk}, format="json")
    assert not_adviser.status_code == 400
    assert not_adviser.json()["fields"]["adviser"][0]["code"] == "not_an_adviser"
    assert client_for(staff).post(url, {"adviser": 999999}, format="json").status_code == 400


def test_assignment_messages_and_closing_notify_in_the_members_language() -> None:
    consultation = ConsultationFactory()
    member = VendorUserFactory(organization=consultation.organization, language="ru")
    adviser = AdviserFactory(language="zh")
    staff = StaffFactory()
    base = f"{BASE}{consultation.pk}"

    client_for(staff).post(f"{base}/assign/", {"adviser": adviser.pk}, format="json")
    client_for(adviser).post(f"{base}/messages/", {"body": "Clause 14 applies."}, format="json")
    client_for(member).post(f"{base}/messages/", {"body": "Спасибо"}, format="json")
    assert client_for(member).post(f"{base}/close/", {"outcome": "x"}, format="json").status_code == 403
    closed = client_for(adviser).post(f"{base}/close/", {"outcome": "Answered."}, format="json")

    assert closed.status_code == 200
    assert closed.json()["outcome"] == "Answered."
    titles = list(Notification.objects.filter(user=member).order_by("id").values_list("title", flat=True))
    assert titles == [
        "Ваш вопрос передан консультанту",
        f"Новый ответ: {consultation.subject}",
        f"Консультация закрыта: {consultation.subject}",
    ]
    assert Notification.objects.get(user=adviser, kind="consultation.assigned_to_you").title == (
        f"分配给您的咨询：{consultation.subject}"
    )
    assert Notification.objects.filter(user=adviser, kind="consultation.message").count() == 1
    assert ServiceEmail.objects.filter(user=member, language="ru").count() == 3
    # Closed: no more messages or files.
    late = client_for(member).post(f"{base}/messages/", {"body": "One more thing"}, format="json")
    assert late.status_code == 409
    assert late.json()["code"] == "consultation_closed"
    actions = set(AuditEvent.objects.filter(object_id=str(consultation.pk)).values_list("action", flat=True))
    assert {"consultation.assigned", "consultation.message_posted", "consultation.closed"} <= actions


def test_attachments_are_checked_by_content() -> None:
    consultation = ConsultationFactory()
    member = VendorUserFactory(organization=consultation.organization)
    fake = SimpleUploadedFile("a.pdf", b"<html>not a pdf</html>")

    response = client_for(member).post(f"{BASE}{consultation.pk}/attachments/", {"file": fake})

    assert response.status_code == 400
    assert response.json()["fields"]["file"][0]["code"] == "unsupported_file_type"
