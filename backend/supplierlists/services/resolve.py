"""Resolving a list's rows (worker) against the organisations already known and the rows
before them in the same file: create a listed organisation, merge into a known one, or
hold the row for review. Skips rows already resolved, so it is safe to run twice. The
comparison itself is ``supplierlists.resolution`` (plain data, no database).
"""

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from rapidfuzz import fuzz, process

from accounts.models import User
from audit.services import audit_record
from core.imports import validation_error_items
from organizations.models import (
    Contact,
    Organization,
    OrganizationKind,
    OrganizationSource,
    VerificationStatus,
)
from organizations.services import organization_changed, organization_validate
from supplierlists.cleaning import row_clean
from supplierlists.models import (
    ImportStatus,
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


def row_organization_create(
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


def row_organization_merge(
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
                organization = row_organization_merge(
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
                organization = row_organization_create(supplier_list=supplier_list, row=row, actor=actor)
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
