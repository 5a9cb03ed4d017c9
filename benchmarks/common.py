"""What every benchmark shares: its own database on 127.0.0.1, percentiles, memory."""

import contextlib
import os
import resource
import tempfile
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def require_loopback(url: str, what: str) -> None:
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK:
        raise SystemExit(f"{what} must point at 127.0.0.1 for this benchmark, not {host!r}.")


def own_database_url(url: str, suffix: str) -> tuple[str, str]:
    """(the benchmark's database URL, its name): the configured name + ``_<suffix>``."""
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'medmatch_bench'}_{suffix}"
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _admin(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def drop_database(url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(_admin(url), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def create_database(url: str, name: str, *, reuse: bool) -> bool:
    """Create the database (dropping an old one unless ``reuse``); True if it existed and was kept."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(_admin(url), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reuse:
            return True
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return False


def setup(suffix: str, *, reuse: bool = False) -> tuple[str, str]:
    """Point Django at the benchmark's own database and index prefix, migrate, quiet the logs."""
    import logging

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5433/medmatch_bench")
    os.environ.setdefault("OPENSEARCH_URL", "http://127.0.0.1:9201")
    require_loopback(database_url, "DATABASE_URL")
    require_loopback(os.environ["OPENSEARCH_URL"], "OPENSEARCH_URL")
    url, name = own_database_url(database_url, suffix)
    os.environ["DATABASE_URL"] = url
    prefix = os.environ.get("OPENSEARCH_INDEX_PREFIX", "medmatch-bench-")
    os.environ["OPENSEARCH_INDEX_PREFIX"] = f"{prefix}{suffix}-"
    kept = create_database(url, name, reuse=reuse)

    import django

    django.setup()
    for logger in ("search", "outbox", "matching", "urllib3.connectionpool", "opensearch"):
        logging.getLogger(logger).setLevel(logging.ERROR)
    from django.core.management import call_command

    print(f"database {name}{' (reused)' if kept else ''}: migrating")
    call_command("migrate", verbosity=0)
    return url, name


@contextlib.contextmanager
def media_root() -> Iterator[str]:
    """Uploaded files (the demo's certificates) go to a temporary folder."""
    from django.test.utils import override_settings

    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        yield media


def percentile(seconds: list[float], share: float) -> float:
    """Milliseconds at ``share`` (nearest rank); NaN when there is nothing to rank."""
    ordered = sorted(seconds)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index] * 1000


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
