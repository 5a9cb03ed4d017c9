from django.apps import AppConfig


class PurchasingConfig(AppConfig):
    name = "purchasing"
    verbose_name = "Purchase requests"

    def ready(self) -> None:
        # The index of this app's rows: the search package knows no app, so the app tells it.
        from purchasing.search_documents import search_entities_register

        search_entities_register()
