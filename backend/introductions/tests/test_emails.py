"""The introduction e-mails: who gets them, what they say, in which language, sent once.

Content is checked with Django's locmem backend; SMTP failures against a small real
SMTP server on a local port (scripted replies) and against a closed port.
"""

import socket
import socketserver
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.queues import TaskQueue
from introductions.emails import country_name
from introductions.models import EmailDelivery, Introduction
from introductions.services.email_delivery import (
    EMAIL_GIVE_UP_AFTER,
    EmailTransientError,
    introduction_emails_send,
)
from introductions.tasks import remind_and_expire, send_introduction_email
from introductions.tests.conftest import World, assert_hides, assert_shows

pytestmark = pytest.mark.django_db


def _messages_to(address: str) -> list[EmailMultiAlternatives]:
    return [message for message in mail.outbox if address in message.to]


def _only_message_to(address: str) -> tuple[EmailMultiAlternatives, str, str]:
    [message] = _messages_to(address)
    assert isinstance(message, EmailMultiAlternatives)
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return message, str(message.body), str(html)


def test_each_member_and_contact_of_both_parties_gets_one_email(
    world: World, introduction: Introduction
) -> None:
    report = introduction_emails_send(introduction_id=introduction.pk)

    assert report.sent == 5
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [
            world.user("vendor").email,
            world.vendor_colleague.email,
            world.contacts["vendor"].email,
            world.user("buyer").email,
            world.contacts["buyer"].email,
        ]
    )
    assert all(
        row.sent_at is not None and row.attempts == 1
        for row in EmailDelivery.objects.filter(introduction=introduction)
    )


def test_the_vendor_is_told_the_buyers_contacts_the_product_and_the_request(
    world: World, introduction: Introduction
) -> None:
    introduction_emails_send(introduction_id=introduction.pk)

    message, text, html = _only_message_to(world.user("vendor").email)

    assert message.subject == "MedMatch introduction: Hospices Civils de Lyon"
    for body in (text, html):
        assert_shows(body, world.contacts["buyer"])
        assert_hides(body, world.contacts["vendor"])
        assert_hides(body, world.contacts["other_vendor"])
        assert_hides(body, world.contacts["other_buyer"])
        assert "Claire Martin" in body
        assert "France" in body
        assert "Masques chirurgicaux type IIR" in body
        assert "200000 piece" in body
        assert "Surgical mask Type IIR" in body
        assert "KT-IIR-100" in body
    assert "the buyer Hospices Civils de Lyon" in text
    assert 'dir="ltr"' in html
    assert message.extra_headers["Content-Language"] == "en"


def test_the_buyer_is_told_the_vendors_contacts_in_french(world: World, introduction: Introduction) -> None:
    introduction_emails_send(introduction_id=introduction.pk)

    message, text, html = _only_message_to(world.user("buyer").email)

    assert message.subject == f"MedMatch : mise en relation avec {world.vendor.name}"
    for body in (text, html):
        assert_shows(body, world.contacts["vendor"])
        assert_hides(body, world.contacts["buyer"])
        assert "Chine" in body  # the vendor's country, in French
        assert "Commande minimale" in body
    assert "le fournisseur" in text


def test_a_chinese_reader_gets_the_chinese_template(world: World, introduction: Introduction) -> None:
    introduction_emails_send(introduction_id=introduction.pk)

    message, text, html = _only_message_to(world.vendor_colleague.email)

    assert message.subject == "MedMatch 对接通知：Hospices Civils de Lyon"
    assert text.startswith("您好：")
    for body in (text, html):
        assert "联系人" in body
        assert "采购方" in body
        assert "法国" in body  # France, in Chinese
        assert "医用外科口罩 IIR 型" in body  # the product's Chinese name
        assert "Hello" not in body
        assert_shows(body, world.contacts["buyer"])
    assert 'lang="zh"' in html


@pytest.mark.parametrize(
    ("language", "subject_start", "phrase", "direction"),
    [
        ("es", "MedMatch: puesta en contacto con", "Correo electrónico", "ltr"),
        ("ru", "MedMatch: деловой контакт с", "Эл. почта", "ltr"),
        ("ar", "MedMatch: تواصل مع", "البريد الإلكتروني", "rtl"),
        ("zh-Hans", "MedMatch 对接通知", "电子邮件", "ltr"),
        ("de", "MedMatch introduction:", "E-mail", "ltr"),  # no German templates: English
    ],
)
def test_every_language_has_its_template_and_others_fall_back_to_english(
    world: World, language: str, subject_start: str, phrase: str, direction: str
) -> None:
    reader = UserFactory(organization=world.buyer, language=language)
    introduction = world.approve()

    introduction_emails_send(introduction_id=introduction.pk, user_id=reader.pk)

    message, text, html = _only_message_to(reader.email)
    assert len(mail.outbox) == 1
    assert message.subject.startswith(subject_start)
    assert phrase in text
    assert phrase in html
    assert f'dir="{direction}"' in html
    assert_shows(text, world.contacts["vendor"])


def test_a_contact_address_gets_the_other_partys_details(world: World, introduction: Introduction) -> None:
    introduction_emails_send(introduction_id=introduction.pk)

    _message, text, _html = _only_message_to(world.contacts["buyer"].email)

    assert_shows(text, world.contacts["vendor"])
    assert_hides(text, world.contacts["buyer"])


def test_sending_again_sends_nothing(world: World, introduction: Introduction) -> None:
    introduction_emails_send(introduction_id=introduction.pk)
    mail.outbox.clear()

    report = introduction_emails_send(introduction_id=introduction.pk)
    send_introduction_email.apply(args=(introduction.pk, "both")).get()

    assert report.sent == 0
    assert mail.outbox == []


def test_one_recipient_only(world: World, introduction: Introduction) -> None:
    result = send_introduction_email.apply(args=(introduction.pk, world.user("buyer").pk)).get()

    assert result == {"sent": 1, "failed": 0}
    assert [message.to for message in mail.outbox] == [[world.user("buyer").email]]
    assert EmailDelivery.objects.filter(introduction=introduction, sent_at__isnull=True).count() == 4


def test_an_introduction_that_is_gone_sends_nothing() -> None:
    assert send_introduction_email.apply(args=(987654, "both")).get() == {"sent": 0, "failed": 0}


def test_country_names_follow_the_language() -> None:
    assert country_name("FR", "zh") == "法国"
    assert country_name("FR", "ru") == "Франция"
    assert country_name("FR", "en") == "France"
    assert country_name("XX", "en") == "XX"


# --- SMTP failures ---


class _ScriptedSMTP(socketserver.StreamRequestHandler):
    """Just enough SMTP: answers RCPT TO with the server's ``rcpt_reply``, accepts everything else."""

    def _reply(self, line: bytes) -> None:
        self.wfile.write(line + b"\r\n")

    def handle(self) -> None:
        server: Any = self.server
        self._reply(b"220 test.invalid ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("ascii", "replace").strip().upper()
            if command.startswith("RCPT TO"):
                self._reply(server.rcpt_reply)
            elif command == "DATA":
                self._reply(b"354 go ahead")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                server.accepted += 1
                self._reply(b"250 queued")
            elif command == "QUIT":
                self._reply(b"221 bye")
                return
            else:  # EHLO, HELO, MAIL FROM, RSET, NOOP
                self._reply(b"250 ok")


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Any]:
    server: Any = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _ScriptedSMTP)
    server.daemon_threads = True
    server.rcpt_reply = b"250 ok"
    server.accepted = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.shutdown()
    server.server_close()


def test_a_real_smtp_server_accepts_them(smtp_server: Any, introduction: Introduction) -> None:
    report = introduction_emails_send(introduction_id=introduction.pk)

    assert report.sent == 5
    assert smtp_server.accepted == 5


def test_a_temporary_refusal_keeps_the_email_pending_and_asks_for_a_retry(
    smtp_server: Any, introduction: Introduction
) -> None:
    smtp_server.rcpt_reply = b"451 4.3.0 mailbox busy, try later"

    with pytest.raises(EmailTransientError):
        introduction_emails_send(introduction_id=introduction.pk)

    rows = EmailDelivery.objects.filter(introduction=introduction)
    assert all(row.sent_at is None and row.failed_at is None and row.attempts == 1 for row in rows)
    assert all("451" in row.last_error for row in rows)

    smtp_server.rcpt_reply = b"250 ok"
    assert introduction_emails_send(introduction_id=introduction.pk).sent == 5


def test_a_permanent_refusal_is_not_retried(smtp_server: Any, introduction: Introduction) -> None:
    smtp_server.rcpt_reply = b"550 5.1.1 no such user"

    result = send_introduction_email.apply(args=(introduction.pk, "both")).get()

    assert result == {"sent": 0, "failed": 5}
    rows = EmailDelivery.objects.filter(introduction=introduction)
    assert all(row.failed_at is not None and row.attempts == 1 for row in rows)
    assert introduction_emails_send(introduction_id=introduction.pk).sent == 0


@pytest.fixture
def server_down(settings: Any) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2


def test_the_task_retries_a_server_that_is_down_with_backoff(
    server_down: None, introduction: Introduction
) -> None:
    result = send_introduction_email.apply(args=(introduction.pk, "both"))

    assert isinstance(result.result, EmailTransientError)
    retries = send_introduction_email.max_retries
    assert retries is not None
    assert send_introduction_email.retry_backoff
    rows = EmailDelivery.objects.filter(introduction=introduction)
    # The first run and each retry tried every pending e-mail once; none was given up.
    assert all(row.attempts == retries + 1 for row in rows)
    assert all(row.sent_at is None and row.failed_at is None for row in rows)
    assert all("ConnectionRefusedError" in row.last_error for row in rows)


def test_an_email_failing_for_two_days_is_given_up(server_down: None, introduction: Introduction) -> None:
    EmailDelivery.objects.filter(introduction=introduction).update(
        created_at=timezone.now() - EMAIL_GIVE_UP_AFTER
    )

    report = introduction_emails_send(introduction_id=introduction.pk)

    assert report.failed == 5
    assert not EmailDelivery.objects.filter(introduction=introduction, failed_at__isnull=True).exists()


def test_the_tasks_run_on_the_notifications_queue() -> None:
    assert send_introduction_email.queue == TaskQueue.NOTIFICATIONS
    assert remind_and_expire.queue == TaskQueue.NOTIFICATIONS
    assert send_introduction_email.name == "introductions.send_introduction_email"
    assert remind_and_expire.name == "introductions.remind_and_expire"
