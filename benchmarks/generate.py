"""Large demo data for the benchmarks: resumable, with a progress bar.

    .venv/bin/python -m benchmarks.generate --products N   (inside a benchmark's database)

The data is the demo's (``demo.services.seed.demo_seed``), added in slices of ``SLICE_SCALE`` (3,000
products, with their vendors, buyers, certificates and requests), each slice in its own
transaction: an interrupted generation keeps the slices it committed, and running it again
adds only what is missing.
"""

import time
from typing import Any

SLICE_SCALE = 10  # demo scale of one slice: 3,000 products, 500 vendors, 800 requests


def generate(*, products: int, show_progress: bool = True) -> dict[str, Any]:
    """Add demo slices until the database holds at least ``products`` products; returns counts,
    the seconds spent and this process's peak RSS."""
    from tqdm import tqdm

    from benchmarks.common import peak_rss_mb
    from catalog.models import Product
    from demo.services.seed import demo_seed
    from organizations.models import Organization, OrganizationKind
    from purchasing.models import PurchaseRequest

    started = time.perf_counter()
    have = Product.objects.count()
    added = 0
    with tqdm(total=products, initial=min(have, products), unit="products", disable=not show_progress) as bar:
        while have < products:
            missing = products - have
            scale = min(SLICE_SCALE, max(missing / 300, 1 / 300))
            counts = demo_seed(scale=scale)  # one transaction per slice
            have += counts.products
            added += counts.products
            bar.update(counts.products)
    seconds = time.perf_counter() - started
    return {
        "products": Product.objects.count(),
        "vendors": Organization.objects.filter(kind=OrganizationKind.VENDOR).count(),
        "requests": PurchaseRequest.objects.count(),
        "added_products": added,
        "seconds": seconds,
        "products_per_s": added / seconds if added and seconds else 0.0,
        "generator_peak_rss_mb": peak_rss_mb(),
    }
