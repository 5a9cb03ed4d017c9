"""Issue 12, durable intents: matching owed to a request or product is recorded in the database by
the outbox drain, completed by the run, re-driven by beat when its task was lost, parked with its
error after repeated failures, and never counted against an item during an outage."""

import datetime
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from catalog.tests.factories import ProductFactory
from matching.models import MatchIntent, MatchTarget
from matching.services import MAX_ATTEMPTS, matching_redrive, matching_run_intent
from matching.services import proposals as forward_matching
from organizations.tests.factories import VendorFactory
from outbox.services import outbox_drain, outbox_record
from purchasing.tests.factories import PurchaseRequestFactory
from search.client import _cached_client
from search.errors import SearchUnavailable

pytestmark = [pytest.mark.search, pytest.mark.django_db]


def _touch(entity: str, entity_id: int) -> None:
    with transaction.atomic():
        outbox_record(entity=entity, entity_id=entity_id)


def test_the_drain_records_matching_owed_for_requests_products_and_a_vendors_products(
    clean_indexes: str,
) -> None:
    vendor = VendorFactory(verified=True)
    products = [ProductFactory(vendor=vendor), ProductFactory(vendor=vendor)]
    request = PurchaseRequestFactory()
    _touch("request", request.pk)
    _touch("organization", vendor.pk)

    outbox_drain()

    intents = {(i.target, i.object_id): i for i in MatchIntent.objects.all()}
    assert set(intents) == {(MatchTarget.REQUEST, request.pk)} | {
        (MatchTarget.PRODUCT, p.pk) for p in products
    }
    assert all(intent.pending and intent.wanted_version > 0 for intent in intents.values())


def test_a_completed_run_is_recorded_and_a_later_change_makes_it_pending_again(clean_indexes: str) -> None:
    request = PurchaseRequestFactory()
    _touch("request", request.pk)
    outbox_drain()

    matching_run_intent(target=MatchTarget.REQUEST, object_id=request.pk)
    intent = MatchIntent.objects.get(target=MatchTarget.REQUEST, object_id=request.pk)
    assert not intent.pending
    assert intent.completed_at is not None
    done = intent.done_version

    _touch("request", request.pk)
    outbox_drain()
    intent.refresh_from_db()
    assert intent.pending
    assert intent.wanted_version > done


def test_beat_redrives_intents_whose_task_was_lost_and_only_those(
    clean_indexes: str, settings: Any, broker_down: None
) -> None:
    settings.MEDMATCH_MATCH_REDRIVE_AFTER_SECONDS = 60
    lost, fresh = PurchaseRequestFactory(), PurchaseRequestFactory()
    _touch("request", lost.pk)
    _touch("request", fresh.pk)
    outbox_drain()
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    MatchIntent.objects.filter(object_id=lost.pk).update(enqueued_at=long_ago)

    # The broker is down: nothing can be enqueued, the intent stays due.
    assert matching_redrive() == 0
    assert MatchIntent.objects.get(object_id=lost.pk).enqueued_at == long_ago


def test_beat_redrive_enqueues_the_lost_one_when_the_broker_is_up(clean_indexes: str, settings: Any) -> None:
    settings.MEDMATCH_MATCH_REDRIVE_AFTER_SECONDS = 60
    lost, fresh = PurchaseRequestFactory(), PurchaseRequestFactory()
    _touch("request", lost.pk)
    _touch("request", fresh.pk)
    outbox_drain()
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    MatchIntent.objects.filter(object_id=lost.pk).update(enqueued_at=long_ago)

    assert matching_redrive() == 1
    assert MatchIntent.objects.get(object_id=lost.pk).enqueued_at > long_ago
    # A parked intent is not re-driven.
    MatchIntent.objects.filter(object_id=lost.pk).update(enqueued_at=long_ago, parked_at=timezone.now())
    assert matching_redrive() == 0


def test_an_engine_outage_is_not_an_attempt(clean_indexes: str, settings: Any) -> None:
    request = PurchaseRequestFactory()
    _touch("request", request.pk)
    outbox_drain()

    unreachable = {**settings.OPENSEARCH, "url": "http://127.0.0.1:1", "timeout": 1}
    with override_settings(OPENSEARCH=unreachable), pytest.raises(SearchUnavailable):
        matching_run_intent(target=MatchTarget.REQUEST, object_id=request.pk)
    _cached_client.cache_clear()

    intent = MatchIntent.objects.get(target=MatchTarget.REQUEST, object_id=request.pk)
    assert (intent.attempts, intent.last_error, intent.parked_at) == (0, "", None)
    assert intent.pending


def test_a_poisoned_request_is_parked_with_its_error_after_max_attempts(
    clean_indexes: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one stand-in here: a bug in scoring, injected, since no real data makes scoring raise."""
    request = PurchaseRequestFactory()
    _touch("request", request.pk)
    outbox_drain()

    def broken(**_kwargs: object) -> object:
        raise ValueError("scoring bug")

    monkeypatch.setattr(forward_matching, "matching_evaluate_request", broken)
    for _ in range(MAX_ATTEMPTS):
        with pytest.raises(ValueError, match="scoring bug"):
            matching_run_intent(target=MatchTarget.REQUEST, object_id=request.pk)

    intent = MatchIntent.objects.get(target=MatchTarget.REQUEST, object_id=request.pk)
    assert intent.attempts == MAX_ATTEMPTS
    assert intent.parked_at is not None
    assert "ValueError: scoring bug" in intent.last_error
    # A new change to the request un-parks it: the data may have been fixed.
    _touch("request", request.pk)
    monkeypatch.undo()
    outbox_drain()
    intent.refresh_from_db()
    assert intent.parked_at is None
    assert intent.attempts == 0
