"""gunicorn as the Dockerfile runs it (config.wsgi, several workers), on a free port, against the
test database and the test services; under the test settings or the production ones."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]

# What config.settings.production requires beyond the service addresses, which the test
# environment gives (REDIS_URL, OPENSEARCH_URL; DATABASE_URL is set from the test database).
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "p9Xq2vT7mK4wR8zL1nB6cY3hJ5sD0fG-aE_uI9oP2lK7jH4gF1dS8aZ3xC6vB5nM",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
}

# The test settings hash with MD5 for speed, which the production settings do not accept: a test
# that signs in to a production server sets its users' passwords with what that server checks.
PRODUCTION_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def gunicorn(*, env: dict[str, str], workers: int = 2, ready_path: str = "/api/v1/health/") -> Iterator[str]:
    """A gunicorn serving the project with ``env`` over the current environment; yields its base URL.

    The database is the one pytest-django set up (its name is read from the live connection).
    """
    from django.db import connection

    database = connection.settings_dict
    port = _free_port()
    full_env = dict(os.environ)
    full_env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
            "PYTHONPATH": os.pathsep.join([str(REPO / "backend"), str(REPO)]),
            "NUM_PROXIES": "0",
            **env,
        }
    )
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--chdir",
        str(REPO / "backend"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "30",
    ]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, env=full_env, stdout=subprocess.DEVNULL, stderr=log)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"gunicorn exited: {log.read().decode(errors='replace')[-2000:]}")
                try:
                    requests.get(f"{base}{ready_path}", timeout=5, allow_redirects=False)
                    break
                except requests.RequestException:
                    time.sleep(0.3)
            else:
                raise RuntimeError("gunicorn did not start within 60 s")
            yield base
        finally:
            process.terminate()
            process.wait(timeout=20)
