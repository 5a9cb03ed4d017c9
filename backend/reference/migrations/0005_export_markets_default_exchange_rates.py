"""Export-from-China is an export market (its rules apply by the product's origin), and a default
exchange-rate table for the currencies the app offers, so that prices in other currencies are
compared under the defaults. Both are edited by admins afterwards; this never overwrites an edit.

The rates are indicative US dollars per unit around 1 April 2020 (when the Chinese export rules
began), rounded; admins should replace them with the rates their trade body uses.
"""

import datetime
from decimal import Decimal

from django.db import migrations

EXPORT_MARKETS = ("CN-EXPORT",)
RATES_AS_OF = datetime.date(2020, 4, 1)
DEFAULT_RATES = {
    "USD": "1",
    "EUR": "1.10",
    "CNY": "0.141",
    "GBP": "1.24",
    "JPY": "0.0093",
    "CHF": "1.04",
    "RUB": "0.0127",
    "SAR": "0.266",
    "AED": "0.272",
    "INR": "0.0132",
    "BRL": "0.19",
    "CAD": "0.71",
    "AUD": "0.61",
    "KRW": "0.00082",
}
SOURCE = "indicative default (about 1 April 2020); edit in the admin"


def forwards(apps, schema_editor):
    market_model = apps.get_model("reference", "Market")
    market_model.objects.filter(code__in=EXPORT_MARKETS).update(kind="export")
    rate_model = apps.get_model("reference", "ExchangeRate")
    for currency, rate in DEFAULT_RATES.items():
        rate_model.objects.get_or_create(
            currency=currency,
            defaults={"usd_per_unit": Decimal(rate), "as_of": RATES_AS_OF, "source": SOURCE},
        )


def backwards(apps, schema_editor):
    apps.get_model("reference", "Market").objects.filter(code__in=EXPORT_MARKETS).update(kind="import")
    apps.get_model("reference", "ExchangeRate").objects.filter(source=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0004_market_kind_exchange_rates"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
