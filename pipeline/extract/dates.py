"""Dates stage: every date, range and relative date -> an ISO 8601 value with precision and role.

1. Candidates: the yargy grammars of `date_grammar` (dates, ranges, months, years), relative
   expressions (вчера, на прошлой неделе, в понедельник, last year...) and, in English, spaCy
   DATE spans with an explicit year that the grammar missed, read by dateparser.
2. Values: a missing year comes from a date with a year earlier in the sentence, else from the
   publication date (the year that puts the date nearest to it), else from a date with a year
   earlier in the same paragraph; otherwise the candidate is dropped, never guessed. Relative
   expressions are resolved against the publication date only.
3. Roles: `published` for the publication line or dateline; `event` for the first day-precise date
   of the headline and lead that is not a document's own date (what the article reports: months
   and years there are background, "since January 2017"); `other` for the rest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

from ..article import Annotated, Mention
from ..lexicon import alternatives, lexicon, pattern
from ..rules import rule
from .date_candidates import (
    Candidate,
    bare_year_candidates,
    grammar_candidates,
    relative_candidates,
    spacy_candidates,
)
from .date_values import (
    bounds,
    future_pattern,
    grammar_value,
    nearest_year,
    parse_free,
    precision,
    relative_value,
)
from .overlaps import filter_spans

__all__ = ["bounds", "extract_dates", "publication_date", "relative_value"]

_DATELINE_HEAD = re.compile(r"^\s*[A-ZА-ЯЁ][\w\-. ]{1,30},\s*$")  # "Бишкек, " / "ALMATY, "
_DATELINE_TAIL = re.compile(r"^\.?\s*(?:/|\(|[-–—]|$)")  # ". /Кабар/." / " -" / "(Reuters)"
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[A-ZА-ЯЁ«\"“])|\n")


def speaks_of_future(text: str, offset: int, lang: str) -> bool:
    """Tell whether the sentence around `offset` speaks of the future (будет, пройдёт, will...)."""
    start, stop = _sentence_bounds(text, offset)
    return bool(future_pattern(lang).search(text, start, stop))


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    stop = text.find("\n", offset)
    return start, stop if stop != -1 else len(text)


def _sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    line_start, line_stop = _line_bounds(text, offset)
    start = line_start
    for m in _SENTENCE_END.finditer(text, line_start, line_stop):
        if m.end() <= offset:
            start = m.end()
        else:
            return start, m.start() + 1
    return start, line_stop


@rule("date.publication_line", stage="dates", off=False)
def is_publication_line(text: str, offset: int, lang: str) -> bool:
    """Tell whether `offset` lies on a 'Дата публикации: …' / 'Published: …' line."""
    start, stop = _line_bounds(text, offset)
    line = pattern(lang, "PUBLICATION_LABELS", r"^{}\s*:?\s*(.+)$", re.IGNORECASE | re.MULTILINE)
    return bool(line.match(text[start:stop]))


@rule("date.dateline", stage="dates", off=False)
def is_dateline(text: str, start: int, stop: int) -> bool:
    """Tell a dateline date: "Бишкек, 24.12.19. /Кабар/.", "ALMATY, 3 March 2025 -", near the top."""
    line_start, line_stop = _line_bounds(text, start)
    if text.count("\n\n", 0, line_start) > 3:
        return False
    return bool(_DATELINE_HEAD.match(text[line_start:start])) and bool(
        _DATELINE_TAIL.match(text[stop:line_stop])
    )


@cache
def _not_event_before(lang: str) -> re.Pattern:
    lex = lexicon(lang)
    prepositions, participles = (
        alternatives(lex.NOT_EVENT_PREPOSITIONS),
        alternatives(lex.NOT_EVENT_PARTICIPLES),
    )
    return re.compile(rf"(?:(?<!\w){prepositions}|{participles}\w*)\s+(?:№\s*\S+\s+)?$", re.IGNORECASE)


@rule("date.not_event_context", stage="dates", off=False)
def is_not_event_date(text: str, start: int, lang: str) -> bool:
    """Tell a date that is not the news event's: inside a quoted title («О ратификации Соглашения…,
    подписанного 31 января 2023 года»); a document's date after "от", "of", "dated" or a participle
    ("Соглашение от 7 декабря 2022 года", "resolution … of December 16, 2021"); a deadline or a
    starting point ("до 15 июня", "by 2025", "since March 2019")."""
    sentence_start, _ = _sentence_bounds(text, start)
    before = text[sentence_start:start]
    if before.count("«") > before.count("»"):
        return True
    return bool(_not_event_before(lang).search(before[-60:]))


def _lead_end(text: str, lang: str) -> int:
    """Give the end of the headline and lead: the title and the first two body paragraphs."""
    seen = 0
    for m in re.finditer(r"[^\n]+", text):
        if is_publication_line(text, m.start(), lang) or len(m.group().split()) < 4:
            continue
        seen += 1
        if seen == 3:
            return m.end()
    return len(text)


# --- the stage ------------------------------------------------------------------------------------


def publication_date(annotated: Annotated) -> str | None:
    """Give the publication date: the source's metadata, a 'Дата публикации:' line, or a dateline."""
    if annotated.article.published:
        parsed = parse_free(annotated.article.published, annotated.lang)
        if parsed and precision(parsed) == "day":
            return parsed
    text = annotated.text
    for c in grammar_candidates(text, annotated.lang):
        if c.start > 3000:
            break
        if is_publication_line(text, c.start, annotated.lang) or is_dateline(text, c.start, c.stop):
            value = grammar_value(c.parts, None)
            if value and precision(value) == "day" and "/" not in value:
                return value
    return None


def _lend_year(
    c: Candidate, dated: list[tuple[Candidate, int]], text: str, published: dt.date | None, lang: str
) -> int | None:
    """Give the year for a candidate without one, or None: the nearest dated mention before it in
    its sentence, else the year nearest the publication date, else the nearest dated mention before
    it in its paragraph. A writer leaves out a year already given; a later year in the sentence
    usually belongs to something else ("сегодня, 3 мая … Закон от 7 декабря 2022 года")."""
    if today_before(text, c, lang):
        return year_of_publication(c, text, published, lang)
    return (
        year_in_sentence(c, dated, text)
        or year_of_publication(c, text, published, lang)
        or year_in_paragraph(c, dated, text)
    )


def _nearest_before(c: Candidate, dated: list[tuple[Candidate, int]], lo: int) -> int | None:
    before = [(c.start - d.start, y) for d, y in dated if lo <= d.start < c.start]
    return min(before)[1] if before else None


@rule("date.today_is_publication", stage="dates", off=False)
def today_before(text: str, c: Candidate, lang: str) -> bool:
    """ "сегодня, 3 мая": the day of publication, whose year only the publication date gives."""
    return bool(
        pattern(lang, "RELATIVE_DAY_BEFORE", r"{}\s*,?\s*$").search(text[max(0, c.start - 20) : c.start])
    )


@rule("date.year_in_sentence", stage="dates", off=None)
def year_in_sentence(c: Candidate, dated: list[tuple[Candidate, int]], text: str) -> int | None:
    """A date without a year takes the year of the nearest dated mention before it in its sentence."""
    return _nearest_before(c, dated, _sentence_bounds(text, c.start)[0])


@rule("date.year_of_publication", stage="dates", off=None)
def year_of_publication(c: Candidate, text: str, published: dt.date | None, lang: str) -> int | None:
    """A date without a year takes the year that puts it nearest the publication date (later dates
    count thrice as far, unless the sentence speaks of the future)."""
    if not published:
        return None
    return nearest_year(c.parts, published, future=speaks_of_future(text, c.start, lang))


@rule("date.year_in_paragraph", stage="dates", off=None)
def year_in_paragraph(c: Candidate, dated: list[tuple[Candidate, int]], text: str) -> int | None:
    """A date without a year takes the year of the nearest dated mention before it in its paragraph."""
    return _nearest_before(c, dated, _line_bounds(text, c.start)[0])


def unresolved_value(c: Candidate) -> str | None:
    """Give the TIMEX3-style value of a date the text does not anchor: "XXXX-06-21" for a day
    without a year, "XXXX-WXX-1" for a weekday, "PRESENT_REF" for "now"; None otherwise."""
    if c.relative:
        unit, offset = c.relative
        if unit == "now":
            return "PRESENT_REF"
        return f"XXXX-WXX-{offset + 1}" if unit == "weekday" else None
    if c.parts and not c.parts.get("year") and c.parts.get("month") and not c.parts.get("month1"):
        day = c.parts.get("day")
        return f"XXXX-{c.parts['month']:02d}" + (f"-{day:02d}" if day and not c.parts.get("day1") else "")
    return None


def _value(c: Candidate, dated: list, text: str, pub: dt.date | None, lang: str) -> str | None:
    """Give the ISO value of a candidate, or None when the text and publication date do not fix it."""
    if c.value:
        return c.value
    if c.relative:
        if not pub or c.relative[0] == "now":
            return None
        return relative_value(c.relative, pub, future=speaks_of_future(text, c.start, lang))
    if c.year_offset is not None:
        return grammar_value(c.parts, pub.year + c.year_offset) if pub else None
    year = c.parts.get("year") or _lend_year(c, dated, text, pub, lang)
    return grammar_value(c.parts, year) if year else None


@rule("date.event_in_lead", stage="dates", off=False)
def is_event_date(text: str, c: Candidate, value: str, lead_end: int, lang: str) -> bool:
    """The event of the article is its first day-precise date in the headline and lead that is not
    a document's own date, a deadline or a starting point."""
    return c.start < lead_end and precision(value) == "day" and not is_not_event_date(text, c.start, lang)


def extract_dates(annotated: Annotated, *, published: str | None = None) -> Iterator[Mention]:
    """Yield date mentions. Resolved ones have attrs value, start_date, end_date, precision and
    role; a date the text does not anchor (no year, no publication date) keeps a TIMEX3-style
    `normal` ("XXXX-06-21") and `value` None, so it is a mention but not a row of `dates`."""
    text, lang = annotated.text, annotated.lang
    pub = dt.date.fromisoformat(published) if published else None
    grammar = list(grammar_candidates(text, lang))
    starts = {c.start for c in grammar}
    ranked = [(0, c) for c in grammar]
    for c in relative_candidates(text, lang):
        apposition = re.match(r"\s*,?\s*", text[c.stop :]).end() + c.stop
        if apposition not in starts:  # "сегодня, 3 мая" is one date: 3 мая
            ranked.append((1, c))
    if lang == "en":
        ranked += [(2, c) for c in spacy_candidates(annotated, grammar)]
        ranked += [(3, c) for c in bare_year_candidates(text, grammar)]
    # where candidates overlap, the grammar's win, then relative expressions, spaCy's, bare years
    found = [
        c
        for _, c in filter_spans(
            ranked, key=lambda rc: (rc[0], rc[1].start), bounds=lambda rc: (rc[1].start, rc[1].stop)
        )
    ]
    dated = [(c, c.parts["year"]) for c in found if c.parts and c.parts.get("year")]

    lead_end = _lead_end(text, lang)
    event_taken = False
    for c in found:
        value = _value(c, dated, text, pub, lang)
        attrs: dict = {"value": value}
        if value is None:
            normal = unresolved_value(c)
            if normal is None:
                continue
        else:
            normal = value
            if is_publication_line(text, c.start, lang) or is_dateline(text, c.start, c.stop):
                role = "published"
            elif not event_taken and is_event_date(text, c, value, lead_end, lang):
                role, event_taken = "event", True
            else:
                role = "other"
            first, last = bounds(value)
            attrs.update(start_date=first, end_date=last, precision=precision(value), role=role)
        yield Mention(
            kind="date", start=c.start, stop=c.stop, text=text[c.start : c.stop], normal=normal, attrs=attrs
        )
