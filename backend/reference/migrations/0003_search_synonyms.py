"""Regional synonyms for search (barbijo, overol, cubrebocas tricapa, guantes de examinación …).

Re-runs the idempotent loader over reference/data/reference.json; the search indexes pick the
new terms up on their next rebuild (``manage.py search_reindex product organization``).
"""

from django.db import migrations

from reference.reference_data import reference_data_load


def load_reference_data(apps, schema_editor):
    reference_data_load(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0002_reference_data"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]
