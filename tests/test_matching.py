"""Matching against the real node: forward and reverse, upserts, rejections, expiry, percolator upkeep."""

import logging
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from accounts.tests.factories import StaffFactory
from audit.models import AuditEvent
from catalog.models import Product, ProductStatus
from catalog.search_documents import product_document
from catalog.tests.factories import certificate_for
from matching.models import Proposal, ProposalStatus
from matching.selectors import products_for_matching
from matching.services import (
    matching_enqueue_for_changes,
    matching_run_for_product,
    matching_run_for_request,
    proposal_reject,
    proposals_expire_stale,
)
from organizations.models import Organization, VerificationStatus
from outbox.reconciliation import search_reconcile_all, search_reindex
from purchasing.models import PurchaseRequest, RequestStatus
from purchasing.services.transitions import purchase_request_transition
from search import engine, percolation
from search.indexes import REQUEST_QUERIES
from search.percolation import request_candidates
from tests.matching_eval import world
from tests.search_helpers import drain_and_refresh, touch

pytestmark = [pytest.mark.search, pytest.mark.django_db]

EU_MASK_CERTIFICATE = {"markets": ["EU"], "standards": ["CE MDR", "EN 14683"]}


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    world.use_temporary_media(settings, tmp_path)


def _mask(owner: Organization, name: str, **fields: Any) -> Product:
    fields.setdefault("certificates", [EU_MASK_CERTIFICATE])
    return world.product(
        owner=owner,
        slug="surgical-masks",
        names={"en": name, "zh": "医用外科口罩"},
        standards=["EN 14683"],
        **fields,
    )


def _lyon_request(**fields: Any) -> PurchaseRequest:
    fields.setdefault("title", "Masques chirurgicaux type IIR")
    return world.purchase_request(
        slug="surgical-masks", language="fr", destination_country="FR", quantity=100_000, **fields
    )


def _pairs(proposals: list[Proposal]) -> list[tuple[int, str]]:
    return [(proposal.product_id, proposal.status) for proposal in proposals]


def _reindex_product(product: Product) -> None:
    touch("product", product.pk)
    drain_and_refresh()


# --- forward ---


def test_forward_matching_proposes_qualifying_products_and_explains(clean_indexes: str) -> None:
    maker = world.vendor("Wuhan Kangtai Medical")
    good = _mask(maker, "Surgical mask Type IIR")
    expired = _mask(
        maker,
        "Surgical mask Type II (old certificate)",
        certificates=[
            {**EU_MASK_CERTIFICATE, "valid_until": world.days(-10), "valid_from": world.days(-400)}
        ],
    )
    wrong_market = _mask(
        maker,
        "Surgical mask for the US",
        certificates=[{"markets": ["US"], "standards": ["CE MDR", "EN 14683", "FDA 510(k)"]}],
    )
    no_certificate = _mask(maker, "Surgical mask, uncertified", certificates=[])
    gloves = world.product(
        owner=maker,
        slug="nitrile-examination-gloves",
        names={"en": "Nitrile examination gloves"},
        certificates=[{"markets": ["EU"], "standards": ["CE MDR", "EN 455"]}],
    )
    hidden_vendor = world.vendor("Pending Masks Ltd", verified=False)
    unverified = _mask(hidden_vendor, "Surgical mask from a pending vendor")
    request = _lyon_request()
    world.index_everything(
        products=[good, expired, wrong_market, no_certificate, gloves, unverified], requests=[request]
    )

    proposals = matching_run_for_request(request_id=request.pk)

    assert _pairs(proposals) == [(good.pk, "proposed")]
    proposal = proposals[0]
    assert proposal.vendor_id == maker.pk
    assert proposal.source == "forward"
    assert proposal.score == pytest.approx(sum(proposal.score_parts.values()), abs=0.05)
    criteria = {item["criterion"]: item for item in proposal.criteria}
    assert criteria["market_approval"]["status"] == "met"
    assert criteria["category"]["detail"] == "same category (surgical-masks)"
    assert criteria["capacity"]["status"] == "met"
    assert len(proposal.fingerprint) == 64


def test_forward_matching_rechecks_the_database_not_only_the_index(clean_indexes: str) -> None:
    maker = world.vendor("Shenzhen Boai Protective")
    product = _mask(maker, "Surgical mask Type IIR")
    request = _lyon_request()
    world.index_everything(products=[product], requests=[request])
    # The vendor loses its verification; the index has not caught up yet.
    Organization.objects.filter(pk=maker.pk).update(verification_status=VerificationStatus.PENDING)

    assert matching_run_for_request(request_id=request.pk) == []


def test_soft_criteria_lower_the_score_and_rank(clean_indexes: str, settings: Any) -> None:
    maker = world.vendor("Hangzhou Anxin Medical")
    strong = _mask(maker, "Surgical mask Type IIR", capacity_per_day=100_000)
    partly = _mask(maker, "Surgical mask Type IIR second line", capacity_per_day=3_000, stock=0)
    short = _mask(maker, "Surgical mask Type IIR small line", capacity_per_day=500, stock=0)
    slow = _mask(maker, "Surgical mask Type IIR made to order", lead_time_days=45, stock=0)
    request = _lyon_request(needed_by=world.days(30))
    world.index_everything(products=[strong, partly, short, slow], requests=[request])

    # Severe misses (12% of the capacity, a lead time longer than the time left) keep a pair
    # under the proposal threshold; a partial miss only lowers its score.
    proposals = matching_run_for_request(request_id=request.pk)
    assert [proposal.product_id for proposal in proposals] == [strong.pk, partly.pk]
    capacity = next(item for item in proposals[1].criteria if item["criterion"] == "capacity")
    assert capacity["status"] == "partial"
    assert capacity["detail"].startswith("capacity 69% of quantity: 69,000 of 100,000 piece")

    settings.MEDMATCH_MATCH_MIN_SCORE = 0
    by_product = {p.product_id: p for p in matching_run_for_request(request_id=request.pk)}
    assert by_product[short.pk].score < by_product[partly.pk].score < by_product[strong.pk].score
    capacity = next(item for item in by_product[short.pk].criteria if item["criterion"] == "capacity")
    assert capacity["detail"].startswith("capacity 12% of quantity")
    assert by_product[short.pk].score_parts["penalty"] == -20.0
    lead = next(item for item in by_product[slow.pk].criteria if item["criterion"] == "lead_time")
    assert lead["detail"] == "lead time 45 days, needed in 30"


def test_top_n_is_configurable(clean_indexes: str, settings: Any) -> None:
    settings.MEDMATCH_MATCH_TOP_N = 2
    maker = world.vendor("Suzhou Renhe Hygiene")
    products = [_mask(maker, f"Surgical mask Type IIR line {n}", stock=n * 1000) for n in range(3)]
    request = _lyon_request()
    world.index_everything(products=products, requests=[request])

    proposals = matching_run_for_request(request_id=request.pk)

    assert len(proposals) == 2


def test_matching_across_languages_and_same_hs_heading(clean_indexes: str, settings: Any) -> None:
    maker = world.vendor("Ningbo Jindun Protective")
    # A request without a category, in Chinese, and a product in English: the taxonomy's
    # synonyms and names carry the match.
    product = _mask(maker, "Surgical face mask, 3-ply")
    single_use = world.product(
        owner=maker,
        slug="medical-masks-single-use",
        names={"en": "Single-use medical mask"},
        standards=["EN 14683"],
        certificates=[EU_MASK_CERTIFICATE],
    )
    request = world.purchase_request(
        slug="surgical-masks", title="医用外科口罩", language="zh", destination_country="FR", quantity=50_000
    )
    world.index_everything(products=[product, single_use], requests=[request])

    # The sister category (same HS heading, no text match) stays under the threshold …
    assert [p.product_id for p in matching_run_for_request(request_id=request.pk)] == [product.pk]

    # … and explains itself when the threshold is lowered.
    settings.MEDMATCH_MATCH_MIN_SCORE = 0
    proposals = matching_run_for_request(request_id=request.pk)
    by_product = {proposal.product_id: proposal for proposal in proposals}
    assert set(by_product) == {product.pk, single_use.pk}
    category = next(item for item in by_product[single_use.pk].criteria if item["criterion"] == "category")
    assert category["status"] == "partial"
    assert by_product[single_use.pk].score < by_product[product.pk].score


# --- upserts ---


def test_running_twice_yields_the_same_proposals(clean_indexes: str) -> None:
    maker = world.vendor("Tianjin Hengrui Medical")
    products = [_mask(maker, f"Surgical mask Type IIR {n}", stock=n) for n in range(3)]
    request = _lyon_request()
    world.index_everything(products=products, requests=[request])

    first = matching_run_for_request(request_id=request.pk)
    events = AuditEvent.objects.count()
    second = matching_run_for_request(request_id=request.pk)
    third = matching_run_for_product(product_id=products[0].pk)

    assert [(p.pk, p.product_id, p.score, p.status) for p in first] == [
        (p.pk, p.product_id, p.score, p.status) for p in second
    ]
    assert Proposal.objects.filter(request=request).count() == 3
    assert AuditEvent.objects.count() == events  # no state changed
    assert [p.pk for p in third] == [p.pk for p in first if p.product_id == products[0].pk]


def test_a_changed_product_updates_its_proposal_in_place(clean_indexes: str) -> None:
    maker = world.vendor("Xiamen Dexin Medical")
    product = _mask(maker, "Surgical mask Type IIR")
    request = _lyon_request()
    world.index_everything(products=[product], requests=[request])
    [before] = matching_run_for_request(request_id=request.pk)

    Product.objects.filter(pk=product.pk).update(capacity_per_day=3_000, stock=0)
    _reindex_product(product)
    [after] = matching_run_for_product(product_id=product.pk)

    assert after.pk == before.pk
    assert after.score < before.score
    assert after.fingerprint != before.fingerprint
    assert after.computed_at > before.computed_at


def test_rejected_pair_comes_back_only_after_a_material_change(clean_indexes: str) -> None:
    maker = world.vendor("Qingdao Yongkang Medical")
    product = _mask(maker, "Surgical mask Type IIR", capacity_per_day=3_000, stock=0)
    request = _lyon_request()
    world.index_everything(products=[product], requests=[request])
    [proposal] = matching_run_for_request(request_id=request.pk)
    proposal_reject(proposal=proposal, actor=StaffFactory(), reason="Not enough capacity.")

    assert matching_run_for_request(request_id=request.pk) == []
    # A new name is not material: still rejected.
    Product.objects.filter(pk=product.pk).update(names={"en": "Surgical mask Type IIR, blue"})
    _reindex_product(product)
    assert matching_run_for_product(product_id=product.pk) == []
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.REJECTED

    # More capacity is: the same row goes back to the queue.
    Product.objects.filter(pk=product.pk).update(capacity_per_day=50_000)
    _reindex_product(product)
    [again] = matching_run_for_product(product_id=product.pk)

    assert again.pk == proposal.pk
    assert again.status == ProposalStatus.PROPOSED
    assert again.decision_reason == ""
    assert again.decided_by is None
    actions = list(
        AuditEvent.objects.filter(object_id=str(proposal.pk), action__startswith="proposals.")
        .order_by("id")
        .values_list("action", "from_state", "to_state")
    )
    assert actions == [
        ("proposals.proposed", "", "proposed"),
        ("proposals.rejected", "proposed", "rejected"),
        ("proposals.proposed", "rejected", "proposed"),
    ]


def test_approved_proposals_are_never_touched(clean_indexes: str) -> None:
    maker = world.vendor("Changsha Guangyi Medical")
    product = _mask(maker, "Surgical mask Type IIR")
    request = _lyon_request()
    world.index_everything(products=[product], requests=[request])
    [proposal] = matching_run_for_request(request_id=request.pk)
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.APPROVED)

    Product.objects.filter(pk=product.pk).update(status=ProductStatus.ARCHIVED)
    _reindex_product(product)
    matching_run_for_product(product_id=product.pk)
    matching_run_for_request(request_id=request.pk)
    purchase_request_transition(purchase_request=request, actor=None, status=RequestStatus.CLOSED)
    matching_run_for_request(request_id=request.pk)

    unchanged = Proposal.objects.get(pk=proposal.pk)
    assert unchanged.status == ProposalStatus.APPROVED
    assert unchanged.score == proposal.score
    assert unchanged.computed_at == proposal.computed_at


def test_a_pair_that_stops_qualifying_expires_and_comes_back(clean_indexes: str) -> None:
    maker = world.vendor("Nanjing Tiancheng Medical")
    product = _mask(maker, "Surgical mask Type IIR")
    request = _lyon_request()
    world.index_everything(products=[product], requests=[request])
    [proposal] = matching_run_for_request(request_id=request.pk)
    certificate = product.certificates.get()

    certificate.valid_until = world.days(-1)
    certificate.save()
    _reindex_product(product)
    assert matching_run_for_request(request_id=request.pk) == []
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.EXPIRED
    reason = AuditEvent.objects.filter(object_id=str(proposal.pk), to_state="expired").get().reason
    assert reason.startswith("no longer qualifies: EU asks for CE MDR and EN 14683 (surgical-masks): ")
    assert f"CE MDR certificate expired {world.days(-1).isoformat()}" in reason

    certificate.valid_until = world.days(300)
    certificate.save()
    _reindex_product(product)
    [back] = matching_run_for_request(request_id=request.pk)
    assert back.pk == proposal.pk
    assert back.status == ProposalStatus.PROPOSED


# --- the request's lifecycle ---


def test_proposals_expire_when_the_request_closes(clean_indexes: str) -> None:
    maker = world.vendor("Zhengzhou Ruide Medical")
    product = _mask(maker, "Surgical mask Type IIR")
    request = _lyon_request()
    world.index_everything(products=[product], requests=[request])
    [proposal] = matching_run_for_request(request_id=request.pk)

    purchase_request_transition(purchase_request=request, actor=None, status=RequestStatus.CLOSED)
    drain_and_refresh()
    result = matching_run_for_request(request_id=request.pk)

    assert result == []
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.EXPIRED
    # The request's percolator query left with it: new products no longer find it.
    assert engine.get_document(REQUEST_QUERIES.alias(), str(request.pk)) is None
    assert matching_run_for_product(product_id=product.pk) == []


def test_expire_stale_sweeps_what_events_missed(clean_indexes: str) -> None:
    maker = world.vendor("Chengdu Huakang Medical")
    product = _mask(maker, "Surgical mask Type IIR")
    other = _mask(maker, "Surgical mask Type IIR, second line")
    request = _lyon_request()
    world.index_everything(products=[product, other], requests=[request])
    assert len(matching_run_for_request(request_id=request.pk)) == 2
    Product.objects.filter(pk=other.pk).update(status=ProductStatus.DRAFT)

    assert proposals_expire_stale() == 1
    PurchaseRequest.objects.filter(pk=request.pk).update(status=RequestStatus.EXPIRED)
    assert proposals_expire_stale() == 1
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.EXPIRED}


# --- reverse ---


def test_reverse_matching_finds_open_requests_for_a_new_product(clean_indexes: str) -> None:
    lyon = _lyon_request()
    madrid = world.purchase_request(
        slug="surgical-masks", title="Mascarillas quirúrgicas", language="es", destination_country="ES"
    )
    us = world.purchase_request(slug="surgical-masks", title="Surgical masks", destination_country="US")
    gloves = world.purchase_request(
        slug="nitrile-examination-gloves", title="Nitrile gloves", destination_country="FR"
    )
    draft = _lyon_request(status=RequestStatus.DRAFT)
    world.index_everything(requests=[lyon, madrid, us, gloves, draft])
    assert engine.get_document(REQUEST_QUERIES.alias(), str(draft.pk)) is None

    product = _mask(world.vendor("Wuhan Xinhua Medical"), "Surgical mask Type IIR")
    _reindex_product(product)
    proposals = matching_run_for_product(product_id=product.pk)

    # EU requests only: the US one needs an FDA approval, the gloves one another category.
    assert {proposal.request_id for proposal in proposals} == {lyon.pk, madrid.pk}
    assert {proposal.source for proposal in proposals} == {"reverse"}
    # Forward matching of the same request agrees with it.
    [forward] = matching_run_for_request(request_id=lyon.pk)
    assert forward.pk == next(p.pk for p in proposals if p.request_id == lyon.pk)
    assert forward.source == "reverse"


def test_percolation_in_windows_of_the_newest_ids_finds_the_same_requests_in_the_same_order(
    clean_indexes: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """request_candidates takes the stored queries in windows of the newest ids (issue 14); with
    windows of two (then eight, then the rest) it answers what one pass over all of them answers."""
    # The US request (no EU certificate) is the oldest, so the windows are: the 2 newest, the 8
    # below them, then the rest (3 masks and the US one).
    us = world.purchase_request(slug="surgical-masks", title="Surgical masks", destination_country="US")
    masks = [
        world.purchase_request(
            slug="surgical-masks", title=f"Surgical masks lot {n}", destination_country="FR"
        )
        for n in range(13)
    ]
    gloves = world.purchase_request(
        slug="nitrile-examination-gloves", title="Nitrile gloves", destination_country="FR"
    )
    world.index_everything(requests=[*masks, gloves, us])
    product = _mask(world.vendor("Wuhan Xinhua Medical"), "Surgical mask Type IIR")
    _reindex_product(product)
    document = product_document(products_for_matching(product_ids=[product.pk])[product.pk])
    newest_first = sorted((request.pk for request in masks), reverse=True)

    one_pass = {size: request_candidates(document, size=size) for size in (3, 100)}
    monkeypatch.setattr(percolation, "PERCOLATE_WINDOW", 2)
    monkeypatch.setattr(percolation, "_WINDOW_MAX", 8)
    searches: list[dict[str, Any]] = []
    real_search = engine.search
    monkeypatch.setattr(
        engine, "search", lambda index, body: searches.append(body) or real_search(index, body)
    )
    windowed = {size: request_candidates(document, size=size) for size in (3, 100)}

    assert one_pass == {3: newest_first[:3], 100: newest_first}  # the EU mask requests, newest first
    assert windowed == one_pass
    percolations = [body for body in searches if "percolate" in str(body["query"])]
    assert len(percolations) == 2 + 3  # size 3: windows of 2 and 8; size 100: 2, 8 and the rest
    assert sum("gte" in str(body["query"]) for body in percolations) == 2 + 2


def test_reverse_matching_of_a_hidden_product_expires_its_proposals(clean_indexes: str) -> None:
    maker = world.vendor("Shijiazhuang Changcheng Medical")
    product = _mask(maker, "Surgical mask Type IIR")
    request = _lyon_request()
    world.index_everything(products=[product], requests=[request])
    [proposal] = matching_run_for_request(request_id=request.pk)

    Organization.objects.filter(pk=maker.pk).update(verification_status=VerificationStatus.REJECTED)
    touch("organization", maker.pk)
    drain_and_refresh()

    assert matching_run_for_product(product_id=product.pk) == []
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.EXPIRED


def test_percolator_documents_follow_requests_through_rebuilds_and_reconciliation(
    clean_indexes: str,
) -> None:
    requests = [_lyon_request(title=f"Surgical masks lot {n}") for n in range(3)]
    world.index_everything(requests=requests)

    report = search_reindex(entity="request_query")
    reports = {item.entity: item for item in search_reconcile_all(repair=False)}

    expected = PurchaseRequest.objects.filter(status__in=[RequestStatus.OPEN, RequestStatus.MATCHED]).count()
    assert report.documents == expected >= 3
    assert reports["request_query"].drift == 0
    assert engine.count(REQUEST_QUERIES.alias()) == expected
    for request in requests:
        document = engine.get_document(REQUEST_QUERIES.alias(), str(request.pk))
        assert document is not None
        assert document["_source"]["request_id"] == request.pk


# --- enqueueing ---


def test_enqueue_failures_are_logged_not_raised(broker_down: None, caplog: pytest.LogCaptureFixture) -> None:
    product = _mask(world.vendor("Guangzhou Boai Medical"), "Surgical mask Type IIR")

    with caplog.at_level(logging.WARNING, logger="matching"):
        matching_enqueue_for_changes(
            changed={"request": {1}, "product": {product.pk}, "organization": {product.vendor_id}}
        )

    failures = [
        record.getMessage() for record in caplog.records if "matching.enqueue_failed" in record.getMessage()
    ]
    assert len(failures) == 2  # one request, one product (the organisation's product is the same one)
    assert any("matching.match_request id=1" in message for message in failures)
    assert any(f"matching.match_product id={product.pk}" in message for message in failures)


def test_certificate_valid_today_but_not_on_the_needed_by_date(clean_indexes: str) -> None:
    maker = world.vendor("Suzhou Anxin Medical")
    product = _mask(
        maker,
        "Surgical mask Type IIR",
        certificates=[{**EU_MASK_CERTIFICATE, "valid_until": world.days(20)}],
    )
    soon = _lyon_request(needed_by=world.days(10))
    later = _lyon_request(needed_by=world.days(60))
    world.index_everything(products=[product], requests=[soon, later])

    assert len(matching_run_for_request(request_id=soon.pk)) == 1
    assert matching_run_for_request(request_id=later.pk) == []
    assert {p.request_id for p in matching_run_for_product(product_id=product.pk)} == {soon.pk}


def test_a_request_without_a_needed_by_date(clean_indexes: str) -> None:
    product = _mask(world.vendor("Hefei Kangtai"), "Surgical mask Type IIR")
    request = _lyon_request(needed_by=None)
    world.index_everything(products=[product], requests=[request])

    [proposal] = matching_run_for_request(request_id=request.pk)

    lead = next(item for item in proposal.criteria if item["criterion"] == "lead_time")
    assert "no needed-by date" in lead["detail"]
    capacity = next(item for item in proposal.criteria if item["criterion"] == "capacity")
    assert "within 30 days" in capacity["detail"]


def test_reverse_matching_after_the_certificate_arrives(clean_indexes: str) -> None:
    request = _lyon_request(required=["EN 14683"], target_unit_price=Decimal("0.08"), currency="USD")
    world.index_everything(requests=[request])
    product = _mask(world.vendor("Wuhan Xinhua Medical Devices"), "Surgical mask Type IIR", certificates=[])
    _reindex_product(product)
    assert matching_run_for_product(product_id=product.pk) == []  # no CE certificate yet

    certificate_for(product=product, markets=["EU"], standards=["CE MDR", "EN 14683"])
    _reindex_product(product)
    [proposal] = matching_run_for_product(product_id=product.pk)

    assert (proposal.request_id, proposal.source) == (request.pk, "reverse")


def test_a_rejected_proposal_that_comes_back_keeps_its_rejection_history(clean_indexes: str) -> None:
    """Issue 8, item 11: who rejected and why stays readable through proposals/{id}/audit/."""
    from rest_framework.test import APIClient

    from accounts.tests.factories import VendorUserFactory

    maker = world.vendor("Qingdao Yongkang Medical")
    product = _mask(maker, "Surgical mask Type IIR", capacity_per_day=3_000, stock=0)
    request = _lyon_request()
    world.index_everything(products=[product], requests=[request])
    [proposal] = matching_run_for_request(request_id=request.pk)
    reviewer = StaffFactory(email="reviewer@medmatch.example")
    proposal_reject(proposal=proposal, actor=reviewer, reason="Not enough capacity.")
    Product.objects.filter(pk=product.pk).update(capacity_per_day=50_000)
    _reindex_product(product)
    [again] = matching_run_for_product(product_id=product.pk)
    assert again.pk == proposal.pk

    client = APIClient()
    client.force_authenticate(StaffFactory())
    response = client.get(f"/api/v1/proposals/{proposal.pk}/audit/")

    assert response.status_code == 200
    events = response.json()["results"]  # newest first
    assert [event["action"] for event in events] == [
        "proposals.proposed",
        "proposals.rejected",
        "proposals.proposed",
    ]
    rejected = events[1]
    assert rejected["actor_email"] == "reviewer@medmatch.example"
    assert rejected["reason"] == "Not enough capacity."
    previous = events[0]["details"]["previous_decision"]
    assert previous["status"] == "rejected"
    assert previous["decided_by"] == reviewer.pk
    assert previous["reason"] == "Not enough capacity."

    vendor_client = APIClient()
    vendor_client.force_authenticate(VendorUserFactory(organization=maker))
    assert vendor_client.get(f"/api/v1/proposals/{proposal.pk}/audit/").status_code == 403


# --- reverse agrees with forward ---


def test_reverse_matching_proposes_exactly_what_forward_matching_ranks(
    clean_indexes: str, settings: Any
) -> None:
    """The batched reverse path (one multi-search, candidates loaded once, unreachable requests
    pruned) must select the same pairs, with the same scores and explanations, as running each
    request forward: both sides of the demo data, matched each way from scratch."""
    from demo.services.seed import demo_seed
    from search.indexing import ENTITIES

    settings.MEDMATCH_MATCH_TOP_N = 3  # a small N, so that the ranking decides, not only the rules
    demo_seed(scale=0.4)
    for entity in ENTITIES:
        search_reindex(entity=entity)
    requests = list(PurchaseRequest.objects.filter(status=RequestStatus.OPEN).order_by("pk"))
    forward = {
        (proposal.request_id, proposal.product_id): (proposal.score, proposal.criteria)
        for request in requests
        for proposal in matching_run_for_request(request_id=request.pk)
    }
    Proposal.objects.all().delete()

    for product_id in Product.objects.public().order_by("pk").values_list("pk", flat=True):
        matching_run_for_product(product_id=product_id)
    reverse = {
        (proposal.request_id, proposal.product_id): (proposal.score, proposal.criteria)
        for proposal in Proposal.objects.filter(status=ProposalStatus.PROPOSED)
    }
    assert len(forward) >= 10  # enough pairs for the comparison to mean something
    assert {request_id for request_id, _product in forward} != {requests[0].pk}
    assert reverse == forward
    assert set(Proposal.objects.values_list("source", flat=True)) == {"reverse"}
