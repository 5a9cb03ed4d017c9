from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"

    def ready(self) -> None:
        # The index of this app's rows: the search package knows no app, so the app tells it.
        from catalog.search_documents import search_entities_register

        search_entities_register()
