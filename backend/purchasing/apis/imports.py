"""Importing requests from a spreadsheet: upload (202), poll the job, download the template."""

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.permissions import request_user
from core.parsers import BoundedFormParser, BoundedMultiPartParser
from core.permissions import IsBuyerMember
from purchasing.importers import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    import_template_csv,
    import_template_xlsx,
)
from purchasing.models import DuplicateStatus, ImportJob, ImportJobStatus, RequestStatus
from purchasing.selectors import (
    duplicate_flags_for_user,
    import_errors_translated,
    import_failure_message,
    import_job_duplicate_flags,
    import_job_get,
    purchase_request_buyer_for,
)
from purchasing.services.imports import (
    PurchaseRequestImportRejected,
    import_rejection_errors,
    purchase_request_import_submit,
)


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
        buyer = purchase_request_buyer_for(user=user, buyer_id=serializer.validated_data.get("buyer"))
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
        responses={(200, "text/csv"): OpenApiTypes.BINARY, (200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY},
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
