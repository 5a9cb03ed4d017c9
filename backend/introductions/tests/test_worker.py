"""The e-mail and beat tasks through real Redis to a real worker process.

The worker has its own locmem mailbox (in its own memory), so these tests check what the
tasks record in the database: each e-mail's ``sent_at``.
"""

import datetime
import subprocess
import time
from collections.abc import Callable

import pytest
from django.db import transaction
from django.utils import timezone

from conftest import wait_for_task_done
from introductions.models import EmailDelivery, EmailKind, Introduction
from introductions.services import introduction_create
from introductions.tasks import remind_and_expire
from introductions.tests.conftest import build_world
from matching.models import ProposalStatus

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def _wait_for(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("the worker did not finish in time")


def test_approval_emails_are_sent_by_the_worker_after_commit(
    celery_worker_process: subprocess.Popen[bytes],
) -> None:
    world = build_world()
    world.proposal.status = ProposalStatus.APPROVED
    world.proposal.save(update_fields=["status"])

    with transaction.atomic():
        introduction = introduction_create(proposal=world.proposal, actor=world.user("staff"))
        # Not before the approval commits: the worker cannot see the rows yet.
        assert EmailDelivery.objects.filter(introduction=introduction).count() == 5

    emails = EmailDelivery.objects.filter(introduction=introduction)
    _wait_for(lambda: not emails.filter(sent_at__isnull=True).exists())
    assert all(row.attempts == 1 and row.failed_at is None for row in emails)


def test_the_beat_task_reminds_and_the_worker_sends_the_reminders(
    celery_worker_process: subprocess.Popen[bytes], search_prefix: str
) -> None:
    world = build_world()
    introduction = world.approve()  # no surrounding transaction here: the e-mails go at once
    first = EmailDelivery.objects.filter(introduction=introduction, kind=EmailKind.INTRODUCTION)
    _wait_for(lambda: not first.filter(sent_at__isnull=True).exists())
    Introduction.objects.filter(pk=introduction.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=4)
    )

    line = wait_for_task_done(search_prefix, remind_and_expire.delay().id, timeout=30)

    assert "{'reminded': 1, 'expired': 0, 'requeued': 0}" in line
    reminders = EmailDelivery.objects.filter(introduction=introduction, kind=EmailKind.REMINDER)
    _wait_for(lambda: reminders.count() == 5 and not reminders.filter(sent_at__isnull=True).exists())
    introduction.refresh_from_db()
    assert introduction.reminders_sent == 1
