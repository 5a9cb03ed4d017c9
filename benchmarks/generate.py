"""Large demo data for the benchmarks: resumable, with a progress bar.

    .venv/bin/python -m benchmarks.generate --products 1000000 --vendors 50000 --requests 100000

(with the environment ``scripts/bench.sh`` exports; it seeds the database ``bench_indexing.py``
uses, so ``bench_indexing.py --reuse`` indexes it). The data is the demo's
(``demo.services.seed.demo_seed``), added in slices of ``SLICE_SCALE`` (3,000 products, with their
vendors, buyers, certificates and requests), each slice in its own transaction: an interrupted
generation keeps the slices it committed, and running it again adds only what is missing.
``vendors`` and ``requests`` set the totals to aim for (each slice gets its share); without them
the demo's proportions hold (50 vendors and 80 requests per 300 products).
"""

import argparse
import sys
import time
from pathlib import Path
from typing import Any

SLICE_SCALE = 10  # demo scale of one slice: 3,000 products, 500 vendors, 800 requests


def generate(
    *,
    products: int,
    vendors: int | None = None,
    requests: int | None = None,
    show_progress: bool = True,
) -> dict[str, Any]:
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
            share = round(300 * scale) / products  # this slice's share of every total
            counts = demo_seed(  # one transaction per slice
                scale=scale,
                vendors=None if vendors is None else max(1, round(vendors * share)),
                requests=None if requests is None else max(1, round(requests * share)),
            )
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, required=True, help="products to reach")
    parser.add_argument("--vendors", type=int, help="vendors to reach (default: the demo's share)")
    parser.add_argument("--requests", type=int, help="purchase requests to reach (default: the demo's share)")
    args = parser.parse_args()
    repo = Path(__file__).resolve().parent.parent
    for path in (repo / "backend", repo):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    from benchmarks import common

    common.setup("indexing", reuse=True)
    with common.media_root():
        print(generate(products=args.products, vendors=args.vendors, requests=args.requests))


if __name__ == "__main__":
    main()
