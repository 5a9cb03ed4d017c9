"""The demo's purchase requests, in the buyers' languages."""

import datetime
from decimal import Decimal

from demo.services.context import SeedContext
from demo.services.data import END_USERS, REQUEST_LANGUAGE_BY_COUNTRY
from organizations.models import (
    Organization,
)
from purchasing.models import PurchaseRequest, RequestStatus
from reference.models import Standard


def seed_requests(context: SeedContext, buyers: list[Organization], count: int) -> int:
    rng = context.rng
    market_by_country = {country: market for market in context.markets for country in market.countries}
    rows = []
    request_standards: list[list[Standard]] = []
    for index in range(count):
        buyer = buyers[index % len(buyers)]
        category = context.categories[(index * 5) % len(context.categories)]
        names: dict[str, str] = category.names
        language = REQUEST_LANGUAGE_BY_COUNTRY.get(buyer.country, "en")
        title = names.get(language) or names.get("en", category.slug)
        quantity = rng.choice([10_000, 50_000, 100_000, 500_000, 1_000_000, 2_000_000])
        end_user = END_USERS[index % len(END_USERS)] if index % 4 == 0 else ""
        rows.append(
            PurchaseRequest(
                buyer=buyer,
                end_user=end_user,
                category=category,
                title=str(title),
                description=f"{title}: {quantity:,} for {end_user or buyer.name}.",
                language=language,
                quantity=quantity,
                unit="piece",
                destination_country=buyer.country,
                target_unit_price=Decimal(rng.choice(["0.10", "0.50", "2.00", "15.00", "1000.00"])),
                currency="USD",
                needed_by=context.today + datetime.timedelta(days=rng.choice([10, 20, 30, 45, 60, 90])),
                incoterm=rng.choice(["CIF", "FOB", "DAP"]),
                status=RequestStatus.OPEN if index % 8 != 7 else RequestStatus.DRAFT,
            )
        )
        market = market_by_country.get(buyer.country)
        wanted: list[Standard] = []
        if market is not None:
            for requirement in context.requirements.get(category.pk, []):
                if requirement.market_id == market.pk:
                    wanted.extend(list(requirement.standards.all())[:1])
        request_standards.append(wanted)
    requests = PurchaseRequest.objects.bulk_create(rows, batch_size=2000)
    through = PurchaseRequest.required_standards.through
    through.objects.bulk_create(
        [
            through(purchaserequest_id=request.pk, standard_id=standard.pk)
            for request, wanted in zip(requests, request_standards, strict=True)
            for standard in {s.pk: s for s in wanted}.values()
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    return len(requests)
