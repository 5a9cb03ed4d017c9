"""The Celery application; its settings live in config.settings.celery."""

import os
import sys
from pathlib import Path

from celery import Celery
from celery.signals import task_prerun, worker_ready

# The search package lives at the repository root, beside backend/ (as in manage.py).
_REPO_DIR = str(Path(__file__).resolve().parents[2])
if _REPO_DIR not in sys.path:
    sys.path.insert(0, _REPO_DIR)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("medmatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def _forget_content_type_ids(**_kwargs: object) -> None:
    """Tests flush the database between transactional tests, which renumbers content types.

    A worker started by the tests must not keep the old ids in its cache.
    """
    from django.conf import settings

    if getattr(settings, "MEDMATCH_TEST_WORKER", False):
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()


@worker_ready.connect
def _start_worker_heartbeat(sender: object = None, **_kwargs: object) -> None:
    """The worker's sign of life for health (see core.heartbeats), from its main process."""
    from core.heartbeats import start_heartbeat_thread
    from core.models import HeartbeatComponent

    start_heartbeat_thread(component=HeartbeatComponent.WORKER, name=str(getattr(sender, "hostname", "")))
