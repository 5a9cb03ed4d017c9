"""Every named queue has a consumer wherever workers are started."""

import re
from pathlib import Path

import pytest
from celery.exceptions import NotRegistered
from django.conf import settings
from django.core import mail

from config.celery import app
from core.queues import TaskQueue, task_enqueue

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("path", ["scripts/run.sh", "docker-compose.yml", "conftest.py"])
def test_workers_consume_every_queue(path: str) -> None:
    text = (REPO / path).read_text()
    lists = re.findall(r"default,[a-z,]+", text)

    assert lists, f"no worker -Q list in {path}"
    for queues in lists:
        assert set(queues.split(",")) == {queue.value for queue in TaskQueue}, path


def test_every_task_sits_on_a_configured_queue() -> None:
    app.loader.import_default_modules()
    configured = {queue.name for queue in settings.CELERY_TASK_QUEUES}
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}

    assert "certificates.generate_pdf" in ours
    for name, task in ours.items():
        assert (task.queue or "default") in configured, name


def test_task_enqueue_refuses_a_name_no_task_has() -> None:
    """A misspelt name is a bug: it raises at once instead of being logged as a broker failure."""
    with pytest.raises(NotRegistered):
        task_enqueue("notifications.no_such_task", 1, failure_event="test.enqueue_failed")


def test_task_enqueue_answers_false_and_logs_when_the_broker_is_down(
    broker_down: None, caplog: pytest.LogCaptureFixture
) -> None:
    """The caller runs its fallback; the log names the task, never the arguments (a reset link)."""
    enqueued = task_enqueue(
        "accounts.send_password_reset_email", 1, "https://x/reset?token=secret", failure_event="t.failed"
    )

    assert enqueued is False
    messages = [record.getMessage() for record in caplog.records if "t.failed" in record.getMessage()]
    assert messages == [messages[0]]
    assert "task=accounts.send_password_reset_email" in messages[0]
    assert "secret" not in messages[0]


def test_task_enqueue_names_the_id_given_for_the_log(
    broker_down: None, caplog: pytest.LogCaptureFixture
) -> None:
    """Matching logs which request or product was not enqueued (an id is no secret)."""
    assert task_enqueue("matching.match_product", 42, failure_event="t.failed", log_id=42) is False

    [message] = [record.getMessage() for record in caplog.records if "t.failed" in record.getMessage()]
    assert "task=matching.match_product id=42 error=" in message


# Tasks renamed after their modules, by their former names.
FORMER_NAMES = {
    "notifications.send_password_reset_email": "accounts.send_password_reset_email",
    "notifications.send_registration_attempt_email": "accounts.send_registration_attempt_email",
    "notifications.send_introduction_email": "introductions.send_introduction_email",
    "search.drain_outbox": "outbox.drain",
    "search.reconcile": "outbox.reconcile_index",
    "notifications.send_service_emails": "certificates.send_service_emails",
    "notifications.send_claim_invitation": "supplierlists.send_claim_invitation",
}


def test_a_renamed_task_keeps_its_former_name_routable_on_the_same_queue() -> None:
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}

    for former, name in FORMER_NAMES.items():
        assert app.tasks[former].queue == app.tasks[name].queue, former
        assert former not in scheduled


@pytest.mark.django_db
def test_a_message_under_a_former_name_runs_the_task() -> None:
    """A password-reset message queued before the rename still sends its e-mail (run eagerly)."""
    from accounts.tests.factories import UserFactory

    user = UserFactory(email="amina@example.org", language="en")
    app.loader.import_default_modules()
    previous = app.conf.task_always_eager
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=True)
    try:
        app.tasks["notifications.send_password_reset_email"].apply(args=(user.pk, "https://x/reset?t=1"))
    finally:
        app.conf.update(CELERY_TASK_ALWAYS_EAGER=previous)

    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
    assert "https://x/reset?t=1" in mail.outbox[0].body
