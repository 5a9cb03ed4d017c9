"""Entity resolution: is this row an organisation we already know?

Pure functions over ``Profile`` values, so that they can be tested without a database.
Names are compared after normalisation across scripts: NFKC and case folding, legal
suffixes removed (有限公司, Co., Ltd., GmbH, S.A., ООО …), Chinese written in pinyin
(pypinyin) and every other script transliterated to ASCII (anyascii), punctuation dropped.
A second, "core" key also drops the words every company in the trade uses (medical,
equipment, 医疗, 器械 …) and the city, so that "Xinda" and "Xinhua" stay apart even when
both are "Shenzhen … Medical Equipment". String similarity is rapidfuzz's.

Every comparison returns a score in [0, 1] and the reasons for it, each a code with
parameters (``{"code": "name_similar", "params": {"score": 0.93, "suffix_removed": true}}``)
so that a client can word them in the reader's language.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import phonenumbers
from anyascii import anyascii
from pypinyin import lazy_pinyin
from rapidfuzz import fuzz

from core.validators import USCC_PATTERN

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Longest first: each is removed from the end of a Chinese name, repeatedly.
HAN_LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "责任公司", "公司", "集团")
# "深圳市…", "广东省…": the administrative word after a place at the start of a name.
HAN_PLACE_WORD = re.compile(r"^([\u4e00-\u9fff]{2,3})[省市区县]")
# Legal forms as word sequences after transliteration, removed from either end.
LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(form.split())
    for form in sorted(
        (
            "co ltd",
            "co limited",
            "company limited",
            "company ltd",
            "ltd",
            "limited",
            "inc",
            "incorporated",
            "corp",
            "corporation",
            "llc",
            "l l c",
            "llp",
            "plc",
            "pte",
            "pty",
            "co",
            "company",
            "gmbh",
            "ag",
            "kg",
            "ug",
            "mbh",
            "sa",
            "s a",
            "sas",
            "s a s",
            "sarl",
            "s a r l",
            "sl",
            "s l",
            "srl",
            "s r l",
            "spa",
            "s p a",
            "sa de cv",
            "s a de c v",
            "ltda",
            "bv",
            "nv",
            "oy",
            "ab",
            "as",
            "ooo",
            "oao",
            "zao",
            "pao",
            "ao",
            "tov",
            "ip",
            "youxian gongsi",
            "youxian zeren gongsi",
            "gufen youxian gongsi",
            "gongsi",
            "shrk",
            "shrkh",
            "sharikat",
            "dh m m",
            "dhmm",
            "w l l",
            "wll",
            "fzco",
            "fze",
            "fz llc",
            "est",
            "g m b h",
            "e k",
            "ltd co",
        ),
        key=lambda form: -len(form.split()),
    )
)
# Words so common in this trade that they say nothing about which company it is.
GENERIC_WORDS = frozenset(
    (  # noqa: SIM905  a word list reads better as text
        "medical medicine med medtech technology technologies tech equipment equipments instrument "
        "instruments device devices supplies supply supplier products product industrial industries "
        "industry trading trade import export imp exp international intl group holding holdings health "
        "healthcare care bio biotech biotechnology biological biomedical pharmaceutical pharma science "
        "sciences scientific manufacturing manufacturer factory the and of de la le les du des et y e del "
        "los las protective protection textile textiles safety hygiene sanitary medicale medicales "
        "medicaux medical fournitures equipements materiel sante laboratoire laboratoires medica medicas "
        "medico medicos suministros equipos hospitalarios hospitalaria salud farmaceutica meditsinskaya "
        "meditsinskie meditsinskoe tekhnika medtekhnika yiliao qixie keji shengwu jituan maoyi shiye "
        "zhipin yongpin fanghu jinchukou guoji youxian gongsi zeren gufen fangzhi kejiyouxian shebei yiqi "
        "yiyao weisheng chang zhongguo ltbyh tbyh lltjhyzt ltjhyzt tjhyzt llmstlzmt lmstlzmt mstlzmt ltjr "
        "lltjr al el"
    ).split()
)
# The generic words of Chinese company names in pinyin, longest first.
PINYIN_GENERIC_WORDS = tuple(
    sorted(
        (
            "yiliao",
            "qixie",
            "keji",
            "shengwu",
            "jituan",
            "maoyi",
            "shiye",
            "zhipin",
            "yongpin",
            "fanghu",
            "jinchukou",
            "guoji",
            "shebei",
            "yiqi",
            "yiyao",
            "weisheng",
            "fangzhi",
            "kouzhao",
            "xiaodu",
        ),
        key=len,
        reverse=True,
    )
)
FREE_MAIL_DOMAINS = frozenset(
    (  # noqa: SIM905  a word list reads better as text
        "gmail.com googlemail.com qq.com foxmail.com 163.com 126.com yeah.net 139.com 188.com sina.com "
        "sina.cn sohu.com aliyun.com 263.net hotmail.com outlook.com live.com msn.com yahoo.com yahoo.fr "
        "yahoo.es yahoo.co.uk icloud.com me.com mac.com aol.com gmx.de gmx.net web.de yandex.ru "
        "yandex.com ya.ru mail.ru bk.ru inbox.ru list.ru rambler.ru orange.fr free.fr wanadoo.fr "
        "laposte.net sfr.fr protonmail.com proton.me zoho.com mail.com tutanota.com hotmail.fr hotmail.es "
        "outlook.fr outlook.es live.fr terra.com.br uol.com.br"
    ).split()
)
PHONE_TAIL_DIGITS = 9
CITY_SAME_RATIO = 85
CITY_DIFFERENT_RATIO = 60


@dataclass(frozen=True)
class NameKey:
    full: str
    """Words of the name after normalisation, space-separated."""
    compact: str
    """``full`` without spaces: "Xin Da" and "Xinda" compare equal."""
    core: str
    """``compact`` without generic words and the city; ``compact`` when nothing would be left."""
    suffix_removed: bool
    transliterated: bool


@dataclass(frozen=True)
class Profile:
    """What resolution compares: a row of a list, or an organisation with its contacts."""

    names: tuple[str, ...]
    country: str = ""
    city: str = ""
    registration_id: str = ""
    websites: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    keys: tuple[NameKey, ...] = field(default=(), compare=False)
    domains: frozenset[str] = field(default=frozenset(), compare=False)
    addresses: frozenset[str] = field(default=frozenset(), compare=False)
    phone_keys: frozenset[str] = field(default=frozenset(), compare=False)
    city_key: str = field(default="", compare=False)
    registration_key: str = field(default="", compare=False)


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


@dataclass(frozen=True)
class Comparison:
    score: float
    reasons: tuple[Reason, ...]


def _strip_han(text: str) -> tuple[str, bool]:
    removed = False
    changed = True
    while changed:
        changed = False
        for suffix in HAN_LEGAL_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text, removed, changed = text[: -len(suffix)], True, True
    return HAN_PLACE_WORD.sub(r"\1", text), removed


def _strip_forms(words: list[str]) -> tuple[list[str], bool]:
    removed = False
    changed = True
    while changed and len(words) > 1:
        changed = False
        for form in LEGAL_FORMS:
            size = len(form)
            if len(words) > size and tuple(words[-size:]) == form:
                words, removed, changed = words[:-size], True, True
                break
            if len(words) > size and tuple(words[:size]) == form:
                words, removed, changed = words[size:], True, True
                break
    return words, removed


def _ascii_words(text: str) -> list[str]:
    ascii_text = anyascii(text).casefold()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).split()


@lru_cache(maxsize=65536)
def name_key(name: str, city: str = "") -> NameKey:
    """The comparison keys of one name (``city``, already a ``city_key``, is left out of ``core``)."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = re.sub(r"[（）()【】\[\]「」《》“”\"'’«»]", " ", text)
    transliterated = any(ord(char) > 127 and char.isalpha() for char in text)
    suffix_removed = False
    han = HAN.search(text) is not None
    if han:
        text, suffix_removed = _strip_han(text)
        text = " ".join(lazy_pinyin(text))
    words, forms_removed = _strip_forms(_ascii_words(text))
    suffix_removed = suffix_removed or forms_removed
    full = " ".join(words)
    compact = full.replace(" ", "")
    city_compact = city.replace(" ", "")
    core = "".join(word for word in words if word not in GENERIC_WORDS)
    if han:
        # pypinyin gives one syllable per character: 医疗 is "yi liao", not the word "yiliao".
        for generic in PINYIN_GENERIC_WORDS:
            core = core.replace(generic, "")
    if city_compact and core.startswith(city_compact) and len(core) > len(city_compact):
        core = core[len(city_compact) :]
    elif city_compact and core.endswith(city_compact) and len(core) > len(city_compact):
        core = core[: -len(city_compact)]
    return NameKey(
        full=full,
        compact=compact,
        core=core or compact,
        suffix_removed=suffix_removed,
        transliterated=transliterated,
    )


def city_key(city: str) -> str:
    """'Shenzhen', '深圳', '深圳市', 'SHENZHEN CITY' → 'shenzhen'."""
    text = unicodedata.normalize("NFKC", city).casefold().strip()
    if HAN.search(text):
        text = re.sub(r"[省市区县]$", "", text)
        text = " ".join(lazy_pinyin(text))
    words = [word for word in _ascii_words(text) if word not in ("city", "shi", "ville", "ciudad", "gorod")]
    return " ".join(words)


def _city_script(city: str) -> str:
    """'latin' for cities in Latin letters or Chinese characters (pinyin meets Latin), else 'other'."""
    text = unicodedata.normalize("NFKC", city)
    letters = [char for char in text if char.isalpha()]
    return "latin" if all(ord(char) < 0x250 or HAN.match(char) for char in letters) else "other"


def registration_key(value: str) -> str:
    return re.sub(r"[\s\-./]", "", unicodedata.normalize("NFKC", value)).upper()


def registration_scheme(key: str) -> str:
    return "uscc" if USCC_PATTERN.match(key) else "other"


def domain_of_website(url: str) -> str:
    text = unicodedata.normalize("NFKC", url).strip().casefold()
    if not text:
        return ""
    if "//" not in text:
        text = f"http://{text}"
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def domain_of_email(email: str) -> str:
    return email.rpartition("@")[2].strip().casefold() if "@" in email else ""


def phone_key(phone: str, country: str) -> str:
    """The last digits of the number in international form: '+86 755 8888 1234', '0755-88881234' agree."""
    text = unicodedata.normalize("NFKC", phone)
    try:
        parsed = phonenumbers.parse(text, country.upper() or None)
        digits = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164).lstrip("+")
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", text).lstrip("0")
    return digits[-PHONE_TAIL_DIGITS:] if len(digits) >= 7 else ""


def profile_build(
    *,
    names: list[str],
    country: str = "",
    city: str = "",
    registration_id: str = "",
    websites: list[str] = (),  # type: ignore[assignment]
    emails: list[str] = (),  # type: ignore[assignment]
    phones: list[str] = (),  # type: ignore[assignment]
) -> Profile:
    """A profile with its comparison keys computed once."""
    city_normal = city_key(city) if city else ""
    unique_names = tuple(dict.fromkeys(name for name in names if name and name.strip()))
    email_list = tuple(email.strip().casefold() for email in emails if email and "@" in email)
    domains = {domain_of_website(url) for url in websites if url} | {domain_of_email(e) for e in email_list}
    return Profile(
        names=unique_names,
        country=country.upper(),
        city=city,
        registration_id=registration_id,
        websites=tuple(websites),
        emails=email_list,
        phones=tuple(phones),
        keys=tuple(name_key(name, city_normal) for name in unique_names),
        domains=frozenset(domain for domain in domains if domain and domain not in FREE_MAIL_DOMAINS),
        phone_keys=frozenset(key for phone in phones if phone and (key := phone_key(phone, country))),
        city_key=city_normal,
        registration_key=registration_key(registration_id) if registration_id else "",
    )


def _name_similarity(first: Profile, second: Profile) -> tuple[float, NameKey | None, NameKey | None]:
    best = 0.0
    best_pair: tuple[NameKey | None, NameKey | None] = (None, None)
    for left in first.keys:
        for right in second.keys:
            whole = max(fuzz.ratio(left.compact, right.compact), fuzz.token_sort_ratio(left.full, right.full))
            core = fuzz.ratio(left.core, right.core)
            similarity = (0.5 * whole + 0.5 * core) / 100
            if similarity > best:
                best, best_pair = similarity, (left, right)
    return best, best_pair[0], best_pair[1]


def profiles_compare(row: Profile, organization: Profile) -> Comparison:
    """Score how likely ``row`` names ``organization``, with the reasons."""
    reasons: list[Reason] = []
    similarity, left, right = _name_similarity(row, organization)
    score = similarity
    if left is not None and right is not None:
        reasons.append(
            Reason(
                "name_similar",
                {
                    "score": round(similarity, 2),
                    "suffix_removed": left.suffix_removed or right.suffix_removed,
                    "transliterated": left.transliterated or right.transliterated,
                },
            )
        )
    if row.registration_key and organization.registration_key:
        scheme = registration_scheme(row.registration_key)
        if row.registration_key == organization.registration_key:
            return Comparison(1.0, (Reason("same_registration_id", {"scheme": scheme}), *reasons))
        score -= 0.4
        reasons.append(Reason("different_registration_id", {"scheme": scheme}))
    shared_domains = sorted(row.domains & organization.domains)
    if shared_domains:
        score = max(score, 0.88) + 0.05
        reasons.append(Reason("same_domain", {"domain": shared_domains[0]}))
    elif row.domains and organization.domains:
        score -= 0.1
        reasons.append(Reason("different_domain", {}))
    if set(row.emails) & set(organization.emails) and not shared_domains:
        score += 0.2
        reasons.append(Reason("same_email", {}))
    if row.phone_keys & organization.phone_keys:
        score += 0.15
        reasons.append(Reason("same_phone", {}))
    elif row.phone_keys and organization.phone_keys:
        score -= 0.05
        reasons.append(Reason("different_phone", {}))
    if row.city_key and organization.city_key:
        city_similarity = fuzz.ratio(row.city_key, organization.city_key)
        if city_similarity >= CITY_SAME_RATIO:
            score += 0.05
            reasons.append(Reason("same_city", {"city": row.city_key}))
        elif city_similarity < CITY_DIFFERENT_RATIO and _city_script(row.city) == _city_script(
            organization.city
        ):
            # Москва and Moscow transliterate apart; only cities written alike count as different.
            score -= 0.1
            reasons.append(Reason("different_city", {}))
    if row.country and organization.country and row.country != organization.country:
        score -= 0.5
        reasons.append(Reason("different_country", {}))
    return Comparison(round(min(max(score, 0.0), 1.0), 4), tuple(reasons))
