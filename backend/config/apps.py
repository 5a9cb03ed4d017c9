from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The composition root as an app: it alone may know every other app (URLs, Celery, beat).

    Listed last in INSTALLED_APPS, so every task module can be imported when it is ready.
    """

    name = "config"
    verbose_name = "MedMatch wiring"

    def ready(self) -> None:
        # Built from the task objects once every app is loaded, so a renamed task fails here.
        from config.celery import app
        from config.schedule import beat_schedule

        app.conf.beat_schedule = beat_schedule()
