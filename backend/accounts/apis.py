from django.conf import settings
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import exceptions, serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.models import USER_ROLES, User
from accounts.services import (
    email_confirm,
    password_change,
    password_reset_confirm,
    password_reset_request,
    token_create,
    token_revoke,
    user_public_profile,
    user_sign_out_everywhere,
)


class UserOutputSerializer(serializers.Serializer[dict[str, object]]):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    role = serializers.ChoiceField(choices=USER_ROLES)
    organization_id = serializers.IntegerField(allow_null=True)
    language = serializers.CharField()


class LoginInputSerializer(serializers.Serializer[dict[str, str]]):
    # Bounded before authenticate(): django-axes stores the user name of a failure in 255 characters.
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(max_length=1024, style={"input_type": "password"})


class LockedOut(exceptions.APIException):
    """django-axes locked the account or the address after too many failed sign-ins."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = "Too many failed sign-ins for this account or address; try again later."
    default_code = "locked_out"


def _authenticate(request: Request) -> User:
    serializer = LoginInputSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    user = authenticate(
        request._request,
        username=serializer.validated_data["email"].lower(),
        password=serializer.validated_data["password"],
    )
    if getattr(request._request, "axes_locked_out", False):
        raise LockedOut()
    if user is None:
        raise serializers.ValidationError(
            {"non_field_errors": ["The e-mail or password is wrong."]}, code="invalid_credentials"
        )
    assert isinstance(user, User)
    return user


class CsrfFailed(exceptions.PermissionDenied):
    default_detail = "The CSRF token is missing or wrong: reload the page and sign in again."
    default_code = "csrf_failed"


def _enforce_csrf(request: Request) -> None:
    """Django's CSRF check on a view that an anonymous visitor calls. DRF applies it only to
    requests already signed in by session; the session login needs it too, or a form on
    another site could sign a visitor into the attacker's account (login CSRF)."""
    try:
        SessionAuthentication().enforce_csrf(request)
    except exceptions.PermissionDenied as exc:
        raise CsrfFailed() from exc


class LoginApi(APIView):
    """Session login for the web app. Needs Django's CSRF token in ``X-CSRFToken`` (the
    ``csrftoken`` cookie, set by the app's pages and by ``GET auth/me/``)."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        request=LoginInputSerializer, responses={200: UserOutputSerializer}, operation_id="auth_login"
    )
    def post(self, request: Request) -> Response:
        _enforce_csrf(request)
        user = _authenticate(request)
        login(request._request, user)
        return Response(UserOutputSerializer(user_public_profile(user=user)).data)


class LogoutApi(APIView):
    """End this session, or revoke the API token the request was sent with."""

    permission_classes = [AllowAny]

    @extend_schema(request=None, responses={204: None}, operation_id="auth_logout")
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, AuthToken):
            token_revoke(token=request.auth)
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutEverywhereApi(APIView):
    """Sign out everywhere: end every session of this user and revoke every API token."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None}, operation_id="auth_logout_everywhere")
    def post(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        user_sign_out_everywhere(user=request.user)
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenApi(APIView):
    """A new token for integrations: send it as ``Authorization: Token <key>``. It expires at
    ``expiry`` (MEDMATCH_TOKEN_TTL_HOURS) and is revoked by logout with it, a password change
    or reset, and sign-out-everywhere; ask for a new one then."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    class OutputSerializer(serializers.Serializer[dict[str, object]]):
        token = serializers.CharField()
        expiry = serializers.DateTimeField()

    @extend_schema(request=LoginInputSerializer, responses={200: OutputSerializer}, operation_id="auth_token")
    def post(self, request: Request) -> Response:
        user = _authenticate(request)
        instance, key = token_create(user=user)
        return Response(self.OutputSerializer({"token": key, "expiry": instance.expiry}).data)


# Also sets the CSRF cookie that the session login needs, for a client that has not loaded a page.
@method_decorator(ensure_csrf_cookie, name="dispatch")
class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: UserOutputSerializer}, operation_id="auth_me")
    def get(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        return Response(UserOutputSerializer(user_public_profile(user=request.user)).data)


class PasswordChangeApi(APIView):
    """Change the signed-in user's password. The current session stays signed in; every other
    session ends and every API token (this request's too) is revoked."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        old_password = serializers.CharField(max_length=128, style={"input_type": "password"})
        new_password = serializers.CharField(max_length=128, style={"input_type": "password"})

    @extend_schema(request=InputSerializer, responses={204: None}, operation_id="auth_password_change")
    def post(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = password_change(user=request.user, **serializer.validated_data)
        if request._request.session.session_key:
            update_session_auth_hash(request._request, user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetApi(APIView):
    """E-mail a reset link. Answers 204 whether or not the address has an account."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "password_reset"

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        email = serializers.EmailField(max_length=254)

    @extend_schema(request=InputSerializer, responses={204: None}, operation_id="auth_password_reset")
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        password_reset_request(
            email=serializer.validated_data["email"],
            reset_url=f"{settings.MEDMATCH_PUBLIC_URL.rstrip('/')}/reset-password",
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetConfirmApi(APIView):
    """Set a new password with the uid and token from the e-mailed link."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "password_reset"

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        uid = serializers.CharField(max_length=64)
        token = serializers.CharField(max_length=128)
        new_password = serializers.CharField(max_length=128, style={"input_type": "password"})

    @extend_schema(request=InputSerializer, responses={204: None}, operation_id="auth_password_reset_confirm")
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        password_reset_confirm(**serializer.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EmailConfirmApi(APIView):
    """Confirm a new account's address with the uid and token from the e-mailed link; the
    account may sign in from then on."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "password_reset"

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        uid = serializers.CharField(max_length=64)
        token = serializers.CharField(max_length=128)

    class OutputSerializer(serializers.Serializer[dict[str, str]]):
        email = serializers.EmailField()
        role = serializers.ChoiceField(choices=USER_ROLES, help_text="Where the UI goes after signing in.")

    @extend_schema(
        request=InputSerializer, responses={200: OutputSerializer}, operation_id="auth_email_confirm"
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = email_confirm(**serializer.validated_data)
        return Response(self.OutputSerializer({"email": user.email, "role": user.role}).data)
