import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffFactory, VendorUserFactory
from certificates.tests.conftest import client_for
from certificates.tests.factories import FmApplicationFactory, issued_certificate
from consultations.tests.factories import ConsultationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/stats/trade-services/"


def _issued_after(hours: float, *, country: str, submitted: datetime.datetime) -> None:
    application = FmApplicationFactory(
        status="approved", submitted_at=submitted, counterparty_country=country
    )
    certificate = issued_certificate(application=application)
    certificate.issued_at = submitted + datetime.timedelta(hours=hours)
    certificate.save(update_fields=["issued_at"])


def test_figures_for_the_staff_dashboard() -> None:
    march = datetime.datetime(2020, 3, 10, 8, tzinfo=datetime.UTC)
    april = datetime.datetime(2020, 4, 2, 8, tzinfo=datetime.UTC)
    for hours in (2, 10, 20):
        _issued_after(hours, country="FR", submitted=march)
    _issued_after(30, country="PE", submitted=april)
    FmApplicationFactory(status="submitted", submitted_at=april, counterparty_country="PE")
    FmApplicationFactory()  # a draft is not an application yet
    created = timezone.now() - datetime.timedelta(hours=5)
    ConsultationFactory(created_at=created)
    answered = ConsultationFactory()
    type(answered).objects.filter(pk=answered.pk).update(
        created_at=created, first_response_at=created + datetime.timedelta(hours=3)
    )

    response = client_for(StaffFactory()).get(URL)

    assert response.status_code == 200
    figures = response.json()["certificates"]
    assert figures["applications"] == 5
    assert figures["issued"] == 4
    assert figures["by_status"] == {"approved": 4, "submitted": 1}
    assert figures["submission_to_issue"]["median_hours"] == pytest.approx(10)
    assert figures["submission_to_issue"]["p90_hours"] == pytest.approx(30)
    assert figures["submission_to_issue"]["within_target_share"] == pytest.approx(0.75)
    assert [(row["month"], row["applications"], row["issued"]) for row in figures["by_month"]] == [
        ("2020-03", 3, 3),
        ("2020-04", 2, 1),
    ]
    by_country = {row["country"]: row for row in figures["by_counterparty_country"]}
    assert by_country["FR"]["within_target_share"] == 1.0
    assert by_country["PE"]["within_target_share"] == 0.0
    consultations = response.json()["consultations"]
    assert consultations["total"] == 2
    assert consultations["first_response"]["count"] == 1
    assert consultations["first_response"]["median_hours"] == pytest.approx(3)


def test_figures_are_for_staff_and_dates_are_checked() -> None:
    assert client_for(VendorUserFactory()).get(URL).status_code == 403
    bad = client_for(StaffFactory()).get(URL, {"created_after": "2020-05-01", "created_before": "2020-04-01"})
    assert bad.status_code == 400
    assert "created_before" in bad.json()["fields"]
