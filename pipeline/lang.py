"""Language of an article: ru | en, or the code of another language (kk, ky, uz, tg, tk, uk...).

Russian and English are told by the share of their function words; Central Asian languages by
the letters their alphabets add to Cyrillic or Latin. No model is needed, and a Russian article
quoting a Kazakh name stays Russian because the letter test only runs when Russian words are rare.
"""

from __future__ import annotations

import re

_RU_WORDS = frozenset(
    "и в во не на с со что по для из к ко от о об за а как это также его ее её их при до после"
    " был была были было будет может между только уже этого этом этой который которые которая"
    " так же или но все всех года году том чтобы под над без через".split()
)
_EN_WORDS = frozenset(
    "the of and to in a an is are was were for on with that by as at from this be has have had"
    " it its will which or not their been also after between about into".split()
)
# Letters beyond the Russian alphabet, by language (Cyrillic scripts) ...
# tested in this order, each set holding the letters no language later in the list uses.
_CYRILLIC_MARKERS = (
    ("tg", set("ӣӯҷӢӮҶ")),
    ("uz", set("ўЎ")),
    ("kk", set("әұһӘҰҺ")),
    ("ky", set("ңөүҢӨҮ")),
    ("uk", set("їєґЇЄҐ")),
)
# ... and words typical of Latin-script Uzbek and Turkmen, and Turkmen letters.
_UZ_LATIN = frozenset(
    "va bilan uchun bo'yicha boʻyicha ham yil davlat respublikasi o'zbekiston oʻzbekiston".split()
)
_TK_LETTERS = set("ňýžäňÝŇŽÄ")
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
        ru_share = sum(w in _RU_WORDS for w in words) / len(words)
        if ru_share >= 0.08:
            return "ru"
        for code, marks in _CYRILLIC_MARKERS:
            if sum(1 for c in letters if c in marks) / max(cyrillic, 1) >= 0.005:
                return code
        return "ru" if ru_share >= 0.04 or len(words) < SHORT else "und"
    en_share = sum(w in _EN_WORDS for w in words) / len(words)
    if en_share >= 0.08:
        return "en"
    if sum(1 for c in letters if c in _TK_LETTERS) / max(latin, 1) >= 0.005:
        return "tk"
    if sum(w in _UZ_LATIN for w in words) / len(words) >= 0.02:
        return "uz"
    return "en" if en_share >= 0.04 or len(words) < SHORT else "und"
