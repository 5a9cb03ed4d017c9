"""Partners' supplier lists: the imported file, its rows, the duplicates staff review, the claims."""

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel


class ImportStatus(models.TextChoices):
    PARSING = "parsing", "Reading the file"
    MAPPING = "mapping", "Waiting for staff to confirm the column mapping"
    RESOLVING = "resolving", "Resolving rows against existing organisations"
    DONE = "done", "Done"
    FAILED = "failed", "The file could not be read"


class SupplierListImport(TimeStampedModel):
    """One file a partner sent: where it came from, how its columns map, how far it got."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sender_name = models.CharField(max_length=255)
    sender_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received_on = models.DateField()
    allow_matching = models.BooleanField(default=False)
    filename = models.CharField(max_length=255)
    content = models.BinaryField(help_text="The uploaded bytes; emptied once the rows are resolved.")
    status = models.CharField(
        max_length=12, choices=ImportStatus.choices, default=ImportStatus.PARSING, db_index=True
    )
    header = models.JSONField(default=list, blank=True)
    proposed_mapping = models.JSONField(default=dict, blank=True, help_text='{"0": "name", "3": "email"}')
    mapping = models.JSONField(default=dict, blank=True)
    file_errors = models.JSONField(default=list, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} from {self.sender_name}"


class RowStatus(models.TextChoices):
    PENDING = "pending", "Not resolved yet"
    REJECTED = "rejected", "Rejected: the row has errors"
    CREATED = "created", "New organisation"
    MERGED = "merged", "Merged automatically"
    REVIEW = "review", "Waiting for staff review"
    REVIEW_MERGED = "review_merged", "Merged by staff"
    REVIEW_KEPT_APART = "review_kept_apart", "Kept apart by staff (new organisation)"


class SupplierListRow(models.Model):
    supplier_list = models.ForeignKey(SupplierListImport, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(help_text="The row in the sheet; the header is row 1.")
    cells = models.JSONField(default=dict, help_text="Non-empty cells by column index, as read.")
    data = models.JSONField(default=dict, blank=True, help_text="The mapped and cleaned values.")
    errors = models.JSONField(
        default=dict, blank=True, help_text="Errors by field, as in the request import."
    )
    status = models.CharField(
        max_length=20, choices=RowStatus.choices, default=RowStatus.PENDING, db_index=True
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score = models.FloatField(null=True, blank=True, help_text="The best candidate's score.")
    reasons = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["supplier_list_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier_list", "number"], name="supplierlists_row_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"row {self.number} of {self.supplier_list_id}"


class CandidateStatus(models.TextChoices):
    OPEN = "open", "Waiting for staff"
    MERGED = "merged", "Merged"
    KEPT_APART = "kept_apart", "Kept apart"


class MatchCandidate(TimeStampedModel):
    """A row that may be an organisation already known, for staff to merge or keep apart."""

    row = models.OneToOneField(SupplierListRow, on_delete=models.CASCADE, related_name="candidate")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list, help_text='[{"code": "name_similar", "params": {...}}]')
    status = models.CharField(
        max_length=12, choices=CandidateStatus.choices, default=CandidateStatus.OPEN, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "id"]

    def __str__(self) -> str:
        return f"row {self.row_id} ~ organisation {self.organization_id} ({self.score:.2f})"


class InvitationStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    CLAIMED = "claimed", "Claimed"
    REVOKED = "revoked", "Replaced by a newer invitation"


class ClaimInvitation(TimeStampedModel):
    """An e-mail inviting a listed organisation to take over its profile.

    The link's token is made when the e-mail is sent and only its SHA-256 is stored.
    """

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="claim_invitations"
    )
    email = models.EmailField()
    language = models.CharField(max_length=8, default="en")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=8, choices=InvitationStatus.choices, default=InvitationStatus.QUEUED, db_index=True
    )
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation of {self.organization_id} to {self.email}"
