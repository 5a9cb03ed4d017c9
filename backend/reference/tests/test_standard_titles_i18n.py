"""Standard titles in the reader's language (issue 9): the titles of the reference data are
translated for the request's Accept-Language; codes stay as they are."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from reference.models import Standard

pytestmark = pytest.mark.django_db

STANDARDS = "/api/v1/reference/standards/?page_size=200"
REFERENCE = Path(settings.LOCALE_PATHS[0]).parent / "reference" / "data" / "reference.json"
EN_14683 = {
    "en": "Medical face masks — requirements and test methods (Type I, II, IIR)",
    "zh-CN": "医用口罩——要求和试验方法（I 型、II 型、IIR 型）",
    "fr-FR,fr;q=0.9": "Masques médicaux — exigences et méthodes d’essai (type I, II, IIR)",
    "es": "Mascarillas médicas — requisitos y métodos de ensayo (tipo I, II, IIR)",
    "ru": "Медицинские маски — требования и методы испытаний (тип I, II, IIR)",
    "ar": "الكمامات الطبية — المتطلبات وطرق الاختبار (النوع I وII وIIR)",
}


def _titles(language: str) -> dict[str, str]:
    response = APIClient().get(STANDARDS, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return {item["code"]: item["title"] for item in response.json()["results"]}


@pytest.mark.parametrize("language", list(EN_14683))
def test_every_reference_standard_has_its_title_in_the_readers_language(language: str) -> None:
    english = {item["code"]: item["title"] for item in json.loads(REFERENCE.read_text())["standards"]}

    titles = _titles(language)

    assert titles["EN 14683"] == EN_14683[language]
    assert set(english) <= set(titles)
    if language == "en":
        assert {code: titles[code] for code in english} == english
    else:
        untranslated = sorted(code for code in english if titles[code] == english[code])
        assert untranslated == []


def test_a_title_typed_by_staff_without_a_translation_stays_as_typed() -> None:
    Standard.objects.create(code="XX 1", title="A house standard", kind="standard")

    assert _titles("fr")["XX 1"] == "A house standard"
