"""Index writes: apply changes, rebuild an index, reconcile it with the database.

The database is the source of truth. Every write carries an external version
(the outbox row id, or the outbox high-water mark for rebuilds and repairs), so
replays and out-of-order deliveries can never overwrite newer data.
"""

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from search import engine
from search.errors import SearchUnavailable
from search.indexes import IndexDefinition

logger = logging.getLogger("search")

Builder = Callable[[Iterable[int]], dict[int, dict[str, Any]]]
# (source id, related id) pairs of the rows related to the given source ids.
RelatedPairs = Callable[[Iterable[int]], Iterable[tuple[int, int]]]


@dataclass(frozen=True)
class SideIndex:
    """Documents drawn from an entity's documents and shared by many of them (a category's name
    in every product of the category), one per distinct content under an id that content decides.

    They are written beside the entity's documents, never versioned nor deleted one by one (the
    same id always holds the same document); a rebuild of the entity builds this index afresh,
    which drops what no document refers to any more. ``documents`` gives them by id for one
    entity document."""

    definition: IndexDefinition
    documents: Callable[[dict[str, Any]], dict[str, dict[str, Any]]]


@dataclass(frozen=True)
class Entity:
    """An indexed kind of row: its index, its document builder, and the rows that belong in it."""

    name: str
    definition: IndexDefinition
    build: Builder
    queryset: Callable[[], QuerySet[Any]]
    # Built from another entity's rows: a change to that entity also rewrites this one
    # (same id, same external version).
    derived_from: str | None = None
    side: SideIndex | None = None


# Filled by the apps that own the rows (their AppConfig.ready, ``*.search_documents``), so this
# package knows no app: the apps know the index.
ENTITIES: dict[str, Entity] = {}
# source entity -> [(target entity, pairs)]: a change to a source row also changes these documents
# (an organisation change touches its products, say).
_RELATED: dict[str, dict[str, RelatedPairs]] = {}


def entity_register(entity: Entity) -> None:
    ENTITIES[entity.name] = entity


def related_register(*, source: str, target: str, pairs: RelatedPairs) -> None:
    """A change to ``source`` #id also re-indexes ``target`` #related for each pair ``pairs`` gives."""
    _RELATED.setdefault(source, {})[target] = pairs


def _derived(source: str) -> list[str]:
    return [name for name, entity in ENTITIES.items() if entity.derived_from == source]


@dataclass(frozen=True)
class Change:
    """``entity`` #``entity_id`` changed; ``version`` orders the changes (the outbox row id)."""

    entity: str
    entity_id: int
    version: int


@dataclass
class ApplyResult:
    indexed: int = 0
    deleted: int = 0
    stale: int = 0  # a newer version was already in the index
    failed: dict[tuple[str, int], str] = field(default_factory=dict)


def ensure_indexes() -> None:
    for entity in ENTITIES.values():
        engine.ensure_index(entity.definition)
        if entity.side is not None:
            engine.ensure_index(entity.side.definition)


def _side_target(entity_name: str) -> str:
    """The key of an entity's side index in a ``targets`` map (entity name -> index)."""
    return f"{entity_name}.side"


def _live_targets() -> dict[str, str]:
    """Every entity's alias, and its side index's, as ``targets`` for writes to the live indexes."""
    targets = {name: entity.definition.alias() for name, entity in ENTITIES.items()}
    for name, entity in ENTITIES.items():
        if entity.side is not None:
            targets[_side_target(name)] = entity.side.definition.alias()
    return targets


def _side_actions(
    actions: Iterable[dict[str, Any]], targets: dict[str, str], seen: set[tuple[str, str]] | None = None
) -> Iterator[dict[str, Any]]:
    """Writes of the side documents of the documents ``actions`` index, each distinct one once
    (``seen``, shared across calls, remembers those already written by a rebuild)."""
    seen = set() if seen is None else seen
    # index -> (side documents of its entity's documents, side index), or None: no side index.
    sides: dict[str, tuple[Callable[[dict[str, Any]], dict[str, dict[str, Any]]], str] | None] = {}
    for action in actions:
        if action["_op_type"] != "index":
            continue
        if action["_index"] not in sides:
            entity_name = _entity_for_index(action["_index"], targets)
            entity = ENTITIES.get(entity_name)
            side_index = targets.get(_side_target(entity_name))
            sides[action["_index"]] = (
                (entity.side.documents, side_index) if entity and entity.side and side_index else None
            )
        side = sides[action["_index"]]
        if side is None:
            continue
        documents, index = side
        for doc_id, document in documents(action["_source"]).items():
            if (index, doc_id) not in seen:
                seen.add((index, doc_id))
                yield {"_op_type": "index", "_index": index, "_id": doc_id, "_source": document}


def _is_side_index(index_name: str) -> bool:
    return any(
        entity.side is not None and index_name.startswith(entity.side.definition.alias())
        for entity in ENTITIES.values()
    )


def _expand(changes: Iterable[Change]) -> dict[tuple[str, int], int]:
    """Latest version per (entity, id), with the derived and related documents each change touches."""
    latest: dict[tuple[str, int], int] = {}
    by_source: dict[str, dict[int, int]] = {}
    for change in changes:
        for name in (change.entity, *_derived(change.entity)):
            key = (name, change.entity_id)
            latest[key] = max(latest.get(key, 0), change.version)
        if change.entity in _RELATED:
            versions = by_source.setdefault(change.entity, {})
            versions[change.entity_id] = max(versions.get(change.entity_id, 0), change.version)
    for source, versions in by_source.items():
        for target, pairs in _RELATED[source].items():
            for source_id, target_id in pairs(versions):
                key = (target, target_id)
                latest[key] = max(latest.get(key, 0), versions[source_id])
    return latest


def _actions(
    latest: dict[tuple[str, int], int], targets: dict[str, str], version_type: str
) -> Iterator[dict[str, Any]]:
    by_entity: dict[str, dict[int, int]] = {}
    for (entity_name, entity_id), version in latest.items():
        by_entity.setdefault(entity_name, {})[entity_id] = version
    for entity_name, versions in by_entity.items():
        entity = ENTITIES[entity_name]
        built = entity.build(versions.keys())
        index = targets[entity_name]
        for entity_id, version in versions.items():
            base = {"_index": index, "_id": str(entity_id), "version": version, "version_type": version_type}
            if entity_id in built:
                yield {**base, "_op_type": "index", "_source": built[entity_id]}
            else:
                yield {**base, "_op_type": "delete"}


def apply_changes(
    changes: Iterable[Change],
    *,
    targets: dict[str, str] | None = None,
    version_type: str = "external",
    refresh: bool = False,
) -> ApplyResult:
    """Bring the index up to date for ``changes``. Raises SearchUnavailable if the engine is down."""
    latest = _expand(changes)
    if not latest:
        return ApplyResult()
    if targets is None:
        ensure_indexes()
        targets = _live_targets()
    result = ApplyResult()
    actions = list(_actions(latest, targets, version_type))
    _success, errors = engine.bulk([*actions, *_side_actions(actions, targets)], refresh_after=refresh)
    errors_by_key: dict[tuple[str, int], tuple[str, dict[str, Any]]] = {}
    for error in errors:
        operation, detail = next(iter(error.items()))
        if _is_side_index(detail.get("_index", "")):
            # Not a reason to retry the document: its side documents are rewritten with its next
            # change, and every rebuild writes them all.
            logger.warning("search.side_write_failed detail=%s", str(detail)[:300])
            continue
        errors_by_key[(_entity_for_index(detail.get("_index", "")), int(detail["_id"]))] = (operation, detail)
    for action in actions:
        key = (_entity_for_index(action["_index"]), int(action["_id"]))
        failure = errors_by_key.get(key)
        if failure is None:
            if action["_op_type"] == "index":
                result.indexed += 1
            else:
                result.deleted += 1
            continue
        operation, detail = failure
        if detail.get("status") == 409:
            result.stale += 1
        elif operation == "delete" and detail.get("status") == 404:
            result.deleted += 1
        else:
            result.failed[key] = str(detail.get("error", detail))[:500]
    _fail_sources(result)
    if result.failed:
        logger.warning(
            "search.apply_failed count=%s first=%s", len(result.failed), next(iter(result.failed.items()))
        )
    return result


def _fail_sources(result: ApplyResult) -> None:
    """A failed derived document fails its source row too, so the outbox retries both."""
    for (entity_name, entity_id), error in list(result.failed.items()):
        source = ENTITIES[entity_name].derived_from if entity_name in ENTITIES else None
        if source is not None:
            result.failed.setdefault((source, entity_id), error)


def _entity_for_index(index_name: str, targets: dict[str, str] | None = None) -> str:
    """The entity whose index (an alias, a physical index, or a value of ``targets``) this is."""
    for name, target in (targets or {}).items():
        if target == index_name and name in ENTITIES:
            return name
    for name, entity in ENTITIES.items():
        if index_name.startswith(entity.definition.alias()):
            return name
    return ""


# While a new index is built nobody searches it: no refreshes, no replicas, no fsync per request.
REBUILD: dict[str, Any] = {"refresh_interval": "-1", "number_of_replicas": 0, "translog.durability": "async"}


@dataclass
class ReindexReport:
    index: str
    documents: int
    seconds: float
    caught_up: int
    removed_indexes: list[str]
    side_documents: int = 0  # distinct documents written to the entity's side index

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def _next_version(definition: IndexDefinition) -> int:
    """One more than the highest existing physical version of ``definition``."""
    existing = engine.physical_indexes(definition.alias())
    versions = [definition.version]
    for name in existing:
        suffix = name.rsplit("-v", 1)[-1]
        if suffix.isdigit():
            versions.append(int(suffix) + 1)
    return max(versions)


def reindex(
    entity_name: str,
    *,
    high_water: int,
    changes_since: Callable[[int], list[Change]],
    batch_size: int = 1000,
    keep_old: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ReindexReport:
    """Build a new physical index from the database and swap the alias to it atomically.

    Documents carry version ``high_water`` (the outbox high-water mark taken before
    reading). Writes made meanwhile are replayed from ``changes_since(high_water)``
    into the new index before and after the swap; searches keep using the old
    index until the swap.
    """
    entity = ENTITIES[entity_name]
    definition = entity.definition
    started = time.monotonic()
    new_index = engine.create_index(definition, version=_next_version(definition))
    live_settings = {key: value for key, value in engine.index_settings(new_index).items() if key in REBUILD}
    targets = _live_targets()
    targets[entity_name] = new_index
    # The side index is built afresh beside the entity's and swapped with it.
    new_side = (
        engine.create_index(entity.side.definition, version=_next_version(entity.side.definition))
        if entity.side is not None
        else None
    )
    building = [new_index, *([new_side] if new_side else [])]
    if new_side:
        targets[_side_target(entity_name)] = new_side
    for index in building:
        engine.set_index_settings(index, REBUILD)
    ids = list(entity.queryset().order_by("pk").values_list("pk", flat=True))
    total = len(ids)
    done = 0
    side_written: set[tuple[str, str]] = set()

    def batches() -> Iterator[list[dict[str, Any]]]:
        nonlocal done
        for start in range(0, len(ids), batch_size):
            built = entity.build(ids[start : start + batch_size])
            actions = [
                {
                    "_op_type": "index",
                    "_index": new_index,
                    "_id": str(entity_id),
                    "version": high_water,
                    "version_type": "external_gte",
                    "_source": document,
                }
                for entity_id, document in built.items()
            ]
            yield [*actions, *_side_actions(actions, targets, side_written)]
            done += len(built)
            if progress:
                progress(done, total)

    _success, errors = engine.bulk_batches(batches())
    if errors:
        for index in building:
            engine.delete_index(index)
        raise RuntimeError(f"reindex of {new_index} failed: {errors[:3]}")
    # Back to the settings the index was created with (None: the node's default) before it serves.
    for index in building:
        engine.set_index_settings(index, {key: live_settings.get(key) for key in REBUILD})
    caught_up = 0
    # The changes that can touch this index: its own rows', its source's, and related rows'.
    sources = {entity_name, *([entity.derived_from] if entity.derived_from else [])} | {
        source for source, targets in _RELATED.items() if entity_name in targets
    }
    pending = [change for change in changes_since(high_water) if change.entity in sources]
    if pending:
        caught_up += apply_changes(pending, targets={**targets}, version_type="external").indexed
    for index in building:
        engine.refresh(index)
    removed = engine.swap_alias(definition, new_index)
    # Either order serves suggestions: a side document's id is its content's, the same in both.
    removed_side = engine.swap_alias(entity.side.definition, new_side) if entity.side and new_side else []
    # Writes that reached the old index between the catch-up and the swap.
    late = [change for change in changes_since(high_water) if change.entity in sources]
    if late:
        caught_up += apply_changes(late, version_type="external").indexed
    if not keep_old:
        for old in [*removed, *removed_side]:
            engine.delete_index(old)
    seconds = time.monotonic() - started
    logger.info(
        "search.reindexed index=%s docs=%s side_docs=%s seconds=%.1f",
        new_index,
        done,
        len(side_written),
        seconds,
    )
    return ReindexReport(
        new_index, done, seconds, caught_up, [] if keep_old else removed, side_documents=len(side_written)
    )


@dataclass
class ReconcileReport:
    entity: str
    expected: int
    indexed: int
    missing: list[int] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)

    @property
    def drift(self) -> int:
        return len(self.missing) + len(self.changed) + len(self.extra)


def reconcile(
    entity_name: str, *, high_water: int, repair: bool = True, batch_size: int = 1000
) -> ReconcileReport:
    """Compare the index with the database by ids and content hashes; repair drift if asked."""
    entity = ENTITIES[entity_name]
    engine.ensure_index(entity.definition)
    alias = entity.definition.alias()
    engine.refresh(alias)  # compare with everything written so far, not the last refresh
    indexed = engine.id_hashes(alias)
    ids = list(entity.queryset().order_by("pk").values_list("pk", flat=True))
    report = ReconcileReport(entity_name, expected=len(ids), indexed=len(indexed))
    for start in range(0, len(ids), batch_size):
        built = entity.build(ids[start : start + batch_size])
        for entity_id, document in built.items():
            current = indexed.pop(str(entity_id), None)
            if current is None:
                report.missing.append(entity_id)
            elif current != document["content_hash"]:
                report.changed.append(entity_id)
    report.extra = sorted(int(doc_id) for doc_id in indexed)
    if repair and report.drift:
        changes = [
            Change(entity_name, entity_id, high_water)
            for entity_id in [*report.missing, *report.changed, *report.extra]
        ]
        targets = _live_targets()
        # Only this entity: an organisation's products are reconciled on their own.
        latest = {(entity_name, change.entity_id): change.version for change in changes}
        actions = list(_actions(latest, targets, "external_gte"))
        _success, errors = engine.bulk([*actions, *_side_actions(actions, targets)], refresh_after=True)
        if errors:
            logger.warning("search.reconcile_errors entity=%s errors=%s", entity_name, errors[:3])
    return report


__all__ = [
    "ENTITIES",
    "ApplyResult",
    "Change",
    "Entity",
    "ReconcileReport",
    "ReindexReport",
    "SearchUnavailable",
    "SideIndex",
    "apply_changes",
    "ensure_indexes",
    "entity_register",
    "reconcile",
    "reindex",
    "related_register",
]
