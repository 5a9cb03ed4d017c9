"""Reminders and expiry of unanswered introductions, at fixed times."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from audit.selectors import audit_trail
from introductions.models import EmailDelivery, EmailKind, Introduction, IntroductionStatus, Notification
from introductions.services.email_delivery import (
    EMAIL_REQUEUE_AFTER,
    introduction_emails_requeue,
    introduction_emails_send,
)
from introductions.services.reminders import introductions_send_reminders
from introductions.tasks import remind_and_expire
from introductions.tests.conftest import World

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2020, 4, 1, 9, 0, tzinfo=datetime.UTC)


def _at(days: float) -> datetime.datetime:
    return T0 + datetime.timedelta(days=days)


@pytest.fixture
def made_at_t0(introduction: Introduction) -> Introduction:
    Introduction.objects.filter(pk=introduction.pk).update(created_at=T0)
    introduction.refresh_from_db()
    return introduction


def _state(introduction: Introduction) -> tuple[str, int, datetime.datetime | None]:
    introduction.refresh_from_db()
    return introduction.status, introduction.reminders_sent, introduction.last_reminded_at


def _count(kind: str) -> int:
    return Notification.objects.filter(kind=kind).count()


def test_two_reminders_three_days_apart_then_expiry(world: World, made_at_t0: Introduction) -> None:
    introduction = made_at_t0
    members = 3  # two vendor members and one buyer member

    assert introductions_send_reminders(now=_at(2.9)).reminded == []
    report = introductions_send_reminders(now=_at(3))
    assert report.reminded == [introduction.pk]
    assert _state(introduction) == ("awaiting_reply", 1, _at(3))
    assert _count("introduction.reminder") == members
    reminder_emails = EmailDelivery.objects.filter(introduction=introduction, kind=EmailKind.REMINDER)
    assert {row.sequence for row in reminder_emails} == {1}
    assert reminder_emails.count() == 5

    assert introductions_send_reminders(now=_at(5.9)).reminded == []  # three days since the last one
    assert introductions_send_reminders(now=_at(6)).reminded == [introduction.pk]
    assert _state(introduction) == ("awaiting_reply", 2, _at(6))
    assert introductions_send_reminders(now=_at(9)).reminded == []  # two at most
    assert introductions_send_reminders(now=_at(13.9)).expired == []

    report = introductions_send_reminders(now=_at(14))

    assert report.expired == [introduction.pk]
    assert report.reminded == []
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.EXPIRED
    assert introduction.closed_at == _at(14)
    assert _count("introduction.reminder") == 2 * members
    assert _count("introduction.expired") == members
    actions = [(e.action, e.from_state, e.to_state) for e in audit_trail(target=introduction).order_by("id")]
    assert actions == [
        ("introduction.created", "", "awaiting_reply"),
        ("introduction.reminded", "awaiting_reply", "awaiting_reply"),
        ("introduction.reminded", "awaiting_reply", "awaiting_reply"),
        ("introduction.expired", "awaiting_reply", "expired"),
    ]
    expired_note = Notification.objects.get(kind="introduction.expired", user=world.vendor_colleague)
    assert expired_note.title == "对接已过期：Hospices Civils de Lyon"
    assert "14 天" in expired_note.body


def test_running_twice_at_the_same_time_changes_nothing_more(made_at_t0: Introduction) -> None:
    introductions_send_reminders(now=_at(3))
    again = introductions_send_reminders(now=_at(3))
    introductions_send_reminders(now=_at(15))
    expired_again = introductions_send_reminders(now=_at(15))

    assert again.reminded == []
    assert expired_again.expired == []
    assert _count("introduction.reminder") == 3
    assert _count("introduction.expired") == 3
    assert EmailDelivery.objects.filter(kind=EmailKind.REMINDER).count() == 5
    assert len(audit_trail(target=made_at_t0)) == 3


def test_an_old_unanswered_introduction_expires_without_a_reminder(made_at_t0: Introduction) -> None:
    report = introductions_send_reminders(now=_at(30))

    assert report.expired == [made_at_t0.pk]
    assert report.reminded == []
    assert _count("introduction.reminder") == 0


def test_answered_introductions_are_neither_reminded_nor_expired(made_at_t0: Introduction) -> None:
    Introduction.objects.filter(pk=made_at_t0.pk).update(status=IntroductionStatus.NEGOTIATING)

    report = introductions_send_reminders(now=_at(30))

    assert (report.reminded, report.expired) == ([], [])
    assert _state(made_at_t0)[0] == "negotiating"


def test_the_periods_come_from_settings(settings: Any, made_at_t0: Introduction) -> None:
    settings.MEDMATCH_INTRO_REMIND_DAYS = 1
    settings.MEDMATCH_INTRO_MAX_REMINDERS = 1
    settings.MEDMATCH_INTRO_EXPIRE_DAYS = 2

    assert introductions_send_reminders(now=_at(1)).reminded == [made_at_t0.pk]
    assert introductions_send_reminders(now=_at(1.9)).reminded == []
    assert introductions_send_reminders(now=_at(2)).expired == [made_at_t0.pk]


def test_reminder_emails_use_the_reminder_wording(world: World, made_at_t0: Introduction) -> None:
    introduction_emails_send(introduction_id=made_at_t0.pk)
    mail.outbox.clear()
    introductions_send_reminders(now=_at(3))

    report = introduction_emails_send(introduction_id=made_at_t0.pk)

    assert report.sent == 5
    by_address = {message.to[0]: message for message in mail.outbox}
    english = by_address[world.user("vendor").email]
    chinese = by_address[world.vendor_colleague.email]
    assert english.subject == "MedMatch reminder 1: Hospices Civils de Lyon is waiting for your reply"
    assert "Reminder 1: your introduction to Hospices Civils de Lyon" in str(english.body)
    assert "expire 14 days" in str(english.body)
    assert "achats@chu-lyon.example" in str(english.body)
    assert chinese.subject == "MedMatch 第 1 次提醒：Hospices Civils de Lyon 正在等待您的回复"


def test_the_beat_task_reminds_expires_and_requeues(
    world: World, introduction: Introduction, eager_tasks: None
) -> None:
    now = timezone.now()
    Introduction.objects.filter(pk=introduction.pk).update(created_at=now - datetime.timedelta(days=4))
    # The introduction e-mails were written but their task was lost (e.g. the broker was down).
    EmailDelivery.objects.filter(introduction=introduction).update(
        updated_at=now - EMAIL_REQUEUE_AFTER - datetime.timedelta(minutes=1)
    )

    result = remind_and_expire()

    assert result == {"reminded": 1, "expired": 0, "requeued": 1}
    # The requeued task sends every pending e-mail of the introduction: the lost ones and the
    # reminder's (whose own after-commit enqueue a test transaction never runs; see test_worker).
    assert not EmailDelivery.objects.filter(sent_at__isnull=True).exists()
    assert len(mail.outbox) == 10


def test_recent_pending_emails_are_left_to_their_task(introduction: Introduction) -> None:
    assert introduction_emails_requeue(now=timezone.now()) == []
