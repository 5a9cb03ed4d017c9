from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run` and the benchmarks (the ``seed`` command); no models of its own."""

    name = "demo"
