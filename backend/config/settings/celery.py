"""Celery: Redis when REDIS_URL is set, else a broker on the local file system."""

from kombu import Queue

from config.env import env_bool, env_float, env_int, env_str

REDIS_URL = env_str("REDIS_URL", "")
_RUN_DIR = env_str("MEDMATCH_RUN_DIR", "")


# How often a worker on the file-system broker looks for new tasks when its queues are empty
# (kombu's default is 1 s). A write reaches the index through one task hop (drain) and its
# proposals through a second (match), so each hop's polling was up to a second of the freshness
# bar; listing a few folders ten times a second costs next to nothing.
_FILESYSTEM_POLL_SECONDS = env_float("MEDMATCH_BROKER_POLL_SECONDS", 0.1)


def _filesystem_broker_options() -> dict[str, str | float]:
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
        "polling_interval": _FILESYSTEM_POLL_SECONDS,
    }


# Nothing reads task results, so there is no result backend: with one, every enqueue while
# Redis is down waited out the backend's own retry loop (~19 s) before failing.
CELERY_RESULT_BACKEND: str | None = None
CELERY_TASK_IGNORE_RESULT = True
# A task a dead worker held comes back after this many seconds (it must exceed the longest task).
_VISIBILITY_TIMEOUT = env_int("MEDMATCH_BROKER_VISIBILITY_TIMEOUT", 600)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        "visibility_timeout": _VISIBILITY_TIMEOUT,
        # Fail fast when Redis is down or unreachable: a web request never waits on it.
        "socket_connect_timeout": 1,
        "socket_timeout": 2,
        "retry_on_timeout": False,
        "max_connections": 20,
        # How a publisher (a web request enqueueing after commit) reconnects: once, at once.
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.1,
        "interval_max": 0.2,
    }
    _PREFETCH_MULTIPLIER = 1
else:
    # Zero-setup default for `make run`: a broker that works across processes
    # on one machine without any server.
    CELERY_BROKER_URL = "filesystem://"
    # kombu's file-system transport, writing each message atomically (see core.broker).
    CELERY_BROKER_TRANSPORT = "core.broker:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = dict(_filesystem_broker_options())
    # On this transport the worker's loop has no event loop (Celery's synloop): the late acks of
    # finished tasks are sent only when its wait for the next message (2 s) returns. With a window
    # of one message per process, a write's second hop (drain, then matching) waited those 2 s
    # whenever the window was full (request -> proposals p95 2,259 ms, 365 ms with 8; issue 14).
    _PREFETCH_MULTIPLIER = 8

CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker waits out a broker outage of any length instead of exiting after 100 tries.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# Tasks are safe to run twice (outbox versions, status guards, upserted proposals, one e-mail row
# per address), so a task is acknowledged once it has run, and one whose worker died comes back.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One message per worker process at a time on Redis, so a long task never holds others back from
# idle workers; the file-system broker of `make run` (one worker) takes more, see above.
CELERY_WORKER_PREFETCH_MULTIPLIER = _PREFETCH_MULTIPLIER

# Named queues (see core.queues.Queue). Routing is configuration, so that a
# larger deployment can give each queue its own workers.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = [
    Queue("default"),
    Queue("indexing"),
    Queue("matching"),
    Queue("notifications"),
    Queue("certificates"),
    Queue("imports"),
]
# Periodic work. The schedule itself is built from the task objects in config.schedule;
# these are its intervals, in seconds.
MEDMATCH_DRAIN_EVERY_SECONDS = env_int("MEDMATCH_DRAIN_EVERY_SECONDS", 30)
MEDMATCH_RECONCILE_EVERY_SECONDS = env_int("MEDMATCH_RECONCILE_EVERY_SECONDS", 3600)
MEDMATCH_INTRO_REMIND_EVERY_SECONDS = env_int("MEDMATCH_INTRO_REMIND_EVERY_SECONDS", 900)
MEDMATCH_EXPIRE_STALE_EVERY_SECONDS = env_int("MEDMATCH_EXPIRE_STALE_EVERY_SECONDS", 3600)
MEDMATCH_MATCH_REDRIVE_EVERY_SECONDS = env_int("MEDMATCH_MATCH_REDRIVE_EVERY_SECONDS", 60)
MEDMATCH_IMPORT_DRAIN_EVERY_SECONDS = env_int("MEDMATCH_IMPORT_DRAIN_EVERY_SECONDS", 60)
MEDMATCH_SUPPLIER_LISTS_CATCH_UP_SECONDS = env_int("MEDMATCH_SUPPLIER_LISTS_CATCH_UP_SECONDS", 300)
# Certificates whose PDF a lost task never made, and trade-service e-mails left pending.
MEDMATCH_CERTIFICATES_CATCH_UP_SECONDS = env_int("MEDMATCH_CERTIFICATES_CATCH_UP_SECONDS", 300)
# Pending work whose task was enqueued longer ago than this is enqueued again (the task was lost).
MEDMATCH_MATCH_REDRIVE_AFTER_SECONDS = env_int("MEDMATCH_MATCH_REDRIVE_AFTER_SECONDS", 120)
MEDMATCH_EMAIL_REQUEUE_AFTER_SECONDS = env_int("MEDMATCH_EMAIL_REQUEUE_AFTER_SECONDS", 600)
CELERY_BEAT_SCHEDULER = "core.beat:HeartbeatScheduler"
# Worker and beat write a heartbeat this often; health calls one older than the limit down.
MEDMATCH_HEARTBEAT_EVERY_SECONDS = env_int("MEDMATCH_HEARTBEAT_EVERY_SECONDS", 10)
MEDMATCH_HEARTBEAT_STALE_SECONDS = env_int("MEDMATCH_HEARTBEAT_STALE_SECONDS", 60)
