from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Search outbox"

    def ready(self) -> None:
        from core.selectors import health_check_register
        from outbox.selectors import outbox_health

        health_check_register(name="outbox", label="outbox backlog", check=outbox_health)
