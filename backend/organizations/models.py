import uuid
from pathlib import PurePath

from django.core.validators import MaxLengthValidator
from django.db import models

from core.models import TimeStampedModel
from core.validators import (
    MAX_NOTE_LENGTH,
    MAX_TEXT_LENGTH,
    validate_country,
    validate_identity_text,
    validate_language_map,
)


class OrganizationKind(models.TextChoices):
    VENDOR = "vendor", "Vendor"
    BUYER = "buyer", "Buyer"


class BuyerType(models.TextChoices):
    EMBASSY = "embassy", "Embassy"
    AGENCY = "agency", "Government agency"
    HOSPITAL = "hospital", "Hospital"
    DISTRIBUTOR = "distributor", "Distributor"
    NGO = "ngo", "NGO"
    CHAMBER = "chamber", "Chamber of commerce"


class VerificationStatus(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    PENDING = "pending", "Pending review"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def public(self) -> "OrganizationQuerySet":
        """What anonymous visitors and matching may see: verified vendors."""
        return self.filter(kind=OrganizationKind.VENDOR, verification_status=VerificationStatus.VERIFIED)

    def matchable(self) -> "OrganizationQuerySet":
        """Vendors matching may propose: the public ones, and, until staff verify or reject them,
        vendors named by a source (a partner's supplier list) staff allow for matching. Only
        ``public()`` ones are ever shown to anonymous visitors."""
        allowed_source = OrganizationSource.objects.filter(
            organization=models.OuterRef("pk"), allow_matching=True
        )
        return self.filter(kind=OrganizationKind.VENDOR).filter(
            models.Q(verification_status=VerificationStatus.VERIFIED)
            | models.Q(
                models.Exists(allowed_source),
                verification_status__in=(VerificationStatus.UNVERIFIED, VerificationStatus.PENDING),
            )
        )


class Organization(TimeStampedModel):
    kind = models.CharField(max_length=8, choices=OrganizationKind.choices)
    buyer_type = models.CharField(max_length=16, choices=BuyerType.choices, blank=True)
    name = models.CharField(
        max_length=255, validators=[validate_identity_text], help_text="Display name, in any language."
    )
    legal_names = models.JSONField(
        default=dict, blank=True, validators=[validate_language_map], help_text='{"zh": "…", "en": "…"}'
    )
    country = models.CharField(max_length=2, validators=[validate_country], db_index=True)
    city = models.CharField(max_length=128, blank=True)
    address = models.CharField(max_length=512, blank=True)
    registration_id = models.CharField(
        max_length=64, blank=True, help_text="For China, the 18-character Unified Social Credit Code."
    )
    website = models.URLField(blank=True)
    description = models.TextField(blank=True, validators=[MaxLengthValidator(MAX_TEXT_LENGTH)])
    verification_status = models.CharField(
        max_length=12,
        choices=VerificationStatus.choices,
        default=VerificationStatus.UNVERIFIED,
        db_index=True,
    )
    verification_note = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(MAX_NOTE_LENGTH)],
        help_text="The reason for the last rejection.",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    listed = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Created from a partner's supplier list and not claimed yet: visible to staff only "
        "(unless verified), reachable by an invitation to claim it.",
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_vendor(self) -> bool:
        return self.kind == OrganizationKind.VENDOR

    @property
    def is_public(self) -> bool:
        return self.is_vendor and self.verification_status == VerificationStatus.VERIFIED


class Contact(TimeStampedModel):
    """A person to reach at an organisation. Revealed only inside an approved introduction."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=255)
    role = models.CharField(max_length=128, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    wechat = models.CharField(max_length=64, blank=True)
    whatsapp = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class OrganizationSource(TimeStampedModel):
    """Who told the trade body about an organisation, and when (one row per list that named it)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="sources")
    sender_name = models.CharField(max_length=255, help_text="The embassy, chamber or company that sent it.")
    sender_organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received_on = models.DateField()
    allow_matching = models.BooleanField(
        default=False, help_text="Staff allow this source's organisations as matching candidates."
    )
    reference = models.CharField(max_length=255, blank=True, help_text="The file and row it came from.")
    data = models.JSONField(default=dict, blank=True, help_text="What the source said, as imported.")

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.sender_name} ({self.received_on})"


class DocumentType(models.TextChoices):
    BUSINESS_LICENCE = "business_licence", "Business licence"
    EXPORT_LICENCE = "export_licence", "Export licence"
    CERTIFICATE = "certificate", "Certificate"
    OTHER = "other", "Other"


class DocumentReviewStatus(models.TextChoices):
    """A certificate's own review: a new or changed one awaits staff without hiding the vendor."""

    PENDING = "pending", "Awaiting review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


def document_upload_path(instance: "Document", filename: str) -> str:
    """A random path: nothing about the organisation or the file name can be guessed from it."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"documents/{uuid.uuid4().hex}{suffix}"


class Document(TimeStampedModel):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="documents")
    document_type = models.CharField(max_length=20, choices=DocumentType.choices)
    file = models.FileField(upload_to=document_upload_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    # Certificate details (document_type == certificate)
    number = models.CharField(max_length=128, blank=True)
    issuer = models.CharField(max_length=255, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    standards = models.ManyToManyField("reference.Standard", blank=True, related_name="documents")
    markets = models.ManyToManyField("reference.Market", blank=True, related_name="documents")
    products = models.ManyToManyField("catalog.Product", blank=True, related_name="certificates")
    review_status = models.CharField(
        max_length=8,
        choices=DocumentReviewStatus.choices,
        default=DocumentReviewStatus.PENDING,
        db_index=True,
        help_text="Only approved certificates count in matching.",
    )
    review_note = models.TextField(blank=True, help_text="Why staff rejected it.")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_document_type_display()} {self.number or self.original_name}"
