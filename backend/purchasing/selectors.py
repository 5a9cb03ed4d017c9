"""Reads for purchase requests. Demand is private: buyers see their own, staff see all."""

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext, ngettext

from accounts.models import User
from audit.models import AuditEvent
from audit.selectors import audit_trail
from core.filters import filtered
from core.i18n import stored_error_text
from core.permissions import is_staff, member_kind, member_organization_id
from organizations.models import Organization, OrganizationKind
from organizations.selectors import organization_acting_for
from purchasing.filters import DuplicateFlagFilter, PurchaseRequestFilter
from purchasing.models import DuplicateFlag, DuplicateStatus, ImportJob, ImportJobStatus, PurchaseRequest


def purchase_request_visible(*, user: User | Any) -> QuerySet[PurchaseRequest]:
    """Every request ``user`` may see: staff all, buyer members their organisation's, others none."""
    open_flags = DuplicateFlag.objects.filter(status=DuplicateStatus.OPEN)
    queryset = (
        PurchaseRequest.objects.select_related("buyer", "category")
        .prefetch_related("required_standards")
        .annotate(
            has_duplicates=ExpressionWrapper(
                Q(Exists(open_flags.filter(request=OuterRef("pk"))))
                | Q(Exists(open_flags.filter(duplicate_of=OuterRef("pk")))),
                output_field=BooleanField(),
            )
        )
        .order_by("-created_at", "-id")
    )
    if is_staff(user):
        return queryset
    if member_kind(user) == OrganizationKind.BUYER:
        return queryset.filter(buyer_id=member_organization_id(user))
    return queryset.none()


def purchase_request_list(*, user: User | Any, filters: Mapping[str, Any]) -> QuerySet[PurchaseRequest]:
    """The visible requests, filtered and sorted by PurchaseRequestFilter (400 on bad filter values)."""
    return filtered(PurchaseRequestFilter(filters, queryset=purchase_request_visible(user=user)))


def purchase_request_get(*, user: User | Any, request_id: int) -> PurchaseRequest:
    """One visible request; 404 for requests of other organisations, as if they did not exist."""
    try:
        return purchase_request_visible(user=user).get(pk=request_id)
    except PurchaseRequest.DoesNotExist as exc:
        raise Http404 from exc


def purchase_request_buyer_for(*, user: User, buyer_id: int | None) -> Organization:
    """The organisation a new request or import is for (``organization_acting_for``, field ``buyer``)."""
    return organization_acting_for(
        user=user, organization_id=buyer_id, kind=OrganizationKind.BUYER, field="buyer"
    )


def duplicate_flag_list(*, filters: Mapping[str, Any]) -> QuerySet[DuplicateFlag]:
    """Duplicate flags for staff, open ones unless ``status`` says otherwise, newest first."""
    data = dict(filters.items())
    data.setdefault("status", DuplicateStatus.OPEN)
    queryset = DuplicateFlag.objects.select_related(
        "request__buyer", "request__category", "duplicate_of__buyer", "duplicate_of__category"
    ).order_by("-created_at", "-id")
    return filtered(DuplicateFlagFilter(data, queryset=queryset))


def duplicate_flag_get(*, flag_id: int) -> DuplicateFlag:
    try:
        return DuplicateFlag.objects.select_related(
            "request__buyer", "request__category", "duplicate_of__buyer", "duplicate_of__category"
        ).get(pk=flag_id)
    except DuplicateFlag.DoesNotExist as exc:
        raise Http404 from exc


class DuplicateFlagView(TypedDict):
    id: int
    request: int | None
    duplicate_of: int | None
    reason: str
    status: str


def duplicate_flags_for_user(*, user: User, flags: Sequence[DuplicateFlag]) -> list[DuplicateFlagView]:
    """Flags as a member may see them: the other side's id only if it is their own organisation's."""
    ids = {flag.request_id for flag in flags} | {flag.duplicate_of_id for flag in flags}
    visible = set(purchase_request_visible(user=user).filter(pk__in=ids).values_list("pk", flat=True))
    return [
        {
            "id": flag.pk,
            "request": flag.request_id if flag.request_id in visible else None,
            "duplicate_of": flag.duplicate_of_id if flag.duplicate_of_id in visible else None,
            "reason": flag.reason,
            "status": flag.status,
        }
        for flag in flags
    ]


def import_job_get(*, user: User, job_id: int) -> ImportJob:
    """An import job for the user who uploaded it, or for staff; anyone else gets a 404."""
    queryset = ImportJob.objects.all()
    if not is_staff(user):
        queryset = queryset.filter(uploaded_by=user)
    job = queryset.filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


def import_job_duplicate_flags(*, job: ImportJob) -> list[DuplicateFlag]:
    """The duplicate flags raised for the requests a job created."""
    if job.batch_id is None:
        return []
    return list(DuplicateFlag.objects.filter(request__import_batch_id=job.batch_id).order_by("pk"))


def purchase_request_duplicate_flags(*, purchase_request: PurchaseRequest) -> list[DuplicateFlag]:
    """Every duplicate flag involving ``purchase_request`` (either side, any status), oldest first."""
    return list(
        DuplicateFlag.objects.filter(Q(request=purchase_request) | Q(duplicate_of=purchase_request))
        .select_related("request", "duplicate_of")
        .order_by("pk")
    )


def purchase_request_audit_trail(*, purchase_request: PurchaseRequest) -> QuerySet[AuditEvent]:
    """The request's events, newest first: created, edited, each status change (with its reason)."""
    return audit_trail(target=purchase_request)


def purchase_request_actor_role(*, event: AuditEvent, purchase_request: PurchaseRequest) -> str:
    """Who acted in ``event``, by role: staff, buyer or system (no actor); never by name."""
    actor = event.actor
    if actor is None:
        return "system"
    if actor.is_staff:
        return "staff"
    if actor.organization_id == purchase_request.buyer_id:
        return "buyer"
    return "member"


def import_errors_translated(*, errors: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A job's stored row errors with each message in the reader's language."""
    return [
        {
            "row": item.get("row"),
            "errors": {
                column: [
                    {"code": error.get("code", "invalid"), "message": stored_error_text(error)}
                    for error in column_errors
                ]
                for column, column_errors in (item.get("errors") or {}).items()
            },
        }
        for item in errors
    ]


def import_failure_message(*, job: ImportJob) -> str:
    """Why a job failed, in the reader's language; empty unless it failed."""
    if job.status != ImportJobStatus.FAILED:
        return ""
    rows = sum(1 for item in job.errors if item.get("row") is not None)
    if rows:
        return ngettext(
            "%(count)s row has errors; nothing was imported.",
            "%(count)s rows have errors; nothing was imported.",
            rows,
        ) % {"count": rows}
    if job.errors:
        return gettext("The file cannot be imported; nothing was imported.")
    return gettext(job.message) if job.message else ""
