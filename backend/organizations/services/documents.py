"""Writes for an organisation's documents: uploads, certificates with their products, standards
and markets, and staff review of a certificate."""

import datetime
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
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
from organizations.services.certificate_checks import certificate_links, certificate_validate
from organizations.uploads import upload_check
from outbox.services import outbox_record

logger = logging.getLogger("organizations")

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
        certificate_validate(
            document_type=document_type, values=values, check_expiry=True, today=timezone.localdate()
        )
        linked_standards, linked_markets, linked_products = certificate_links(
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
    certificate_validate(
        document_type=document.document_type,
        values=values,
        check_expiry="valid_until" in data,
        today=timezone.localdate(),
    )
    linked_standards, linked_markets, linked_products = certificate_links(
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
