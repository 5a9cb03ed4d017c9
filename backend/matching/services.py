"""Matching services (being written). The contract the rest of the code relies on:"""

from collections.abc import Mapping


def matching_enqueue_for_changes(*, changed: Mapping[str, set[int]]) -> None:
    """Enqueue forward matching for changed requests and reverse matching for changed products."""
