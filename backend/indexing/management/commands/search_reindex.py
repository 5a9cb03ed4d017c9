from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from outbox.reconciliation import search_reindex
from search import engine, indexing
from search.errors import SearchUnavailable


class Command(BaseCommand):
    help = (
        "Rebuild search indexes from the database without downtime (new version, then an atomic alias swap)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("entities", nargs="*", choices=[*indexing.ENTITIES, []], help="default: all")
        parser.add_argument("--keep-old", action="store_true", help="keep the previous index version")
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="only build indexes whose alias is missing or whose index lacks a field the code maps",
        )
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        entities = options["entities"] or list(indexing.ENTITIES)
        try:
            for name in entities:
                definition = indexing.ENTITIES[name].definition
                side = indexing.ENTITIES[name].side
                alias = definition.alias()
                if options["if_missing"] and engine.alias_targets(alias):
                    gaps = engine.mapping_gaps(definition)
                    # The side index is built with the entity's (product suggestions with products).
                    side_alias = side.definition.alias() if side is not None else None
                    side_missing = side_alias is not None and not engine.alias_targets(side_alias)
                    if not gaps and not side_missing:
                        self.stdout.write(f"{alias}: present, skipped")
                        continue
                    if gaps:
                        missing = ", ".join(gaps)
                        self.stdout.write(f"{alias}: built by an older release (lacks {missing}), rebuilding")
                    else:
                        self.stdout.write(f"{alias}: {side_alias} is missing, rebuilding both")
                bar = tqdm(total=0, unit="docs", desc=alias, disable=options["no_progress"], file=self.stderr)

                def progress(done: int, total: int, bar: tqdm = bar) -> None:  # type: ignore[type-arg]
                    bar.total = total
                    bar.update(done - bar.n)

                report = search_reindex(
                    entity=name,
                    keep_old=options["keep_old"],
                    batch_size=options["batch_size"],
                    progress=progress,
                )
                bar.close()
                self.stdout.write(
                    f"{alias} -> {report.index}: {report.documents} docs in {report.seconds:.1f} s "
                    f"({report.docs_per_second:,.0f} docs/s), {report.caught_up} caught up"
                    + (f", dropped {', '.join(report.removed_indexes)}" if report.removed_indexes else "")
                )
        except SearchUnavailable as exc:
            raise CommandError(f"{exc} Start it with `make search-start`.") from exc
