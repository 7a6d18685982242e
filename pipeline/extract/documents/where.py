"""Where a document was signed: a place written after a locative ("в Оше", "in the city of Osh"),
also past a phrase that calls it a capital ("in the Kyrgyz capital, Bishkek")."""

from __future__ import annotations

import re
from functools import cache

from ...lexicon import alternatives, lexicon
from ...rules import enabled, rule
from ..common import locative_before

_REACH = 12  # characters before a place that hold its locative ("в городе ", "in ")
_CAPITAL_REACH = 60  # … and a phrase calling it a capital ("in the Kyrgyz capital, ")


@cache
def _capital_apposition(lang: str) -> re.Pattern:
    lex = lexicon(lang)
    prepositions = alternatives(lex.LOCATIVE_PREPOSITIONS)
    return re.compile(rf"\b{prepositions}\s+{alternatives(lex.CAPITAL_APPOSITIONS)}\s*$", re.IGNORECASE)


@cache
def _capital_phrase(lang: str) -> re.Pattern:
    return re.compile(lexicon(lang).CAPITAL_PHRASE + r",?\s*", re.IGNORECASE)


@rule("doc.capital_apposition", stage="documents", off=False)
def capital_apposition(lang: str, before: str) -> bool:
    """A place after a locative and a phrase calling it a capital is where a thing happened: "in
    the Kyrgyz capital, Bishkek", "in Mongolia's capital, Ulaanbaatar", "в столице Казахстана
    Астане", "в казахстанской столице Астане"."""
    return bool(_capital_apposition(lang).search(before))


def locative_at(lang: str, text: str, start: int, stop: int | None = None, names=None) -> bool:
    """Tell whether the place at [`start`, `stop`) is written with a locative (not as the owner of
    the capital named after it: "in Kyrgyzstan's capital, Bishkek" is Bishkek's locative)."""
    if stop is not None and names is not None and capital_owner(lang, text, start, stop, names):
        return False
    return locative_before(lang, text[max(0, start - _REACH) : start]) or capital_apposition(
        lang, text[max(0, start - _CAPITAL_REACH) : start]
    )


def capital_owner(lang: str, text: str, start: int, stop: int, names) -> bool:
    """Tell a country written as the owner of the capital named after it ("Kyrgyzstan's capital,
    Bishkek"; `names`: the article's Names, which must hold a place right after the phrase)."""
    if not enabled("doc.capital_apposition"):
        return False
    last_word = max(start, text.rfind(" ", start, stop) + 1)
    phrase = _capital_phrase(lang).match(text, last_word)
    return phrase is not None and any(
        m.kind == "place" and m.start == phrase.end() for m in names.inside(phrase.end(), phrase.end() + 80)
    )


def capital_apposition_on() -> bool:
    """Tell whether `doc.capital_apposition` is on (a clause's places then list cities first)."""
    return enabled("doc.capital_apposition")
