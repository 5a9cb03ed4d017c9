"""Start-up checks (`manage.py check`, runserver, migrate): the certificate PDF's fonts exist."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, register


@register()
def pdf_fonts_check(app_configs: Sequence[AppConfig] | None, **_kwargs: Any) -> list[CheckMessage]:
    from certificates.pdf import FONT_SETTINGS, font_problem

    return [
        Error(problem, id="certificates.E001")
        for setting in FONT_SETTINGS
        if (problem := font_problem(setting))
    ]
