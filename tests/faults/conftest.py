"""The fault-test stack: one per session (see stack.py), torn down at the end."""

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.faults.stack import PG_PORT, Stack
from tests.faults.verify import SEED


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    # Under /tmp itself: PostgreSQL runs as its own user, who cannot enter pytest's private folders.
    home = Path(tempfile.mkdtemp(prefix="medmatch-faults-"))
    home.chmod(0o755)
    # The full run kills the search node too, so it gives the stack a node of its own.
    own_node = os.environ.get("MEDMATCH_FAULTS", "") == "full"
    stack = Stack(home=home, prefix=f"medmatch-faults-{os.getpid()}-", own_node=own_node)
    try:
        if own_node:
            stack.start_node()
        stack.start_database()
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{PG_PORT}/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS medmatch_faults")
            conn.execute("CREATE DATABASE medmatch_faults")
        stack.services("start", "redis")
        stack.manage("migrate", "--noinput")
        stack.seed = stack.python(SEED)  # type: ignore[attr-defined]
        stack.start_web()
        stack.start_worker()
        stack.start_beat()
        yield stack
    finally:
        stack.stop_all()
        if not own_node:
            from search import engine

            # The node may be gone; the prefix is unique anyway.
            with contextlib.suppress(Exception):
                engine.delete_indexes_with_prefix(stack.prefix)
        if not os.environ.get("MEDMATCH_FAULT_KEEP"):
            shutil.rmtree(home, ignore_errors=True)
