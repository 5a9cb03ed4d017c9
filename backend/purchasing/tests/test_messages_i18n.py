"""Server text in the reader's language (issue 9): validation messages, import row errors and
duplicate explanations come back translated for the request's Accept-Language, from the
compiled catalogues in backend/locale."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from purchasing.services.imports import purchase_request_import_run
from purchasing.tests.conftest import client_for
from reference.models import Category

pytestmark = pytest.mark.django_db

CATALOGUES = sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"))

# Accept-Language → the start of the translated "The quantity must be at least 1."
QUANTITY = {
    "en": "The quantity must be at least 1.",
    "zh-CN": "数量至少为 1。",
    "fr-FR,fr;q=0.9": "La quantité doit être d’au moins 1.",
    "es": "La cantidad debe ser al menos 1.",
    "ru": "Количество должно быть не меньше 1.",
    "ar": "يجب ألا تقل الكمية عن 1.",
}
# The "invalid fields" headline of every 400, per language.
HEADLINE = {
    "en": "The request has invalid fields.",
    "zh-CN": "请求中有无效字段。",
    "fr-FR,fr;q=0.9": "La requête contient des champs non valides.",
    "es": "La solicitud tiene campos no válidos.",
    "ru": "В запросе есть неверные поля.",
    "ar": "يحتوي الطلب على حقول غير صالحة.",
}
# A bad country code in an imported row, per language (parameters filled in).
COUNTRY = {
    "en": "FRANCIA is not an ISO 3166-1 alpha-2 country code (e.g. CN, FR, US).",
    "zh-CN": "FRANCIA 不是 ISO 3166-1 二位字母国家代码（例如 CN、FR、US）。",
    "fr-FR,fr;q=0.9": "FRANCIA n’est pas un code pays ISO 3166-1 alpha-2 (p. ex. CN, FR, US).",
    "es": "FRANCIA no es un código de país ISO 3166-1 alfa-2 (p. ej., CN, FR, US).",
    "ru": "FRANCIA — не код страны ISO 3166-1 alpha-2 (например, CN, FR, US).",
    "ar": "FRANCIA ليس رمز بلد وفق ISO 3166-1 alpha-2 (مثل CN وFR وUS).",
}
ROWS_FAILED = {
    "en": "1 row has errors; nothing was imported.",
    "zh-CN": "1 行有错误；未导入任何内容。",
    "fr-FR,fr;q=0.9": "1 ligne contient des erreurs ; rien n’a été importé.",
    "es": "1 fila tiene errores; no se importó nada.",
    "ru": "В 1 строке есть ошибки; ничего не импортировано.",
    "ar": "في صف واحد أخطاء؛ لم يُستورد شيء.",
}
DUPLICATE = {
    "en": "Same buyer, same category, overlapping dates.",
    "zh-CN": "同一采购方、同一类别、日期重叠。",
    "fr-FR,fr;q=0.9": "Même acheteur, même catégorie, dates qui se chevauchent.",
    "es": "Mismo comprador, misma categoría, fechas que se solapan.",
    "ru": "Тот же покупатель, та же категория, сроки пересекаются.",
    "ar": "المشتري نفسه، والفئة نفسها، وتواريخ متداخلة.",
}
LANGUAGES = list(QUANTITY)


def _body(**overrides: object) -> dict[str, object]:
    return {"title": "Masks", "quantity": 100, "destination_country": "FR", **overrides}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_validation_message_of_the_service_is_in_the_readers_language(
    buyer_member: User, language: str
) -> None:
    response = client_for(buyer_member).post(
        "/api/v1/requests/", _body(quantity=0), format="json", HTTP_ACCEPT_LANGUAGE=language
    )

    assert response.status_code == 400
    body = response.json()
    assert body["message"] == HEADLINE[language]
    assert body["fields"]["quantity"] == [{"code": "min_value", "message": QUANTITY[language]}]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_import_row_error_is_stored_once_and_read_in_each_readers_language(
    buyer_member: User, language: str
) -> None:
    content = b"title,quantity,destination_country\nMasks,100,Francia\n"
    upload = SimpleUploadedFile("requests.csv", content, content_type="text/csv")
    queued = client_for(buyer_member).post("/api/v1/requests/import/", {"file": upload}, format="multipart")
    assert queued.status_code == 202
    # The worker has no reader: it stores the message id and its parameters.
    purchase_request_import_run(job_id=queued.json()["id"])

    job = client_for(buyer_member).get(queued.json()["status_url"], HTTP_ACCEPT_LANGUAGE=language).json()

    assert job["status"] == "failed"
    assert job["message"] == ROWS_FAILED[language]
    [row] = job["errors"]
    assert row["row"] == 2
    assert row["errors"]["destination_country"] == [{"code": "invalid_country", "message": COUNTRY[language]}]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_duplicate_flag_is_explained_in_the_readers_language(
    buyer_member: User, masks: Category, language: str
) -> None:
    client = client_for(buyer_member)
    needed_by = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    first = client.post("/api/v1/requests/", _body(category=masks.pk, needed_by=needed_by), format="json")
    second = client.post(
        "/api/v1/requests/",
        _body(category=masks.pk, needed_by=needed_by, title="Masks again"),
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert second.status_code == 201
    [duplicate] = second.json()["duplicates"]
    assert duplicate["kind"] == "same_buyer"
    assert duplicate["reason"] == DUPLICATE[language]
    assert duplicate["newer"] is True
    assert duplicate["other_request"] == first.json()["id"]
    assert duplicate["other_title"] == "Masks"
    older = client.get(f"/api/v1/requests/{first.json()['id']}/", HTTP_ACCEPT_LANGUAGE=language).json()
    assert older["duplicates"][0]["newer"] is False
    assert older["duplicates"][0]["reason"] == DUPLICATE[language]


def test_the_other_organisations_request_is_not_named_in_a_duplicate(
    buyer_member: User, other_buyer_member: User, masks: Category
) -> None:
    needed_by = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    client_for(other_buyer_member).post(
        "/api/v1/requests/",
        _body(category=masks.pk, needed_by=needed_by, end_user="CHU de Lyon", title="Secret"),
        format="json",
    )
    mine = client_for(buyer_member).post(
        "/api/v1/requests/",
        _body(category=masks.pk, needed_by=needed_by, end_user="chu de  lyon"),
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    [duplicate] = mine.json()["duplicates"]
    assert duplicate["kind"] == "same_end_user"
    assert duplicate["reason"] == (
        "Même utilisateur final (\u2068chu de lyon\u2069), même catégorie, dates qui se chevauchent."
    )
    assert duplicate["other_request"] is None
    assert duplicate["other_title"] == ""


def test_the_status_history_lists_each_move_with_who_by_role(buyer_member: User, staff: User) -> None:
    client = client_for(buyer_member)
    created = client.post("/api/v1/requests/", _body(status="draft"), format="json").json()
    client.patch(f"/api/v1/requests/{created['id']}/", {"quantity": 200}, format="json")
    client.post(f"/api/v1/requests/{created['id']}/transition/", {"status": "open"}, format="json")
    client_for(staff).post(
        f"/api/v1/requests/{created['id']}/transition/",
        {"status": "closed", "reason": "bought"},
        format="json",
    )

    events = client.get(f"/api/v1/requests/{created['id']}/audit/").json()["results"]

    assert [(e["action"], e["from_state"], e["to_state"], e["actor_role"]) for e in events] == [
        ("requests.transitioned", "open", "closed", "staff"),
        ("requests.transitioned", "draft", "open", "buyer"),
        ("requests.updated", "draft", "draft", "buyer"),
        ("requests.created", "", "draft", "buyer"),
    ]
    assert events[0]["reason"] == "bought"
    assert events[2]["details"] == {"fields": ["quantity"]}
    assert "actor_email" not in events[0]


def test_the_status_history_of_another_organisations_request_is_a_404(
    buyer_member: User, other_buyer_member: User
) -> None:
    created = client_for(buyer_member).post("/api/v1/requests/", _body(), format="json").json()

    assert client_for(other_buyer_member).get(f"/api/v1/requests/{created['id']}/audit/").status_code == 404


def _entries(text: str) -> dict[str, str]:
    """msgid → msgstr of a .po file; for a plural entry, its last form against the plural msgid."""
    out: dict[str, str] = {}
    for block in text.split("\n\n"):
        msgid = re.search(r'^msgid "(.*)"$', block, re.M)
        plural = re.search(r'^msgid_plural "(.*)"$', block, re.M)
        forms = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', block, re.M)
        if msgid and forms and msgid.group(1):
            out[plural.group(1) if plural else msgid.group(1)] = forms[-1]
    return out


def test_every_catalogue_translates_every_message_with_the_same_placeholders() -> None:
    assert {path.parent.parent.name for path in CATALOGUES} == {"zh_Hans", "fr", "es", "ru", "ar"}
    # Punctuation between placeholders (", ", "%(rule)s: %(missing)s") is translated only where a language
    # writes it differently (Chinese "、", French " :"); elsewhere the msgid is the right text: not counted.
    catalogues = {
        path.parent.parent.name: {
            msgid: msgstr
            for msgid, msgstr in _entries(path.read_text()).items()
            if re.search(r"\w", re.sub(r"%\(\w+\)s", "", msgid))
        }
        for path in CATALOGUES
    }
    for path in CATALOGUES:
        mo = path.with_suffix(".mo")
        assert mo.exists(), f"{mo}: run msgfmt"
        assert mo.stat().st_mtime >= path.stat().st_mtime - 1, f"{mo} is older than its .po: run msgfmt"
    msgids = set(catalogues["fr"])
    assert len(msgids) > 40
    for language, entries in catalogues.items():
        assert set(entries) == msgids, language
        for msgid, msgstr in entries.items():
            assert msgstr, (language, msgid)
            # Only a name spelled alike (Spanish "Australia", French "Canada") may equal its msgid.
            assert msgstr != msgid or re.fullmatch(r"[A-Z][a-z]+", msgid), (language, msgid)
            assert set(re.findall(r"%\(\w+\)s", msgstr)) == set(re.findall(r"%\(\w+\)s", msgid)), (
                language,
                msgid,
            )


def test_every_service_message_has_a_catalogue_entry() -> None:
    """The messages the purchasing code, the shared validators, and the organisation and catalogue
    code raise are all in the catalogues (none left English; the vendor's registration showed the
    USCC checksum message in English on the Arabic page)."""
    backend = Path(settings.LOCALE_PATHS[0]).parent
    sources = [
        *sorted((backend / "purchasing" / "services").glob("*.py")),
        backend / "purchasing" / "importers.py",
        backend / "core" / "validators.py",
        backend / "accounts" / "services.py",
        *sorted(path for path in (backend / "organizations").rglob("*.py") if "tests" not in path.parts),
        *sorted(path for path in (backend / "catalog").glob("*.py")),
    ]
    raised: set[str] = set()  # the first literal of each raise, adjacent literals joined
    for source in sources:
        text = source.read_text()
        for literal in re.findall(r'(?:_error|ValidationError|_too_large)\(\s*((?:"[^"]*"\s*)+)', text):
            raised.add("".join(re.findall(r'"([^"]*)"', literal)))
    entries = _entries(CATALOGUES[0].read_text())
    known_elsewhere = {"This field is required."}  # Django's own catalogue translates it
    assert raised
    assert sorted(message for message in raised - set(entries) - known_elsewhere if len(message) > 12) == []
