"""Reads for introductions, notifications and the staff dashboard.

Introductions are the only place where one organisation's contacts are shown to
another: the vendor's members see the buyer's contacts and the buyer's members see
the vendor's; staff see both. Nobody else sees an introduction at all.
"""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404

from accounts.models import User
from audit.models import AuditEvent
from audit.selectors import audit_trail
from core.filters import filtered
from core.permissions import is_staff, member_kind, member_organization_id
from introductions.filters import IntroductionFilter, NotificationFilter
from introductions.models import Introduction, IntroductionStatus, Notification
from matching.models import Proposal, ProposalStatus
from organizations.models import OrganizationKind
from reference.models import Category

# --- introductions ---


def introduction_visible(*, user: User | Any) -> QuerySet[Introduction]:
    """Staff: all; vendor members: their organisation's as vendor; buyer members: as buyer; others: none."""
    queryset = (
        Introduction.objects.select_related(
            "vendor", "buyer", "request__category", "product__category", "proposal"
        )
        .prefetch_related("vendor__contacts", "buyer__contacts", "request__required_standards")
        .order_by("-created_at", "-id")
    )
    if is_staff(user):
        return queryset
    kind = member_kind(user)
    if kind == OrganizationKind.VENDOR:
        return queryset.filter(vendor_id=member_organization_id(user))
    if kind == OrganizationKind.BUYER:
        return queryset.filter(buyer_id=member_organization_id(user))
    return queryset.none()


def introduction_list(*, user: User | Any, filters: Mapping[str, Any]) -> QuerySet[Introduction]:
    """The visible introductions, filtered and sorted by IntroductionFilter (400 on bad values)."""
    return filtered(IntroductionFilter(filters, queryset=introduction_visible(user=user)))


def introduction_get(*, user: User | Any, introduction_id: int) -> Introduction:
    """One visible introduction; 404 for everyone else, as if it did not exist."""
    try:
        return introduction_visible(user=user).get(pk=introduction_id)
    except Introduction.DoesNotExist as exc:
        raise Http404 from exc


def introduction_audit_trail(*, introduction: Introduction) -> QuerySet[AuditEvent]:
    """The introduction's events (created, outcomes, reminders, expiry), newest first."""
    return audit_trail(target=introduction)


def introduction_actor_role(*, event: AuditEvent, introduction: Introduction) -> str:
    """Who acted in ``event``, by role: staff, vendor, buyer or system (no actor)."""
    actor = event.actor
    if actor is None:
        return "system"
    if actor.is_staff:
        return "staff"
    if actor.organization_id == introduction.vendor_id:
        return "vendor"
    if actor.organization_id == introduction.buyer_id:
        return "buyer"
    return "member"


def introduction_contacts_shown(*, user: User | Any, introduction: Introduction) -> set[str]:
    """Whose contacts ``user`` sees in ``introduction``: the other party's; staff both."""
    if is_staff(user):
        return {"vendor", "buyer"}
    organization_id = member_organization_id(user)
    if organization_id == introduction.vendor_id:
        return {"buyer"}
    if organization_id == introduction.buyer_id:
        return {"vendor"}
    return set()


# --- notifications ---


def notification_list(*, user: User, filters: Mapping[str, Any]) -> QuerySet[Notification]:
    """The user's own notifications, newest first (``unread=true`` for the unread ones)."""
    queryset = Notification.objects.filter(user=user).order_by("-created_at", "-id")
    return filtered(NotificationFilter(filters, queryset=queryset))


def notification_get(*, user: User, notification_id: int) -> Notification:
    """One of the user's notifications; another user's is a 404."""
    try:
        return Notification.objects.get(pk=notification_id, user=user)
    except Notification.DoesNotExist as exc:
        raise Http404 from exc


# --- the staff dashboard ---

PIPELINE = [status.value for status in IntroductionStatus]
PROPOSAL_STATUSES = [status.value for status in ProposalStatus]
CLOSED_STATUSES = (IntroductionStatus.DEAL, IntroductionStatus.NO_DEAL, IntroductionStatus.EXPIRED)
DIMENSIONS = ("country", "category", "month")


def _category_with_descendants(category_id: int) -> list[int]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    found, stack = [], [category_id]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def _scoped(
    queryset: QuerySet[Any],
    *,
    created_after: datetime.date | None,
    created_before: datetime.date | None,
    country: str | None,
    category_ids: list[int] | None,
) -> QuerySet[Any]:
    """Annotate the three dimensions (destination country, category, created month) and filter.

    The category is the request's, or the product's when the request names none.
    """
    queryset = queryset.annotate(
        stat_country=F("request__destination_country"),
        stat_category=Coalesce("request__category_id", "product__category_id"),
        stat_month=TruncMonth("created_at", tzinfo=datetime.UTC),
    ).order_by()
    if created_after is not None:
        queryset = queryset.filter(created_at__date__gte=created_after)
    if created_before is not None:
        queryset = queryset.filter(created_at__date__lte=created_before)
    if country:
        queryset = queryset.filter(request__destination_country=country.upper())
    if category_ids is not None:
        queryset = queryset.filter(stat_category__in=category_ids)
    return queryset


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _dimension_key(dimension: str, value: Any) -> Any:
    if dimension == "month" and value is not None:
        return value.strftime("%Y-%m")
    return value


def introduction_stats(
    *,
    created_after: datetime.date | None = None,
    created_before: datetime.date | None = None,
    country: str | None = None,
    category_id: int | None = None,
) -> dict[str, Any]:
    """Counts for the staff dashboard, in a fixed number of aggregate queries (no per-row work).

    Proposals by status, approvals, introductions per status (the pipeline), deals with
    summed quantity and value per currency, conversion rates, and the same counts per
    destination country, category and created month.
    """
    category_ids = _category_with_descendants(category_id) if category_id is not None else None

    def scoped(queryset: QuerySet[Any]) -> QuerySet[Any]:
        return _scoped(
            queryset,
            created_after=created_after,
            created_before=created_before,
            country=country,
            category_ids=category_ids,
        )

    proposals = scoped(Proposal.objects.all())
    introductions = scoped(Introduction.objects.all())
    deals = introductions.filter(status=IntroductionStatus.DEAL)
    is_deal = Q(status=IntroductionStatus.DEAL)

    proposal_counts = dict.fromkeys(PROPOSAL_STATUSES, 0)
    for row in proposals.values("status").annotate(count=Count("id")):
        proposal_counts[row["status"]] = row["count"]
    introduction_totals = introductions.aggregate(
        total=Count("id"),
        replied=Count("id", filter=Q(replied_at__isnull=False)),
        deal_quantity=Sum("deal_quantity", filter=is_deal),
        **{status: Count("id", filter=Q(status=status)) for status in PIPELINE},
    )
    value_by_currency = [
        {"currency": row["deal_currency"], "value": row["value"], "count": row["count"]}
        for row in deals.values("deal_currency")
        .annotate(value=Sum("deal_value"), count=Count("id"))
        .order_by("deal_currency")
    ]

    groups: dict[str, dict[Any, dict[str, Any]]] = {}
    for dimension in DIMENSIONS:
        field = f"stat_{dimension}"
        rows: dict[Any, dict[str, Any]] = defaultdict(
            lambda: {
                "proposals": 0,
                "approvals": 0,
                "introductions": 0,
                "deals": 0,
                "deal_quantity": 0,
                "deal_value": {},
            }
        )
        for row in proposals.values(field).annotate(
            count=Count("id"), approved=Count("id", filter=Q(status=ProposalStatus.APPROVED))
        ):
            entry = rows[_dimension_key(dimension, row[field])]
            entry["proposals"], entry["approvals"] = row["count"], row["approved"]
        for row in introductions.values(field).annotate(
            count=Count("id"),
            deals=Count("id", filter=is_deal),
            quantity=Sum("deal_quantity", filter=is_deal),
        ):
            entry = rows[_dimension_key(dimension, row[field])]
            entry["introductions"], entry["deals"] = row["count"], row["deals"]
            entry["deal_quantity"] = row["quantity"] or 0
        for row in deals.values(field, "deal_currency").annotate(value=Sum("deal_value")):
            rows[_dimension_key(dimension, row[field])]["deal_value"][row["deal_currency"]] = row["value"]
        groups[dimension] = rows

    categories = {
        category.pk: category
        for category in Category.objects.filter(pk__in=[key for key in groups["category"] if key is not None])
    }
    total = introduction_totals["total"]
    closed = sum(introduction_totals[status] for status in CLOSED_STATUSES)
    decided = proposal_counts[ProposalStatus.APPROVED] + proposal_counts[ProposalStatus.REJECTED]
    return {
        "filters": {
            "created_after": created_after,
            "created_before": created_before,
            "country": country.upper() if country else None,
            "category": category_id,
        },
        "proposals": {"total": sum(proposal_counts.values()), "by_status": proposal_counts},
        "approvals": proposal_counts[ProposalStatus.APPROVED],
        "introductions": total,
        "pipeline": [{"status": status, "count": introduction_totals[status]} for status in PIPELINE],
        "deals": {
            "count": introduction_totals[IntroductionStatus.DEAL],
            "quantity": introduction_totals["deal_quantity"] or 0,
            "value_by_currency": value_by_currency,
        },
        "conversion": {
            "approval_rate": _rate(proposal_counts[ProposalStatus.APPROVED], decided),
            "reply_rate": _rate(introduction_totals["replied"], total),
            "deal_rate": _rate(introduction_totals[IntroductionStatus.DEAL], total),
            "deal_rate_of_closed": _rate(introduction_totals[IntroductionStatus.DEAL], closed),
        },
        "by_country": [
            {"country": key or "", **values}
            for key, values in sorted(groups["country"].items(), key=lambda item: item[0] or "")
        ],
        "by_category": [
            {
                "category": key,
                "slug": categories[key].slug if key in categories else "",
                "hs_code": categories[key].hs_code if key in categories else "",
                "names": categories[key].names if key in categories else {},
                **values,
            }
            for key, values in sorted(groups["category"].items(), key=lambda item: item[0] or 0)
        ],
        "by_month": [{"month": key, **values} for key, values in sorted(groups["month"].items())],
    }
