"""A real task, through real Redis, to a real worker process."""

import subprocess
import uuid

import pytest

from conftest import wait_for, wait_for_task_done
from core.tasks import ping

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def test_task_travels_through_redis_to_a_worker(
    celery_worker_process: subprocess.Popen[bytes], search_prefix: str
) -> None:
    token = uuid.uuid4().hex

    result = ping.delay(token)
    line = wait_for_task_done(search_prefix, result.id, timeout=30)

    assert token in line  # the worker logs the return value: {'token': ..., 'host': ...}
    assert "'host': '" in line


def test_messages_queued_under_the_former_task_names_still_run(
    celery_worker_process: subprocess.Popen[bytes], search_prefix: str
) -> None:
    """A claim invitation and a trade-service e-mail sent, before the deploy that renamed their
    tasks after their modules, as ``notifications.*`` messages are still sent by today's worker."""
    from certificates.models import ServiceEmail
    from config.celery import app
    from organizations.tests.factories import VendorFactory
    from supplierlists.models import ClaimInvitation, InvitationStatus

    token = uuid.uuid4().hex[:12]
    invitation = ClaimInvitation.objects.create(organization=VendorFactory(), email=f"{token}@example.org")
    email = ServiceEmail.objects.create(
        key=f"former.{token}:1",
        kind="certificate.approved",
        to_email=f"{token}@example.org",
        subject="Certificate approved",
        body="Your certificate is approved.\n",
    )
    # As the code before the renames sent them: the old name, on the task's queue.
    app.send_task("notifications.send_claim_invitation", args=(invitation.pk,), queue="notifications")
    app.send_task("notifications.send_service_emails", args=(f"former.{token}",), queue="notifications")

    def both_sent() -> bool:
        invitation.refresh_from_db()
        email.refresh_from_db()
        return invitation.status == InvitationStatus.SENT and email.sent_at is not None

    wait_for(both_sent, what="the tasks behind the former names")
    assert invitation.token_hash  # the link was made and mailed
    assert email.attempts == 1
