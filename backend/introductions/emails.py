"""Rendering of the introduction and reminder e-mails (text + HTML) in the recipient's language.

Templates live in ``templates/introductions/email/<language>/`` (subject.txt, body.txt,
body.html); a language without templates falls back to English. Each recipient is told
about the OTHER party: its name, country and contacts, the product and the request.
"""

import gettext
from functools import lru_cache
from typing import Any

import pycountry
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import select_template

from introductions.messages import DEFAULT_LANGUAGE, language_for
from introductions.models import EmailDelivery, EmailKind, Introduction
from organizations.models import Organization

# pycountry's gettext domain names Chinese zh_CN; the others use the bare language.
COUNTRY_LOCALES = {"zh": "zh_CN"}
RTL_LANGUAGES = {"ar"}


@lru_cache(maxsize=16)
def _country_translation(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1",
        pycountry.LOCALES_DIR,
        languages=[COUNTRY_LOCALES.get(language, language)],
        fallback=True,
    )


def country_name(code: str, language: str) -> str:
    """The country's name in ``language`` (its English name, or the code, if unknown)."""
    country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if country is None:
        return code
    return _country_translation(language_for(language)).gettext(country.name)


def _localized(names: dict[str, str] | None, language: str, default: str) -> str:
    names = names or {}
    return names.get(language) or names.get(DEFAULT_LANGUAGE) or next(iter(names.values()), default)


def _party(organization: Organization, language: str, *, with_contacts: bool) -> dict[str, Any]:
    return {
        "name": organization.name,
        "legal_name": _localized(organization.legal_names, language, organization.name),
        "kind": organization.kind,
        "buyer_type": organization.get_buyer_type_display() if organization.buyer_type else "",
        "country_code": organization.country,
        "country": country_name(organization.country, language),
        "city": organization.city,
        "website": organization.website,
        "contacts": [
            {
                "name": contact.name,
                "role": contact.role,
                "email": contact.email,
                "phone": contact.phone,
                "wechat": contact.wechat,
                "whatsapp": contact.whatsapp,
            }
            for contact in organization.contacts.all()
        ]
        if with_contacts
        else [],
    }


def email_context(*, introduction: Introduction, party: str, language: str, sequence: int) -> dict[str, Any]:
    """What the templates show a recipient on ``party``'s side (vendor or buyer)."""
    language = language_for(language)
    own, other = (
        (introduction.vendor, introduction.buyer)
        if party == "vendor"
        else (introduction.buyer, introduction.vendor)
    )
    request = introduction.request
    product = introduction.product
    return {
        "language": language,
        "direction": "rtl" if language in RTL_LANGUAGES else "ltr",
        "party": party,
        "reminder": sequence,
        "expire_days": getattr(settings, "MEDMATCH_INTRO_EXPIRE_DAYS", 14),
        "introduction_id": introduction.pk,
        "own": _party(own, language, with_contacts=False),
        "other": _party(other, language, with_contacts=True),
        "request": {
            "title": request.title,
            "description": request.description,
            "category": _localized(request.category.names, language, request.category.slug)
            if request.category
            else "",
            "quantity": request.quantity,
            "unit": request.unit,
            "destination": country_name(request.destination_country, language),
            "needed_by": request.needed_by,
            "incoterm": request.incoterm,
            "standards": [standard.code for standard in request.required_standards.all()],
        },
        "product": {
            "name": _localized(product.names, language, product.display_name),
            "model_number": product.model_number,
            "category": _localized(product.category.names, language, product.category.slug),
            "min_order_quantity": product.min_order_quantity,
            "capacity_per_day": product.capacity_per_day,
            "lead_time_days": product.lead_time_days,
            "unit": product.unit,
            "price_min": product.price_min.normalize(),
            "price_max": product.price_max.normalize(),
            "currency": product.currency,
            "origin": country_name(product.origin_country, language),
        }
        if product is not None
        else None,
    }


def _render(name: str, language: str, context: dict[str, Any]) -> str:
    template = select_template(
        [f"introductions/email/{language}/{name}", f"introductions/email/{DEFAULT_LANGUAGE}/{name}"]
    )
    return str(template.render(context))


def email_message(*, delivery: EmailDelivery, introduction: Introduction) -> EmailMultiAlternatives:
    """The e-mail for one delivery row (``introduction`` is passed in, loaded once per batch)."""
    language = language_for(delivery.language)
    context = email_context(
        introduction=introduction,
        party=delivery.party,
        language=language,
        sequence=delivery.sequence if delivery.kind == EmailKind.REMINDER else 0,
    )
    subject = " ".join(_render("subject.txt", language, context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=_render("body.txt", language, context),
        to=[delivery.to_email],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
    )
    message.attach_alternative(_render("body.html", language, context), "text/html")
    return message
