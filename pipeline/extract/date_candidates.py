"""Date candidates: grammar matches, relative expressions, bare English years and spaCy DATE
spans, with their spans; the stage (`dates`) gives them values and roles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..article import Annotated
from .date_grammar import MONTHS_EN, anchor_indexes, date_parser, max_tokens
from .date_values import parse_free

# --- relative expressions: (pattern, unit, offset) ------------------------------------------

WEEKDAYS_RU = {
    "понедельник": 0,
    "вторник": 1,
    "среду": 2,
    "четверг": 3,
    "пятницу": 4,
    "субботу": 5,
    "воскресенье": 6,
}
WEEKDAYS_EN = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_STEP_RU = {
    "прошл": -1,
    "минувш": -1,
    "предыдущ": -1,
    "эт": 0,
    "текущ": 0,
    "нынешн": 0,
    "следующ": 1,
    "будущ": 1,
    "наступающ": 1,
}
_STEP_EN = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
_UNITS = {"недел": "week", "месяц": "month", "год": "year", "week": "week", "month": "month", "year": "year"}

_MONTHS_EN_PATTERN = "January|February|March|April|May|June|July|August|September|October|November|December"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "один": 1, "одну": 1, "два": 2, "две": 2, "три": 3,
    "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
}  # fmt: skip
_NUMBER = r"\d{1,2}|" + "|".join(_NUMBER_WORDS)

RELATIVE = {
    "ru": re.compile(
        r"(?<!\w)(?:(?P<days>позавчера|вчера|сегодня|завтра|послезавтра)"
        r"|(?:на|в|во)\s+(?P<step>прошл|минувш|предыдущ|эт|текущ|нынешн|следующ|будущ|наступающ)\w*\s+"
        r"(?P<unit>недел|месяц|год)\w*"
        r"|(?:в|во)\s+(?:(?:прошлый|прошлую|прошлое|минувший|минувшую|минувшее|этот|эту)\s+)?"
        r"(?P<weekday>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
        rf"|(?P<count>{_NUMBER})\s+(?P<ago_unit>год|лет|месяц|недел|дн|день)\w*\s+назад"
        r"|(?:в|до|к)\s+(?:конц[еау]|начал[еау]|середин[еуы])\s+(?P<this_year>года)"
        r"|(?P<now>сейчас|в настоящее время|в настоящий момент))(?!\w)",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"(?<!\w)(?:(?P<days>yesterday|today|tomorrow)"
        r"|(?P<step>last|previous|this|current|next|coming)\s+(?:fiscal\s+)?(?P<unit>week|month|year)"
        r"|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?:the\s+|this\s+)?(?P<this_year>year)"
        rf"|(?P<month_step>last|this|next)\s+(?P<month_name>{_MONTHS_EN_PATTERN})"
        r"|(?:(?:on|last|this|past)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
        rf"|(?P<count>{_NUMBER})\s+(?P<ago_unit>year|month|week|day)s?\s+ago"
        r"|(?P<now>now|currently|at present|at the moment|nowadays))(?!\w)",
        re.IGNORECASE,
    ),
}
_AGO_UNITS = {"год": "year", "лет": "year", "месяц": "month", "недел": "week", "дн": "day", "день": "day"}
# A date followed by "этого года", "of last year": its year is relative to the publication.
_YEAR_AFTER = re.compile(
    r"^\s+(?:(?P<ru>этого|текущего|нынешнего|прошлого|следующего)\s+года|of\s+(?P<en>this|last|next)\s+year)",
    re.IGNORECASE,
)
_YEAR_STEPS = {
    "этого": 0,
    "текущего": 0,
    "нынешнего": 0,
    "прошлого": -1,
    "следующего": 1,
    "this": 0,
    "last": -1,
    "next": 1,
}
_DAYS = {
    "позавчера": -2,
    "вчера": -1,
    "сегодня": 0,
    "завтра": 1,
    "послезавтра": 2,
    "yesterday": -1,
    "today": 0,
    "tomorrow": 1,
}
_LEADING_WORDS = re.compile(
    r"^(?:in|since|until|by|during|of|from|before|after|on|through|year|в|во)\s+", re.IGNORECASE
)


@dataclass(frozen=True)
class Candidate:
    start: int
    stop: int
    parts: dict | None = None  # grammar parts (day1, month1, year1, day, month, year)
    relative: tuple | None = (
        None  # (unit, offset), ("weekday", n), ("month_name", (month, step)) or ("now", 0)
    )
    value: str | None = None  # already an ISO value (dateparser)
    year_offset: int | None = None  # "21 апреля этого года": the publication year plus this


# --- values ------------------------------------------------------------------------------------


# --- candidates ----------------------------------------------------------------------------------


def _glued_to_name(text: str, start: int) -> bool:
    """Tell "РЭС-2026", "COVID-19", "A/RES/76": a number glued by - or / to a word or number."""
    return start >= 2 and text[start - 1] in "-/" and text[start - 2].isalnum()


# Every date expression holds a digit or a month name: the (slow) Earley parser only runs on
# windows around these, merged where they touch.
_TRIGGER = re.compile(
    r"\d|январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)",
    re.IGNORECASE,
)
_WINDOW = 24  # characters: the longest gap between a date's triggers, with its context words


def _windows(text: str) -> list[tuple[int, int]]:
    """Give the stretches of `text` around date triggers, cut at white space, merged."""
    out: list[tuple[int, int]] = []
    for m in _TRIGGER.finditer(text):
        lo = text.rfind(" ", 0, max(0, m.start() - _WINDOW)) + 1
        hi = text.find(" ", min(len(text), m.end() + _WINDOW))
        hi = len(text) if hi == -1 else hi
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _anchored_stretches(lang: str, text: str) -> list[tuple[int, int]]:
    """Give the parts of the trigger windows that can hold a match: the tokens within
    `max_tokens - 1` of an anchor (month name, year, "25.12.19"), merged. A window without an
    anchor (a count, a percentage, "самая") is not parsed at all."""
    tokenizer, reach = date_parser(lang).tokenizer, max_tokens(lang) - 1
    out: list[tuple[int, int]] = []
    for lo, hi in _windows(text):
        tokens = list(tokenizer(text[lo:hi]))
        stretch: list[int] | None = None
        for i in anchor_indexes(tokens, lang):
            first, last = max(0, i - reach), min(len(tokens) - 1, i + reach)
            if stretch and first <= stretch[1] + 1:
                stretch[1] = max(stretch[1], last)
                continue
            if stretch:
                out.append((lo + tokens[stretch[0]].span.start, lo + tokens[stretch[1]].span.stop))
            stretch = [first, last]
        if stretch:
            out.append((lo + tokens[stretch[0]].span.start, lo + tokens[stretch[1]].span.stop))
    return out


def _longest_matches(lang: str, text: str) -> list:
    """Give the grammar's matches, the longest first where they overlap (yargy's own findall
    prefers the most tokens covered, which splits "в феврале | 2024 года")."""

    def length(m) -> int:  # without a leading "in", "since", "в": context, not date
        lead = _LEADING_WORDS.match(text[m.span.start : m.span.stop])
        return m.span.stop - m.span.start - (lead.end() if lead else 0)

    parser, found = date_parser(lang), []
    for lo, hi in _anchored_stretches(lang, text):
        for m in parser.extract(text[lo:hi]):
            m.span = type(m.span)(m.span.start + lo, m.span.stop + lo)
            found.append(m)
    matches = sorted(found, key=lambda m: (-length(m), m.span.start))
    taken: list = []
    for m in matches:
        if all(m.span.stop <= t.span.start or t.span.stop <= m.span.start for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.span.start)


@lru_cache(maxsize=8)  # the publication date and the stage read the same article's candidates
def grammar_candidates(text: str, lang: str) -> tuple[Candidate, ...]:
    """Give the grammar's date candidates in `text`, a leading "in"/"в" cut off the span."""
    out = []
    for match in _longest_matches(lang, text):
        start, stop = match.span.start, match.span.stop
        if _glued_to_name(text, start) or (
            stop < len(text) and text[stop] in "-/" and text[stop + 1 : stop + 2].isalnum()
        ):
            continue
        lead = _LEADING_WORDS.match(text[start:stop])
        if lead:
            start += lead.end()
        fact = match.fact
        parts = {k: getattr(fact, k) for k in ("day1", "month1", "year1", "day", "month", "year")}
        if not parts["month"] and not parts["year1"] and _COUNTED.match(text[stop : stop + 20]):
            continue  # "by 2000 students": a number, not a year
        after = _YEAR_AFTER.match(text[stop:]) if not parts["year"] else None
        offset = _YEAR_STEPS[(after.group("ru") or after.group("en")).lower()] if after else None
        out.append(Candidate(start, stop + (after.end() if after else 0), parts=parts, year_offset=offset))
    return tuple(out)


_BARE_YEAR = re.compile(r"(?<![\w$€£#№./:-])(?:19|20)\d{2}(?![\w%/:-]|[.,]\d)")
_COUNTED = re.compile(
    r"^\s+(?:[a-z]{2,}[^s\W]s|per|percent|km|kg|mw|tons?|tonnes?|people|million|billion|thousand)\b"
)


def bare_year_candidates(text: str, taken: list[Candidate]) -> list[Candidate]:
    """English years standing alone ("the 1957 treaty", "(2019)"): not after a capitalised word,
    which makes a name ("Agenda 2030", "Expo 2017"), nor before a counted noun ("2000 students")."""
    out = []
    for m in _BARE_YEAR.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        previous = re.search(r"(\S+)\s*$", before)
        sentence_start = previous is None or previous.group(1)[-1] in ".!?\n"
        if previous and not sentence_start and previous.group(1)[0].isupper():
            continue
        if _COUNTED.match(text[m.end() : m.end() + 20]):
            continue
        candidate = Candidate(m.start(), m.end(), parts={"year": int(m.group())})
        if not overlaps(candidate, taken + out):
            out.append(candidate)
    return out


def relative_candidates(text: str, lang: str) -> list[Candidate]:
    out = []
    for m in RELATIVE["ru" if lang == "ru" else "en"].finditer(text):
        if m.group("days"):
            relative = ("day", _DAYS[m.group("days").lower()])
        elif m.group("unit"):
            steps = _STEP_RU if lang == "ru" else _STEP_EN
            step = next(v for k, v in steps.items() if m.group("step").lower().startswith(k))
            relative = (_UNITS[m.group("unit").lower()], step)
        elif m.group("count"):
            count = m.group("count").lower()
            word = m.group("ago_unit").lower()
            unit = next(v for k, v in _AGO_UNITS.items() if word.startswith(k)) if lang == "ru" else word
            relative = (unit, -(int(count) if count.isdigit() else _NUMBER_WORDS[count]))
        elif m.group("this_year"):  # "the end of the year", "до конца года"
            relative = ("year", 0)
        elif m.group("now"):
            relative = ("now", 0)
        elif lang == "en" and m.group("month_name"):
            if not m.group("month_name")[0].isupper():
                continue
            relative = (
                "month_name",
                (MONTHS_EN[m.group("month_name").lower()], _STEP_EN[m.group("month_step").lower()]),
            )
        else:
            if lang == "en" and not m.group("weekday")[0].isupper():
                continue
            relative = ("weekday", (WEEKDAYS_RU if lang == "ru" else WEEKDAYS_EN)[m.group("weekday").lower()])
        out.append(Candidate(m.start(), m.end(), relative=relative))
    return out


def overlaps(c: Candidate, taken: list[Candidate]) -> bool:
    return any(c.start < t.stop and t.start < c.stop for t in taken)


def spacy_candidates(annotated: Annotated, taken: list[Candidate]) -> list[Candidate]:
    """English DATE spans with an explicit year that the grammar missed ("mid-2020")."""
    out = []
    for span in annotated.spans:
        if span.type != "DATE" or not re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", span.text):
            continue
        if re.search(r"\b(?:years?|months?|weeks?|days?)\b", span.text, re.I):
            continue  # durations and ages ("the past 20 years", "two years")
        candidate = Candidate(span.start, span.stop, value=parse_free(span.text, "en"))
        if candidate.value and not overlaps(candidate, taken + out):
            out.append(candidate)
    return out


# --- context: sentences, paragraphs, publication lines, the lead ------------------------------------
