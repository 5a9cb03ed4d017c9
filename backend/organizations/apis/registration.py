"""Registration, served under /api/v1/auth/register/ by organizations.registration_urls."""

import hashlib

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from core.fields import IdentityCharField
from core.validators import MAX_NAME_LENGTH, UI_LANGUAGES
from organizations.models import BuyerType, OrganizationKind
from organizations.services.registration import organization_register, organization_register_errors


class RegisterDomainThrottle(SimpleRateThrottle):
    """Sign-ups per e-mail domain (MEDMATCH_REGISTER_DOMAIN_THROTTLE), beside the per-address
    limit: a chamber onboarding its members from one office is not one domain."""

    scope = "register_domain"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        data = request.data
        email = data.get("email") if hasattr(data, "get") else None
        if not isinstance(email, str) or "@" not in email:
            return None
        domain = email.rpartition("@")[2].strip().casefold()
        ident = hashlib.sha256(domain.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


class RegisterApi(APIView):
    """Create an organisation (vendor, or buyer of a given type) and its first user."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle, RegisterDomainThrottle]
    throttle_scope = "register"

    class InputSerializer(serializers.Serializer[dict[str, object]]):
        # The e-mail is also the user name (150 characters).
        email = serializers.EmailField(max_length=150)
        password = serializers.CharField(
            write_only=True, min_length=8, max_length=1024, style={"input_type": "password"}
        )
        full_name = IdentityCharField(max_length=150)
        phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
        language = serializers.ChoiceField(choices=UI_LANGUAGES, default="en")
        kind = serializers.ChoiceField(choices=OrganizationKind.choices)
        buyer_type = serializers.ChoiceField(
            choices=BuyerType.choices, required=False, allow_blank=True, default=""
        )
        organization_name = IdentityCharField(max_length=MAX_NAME_LENGTH)
        legal_names = serializers.DictField(
            child=IdentityCharField(max_length=MAX_NAME_LENGTH), required=False, default=dict
        )
        country = serializers.CharField(max_length=2)
        city = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
        registration_id = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")

    class OutputSerializer(serializers.Serializer[dict[str, str]]):
        email = serializers.EmailField()
        message = serializers.CharField()

    @extend_schema(request=InputSerializer, responses={202: OutputSerializer}, operation_id="auth_register")
    def post(self, request: Request) -> Response:
        """The same 202 whether the address was free (the account now exists: it signs in once
        the e-mailed confirmation link is opened) or already registered (nothing is created;
        its owner is e-mailed): registering does not tell anyone whether an address has an
        account."""
        serializer = self.InputSerializer(data=request.data)
        if not serializer.is_valid():
            # The rules across fields (buyer type, USCC, password strength) are named in the same
            # answer as the format errors, not only once those are fixed.
            rules = as_serializer_error(
                DjangoValidationError(organization_register_errors(data=request.data))
            )
            raise serializers.ValidationError({**rules, **serializer.errors})
        organization_register(**serializer.validated_data)
        answer = {"email": serializer.validated_data["email"].lower(), "message": REGISTERED_MESSAGE}
        return Response(self.OutputSerializer(answer).data, status=status.HTTP_202_ACCEPTED)


REGISTERED_MESSAGE = (
    "Registered. Open the link we have e-mailed to this address to confirm it, then sign in; if "
    "the address already had an account, nothing was changed and its owner has been e-mailed."
)
