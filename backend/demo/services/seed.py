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
def demo_seed(*, scale: float = 1.0, progress: Callable[[str], None] | None = None) -> DemoCounts:
    """Insert the demo data set ``scale`` times over. Requires the reference data migration."""
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
    say(f"vendors and buyers: {max(1, round(50 * scale))} + {max(1, round(40 * scale))}")
    vendors = seed_vendors(context, max(1, round(50 * scale)))
    buyers = seed_buyers(max(1, round(40 * scale)))
    counts.vendors, counts.buyers = len(vendors), len(buyers)
    say("contacts and users")
    counts.users = seed_people(context, [*vendors, *buyers])
    say(f"products: {max(1, round(300 * scale))}")
    products, product_standards = seed_products(context, vendors, max(1, round(300 * scale)))
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
    say(f"purchase requests: {max(1, round(80 * scale))}")
    counts.requests = seed_requests(context, buyers, max(1, round(80 * scale)))
    return counts
