"""A believable demo data set, generated deterministically.

At scale 1: ~50 vendors from several countries, ~300 products, ~40 buyers and
~80 purchase requests. ``scale`` multiplies every count (benchmarks use 100+).
Rows are bulk-inserted; the caller rebuilds the search index afterwards.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from demo.services.context import SeedContext, requirements_by_category
from demo.services.parties import seed_buyers, seed_people, seed_vendors
from demo.services.products import seed_certificates, seed_products
from demo.services.requests import seed_requests
from reference.models import Category, Market, Standard


@dataclass
class DemoCounts:
    vendors: int = 0
    buyers: int = 0
    users: int = 0
    products: int = 0
    certificates: int = 0
    requests: int = 0


@transaction.atomic
def demo_seed(
    *,
    scale: float = 1.0,
    progress: Callable[[str], None] | None = None,
    vendors: int | None = None,
    requests: int | None = None,
) -> DemoCounts:
    """Insert the demo data set ``scale`` times over. Requires the reference data migration.

    ``vendors`` and ``requests``, when given, replace the counts ``scale`` implies (the large
    benchmark data has fewer vendors and requests per product than the demo)."""
    say = progress or (lambda message: None)
    categories = list(Category.objects.all())
    if not categories:
        raise RuntimeError("No categories: run the migrations (they load the reference data) first.")
    context = SeedContext(
        rng=random.Random(2020),  # noqa: S311  deterministic demo data
        categories=categories,
        standards={standard.code: standard for standard in Standard.objects.all()},
        markets=list(Market.objects.all()),
        requirements=requirements_by_category(),
        today=timezone.localdate(),
    )
    counts = DemoCounts()
    vendor_count = max(1, vendors if vendors is not None else round(50 * scale))
    say(f"vendors and buyers: {vendor_count} + {max(1, round(40 * scale))}")
    vendor_rows = seed_vendors(context, vendor_count)
    buyers = seed_buyers(max(1, round(40 * scale)))
    counts.vendors, counts.buyers = len(vendor_rows), len(buyers)
    say("contacts and users")
    counts.users = seed_people(context, [*vendor_rows, *buyers])
    say(f"products: {max(1, round(300 * scale))}")
    products, product_standards = seed_products(context, vendor_rows, max(1, round(300 * scale)))
    counts.products = len(products)
    say("certificates")
    counts.certificates = seed_certificates(
        rng=context.rng,
        products=products,
        product_standards=product_standards,
        markets=context.markets,
        requirements=context.requirements,
        today=context.today,
    )
    request_count = max(1, requests if requests is not None else round(80 * scale))
    say(f"purchase requests: {request_count}")
    counts.requests = seed_requests(context, buyers, request_count)
    return counts
