"""Reads for force-majeure applications and certificates, the staff queue, the public
verification and the trade-service figures.

A member sees its own organisation's applications and certificates; staff see all; anybody
else gets 404, as if they did not exist. The public verification shows a fixed, small set
of fields of one certificate by its number.
"""

import datetime
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import DateTimeField, DurationField, ExpressionWrapper, F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import User
from certificates.filters import ApplicationFilter, CertificateFilter
from certificates.models import (
    UNDER_REVIEW,
    ApplicationStatus,
    Certificate,
    CertificateValidity,
    Evidence,
    FmApplication,
)
from core.filters import filtered
from core.permissions import is_staff, member_organization_id


def target_hours() -> int:
    """The review target in hours (MEDMATCH_FM_TARGET_HOURS)."""
    return int(getattr(settings, "MEDMATCH_FM_TARGET_HOURS", 24))


def application_visible(*, user: User | Any) -> QuerySet[FmApplication]:
    queryset = (
        FmApplication.objects.select_related("organization", "certificate")
        .prefetch_related("evidence")
        .order_by("-created_at", "-id")
    )
    if is_staff(user):
        return queryset
    organization_id = member_organization_id(user)
    if organization_id is None:
        return queryset.none()
    return queryset.filter(organization_id=organization_id)


def application_list(*, user: User | Any, filters: Mapping[str, Any]) -> QuerySet[FmApplication]:
    return filtered(ApplicationFilter(filters, queryset=application_visible(user=user)))


def application_get(*, user: User | Any, application_id: int) -> FmApplication:
    try:
        return application_visible(user=user).get(pk=application_id)
    except FmApplication.DoesNotExist as exc:
        raise Http404 from exc


def application_get_own(*, user: Any, application_id: int) -> FmApplication:
    """The application, if ``user`` is a member of the applicant: Http404 for one they may not
    see, PermissionDenied for one they see only as staff."""
    application = application_get(user=user, application_id=application_id)
    if application.organization_id != member_organization_id(user):
        raise PermissionDenied("Only the applicant's own members can do this.")
    return application


def evidence_get(*, application: FmApplication, evidence_id: int) -> Evidence:
    try:
        return application.evidence.get(pk=evidence_id)
    except Evidence.DoesNotExist as exc:
        raise Http404 from exc


def review_queue() -> QuerySet[FmApplication]:
    """Applications waiting for a decision, the one with the least time left first.

    ``due_at`` = when the current review run started + the target − the time already used
    in earlier runs (paused while the member was asked for more).
    """
    target = datetime.timedelta(hours=target_hours())
    due_at = ExpressionWrapper(
        F("clock_started_at")
        + Value(target, output_field=DurationField())
        - Coalesce(F("review_elapsed"), Value(datetime.timedelta(0), output_field=DurationField())),
        output_field=DateTimeField(),
    )
    return (
        FmApplication.objects.filter(status__in=UNDER_REVIEW, clock_started_at__isnull=False)
        .select_related("organization")
        .prefetch_related("evidence")
        .annotate(due_at=due_at)
        .order_by("due_at", "id")
    )


def review_time_left(*, application: FmApplication, now: datetime.datetime) -> datetime.timedelta:
    """Time left against the target (negative when overdue); frozen while the clock is paused."""
    used = application.review_elapsed or datetime.timedelta(0)
    if application.clock_started_at is not None:
        used += now - application.clock_started_at
    return datetime.timedelta(hours=target_hours()) - used


def certificate_visible(*, user: User | Any) -> QuerySet[Certificate]:
    queryset = Certificate.objects.select_related("application__organization").order_by("-issued_at", "-id")
    if is_staff(user):
        return queryset
    organization_id = member_organization_id(user)
    if organization_id is None:
        return queryset.none()
    return queryset.filter(application__organization_id=organization_id)


def certificate_list(*, user: User | Any, filters: Mapping[str, Any]) -> QuerySet[Certificate]:
    return filtered(CertificateFilter(filters, queryset=certificate_visible(user=user)))


def certificate_get(*, user: User | Any, certificate_id: int) -> Certificate:
    try:
        return certificate_visible(user=user).get(pk=certificate_id)
    except Certificate.DoesNotExist as exc:
        raise Http404 from exc


def certificate_verify(*, number: str) -> dict[str, Any]:
    """What the public verification page shows; 404 for an unknown (or not yet signed) number."""
    certificate = Certificate.objects.filter(number=number.strip().upper()[:32]).exclude(pdf="").first()
    if certificate is None:
        raise Http404
    return {
        "number": certificate.number,
        "status": CertificateValidity.REVOKED if certificate.revoked_at else CertificateValidity.VALID,
        "holder": certificate.holder_name,
        "holder_legal_names": certificate.holder_legal_names,
        "holder_country": certificate.holder_country,
        "counterparty_country": certificate.counterparty_country,
        "issued_at": certificate.issued_at,
        "event_start": certificate.facts.get("event_start") or None,
        "event_end": certificate.facts.get("event_end") or None,
        "revoked_at": certificate.revoked_at,
        "revocation_reason": certificate.revocation_reason,
        "pdf_sha256": certificate.pdf_sha256,
    }


# --- figures ---


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The nearest-rank percentile of ``values`` (None if empty)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def duration_figures(hours: Sequence[float], *, target: float | None = None) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "count": len(hours),
        "median_hours": percentile(hours, 0.5),
        "p90_hours": percentile(hours, 0.9),
    }
    if target is not None:
        figures["within_target_share"] = (
            sum(1 for value in hours if value <= target) / len(hours) if hours else None
        )
    return figures


def certificate_stats(
    *, created_after: datetime.date | None, created_before: datetime.date | None
) -> dict[str, Any]:
    """Applications, certificates issued, submission→issue time (median, p90, share within
    the target), by month (of submission) and by counterparty country."""
    target = float(target_hours())
    applications = FmApplication.objects.exclude(status=ApplicationStatus.DRAFT)
    if created_after:
        applications = applications.filter(submitted_at__date__gte=created_after)
    if created_before:
        applications = applications.filter(submitted_at__date__lte=created_before)
    rows = list(
        applications.values("id", "status", "submitted_at", "counterparty_country", "certificate__issued_at")
    )
    by_status: dict[str, int] = defaultdict(int)
    groups: dict[str, dict[str, dict[str, Any]]] = {"month": {}, "country": {}}
    all_hours: list[float] = []
    for row in rows:
        by_status[row["status"]] += 1
        hours = None
        if row["certificate__issued_at"] and row["submitted_at"]:
            hours = (row["certificate__issued_at"] - row["submitted_at"]).total_seconds() / 3600
            all_hours.append(hours)
        keys = {
            "month": row["submitted_at"].strftime("%Y-%m") if row["submitted_at"] else "",
            "country": row["counterparty_country"],
        }
        for group, key in keys.items():
            bucket = groups[group].setdefault(key, {"applications": 0, "issued": 0, "hours": []})
            bucket["applications"] += 1
            if hours is not None:
                bucket["issued"] += 1
                bucket["hours"].append(hours)

    def rows_of(group: str, name: str) -> list[dict[str, Any]]:
        result = []
        for key, bucket in sorted(groups[group].items()):
            figures = duration_figures(bucket["hours"], target=target)
            result.append(
                {
                    name: key,
                    "applications": bucket["applications"],
                    "issued": bucket["issued"],
                    "median_hours": figures["median_hours"],
                    "p90_hours": figures["p90_hours"],
                    "within_target_share": figures["within_target_share"],
                }
            )
        return result

    revoked = Certificate.objects.filter(application__in=applications, revoked_at__isnull=False).count()
    return {
        "target_hours": target,
        "applications": len(rows),
        "by_status": dict(sorted(by_status.items())),
        "issued": len(all_hours),
        "revoked": revoked,
        "submission_to_issue": duration_figures(all_hours, target=target),
        "by_month": rows_of("month", "month"),
        "by_counterparty_country": rows_of("country", "country"),
    }
