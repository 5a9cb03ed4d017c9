from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "MedMatch core"

    def ready(self) -> None:
        # Built from the task objects once every app is loaded, so a renamed task fails here.
        from config.celery import app
        from core.schedule import beat_schedule

        app.conf.beat_schedule = beat_schedule()
