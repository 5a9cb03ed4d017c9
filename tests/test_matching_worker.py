"""Matching through a real Celery worker: the task itself, and the whole chain from a new request
(outbox → drain task → matching task) to proposals in the database."""

import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from catalog.models import Product
from catalog.tests.factories import ProductFactory
from conftest import wait_for_task_done
from matching.models import MatchIntent, MatchTarget, Proposal, ProposalStatus
from matching.tasks import match_request
from organizations.tests.factories import BuyerFactory, VendorFactory
from purchasing.models import PurchaseRequest, RequestStatus
from purchasing.services.requests import purchase_request_create
from purchasing.tests.factories import PurchaseRequestFactory
from reference.models import Category
from reference.tests.factories import CategoryFactory
from tests.matching_eval import world
from tests.search_helpers import drain_and_refresh, touch

pytestmark = [pytest.mark.celery, pytest.mark.search, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    world.use_temporary_media(settings, tmp_path)


def _category() -> Category:
    """A category of its own (no market rules): the test does not depend on reference data."""
    return CategoryFactory(
        slug="worker-test-oximeters", hs_code="9998.19", names={"en": "Pulse oximeters", "fr": "Oxymètres"}
    )


def _oximeter(category: Category) -> Product:
    return ProductFactory(
        vendor=VendorFactory(verified=True),
        category=category,
        names={"en": "Fingertip pulse oximeter"},
        capacity_per_day=5_000,
        stock=20_000,
        min_order_quantity=100,
    )


def test_matching_runs_on_a_worker_and_follows_a_new_request(
    celery_worker_process: subprocess.Popen[bytes], clean_indexes: str
) -> None:
    """One test on purpose: the flush after a transactional test recreates the content types with
    new ids, which a session-long worker (that cached the old ones for the audit trail) cannot see."""
    category = _category()
    product = _oximeter(category)
    request = PurchaseRequestFactory(category=category, title="Pulse oximeters", quantity=10_000)
    # Both changes in one transaction, so one drain takes both rows (each commit enqueues a drain
    # task, and the worker's drain of the product alone enqueued reverse matching, which could
    # make the proposal before the forward task below ran). Whichever drain takes them, this one
    # or the worker's (which enqueues the request's matching before the product's), the pair is
    # first proposed by forward matching.
    with transaction.atomic():
        touch("product", product.pk)
        touch("request", request.pk)
    drain_and_refresh()

    # The task itself, sent through Redis to the worker (its return value is in the worker's log).
    answer = f"{{'request': {request.pk}, 'proposals': 1}}"
    assert answer in wait_for_task_done(clean_indexes, match_request.delay(request.pk).id)

    proposal = Proposal.objects.get(request=request)
    assert (proposal.product_id, proposal.status, proposal.source) == (product.pk, "proposed", "forward")
    # The matching the drain recorded as owed is recorded as done.
    intent = MatchIntent.objects.get(target=MatchTarget.REQUEST, object_id=request.pk)
    assert intent.completed_at is not None
    assert intent.done_version == intent.wanted_version > 0
    # Safe to run twice: same row, nothing new.
    assert answer in wait_for_task_done(clean_indexes, match_request.delay(request.pk).id)
    assert list(Proposal.objects.filter(request=request).values_list("pk", flat=True)) == [proposal.pk]

    # The whole chain: the service records the outbox row; after commit the drain task runs on
    # the worker, indexes the request and enqueues matching, which writes the proposals.
    created: PurchaseRequest = purchase_request_create(
        buyer=BuyerFactory(),
        actor=None,
        values={
            "title": "Oxymètres de pouls",
            "language": "fr",
            "category": category.pk,
            "quantity": 10_000,
            "destination_country": "FR",
        },
        status=RequestStatus.OPEN,
    )
    found: list[Proposal] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not found:
        found = list(Proposal.objects.filter(request=created))
        time.sleep(0.2)

    assert [(p.product_id, p.status) for p in found] == [(product.pk, ProposalStatus.PROPOSED)]
