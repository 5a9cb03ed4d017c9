"""The certificate PDF (reportlab): Chinese and English, and the counterparty's language.

Every glyph comes from a TrueType font embedded as a subset, so that a reader without Chinese
or Arabic fonts shows the same text: Chinese from settings.MEDMATCH_PDF_CJK_FONT (Debian's
fonts-wqy-microhei), everything else (Latin, Cyrillic, Arabic) from settings.MEDMATCH_PDF_TEXT_FONT
(fonts-dejavu-core). Arabic is shaped (arabic-reshaper), put in visual order (python-bidi) and
right-aligned. A missing or unusable font is an ImproperlyConfigured naming its variable, both
in `manage.py check` (certificates.checks) and when a PDF is generated.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from certificates.models import Certificate
from core.validators import UI_LANGUAGES
from introductions.emails import country_name

# A certificate can be issued in every language of the platform (fonts and labels for each below).
PDF_LANGUAGES = UI_LANGUAGES

# label key -> language -> label
LABELS: dict[str, dict[str, str]] = {
    "title": {
        "zh": "不可抗力事实性证明",
        "en": "Certificate of Force Majeure Facts",
        "fr": "Certificat de faits de force majeure",
        "es": "Certificado de hechos de fuerza mayor",
        "ru": "Свидетельство о фактах форс-мажора",
        "ar": "شهادة وقائع القوة القاهرة",
    },
    "statement": {
        "zh": "本会根据申请人提交的证据材料，证明下列事实属实。",
        "en": "On the evidence submitted by the applicant, the issuing body certifies the facts below.",
        "fr": "Sur la base des pièces fournies par le demandeur, l'organisme certifie les faits ci-dessous.",
        "es": "Sobre la base de las pruebas aportadas por el solicitante, "
        "el organismo certifica los hechos siguientes.",
        "ru": "На основании представленных заявителем доказательств "
        "организация удостоверяет следующие факты.",
        "ar": "استنادًا إلى الأدلة التي قدمها مقدم الطلب، تشهد الجهة المُصدِرة بصحة الوقائع التالية.",
    },
    "number": {
        "zh": "证明编号",
        "en": "Number",
        "fr": "Numéro",
        "es": "Número",
        "ru": "Номер",
        "ar": "الرقم",
    },
    "issued": {
        "zh": "出具日期",
        "en": "Issue date",
        "fr": "Date de délivrance",
        "es": "Fecha de emisión",
        "ru": "Дата выдачи",
        "ar": "تاريخ الإصدار",
    },
    "holder": {
        "zh": "申请人",
        "en": "Holder",
        "fr": "Titulaire",
        "es": "Titular",
        "ru": "Владелец",
        "ar": "صاحب الشهادة",
    },
    "counterparty_name": {
        "zh": "合同相对方",
        "en": "Counterparty",
        "fr": "Cocontractant",
        "es": "Contraparte",
        "ru": "Контрагент",
        "ar": "الطرف المتعاقد",
    },
    "counterparty_country": {
        "zh": "相对方国家/地区",
        "en": "Counterparty country",
        "fr": "Pays du cocontractant",
        "es": "País de la contraparte",
        "ru": "Страна контрагента",
        "ar": "بلد الطرف المتعاقد",
    },
    "contract_number": {
        "zh": "合同编号",
        "en": "Contract number",
        "fr": "N° de contrat",
        "es": "N.º de contrato",
        "ru": "Номер договора",
        "ar": "رقم العقد",
    },
    "contract_date": {
        "zh": "合同日期",
        "en": "Contract date",
        "fr": "Date du contrat",
        "es": "Fecha del contrato",
        "ru": "Дата договора",
        "ar": "تاريخ العقد",
    },
    "goods": {
        "zh": "货物",
        "en": "Goods",
        "fr": "Marchandises",
        "es": "Mercancías",
        "ru": "Товары",
        "ar": "البضائع",
    },
    "contract_value": {
        "zh": "合同金额",
        "en": "Contract value",
        "fr": "Valeur du contrat",
        "es": "Valor del contrato",
        "ru": "Сумма договора",
        "ar": "قيمة العقد",
    },
    "obligation": {
        "zh": "受影响的义务",
        "en": "Obligation affected",
        "fr": "Obligation affectée",
        "es": "Obligación afectada",
        "ru": "Затронутое обязательство",
        "ar": "الالتزام المتأثر",
    },
    "obligation_due_date": {
        "zh": "履行期限",
        "en": "Due date",
        "fr": "Échéance",
        "es": "Vencimiento",
        "ru": "Срок исполнения",
        "ar": "تاريخ الاستحقاق",
    },
    "event_description": {
        "zh": "事实",
        "en": "What happened",
        "fr": "Faits",
        "es": "Hechos",
        "ru": "Обстоятельства",
        "ar": "ما حدث",
    },
    "event_location": {
        "zh": "地点",
        "en": "Where",
        "fr": "Lieu",
        "es": "Lugar",
        "ru": "Место",
        "ar": "المكان",
    },
    "event_period": {
        "zh": "起止时间",
        "en": "From – to",
        "fr": "Du – au",
        "es": "Desde – hasta",
        "ru": "С – по",
        "ar": "من – إلى",
    },
    "ongoing": {
        "zh": "持续中",
        "en": "ongoing",
        "fr": "en cours",
        "es": "en curso",
        "ru": "продолжается",
        "ar": "مستمر",
    },
    "verify": {
        "zh": "扫描二维码或访问以下网址核验本证明",
        "en": "Scan the code or open this address to verify this certificate",
        "fr": "Scannez le code ou ouvrez cette adresse pour vérifier ce certificat",
        "es": "Escanee el código o abra esta dirección para verificar este certificado",
        "ru": "Отсканируйте код или откройте адрес, чтобы проверить свидетельство",
        "ar": "امسح الرمز أو افتح هذا العنوان للتحقق من هذه الشهادة",
    },
}
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
QR_SIZE = 32 * mm


# setting -> (Debian package, characters the font must have)
FONT_SETTINGS: dict[str, tuple[str, str]] = {
    "MEDMATCH_PDF_CJK_FONT": ("fonts-wqy-microhei", "证明中国"),
    "MEDMATCH_PDF_TEXT_FONT": ("fonts-dejavu-core", "AéЖشة"),
}


@dataclass(frozen=True)
class PdfFonts:
    """The registered names of the two fonts a certificate is printed in."""

    cjk: str
    text: str


def font_problem(setting: str) -> str | None:
    """Why the font file that ``setting`` names cannot be used, or None; cheap (no parsing)."""
    path = Path(getattr(settings, setting))
    package = FONT_SETTINGS[setting][0]
    if not path.is_file():
        return (
            f"{setting}={path}: no such font file. Install Debian's {package} "
            f"(scripts/bootstrap.sh does) or point {setting} at a TrueType font."
        )
    return None


@lru_cache(maxsize=4)
def _register(setting: str, path: str) -> str:
    problem = font_problem(setting)
    if problem:
        raise ImproperlyConfigured(problem)
    name = f"{setting.removeprefix('MEDMATCH_PDF_')}-{Path(path).stem}"
    try:
        font = TTFont(name, path)  # the first face of a .ttc collection
    except TTFError as exc:
        raise ImproperlyConfigured(
            f"{setting}={path}: reportlab cannot embed it ({exc}); it embeds only TrueType "
            f"outlines, e.g. Debian's {FONT_SETTINGS[setting][0]}."
        ) from exc
    lacking = [char for char in FONT_SETTINGS[setting][1] if ord(char) not in font.face.charToGlyph]
    if lacking:
        raise ImproperlyConfigured(f"{setting}={path}: the font has no glyph for {''.join(lacking)!r}.")
    pdfmetrics.registerFont(font)
    return name


def pdf_fonts() -> PdfFonts:
    """Both fonts, loaded and registered once per process and path."""
    return PdfFonts(
        cjk=_register("MEDMATCH_PDF_CJK_FONT", str(settings.MEDMATCH_PDF_CJK_FONT)),
        text=_register("MEDMATCH_PDF_TEXT_FONT", str(settings.MEDMATCH_PDF_TEXT_FONT)),
    )


def _is_arabic(char: str) -> bool:
    code = ord(char)
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def _font_for(text: str) -> str:
    fonts = pdf_fonts()
    return fonts.cjk if any(_is_cjk(char) for char in text) else fonts.text


def _wrap(text: str, font: str, size: float, width: float) -> Iterator[str]:
    """Lines of ``text`` no wider than ``width``; breaks at spaces, or anywhere in CJK text."""
    for paragraph in text.splitlines() or [""]:
        line = ""
        cjk = font == pdf_fonts().cjk
        for word in list(paragraph) if cjk else paragraph.replace("\t", " ").split(" "):
            candidate = line + word if cjk else (f"{line} {word}" if line else word)
            if pdfmetrics.stringWidth(candidate, font, size) <= width or not line:
                line = candidate
                continue
            yield line
            line = word
        yield line


class _Writer:
    """Top-down text on pages that follow one another."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.y = PAGE_HEIGHT - MARGIN
        self.width = PAGE_WIDTH - 2 * MARGIN

    def space(self, height: float) -> None:
        self.y -= height

    def text(self, text: str, *, size: float = 10, indent: float = 0, width: float | None = None) -> None:
        font = _font_for(text)
        leading = size * 1.35
        right_to_left = font != pdf_fonts().cjk and any(_is_arabic(char) for char in text)
        for line in _wrap(text, font, size, (width or self.width) - indent):
            if self.y - leading < MARGIN:
                self.canvas.showPage()
                self.y = PAGE_HEIGHT - MARGIN
            self.y -= leading
            self.canvas.setFont(font, size)
            if right_to_left:
                # Shaped and reordered per line, after wrapping in logical order.
                visual = get_display(arabic_reshaper.reshape(line))
                self.canvas.drawRightString(MARGIN + (width or self.width) - indent, self.y, visual)
            else:
                self.canvas.drawString(MARGIN + indent, self.y, line)


def _field_rows(certificate: Certificate, language: str) -> list[tuple[str, str]]:
    facts = certificate.facts
    end = facts.get("event_end") or LABELS["ongoing"][language]
    value = f"{facts.get('contract_value', '')} {facts.get('currency', '')}".strip()
    rows = [
        ("holder", certificate.holder_legal_names.get(language) or certificate.holder_name),
        ("counterparty_name", facts.get("counterparty_name", "")),
        ("counterparty_country", country_name(certificate.counterparty_country, language)),
        ("contract_number", facts.get("contract_number", "")),
        ("contract_date", facts.get("contract_date", "")),
        ("goods", facts.get("goods", "")),
        ("contract_value", value),
        ("obligation", facts.get("obligation", "")),
        ("obligation_due_date", facts.get("obligation_due_date", "")),
        ("event_description", facts.get("event_description", "")),
        ("event_location", facts.get("event_location", "")),
        ("event_period", f"{facts.get('event_start', '')} – {end}"),
    ]
    return [(LABELS[key][language], str(text)) for key, text in rows]


def certificate_pdf_render(*, certificate: Certificate, url: str) -> bytes:
    """The unsigned PDF: number, issue date, the facts as approved per language, a QR code to ``url``."""
    languages = [language for language in certificate.languages if language in PDF_LANGUAGES] or [
        "zh",
        "en",
    ]
    buffer = BytesIO()
    # The page preamble selects a font; by default Helvetica, which would be the one font not embedded.
    canvas = Canvas(buffer, pagesize=A4, invariant=True, initialFontName=pdf_fonts().text)
    canvas.setTitle(f"{LABELS['title']['en']} {certificate.number}")
    canvas.setAuthor("MedMatch")
    canvas.setSubject(certificate.number)

    qr = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = qr.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (right - left), 0, 0, QR_SIZE / (top - bottom), 0, 0]
    )
    drawing.initialFontName = pdf_fonts().text  # the state a drawing starts from: Times-Roman otherwise
    drawing.add(qr)
    renderPDF.draw(drawing, canvas, PAGE_WIDTH - MARGIN - QR_SIZE, PAGE_HEIGHT - MARGIN - QR_SIZE)

    writer = _Writer(canvas)
    header_width = writer.width - QR_SIZE - 6 * mm
    for language in languages:
        writer.text(
            LABELS["title"][language], size=15 if language in ("zh", "en") else 12, width=header_width
        )
    writer.space(4)
    issued = certificate.issued_at.date().isoformat()
    for language in languages[:2]:
        writer.text(
            f"{LABELS['number'][language]}: {certificate.number}    {LABELS['issued'][language]}: {issued}",
            size=10,
            width=header_width,
        )
    writer.y = min(writer.y, PAGE_HEIGHT - MARGIN - QR_SIZE - 2 * mm)
    writer.text(url, size=7)
    writer.space(6)
    for language in languages:
        writer.text(LABELS["title"][language], size=12)
        writer.text(LABELS["statement"][language], size=9)
        writer.space(2)
        for label, value in _field_rows(certificate, language):
            writer.text(f"{label}:", size=9, indent=2 * mm)
            writer.text(value or "—", size=9, indent=8 * mm)
        writer.space(8)
    for language in languages:
        writer.text(f"{LABELS['verify'][language]}: {url}", size=8)
    writer.text(settings.MEDMATCH_FM_ISSUER, size=9)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
