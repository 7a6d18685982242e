"""Sentences written in capitals ("В АСТАНЕ ПОДПИСАН МЕМОРАНДУМ", "KAZAKHSTAN AND CHINA SIGN
ACCORD") and English headlines in title case ("Kazakhstan, China Sign Transit Accord"): taggers
and parsers trained on running text read their words as proper names. Such a sentence is told
apart here and written again in the case of running text (same length, so every offset holds),
its proper names capitalised as the dictionary or the gazetteer say; the backend annotates that
form too, and the documents stage reads it (`Sentence.folded`)."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_PROPER_TAGS = {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"}


def shouting(text: str) -> bool:
    """Tell a sentence in capitals: most of its letters upper-case, three words of four letters
    or more among them (a row of abbreviations, "ОДКБ, ШОС и СНГ", is none)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 12 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return False
    return sum(1 for w in _WORD.findall(text) if len(w) >= 4 and w.isupper()) >= 3


def title_case(text: str) -> bool:
    """Tell a headline in title case: every word of four letters or more capitalised, three of
    them at least ("Kazakhstan, China Sign Transit Accord")."""
    words = [w for w in _WORD.findall(text) if len(w) >= 4]
    return len(words) >= 3 and all(w[:1].isupper() for w in words) and not shouting(text)


def _proper_ru(word: str) -> bool:
    """Tell a Russian word pymorphy reads as a proper name (a place, a given name, a surname)."""
    from .morph import parses

    return any(_PROPER_TAGS & set(p.tag.grammemes) for p in parses(word)[:2])


def _abbreviation_ru(word: str) -> bool:
    from .morph import parses

    return any("Abbr" in p.tag.grammemes for p in parses(word)[:1])


@lru_cache(maxsize=4096)
def _proper_en(word: str) -> bool:
    """Tell an English word a gazetteer knows as a country, a city or a nationality word."""
    from ..gazetteer import demonym_country, lookup_place

    return lookup_place(word) is not None or demonym_country(word) is not None


def _word_case(word: str, lang: str, *, keep_upper: bool) -> str:
    if keep_upper and word.isupper():
        return word  # "MOU", "SCO" in a title-case headline
    lower = word.lower()
    if len(lower) != len(word):
        return word
    if lang == "ru" and len(word) <= 5 and _abbreviation_ru(lower):
        return word.upper()  # "ШОС", "ООН"
    proper = _proper_ru(lower) if lang == "ru" else _proper_en(lower)
    return lower[:1].upper() + lower[1:] if proper else lower


def running_case(text: str, lang: str) -> str:
    """Give `text` in the case of running text: proper names (by the dictionary or the gazetteer:
    NER reads capitals no better than the tagger) capitalised, the first letter too; abbreviations
    kept in a title-case headline. The length is the same."""
    keep_upper = not shouting(text)
    out = list(text)
    for m in _WORD.finditer(text):
        out[m.start() : m.end()] = _word_case(m.group(), lang, keep_upper=keep_upper)
    folded = "".join(out)
    first = next((i for i, c in enumerate(folded) if c.isalpha()), None)
    if first is not None:
        folded = folded[:first] + folded[first].upper() + folded[first + 1 :]
    return folded if len(folded) == len(text) else text
