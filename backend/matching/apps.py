from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"

    def ready(self) -> None:
        # The index of this app's rows: the search package knows no app, so the app tells it.
        from matching.search_documents import search_entities_register

        search_entities_register()
