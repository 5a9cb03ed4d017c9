"""Every engine-specific call sits here, so another client can sit beside it later.

Connection problems surface as ``SearchUnavailable``; callers decide whether
that is a 503 (search endpoints) or something to retry later (indexing).
"""

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy import exceptions as os_exceptions
from opensearchpy.helpers import bulk as os_bulk
from opensearchpy.helpers import scan as os_scan

from search.client import get_client
from search.config import current_config
from search.errors import SearchUnavailable
from search.indexes import IndexDefinition
from search.queries import facets_apart

logger = logging.getLogger("search")


@contextmanager
def _engine_call(operation: str) -> Iterator[OpenSearch]:
    try:
        yield get_client()
    except (os_exceptions.ConnectionError, os_exceptions.ConnectionTimeout) as exc:
        logger.warning("search.unavailable operation=%s error=%s", operation, exc)
        raise SearchUnavailable(f"The search engine is unavailable ({operation}).") from exc
    except os_exceptions.TransportError as exc:
        # 429 (circuit breaker, queue full) and 503 mean "overloaded, try later", not a bug.
        if exc.status_code in (429, 503):
            logger.warning("search.overloaded operation=%s status=%s", operation, exc.status_code)
            raise SearchUnavailable(f"The search engine is overloaded ({operation}).") from exc
        raise


def health(*, timeout: float = 3) -> dict[str, Any]:
    """The cluster's health; raises SearchUnavailable when it cannot be reached within ``timeout`` s."""
    with _engine_call("health") as client:
        result: dict[str, Any] = client.cluster.health(request_timeout=timeout)
        return result


def create_index(definition: IndexDefinition, version: int | None = None) -> str:
    """Create the physical index for ``version`` (default: the definition's) and return its name."""
    name = definition.physical_name(version)
    with _engine_call("create_index") as client:
        client.indices.create(index=name, body=definition.body())
    logger.info("search.index_created index=%s", name)
    return name


def ensure_index(definition: IndexDefinition) -> str:
    """Make sure the alias exists and points at an index; create the current version if not."""
    alias = definition.alias()
    with _engine_call("ensure_index") as client:
        if client.indices.exists_alias(name=alias):
            return alias
        name = definition.physical_name()
        if not client.indices.exists(index=name):
            try:
                client.indices.create(index=name, body=definition.body())
            except os_exceptions.RequestError as exc:
                # With several hosts a create that timed out is retried on another node, which
                # then finds the index the first attempt made: that index is the one we wanted.
                if exc.error != "resource_already_exists_exception":
                    raise
        client.indices.put_alias(index=name, name=alias)
    logger.info("search.alias_created alias=%s index=%s", alias, name)
    return alias


def swap_alias(definition: IndexDefinition, new_index: str) -> list[str]:
    """Point the alias at ``new_index`` in one atomic action; return the indexes it left."""
    alias = definition.alias()
    with _engine_call("swap_alias") as client:
        current = (
            list(client.indices.get_alias(name=alias).keys())
            if client.indices.exists_alias(name=alias)
            else []
        )
        actions: list[dict[str, Any]] = [{"remove": {"index": old, "alias": alias}} for old in current]
        actions.append({"add": {"index": new_index, "alias": alias}})
        client.indices.update_aliases(body={"actions": actions})
    return [old for old in current if old != new_index]


def delete_index(name: str) -> None:
    with _engine_call("delete_index") as client:
        client.indices.delete(index=name, ignore_unavailable=True)


def delete_indexes_with_prefix(prefix: str) -> None:
    """Delete every index whose name starts with ``prefix`` (tests and resets)."""
    if not prefix or prefix == "*":
        raise ValueError("Refusing to delete every index.")
    with _engine_call("delete_indexes") as client:
        client.indices.delete(index=f"{prefix}*", expand_wildcards="all")


# Rebuild-sized work (a refresh after millions of documents, a bulk request while the node merges)
# may take longer than an interactive call may wait.
LONG_TIMEOUT = 120


def refresh(index: str) -> None:
    with _engine_call("refresh") as client:
        client.indices.refresh(index=index, request_timeout=LONG_TIMEOUT)


# Per-item statuses that mean "the engine could not take it now", not "this document is bad".
_TRANSIENT_ITEM_STATUSES = {429, 503, "N/A"}


def _transient_item(error: dict[str, Any]) -> bool:
    detail: Any = next(iter(error.values()), {})
    if not isinstance(detail, dict):
        return False
    exception = detail.get("exception")
    if isinstance(exception, os_exceptions.ConnectionError | os_exceptions.ConnectionTimeout):
        return True
    return detail.get("status") in _TRANSIENT_ITEM_STATUSES


def bulk(actions: Iterable[dict[str, Any]], *, refresh_after: bool = False) -> tuple[int, list[Any]]:
    """Send bulk actions; returns (succeeded, errors) without raising on per-item errors.

    Raises SearchUnavailable when any item failed because the engine was unreachable or
    throttling (a chunk lost on the connection, 429, 503): those say nothing about the
    documents, and the caller retries the whole batch later (versions make replays harmless).
    """
    with _engine_call("bulk") as client:
        success, errors = os_bulk(
            client, actions, raise_on_error=False, raise_on_exception=False, refresh=refresh_after
        )
    item_errors = errors if isinstance(errors, list) else []
    transient = [error for error in item_errors if _transient_item(error)]
    if transient:
        logger.warning("search.bulk_transient items=%s first=%s", len(transient), str(transient[0])[:300])
        raise SearchUnavailable(
            "The search engine could not take the bulk request (unreachable or throttling)."
        )
    return success, item_errors


# A bulk request of about this size keeps the node busy without holding much in memory.
BULK_CHUNK_BYTES = 8 * 1024 * 1024
BULK_CHUNK_ACTIONS = 5000


def bulk_batches(batches: Iterable[list[dict[str, Any]]], *, threads: int = 2) -> tuple[int, list[Any]]:
    """Send batches of actions as bulk requests of at most ``BULK_CHUNK_BYTES`` each, from
    ``threads`` threads, so the engine indexes one batch while the caller builds the next.

    ``batches`` is consumed in the caller's thread (it may read the database); at most
    ``threads`` batches wait in memory. Returns (succeeded, errors) without raising on
    per-item errors.
    """
    succeeded = 0
    errors: list[Any] = []

    def collect(future: "Future[tuple[int, Any]]") -> None:
        nonlocal succeeded
        done, failed = future.result()
        succeeded += done
        errors.extend(failed if isinstance(failed, list) else [])

    with _engine_call("bulk") as client, ThreadPoolExecutor(threads, thread_name_prefix="bulk") as pool:
        pending: deque[Future[tuple[int, Any]]] = deque()
        for batch in batches:
            pending.append(
                pool.submit(
                    os_bulk,
                    client,
                    batch,
                    chunk_size=BULK_CHUNK_ACTIONS,
                    max_chunk_bytes=BULK_CHUNK_BYTES,
                    raise_on_error=False,
                    raise_on_exception=False,
                    request_timeout=LONG_TIMEOUT,
                )
            )
            while len(pending) > threads:
                collect(pending.popleft())
        while pending:
            collect(pending.popleft())
    return succeeded, errors


def index_document(index: str, doc_id: str, document: dict[str, Any], *, refresh_now: bool = False) -> None:
    with _engine_call("index") as client:
        client.index(index=index, id=doc_id, body=document, refresh=refresh_now)


def search(index: str, body: dict[str, Any]) -> dict[str, Any]:
    """Run a search; an index that was never built answers with no hits rather than an error."""
    with _engine_call("search") as client:
        try:
            result: dict[str, Any] = client.search(index=index, body=body)
        except os_exceptions.NotFoundError:
            logger.warning("search.index_missing index=%s", index)
            return {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, "aggregations": {}}
        return result


_NO_HITS: dict[str, Any] = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, "aggregations": {}}


def msearch(
    index: str, bodies: list[dict[str, Any]], *, timeout: float = LONG_TIMEOUT
) -> list[dict[str, Any]]:
    """Run several searches in one round trip; answers in the order of ``bodies``. An index that
    was never built answers with no hits; an overloaded node raises SearchUnavailable.

    The default ``timeout`` is background work's (matching sends many searches at once: it may
    wait longer than a page view)."""
    if not bodies:
        return []
    lines: list[dict[str, Any]] = []
    for body in bodies:
        lines.extend(({"index": index}, body))
    with _engine_call("msearch") as client:
        result = client.msearch(body=lines, request_timeout=timeout)
    answers: list[dict[str, Any]] = []
    for response in result["responses"]:
        error = response.get("error")
        if not error:
            answers.append(response)
            continue
        status = int(response.get("status") or 500)
        if status == 404:
            logger.warning("search.index_missing index=%s", index)
            answers.append(_NO_HITS)
        elif status in (429, 503):
            raise SearchUnavailable("The search engine is overloaded (msearch).")
        else:
            raise RuntimeError(f"msearch on {index} failed ({status}): {str(error)[:300]}")
    return answers


def faceted_search(index: str, body: dict[str, Any]) -> dict[str, Any]:
    """``search`` of a body with facets, answered as one: its hits and its facet counts are two
    searches in one round trip (``queries.facets_apart``), so the node can run them side by side
    and keep the facet counts in its request cache."""
    hits_body, facets_body = facets_apart(body)
    if facets_body is None:
        return search(index, body)
    hits, facets = msearch(index, [hits_body, facets_body], timeout=current_config().timeout)
    return {**hits, "aggregations": facets.get("aggregations", {})}


def percolate(index: str, field: str, document: dict[str, Any], *, size: int = 100) -> dict[str, Any]:
    """Find the stored queries in ``index`` that match ``document``."""
    body = {"size": size, "query": {"percolate": {"field": field, "document": document}}}
    return search(index, body)


def count(index: str) -> int:
    with _engine_call("count") as client:
        return int(client.count(index=index)["count"])


def physical_indexes(alias: str) -> list[str]:
    """The physical indexes named ``<alias>-v<N>``, whether or not the alias points at them."""
    with _engine_call("list_indexes") as client:
        found = client.indices.get(index=f"{alias}-v*", ignore_unavailable=True, allow_no_indices=True)
    return sorted(found.keys())


def mapping_gaps(definition: IndexDefinition) -> list[str]:
    """Fields the definition maps that the index behind its alias lacks (sorted); empty when the
    alias is missing. An index built by an older release lacks the fields added since, and a strict
    mapping refuses every document that carries them, so such an index must be rebuilt."""
    alias = definition.alias()
    wanted = set(definition.mappings.get("properties", {}))
    with _engine_call("get_mapping") as client:
        if not client.indices.exists_alias(name=alias):
            return []
        found = client.indices.get_mapping(index=alias)
    gaps: set[str] = set()
    for index in found.values():
        present = set(index.get("mappings", {}).get("properties", {}))
        gaps |= wanted - present
    return sorted(gaps)


def alias_targets(alias: str) -> list[str]:
    with _engine_call("get_alias") as client:
        if not client.indices.exists_alias(name=alias):
            return []
        return sorted(client.indices.get_alias(name=alias).keys())


def node_heap() -> dict[str, Any]:
    """JVM heap of the node(s): used and max bytes, and the share used."""
    with _engine_call("node_stats") as client:
        stats = client.nodes.stats(metric="jvm")
    heaps = [node["jvm"]["mem"] for node in stats.get("nodes", {}).values()]
    used = sum(int(heap["heap_used_in_bytes"]) for heap in heaps)
    limit = sum(int(heap["heap_max_in_bytes"]) for heap in heaps)
    return {
        "used_mb": used / 2**20,
        "max_mb": limit / 2**20,
        "used_percent": 100 * used / limit if limit else 0,
    }


def node_cpu_seconds() -> float:
    """CPU seconds the node process(es) have used since they started (user and system)."""
    with _engine_call("node_stats") as client:
        stats = client.nodes.stats(metric="process")
    return (
        sum(int(node["process"]["cpu"]["total_in_millis"]) for node in stats.get("nodes", {}).values()) / 1000
    )


def set_refresh_interval(index: str, interval: str) -> None:
    set_index_settings(index, {"refresh_interval": interval})


def set_index_settings(index: str, values: dict[str, Any]) -> None:
    """Change dynamic index settings (``None`` resets one to the node's default)."""
    with _engine_call("put_settings") as client:
        client.indices.put_settings(index=index, body={"index": values})


def index_settings(index: str) -> dict[str, Any]:
    """The index's own settings (``refresh_interval``, ``number_of_replicas`` …), flat."""
    with _engine_call("get_settings") as client:
        found = client.indices.get_settings(index=index, flat_settings=True)
    flat: dict[str, Any] = found.get(index, {}).get("settings", {})
    return {key.removeprefix("index."): value for key, value in flat.items()}


def id_hashes(index: str) -> dict[str, str]:
    """Every document id in ``index`` with its ``content_hash`` (for reconciliation)."""
    with _engine_call("scan") as client:
        return {
            hit["_id"]: hit.get("_source", {}).get("content_hash", "")
            for hit in os_scan(
                client, index=index, query={"query": {"match_all": {}}}, _source=["content_hash"], size=2000
            )
        }


def get_document(index: str, doc_id: str) -> dict[str, Any] | None:
    with _engine_call("get") as client:
        try:
            result: dict[str, Any] = client.get(index=index, id=doc_id)
        except os_exceptions.NotFoundError:
            return None
        return result


def delete_document(index: str, doc_id: str) -> None:
    with _engine_call("delete") as client:
        client.delete(index=index, id=doc_id, refresh=True, ignore=[404])
