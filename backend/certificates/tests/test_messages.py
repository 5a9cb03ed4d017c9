from string import Formatter

import pytest

from certificates.messages import TRADE_WORDING, trade_wording
from core.validators import UI_LANGUAGES


def _placeholders(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in Formatter().parse(text) if name}


@pytest.mark.parametrize("kind", sorted(TRADE_WORDING))
def test_every_trade_message_is_worded_in_every_ui_language_with_the_same_placeholders(kind: str) -> None:
    by_language = TRADE_WORDING[kind]

    assert set(by_language) == set(UI_LANGUAGES)
    english = by_language["en"]
    for language, wording in by_language.items():
        assert _placeholders(wording.title) == _placeholders(english.title), (language, "title")
        assert _placeholders(wording.body) == _placeholders(english.body), (language, "body")
        if language != "en":
            assert wording.body != english.body, language


def test_a_message_is_rendered_in_the_recipients_language_and_english_otherwise() -> None:
    values = {"ref": "FM-12", "reason": "печать"}

    assert trade_wording(kind="certificate.rejected", language="ru-RU", **values).title == (
        "Заявка FM-12 отклонена"
    )
    assert trade_wording(kind="certificate.rejected", language="ar", **values).body == (
        "تم رفض الطلب FM-12: печать"
    )
    assert trade_wording(kind="certificate.rejected", language="de", **values).title == (
        "Application FM-12 rejected"
    )
