"""Export-from-China becomes an export market (its rules apply by the product's origin), and the
default exchange-rate table (indicative US dollars per unit around 1 April 2020, when the
Chinese export rules began) is added, so that prices in other currencies are compared under the
defaults. Both come from reference/data/reference.json through the idempotent loader; admins
edit them afterwards (a rate that exists is never overwritten).
"""

from django.db import migrations

from reference.reference_data import reference_data_load


def load_reference_data(apps, schema_editor):
    reference_data_load(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0004_market_kind_exchange_rates"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]
