from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from outbox.reconciliation import search_reconcile_all
from search.errors import SearchUnavailable


class Command(BaseCommand):
    help = "Compare the search indexes with the database (counts and content hashes) and repair drift."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="report drift without repairing it")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            reports = search_reconcile_all(repair=not options["dry_run"])
        except SearchUnavailable as exc:
            raise CommandError(str(exc)) from exc
        verb = "would fix" if options["dry_run"] else "fixed"
        for report in reports:
            self.stdout.write(
                f"{report.entity}: database {report.expected}, index {report.indexed}; {verb} "
                f"{len(report.missing)} missing, {len(report.changed)} changed, {len(report.extra)} extra"
            )
