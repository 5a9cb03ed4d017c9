"""HTTP for purchase requests (/api/v1/requests/): buyer members and staff only.

Demand is private: vendors and anonymous visitors get 403/401, members of other
organisations get 404. No response carries anyone's contact details.
"""

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.permissions import request_user
from audit.models import AuditEvent
from core.pagination import ListApi
from core.parsers import BoundedFormParser, BoundedMultiPartParser
from core.permissions import IsBuyerMember, IsStaff
from core.validators import CODE_MAX_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH
from organizations.filters import AuditEventFilter
from organizations.serializers import BuyerSummarySerializer
from purchasing.filters import DuplicateFlagFilter, PurchaseRequestFilter
from purchasing.importers import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    import_template_csv,
    import_template_xlsx,
)
from purchasing.models import (
    DuplicateFlag,
    DuplicateStatus,
    ImportJob,
    ImportJobStatus,
    PurchaseRequest,
    RequestStatus,
)
from purchasing.selectors import (
    duplicate_flag_get,
    duplicate_flag_list,
    duplicate_flags_for_user,
    import_errors_translated,
    import_failure_message,
    import_job_duplicate_flags,
    import_job_get,
    purchase_request_audit_trail,
    purchase_request_duplicate_flags,
    purchase_request_get,
    purchase_request_list,
    purchase_request_visible,
    request_actor_role,
    request_buyer_for,
)
from purchasing.services.duplicates import duplicate_dismiss, duplicate_merge
from purchasing.services.imports import (
    PurchaseRequestImportRejected,
    import_rejection_errors,
    purchase_request_import_submit,
)
from purchasing.services.requests import (
    purchase_request_create,
    purchase_request_delete,
    purchase_request_update,
)
from purchasing.services.transitions import purchase_request_transition
from reference.selectors import category_suggestion
from reference.serializers import CategorySummarySerializer

# --- output ---


class PurchaseRequestOutputSerializer(serializers.Serializer[PurchaseRequest]):
    id = serializers.IntegerField()
    buyer = BuyerSummarySerializer()
    title = serializers.CharField()
    description = serializers.CharField()
    language = serializers.CharField()
    category = CategorySummarySerializer(allow_null=True)
    end_user = serializers.CharField()
    quantity = serializers.IntegerField()
    unit = serializers.CharField()
    required_standards = serializers.SerializerMethodField(help_text="Standard codes.")
    destination_country = serializers.CharField()
    target_unit_price = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    currency = serializers.CharField()
    needed_by = serializers.DateField(allow_null=True)
    incoterm = serializers.CharField()
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    import_batch = serializers.IntegerField(source="import_batch_id", allow_null=True)
    has_duplicates = serializers.BooleanField(help_text="An open duplicate flag involves this request.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_required_standards(self, purchase_request: PurchaseRequest) -> list[str]:
        return [standard.code for standard in purchase_request.required_standards.all()]


# --- input ---


class PurchaseRequestFieldsSerializer(serializers.Serializer[dict[str, Any]]):
    """Types only; the rules (ranges, codes, dates, standards) are checked by the service,
    the same way for API requests and spreadsheet rows."""

    title = serializers.CharField(allow_blank=True, max_length=MAX_NAME_LENGTH, help_text="Always required.")
    description = serializers.CharField(required=False, allow_blank=True, max_length=MAX_TEXT_LENGTH)
    language = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=8,
        help_text="Language tag of title and description (en, zh …).",
    )
    category = serializers.IntegerField(required=False, allow_null=True, help_text="Category id.")
    end_user = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_NAME_LENGTH,
        help_text="The hospital or agency the goods are for.",
    )
    quantity = serializers.IntegerField(help_text="At least 1.")
    unit = serializers.CharField(
        required=False, allow_blank=True, max_length=32, help_text="Defaults to piece."
    )
    required_standards = serializers.ListField(
        child=serializers.CharField(),
        max_length=100,
        required=False,
        help_text="Standard codes, e.g. EN 14683.",
    )
    destination_country = serializers.CharField(
        allow_blank=True, max_length=CODE_MAX_LENGTH, help_text="ISO 3166-1 alpha-2 code."
    )
    target_unit_price = serializers.DecimalField(
        max_digits=14, decimal_places=4, required=False, allow_null=True, help_text="Greater than 0."
    )
    currency = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=CODE_MAX_LENGTH,
        help_text="ISO 4217 code; required with a price.",
    )
    needed_by = serializers.DateField(required=False, allow_null=True, help_text="Not in the past.")
    incoterm = serializers.CharField(
        required=False, allow_blank=True, max_length=CODE_MAX_LENGTH, help_text="Incoterms 2020 rule."
    )


class PurchaseRequestCreateSerializer(PurchaseRequestFieldsSerializer):
    buyer = serializers.IntegerField(required=False, help_text="Staff only: the buyer organisation's id.")
    # A plain string in the schema (the service checks it): a second "status" enum would
    # collide with RequestStatus in the generated enum names.
    status = serializers.CharField(
        default=RequestStatus.DRAFT, max_length=16, help_text="draft (default) or open."
    )


class PurchaseRequestUpdateSerializer(PurchaseRequestFieldsSerializer):
    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for name in ("status", "buyer"):
            if name in self.initial_data:
                hint = "use POST /transition/" if name == "status" else "it cannot change"
                raise serializers.ValidationError(
                    {name: [f"This field is read-only here; {hint}."]}, code="read_only"
                )
        return attrs


class RequestDuplicateSerializer(serializers.Serializer[Any]):
    """A duplicate flag as seen from one request, with why it was raised (in the reader's language)."""

    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=DuplicateStatus.choices)
    kind = serializers.CharField(help_text="same_buyer or same_end_user: what the two requests share.")
    reason = serializers.CharField(help_text="The explanation, in the language of Accept-Language.")
    end_user = serializers.CharField(help_text="The shared end user (same_end_user); empty otherwise.")
    newer = serializers.BooleanField(help_text="True when this request is the newer one (merging closes it).")
    other_request = serializers.IntegerField(
        allow_null=True, help_text="The other request's id; null when it belongs to another organisation."
    )
    other_title = serializers.CharField(
        help_text="Empty when the other request belongs to another organisation."
    )
    other_status = serializers.ChoiceField(choices=RequestStatus.choices)


class PurchaseRequestDetailOutputSerializer(PurchaseRequestOutputSerializer):
    suggested_category = CategorySummarySerializer(
        allow_null=True,
        help_text="Without a category: the one inferred from the title and description (what matching "
        "uses), to suggest to the buyer; null when a category is given or nothing matches.",
    )
    duplicates = RequestDuplicateSerializer(
        many=True, help_text="Every duplicate flag involving this request."
    )


def _duplicate_explanation(*, flag: DuplicateFlag, subject: PurchaseRequest) -> tuple[str, str]:
    """(kind, explanation) of a flag: what the two requests share, in the active language."""
    if flag.request.buyer_id == flag.duplicate_of.buyer_id:
        return "same_buyer", gettext("Same buyer, same category, overlapping dates.")
    # The name keeps its own direction inside a sentence in another script (first-strong isolate).
    return "same_end_user", gettext("Same end user (%(end_user)s), same category, overlapping dates.") % {
        "end_user": f"\u2068{subject.end_user}\u2069"
    }


def _request_detail(*, user: User, purchase_request: PurchaseRequest) -> dict[str, Any]:
    """A request with its suggested category and duplicate flags, as the detail and every write answer."""
    fresh = purchase_request_get(user=user, request_id=purchase_request.pk)
    flags = purchase_request_duplicate_flags(purchase_request=fresh)
    others = [flag.duplicate_of if flag.request_id == fresh.pk else flag.request for flag in flags]
    other_ids = [other.pk for other in others]
    visible = set(purchase_request_visible(user=user).filter(pk__in=other_ids).values_list("pk", flat=True))
    duplicates = []
    for flag, other in zip(flags, others, strict=True):
        kind, reason = _duplicate_explanation(flag=flag, subject=fresh)
        shown = other.pk in visible
        duplicates.append(
            {
                "id": flag.pk,
                "status": flag.status,
                "kind": kind,
                "reason": reason,
                "end_user": fresh.end_user if kind == "same_end_user" else "",
                "newer": flag.request_id == fresh.pk,
                "other_request": other.pk if shown else None,
                "other_title": other.title if shown else "",
                "other_status": other.status,
            }
        )
    suggested = None
    if fresh.category_id is None:
        suggested = category_suggestion(text=f"{fresh.title} {fresh.description}")
    fresh.suggested_category = suggested  # type: ignore[attr-defined]
    fresh.duplicates = duplicates  # type: ignore[attr-defined]
    return dict(PurchaseRequestDetailOutputSerializer(fresh).data)


class RequestAuditEventSerializer(serializers.Serializer[AuditEvent]):
    """One event of a request: who acted by role (staff, buyer, system), never by name."""

    id = serializers.IntegerField()
    actor_role = serializers.SerializerMethodField(help_text="staff, buyer or system.")
    action = serializers.CharField(help_text="requests.created, requests.updated, requests.transitioned …")
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    reason = serializers.CharField()
    details = serializers.DictField(source="data", help_text="e.g. the fields an edit changed.")
    created_at = serializers.DateTimeField()

    def get_actor_role(self, event: AuditEvent) -> str:
        return request_actor_role(event=event, purchase_request=self.context["purchase_request"])


# --- requests ---


class PurchaseRequestListCreateApi(ListApi):
    """List the requests you may see, or post a new one."""

    permission_classes = [IsBuyerMember]
    # filterset_class documents the query parameters; the selector applies them.
    filterset_class = PurchaseRequestFilter
    input_serializer_class = PurchaseRequestCreateSerializer

    @extend_schema(responses={200: PurchaseRequestOutputSerializer(many=True)}, operation_id="requests_list")
    def get(self, request: Request) -> Response:
        rows = purchase_request_list(user=request_user(request), filters=request.query_params)
        return self.page_response(request, rows, PurchaseRequestOutputSerializer)

    @extend_schema(
        request=PurchaseRequestCreateSerializer,
        responses={201: PurchaseRequestDetailOutputSerializer},
        operation_id="requests_create",
    )
    def post(self, request: Request) -> Response:
        serializer = PurchaseRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        buyer = request_buyer_for(user=request_user(request), buyer_id=values.pop("buyer", None))
        initial_status = values.pop("status")
        created = purchase_request_create(
            buyer=buyer, actor=request_user(request), values=values, status=initial_status
        )
        return Response(
            _request_detail(user=request_user(request), purchase_request=created),
            status=status.HTTP_201_CREATED,
        )


class PurchaseRequestDetailApi(APIView):
    permission_classes = [IsBuyerMember]

    @extend_schema(responses={200: PurchaseRequestDetailOutputSerializer}, operation_id="requests_retrieve")
    def get(self, request: Request, request_id: int) -> Response:
        user = request_user(request)
        purchase_request = purchase_request_get(user=user, request_id=request_id)
        return Response(_request_detail(user=user, purchase_request=purchase_request))

    @extend_schema(
        request=PurchaseRequestUpdateSerializer,
        responses={
            200: PurchaseRequestDetailOutputSerializer,
            409: OpenApiResponse(description="Not draft or open."),
        },
        operation_id="requests_update",
    )
    def patch(self, request: Request, request_id: int) -> Response:
        purchase_request = purchase_request_get(user=request_user(request), request_id=request_id)
        serializer = PurchaseRequestUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = purchase_request_update(
            purchase_request=purchase_request, actor=request_user(request), values=serializer.validated_data
        )
        return Response(_request_detail(user=request_user(request), purchase_request=updated))

    @extend_schema(
        responses={204: None, 409: OpenApiResponse(description="Not draft or open.")},
        operation_id="requests_delete",
    )
    def delete(self, request: Request, request_id: int) -> Response:
        purchase_request = purchase_request_get(user=request_user(request), request_id=request_id)
        purchase_request_delete(purchase_request=purchase_request, actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PurchaseRequestTransitionApi(APIView):
    """Move a request through its lifecycle (draft → open → matched → closed, or expired)."""

    permission_classes = [IsBuyerMember]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        # A plain string in the schema: a second "status" enum component would collide in the
        # generated enum names; the service answers invalid_transition with the allowed targets.
        status = serializers.CharField(max_length=16, help_text="draft, open, matched, closed or expired.")
        reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    @extend_schema(
        request=InputSerializer,
        responses={200: PurchaseRequestDetailOutputSerializer},
        operation_id="requests_transition",
    )
    def post(self, request: Request, request_id: int) -> Response:
        purchase_request = purchase_request_get(user=request_user(request), request_id=request_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        moved = purchase_request_transition(
            purchase_request=purchase_request, actor=request_user(request), **serializer.validated_data
        )
        return Response(_request_detail(user=request_user(request), purchase_request=moved))


class PurchaseRequestAuditApi(ListApi):
    """The request's status history, newest first: created, edited, published, matched (on an
    approved introduction), closed, with the reason of each move. Who acted is given by role."""

    permission_classes = [IsBuyerMember]
    filterset_class = AuditEventFilter

    @extend_schema(
        responses={200: RequestAuditEventSerializer(many=True)}, operation_id="requests_audit_list"
    )
    def get(self, request: Request, request_id: int) -> Response:
        purchase_request = purchase_request_get(user=request_user(request), request_id=request_id)
        events = purchase_request_audit_trail(purchase_request=purchase_request)
        return self.paginated_response(
            request, events, RequestAuditEventSerializer, context={"purchase_request": purchase_request}
        )


# --- import ---


class FlagForMemberSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    request = serializers.IntegerField(
        allow_null=True, help_text="Null when the request belongs to another organisation."
    )
    duplicate_of = serializers.IntegerField(
        allow_null=True, help_text="Null when the request belongs to another organisation."
    )
    reason = serializers.CharField()
    status = serializers.ChoiceField(choices=DuplicateStatus.choices)


class ErrorItemSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    message = serializers.CharField()


def _file_errors_body(rejected: PurchaseRequestImportRejected) -> dict[str, Any]:
    """A refusal at upload time (size, empty file) in the API's error shape, under the field file."""
    items = import_rejection_errors(rejected)
    return {
        "code": "invalid",
        "message": rejected.message,
        "fields": {"file": items[0]["errors"]["file"]} if items else {},  # type: ignore[index]
    }


class ImportJobProgressSerializer(serializers.Serializer[Any]):
    rows_done = serializers.IntegerField()
    rows_total = serializers.IntegerField(allow_null=True, help_text="Null until the file has been read.")


# "errors" is a Serializer attribute, hence inline_serializer (schema only; the view renders a dict).
ImportJobOutputSerializer = inline_serializer(
    name="ImportJob",
    fields={
        "id": serializers.IntegerField(),
        "status": serializers.ChoiceField(choices=ImportJobStatus.choices),
        "filename": serializers.CharField(),
        "progress": ImportJobProgressSerializer(),
        "message": serializers.CharField(help_text="Why the import failed; empty otherwise."),
        "import_batch": serializers.IntegerField(allow_null=True),
        "created": serializers.ListField(
            child=serializers.IntegerField(), help_text="Ids of the requests created, in row order."
        ),
        "errors": inline_serializer(
            name="ImportRowError",
            many=True,
            fields={
                "row": serializers.IntegerField(
                    allow_null=True,
                    help_text="The row in the sheet (the header is row 1); null for the file.",
                ),
                "errors": serializers.DictField(
                    child=ErrorItemSerializer(many=True),
                    help_text="Errors by column; the whole file's under file.",
                ),
            },
        ),
        "duplicate_flags": FlagForMemberSerializer(many=True),
        "created_at": serializers.DateTimeField(),
        "finished_at": serializers.DateTimeField(allow_null=True),
    },
)


class ImportQueuedSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    status = serializers.CharField()
    status_url = serializers.CharField(help_text="Poll it until status is succeeded or failed.")


def _import_job_body(*, user: User, job: ImportJob) -> dict[str, Any]:
    flags = (
        duplicate_flags_for_user(user=user, flags=import_job_duplicate_flags(job=job)) if job.batch_id else []
    )
    return {
        "id": job.pk,
        "status": job.status,
        "filename": job.filename,
        "progress": {"rows_done": job.rows_done, "rows_total": job.rows_total},
        "message": import_failure_message(job=job),
        "import_batch": job.batch_id,
        "created": job.created_ids,
        "errors": import_errors_translated(errors=job.errors),
        "duplicate_flags": flags,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
    }


class PurchaseRequestImportApi(APIView):
    """Import requests from a CSV or XLSX file, all or nothing, read in the background.

    Columns (header row; case-insensitive): title*, description, category (slug or HS
    code), quantity*, unit, destination_country*, target_unit_price, currency,
    needed_by (YYYY-MM-DD or a date cell), incoterm, required_standards (codes
    separated by ``;``), end_user, language. (* required.) GET template/ gives an
    example file. The upload is stored and answered with 202 at once; poll
    ``status_url`` (GET import/{id}/). A file with any wrong row fails with every error
    by row and column, and nothing is created.
    """

    permission_classes = [IsBuyerMember]
    parser_classes = [BoundedMultiPartParser, BoundedFormParser]

    class InputSerializer(serializers.Serializer[dict[str, Any]]):
        file = serializers.FileField(allow_empty_file=True, max_length=255)
        # A form's empty value is "not given" (DRF reads it so for a field with a default): the
        # schema says so by allowing it, instead of stating a minimum length it does not apply.
        status = serializers.CharField(
            default=RequestStatus.OPEN,
            allow_blank=True,
            max_length=16,
            help_text="draft or open (default when empty or not given).",
        )
        buyer = serializers.IntegerField(required=False, help_text="Staff only: the buyer organisation's id.")

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={202: ImportQueuedSerializer},
        operation_id="requests_import",
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request_user(request)
        buyer = request_buyer_for(user=user, buyer_id=serializer.validated_data.get("buyer"))
        try:
            job = purchase_request_import_submit(
                buyer=buyer,
                actor=user,
                file=serializer.validated_data["file"],
                status=serializer.validated_data["status"] or RequestStatus.OPEN,
            )
        except PurchaseRequestImportRejected as rejected:
            return Response(_file_errors_body(rejected), status=status.HTTP_400_BAD_REQUEST)
        status_url = request.build_absolute_uri(reverse("request-import-status", args=[job.pk]))
        body = {"id": job.pk, "status": job.status, "status_url": status_url}
        return Response(
            ImportQueuedSerializer(body).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": status_url},
        )


class PurchaseRequestImportStatusApi(APIView):
    """Where an import stands: queued, running, succeeded (the requests created) or failed (why)."""

    permission_classes = [IsBuyerMember]

    @extend_schema(responses={200: ImportJobOutputSerializer}, operation_id="requests_import_status")
    def get(self, request: Request, job_id: int) -> Response:
        user = request_user(request)
        job = import_job_get(user=user, job_id=job_id)
        return Response(_import_job_body(user=user, job=job))


class _FirstRendererNegotiation(DefaultContentNegotiation):
    """This endpoint's ``format`` parameter picks the file type, not a DRF renderer."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        first = next(iter(renderers))
        return first, str(first.media_type)


class PurchaseRequestImportTemplateApi(APIView):
    """A file with the import columns and one example row."""

    permission_classes = [IsBuyerMember]
    content_negotiation_class = _FirstRendererNegotiation

    class QuerySerializer(serializers.Serializer[dict[str, str]]):
        format = serializers.ChoiceField(choices=["csv", "xlsx"], default="csv")

    @extend_schema(
        parameters=[
            OpenApiParameter("format", OpenApiTypes.STR, enum=["csv", "xlsx"], description="Defaults to csv.")
        ],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
        },
        operation_id="requests_import_template",
    )
    def get(self, request: Request) -> HttpResponse:
        serializer = self.QuerySerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data["format"] == "xlsx":
            content, content_type, name = import_template_xlsx(), XLSX_CONTENT_TYPE, "requests-template.xlsx"
        else:
            content, content_type, name = import_template_csv(), CSV_CONTENT_TYPE, "requests-template.csv"
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


# --- duplicates (staff) ---


class RequestSummarySerializer(serializers.Serializer[PurchaseRequest]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    buyer = BuyerSummarySerializer()
    category = CategorySummarySerializer(allow_null=True)
    end_user = serializers.CharField()
    quantity = serializers.IntegerField()
    unit = serializers.CharField()
    destination_country = serializers.CharField()
    needed_by = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    created_at = serializers.DateTimeField()


class DuplicateFlagOutputSerializer(serializers.Serializer[DuplicateFlag]):
    id = serializers.IntegerField()
    reason = serializers.CharField()
    status = serializers.ChoiceField(choices=DuplicateStatus.choices)
    request = RequestSummarySerializer(help_text="The newer request; merging closes it.")
    duplicate_of = RequestSummarySerializer(help_text="The older request it is merged into.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class DuplicateFlagListApi(ListApi):
    """Possible duplicate requests awaiting a decision (staff)."""

    permission_classes = [IsStaff]
    # filterset_class documents the query parameters; the selector applies them.
    filterset_class = DuplicateFlagFilter

    @extend_schema(
        responses={200: DuplicateFlagOutputSerializer(many=True)}, operation_id="requests_duplicates_list"
    )
    def get(self, request: Request) -> Response:
        rows = duplicate_flag_list(filters=request.query_params)
        return self.page_response(request, rows, DuplicateFlagOutputSerializer)


class DuplicateMergeApi(APIView):
    """Close the newer request as merged into the older one (staff)."""

    permission_classes = [IsStaff]

    @extend_schema(
        request=None,
        responses={200: DuplicateFlagOutputSerializer, 409: OpenApiResponse(description="Already decided.")},
        operation_id="requests_duplicates_merge",
    )
    def post(self, request: Request, flag_id: int) -> Response:
        flag = duplicate_merge(flag=duplicate_flag_get(flag_id=flag_id), actor=request_user(request))
        return Response(DuplicateFlagOutputSerializer(duplicate_flag_get(flag_id=flag.pk)).data)


class DuplicateDismissApi(APIView):
    """Record that the two requests are different needs (staff)."""

    permission_classes = [IsStaff]

    class InputSerializer(serializers.Serializer[dict[str, str]]):
        reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    @extend_schema(
        request=InputSerializer,
        responses={200: DuplicateFlagOutputSerializer, 409: OpenApiResponse(description="Already decided.")},
        operation_id="requests_duplicates_dismiss",
    )
    def post(self, request: Request, flag_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        flag = duplicate_dismiss(
            flag=duplicate_flag_get(flag_id=flag_id), actor=request_user(request), **serializer.validated_data
        )
        return Response(DuplicateFlagOutputSerializer(duplicate_flag_get(flag_id=flag.pk)).data)
