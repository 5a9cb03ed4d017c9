"""Roles (PRODUCT.md §2) as DRF permissions. Object-level checks live in each app's selectors."""

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView


def is_staff(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_staff)


def member_organization_id(user: Any) -> int | None:
    """The id of the user's organisation, or None for anonymous users, staff without one, etc."""
    if not user or not user.is_authenticated:
        return None
    org_id: int | None = user.organization_id
    return org_id


def member_kind(user: Any) -> str | None:
    """'vendor' or 'buyer' for members, else None."""
    if member_organization_id(user) is None:
        return None
    kind: str = user.organization.kind
    return kind


class IsStaff(BasePermission):
    message = "Only MedMatch staff can do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return is_staff(request.user)


class IsMember(BasePermission):
    """A signed-in user who belongs to an organisation (or staff)."""

    message = "Sign in as a member of an organisation to do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return is_staff(request.user) or member_organization_id(request.user) is not None


class IsVendorMember(BasePermission):
    message = "Only vendor members (or staff) can do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return is_staff(request.user) or member_kind(request.user) == "vendor"


class IsBuyerMember(BasePermission):
    message = "Only buyer members (or staff) can do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return is_staff(request.user) or member_kind(request.user) == "buyer"


class ReadOnlyOrVendor(BasePermission):
    """Anyone may read (selectors decide what); only vendors and staff write."""

    message = "Only vendor members (or staff) can change products."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return is_staff(request.user) or member_kind(request.user) == "vendor"
