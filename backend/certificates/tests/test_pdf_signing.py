import unicodedata
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from certificates.checks import pdf_fonts_check
from certificates.models import Certificate
from certificates.pdf import certificate_pdf_render
from certificates.services.decisions import certificate_languages
from certificates.signing import generated_signing_material, pdf_sign, signing_certificate, signing_material
from certificates.tests.factories import FmApplicationFactory


def _certificate(**facts: str) -> Certificate:
    return Certificate(
        number="FM2026-0A1B2C3D",
        issued_at=timezone.now(),
        holder_name="武汉新华医疗器械有限公司",
        holder_legal_names={"en": "Wuhan Xinhua Medical Devices Co., Ltd."},
        holder_country="CN",
        counterparty_country="RU",
        languages=["zh", "en", "ru"],
        facts={"event_description": "封城", "event_start": "2020-01-23", **facts},
    )


def _valid(pdf: bytes) -> Any:
    signature = PdfFileReader(BytesIO(pdf)).embedded_signatures[0]
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[signing_certificate()]))


def test_the_test_key_is_made_once_and_signs_a_valid_pdf() -> None:
    first = signing_material()
    pdf = pdf_sign(
        certificate_pdf_render(certificate=_certificate(), url="http://x.test/verify/FM2026-0A1B2C3D")
    )

    assert signing_material() == first
    assert _valid(pdf).bottom_line


def test_long_multilingual_facts_run_onto_more_pages() -> None:
    pdf = certificate_pdf_render(
        certificate=_certificate(
            event_description="武汉市新冠肺炎疫情防控指挥部通告。" * 300, goods="Маски " * 300
        ),
        url="http://x.test/verify/FM2026-0A1B2C3D",
    )

    assert len(PdfFileReader(BytesIO(pdf)).root["/Pages"]["/Kids"]) >= 3


def _fonts(pdf: bytes) -> list[dict[str, Any]]:
    """Every font dictionary on every page, with its descriptor (of the descendant, for a Type0)."""
    found = []
    for page in PdfReader(BytesIO(pdf)).pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor")
            found.append({**font, "descriptor": descriptor.get_object() if descriptor else {}})
    return found


def test_every_font_is_an_embedded_truetype_subset_and_the_chinese_facts_extract() -> None:
    pdf = pdf_sign(
        certificate_pdf_render(
            certificate=_certificate(goods="医用防护服 GB 19082", event_location="武汉市"),
            url="http://x.test/verify/FM2026-0A1B2C3D",
        )
    )

    fonts = _fonts(pdf)
    base_fonts = {str(font["/BaseFont"]) for font in fonts}
    assert any(name.endswith("+WenQuanYiMicroHei-0") for name in base_fonts)
    assert any(name.endswith("+DejaVuSans") for name in base_fonts)
    # No font a reader has to supply: no bare CID font (STSong-Light), no standard-14 Helvetica.
    assert all("/FontFile2" in font["descriptor"] for font in fonts), base_fonts
    assert {str(font["/Subtype"]) for font in fonts} == {"/TrueType"}
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    for fact in ("不可抗力事实性证明", "武汉新华医疗器械有限公司", "封城", "医用防护服 GB 19082", "武汉市"):
        assert fact in text
    assert "Свидетельство о фактах форс-мажора" in text
    assert _valid(pdf).bottom_line


def test_an_arabic_section_is_shaped_and_right_to_left() -> None:
    certificate = _certificate(event_location="ميناء ووهان")
    certificate.languages = ["zh", "en", "ar"]

    pdf = certificate_pdf_render(certificate=certificate, url="http://x.test/verify/FM2026-0A1B2C3D")
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()

    assert all("/FontFile2" in font["descriptor"] for font in _fonts(pdf))
    # Shaped: contextual presentation forms (initial/medial/final), which fold back to the letters.
    assert "ميناء ووهان" not in text
    assert "ﻣﻴﻨﺎﺀ ﻭﻭﻫﺎﻥ" in text
    assert "ميناء ووهان" in unicodedata.normalize("NFKC", text)
    assert _valid(pdf_sign(pdf)).bottom_line


def test_a_missing_or_unusable_font_is_named_at_check_and_at_generation(
    tmp_path: Path, settings: Any
) -> None:
    settings.MEDMATCH_PDF_CJK_FONT = str(tmp_path / "nowhere.ttc")

    assert [error.id for error in pdf_fonts_check(None)] == ["certificates.E001"]
    assert "fonts-wqy-microhei" in pdf_fonts_check(None)[0].msg
    with pytest.raises(ImproperlyConfigured, match=r"MEDMATCH_PDF_CJK_FONT=.*no such font file"):
        certificate_pdf_render(certificate=_certificate(), url="http://x.test/v")

    (tmp_path / "nowhere.ttc").write_bytes(b"OTTO" + bytes(200))  # a CFF-flavoured OpenType header
    assert pdf_fonts_check(None) == []
    with pytest.raises(ImproperlyConfigured, match="embeds only TrueType"):
        certificate_pdf_render(certificate=_certificate(), url="http://x.test/v")

    settings.MEDMATCH_PDF_CJK_FONT = settings.MEDMATCH_PDF_TEXT_FONT  # DejaVu Sans has no Chinese
    with pytest.raises(ImproperlyConfigured, match="no glyph for '证明中国'"):
        certificate_pdf_render(certificate=_certificate(), url="http://x.test/v")


def test_a_configured_key_is_used_as_pem_text(tmp_path: Path, settings: Any) -> None:
    own = generated_signing_material(tmp_path / "own")
    settings.MEDMATCH_SIGNING_KEY = own.key_pem.decode()
    settings.MEDMATCH_SIGNING_CERT = own.cert_pem.decode()

    assert signing_material() == own
    assert signing_certificate().dump() == next(iter(load_certs_from_pemder_data(own.cert_pem))).dump()
    assert _valid(
        pdf_sign(certificate_pdf_render(certificate=_certificate(), url="http://x.test/v"))
    ).bottom_line


def test_a_configured_key_is_read_from_files(tmp_path: Path, settings: Any) -> None:
    own = generated_signing_material(tmp_path / "own")
    settings.MEDMATCH_SIGNING_KEY = str(tmp_path / "own" / "test-signing-key.pem")
    settings.MEDMATCH_SIGNING_CERT = str(tmp_path / "own" / "test-signing-cert.pem")

    assert signing_material() == own


def test_half_a_configuration_or_no_key_in_production_is_refused(settings: Any) -> None:
    settings.MEDMATCH_SIGNING_KEY = "/nowhere/key.pem"
    with pytest.raises(ImproperlyConfigured, match="both"):
        signing_material()
    settings.MEDMATCH_SIGNING_CERT = "/nowhere/cert.pem"
    with pytest.raises(ImproperlyConfigured, match="does not exist"):
        signing_material()
    settings.MEDMATCH_SIGNING_KEY = settings.MEDMATCH_SIGNING_CERT = ""
    settings.MEDMATCH_SIGNING_ALLOW_TEST_KEY = False
    with pytest.raises(
        ImproperlyConfigured, match="MEDMATCH_SIGNING_KEY and MEDMATCH_SIGNING_CERT are required"
    ):
        signing_material()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("", ["zh", "en"]),
        ("en", ["zh", "en"]),
        ("fr", ["zh", "en", "fr"]),
        ("ru", ["zh", "en", "ru"]),
        ("ar", ["zh", "en", "ar"]),
    ],
)
def test_certificate_languages(language: str, expected: list[str]) -> None:
    assert certificate_languages(FmApplicationFactory.build(counterparty_language=language)) == expected
