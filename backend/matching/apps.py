from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"

    def ready(self) -> None:
        # The index of this app's rows: the search package knows no app, so the app tells it.
        from matching.search_documents import search_entities_register

        search_entities_register()

        from matching import services
        from outbox.services import AppliedHook, outbox_applied_hook_register

        # Matching reads the index, so the outbox tells it what each drain applied.
        outbox_applied_hook_register(
            name="matching",
            hook=AppliedHook(
                record=lambda changed, at: services.matching_intents_record(changed=changed, version=at),
                after=lambda changed: services.matching_enqueue_for_changes(changed=changed),
            ),
        )
