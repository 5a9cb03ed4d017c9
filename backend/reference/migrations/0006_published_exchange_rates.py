"""The default exchange-rate table becomes a published one: the ECB euro foreign exchange reference
rates of 1 October 2019 (converted to US dollars through that day's EUR/USD rate), with the Saudi
riyal and UAE dirham at their central banks' fixed dollar pegs, which the ECB table lacks. Rows that
still hold the earlier unpublished approximations ("about 1 April 2020") are replaced; a rate an
admin edited is kept. Loaded from reference/data/reference.json by the idempotent loader.
"""

from django.db import migrations

from reference.reference_data import reference_data_load


def load_published_rates(apps, schema_editor):
    reference_data_load(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0005_export_markets_default_exchange_rates"),
    ]

    operations = [
        migrations.RunPython(load_published_rates, migrations.RunPython.noop),
    ]
