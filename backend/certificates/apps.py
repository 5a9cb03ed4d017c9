from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = "Force-majeure certificates"

    def ready(self) -> None:
        from certificates import checks  # noqa: F401  (registers the start-up checks)
