"""Celery: Redis when REDIS_URL is set, else a broker on the local file system."""

from kombu import Queue

from config.env import env_bool, env_int, env_str

REDIS_URL = env_str("REDIS_URL", "")
_RUN_DIR = env_str("MEDMATCH_RUN_DIR", "")


def _filesystem_broker_options() -> dict[str, str]:
    from pathlib import Path

    base = Path(_RUN_DIR) if _RUN_DIR else Path(__file__).resolve().parents[3] / ".run"
    folder = base / "broker"
    for sub in ("queue", "processed", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "processed_folder": str(folder / "processed"),
        "control_folder": str(folder / "control"),
    }


CELERY_RESULT_BACKEND: str | None
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 3600}
else:
    # Zero-setup default for `make run`: a broker that works across processes
    # on one machine without any server.
    CELERY_BROKER_URL = "filesystem://"
    CELERY_RESULT_BACKEND = None
    CELERY_BROKER_TRANSPORT_OPTIONS = dict(_filesystem_broker_options())

CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = "UTC"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

# Named queues (see core.queues.Queue). Routing is configuration, so that a
# larger deployment can give each queue its own workers.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = [
    Queue("default"),
    Queue("indexing"),
    Queue("matching"),
    Queue("notifications"),
    Queue("certificates"),
]
# Periodic catch-up: the outbox drains itself after the broker or the search
# engine comes back, and reconciliation repairs any drift.
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "drain-outbox": {"task": "search.drain_outbox", "schedule": env_int("MEDMATCH_DRAIN_EVERY_SECONDS", 30)},
    "reconcile-index": {
        "task": "search.reconcile",
        "schedule": env_int("MEDMATCH_RECONCILE_EVERY_SECONDS", 3600),
    },
    "supplier-lists-catch-up": {
        "task": "supplierlists.catch_up",
        "schedule": env_int("MEDMATCH_SUPPLIER_LISTS_CATCH_UP_SECONDS", 300),
    },
    # Certificates whose PDF a lost task never made, and trade-service e-mails left pending.
    "certificates-catch-up": {
        "task": "certificates.catch_up",
        "schedule": env_int("MEDMATCH_CERTIFICATES_CATCH_UP_SECONDS", 300),
    },
}
