"""Writes for an organisation's documents: uploads, certificates with their products, standards
and markets, and staff review of a certificate."""

import datetime
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record
from core.exceptions import Conflict
from organizations.models import (
    Document,
    DocumentReviewStatus,
    DocumentType,
    Organization,
    VerificationStatus,
)
from organizations.services import (
    organization_locked,
    verification_transition,
)
from organizations.uploads import upload_check
from outbox.services import outbox_record
from reference.models import Market, Standard
from reference.selectors import standards_by_code

logger = logging.getLogger("organizations")

CERTIFICATE_REQUIRED_FIELDS = ("number", "issuer", "valid_from", "valid_until")
# Changing these on a certificate sends the certificate (not the vendor) back to review.
CERTIFICATE_REVIEWED_FIELDS = ("number", "issuer", "valid_from", "valid_until", "standards", "markets")
# Why a changed licence sends a verified vendor back to review.
REREVIEW_REASON = "documents changed"


def _documents_changed(
    *, organization: Organization, actor: User, product_ids: Iterable[int], document_type: str
) -> None:
    """After a document change: re-index the products it covers. A change to a document that
    proves who the vendor is (licences) sends a verified vendor back to review; a certificate has
    its own review instead (``document_review``) and leaves the vendor, and its catalogue, as
    they are."""
    for product_id in sorted(set(product_ids)):
        outbox_record(entity="product", entity_id=product_id)
    if document_type == DocumentType.CERTIFICATE:
        return
    organization = organization_locked(organization)
    if organization.verification_status == VerificationStatus.VERIFIED:
        verification_transition(
            organization=organization,
            actor=actor,
            action="organization.rereview",
            allowed_from=(VerificationStatus.VERIFIED,),
            to_state=VerificationStatus.PENDING,
            reason=REREVIEW_REASON,
        )


def _certificate_needs_review(*, document: Document, actor: User, fields: Sequence[str]) -> None:
    """A new or changed certificate awaits staff review; until then it does not count in matching."""
    if document.document_type != DocumentType.CERTIFICATE:
        return
    from_state = document.review_status
    document.review_status = DocumentReviewStatus.PENDING
    document.reviewed_at = None
    document.review_note = ""
    document.save(update_fields=["review_status", "reviewed_at", "review_note", "updated_at"])
    audit_record(
        actor=actor,
        action="document.review_requested",
        target=document.organization,
        from_state=from_state if from_state != DocumentReviewStatus.PENDING else "",
        to_state=DocumentReviewStatus.PENDING,
        data={"document_id": document.pk, "fields": list(fields)},
    )


@transaction.atomic
def document_review(*, document: Document, actor: User, approve: bool, reason: str = "") -> Document:
    """Staff approve or reject a certificate (a rejection needs a reason); the products it covers
    are re-indexed and re-matched. The vendor's own verification is not touched."""
    document = Document.objects.select_for_update().select_related("organization").get(pk=document.pk)
    if document.document_type != DocumentType.CERTIFICATE:
        raise Conflict("Only certificates are reviewed one by one.")
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": ValidationError("Say why it is rejected.", code="required")})
    from_state = document.review_status
    document.review_status = DocumentReviewStatus.APPROVED if approve else DocumentReviewStatus.REJECTED
    document.reviewed_at = timezone.now()
    document.review_note = "" if approve else reason
    document.save(update_fields=["review_status", "reviewed_at", "review_note", "updated_at"])
    audit_record(
        actor=actor,
        action="document.approved" if approve else "document.rejected",
        target=document.organization,
        from_state=from_state,
        to_state=document.review_status,
        reason=reason,
        data={"document_id": document.pk},
    )
    _documents_changed(
        organization=document.organization,
        actor=actor,
        product_ids=document.products.values_list("pk", flat=True),
        document_type=document.document_type,
    )
    return document


def _field_error(field: str, message: str, code: str, **params: object) -> dict[str, list[ValidationError]]:
    return {field: [ValidationError(message, code=code, params=params or None)]}


def _resolve_standards(items: Sequence[str]) -> list[Standard]:
    """Standards by code (EN 14683, case and spaces ignored) or by id; every item must exist."""
    wanted = [item.strip() for item in items if item.strip()]
    ids = [int(item) for item in wanted if item.isdigit()]
    by_id = {standard.pk: standard for standard in Standard.objects.filter(pk__in=ids)}
    by_code, unknown = standards_by_code(
        codes=[item for item in wanted if not (item.isdigit() and int(item) in by_id)]
    )
    found = list({standard.pk: standard for standard in [*by_id.values(), *by_code]}.values())
    if unknown:
        raise ValidationError(
            _field_error(
                "standards",
                "Unknown standards: %(items)s.",
                "unknown_standard",
                items=", ".join(unknown),
            )
        )
    return found


def _resolve_markets(items: Sequence[str]) -> list[Market]:
    """Markets by code, case-insensitively; every code must exist."""
    wanted = [item.strip() for item in items if item.strip()]
    if not wanted:
        return []
    query = Q()
    for code in wanted:
        query |= Q(code__iexact=code)
    found = list(Market.objects.filter(query))
    known = {market.code.upper() for market in found}
    unknown = [code for code in wanted if code.upper() not in known]
    if unknown:
        raise ValidationError(
            _field_error("markets", "Unknown markets: %(items)s.", "unknown_market", items=", ".join(unknown))
        )
    return found


def _resolve_products(*, organization: Organization, ids: Sequence[int]) -> list[int]:
    """Ids of the organisation's own products; any other id (another vendor's, or none) is an error.

    Read through the reverse relation: the catalogue sits above organisations, which import none of it.
    """
    wanted = sorted(set(ids))
    found = list(organization.products.filter(pk__in=wanted).values_list("pk", flat=True))
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise ValidationError(
            _field_error(
                "products",
                "These are not your organisation's products: %(items)s.",
                "not_own_product",
                items=", ".join(str(item) for item in missing),
            )
        )
    return found


def _certificate_validate(
    *,
    document_type: str,
    values: dict[str, Any],
    check_expiry: bool,
    today: datetime.date,
) -> None:
    """Certificates need number, issuer and validity; dates must be in order and current."""
    errors: dict[str, list[ValidationError]] = {}
    if document_type == DocumentType.CERTIFICATE:
        for field in CERTIFICATE_REQUIRED_FIELDS:
            if values.get(field) in (None, ""):
                errors.update(_field_error(field, "A certificate needs this field.", "required"))
    else:
        for field in ("standards", "markets", "products"):
            if values.get(field):
                errors.update(
                    _field_error(
                        field,
                        "Only a certificate covers standards, markets or products.",
                        "not_a_certificate",
                    )
                )
    valid_from, valid_until = values.get("valid_from"), values.get("valid_until")
    if valid_from is not None and valid_until is not None and valid_from >= valid_until:
        errors.update(
            _field_error(
                "valid_until", "The end of validity must come after its start.", "invalid_date_range"
            )
        )
    elif (
        document_type == DocumentType.CERTIFICATE
        and check_expiry
        and valid_until is not None
        and valid_until < today
    ):
        errors.update(
            _field_error(
                "valid_until",
                "This certificate expired on %(date)s; upload a current one.",
                "certificate_expired",
                date=valid_until.isoformat(),
            )
        )
    if errors:
        raise ValidationError(errors)


def _certificate_links(
    *, organization: Organization, values: dict[str, Any]
) -> tuple[list[Standard] | None, list[Market] | None, list[int] | None]:
    """Resolve the list fields present in ``values``; None where a field was not given."""
    errors: dict[str, list[ValidationError]] = {}
    standards: list[Standard] | None = None
    markets: list[Market] | None = None
    products: list[int] | None = None
    try:
        if values.get("standards") is not None:
            standards = _resolve_standards(values["standards"])
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        if values.get("markets") is not None:
            markets = _resolve_markets(values["markets"])
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        if values.get("products") is not None:
            products = _resolve_products(organization=organization, ids=values["products"])
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    return standards, markets, products


@transaction.atomic
def document_upload(
    *,
    organization: Organization,
    actor: User,
    file: UploadedFile,
    document_type: str,
    number: str = "",
    issuer: str = "",
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    standards: Sequence[str] | None = None,
    markets: Sequence[str] | None = None,
    products: Sequence[int] | None = None,
) -> Document:
    """Store a checked file (PDF, PNG or JPEG by content) and its details.

    A certificate needs number, issuer and validity dates, must be current, and
    may list standards (codes or ids), markets (codes) and the organisation's own products.
    """
    values: dict[str, Any] = {
        "number": number.strip(),
        "issuer": issuer.strip(),
        "valid_from": valid_from,
        "valid_until": valid_until,
        "standards": list(standards or []),
        "markets": list(markets or []),
        "products": list(products or []),
    }
    # Report the file's problems and the details' problems together.
    errors: dict[str, list[ValidationError]] = {}
    try:
        checked = upload_check(file=file)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        _certificate_validate(
            document_type=document_type, values=values, check_expiry=True, today=timezone.localdate()
        )
        linked_standards, linked_markets, linked_products = _certificate_links(
            organization=organization, values=values
        )
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    document = Document(
        organization=organization,
        document_type=document_type,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        number=values["number"],
        issuer=values["issuer"],
        valid_from=valid_from,
        valid_until=valid_until,
    )
    document.full_clean(exclude=["organization", "file"], validate_unique=False)
    # The stored name carries the extension of the detected type, never the client's.
    document.file.save(f"upload{checked.extension}", file, save=False)
    try:
        document.save()
        document.standards.set(linked_standards or [])
        document.markets.set(linked_markets or [])
        document.products.set(linked_products or [])
        audit_record(
            actor=actor,
            action="document.uploaded",
            target=organization,
            data={"document_id": document.pk, "document_type": document_type, "sha256": checked.sha256},
        )
        _certificate_needs_review(document=document, actor=actor, fields=CERTIFICATE_REVIEWED_FIELDS)
        _documents_changed(
            organization=organization,
            actor=actor,
            product_ids=list(linked_products or []),
            document_type=document_type,
        )
    except BaseException:
        document.file.storage.delete(document.file.name)
        raise
    logger.info(
        "organization.document_uploaded organization=%s document=%s type=%s size=%s",
        organization.pk,
        document.pk,
        document_type,
        checked.size,
    )
    return document


@transaction.atomic
def document_update(*, document: Document, actor: User, data: dict[str, Any]) -> Document:
    """Edit a document's details (certificate number, issuer, validity, standards, markets, products)."""
    organization = document.organization
    simple_fields = ("number", "issuer", "valid_from", "valid_until")
    current: dict[str, Any] = {field: getattr(document, field) for field in simple_fields}
    current.update(
        {
            "standards": [standard.code for standard in document.standards.all()],
            "markets": [market.code for market in document.markets.all()],
            "products": [product.pk for product in document.products.all()],
        }
    )
    values = {**current, **{key: value for key, value in data.items() if key in current}}
    for field in ("number", "issuer"):
        values[field] = (values[field] or "").strip()
    _certificate_validate(
        document_type=document.document_type,
        values=values,
        check_expiry="valid_until" in data,
        today=timezone.localdate(),
    )
    linked_standards, linked_markets, linked_products = _certificate_links(
        organization=organization,
        values={key: data[key] for key in ("standards", "markets", "products") if key in data},
    )
    changed = [field for field in simple_fields if values[field] != current[field]]
    for field in changed:
        setattr(document, field, values[field])
    if linked_standards is not None and set(linked_standards) != set(document.standards.all()):
        document.standards.set(linked_standards)
        changed.append("standards")
    if linked_markets is not None and set(linked_markets) != set(document.markets.all()):
        document.markets.set(linked_markets)
        changed.append("markets")
    product_ids = set(current["products"])
    if linked_products is not None and set(linked_products) != product_ids:
        document.products.set(linked_products)
        product_ids |= set(linked_products)
        changed.append("products")
    if not changed:
        return document
    document.save()
    audit_record(
        actor=actor,
        action="document.updated",
        target=organization,
        data={"document_id": document.pk, "fields": changed},
    )
    reviewed = [field for field in changed if field in CERTIFICATE_REVIEWED_FIELDS]
    if reviewed:
        _certificate_needs_review(document=document, actor=actor, fields=reviewed)
    _documents_changed(
        organization=organization, actor=actor, product_ids=product_ids, document_type=document.document_type
    )
    return document


@transaction.atomic
def document_delete(*, document: Document, actor: User) -> None:
    """Delete the document and, once the transaction commits, its stored file."""
    organization = document.organization
    product_ids = list(document.products.values_list("pk", flat=True))
    storage, name = document.file.storage, document.file.name
    document_id, document_type = document.pk, document.document_type
    document.delete()
    audit_record(
        actor=actor,
        action="document.deleted",
        target=organization,
        data={"document_id": document_id, "document_type": document_type},
    )
    _documents_changed(
        organization=organization, actor=actor, product_ids=product_ids, document_type=document_type
    )
    if name:
        transaction.on_commit(lambda: storage.delete(name))
