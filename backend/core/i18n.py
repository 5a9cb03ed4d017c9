"""Server text in the reader's language.

Services raise ``ValidationError`` with an English message that is a gettext msgid (marked with
``gettext_noop`` so the catalogues can be checked) and its parameters. The message is translated
where it is rendered, for the language LocaleMiddleware activated from the request's
``Accept-Language`` — in the API's error handler, and when a stored import job is read — so a
worker (which has no reader) stores msgid and parameters, never translated text.
The catalogues are ``backend/locale/<lang>/LC_MESSAGES/django.po`` (compiled to ``.mo``).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext

# The name of a reference (``Named``) in the active language, or None to show its code:
# called as ``names(kind, code)``; kinds are "category" and "market".
NameLookup = Callable[[str, str], str | None]


def plural_noop(singular: str, plural: str) -> tuple[str, str]:
    """Marks a msgid with its plural (as ``gettext_noop`` marks one without): the catalogues have
    ``msgid``/``msgid_plural`` entries with one ``msgstr[n]`` per plural form of the language."""
    return singular, plural


def message_text(message: object, params: Mapping[str, object] | None = None) -> str:
    """``message`` (a msgid, or an already lazy-translated text) in the active language, with
    ``params`` filled in."""
    text = gettext(message) if isinstance(message, str) else str(message)
    if params:
        try:
            return text % dict(params)
        except (KeyError, TypeError, ValueError):
            # A translation that lost a placeholder must not turn a 400 into a 500.
            return str(message) % dict(params) if isinstance(message, str) else text
    return text


def _translated_one(error: ValidationError) -> ValidationError:
    return ValidationError(message_text(error.message, error.params), code=error.code)


def validation_error_translated(exc: ValidationError) -> ValidationError:
    """The same errors (same fields and codes) with each message translated and formatted."""
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {name: [_translated_one(error) for error in errors] for name, errors in exc.error_dict.items()}
        )
    return ValidationError([_translated_one(error) for error in exc.error_list])


def stored_error(error: ValidationError) -> dict[str, Any]:
    """A validation error as a worker stores it: the code, the English text, and the msgid with
    its parameters so that a reader gets it in their language (``stored_error_text``)."""
    params = {key: str(value) for key, value in (error.params or {}).items()}
    template = error.message if isinstance(error.message, str) else None
    item: dict[str, Any] = {
        "code": str(error.code or "invalid"),
        "message": str(error.message % error.params if error.params else error.message),
    }
    if template is not None:
        item["template"] = template
        item["params"] = params
    return item


def stored_error_text(item: Mapping[str, Any]) -> str:
    """The message of a stored error (``stored_error``) in the active language."""
    template = item.get("template")
    if isinstance(template, str):
        params = item.get("params")
        return message_text(template, params if isinstance(params, Mapping) else None)
    return str(item.get("message", ""))


# --- phrases: a msgid with parameters that may themselves be phrases or lists of them ---


@dataclass(frozen=True)
class Named:
    """A reference shown by its name in the reader's language (a category's name, a market's);
    stored and written in English as its ``code``."""

    kind: str
    code: str


@dataclass(frozen=True)
class Phrase:
    """A text a worker builds for a later reader: a msgid (marked with ``gettext_noop``) and its
    parameters. A parameter is a plain string (a number as formatted today, a code, a date), a
    nested ``Phrase``, a ``PhraseList`` or a ``Named`` reference. ``english`` is the text as stored
    for old readers; ``stored`` is what is kept so that ``stored_phrase_text`` renders it in the
    reader's language.

    With ``plural`` (marked with ``plural_noop``), the phrase is counted: ``count`` names the
    parameter holding the number ("1,250" as shown), and the language's plural form for it is used
    (``ngettext``), so French reads "1 jour" and "2 jours", Russian "21 день", "22 дня", "25 дней"."""

    template: str
    params: Mapping[str, "str | Phrase | PhraseList | Named"] = field(default_factory=dict)
    plural: str | None = None
    count: str | None = None

    def _number(self) -> int:
        raw = self.params.get(self.count or "", "")
        try:
            return int(str(raw).replace(",", ""))
        except ValueError:
            return 0

    def render(self, *, translate: bool, names: NameLookup | None = None) -> str:
        values = {
            key: _param_text(value, translate=translate, names=names) for key, value in self.params.items()
        }
        if self.plural is not None:
            n = self._number()
            if translate:
                text = ngettext(self.template, self.plural, n)
                try:
                    return text % values
                except (KeyError, TypeError, ValueError):
                    text = self.template if n == 1 else self.plural
            else:
                text = self.template if n == 1 else self.plural
            return text % values
        if translate:
            return message_text(self.template, values or None)
        return self.template % values if values else self.template

    @property
    def english(self) -> str:
        return self.render(translate=False)

    def stored(self) -> dict[str, Any]:
        stored: dict[str, Any] = {
            "template": self.template,
            "params": {key: _param_stored(value) for key, value in self.params.items()},
        }
        if self.plural is not None:
            stored["plural"] = self.plural
            stored["count"] = self.count
        return stored


@dataclass(frozen=True)
class PhraseList:
    """Items joined by ``separator``: "; " and ", " are msgids too (Chinese joins with "；" and "、")."""

    items: tuple["str | Phrase | Named", ...]
    separator: str = "; "


def _param_text(
    value: "str | Phrase | PhraseList | Named", *, translate: bool, names: NameLookup | None = None
) -> str:
    if isinstance(value, Phrase):
        return value.render(translate=translate, names=names)
    if isinstance(value, PhraseList):
        separator = gettext(value.separator) if translate and value.separator.strip() else value.separator
        return separator.join(_param_text(item, translate=translate, names=names) for item in value.items)
    if isinstance(value, Named):
        return (names(value.kind, value.code) if translate and names else None) or value.code
    return str(value)


def _param_stored(value: "str | Phrase | PhraseList | Named") -> Any:
    if isinstance(value, Phrase):
        return value.stored()
    if isinstance(value, PhraseList):
        return {"separator": value.separator, "items": [_param_stored(item) for item in value.items]}
    if isinstance(value, Named):
        return {"named": value.kind, "code": value.code}
    return str(value)


def _param_loaded(value: Any) -> "str | Phrase | PhraseList | Named":
    if isinstance(value, Mapping) and isinstance(value.get("template"), str):
        return phrase_loaded(value)
    if isinstance(value, Mapping) and isinstance(value.get("named"), str):
        return Named(str(value["named"]), str(value.get("code", "")))
    if isinstance(value, Mapping) and isinstance(value.get("items"), list):
        items = tuple(_param_loaded(item) for item in value["items"])
        return PhraseList(
            tuple(item for item in items if not isinstance(item, PhraseList)),
            str(value.get("separator", "; ")),
        )
    return str(value)


def phrase_loaded(stored: Mapping[str, Any]) -> Phrase:
    """The ``Phrase`` back from ``Phrase.stored()``."""
    params = stored.get("params")
    loaded = (
        {str(key): _param_loaded(value) for key, value in params.items()}
        if isinstance(params, Mapping)
        else {}
    )
    plural = stored.get("plural")
    count = stored.get("count")
    return Phrase(
        str(stored["template"]),
        loaded,
        plural=plural if isinstance(plural, str) else None,
        count=count if isinstance(count, str) else None,
    )


def stored_phrase_text(
    item: Mapping[str, Any],
    *,
    fallback_key: str = "detail",
    names: NameLookup | None = None,
    legacy: Callable[[Mapping[str, Any]], Phrase | None] | None = None,
) -> str:
    """The text of a stored item carrying a phrase (``template`` and ``params``, as ``Phrase.stored``
    writes them) in the active language, references by their ``names``. For an item stored before
    phrases existed (or with a phrasing since replaced), ``legacy`` may re-derive the phrase from
    what is stored; else it keeps its English ``fallback_key``."""
    phrase = legacy(item) if legacy is not None else None
    if phrase is None and isinstance(item.get("template"), str):
        phrase = phrase_loaded(item)
    if phrase is not None:
        return phrase.render(translate=True, names=names)
    return str(item.get(fallback_key, ""))
