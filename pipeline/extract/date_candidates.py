"""Date candidates: grammar matches, relative expressions, bare English years and spaCy DATE
spans, with their spans; the stage (`dates`) gives them values and roles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..article import Annotated
from ..lexicon import LANGS, lexicon, pattern
from ..rules import cached, rule
from .date_grammar import anchor_indexes, date_parser, max_tokens
from .date_values import parse_free
from .overlaps import filter_spans, overlaps


def _relative(lang: str) -> re.Pattern:
    return pattern(lang, "RELATIVE_PATTERN")


def _year_after(lang: str) -> re.Pattern:
    return pattern(lang, "YEAR_AFTER")


def _leading_words(lang: str) -> re.Pattern:
    return pattern(lang, "LEADING_WORDS", r"^{}\s+")


@dataclass(frozen=True)
class Candidate:
    start: int
    stop: int
    parts: dict | None = None  # grammar parts (day1, month1, year1, day, month, year, part)
    relative: tuple | None = (
        None  # (unit, offset), ("weekday", n), ("month_name", (month, step)) or ("now", 0)
    )
    value: str | None = None  # already an ISO value (dateparser)
    year_offset: int | None = None  # "21 апреля этого года": the publication year plus this
    precision: str | None = None  # "decade", "century": what the value's form cannot tell


# --- values ------------------------------------------------------------------------------------


# --- candidates ----------------------------------------------------------------------------------


def _glued_to_name(text: str, start: int) -> bool:
    """Tell "РЭС-2026", "COVID-19", "A/RES/76": a number glued by - or / to a word or number."""
    return start >= 2 and text[start - 1] in "-/" and text[start - 2].isalnum()


# Every date expression holds a digit or a month name: the (slow) Earley parser only runs on
# windows around these, merged where they touch.
@cache
def _trigger() -> re.Pattern:
    """Give the pattern of what every date expression holds: a digit or a month name (of either
    language: a Russian article may quote an English date)."""
    months = "|".join(lexicon(lang).MONTH_TRIGGERS for lang in LANGS)
    return re.compile(rf"\d+|{months}", re.IGNORECASE)  # a run of digits is one trigger


_WINDOW = 24  # characters: the longest gap between a date's triggers, with its context words


def _windows(text: str) -> list[tuple[int, int]]:
    """Give the stretches of `text` around date triggers, cut at white space, merged."""
    out: list[tuple[int, int]] = []
    for m in _trigger().finditer(text):
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


@dataclass(frozen=True)
class _Span:
    start: int
    stop: int


@dataclass(frozen=True)
class _Match:
    span: _Span
    fact: object  # the grammar's fact: read, never changed


@cached
@lru_cache(maxsize=20_000)
def _stretch_matches(lang: str, stretch: str) -> tuple:
    """Give the grammar's matches in one stretch as (start, stop, fact): the Earley parse is the
    costliest step of the date stage, and the same stretches ("12 мая 2025 года в") recur across
    a corpus."""
    return tuple((m.span.start, m.span.stop, m.fact) for m in date_parser(lang).extract(stretch))


def _longest_matches(lang: str, text: str) -> list:
    """Give the grammar's matches, the longest first where they overlap (yargy's own findall
    prefers the most tokens covered, which splits "в феврале | 2024 года")."""

    def length(m) -> int:  # without a leading "in", "since", "в": context, not date
        lead = _leading_words(lang).match(text[m.span.start : m.span.stop])
        return m.span.stop - m.span.start - (lead.end() if lead else 0)

    found = [
        _Match(_Span(start + lo, stop + lo), fact)
        for lo, hi in _anchored_stretches(lang, text)
        for start, stop, fact in _stretch_matches(lang, text[lo:hi])
    ]
    return filter_spans(
        found, key=lambda m: (-length(m), m.span.start), bounds=lambda m: (m.span.start, m.span.stop)
    )


@cached  # cleared when rules are switched off: the two below are read here
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
        lead = _leading_words(lang).match(text[start:stop])
        if lead:
            start += lead.end()
        fact = match.fact
        parts = {k: getattr(fact, k) for k in ("day1", "month1", "year1", "day", "month", "year", "part")}
        if not parts["month"] and not parts["year1"] and counted_number(text, stop, lang):
            continue
        after = year_after(text, stop, lang) if not parts["year"] else None
        offset = lexicon(lang).YEAR_STEPS[after.group(lang).lower()] if after else None
        out.append(Candidate(start, stop + (after.end() if after else 0), parts=parts, year_offset=offset))
    return tuple(out)


_BARE_YEAR = re.compile(r"(?<![\w$€£#№./:-])(?:19|20)\d{2}(?![\w%/:-]|[.,]\d)")


@rule("date.counted_number", stage="dates", off=False)
def counted_number(text: str, stop: int, lang: str) -> bool:
    """A year-like number before a counted noun is a count: "by 2000 students", "2020 tons"."""
    return bool(_counted(lang).match(text[stop : stop + 20]))


@rule("date.year_after", stage="dates", off=None)
def year_after(text: str, stop: int, lang: str) -> re.Match | None:
    """A date followed by "этого года" or "of last year" takes its year from the publication's."""
    return _year_after(lang).match(text[stop:])


def _counted(lang: str) -> re.Pattern:
    """Give the pattern of a counted noun after a number ("2000 people", "1990 tons", "students")."""
    return pattern(lang, "COUNTED_NOUNS", r"^\s+(?:[a-z]{{2,}}[^s\W]s|{})\b", 0)


@rule("date.bare_year", stage="dates", langs=("en",), off=())
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
        if _counted("en").match(text[m.end() : m.end() + 20]):
            continue
        candidate = Candidate(m.start(), m.end(), parts={"year": int(m.group())})
        if not overlaps(candidate, taken + out):
            out.append(candidate)
    return out


@rule("date.relative", stage="dates", off=())
def relative_candidates(text: str, lang: str) -> list[Candidate]:
    """Relative expressions are dates of the publication's calendar: "вчера", "на прошлой
    неделе", "в понедельник", "two years ago", "last June"."""
    lex = lexicon(lang)
    out = []
    for m in _relative(lang).finditer(text):
        if m.group("days"):
            relative = ("day", lex.RELATIVE_DAYS[m.group("days").lower()])
        elif m.group("unit"):
            step = next(v for k, v in lex.RELATIVE_STEPS.items() if m.group("step").lower().startswith(k))
            unit = next(v for k, v in lex.TIME_UNITS.items() if m.group("unit").lower().startswith(k))
            relative = (unit, step)
        elif m.group("count"):
            count = m.group("count").lower()
            word = m.group("ago_unit").lower()
            unit = next(v for k, v in lex.AGO_UNITS.items() if word.startswith(k))
            # "a year ago": the indefinite article counts one
            number = (
                int(count)
                if count.isdigit()
                else 1
                if count in lex.INDEFINITE_ARTICLES
                else lex.CARDINALS[count]
            )
            relative = (unit, -number)
        elif m.group("this_year"):  # "the end of the year", "до конца года"
            relative = ("year", 0)
        elif m.group("now"):
            relative = ("now", 0)
        elif lang == "en" and m.group("month_name"):
            if not m.group("month_name")[0].isupper():
                continue
            relative = (
                "month_name",
                (
                    lex.MONTHS[m.group("month_name").lower()],
                    lex.RELATIVE_STEPS[m.group("month_step").lower()],
                ),
            )
        else:
            if lang == "en" and not m.group("weekday")[0].isupper():
                continue
            relative = ("weekday", lex.WEEKDAYS[m.group("weekday").lower()])
        out.append(Candidate(m.start(), m.end(), relative=relative))
    return out


_ROMAN = {"I": 1, "V": 5, "X": 10}


def roman_number(numeral: str) -> int:
    """Give the value of a Roman numeral of I, V and X ("XXI" -> 21)."""
    values = [_ROMAN[c] for c in numeral.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


@rule("date.periods", stage="dates", off=())
def period_candidates(text: str, lang: str) -> list[Candidate]:
    """Decades, centuries and seasons as intervals: "the 1990s", "в 90-е годы" (1990/1999, precision
    `decade`; a two-digit decade below 30 is this century's), "XXI век", "the 21st century"
    (2001/2100, precision `century`), "summer 2023", "зимой 2022 года" (2023-06/2023-08; winter
    runs from December into the next year)."""
    lex, out = lexicon(lang), []
    for m in pattern(lang, "DECADE").finditer(text):
        digits = m.group("decade").lstrip("'")
        first = int(digits) if len(digits) == 4 else (2000 if int(digits) < 30 else 1900) + int(digits)
        out.append(Candidate(m.start(), m.end(), value=f"{first:04d}/{first + 9:04d}", precision="decade"))
    for m in pattern(lang, "CENTURY", flags=0).finditer(text):
        number = roman_number(m.group("roman")) if m.groupdict().get("roman") else int(m.group("number"))
        if 1 <= number <= 21:
            first = (number - 1) * 100 + 1
            out.append(
                Candidate(m.start(), m.end(), value=f"{first:04d}/{first + 99:04d}", precision="century")
            )
    for m in pattern(lang, "SEASON").finditer(text):
        month = next(v for k, v in lex.SEASONS.items() if m.group("season").lower().startswith(k))
        year = int(m.group("year"))
        last_year, last_month = (year + 1, 2) if month == 12 else (year, month + 2)
        out.append(
            Candidate(m.start(), m.end(), value=f"{year:04d}-{month:02d}/{last_year:04d}-{last_month:02d}")
        )
    return out


@rule("date.spacy_dates", stage="dates", langs=("en",), off=())
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
