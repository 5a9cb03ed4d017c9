import os
import subprocess
import sys
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2]


def _import_production_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    clean.pop("REDIS_URL", None)
    clean.pop("OPENSEARCH_URL", None)
    clean.update(env)
    clean["PYTHONPATH"] = f"{BACKEND}{os.pathsep}{BACKEND.parent}"
    return subprocess.run(  # noqa: S603  fixed command
        [sys.executable, "-c", "import config.settings.production"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "missing",
    ["DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "OPENSEARCH_URL"],
)
def test_production_names_a_missing_required_variable(missing: str) -> None:
    complete = {
        "DJANGO_SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://u:p@db:5432/medmatch",
        "REDIS_URL": "redis://redis:6379/0",
        "OPENSEARCH_URL": "http://opensearch:9200",
    }
    del complete[missing]

    result = _import_production_settings(complete)

    assert result.returncode != 0
    assert f"The environment variable {missing} is required but not set." in result.stderr


def test_production_starts_with_every_required_variable() -> None:
    result = _import_production_settings(
        {
            "DJANGO_SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://u:p@db:5432/medmatch",
            "REDIS_URL": "redis://redis:6379/0",
            "OPENSEARCH_URL": "http://opensearch:9200",
        }
    )

    assert result.returncode == 0, result.stderr
