"""In-app notifications of introductions: written for every member of a party, read by the user."""

import logging
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from introductions.emails import country_name
from introductions.messages import language_for, notification_wording, status_label
from introductions.models import (
    Introduction,
    Notification,
)
from organizations.models import Organization

logger = logging.getLogger("introductions")


def active_members(organization_ids: Iterable[int]) -> QuerySet[User]:
    return User.objects.filter(organization_id__in=list(organization_ids), is_active=True).order_by("id")


def other_party(introduction: Introduction, organization_id: int | None) -> Organization:
    return introduction.buyer if organization_id == introduction.vendor_id else introduction.vendor


def introduction_notify(
    *,
    introduction: Introduction,
    organization_ids: Iterable[int],
    kind: str,
    values: dict[str, object] | None = None,
    data: dict[str, object] | None = None,
) -> list[Notification]:
    """One notification per active member of each organisation, worded in the member's language."""
    rows = []
    for user in active_members(organization_ids):
        language = language_for(user.language)
        other = other_party(introduction, user.organization_id)
        wording = notification_wording(
            kind=kind,
            language=language,
            other=other.name,
            country=country_name(other.country, language),
            request=introduction.request.title,
            **{
                key: status_label(status=str(value), language=language) if key == "status" else value
                for key, value in (values or {}).items()
            },
        )
        rows.append(
            Notification(
                user=user,
                kind=kind,
                introduction=introduction,
                title=wording.title,
                body=wording.body,
                details={"introduction": introduction.pk, "other_party": other.name, **(data or {})},
            )
        )
    return Notification.objects.bulk_create(rows)


# --- in-app notifications ---


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (keeps the first read time)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of ``user`` read; returns how many changed."""
    now = timezone.now()
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=now, updated_at=now)
