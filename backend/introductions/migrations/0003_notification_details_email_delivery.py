import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('introductions', '0002_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EmailDelivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('kind', models.CharField(choices=[('introduction', 'Introduction'), ('reminder', 'Reminder')], max_length=16)),
                ('sequence', models.PositiveSmallIntegerField(default=0, help_text='0 for the introduction, n for the n-th reminder.')),
                ('party', models.CharField(help_text='vendor or buyer: the side the recipient is on.', max_length=8)),
                ('to_email', models.EmailField(max_length=254)),
                ('language', models.CharField(default='en', max_length=8)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('last_error', models.TextField(blank=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('failed_at', models.DateTimeField(blank=True, help_text='Set when the server refused it for good (not retried).', null=True)),
            ],
            options={
                'verbose_name_plural': 'e-mail deliveries',
                'ordering': ['id'],
            },
        ),
        migrations.AddField(
            model_name='notification',
            name='details',
            field=models.JSONField(blank=True, default=dict, help_text='What the message is about, for clients that word it themselves: {"status": "deal", …}'),
        ),
        migrations.AddIndex(
            model_name='notification',
            index=models.Index(fields=['user', 'read_at'], name='notification_user_read'),
        ),
        migrations.AddField(
            model_name='emaildelivery',
            name='introduction',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='emails', to='introductions.introduction'),
        ),
        migrations.AddField(
            model_name='emaildelivery',
            name='user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddIndex(
            model_name='emaildelivery',
            index=models.Index(fields=['sent_at', 'failed_at', 'created_at'], name='email_pending'),
        ),
        migrations.AddConstraint(
            model_name='emaildelivery',
            constraint=models.UniqueConstraint(fields=('introduction', 'kind', 'sequence', 'to_email'), name='one_email_per_address'),
        ),
    ]
