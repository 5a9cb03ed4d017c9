from django.db import migrations, models


class Migration(migrations.Migration):
    """Sign-out-everywhere's session generation, and the end of DRF's never-expiring tokens:
    API tokens are django-rest-knox's now (hashed, expiring), so the old table goes. Clients
    holding an old token get a 401 and ask auth/token/ for a new one."""

    dependencies = [
        ("accounts", "0003_user_is_adviser"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="session_generation",
            field=models.PositiveIntegerField(
                default=0,
                help_text='Raised by "sign out everywhere": every session signed in before it ends.',
            ),
        ),
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop),
    ]
