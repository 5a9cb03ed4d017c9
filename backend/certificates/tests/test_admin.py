import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory
from certificates.tests.factories import EvidenceFactory, issued_certificate
from consultations.tests.factories import ConsultationMessageFactory

pytestmark = pytest.mark.django_db


def test_trade_services_are_shown_read_only_in_admin() -> None:
    client = Client()
    client.force_login(StaffFactory(is_superuser=True))
    evidence = EvidenceFactory()
    certificate = issued_certificate()
    message = ConsultationMessageFactory()

    for url in (
        "/admin/certificates/fmapplication/",
        f"/admin/certificates/fmapplication/{evidence.application_id}/change/",
        "/admin/certificates/certificate/?q=FM",
        f"/admin/certificates/certificate/{certificate.pk}/change/",
        "/admin/certificates/serviceemail/",
        "/admin/consultations/consultation/",
        f"/admin/consultations/consultation/{message.consultation_id}/change/",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/certificates/certificate/add/").status_code == 403
    assert client.post(f"/admin/certificates/certificate/{certificate.pk}/delete/").status_code == 403
