"""GET /api/v1/stats/: the numbers on a small known data set, its filters and its query count."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import StaffFactory
from catalog.tests.factories import ProductFactory
from introductions.models import Introduction
from introductions.services import introduction_record_outcome
from introductions.tests.conftest import client_for
from introductions.tests.factories import ProposalFactory, introduction_for
from matching.models import Proposal, ProposalStatus
from purchasing.tests.factories import PurchaseRequestFactory
from reference.models import Category
from reference.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

MARCH = datetime.datetime(2020, 3, 10, 12, 0, tzinfo=datetime.UTC)
APRIL = datetime.datetime(2020, 4, 20, 12, 0, tzinfo=datetime.UTC)


def _proposal(*, request: Any, category: Category, status: str, when: datetime.datetime) -> Proposal:
    proposal = ProposalFactory(request=request, product=ProductFactory(category=category), status=status)
    Proposal.objects.filter(pk=proposal.pk).update(created_at=when)
    return proposal


def _introduction(proposal: Proposal, when: datetime.datetime, *outcomes: dict[str, Any]) -> Introduction:
    introduction = introduction_for(proposal=proposal)
    staff = StaffFactory()
    for outcome in outcomes:
        introduction = introduction_record_outcome(introduction=introduction, actor=staff, **outcome)
    Introduction.objects.filter(pk=introduction.pk).update(created_at=when)
    return introduction


@pytest.fixture
def categories() -> dict[str, Category]:
    masks = CategoryFactory(slug="stats-masks", hs_code="9999.71", names={"en": "Masks"})
    return {
        "masks": masks,
        "ffp2": CategoryFactory(slug="stats-ffp2", hs_code="9999.72", parent=masks, names={"en": "FFP2"}),
        "gloves": CategoryFactory(slug="stats-gloves", hs_code="9999.73", names={"en": "Gloves"}),
    }


@pytest.fixture
def data_set(categories: dict[str, Category]) -> dict[str, Any]:
    """Seven proposals, four approved into introductions: two deals, one no deal, one waiting."""
    masks, ffp2, gloves = categories["masks"], categories["ffp2"], categories["gloves"]
    fr_masks = PurchaseRequestFactory(destination_country="FR", category=masks)
    fr_gloves = PurchaseRequestFactory(destination_country="FR", category=gloves)
    fr_free_text = PurchaseRequestFactory(destination_country="FR", category=None)
    de_gloves = PurchaseRequestFactory(destination_country="DE", category=gloves)
    de_ffp2 = PurchaseRequestFactory(destination_country="DE", category=ffp2)
    approved = ProposalStatus.APPROVED
    negotiate = {"status": "negotiating"}
    _introduction(
        _proposal(request=fr_masks, category=masks, status=approved, when=MARCH),
        MARCH,
        negotiate,
        {"status": "deal", "deal_quantity": 1000, "deal_value": Decimal("500.00"), "deal_currency": "USD"},
    )
    _introduction(
        _proposal(request=fr_masks, category=masks, status=approved, when=MARCH),
        MARCH,
        {"status": "no_deal", "reason": "Too expensive."},
    )
    _introduction(_proposal(request=de_gloves, category=gloves, status=approved, when=APRIL), APRIL)
    _introduction(
        _proposal(request=de_ffp2, category=ffp2, status=approved, when=APRIL),
        APRIL,
        negotiate,
        {"status": "deal", "deal_quantity": 2000, "deal_value": Decimal("1500.50"), "deal_currency": "EUR"},
    )
    _proposal(request=fr_gloves, category=gloves, status=ProposalStatus.REJECTED, when=APRIL)
    _proposal(request=de_gloves, category=gloves, status=ProposalStatus.PROPOSED, when=APRIL)
    # No category on the request: the product's counts.
    _proposal(request=fr_free_text, category=gloves, status=ProposalStatus.EXPIRED, when=MARCH)
    return {"categories": categories}


def _stats(**params: Any) -> Any:
    response = client_for(StaffFactory()).get("/api/v1/stats/", params)
    assert response.status_code == 200, response.content
    return response.json()


def _row(**values: Any) -> dict[str, Any]:
    return {
        "proposals": 0,
        "approvals": 0,
        "introductions": 0,
        "deals": 0,
        "deal_quantity": 0,
        "deal_value": {},
        **values,
    }


def test_totals_pipeline_and_conversion(data_set: dict[str, Any]) -> None:
    stats = _stats()

    assert stats["proposals"] == {
        "total": 7,
        "by_status": {"proposed": 1, "approved": 4, "rejected": 1, "expired": 1},
    }
    assert stats["approvals"] == 4
    assert stats["introductions"] == 4
    assert stats["pipeline"] == [
        {"status": "awaiting_reply", "count": 1},
        {"status": "negotiating", "count": 0},
        {"status": "deal", "count": 2},
        {"status": "no_deal", "count": 1},
        {"status": "expired", "count": 0},
    ]
    assert stats["deals"] == {
        "count": 2,
        "quantity": 3000,
        "value_by_currency": [
            {"currency": "EUR", "value": "1500.50", "count": 1},
            {"currency": "USD", "value": "500.00", "count": 1},
        ],
    }
    assert stats["conversion"] == {
        "approval_rate": 0.8,  # 4 approved of 5 decided
        "reply_rate": 0.75,  # 3 of 4 introductions got an answer
        "deal_rate": 0.5,
        "deal_rate_of_closed": 0.6667,  # 2 deals of 3 closed
    }


def test_by_country_category_and_month(data_set: dict[str, Any]) -> None:
    categories = data_set["categories"]

    stats = _stats()

    assert stats["by_country"] == [
        {
            "country": "DE",
            **_row(
                proposals=3,
                approvals=2,
                introductions=2,
                deals=1,
                deal_quantity=2000,
                deal_value={"EUR": "1500.50"},
            ),
        },
        {
            "country": "FR",
            **_row(
                proposals=4,
                approvals=2,
                introductions=2,
                deals=1,
                deal_quantity=1000,
                deal_value={"USD": "500.00"},
            ),
        },
    ]
    by_category = {row["slug"]: row for row in stats["by_category"]}
    assert set(by_category) == {"stats-masks", "stats-ffp2", "stats-gloves"}
    assert by_category["stats-masks"] == {
        "category": categories["masks"].pk,
        "slug": "stats-masks",
        "hs_code": "9999.71",
        "names": {"en": "Masks"},
        **_row(
            proposals=2,
            approvals=2,
            introductions=2,
            deals=1,
            deal_quantity=1000,
            deal_value={"USD": "500.00"},
        ),
    }
    assert by_category["stats-gloves"] == {
        "category": categories["gloves"].pk,
        "slug": "stats-gloves",
        "hs_code": "9999.73",
        "names": {"en": "Gloves"},
        **_row(proposals=4, approvals=1, introductions=1),
    }
    assert stats["by_month"] == [
        {
            "month": "2020-03",
            **_row(
                proposals=3,
                approvals=2,
                introductions=2,
                deals=1,
                deal_quantity=1000,
                deal_value={"USD": "500.00"},
            ),
        },
        {
            "month": "2020-04",
            **_row(
                proposals=4,
                approvals=2,
                introductions=2,
                deals=1,
                deal_quantity=2000,
                deal_value={"EUR": "1500.50"},
            ),
        },
    ]


def test_filters(data_set: dict[str, Any]) -> None:
    masks = data_set["categories"]["masks"]

    france = _stats(country="fr")
    masks_and_below = _stats(category=masks.pk)
    april = _stats(created_after="2020-04-01", created_before="2020-04-30")

    assert france["filters"]["country"] == "FR"
    assert (france["proposals"]["total"], france["introductions"], france["deals"]["count"]) == (4, 2, 1)
    assert [row["country"] for row in france["by_country"]] == ["FR"]
    # Masks and its subcategory FFP2.
    assert (masks_and_below["proposals"]["total"], masks_and_below["introductions"]) == (3, 3)
    assert masks_and_below["deals"]["quantity"] == 3000
    assert (april["proposals"]["total"], april["introductions"]) == (4, 2)
    assert [row["month"] for row in april["by_month"]] == ["2020-04"]


def test_an_empty_data_set_has_no_rates() -> None:
    stats = _stats()

    assert stats["proposals"]["total"] == 0
    assert stats["conversion"] == {
        "approval_rate": None,
        "reply_rate": None,
        "deal_rate": None,
        "deal_rate_of_closed": None,
    }
    assert stats["by_country"] == []


def test_bad_filters_are_a_400() -> None:
    response = client_for(StaffFactory()).get(
        "/api/v1/stats/", {"country": "XX", "created_after": "2020-05-01", "created_before": "2020-04-01"}
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"country"}
    reversed_range = client_for(StaffFactory()).get(
        "/api/v1/stats/", {"created_after": "2020-05-01", "created_before": "2020-04-01"}
    )
    assert reversed_range.status_code == 400
    assert set(reversed_range.json()["fields"]) == {"created_before"}


def test_the_query_count_does_not_grow_with_the_data(categories: dict[str, Category]) -> None:
    client = client_for(StaffFactory())
    request = PurchaseRequestFactory(destination_country="FR", category=categories["masks"])
    _introduction(
        _proposal(request=request, category=categories["masks"], status="approved", when=MARCH), MARCH
    )
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/stats/")
    for index, name in enumerate(("ffp2", "gloves") * 3):
        other = PurchaseRequestFactory(
            destination_country=("DE", "IT", "ES")[index % 3], category=categories[name]
        )
        _introduction(
            _proposal(request=other, category=categories[name], status="approved", when=APRIL), APRIL
        )

    with CaptureQueriesContext(connection) as large:
        client.get("/api/v1/stats/", {"category": categories["masks"].pk})

    assert len(large.captured_queries) == len(small.captured_queries) + 1  # + the subcategory lookup
    assert len(small.captured_queries) <= 14
