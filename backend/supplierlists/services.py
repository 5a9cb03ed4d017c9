"""Writes for supplier lists: upload, parse, map, resolve, review, invite, claim.

The upload only stores the file; a task reads it (``supplier_list_parse``) and proposes a
column mapping; staff confirm it (``supplier_list_mapping_confirm``) and a task resolves the
rows (``supplier_list_resolve``) against the organisations already known and the rows before
them in the same file. Each task is safe to run twice: it checks the import's status and
skips rows already resolved.
"""

import datetime
import hashlib
import logging
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from rapidfuzz import fuzz, process

from accounts.models import User
from audit.services import audit_record
from core.exceptions import Conflict
from core.imports import upload_file_name, validation_error_items
from organizations.models import (
    Contact,
    Organization,
    OrganizationKind,
    OrganizationSource,
    VerificationStatus,
)
from organizations.services import organization_changed, organization_validate
from purchasing.importers import spreadsheet_read_raw
from supplierlists.cleaning import row_clean
from supplierlists.columns import FIELDS, REQUIRED_FIELDS, mapping_propose
from supplierlists.models import (
    CandidateStatus,
    ClaimInvitation,
    ImportStatus,
    InvitationStatus,
    MatchCandidate,
    RowStatus,
    SupplierListImport,
    SupplierListRow,
)
from supplierlists.resolution import Comparison, Profile, phone_key, profile_build, profiles_compare

logger = logging.getLogger("supplierlists")

PROGRESS_EVERY = 10
CANDIDATES_PER_KEY = 8
NAME_CANDIDATE_CUTOFF = 55
FILL_IF_EMPTY = ("city", "address", "website")
IDENTITY_FILL_IF_EMPTY = ("registration_id",)


def _error(message: str, code: str, **params: object) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def _enqueue(task_name: str, *args: object) -> None:
    """Hand work to a worker after commit; if the broker is down, ``supplier_lists_catch_up`` retries."""
    from supplierlists import tasks

    task = getattr(tasks, task_name)
    try:
        task.apply_async(args=args, retry=False)
    except Exception as exc:  # noqa: BLE001  any broker failure: the beat catch-up re-enqueues
        logger.warning(
            "supplierlists.enqueue_failed task=%s args=%s error=%s", task_name, args, exc.__class__.__name__
        )


# --- upload and parse ---


@transaction.atomic
def supplier_list_upload(
    *,
    actor: User,
    file: UploadedFile,
    sender_name: str,
    received_on: datetime.date,
    sender_organization: Organization | None = None,
    allow_matching: bool = False,
) -> SupplierListImport:
    """Store the file and its source; a task reads it. Bounded by MEDMATCH_MAX_UPLOAD_BYTES."""
    size = file.size or 0
    limit: int = settings.MEDMATCH_MAX_UPLOAD_BYTES
    if size <= 0:
        raise ValidationError({"file": _error("The file is empty.", "empty_file")})
    if size > limit:
        raise ValidationError(
            {
                "file": _error(
                    "The file has %(size)s bytes; files may have at most %(limit)s.",
                    "file_too_large",
                    size=size,
                    limit=limit,
                )
            }
        )
    if received_on > timezone.localdate():
        raise ValidationError(
            {"received_on": _error("The list cannot be received in the future.", "future_date")}
        )
    file.seek(0)
    supplier_list = SupplierListImport.objects.create(
        uploaded_by=actor,
        sender_name=sender_name.strip()[:255],
        sender_organization=sender_organization,
        received_on=received_on,
        allow_matching=allow_matching,
        filename=upload_file_name(file.name),
        content=file.read(),
    )
    audit_record(
        actor=actor,
        action="supplier_list.uploaded",
        target=supplier_list,
        to_state=ImportStatus.PARSING,
        data={"filename": supplier_list.filename, "sender": supplier_list.sender_name},
    )
    transaction.on_commit(partial(_enqueue, "parse_supplier_list", supplier_list.pk))
    return supplier_list


def supplier_list_parse(*, supplier_list_id: int) -> SupplierListImport:
    """Read the file into rows and propose a mapping (status parsing → mapping, or failed)."""
    with transaction.atomic():
        supplier_list = SupplierListImport.objects.select_for_update().get(pk=supplier_list_id)
        if supplier_list.status != ImportStatus.PARSING:
            return supplier_list
        sheet = spreadsheet_read_raw(
            content=bytes(supplier_list.content),
            max_rows=settings.MEDMATCH_MAX_IMPORT_ROWS,
            max_seconds=settings.MEDMATCH_IMPORT_PARSE_SECONDS,
        )
        if sheet.errors:
            supplier_list.status = ImportStatus.FAILED
            supplier_list.file_errors = validation_error_items(sheet.errors)
            supplier_list.content = b""
            supplier_list.save(update_fields=["status", "file_errors", "content", "updated_at"])
            logger.info(
                "supplierlists.parse_failed import=%s codes=%s",
                supplier_list.pk,
                [e.code for e in sheet.errors],
            )
            return supplier_list
        SupplierListRow.objects.filter(supplier_list=supplier_list).delete()  # a second run starts over
        SupplierListRow.objects.bulk_create(
            SupplierListRow(
                supplier_list=supplier_list,
                number=row.number,
                cells={k: _jsonable(v) for k, v in row.values.items()},
            )
            for row in sheet.rows
        )
        supplier_list.header = sheet.header
        supplier_list.proposed_mapping = mapping_propose(header=sheet.header)
        supplier_list.rows_total = len(sheet.rows)
        supplier_list.status = ImportStatus.MAPPING
        supplier_list.save(update_fields=["header", "proposed_mapping", "rows_total", "status", "updated_at"])
    logger.info("supplierlists.parsed import=%s rows=%s", supplier_list.pk, supplier_list.rows_total)
    return supplier_list


def _jsonable(value: object) -> object:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    return str(value)


@transaction.atomic
def supplier_list_mapping_confirm(
    *, supplier_list: SupplierListImport, actor: User, mapping: dict[str, str]
) -> SupplierListImport:
    """Staff confirm (or change) the column mapping; the rows are then resolved by a task."""
    supplier_list = SupplierListImport.objects.select_for_update().get(pk=supplier_list.pk)
    if supplier_list.status != ImportStatus.MAPPING:
        raise Conflict(
            f"The list is {supplier_list.get_status_display().lower()}; "
            "the mapping can only be set while it waits for one.",
            code="not_mapping",
        )
    errors: list[ValidationError] = []
    cleaned: dict[str, str] = {}
    for column, field in mapping.items():
        if not field:
            continue
        if not column.isdigit() or int(column) >= len(supplier_list.header):
            errors.append(
                _error("Column %(column)s is not in the file.", "unknown_column", column=column[:10])
            )
        elif field not in FIELDS:
            errors.append(
                _error(
                    "“%(field)s” is not a field; the fields are %(fields)s.",
                    "unknown_field",
                    field=field[:40],
                    fields=", ".join(FIELDS),
                )
            )
        elif field in cleaned.values():
            errors.append(_error("The field %(field)s is mapped twice.", "duplicate_field", field=field))
        else:
            cleaned[column] = field
    if not any(field.startswith("name") for field in cleaned.values()):
        errors.append(_error("Map a column to the company's name.", "missing_field", field="name"))
    for field in REQUIRED_FIELDS:
        if field != "name" and field not in cleaned.values():
            errors.append(_error("Map a column to %(field)s.", "missing_field", field=field))
    if errors:
        raise ValidationError({"mapping": errors})
    supplier_list.mapping = cleaned
    supplier_list.status = ImportStatus.RESOLVING
    supplier_list.rows_done = 0
    supplier_list.save(update_fields=["mapping", "status", "rows_done", "updated_at"])
    audit_record(
        actor=actor,
        action="supplier_list.mapping_confirmed",
        target=supplier_list,
        from_state=ImportStatus.MAPPING,
        to_state=ImportStatus.RESOLVING,
        data={"mapping": cleaned},
    )
    transaction.on_commit(partial(_enqueue, "resolve_supplier_list", supplier_list.pk))
    return supplier_list


@transaction.atomic
def supplier_list_allow_matching(
    *, supplier_list: SupplierListImport, actor: User, allow_matching: bool
) -> SupplierListImport:
    """Staff decide whether this source's organisations may be matching candidates (its sources follow)."""
    supplier_list = SupplierListImport.objects.select_for_update().get(pk=supplier_list.pk)
    if supplier_list.allow_matching == allow_matching:
        return supplier_list
    supplier_list.allow_matching = allow_matching
    supplier_list.save(update_fields=["allow_matching", "updated_at"])
    sources = OrganizationSource.objects.filter(
        organization__in=supplier_list.rows.exclude(organization=None).values("organization"),
        reference__startswith=f"{supplier_list.filename[:200]} row ",
        received_on=supplier_list.received_on,
        sender_name=supplier_list.sender_name,
    )
    organization_ids = sorted(set(sources.values_list("organization_id", flat=True)))
    changed = sources.update(allow_matching=allow_matching, updated_at=timezone.now())
    # Their products enter (or leave) matching: re-index them, which re-runs their matching.
    for organization in Organization.objects.filter(pk__in=organization_ids):
        organization_changed(organization=organization)
    audit_record(
        actor=actor,
        action="supplier_list.matching_allowed" if allow_matching else "supplier_list.matching_disallowed",
        target=supplier_list,
        data={"sources": changed},
    )
    return supplier_list


# --- resolution ---


def organization_profile(organization: Organization, contacts: Sequence[Contact]) -> Profile:
    return profile_build(
        names=[organization.name, *[str(name) for name in (organization.legal_names or {}).values()]],
        country=organization.country,
        city=organization.city,
        registration_id=organization.registration_id,
        websites=[organization.website] if organization.website else [],
        emails=[contact.email for contact in contacts if contact.email],
        phones=[phone for contact in contacts for phone in (contact.phone, contact.whatsapp) if phone],
    )


def row_profile(data: dict[str, Any]) -> Profile:
    return profile_build(
        names=list(data.get("aliases") or data["legal_names"].values()),
        country=data["country"],
        city=data["city"],
        registration_id=data["registration_id"],
        websites=[data["website"]] if data["website"] else [],
        emails=data["emails"],
        phones=[*data["phones"], *([data["whatsapp"]] if data["whatsapp"] else [])],
    )


class _OrganizationIndex:
    """The vendors a list's rows may be: exact keys, and names per country for fuzzy look-up."""

    def __init__(self) -> None:
        self.profiles: dict[int, Profile] = {}
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.by_country: dict[str, list[tuple[int, str, str]]] = defaultdict(list)

    @classmethod
    def load(cls, *, countries: Iterable[str], registration_ids: Iterable[str]) -> "_OrganizationIndex":
        index = cls()
        vendors = Organization.objects.filter(kind=OrganizationKind.VENDOR).filter(
            Q(country__in=list(countries)) | Q(registration_id__in=[r for r in registration_ids if r])
        )
        contacts: dict[int, list[Contact]] = defaultdict(list)
        for contact in Contact.objects.filter(organization__in=vendors):
            contacts[contact.organization_id].append(contact)
        for organization in vendors:
            index.add(organization.pk, organization_profile(organization, contacts[organization.pk]))
        return index

    def add(self, organization_id: int, profile: Profile) -> None:
        known = organization_id in self.profiles
        self.profiles[organization_id] = profile
        for exact_key in self._exact_keys(profile):
            self.exact[exact_key].add(organization_id)
        if known:
            self.by_country[profile.country] = [
                e for e in self.by_country[profile.country] if e[0] != organization_id
            ]
        for key in profile.keys:
            self.by_country[profile.country].append((organization_id, key.compact, key.core))

    @staticmethod
    def _exact_keys(profile: Profile) -> list[str]:
        keys = [f"domain:{domain}" for domain in profile.domains]
        keys += [f"phone:{phone}" for phone in profile.phone_keys]
        keys += [f"email:{email}" for email in profile.emails]
        if profile.registration_key:
            keys.append(f"reg:{profile.registration_key}")
        return keys

    def candidates(self, profile: Profile) -> set[int]:
        found: set[int] = set()
        for exact_key in self._exact_keys(profile):
            found |= self.exact.get(exact_key, set())
        entries = self.by_country.get(profile.country, [])
        if entries:
            compacts = [entry[1] for entry in entries]
            cores = [entry[2] for entry in entries]
            for key in profile.keys:
                for query, choices in ((key.compact, compacts), (key.core, cores)):
                    for _choice, _score, at in process.extract(
                        query,
                        choices,
                        scorer=fuzz.ratio,
                        limit=CANDIDATES_PER_KEY,
                        score_cutoff=NAME_CANDIDATE_CUTOFF,
                    ):
                        found.add(entries[at][0])
        return found

    def best(self, profile: Profile) -> tuple[int | None, Comparison | None]:
        best_id, best = None, None
        for organization_id in sorted(self.candidates(profile)):
            comparison = profiles_compare(profile, self.profiles[organization_id])
            if best is None or comparison.score > best.score:
                best_id, best = organization_id, comparison
        return best_id, best


def _source_for(
    supplier_list: SupplierListImport, row: SupplierListRow, organization: Organization
) -> OrganizationSource:
    return OrganizationSource.objects.create(
        organization=organization,
        sender_name=supplier_list.sender_name,
        sender_organization=supplier_list.sender_organization,
        received_on=supplier_list.received_on,
        allow_matching=supplier_list.allow_matching,
        reference=f"{supplier_list.filename[:200]} row {row.number}",
        data={
            key: row.data.get(key)
            for key in ("name", "legal_names", "city", "address", "categories", "language")
        },
    )


def _row_contacts(data: dict[str, Any]) -> list[Contact]:
    emails, phones = list(data["emails"]), list(data["phones"])
    name = data["contact_name"]
    count = max(len(emails), len(phones), 1 if (name or data["wechat"] or data["whatsapp"]) else 0)
    contacts = []
    for position in range(count):
        email = emails[position] if position < len(emails) else ""
        phone = phones[position] if position < len(phones) else ""
        contacts.append(
            Contact(
                name=(name or email or phone or "—")[:255],
                email=email,
                phone=phone[:32],
                wechat=data["wechat"] if position == 0 else "",
                whatsapp=data["whatsapp"] if position == 0 else "",
            )
        )
    return contacts


def _organization_create(
    *, supplier_list: SupplierListImport, row: SupplierListRow, actor: User | None
) -> Organization:
    data = row.data
    organization = Organization(
        kind=OrganizationKind.VENDOR,
        name=data["name"][:255],
        legal_names=data["legal_names"],
        country=data["country"],
        city=data["city"],
        address=data["address"],
        registration_id=data["registration_id"],
        website=data["website"],
        listed=True,
    )
    organization_validate(organization=organization)
    organization.save()
    for contact in _row_contacts(data):
        contact.organization = organization
        contact.save()
    _source_for(supplier_list, row, organization)
    audit_record(
        actor=actor,
        action="organization.listed",
        target=organization,
        to_state="listed",
        data={"supplier_list": supplier_list.pk, "row": row.number},
    )
    organization_changed(organization=organization)
    return organization


def _organization_merge(
    *,
    supplier_list: SupplierListImport,
    row: SupplierListRow,
    organization: Organization,
    actor: User | None,
    automatic: bool,
) -> Organization:
    """Add the row's new contacts and its source to ``organization``; fill empty fields; overwrite nothing."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    data = row.data
    filled = []
    fields = FILL_IF_EMPTY + (
        IDENTITY_FILL_IF_EMPTY if organization.verification_status == VerificationStatus.UNVERIFIED else ()
    )
    for field in fields:
        if not getattr(organization, field) and data.get(field):
            setattr(organization, field, data[field])
            filled.append(field)
    if organization.verification_status == VerificationStatus.UNVERIFIED:
        names = dict(organization.legal_names or {})
        added = {tag: name for tag, name in data["legal_names"].items() if tag not in names}
        if added:
            organization.legal_names = {**names, **added}
            filled.append("legal_names")
    if filled:
        try:
            organization_validate(organization=organization)
        except ValidationError:
            organization.refresh_from_db()
            filled = []
        else:
            organization.save(update_fields=[*filled, "updated_at"])
    existing = list(organization.contacts.all())
    known_emails = {contact.email.casefold() for contact in existing if contact.email}
    known_phones = {phone_key(contact.phone, organization.country) for contact in existing if contact.phone}
    known_names = {contact.name.casefold() for contact in existing}
    added_contacts = 0
    for contact in _row_contacts(data):
        if not _contact_is_new(contact, known_emails, known_phones, known_names, organization.country):
            continue
        contact.organization = organization
        contact.save()
        added_contacts += 1
        known_emails.add(contact.email)
        known_names.add(contact.name.casefold())
        if contact.phone:
            known_phones.add(phone_key(contact.phone, organization.country))
    _source_for(supplier_list, row, organization)
    audit_record(
        actor=actor,
        action="organization.list_merged",
        target=organization,
        data={
            "supplier_list": supplier_list.pk,
            "row": row.number,
            "automatic": automatic,
            "filled": filled,
            "contacts_added": added_contacts,
        },
    )
    organization_changed(organization=organization)
    return organization


def _contact_is_new(
    contact: Contact, emails: set[str], phones: set[str], names: set[str], country: str
) -> bool:
    """A known address is a known contact; without one, a known phone with no new name is too."""
    if contact.email:
        return contact.email not in emails
    named = contact.name not in ("", "—", contact.phone) and contact.name.casefold() not in names
    if contact.phone and phone_key(contact.phone, country) in phones:
        return named
    return named or bool(contact.phone)


def _contacts_of(organization_id: int) -> list[Contact]:
    return list(Contact.objects.filter(organization_id=organization_id))


def _resolve_row(
    *, supplier_list: SupplierListImport, row: SupplierListRow, index: _OrganizationIndex
) -> None:
    data, errors = row_clean(cells=row.cells, mapping=supplier_list.mapping)
    row.data = data
    if errors:
        row.status = RowStatus.REJECTED
        row.errors = {field: validation_error_items(items) for field, items in errors.items()}
        row.save(update_fields=["data", "status", "errors"])
        return
    profile = row_profile(data)
    organization_id, comparison = index.best(profile)
    auto: float = settings.MEDMATCH_RESOLVE_AUTO_MERGE_SCORE
    review: float = settings.MEDMATCH_RESOLVE_REVIEW_SCORE
    row.score = comparison.score if comparison else None
    row.reasons = [reason.as_dict() for reason in comparison.reasons] if comparison else []
    actor = supplier_list.uploaded_by
    try:
        with transaction.atomic():
            if (
                not SupplierListRow.objects.select_for_update()
                .filter(pk=row.pk, status=RowStatus.PENDING)
                .exists()
            ):
                return  # another run of the task resolved it meanwhile
            if organization_id is not None and comparison is not None and comparison.score >= auto:
                organization = _organization_merge(
                    supplier_list=supplier_list,
                    row=row,
                    organization=Organization(pk=organization_id),
                    actor=actor,
                    automatic=True,
                )
                row.status, row.organization = RowStatus.MERGED, organization
            elif organization_id is not None and comparison is not None and comparison.score >= review:
                row.status = RowStatus.REVIEW
                MatchCandidate.objects.update_or_create(
                    row=row,
                    defaults={
                        "organization_id": organization_id,
                        "score": comparison.score,
                        "reasons": row.reasons,
                    },
                )
            else:
                organization = _organization_create(supplier_list=supplier_list, row=row, actor=actor)
                row.status, row.organization = RowStatus.CREATED, organization
            row.save(update_fields=["data", "status", "organization", "score", "reasons", "errors"])
    except ValidationError as exc:
        row.status = RowStatus.REJECTED
        row.errors = {field: validation_error_items(items) for field, items in exc.error_dict.items()}
        row.save(update_fields=["data", "status", "errors", "score", "reasons"])
        return
    if row.organization_id is not None:
        organization = Organization.objects.get(pk=row.organization_id)
        index.add(organization.pk, organization_profile(organization, _contacts_of(organization.pk)))


def supplier_list_resolve(*, supplier_list_id: int) -> SupplierListImport:
    """Resolve every pending row in order (status resolving → done). Safe to run again after a crash."""
    supplier_list = SupplierListImport.objects.select_related("uploaded_by").get(pk=supplier_list_id)
    if supplier_list.status != ImportStatus.RESOLVING:
        return supplier_list
    rows = list(supplier_list.rows.filter(status=RowStatus.PENDING).order_by("number"))
    previews = [row_clean(cells=row.cells, mapping=supplier_list.mapping)[0] for row in rows]
    index = _OrganizationIndex.load(
        countries={preview["country"] for preview in previews if preview["country"]},
        registration_ids={preview["registration_id"] for preview in previews},
    )
    done = supplier_list.rows_total - len(rows)
    for position, row in enumerate(rows, start=1):
        _resolve_row(supplier_list=supplier_list, row=row, index=index)
        if position % PROGRESS_EVERY == 0:
            SupplierListImport.objects.filter(pk=supplier_list.pk).update(
                rows_done=done + position, updated_at=timezone.now()
            )
    with transaction.atomic():
        supplier_list = SupplierListImport.objects.select_for_update().get(pk=supplier_list.pk)
        supplier_list.rows_done = supplier_list.rows_total
        supplier_list.status = ImportStatus.DONE
        supplier_list.content = b""
        supplier_list.save(update_fields=["rows_done", "status", "content", "updated_at"])
        from supplierlists.selectors import supplier_list_figures

        figures = supplier_list_figures(supplier_list=supplier_list)
        audit_record(
            actor=supplier_list.uploaded_by,
            action="supplier_list.resolved",
            target=supplier_list,
            from_state=ImportStatus.RESOLVING,
            to_state=ImportStatus.DONE,
            data=figures,
        )
    logger.info(
        "supplierlists.resolved import=%s %s",
        supplier_list.pk,
        " ".join(f"{key}={value}" for key, value in figures.items()),
    )
    return supplier_list


# --- review ---


class CandidatesBulkFailed(Exception):
    def __init__(self, *, not_open: list[int], not_found: list[int]) -> None:
        self.not_open, self.not_found = not_open, not_found
        super().__init__("Nothing was changed: some candidates are not waiting for review.")
        self.message = str(self)


def _candidate_decide(*, candidate: MatchCandidate, actor: User, action: str) -> MatchCandidate:
    candidate = (
        MatchCandidate.objects.select_for_update().select_related("row__supplier_list").get(pk=candidate.pk)
    )
    if candidate.status != CandidateStatus.OPEN:
        raise Conflict("This candidate has already been decided.", code="candidate_decided")
    row = candidate.row
    supplier_list = row.supplier_list
    if action == "merge":
        organization = _organization_merge(
            supplier_list=supplier_list,
            row=row,
            organization=candidate.organization,
            actor=actor,
            automatic=False,
        )
        row.status, candidate.status = RowStatus.REVIEW_MERGED, CandidateStatus.MERGED
    else:
        organization = _organization_create(supplier_list=supplier_list, row=row, actor=actor)
        row.status, candidate.status = RowStatus.REVIEW_KEPT_APART, CandidateStatus.KEPT_APART
    row.organization = organization
    row.save(update_fields=["status", "organization"])
    candidate.decided_by, candidate.decided_at = actor, timezone.now()
    candidate.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action=f"supplier_list.candidate_{candidate.status}",
        target=candidate,
        from_state=CandidateStatus.OPEN,
        to_state=candidate.status,
        data={"organization": organization.pk, "row": row.number, "supplier_list": supplier_list.pk},
    )
    return candidate


@transaction.atomic
def candidate_merge(*, candidate: MatchCandidate, actor: User) -> MatchCandidate:
    """The row is the candidate organisation: add its contacts and source to it."""
    return _candidate_decide(candidate=candidate, actor=actor, action="merge")


@transaction.atomic
def candidate_keep_apart(*, candidate: MatchCandidate, actor: User) -> MatchCandidate:
    """The row is another company: create a listed organisation from it."""
    return _candidate_decide(candidate=candidate, actor=actor, action="keep_apart")


@transaction.atomic
def candidates_bulk_decide(*, ids: Sequence[int], action: str, actor: User) -> list[MatchCandidate]:
    """Merge or keep apart many candidates: all of them, or none (CandidatesBulkFailed)."""
    wanted = list(dict.fromkeys(ids))
    candidates = {c.pk: c for c in MatchCandidate.objects.select_for_update().filter(pk__in=wanted)}
    not_found = [pk for pk in wanted if pk not in candidates]
    not_open = [pk for pk in wanted if pk in candidates and candidates[pk].status != CandidateStatus.OPEN]
    if not_found or not_open:
        raise CandidatesBulkFailed(not_open=not_open, not_found=not_found)
    return [_candidate_decide(candidate=candidates[pk], actor=actor, action=action) for pk in wanted]


# --- invitations and claims ---


@dataclass(frozen=True)
class InvitationRefused:
    organization_id: int
    code: str
    message: str


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _invitation_language(organization: Organization) -> str:
    source = organization.sources.order_by("-id").first()
    language = str((source.data or {}).get("language") or "") if source else ""
    from supplierlists.cleaning import COUNTRY_LANGUAGES

    return language or COUNTRY_LANGUAGES.get(organization.country, "en")


@transaction.atomic
def claim_invitations_create(
    *, organization_ids: Sequence[int], actor: User, email: str = ""
) -> tuple[list[ClaimInvitation], list[InvitationRefused]]:
    """Invite listed vendors to claim their profiles; the e-mails are sent by a worker after commit.

    ``email`` (one organisation only) overrides the address; otherwise the first contact's is used.
    A new invitation replaces the organisation's earlier ones.
    """
    organizations = {
        o.pk: o for o in Organization.objects.select_for_update().filter(pk__in=list(organization_ids))
    }
    invitations: list[ClaimInvitation] = []
    refused: list[InvitationRefused] = []
    for organization_id in dict.fromkeys(organization_ids):
        organization = organizations.get(organization_id)
        if organization is None:
            refused.append(InvitationRefused(organization_id, "not_found", "No such organisation."))
            continue
        if not organization.listed or organization.members.exists():
            refused.append(
                InvitationRefused(
                    organization_id,
                    "not_listed",
                    "Only a listed organisation nobody has claimed can be invited.",
                )
            )
            continue
        address = email.strip().casefold() or next(
            (c.email for c in organization.contacts.order_by("id") if c.email), ""
        )
        if not address:
            refused.append(
                InvitationRefused(
                    organization_id, "no_email", "The organisation has no e-mail address; give one."
                )
            )
            continue
        ClaimInvitation.objects.filter(
            organization=organization, status__in=(InvitationStatus.QUEUED, InvitationStatus.SENT)
        ).update(status=InvitationStatus.REVOKED, updated_at=timezone.now())
        invitation = ClaimInvitation.objects.create(
            organization=organization,
            email=address,
            language=_invitation_language(organization),
            invited_by=actor,
        )
        audit_record(
            actor=actor,
            action="organization.claim_invited",
            target=organization,
            data={"invitation": invitation.pk, "email": address, "language": invitation.language},
        )
        transaction.on_commit(partial(_enqueue, "send_claim_invitation", invitation.pk))
        invitations.append(invitation)
    return invitations, refused


def claim_invitation_send(*, invitation_id: int) -> bool:
    """Make the link and send the e-mail; False when it was sent (or replaced) already."""
    from supplierlists.emails import claim_email

    with transaction.atomic():
        invitation = (
            ClaimInvitation.objects.select_for_update().select_related("organization").get(pk=invitation_id)
        )
        if invitation.status != InvitationStatus.QUEUED:
            return False
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        invitation.token_hash = _token_hash(token)
        invitation.sent_at = now
        invitation.expires_at = now + datetime.timedelta(days=settings.MEDMATCH_CLAIM_INVITE_DAYS)
        invitation.status = InvitationStatus.SENT
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at", "status", "updated_at"])
        # Sent inside the transaction: if sending fails, the invitation stays queued and is retried.
        claim_email(invitation=invitation, token=token).send()
    logger.info(
        "supplierlists.invitation_sent invitation=%s organization=%s",
        invitation.pk,
        invitation.organization_id,
    )
    return True


def claim_invitation_for_token(*, token: str) -> ClaimInvitation:
    """The sent, unexpired invitation of ``token``; ValidationError on the token field otherwise."""
    invitation = (
        ClaimInvitation.objects.select_related("organization").filter(token_hash=_token_hash(token)).first()
        if token
        else None
    )
    if invitation is None or invitation.status in (InvitationStatus.QUEUED, InvitationStatus.REVOKED):
        raise ValidationError(
            {"token": _error("This link is not valid; ask for a new invitation.", "invalid_token")}
        )
    if invitation.status == InvitationStatus.CLAIMED:
        raise ValidationError(
            {"token": _error("This link has been used already; sign in instead.", "used_token")}
        )
    if invitation.expires_at is None or invitation.expires_at <= timezone.now():
        raise ValidationError(
            {"token": _error("This link has expired; ask for a new invitation.", "expired_token")}
        )
    return invitation


@transaction.atomic
def organization_claim(*, token: str, password: str, full_name: str) -> User:
    """Use an invitation: create the user (a member of the organisation) with its password. Single use."""
    invitation = claim_invitation_for_token(token=token)
    invitation = ClaimInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.SENT:
        raise ValidationError(
            {"token": _error("This link has been used already; sign in instead.", "used_token")}
        )
    organization = Organization.objects.select_for_update().get(pk=invitation.organization_id)
    if not organization.listed:
        raise ValidationError(
            {"token": _error("This organisation has been claimed already.", "already_claimed")}
        )
    email = invitation.email.casefold()
    if User.objects.filter(username=email).exists():
        raise ValidationError(
            {"email": _error("An account with this e-mail exists; sign in and contact staff.", "email_taken")}
        )
    user = User(
        username=email,
        email=email,
        first_name=full_name.strip()[:150],
        language=invitation.language,
        organization=organization,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.error_list}) from exc
    user.set_password(password)
    user.save()
    now = timezone.now()
    invitation.status, invitation.claimed_at, invitation.claimed_by = InvitationStatus.CLAIMED, now, user
    invitation.save(update_fields=["status", "claimed_at", "claimed_by", "updated_at"])
    organization.listed = False
    organization.save(update_fields=["listed", "updated_at"])
    audit_record(
        actor=user,
        action="organization.claimed",
        target=organization,
        from_state="listed",
        to_state=organization.verification_status,
        data={"invitation": invitation.pk, "email": email},
    )
    organization_changed(organization=organization)
    logger.info("supplierlists.claimed organization=%s user=%s", organization.pk, user.pk)
    return user


# --- catch-up ---


def supplier_lists_catch_up(*, now: datetime.datetime) -> dict[str, int]:
    """Beat: re-enqueue imports and invitations whose task was lost (broker or worker down)."""
    stale = now - datetime.timedelta(seconds=settings.MEDMATCH_SUPPLIER_LISTS_STALE_SECONDS)
    parsing = list(
        SupplierListImport.objects.filter(status=ImportStatus.PARSING, updated_at__lt=stale).values_list(
            "pk", flat=True
        )
    )
    resolving = list(
        SupplierListImport.objects.filter(status=ImportStatus.RESOLVING, updated_at__lt=stale).values_list(
            "pk", flat=True
        )
    )
    queued = list(
        ClaimInvitation.objects.filter(status=InvitationStatus.QUEUED, updated_at__lt=stale).values_list(
            "pk", flat=True
        )
    )
    for pk in parsing:
        _enqueue("parse_supplier_list", pk)
    for pk in resolving:
        _enqueue("resolve_supplier_list", pk)
    for pk in queued:
        _enqueue("send_claim_invitation", pk)
    return {"parsing": len(parsing), "resolving": len(resolving), "invitations": len(queued)}
