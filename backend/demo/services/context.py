"""What every step of the demo seed shares: the seeded random generator and the reference
data (categories, standards, markets and their requirements), loaded once.
"""

import datetime
import random
from dataclasses import dataclass

from reference.models import Category, Market, MarketRequirement, Standard


def requirements_by_category() -> dict[int, list[MarketRequirement]]:
    by_category: dict[int, list[MarketRequirement]] = {}
    for requirement in MarketRequirement.objects.prefetch_related("standards").select_related("market"):
        by_category.setdefault(requirement.category_id, []).append(requirement)
    return by_category


@dataclass
class SeedContext:
    rng: random.Random
    categories: list[Category]
    standards: dict[str, Standard]
    markets: list[Market]
    requirements: dict[int, list[MarketRequirement]]
    today: datetime.date
