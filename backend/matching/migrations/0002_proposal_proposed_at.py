import django.utils.timezone
from django.db import migrations, models
from django.db.models import F


def copy_created_at(apps, schema_editor):
    Proposal = apps.get_model("matching", "Proposal")
    Proposal.objects.filter(proposed_at__isnull=True).update(proposed_at=F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="proposal",
            name="proposed_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(copy_created_at, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="proposal",
            name="proposed_at",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                help_text="When it last entered the review queue (its age counts from here).",
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(fields=["status", "proposed_at"], name="proposal_status_proposed_at"),
        ),
    ]
