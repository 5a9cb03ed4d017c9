from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac

# What a user can do (PRODUCT.md §2), as ``User.role`` reports it.
USER_ROLES = ["vendor", "buyer", "staff", "admin", "none"]


class User(AbstractUser):
    """A person. Staff are ``is_staff``; members belong to one organisation."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    language = models.CharField(max_length=8, default="en", help_text="Preferred language for e-mail and UI.")
    is_adviser = models.BooleanField(
        default=False, help_text="A staff member who answers legal consultations (only staff count)."
    )
    email_confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the owner opened the confirmation link; until then a registered account "
        "cannot sign in.",
    )
    session_generation = models.PositiveIntegerField(
        default=0, help_text='Raised by "sign out everywhere": every session signed in before it ends.'
    )

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's session hash (of the password hash), with the session generation mixed in:
        a session remembers the hash it was signed in with, so raising the generation ends
        every session of this user on its next request, as a password change does."""
        key_salt = "accounts.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    @property
    def role(self) -> str:  # one of USER_ROLES
        """anonymous is never a User; the rest follow PRODUCT.md §2."""
        if self.is_superuser:
            return "admin"
        if self.is_staff:
            return "staff"
        if self.organization_id is None:
            return "none"
        return "vendor" if self.organization.kind == "vendor" else "buyer"  # type: ignore[union-attr]
