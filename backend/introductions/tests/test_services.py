"""introduction_create: the introduction, its audit event, notifications and queued e-mails."""

from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from accounts.tests.factories import UserFactory
from audit.selectors import audit_trail
from core.exceptions import Conflict
from introductions.models import EmailDelivery, EmailKind, Introduction, IntroductionStatus, Notification
from introductions.services import introduction_create
from introductions.tests.conftest import World
from introductions.tests.factories import ProposalFactory
from matching.models import ProposalStatus
from organizations.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def _approve(world: World) -> None:
    world.proposal.status = ProposalStatus.APPROVED
    world.proposal.save(update_fields=["status"])


def test_creates_the_introduction_from_the_approved_proposal(world: World) -> None:
    _approve(world)
    staff = world.user("staff")

    introduction = introduction_create(proposal=world.proposal, actor=staff)

    assert introduction.proposal == world.proposal
    assert introduction.request == world.request
    assert introduction.product == world.product
    assert introduction.vendor == world.vendor
    assert introduction.buyer == world.buyer
    assert introduction.approved_by == staff
    assert introduction.status == IntroductionStatus.AWAITING_REPLY
    [event] = audit_trail(target=introduction)
    assert (event.action, event.from_state, event.to_state) == ("introduction.created", "", "awaiting_reply")
    assert event.actor == staff
    assert event.data["proposal"] == world.proposal.pk


def test_notifies_every_member_of_both_organisations_in_their_language(world: World) -> None:
    _approve(world)
    UserFactory(organization=world.buyer, is_active=False)  # a disabled account is not told

    introduction = introduction_create(proposal=world.proposal, actor=world.user("staff"))

    notifications = {n.user_id: n for n in Notification.objects.filter(introduction=introduction)}
    assert set(notifications) == {world.user("vendor").pk, world.vendor_colleague.pk, world.user("buyer").pk}
    assert all(n.kind == "introduction.created" and n.read_at is None for n in notifications.values())
    assert notifications[world.user("vendor").pk].title == "New introduction: Hospices Civils de Lyon"
    assert notifications[world.vendor_colleague.pk].title == "新的对接：Hospices Civils de Lyon"
    assert "法国" in notifications[world.vendor_colleague.pk].body
    assert notifications[world.user("buyer").pk].title.startswith("Nouvelle mise en relation")
    assert world.vendor.name in notifications[world.user("buyer").pk].title
    assert notifications[world.user("buyer").pk].details == {
        "introduction": introduction.pk,
        "other_party": world.vendor.name,
        "status": "awaiting_reply",
    }
    for notification in notifications.values():
        for contact in world.contacts.values():
            assert contact.email not in notification.body
            assert contact.phone not in notification.body


def test_queues_one_email_per_member_and_contact_address_sent_after_commit(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    _approve(world)
    # The buyer's contact is also its member: one e-mail, in the member's language.
    ContactFactory(organization=world.buyer, email=world.user("buyer").email.upper())
    ContactFactory(organization=world.vendor, email="")  # no address: nobody to write to

    with django_capture_on_commit_callbacks() as callbacks:
        introduction = introduction_create(proposal=world.proposal, actor=world.user("staff"))

    rows = {row.to_email: row for row in EmailDelivery.objects.filter(introduction=introduction)}
    assert set(rows) == {
        world.user("vendor").email,
        world.vendor_colleague.email,
        world.contacts["vendor"].email,
        world.user("buyer").email,
        world.contacts["buyer"].email,
    }
    assert all(row.kind == EmailKind.INTRODUCTION and row.sequence == 0 for row in rows.values())
    assert all(row.sent_at is None for row in rows.values())
    assert rows[world.user("buyer").email].language == "fr"
    assert rows[world.user("buyer").email].user == world.user("buyer")
    assert rows[world.vendor_colleague.email].language == "zh"
    assert rows[world.contacts["vendor"].email].party == "vendor"
    assert rows[world.contacts["vendor"].email].user is None
    assert rows[world.contacts["vendor"].email].language == "en"  # the first vendor member's
    assert len(callbacks) == 1
    assert mail.outbox == []  # nothing is sent inside the transaction


def test_emails_are_sent_once_the_approval_commits(
    world: World, django_capture_on_commit_callbacks: Any, eager_tasks: None
) -> None:
    _approve(world)

    with django_capture_on_commit_callbacks(execute=True):
        introduction = introduction_create(proposal=world.proposal, actor=world.user("staff"))

    assert len(mail.outbox) == 5
    assert not EmailDelivery.objects.filter(introduction=introduction, sent_at__isnull=True).exists()


def test_a_second_call_returns_the_same_introduction_and_does_nothing_more(world: World) -> None:
    _approve(world)
    first = introduction_create(proposal=world.proposal, actor=world.user("staff"))

    second = introduction_create(proposal=world.proposal, actor=world.user("staff"))

    assert second.pk == first.pk
    assert Introduction.objects.count() == 1
    assert Notification.objects.count() == 3
    assert EmailDelivery.objects.count() == 5
    assert len(audit_trail(target=first)) == 1


def test_a_proposal_that_is_not_approved_does_not_become_an_introduction(world: World) -> None:
    with pytest.raises(Conflict):
        introduction_create(proposal=world.proposal, actor=world.user("staff"))

    assert not Introduction.objects.exists()
    assert not Notification.objects.exists()


def test_runs_inside_the_callers_transaction(world: World) -> None:
    """The approval's rollback takes the introduction, notifications and e-mails with it."""
    _approve(world)

    def approval_that_fails_afterwards() -> None:
        with transaction.atomic():
            introduction_create(proposal=world.proposal, actor=world.user("staff"))
            raise RuntimeError("the approval failed after creating the introduction")

    with pytest.raises(RuntimeError):
        approval_that_fails_afterwards()

    assert not Introduction.objects.exists()
    assert not Notification.objects.exists()
    assert not EmailDelivery.objects.exists()


def test_each_approved_pair_gets_its_own_introduction(world: World) -> None:
    _approve(world)
    other = ProposalFactory(request=world.request, approved=True)

    first = introduction_create(proposal=world.proposal, actor=world.user("staff"))
    second = introduction_create(proposal=other, actor=world.user("staff"))

    assert first.pk != second.pk
    assert second.vendor == other.vendor
    assert second.buyer == world.buyer
