"""The production settings, as the Dockerfile runs them, plus the PostgreSQL baseline's URL."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.http_urls"
