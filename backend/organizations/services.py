"""Writes for organisations: profile, contacts, documents and the verification workflow."""

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
from audit.services import audit_record, state_transition
from core.exceptions import Conflict
from core.validators import validate_uscc
from organizations.models import (
    Contact,
    Document,
    DocumentReviewStatus,
    DocumentType,
    Organization,
    OrganizationKind,
    VerificationStatus,
)
from organizations.uploads import upload_check
from outbox.services import outbox_record
from reference.models import Market, Standard
from reference.selectors import standards_by_code

logger = logging.getLogger("organizations")

PROFILE_FIELDS = ("name", "legal_names", "city", "address", "website", "description", "registration_id")
CONTACT_FIELDS = ("name", "role", "email", "phone", "wechat", "whatsapp")
CERTIFICATE_REQUIRED_FIELDS = ("number", "issuer", "valid_from", "valid_until")
REREVIEW_REASON = "documents changed"
# Changing these on a verified organisation sends it back to review: they say who it is.
IDENTITY_FIELDS = ("name", "legal_names", "registration_id")
# Changing these on a certificate sends the certificate (not the vendor) back to review.
CERTIFICATE_REVIEWED_FIELDS = ("number", "issuer", "valid_from", "valid_until", "standards", "markets")


def organization_validate(*, organization: Organization) -> None:
    """Field validation plus the rules that span fields; raises ValidationError per field."""
    errors: dict[str, list[ValidationError]] = {}
    try:
        organization.full_clean(validate_unique=False)
    except ValidationError as exc:
        errors.update({key: list(value) for key, value in exc.error_dict.items()})
    if organization.kind == OrganizationKind.BUYER and not organization.buyer_type:
        errors.setdefault("buyer_type", []).append(
            ValidationError("A buyer must say what kind of buyer it is.", code="required")
        )
    if organization.kind == OrganizationKind.VENDOR and organization.buyer_type:
        errors.setdefault("buyer_type", []).append(
            ValidationError("Only buyers have a buyer type.", code="not_a_buyer")
        )
    if organization.country == "CN" and organization.kind == OrganizationKind.VENDOR:
        # A listed organisation comes from a partner's list, which often lacks the code; it
        # must give it when it asks for verification (see organization_request_verification).
        if not organization.registration_id and organization.listed:
            pass
        elif not organization.registration_id:
            errors.setdefault("registration_id", []).append(
                ValidationError("A Chinese vendor must give its Unified Social Credit Code.", code="required")
            )
        else:
            try:
                validate_uscc(organization.registration_id)
            except ValidationError as exc:
                errors.setdefault("registration_id", []).extend(exc.error_list)
            organization.registration_id = organization.registration_id.strip().upper()
    if errors:
        raise ValidationError(errors)


def organization_changed(*, organization: Organization) -> None:
    """Queue the organisation (and, through it, its products) for re-indexing."""
    outbox_record(entity="organization", entity_id=organization.pk)


def _identity_fields(organization: Organization) -> dict[str, Any]:
    """The fields registration validates, on an organisation that is no longer listed."""
    return {
        "kind": organization.kind,
        "buyer_type": organization.buyer_type,
        "name": organization.name,
        "legal_names": organization.legal_names,
        "country": organization.country,
        "city": organization.city,
        "address": organization.address,
        "registration_id": organization.registration_id,
        "website": organization.website,
    }


def _locked(organization: Organization) -> Organization:
    """The organisation's row, locked for the rest of the transaction, with fresh values."""
    return Organization.objects.select_for_update().get(pk=organization.pk)


@transaction.atomic
def organization_update(*, organization: Organization, actor: User, data: dict[str, Any]) -> Organization:
    """Change profile fields (see PROFILE_FIELDS); other keys are ignored."""
    organization = _locked(organization)
    changed = [
        field for field in PROFILE_FIELDS if field in data and getattr(organization, field) != data[field]
    ]
    for field in changed:
        setattr(organization, field, data[field])
    organization_validate(organization=organization)
    if not changed:
        return organization
    organization.save(update_fields=[*changed, "updated_at"])
    audit_record(actor=actor, action="organization.updated", target=organization, data={"fields": changed})
    identity = [field for field in changed if field in IDENTITY_FIELDS]
    if identity and organization.verification_status == VerificationStatus.VERIFIED:
        # Who the organisation is was verified; a new legal name or registration id is not.
        return _transition(
            organization=organization,
            actor=actor,
            action="organization.identity_changed",
            allowed_from=(VerificationStatus.VERIFIED,),
            to_state=VerificationStatus.PENDING,
            reason=f"identity changed: {', '.join(identity)}",
        )
    organization_changed(organization=organization)
    return organization


def _transition(
    *,
    organization: Organization,
    actor: User,
    action: str,
    allowed_from: Sequence[str],
    to_state: str,
    reason: str = "",
) -> Organization:
    """Move the locked organisation to ``to_state``; 409 if it is not in one of ``allowed_from``."""
    from_state = organization.verification_status
    if from_state not in allowed_from:
        allowed = " or ".join(VerificationStatus(state).label.lower() for state in allowed_from)
        raise Conflict(
            f"The organisation is {VerificationStatus(from_state).label.lower()}; "
            f"this is only possible when it is {allowed}."
        )
    changes: dict[str, Any] = {}
    if to_state == VerificationStatus.VERIFIED:
        changes = {"verified_at": timezone.now(), "verification_note": ""}
    elif to_state == VerificationStatus.REJECTED:
        changes = {"verified_at": None, "verification_note": reason}
    state_transition(
        target=organization,
        field="verification_status",
        to_state=to_state,
        changes=changes,
        actor=actor,
        action=action,
        reason=reason,
    )
    organization_changed(organization=organization)
    logger.info("%s organization=%s from=%s to=%s", action, organization.pk, from_state, to_state)
    return organization


@transaction.atomic
def organization_request_verification(*, organization: Organization, actor: User) -> Organization:
    """unverified or rejected → pending. A vendor needs a business licence on file first."""
    organization = _locked(organization)
    if organization.verification_status in (VerificationStatus.UNVERIFIED, VerificationStatus.REJECTED):
        # A claimed listed organisation may still lack what registration requires.
        organization_validate(organization=Organization(**_identity_fields(organization)))
        documents = organization.documents.all()
        if (
            organization.is_vendor
            and not documents.filter(document_type=DocumentType.BUSINESS_LICENCE).exists()
        ):
            raise ValidationError(
                {
                    "documents": ValidationError(
                        "Upload your business licence before asking for verification.",
                        code="missing_business_licence",
                    )
                }
            )
        if not organization.is_vendor and not documents.exists():
            raise ValidationError(
                {
                    "documents": ValidationError(
                        "Upload a document that shows who you are before asking for verification.",
                        code="missing_documents",
                    )
                }
            )
    return _transition(
        organization=organization,
        actor=actor,
        action="organization.verification_requested",
        allowed_from=(VerificationStatus.UNVERIFIED, VerificationStatus.REJECTED),
        to_state=VerificationStatus.PENDING,
    )


@transaction.atomic
def organization_verify(*, organization: Organization, actor: User) -> Organization:
    """pending → verified (staff)."""
    return _transition(
        organization=_locked(organization),
        actor=actor,
        action="organization.verified",
        allowed_from=(VerificationStatus.PENDING,),
        to_state=VerificationStatus.VERIFIED,
    )


@transaction.atomic
def organization_verify_buyer(*, organization: Organization, actor: User, reason: str) -> Organization:
    """unverified or pending → verified, for a buyer staff vouch for in the step that approves an
    introduction to it (staff only); a rejected buyer must go through review again (409)."""
    organization = _locked(organization)
    if organization.kind != OrganizationKind.BUYER:
        raise Conflict("Only a buyer can be verified this way.")
    return _transition(
        organization=organization,
        actor=actor,
        action="organization.verified",
        allowed_from=(VerificationStatus.UNVERIFIED, VerificationStatus.PENDING),
        to_state=VerificationStatus.VERIFIED,
        reason=reason,
    )


@transaction.atomic
def organization_reject(*, organization: Organization, actor: User, reason: str) -> Organization:
    """pending or verified → rejected, with the reason the organisation will see (staff)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ValidationError("Say why it is rejected.", code="required")})
    return _transition(
        organization=_locked(organization),
        actor=actor,
        action="organization.rejected",
        allowed_from=(VerificationStatus.PENDING, VerificationStatus.VERIFIED),
        to_state=VerificationStatus.REJECTED,
        reason=reason,
    )


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
    organization = _locked(organization)
    if organization.verification_status == VerificationStatus.VERIFIED:
        _transition(
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


# Contacts -----------------------------------------------------------------------------------------


def _contact_validate(contact: Contact) -> None:
    try:
        contact.full_clean(exclude=["organization"], validate_unique=False)
    except ValidationError as exc:
        raise ValidationError(exc.error_dict) from exc


@transaction.atomic
def contact_create(*, organization: Organization, actor: User, data: dict[str, Any]) -> Contact:
    contact = Contact(organization=organization, **{key: data[key] for key in CONTACT_FIELDS if key in data})
    _contact_validate(contact)
    contact.save()
    audit_record(actor=actor, action="contact.created", target=organization, data={"contact_id": contact.pk})
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, actor: User, data: dict[str, Any]) -> Contact:
    changed = [field for field in CONTACT_FIELDS if field in data and getattr(contact, field) != data[field]]
    for field in changed:
        setattr(contact, field, data[field])
    _contact_validate(contact)
    if changed:
        contact.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            action="contact.updated",
            target=contact.organization,
            data={"contact_id": contact.pk, "fields": changed},
        )
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact, actor: User) -> None:
    organization = contact.organization
    contact_id = contact.pk
    contact.delete()
    audit_record(actor=actor, action="contact.deleted", target=organization, data={"contact_id": contact_id})


# Documents ----------------------------------------------------------------------------------------


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
