import os
import subprocess
import sys
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2]
STRONG_SECRET = "Kq3v9-tZr_8xWm2LpYb7NcHs4FjDa6GeRu1ToVi5XwQz0Sy-Un"
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": STRONG_SECRET,
    "DATABASE_URL": "postgres://u:p@db:5432/medmatch",
    "REDIS_URL": "redis://redis:6379/0",
    "OPENSEARCH_URL": "http://opensearch:9200",
}


def _run_production(env: dict[str, str], *command: str) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    for name in ("REDIS_URL", "OPENSEARCH_URL", "NUM_PROXIES"):
        clean.pop(name, None)
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    clean["PYTHONPATH"] = f"{BACKEND}{os.pathsep}{BACKEND.parent}"
    return subprocess.run(  # noqa: S603  fixed command
        [sys.executable, *command], env=clean, capture_output=True, text=True, check=False, cwd=BACKEND
    )


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
        "DJANGO_SECRET_KEY": STRONG_SECRET,
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
            "DJANGO_SECRET_KEY": STRONG_SECRET,
            "DATABASE_URL": "postgres://u:p@db:5432/medmatch",
            "REDIS_URL": "redis://redis:6379/0",
            "OPENSEARCH_URL": "http://opensearch:9200",
        }
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("num_proxies", ["0", "1"])
def test_check_deploy_is_clean_under_production_settings(num_proxies: str) -> None:
    result = _run_production(
        {**PRODUCTION_ENV, "NUM_PROXIES": num_proxies, "DJANGO_ALLOWED_HOSTS": "medmatch.example.org"},
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize(
    "secret",
    [
        "change-me-to-a-long-random-string",
        "dev-only-insecure-key-do-not-use-in-production",
        "short",
        "ab" * 40,
    ],
)
def test_production_refuses_a_placeholder_or_weak_secret(secret: str) -> None:
    result = _import_production_settings({**PRODUCTION_ENV, "DJANGO_SECRET_KEY": secret})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is a placeholder or too weak" in result.stderr


def test_the_forwarded_proto_is_believed_only_behind_a_proxy() -> None:
    code = "from django.conf import settings; print(getattr(settings, 'SECURE_PROXY_SSL_HEADER', None))"
    direct = _run_production(
        {**PRODUCTION_ENV, "NUM_PROXIES": "0"}, "-c", f"import django; django.setup(); {code}"
    )
    proxied = _run_production(
        {**PRODUCTION_ENV, "NUM_PROXIES": "1"}, "-c", f"import django; django.setup(); {code}"
    )

    assert direct.stdout.strip() == "None", direct.stderr
    assert proxied.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')", proxied.stderr


def test_env_example_is_safe_to_start_from() -> None:
    example = (BACKEND.parent / ".env.example").read_text()

    assert "DJANGO_SECURE_COOKIES=false" not in example
    assert "DJANGO_DEBUG=true" not in example.lower()
    secret = next(
        line.split("=", 1)[1] for line in example.splitlines() if line.startswith("DJANGO_SECRET_KEY=")
    )
    assert _import_production_settings({**PRODUCTION_ENV, "DJANGO_SECRET_KEY": secret}).returncode != 0


def test_the_admin_is_served_at_the_configured_path() -> None:
    code = (
        "import django; django.setup(); from django.urls import resolve; "
        "print(resolve('/staff-desk/login/').url_name, resolve('/admin/login/').url_name)"
    )
    result = _run_production({**PRODUCTION_ENV, "DJANGO_ADMIN_PATH": "staff-desk/"}, "-c", code)

    assert result.stdout.split() == ["login", "spa"], result.stderr


@pytest.mark.parametrize(("redis_url", "multiplier"), [("", "8"), ("redis://127.0.0.1:6379/0", "1")])
def test_the_file_system_broker_takes_a_wider_prefetch_window_than_redis(
    redis_url: str, multiplier: str
) -> None:
    """On the file-system broker (`make run` without Redis) the worker runs Celery's synloop, which
    sends the late acks of finished tasks only when its 2 s wait for a message returns: a window of
    one message per process made a write's second hop wait those 2 s (issue 14, bench_freshness:
    request -> proposals p95 2,259 ms, 441 ms with 8). Redis keeps one per process."""
    env = {
        key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    env["PYTHONPATH"] = f"{BACKEND}{os.pathsep}{BACKEND.parent}"
    result = subprocess.run(  # noqa: S603  fixed command
        [
            sys.executable,
            "-c",
            "from config.settings import dev; print(dev.CELERY_WORKER_PREFETCH_MULTIPLIER)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=BACKEND,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == multiplier
