"""The wording of trade-service notifications and e-mails in the six UI languages.

One entry per kind: (title, body) per language, English the fallback. The e-mail uses
the same wording (title as subject, body plus a link), so a member reads one message
in the app and in the mailbox, in the language of their account.
"""

from introductions.messages import DEFAULT_LANGUAGE, Wording, language_for

# Placeholders: ref (application/consultation reference), number (certificate number),
# reason, subject (consultation subject), adviser.
TRADE_WORDING: dict[str, dict[str, Wording]] = {
    "certificate.submitted": {
        "en": Wording(
            "Application {ref} received",
            "Your force-majeure certificate application {ref} has been submitted. "
            "Staff aim to decide within {hours} hours.",
        ),
        "zh": Wording(
            "已收到申请 {ref}",
            "您的不可抗力事实性证明申请 {ref} 已提交，工作人员将力争在 {hours} 小时内处理。",
        ),
        "fr": Wording(
            "Demande {ref} reçue",
            "Votre demande de certificat de force majeure {ref} a été déposée. "
            "Nous visons une décision sous {hours} heures.",
        ),
        "es": Wording(
            "Solicitud {ref} recibida",
            "Su solicitud de certificado de fuerza mayor {ref} se ha presentado. "
            "Intentamos resolver en {hours} horas.",
        ),
        "ru": Wording(
            "Заявка {ref} получена",
            "Ваша заявка {ref} на сертификат о форс-мажоре подана. Мы стремимся рассмотреть её за {hours} ч.",
        ),
        "ar": Wording(
            "تم استلام الطلب {ref}",
            "تم تقديم طلبك {ref} للحصول على شهادة القوة القاهرة، ونسعى إلى البت فيه خلال {hours} ساعة.",
        ),
    },
    "certificate.info_requested": {
        "en": Wording(
            "More information needed for {ref}",
            "Staff need more information before deciding application {ref}: {reason}",
        ),
        "zh": Wording("申请 {ref} 需要补充材料", "工作人员需要您补充信息后才能处理申请 {ref}：{reason}"),
        "fr": Wording(
            "Informations complémentaires requises pour {ref}",
            "Nous avons besoin d'informations complémentaires pour la demande {ref} : {reason}",
        ),
        "es": Wording(
            "Se necesita más información para {ref}",
            "Necesitamos más información para resolver la solicitud {ref}: {reason}",
        ),
        "ru": Wording(
            "Нужна дополнительная информация по {ref}",
            "Для рассмотрения заявки {ref} нужна дополнительная информация: {reason}",
        ),
        "ar": Wording(
            "مطلوب معلومات إضافية للطلب {ref}", "نحتاج إلى معلومات إضافية للبت في الطلب {ref}: {reason}"
        ),
    },
    "certificate.approved": {
        "en": Wording(
            "Certificate {number} issued",
            "Application {ref} is approved. Certificate {number} can be downloaded from the platform; "
            "anyone can check it at {url}",
        ),
        "zh": Wording(
            "证明 {number} 已出具",
            "申请 {ref} 已批准。证明 {number} 可在平台下载，任何人均可在 {url} 核验。",
        ),
        "fr": Wording(
            "Certificat {number} délivré",
            "La demande {ref} est approuvée. Le certificat {number} est téléchargeable sur la plateforme ; "
            "chacun peut le vérifier sur {url}",
        ),
        "es": Wording(
            "Certificado {number} emitido",
            "La solicitud {ref} está aprobada. El certificado {number} puede descargarse en la plataforma; "
            "cualquiera puede verificarlo en {url}",
        ),
        "ru": Wording(
            "Сертификат {number} выдан",
            "Заявка {ref} одобрена. Сертификат {number} можно скачать на платформе; "
            "проверить его может любой по адресу {url}",
        ),
        "ar": Wording(
            "صدرت الشهادة {number}",
            "تمت الموافقة على الطلب {ref}. يمكن تنزيل الشهادة {number} من المنصة، "
            "ويمكن لأي شخص التحقق منها على {url}",
        ),
    },
    "certificate.rejected": {
        "en": Wording("Application {ref} rejected", "Application {ref} was rejected: {reason}"),
        "zh": Wording("申请 {ref} 未获批准", "申请 {ref} 未获批准，原因：{reason}"),
        "fr": Wording("Demande {ref} refusée", "La demande {ref} a été refusée : {reason}"),
        "es": Wording("Solicitud {ref} rechazada", "La solicitud {ref} ha sido rechazada: {reason}"),
        "ru": Wording("Заявка {ref} отклонена", "Заявка {ref} отклонена: {reason}"),
        "ar": Wording("تم رفض الطلب {ref}", "تم رفض الطلب {ref}: {reason}"),
    },
    "certificate.revoked": {
        "en": Wording("Certificate {number} revoked", "Certificate {number} has been revoked: {reason}"),
        "zh": Wording("证明 {number} 已撤销", "证明 {number} 已被撤销，原因：{reason}"),
        "fr": Wording("Certificat {number} révoqué", "Le certificat {number} a été révoqué : {reason}"),
        "es": Wording("Certificado {number} revocado", "El certificado {number} ha sido revocado: {reason}"),
        "ru": Wording("Сертификат {number} отозван", "Сертификат {number} отозван: {reason}"),
        "ar": Wording("تم إلغاء الشهادة {number}", "تم إلغاء الشهادة {number}: {reason}"),
    },
    "consultation.assigned": {
        "en": Wording(
            "An adviser is on your question",
            "Your consultation “{subject}” has been given to {adviser}, who will answer in its thread.",
        ),
        "zh": Wording("顾问已受理您的咨询", "您的咨询“{subject}”已分配给 {adviser}，将在对话中答复。"),
        "fr": Wording(
            "Un conseiller traite votre question",
            "Votre consultation « {subject} » a été confiée à {adviser}, qui répondra dans le fil.",
        ),
        "es": Wording(
            "Un asesor atiende su consulta",
            "Su consulta «{subject}» se ha asignado a {adviser}, que responderá en el hilo.",
        ),
        "ru": Wording(
            "Ваш вопрос передан консультанту",
            "Консультация «{subject}» передана {adviser}; ответ появится в переписке.",
        ),
        "ar": Wording(
            "يتولى مستشار سؤالك", "أُسندت استشارتك «{subject}» إلى {adviser} الذي سيجيب في المحادثة."
        ),
    },
    "consultation.assigned_to_you": {
        "en": Wording(
            "New consultation for you: {subject}", "You have been given the consultation “{subject}”."
        ),
        "zh": Wording("分配给您的咨询：{subject}", "咨询“{subject}”已分配给您。"),
        "fr": Wording(
            "Nouvelle consultation pour vous : {subject}", "La consultation « {subject} » vous est confiée."
        ),
        "es": Wording("Nueva consulta para usted: {subject}", "Se le ha asignado la consulta «{subject}»."),
        "ru": Wording("Вам передана консультация: {subject}", "Вам передана консультация «{subject}»."),
        "ar": Wording("استشارة جديدة لك: {subject}", "أُسندت إليك الاستشارة «{subject}»."),
    },
    "consultation.message": {
        "en": Wording("New reply: {subject}", "There is a new message in the consultation “{subject}”."),
        "zh": Wording("新回复：{subject}", "咨询“{subject}”有一条新消息。"),
        "fr": Wording(
            "Nouvelle réponse : {subject}",
            "Un nouveau message est arrivé dans la consultation « {subject} ».",
        ),
        "es": Wording("Nueva respuesta: {subject}", "Hay un mensaje nuevo en la consulta «{subject}»."),
        "ru": Wording("Новый ответ: {subject}", "В консультации «{subject}» новое сообщение."),
        "ar": Wording("رد جديد: {subject}", "توجد رسالة جديدة في الاستشارة «{subject}»."),
    },
    "consultation.closed": {
        "en": Wording(
            "Consultation closed: {subject}", "The consultation “{subject}” is closed. Outcome: {reason}"
        ),
        "zh": Wording("咨询已结束：{subject}", "咨询“{subject}”已结束。结论：{reason}"),
        "fr": Wording(
            "Consultation close : {subject}", "La consultation « {subject} » est close. Conclusion : {reason}"
        ),
        "es": Wording(
            "Consulta cerrada: {subject}", "La consulta «{subject}» se ha cerrado. Resultado: {reason}"
        ),
        "ru": Wording("Консультация закрыта: {subject}", "Консультация «{subject}» закрыта. Итог: {reason}"),
        "ar": Wording("أُغلقت الاستشارة: {subject}", "أُغلقت الاستشارة «{subject}». النتيجة: {reason}"),
    },
}


def trade_wording(*, kind: str, language: str, **values: object) -> Wording:
    """The title and body of a trade-service message of ``kind`` in ``language`` (English if missing)."""
    by_language = TRADE_WORDING[kind]
    wording = by_language.get(language_for(language), by_language[DEFAULT_LANGUAGE])
    return Wording(wording.title.format(**values)[:255], wording.body.format(**values))
