"""The wording of in-app notifications, in the six UI languages (English is the fallback).

Notifications also carry ``data`` (ids, statuses, names), so a client may word them itself.
"""

from typing import NamedTuple

from core.validators import UI_LANGUAGES


class Wording(NamedTuple):
    title: str
    body: str


DEFAULT_LANGUAGE = "en"

# kind -> language -> (title, body); placeholders: other, country, request, actor, status, days.
NOTIFICATION_WORDING: dict[str, dict[str, Wording]] = {
    "introduction.created": {
        "en": Wording(
            "New introduction: {other}",
            "MedMatch has introduced you to {other} ({country}) for “{request}”. "
            "Their contact details are on the introduction page.",
        ),
        "zh": Wording(
            "新的对接：{other}",
            "MedMatch 已为您对接 {other}（{country}），涉及“{request}”。对方的联系方式请见对接页面。",
        ),
        "fr": Wording(
            "Nouvelle mise en relation : {other}",
            "MedMatch vous a mis en relation avec {other} ({country}) pour « {request} ». "
            "Ses coordonnées figurent sur la page de la mise en relation.",
        ),
        "es": Wording(
            "Nueva puesta en contacto: {other}",
            "MedMatch le ha puesto en contacto con {other} ({country}) para «{request}». "
            "Encontrará sus datos de contacto en la página de la puesta en contacto.",
        ),
        "ru": Wording(
            "Новый деловой контакт: {other}",
            "MedMatch связал вас с {other} ({country}) по запросу «{request}». "
            "Контактные данные партнёра указаны на странице контакта.",
        ),
        "ar": Wording(
            "تواصل جديد مع {other}",
            "قامت MedMatch بربطك مع {other} ({country}) بخصوص «{request}». "
            "تجد بيانات الاتصال الخاصة بهم في صفحة التواصل.",
        ),
    },
    "introduction.reminder": {
        "en": Wording(
            "Reminder: reply to your introduction to {other}",
            "The introduction for “{request}” is still waiting for a reply. "
            "Please contact the other party and record how it is going.",
        ),
        "zh": Wording(
            "提醒：请回复与 {other} 的对接",
            "关于“{request}”的对接仍在等待回复。请联系对方并记录进展。",
        ),
        "fr": Wording(
            "Rappel : répondez à la mise en relation avec {other}",
            "La mise en relation pour « {request} » attend toujours une réponse. "
            "Contactez l'autre partie et indiquez où vous en êtes.",
        ),
        "es": Wording(
            "Recordatorio: responda a la puesta en contacto con {other}",
            "La puesta en contacto para «{request}» sigue esperando respuesta. "
            "Contacte con la otra parte e indique cómo avanza.",
        ),
        "ru": Wording(
            "Напоминание: ответьте по контакту с {other}",
            "Контакт по запросу «{request}» всё ещё ожидает ответа. "
            "Свяжитесь с другой стороной и отметьте, как идут дела.",
        ),
        "ar": Wording(
            "تذكير: يرجى الرد على التواصل مع {other}",
            "لا يزال التواصل بخصوص «{request}» بانتظار الرد. يرجى الاتصال بالطرف الآخر وتسجيل ما تم.",
        ),
    },
    "introduction.outcome": {
        "en": Wording(
            "{actor} updated the introduction: {status}",
            "The introduction for “{request}” is now: {status}.",
        ),
        "zh": Wording("{actor} 更新了对接状态：{status}", "关于“{request}”的对接当前状态：{status}。"),
        "fr": Wording(
            "{actor} a mis à jour la mise en relation : {status}",
            "Statut de la mise en relation pour « {request} » : {status}.",
        ),
        "es": Wording(
            "{actor} ha actualizado la puesta en contacto: {status}",
            "Estado de la puesta en contacto para «{request}»: {status}.",
        ),
        "ru": Wording(
            "{actor}: статус контакта изменён — {status}",
            "Статус контакта по запросу «{request}»: {status}.",
        ),
        "ar": Wording(
            "حدّث {actor} حالة التواصل: {status}",
            "حالة التواصل بخصوص «{request}» الآن: {status}.",
        ),
    },
    "introduction.expired": {
        "en": Wording(
            "Introduction expired: {other}",
            "No reply was recorded within {days} days for “{request}”, so the introduction has expired.",
        ),
        "zh": Wording(
            "对接已过期：{other}",
            "关于“{request}”的对接在 {days} 天内没有记录回复，已过期。",
        ),
        "fr": Wording(
            "Mise en relation expirée : {other}",
            "Aucune réponse n'a été enregistrée en {days} jours pour « {request} » ; "
            "la mise en relation a expiré.",
        ),
        "es": Wording(
            "Puesta en contacto caducada: {other}",
            "No se registró ninguna respuesta en {days} días para «{request}»; "
            "la puesta en contacto ha caducado.",
        ),
        "ru": Wording(
            "Срок контакта истёк: {other}",
            "По запросу «{request}» за {days} дн. не было ответа, поэтому срок контакта истёк.",
        ),
        "ar": Wording(
            "انتهت صلاحية التواصل مع {other}",
            "لم يُسجَّل أي رد خلال {days} يومًا بخصوص «{request}»، لذا انتهت صلاحية التواصل.",
        ),
    },
}

STATUS_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "awaiting_reply": "awaiting reply",
        "negotiating": "in negotiation",
        "deal": "deal",
        "no_deal": "no deal",
        "expired": "expired",
    },
    "zh": {
        "awaiting_reply": "等待回复",
        "negotiating": "洽谈中",
        "deal": "已成交",
        "no_deal": "未成交",
        "expired": "已过期",
    },
    "fr": {
        "awaiting_reply": "en attente de réponse",
        "negotiating": "en négociation",
        "deal": "accord conclu",
        "no_deal": "pas d'accord",
        "expired": "expirée",
    },
    "es": {
        "awaiting_reply": "pendiente de respuesta",
        "negotiating": "en negociación",
        "deal": "acuerdo cerrado",
        "no_deal": "sin acuerdo",
        "expired": "caducada",
    },
    "ru": {
        "awaiting_reply": "ожидает ответа",
        "negotiating": "переговоры",
        "deal": "сделка заключена",
        "no_deal": "без сделки",
        "expired": "срок истёк",
    },
    "ar": {
        "awaiting_reply": "بانتظار الرد",
        "negotiating": "قيد التفاوض",
        "deal": "تمت الصفقة",
        "no_deal": "لم تتم الصفقة",
        "expired": "منتهية",
    },
}


def language_for(tag: str | None) -> str:
    """One of the UI languages for a user's language tag (``zh-Hans`` → ``zh``); else English."""
    primary = (tag or "").replace("_", "-").split("-")[0].lower()
    return primary if primary in UI_LANGUAGES else DEFAULT_LANGUAGE


def notification_wording(*, kind: str, language: str, **values: object) -> Wording:
    """The title and body of a notification of ``kind`` in ``language`` (English if missing)."""
    by_language = NOTIFICATION_WORDING[kind]
    wording = by_language.get(language_for(language), by_language[DEFAULT_LANGUAGE])
    return Wording(wording.title.format(**values)[:255], wording.body.format(**values))


def status_label(*, status: str, language: str) -> str:
    labels = STATUS_LABELS.get(language_for(language), STATUS_LABELS[DEFAULT_LANGUAGE])
    return labels.get(status, status)
