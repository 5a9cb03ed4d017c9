"""The claim invitation e-mail, in the organisation's language (English when there is no template)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import select_template

from core.validators import UI_LANGUAGES
from supplierlists.models import ClaimInvitation

TEMPLATE_DIR = "supplierlists/email"


def claim_link(token: str) -> str:
    return f"{settings.MEDMATCH_PUBLIC_URL.rstrip('/')}/claim?token={token}"


def claim_email(*, invitation: ClaimInvitation, token: str) -> EmailMultiAlternatives:
    language = invitation.language if invitation.language in UI_LANGUAGES else "en"
    organization = invitation.organization
    context = {
        "organization": organization.name,
        "legal_name": (organization.legal_names or {}).get(language) or organization.name,
        "link": claim_link(token),
        "expires_at": invitation.expires_at,
        "days": settings.MEDMATCH_CLAIM_INVITE_DAYS,
        "language": language,
    }
    subject_template = select_template(
        [f"{TEMPLATE_DIR}/{language}/claim_subject.txt", f"{TEMPLATE_DIR}/en/claim_subject.txt"]
    )
    body_template = select_template(
        [f"{TEMPLATE_DIR}/{language}/claim_body.txt", f"{TEMPLATE_DIR}/en/claim_body.txt"]
    )
    subject = " ".join(subject_template.render(context).split())
    message = EmailMultiAlternatives(
        subject=subject, body=body_template.render(context), to=[invitation.email]
    )
    message.extra_headers["Content-Language"] = language
    return message
