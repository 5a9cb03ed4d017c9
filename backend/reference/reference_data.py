"""Load the reference data (taxonomy, standards, markets, market rules) from ``data/reference.json``.

Used by the data migration with historical models, so it takes an app registry
instead of importing the models. Loading is idempotent: categories are keyed by
slug, standards by code, markets by code, a requirement row by its market,
category, mode and set of standards, and an exchange rate by its currency (added only
when missing, so an admin's edit survives).
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, TypedDict

from django.apps.registry import Apps

REFERENCE_DATA_PATH = Path(__file__).resolve().parent / "data" / "reference.json"


class LoadReport(TypedDict):
    exchange_rates: int
    categories: int
    standards: int
    markets: int
    requirements_created: int


def reference_data_read(*, path: Path = REFERENCE_DATA_PATH) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# The first default table: rounded figures "about 1 April 2020" that no one published. A row that
# still holds it is replaced by the published table; a row an admin edited is not.
SUPERSEDED_RATE_SOURCE = "indicative default (about 1 April 2020); edit in the admin"
_RATE_PLACES = Decimal("0.0000000001")  # the model's ten decimal places


class RateRow(TypedDict):
    usd_per_unit: Decimal
    source: str


def exchange_rate_table(data: dict[str, Any]) -> dict[str, RateRow]:
    """US dollars per unit of each currency in the bundled table.

    ``per_euro`` holds a published euro reference table (units of each currency per euro, as
    published), converted here through the same day's EUR/USD rate; ``pegged_to_usd`` holds the
    currencies that table does not cover but that are fixed to the dollar by their central bank.
    """
    source = data.get("source", "")
    per_euro = {code: Decimal(rate) for code, rate in data.get("per_euro", {}).items()}
    table: dict[str, RateRow] = {}
    if per_euro:
        usd_per_euro = per_euro["USD"]
        table["USD"] = {"usd_per_unit": Decimal(1), "source": source}
        table["EUR"] = {"usd_per_unit": usd_per_euro, "source": source}
        for code, units in per_euro.items():
            if code != "USD":
                usd_per_unit = (usd_per_euro / units).quantize(_RATE_PLACES)
                table[code] = {"usd_per_unit": usd_per_unit, "source": source}
    for code, peg in data.get("pegged_to_usd", {}).items():
        table[code] = {
            "usd_per_unit": (Decimal(1) / Decimal(peg["per_usd"])).quantize(_RATE_PLACES),
            "source": peg["source"],
        }
    for code, rate in data.get("usd_per_unit", {}).items():  # a table given directly in dollars
        table[code] = {"usd_per_unit": Decimal(rate), "source": source}
    return table


def _exchange_rates_load(*, apps: Apps, data: dict[str, Any] | None) -> int:
    """Add the default rate of each currency that has none, and replace rows that still hold the
    superseded unpublished defaults; a rate admins edited is kept."""
    try:
        rate_model: Any = apps.get_model("reference", "ExchangeRate")
    except LookupError:  # an older migration's state, before the table existed
        return 0
    if not data:
        return 0
    as_of = datetime.date.fromisoformat(data["as_of"])
    written = 0
    for currency, row in exchange_rate_table(data).items():
        defaults = {"usd_per_unit": row["usd_per_unit"], "as_of": as_of, "source": row["source"]}
        superseded = rate_model.objects.filter(currency=currency, source=SUPERSEDED_RATE_SOURCE)
        written += superseded.update(**defaults)
        _rate, was_created = rate_model.objects.get_or_create(currency=currency, defaults=defaults)
        written += int(was_created)
    return written


def reference_data_load(*, apps: Apps, data: dict[str, Any] | None = None) -> LoadReport:
    """Create or update every row in ``data`` (default: the bundled JSON); never deletes."""
    data = data if data is not None else reference_data_read()
    category_model: Any = apps.get_model("reference", "Category")
    standard_model: Any = apps.get_model("reference", "Standard")
    market_model: Any = apps.get_model("reference", "Market")
    requirement_model: Any = apps.get_model("reference", "MarketRequirement")

    standards = {
        item["code"]: standard_model.objects.update_or_create(
            code=item["code"],
            defaults={"title": item["title"], "kind": item["kind"], "region": item.get("region", "")},
        )[0]
        for item in data.get("standards", [])
    }
    # Older migrations run this with a Market that has no kind yet.
    market_has_kind = any(field.name == "kind" for field in market_model._meta.get_fields())
    markets = {
        item["code"]: market_model.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "countries": item.get("countries", []),
                **({"kind": item.get("kind", "import")} if market_has_kind else {}),
            },
        )[0]
        for item in data.get("markets", [])
    }
    categories = {
        item["slug"]: category_model.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "hs_code": item["hs_code"],
                "hs_version": item.get("hs_version", "HS2017"),
                "hs2022_code": item.get("hs2022_code", ""),
                "hs_note": item.get("hs_note", ""),
                "names": item["names"],
                "synonyms": item.get("synonyms", {}),
            },
        )[0]
        for item in data.get("categories", [])
    }
    # Parents are set in a second pass so the JSON need not list parents first.
    for item in data.get("categories", []):
        category = categories[item["slug"]]
        parent = categories.get(item["parent"]) if item.get("parent") else None
        if category.parent_id != (parent.pk if parent else None):
            category.parent = parent
            category.save(update_fields=["parent"])

    created = 0
    for item in data.get("requirements", []):
        market = markets.get(item["market"]) or market_model.objects.get(code=item["market"])
        category = categories.get(item["category"]) or category_model.objects.get(slug=item["category"])
        wanted = {standards.get(code) or standard_model.objects.get(code=code) for code in item["standards"]}
        wanted_ids = {standard.pk for standard in wanted}
        existing = None
        for row in requirement_model.objects.filter(market=market, category=category, mode=item["mode"]):
            if set(row.standards.values_list("pk", flat=True)) == wanted_ids:
                existing = row
                break
        if existing is None:
            existing = requirement_model.objects.create(
                market=market, category=category, mode=item["mode"], note=item.get("note", "")
            )
            existing.standards.set(wanted)
            created += 1
        elif existing.note != item.get("note", ""):
            existing.note = item.get("note", "")
            existing.save(update_fields=["note"])

    rates = _exchange_rates_load(apps=apps, data=data.get("exchange_rates"))
    return {
        "exchange_rates": rates,
        "categories": len(categories),
        "standards": len(standards),
        "markets": len(markets),
        "requirements_created": created,
    }
