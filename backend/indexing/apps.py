from django.apps import AppConfig


class IndexingConfig(AppConfig):
    """The upkeep of the search indexes from the Django side: the ``search_reindex`` and
    ``search_reconcile`` commands. What they run (rebuild with catch-up, reconcile against the
    outbox's high water) is ``outbox.reconciliation``; the engine work is ``search.indexing``."""

    name = "indexing"
    verbose_name = "Search index upkeep"
