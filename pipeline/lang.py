"""Language of an article: ru | en, or the code of another language (kk, ky, uz, tg, tk, uk...).

Russian and English are told by the share of their function words; Central Asian languages by
the letters their alphabets add to Cyrillic or Latin. No model is needed, and a Russian article
quoting a Kazakh name stays Russian because the letter test only runs when Russian words are rare.
"""

from __future__ import annotations

import re

from .lexicon import lexicon
from .lexicon.common import CYRILLIC_MARKERS, TURKMEN_LETTERS, UZBEK_LATIN_WORDS

SHORT = 12  # words: too few to judge by function words, so the script decides
_WORD = re.compile(r"[^\W\d_]+(?:['ʻʼ][^\W\d_]+)?")


def detect_language(text: str) -> str:
    """Give the language code of `text`: 'ru', 'en', another ISO 639-1 code, or 'und'."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return "und"
    letters = "".join(words)
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in letters if c.isascii())
    if cyrillic >= latin:
        ru_share = sum(w in lexicon("ru").FUNCTION_WORDS for w in words) / len(words)
        if ru_share >= 0.08:
            return "ru"
        for code, marks in CYRILLIC_MARKERS:
            if sum(1 for c in letters if c in marks) / max(cyrillic, 1) >= 0.005:
                return code
        return "ru" if ru_share >= 0.04 or len(words) < SHORT else "und"
    en_share = sum(w in lexicon("en").FUNCTION_WORDS for w in words) / len(words)
    if en_share >= 0.08:
        return "en"
    if sum(1 for c in letters if c in TURKMEN_LETTERS) / max(latin, 1) >= 0.005:
        return "tk"
    if sum(w in UZBEK_LATIN_WORDS for w in words) / len(words) >= 0.02:
        return "uz"
    return "en" if en_share >= 0.04 or len(words) < SHORT else "und"
