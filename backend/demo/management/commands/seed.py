from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from demo.services.data import DEMO_PASSWORD
from demo.services.parties import demo_staff_user
from demo.services.seed import demo_seed
from organizations.models import Organization


class Command(BaseCommand):
    help = "Load the demo data set (scale 1: ~50 vendors, ~300 products, ~40 buyers, ~80 requests)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="multiply every count (e.g. 100)")
        parser.add_argument("--if-empty", action="store_true", help="do nothing if organisations exist")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] <= 0:
            raise CommandError("--scale must be positive")
        if options["if_empty"] and Organization.objects.exists():
            self.stdout.write("demo data: already present, nothing to do")
            return
        counts = demo_seed(scale=options["scale"], progress=lambda message: self.stdout.write(f"  {message}"))
        demo_staff_user()
        self.stdout.write(
            self.style.SUCCESS(
                f"demo data: {counts.vendors} vendors, {counts.buyers} buyers, {counts.products} products, "
                f"{counts.certificates} certificates, {counts.requests} requests, {counts.users} users"
            )
        )
        self.stdout.write(
            f"  sign in as staff@demo.medmatch.example (or vendorN@/buyerN@demo.medmatch.example) "
            f"with password {DEMO_PASSWORD!r}"
        )
