from django.db import migrations, models
from django.db.models import F


def existing_users_are_confirmed(apps, schema_editor):
    # Accounts made before e-mail confirmation existed keep working as they did.
    apps.get_model("accounts", "User").objects.update(email_confirmed_at=F("date_joined"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_user_session_generation_and_drop_authtoken")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_confirmed_at",
            field=models.DateTimeField(
                blank=True,
                null=True,
                help_text="When the owner opened the confirmation link; until then a registered "
                "account cannot sign in.",
            ),
        ),
        migrations.RunPython(existing_users_are_confirmed, migrations.RunPython.noop),
    ]
