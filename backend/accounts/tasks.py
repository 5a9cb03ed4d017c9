from celery import shared_task

from accounts.services import (
    EMAIL_CONFIRMATION_TASK,
    REGISTRATION_ATTEMPT_EMAIL_TASK,
    RESET_EMAIL_TASK,
    email_confirmation_email_send,
    password_reset_email_send,
    registration_attempt_email_send,
)
from core.queues import TaskQueue, task_former_name
from core.retries import TRANSIENT_ERRORS


@shared_task(
    name=RESET_EMAIL_TASK,
    queue=TaskQueue.NOTIFICATIONS,
    autoretry_for=(OSError, *TRANSIENT_ERRORS),
    retry_backoff=10,
    retry_backoff_max=600,
    max_retries=5,
)
def send_password_reset_email(user_id: int, link: str) -> None:
    """Send one password-reset e-mail (the link carries its own expiry)."""
    password_reset_email_send(user_id=user_id, link=link)


@shared_task(
    name=REGISTRATION_ATTEMPT_EMAIL_TASK,
    queue=TaskQueue.NOTIFICATIONS,
    autoretry_for=(OSError, *TRANSIENT_ERRORS),
    retry_backoff=10,
    retry_backoff_max=600,
    max_retries=5,
)
def send_registration_attempt_email(user_id: int) -> None:
    """Tell an account's owner that their address was registered again."""
    registration_attempt_email_send(user_id=user_id)


@shared_task(
    name=EMAIL_CONFIRMATION_TASK,
    queue=TaskQueue.NOTIFICATIONS,
    autoretry_for=(OSError, *TRANSIENT_ERRORS),
    retry_backoff=10,
    retry_backoff_max=600,
    max_retries=5,
)
def send_email_confirmation(user_id: int, link: str) -> None:
    """Send a new account's confirmation link."""
    email_confirmation_email_send(user_id=user_id, link=link)


# The names these tasks had until they were named after their module.
task_former_name(send_password_reset_email, "notifications.send_password_reset_email")
task_former_name(send_registration_attempt_email, "notifications.send_registration_attempt_email")
