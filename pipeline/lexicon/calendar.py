"""Month and weekday names from the libraries that know them: Babel (CLDR) for the names,
pymorphy for the Russian case forms news writes ("в среду", "мая")."""

from __future__ import annotations

from functools import cache

_LOCALES = {"ru": ("ru",), "en": ("en", "en_GB")}  # en_GB abbreviates September "Sept"


@cache
def month_names(lang: str, *, abbreviated: bool = True) -> dict[str, int]:
    """Give lower-case month names -> 1..12: Russian lemmas ("май"), English names and (unless
    told not to) their abbreviations ("may", "sep", "sept")."""
    from babel.dates import get_month_names

    out: dict[str, int] = {}
    for locale in _LOCALES[lang]:
        widths = ("wide", "abbreviated") if lang != "ru" and abbreviated else ("wide",)
        for width in widths:
            for number, name in get_month_names(width, context="stand-alone", locale=locale).items():
                out.setdefault(name.lower().rstrip("."), number)
    return out


@cache
def weekday_forms(lang: str) -> dict[str, int]:
    """Give the weekday forms of "on Monday" -> 0 (Monday) .. 6: Russian accusative ("в среду"),
    English names."""
    from babel.dates import get_day_names

    names = {name.lower(): number for number, name in get_day_names("wide", locale=_LOCALES[lang][0]).items()}
    if lang != "ru":
        return dict(sorted(names.items(), key=lambda item: item[1]))
    from ..nlp.morph import parses

    forms = {}
    for name, number in sorted(names.items(), key=lambda item: item[1]):
        accusative = parses(name)[0].inflect({"accs"})
        forms[accusative.word if accusative else name] = number
    return forms


@cache
def month_trigger(lang: str) -> str:
    """Give a pattern finding where a month name may stand: every case form of the Russian months
    (pymorphy's lexemes), the English names and abbreviations at a word's start."""
    if lang == "ru":
        from ..nlp.morph import parses
        from . import longest_of

        return longest_of({f.word for name in month_names(lang) for f in parses(name)[0].lexeme})
    return r"\b(?:" + "|".join(sorted(month_names(lang), key=len, reverse=True)) + ")"
