"""Reads for consultations: visible only to the member's organisation, the assigned adviser
and staff (advisers are staff); everyone else gets 404."""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from certificates.selectors import duration_figures
from consultations.filters import ConsultationFilter
from consultations.models import Consultation, ConsultationAttachment
from core.filters import filtered
from core.permissions import is_staff, member_organization_id


def consultation_visible(*, user: User | Any) -> QuerySet[Consultation]:
    queryset = (
        Consultation.objects.select_related("organization", "adviser")
        .prefetch_related("attachments")
        .order_by("-created_at", "-id")
    )
    if is_staff(user):
        return queryset
    if not user or not user.is_authenticated:
        return queryset.none()
    organization_id = member_organization_id(user)
    # An adviser's account is staff; the adviser clause keeps the rule if that ever changes.
    visible = Q(adviser_id=user.pk)
    if organization_id is not None:
        visible |= Q(organization_id=organization_id)
    return queryset.filter(visible)


def consultation_list(*, user: User | Any, filters: Mapping[str, Any]) -> QuerySet[Consultation]:
    filterset = ConsultationFilter(filters, queryset=consultation_visible(user=user))
    return filtered(filterset)


def consultation_get(*, user: User | Any, consultation_id: int) -> Consultation:
    try:
        return consultation_visible(user=user).get(pk=consultation_id)
    except Consultation.DoesNotExist as exc:
        raise Http404 from exc


def attachment_get(*, consultation: Consultation, attachment_id: int) -> ConsultationAttachment:
    try:
        return consultation.attachments.get(pk=attachment_id)
    except ConsultationAttachment.DoesNotExist as exc:
        raise Http404 from exc


def consultation_stats(
    *, created_after: datetime.date | None, created_before: datetime.date | None
) -> dict[str, Any]:
    """Counts by status and topic; hours from creation to the first adviser message and to closing."""
    consultations = Consultation.objects.all()
    if created_after:
        consultations = consultations.filter(created_at__date__gte=created_after)
    if created_before:
        consultations = consultations.filter(created_at__date__lte=created_before)
    by_status: dict[str, int] = defaultdict(int)
    by_topic: dict[str, int] = defaultdict(int)
    first_response: list[float] = []
    to_close: list[float] = []
    rows = consultations.values("status", "topic", "created_at", "first_response_at", "closed_at")
    for row in rows:
        by_status[row["status"]] += 1
        by_topic[row["topic"]] += 1
        if row["first_response_at"]:
            first_response.append((row["first_response_at"] - row["created_at"]).total_seconds() / 3600)
        if row["closed_at"]:
            to_close.append((row["closed_at"] - row["created_at"]).total_seconds() / 3600)
    return {
        "total": sum(by_status.values()),
        "by_status": dict(sorted(by_status.items())),
        "by_topic": dict(sorted(by_topic.items())),
        "first_response": duration_figures(first_response),
        "time_to_close": duration_figures(to_close),
    }


def adviser_candidates() -> list[User]:
    """Staff users flagged as advisers, who may be given consultations."""
    return list(User.objects.filter(is_staff=True, is_adviser=True, is_active=True).order_by("id"))
