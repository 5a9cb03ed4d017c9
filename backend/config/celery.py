"""The Celery application; its settings live in config.settings.celery."""

import os
import sys
from pathlib import Path

from celery import Celery

# The search package lives at the repository root, beside backend/ (as in manage.py).
_REPO_DIR = str(Path(__file__).resolve().parents[2])
if _REPO_DIR not in sys.path:
    sys.path.insert(0, _REPO_DIR)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("medmatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
