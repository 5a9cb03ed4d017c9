"""The signed-in user of a request as the project's User (role checks on any user: core.permissions)."""

from rest_framework import exceptions
from rest_framework.request import Request

from accounts.models import User


def request_user(request: Request) -> User:
    """The signed-in user of an API view whose permissions require authentication."""
    user = request.user
    if not isinstance(user, User):
        raise exceptions.NotAuthenticated()
    return user
