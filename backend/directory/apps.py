from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The public supplier directory's HTTP API: product and supplier search and suggestions."""

    name = "directory"
    verbose_name = "Directory search"
