"""Pinyin tokens for Chinese names, so that "xinhua" finds 新华."""

import re
from functools import lru_cache

from pypinyin import lazy_pinyin

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=20_000)  # one vendor name serves all its products
def pinyin_tokens(text: str) -> str:
    """Syllables, adjacent pairs and triples, and each run joined: 新华医疗 → "xin hua yi liao xinhua …".

    Returns a whitespace-separated string for the ``pinyin`` analyzer; empty if the
    text has no Chinese characters.
    """
    tokens: list[str] = []
    for run in HAN.findall(text):
        syllables = [syllable.lower() for syllable in lazy_pinyin(run) if syllable.strip()]
        tokens.extend(syllables)
        for width in (2, 3):
            tokens.extend("".join(syllables[i : i + width]) for i in range(len(syllables) - width + 1))
        if len(syllables) > 3:
            tokens.append("".join(syllables))
    return " ".join(dict.fromkeys(tokens))
