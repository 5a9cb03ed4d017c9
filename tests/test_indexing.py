"""The indexing pipeline against the real node: outbox drain, versions, rebuilds, reconciliation."""

import threading
import time

import pytest
from django.test import Client

from catalog.models import ProductStatus
from catalog.tests.factories import ProductFactory
from organizations.models import VerificationStatus
from outbox.models import OutboxEntry
from outbox.reconciliation import search_reconcile_all, search_reindex
from outbox.services import outbox_drain, outbox_high_water
from reference.tests.factories import CategoryFactory
from search import engine
from search.indexes import PRODUCT_SUGGESTIONS, PRODUCTS, SUPPLIERS
from search.indexing import Change, apply_changes
from tests.search_helpers import drain_and_refresh, touch

pytestmark = [pytest.mark.search, pytest.mark.django_db]


def _product_ids() -> set[int]:
    response = engine.search(PRODUCTS.alias(), {"size": 1000, "query": {"match_all": {}}, "_source": ["id"]})
    return {hit["_source"]["id"] for hit in response["hits"]["hits"]}


def _product_source(product_id: int) -> dict[str, object]:
    document = engine.get_document(PRODUCTS.alias(), str(product_id))
    assert document is not None, f"product {product_id} is not indexed"
    return dict(document["_source"])


def test_create_update_delete_flow_through_the_outbox(clean_indexes: str) -> None:
    product = ProductFactory(names={"en": "Nitrile examination gloves", "zh": "丁腈检查手套"})
    touch("product", product.pk)
    drain_and_refresh()
    assert _product_source(product.pk)["name_zh"] == "丁腈检查手套"

    product.names = {"en": "Nitrile gloves, powder-free"}
    product.save()
    touch("product", product.pk)
    drain_and_refresh()
    assert _product_source(product.pk)["name_en"] == "Nitrile gloves, powder-free"

    product_id = product.pk
    product.delete()
    touch("product", product_id, delete=True)
    drain_and_refresh()
    assert product_id not in _product_ids()
    assert not OutboxEntry.objects.filter(processed_at__isnull=True).exists()


def test_unpublishing_and_unverifying_remove_documents(clean_indexes: str) -> None:
    draft = ProductFactory()
    other = ProductFactory()
    for product in (draft, other):
        touch("product", product.pk)
    touch("organization", other.vendor_id)
    drain_and_refresh()
    assert _product_ids() == {draft.pk, other.pk}

    draft.status = ProductStatus.DRAFT
    draft.save()
    touch("product", draft.pk)
    other.vendor.verification_status = VerificationStatus.REJECTED
    other.vendor.save()
    touch("organization", other.vendor_id)  # an organisation change re-indexes its products
    drain_and_refresh()

    assert _product_ids() == set()
    assert engine.get_document(SUPPLIERS.alias(), str(other.vendor_id)) is None


def test_replaying_the_same_outbox_rows_twice_is_harmless(clean_indexes: str) -> None:
    products = ProductFactory.create_batch(3)
    for product in products:
        touch("product", product.pk)
    rows = list(OutboxEntry.objects.order_by("id"))
    changes = [Change(row.entity, row.entity_id, row.pk) for row in rows]

    first = apply_changes(changes, refresh=True)
    second = apply_changes(changes, refresh=True)

    # Each product, and its vendor's supplier document (which aggregates the vendor's products).
    assert first.indexed == 3 + 3
    assert second.indexed == 0
    assert second.stale == 3 + 3  # same versions: the engine refused to re-apply them
    assert _product_ids() == {product.pk for product in products}


def test_an_older_version_arriving_late_never_overwrites_a_newer_one(clean_indexes: str) -> None:
    product = ProductFactory(names={"en": "Version ten"})
    apply_changes([Change("product", product.pk, 10)], refresh=True)
    product.names = {"en": "Stale content"}
    product.save()

    late = apply_changes([Change("product", product.pk, 5)], refresh=True)

    assert late.stale == 2  # the product and its vendor's supplier document
    assert _product_source(product.pk)["name_en"] == "Version ten"


def test_rebuild_swaps_the_alias_while_searches_keep_answering(clean_indexes: str) -> None:
    products = ProductFactory.create_batch(30)
    for product in products:
        touch("product", product.pk)
    drain_and_refresh()
    old_indexes = engine.alias_targets(PRODUCTS.alias())
    answers: list[int] = []
    failures: list[Exception] = []
    stop = threading.Event()

    def keep_searching() -> None:
        while not stop.is_set():
            try:
                response = engine.search(PRODUCTS.alias(), {"size": 0, "query": {"match_all": {}}})
                answers.append(response["hits"]["total"]["value"])
            except Exception as exc:  # noqa: BLE001  any failure is what this test looks for
                failures.append(exc)
            time.sleep(0.005)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        report = search_reindex(entity="product", batch_size=7)
        time.sleep(0.1)
    finally:
        stop.set()
        searcher.join()

    assert failures == []
    assert len(answers) > 5
    assert all(count == 30 for count in answers), set(answers)
    assert report.documents == 30
    assert engine.alias_targets(PRODUCTS.alias()) == [report.index]
    assert report.index not in old_indexes
    assert report.removed_indexes == old_indexes


def test_rebuild_catches_up_on_writes_made_meanwhile(clean_indexes: str) -> None:
    early = ProductFactory.create_batch(2)
    for product in early:
        touch("product", product.pk)
    drain_and_refresh()
    created_meanwhile: list[int] = []

    def write_during_rebuild(done: int, total: int) -> None:
        if not created_meanwhile:  # after the rebuild has read its list of rows
            product = ProductFactory()
            touch("product", product.pk)
            created_meanwhile.append(product.pk)

    report = search_reindex(entity="product", batch_size=1, progress=write_during_rebuild)
    engine.refresh(PRODUCTS.alias())

    assert report.documents == 2
    assert report.caught_up >= 1
    assert _product_ids() == {early[0].pk, early[1].pk, created_meanwhile[0]}


def test_reconcile_reports_and_repairs_drift(clean_indexes: str) -> None:
    kept, changed = ProductFactory.create_batch(2)
    for product in (kept, changed):
        touch("product", product.pk)
    drain_and_refresh()
    missing = ProductFactory()  # written by a path that forgot its outbox row
    changed.names = {"en": "Changed without an outbox row"}
    changed.save()
    engine.index_document(PRODUCTS.alias(), "999999", {"id": 999999}, refresh_now=True)
    engine.refresh(PRODUCTS.alias())

    reports = {report.entity: report for report in search_reconcile_all(repair=True)}
    engine.refresh(PRODUCTS.alias())
    again = {report.entity: report for report in search_reconcile_all(repair=False)}

    assert reports["product"].missing == [missing.pk]
    assert reports["product"].changed == [changed.pk]
    assert reports["product"].extra == [999999]
    assert again["product"].drift == 0
    assert _product_ids() == {kept.pk, changed.pk, missing.pk}
    assert _product_source(changed.pk)["name_en"] == "Changed without an outbox row"


def test_drain_reports_high_water_and_leaves_nothing_pending(clean_indexes: str) -> None:
    product = ProductFactory()
    touch("product", product.pk)

    report = outbox_drain()

    assert report.rows == 1
    assert report.indexed == 2  # the product and its vendor's supplier document
    assert outbox_high_water() == OutboxEntry.objects.get().pk


def test_largest_numbers_a_product_accepts_are_indexed(clean_indexes: str) -> None:
    """The API's bounds are the mapping's: the largest accepted values index without an error."""
    from core.validators import INTEGER_MAX

    product = ProductFactory(
        capacity_per_day=INTEGER_MAX,
        stock=INTEGER_MAX,
        min_order_quantity=INTEGER_MAX,
        lead_time_days=INTEGER_MAX,
    )
    touch("product", product.pk)
    drain_and_refresh()

    source = _product_source(product.pk)
    assert source["capacity_per_day"] == INTEGER_MAX
    assert source["stock"] == INTEGER_MAX


def test_rebuild_runs_without_refreshes_or_replicas_and_restores_them_before_the_swap(
    clean_indexes: str,
) -> None:
    products = ProductFactory.create_batch(5)
    for product in products:
        touch("product", product.pk)
    drain_and_refresh()
    live = engine.alias_targets(PRODUCTS.alias())
    live_suggestions = engine.alias_targets(PRODUCT_SUGGESTIONS.alias())
    during: list[dict[str, object]] = []
    during_suggestions: list[dict[str, object]] = []

    def look_at_the_new_index(done: int, total: int) -> None:
        [building] = [name for name in engine.physical_indexes(PRODUCTS.alias()) if name not in live]
        during.append(engine.index_settings(building))
        [suggestions] = [
            name
            for name in engine.physical_indexes(PRODUCT_SUGGESTIONS.alias())
            if name not in live_suggestions
        ]
        during_suggestions.append(engine.index_settings(suggestions))

    report = search_reindex(entity="product", batch_size=2, progress=look_at_the_new_index)
    after = engine.index_settings(report.index)
    [new_suggestions] = engine.alias_targets(PRODUCT_SUGGESTIONS.alias())
    after_suggestions = engine.index_settings(new_suggestions)

    assert len(during) == 3
    assert {item["refresh_interval"] for item in during} == {"-1"}
    assert {item["number_of_replicas"] for item in during} == {"0"}
    assert {item["translog.durability"] for item in during} == {"async"}
    assert "refresh_interval" not in after  # back to the node's default (1 s)
    assert "translog.durability" not in after
    assert after["number_of_replicas"] == "0"  # the configured number (OPENSEARCH_REPLICAS)
    assert engine.alias_targets(PRODUCTS.alias()) == [report.index]
    # The product suggestions are built beside the products, the same way.
    assert {item["refresh_interval"] for item in during_suggestions} == {"-1"}
    assert {item["number_of_replicas"] for item in during_suggestions} == {"0"}
    assert "refresh_interval" not in after_suggestions
    assert "translog.durability" not in after_suggestions
    assert new_suggestions not in live_suggestions


def test_bulk_and_row_builders_give_identical_documents(clean_indexes: str) -> None:
    """The rebuild builds from values() rows, single writes may use product_document: one content."""
    from catalog.search_documents import product_document, product_documents, product_queryset
    from catalog.tests.factories import certificate_for

    products = ProductFactory.create_batch(6)
    certificate_for(product=products[0], markets=("EU",), standards=("CE MDR",))
    certificate_for(product=products[0], markets=("US",), standards=("FDA 510(k)",), number="K-1")
    certificate_for(product=products[1], markets=(), standards=("ISO 13485",), number="ISO-1")
    ids = [product.pk for product in products]

    from_rows = product_documents(ids)
    from_objects = {
        product.pk: product_document(product) for product in product_queryset().filter(pk__in=ids)
    }

    assert set(from_rows) == set(ids)
    assert from_rows == from_objects
    assert len(from_rows[products[0].pk]["certificates"]) == 2


def test_a_certificate_awaiting_review_is_neither_in_the_document_nor_in_the_facet(
    clean_indexes: str,
) -> None:
    """Item 8.9: scoring ignores a certificate staff have not approved; search must ignore it too."""
    from django.test import Client

    from accounts.tests.factories import StaffFactory
    from catalog.tests.factories import certificate_for
    from organizations.services.documents import document_review

    approved_and_pending = ProductFactory()
    only_pending = ProductFactory()
    certificate_for(product=approved_and_pending, markets=("EU",), standards=("CE MDR",), number="CE-1")
    pending_us = certificate_for(
        product=approved_and_pending,
        markets=("US",),
        standards=("FDA 510(k)",),
        number="K-1",
        review_status="pending",
    )
    certificate_for(
        product=only_pending,
        markets=("US",),
        standards=("FDA 510(k)",),
        number="K-2",
        review_status="pending",
    )
    certificate_for(
        product=only_pending, markets=("GB",), standards=(), number="R-1", review_status="rejected"
    )
    for product in (approved_and_pending, only_pending):
        touch("product", product.pk)
        touch("organization", product.vendor_id)
    drain_and_refresh()

    first, second = _product_source(approved_and_pending.pk), _product_source(only_pending.pk)
    assert first["certificate_markets"] == ["EU"]
    assert [entry["markets"] for entry in first["certificates"]] == [["EU"]]  # type: ignore[union-attr]
    assert (second["certificate_markets"], second["certificates"]) == ([], [])
    supplier = engine.get_document(SUPPLIERS.alias(), str(only_pending.vendor_id))
    assert supplier is not None
    assert supplier["_source"]["certificate_markets"] == []

    def market_facet(url: str) -> dict[str, int]:
        response = Client().get(url, {"page_size": 50})
        assert response.status_code == 200, response.content
        return {bucket["key"]: bucket["count"] for bucket in response.json()["facets"]["market"]}

    assert market_facet("/api/v1/search/products/") == {"EU": 1}
    assert market_facet("/api/v1/search/suppliers/") == {"EU": 1}
    us_only = Client().get("/api/v1/search/products/", {"market": "US"})
    assert us_only.status_code == 200
    assert us_only.json()["results"] == []

    # Once staff approve it, the review re-indexes the product and the market counts.
    document_review(document=pending_us, actor=StaffFactory(), approve=True)
    drain_and_refresh()
    assert _product_source(approved_and_pending.pk)["certificate_markets"] == ["EU", "US"]
    assert market_facet("/api/v1/search/products/") == {"EU": 1, "US": 1}


def test_an_index_an_older_release_built_is_rebuilt_at_start_up(clean_indexes: str) -> None:
    """`search_reindex --if-missing` (what `make run` runs at start) rebuilds an index that lacks a
    field the code now maps: the strict mapping would refuse every new document otherwise."""
    import dataclasses
    import io

    from django.core.management import call_command

    properties = dict(PRODUCTS.mappings["properties"])
    del properties["vendor_matchable"]
    older = dataclasses.replace(PRODUCTS, mappings={**PRODUCTS.mappings, "properties": properties})
    engine.ensure_index(older)
    assert engine.mapping_gaps(PRODUCTS) == ["vendor_matchable"]
    product = ProductFactory()

    out = io.StringIO()
    call_command("search_reindex", "product", "--if-missing", "--no-progress", stdout=out)
    assert "(lacks vendor_matchable), rebuilding" in out.getvalue()
    assert engine.mapping_gaps(PRODUCTS) == []
    assert _product_source(product.id)["vendor_matchable"] is True

    out = io.StringIO()
    call_command("search_reindex", "product", "--if-missing", "--no-progress", stdout=out)
    assert "present, skipped" in out.getvalue()


def _suggested(prefix: str) -> list[dict[str, object]]:
    response = Client().get("/api/v1/search/suggest/", {"q": prefix, "size": 20})
    assert response.status_code == 200, response.content
    return list(response.json()["products"])


def _suggestion_texts() -> set[str]:
    engine.refresh(PRODUCT_SUGGESTIONS.alias())
    response = engine.search(PRODUCT_SUGGESTIONS.alias(), {"size": 1000, "query": {"match_all": {}}})
    return {hit["_source"]["text"] for hit in response["hits"]["hits"]}


def test_suggestion_texts_are_indexed_once_however_many_products_carry_them(clean_indexes: str) -> None:
    category = CategoryFactory(names={"en": "Surgical masks", "fr": "Masques chirurgicaux"})
    products = [ProductFactory(category=category, names={"en": "Type IIR mask"}) for _ in range(4)]
    for product in products:
        touch("product", product.pk)
    drain_and_refresh()

    report = search_reindex(entity="product", batch_size=2)

    assert _suggestion_texts() == {"Type IIR mask", "Surgical masks", "Masques chirurgicaux"}
    assert report.side_documents == 3
    assert engine.count(PRODUCT_SUGGESTIONS.alias()) == 3
    suggested = _suggested("masq")  # through the category's French name only
    assert {item["id"] for item in suggested} == {product.pk for product in products}
    assert {item["label"] for item in suggested} == {"Type IIR mask"}


def test_suggestions_follow_product_writes_between_rebuilds(clean_indexes: str) -> None:
    product = ProductFactory(names={"en": "Nitrile examination gloves"})
    touch("product", product.pk)
    drain_and_refresh()
    assert [item["id"] for item in _suggested("nitr")] == [product.pk]

    product.names = {"en": "Isolation gown, AAMI level 2"}
    product.save()
    touch("product", product.pk)
    drain_and_refresh()
    assert _suggested("isol") == [{"id": product.pk, "label": "Isolation gown, AAMI level 2"}]
    # The old name's text stays until the next rebuild, but no product carries it any more.
    assert "Nitrile examination gloves" in _suggestion_texts()
    assert _suggested("nitr") == []

    product_id = product.pk
    product.delete()
    touch("product", product_id, delete=True)
    drain_and_refresh()
    assert _suggested("isol") == []

    search_reindex(entity="product")
    assert "Nitrile examination gloves" not in _suggestion_texts()
