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

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..article import Annotated, Mention
from .date_grammar import date_parser

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

RELATIVE = {
    "ru": re.compile(
        r"(?<!\w)(?:(?P<days>позавчера|вчера|сегодня|завтра|послезавтра)"
        r"|(?:на|в|во)\s+(?P<step>прошл|минувш|предыдущ|эт|текущ|нынешн|следующ|будущ|наступающ)\w*\s+"
        r"(?P<unit>недел|месяц|год)\w*"
        r"|(?:в|во)\s+(?:(?:прошлый|прошлую|прошлое|минувший|минувшую|минувшее|этот|эту)\s+)?"
        r"(?P<weekday>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье))(?!\w)",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"(?<!\w)(?:(?P<days>yesterday|today|tomorrow)"
        r"|(?P<step>last|previous|this|current|next|coming)\s+(?P<unit>week|month|year)"
        r"|(?:(?:on|last|this|past)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))(?!\w)",
        re.IGNORECASE,
    ),
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

_PUBLICATION_LINE = re.compile(
    r"^(?:дата\s+публикации|опубликовано|дата|published(?:\s+on)?|date|posted(?:\s+on)?)\s*:?\s*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)
_DATELINE_HEAD = re.compile(r"^\s*[A-ZА-ЯЁ][\w\-. ]{1,30},\s*$")  # "Бишкек, " / "ALMATY, "
_DATELINE_TAIL = re.compile(r"^\.?\s*(?:/|\(|[-–—]|$)")  # ". /Кабар/." / " -" / "(Reuters)"
_RELATIVE_DAY_BEFORE = re.compile(
    r"(?:сегодня|вчера|завтра|today|yesterday|tomorrow)\s*,?\s*$", re.IGNORECASE
)
_LEADING_WORDS = re.compile(r"^(?:in|since|until|by|during|of|from|before|after|on|year)\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[A-ZА-ЯЁ«\"“])|\n")


@dataclass(frozen=True)
class Candidate:
    start: int
    stop: int
    parts: dict | None = None  # grammar parts (day1, month1, year1, day, month, year)
    relative: tuple | None = None  # (unit, offset) or ("weekday", n)
    value: str | None = None  # already an ISO value (dateparser)


# --- values ------------------------------------------------------------------------------------


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None:
            return dt.date(year, month, day).isoformat()
        if month is not None:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        return f"{year:04d}"
    except (ValueError, TypeError):
        return None


def interval(first: str | None, last: str | None) -> str | None:
    """Give "first/last", or one of them when equal; None when the order is impossible."""
    if not first or not last:
        return None
    if first == last:
        return first
    return f"{first}/{last}" if first < last else None


def bounds(value: str) -> tuple[str, str]:
    """Give the first and last day an ISO value (day, month, year or interval) covers."""
    first, _, last = value.partition("/")

    def expand(part: str, end: bool) -> str:
        pieces = [int(p) for p in part.split("-")]
        if len(pieces) == 3:
            return part
        year, month = pieces[0], pieces[1] if len(pieces) > 1 else (12 if end else 1)
        return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1).isoformat()

    return expand(first, False), expand(last or first, True)


def precision(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}[len(value.partition("/")[0])]


def grammar_value(parts: dict, year: int | None) -> str | None:
    """Give the ISO value of grammar parts, `year` standing in for a missing end year."""
    end_year = parts.get("year") or year
    if end_year is None:
        return None
    month, day = parts.get("month"), parts.get("day")
    end = _iso(end_year, month, day)
    if not any(parts.get(k) for k in ("day1", "month1", "year1")):
        return end
    month1 = parts.get("month1") or month
    year1 = parts.get("year1") or (end_year - 1 if month1 and month and month1 > month else end_year)
    start = _iso(year1, month1, parts.get("day1") if day is not None else None)
    return interval(start, end)


def _nearest_year(parts: dict, published: dt.date) -> int:
    """Give the year that puts a day or month without year nearest to the publication date."""

    def distance(year: int) -> int:
        first = bounds(grammar_value(parts, year) or f"{year:04d}")[0]
        return abs((dt.date.fromisoformat(first) - published).days)

    return min((published.year - 1, published.year, published.year + 1), key=distance)


def relative_value(relative: tuple, published: dt.date) -> str:
    unit, offset = relative
    if unit == "day":
        return (published + dt.timedelta(days=offset)).isoformat()
    if unit == "weekday":
        return (published - dt.timedelta(days=(published.weekday() - offset) % 7)).isoformat()
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + offset
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    return f"{published.year + offset:04d}"


@cache
def _dateparser(lang: str):
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=[lang], settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]}
    )


def parse_free(text: str, lang: str) -> str | None:
    """Give the ISO value of a free-form absolute date ("2024-03-05T10:00", "March 5, 2024", "mid-2020")
    at dateparser's granularity; one parser per language, its language given."""
    iso = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", text)
    if iso:
        return iso.group(1)
    data = _dateparser("ru" if lang == "ru" else "en").get_date_data(text)
    if not data or not data.date_obj:
        return None
    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    return data.date_obj.strftime(formats[data.period]) if data.period in formats else None


# --- candidates ----------------------------------------------------------------------------------


def _glued_to_name(text: str, start: int) -> bool:
    """Tell "РЭС-2026", "COVID-19", "A/RES/76": a number glued by - or / to a word or number."""
    return start >= 2 and text[start - 1] in "-/" and text[start - 2].isalnum()


def grammar_candidates(text: str, lang: str) -> list[Candidate]:
    out = []
    for match in date_parser(lang).findall(text):
        start, stop = match.span.start, match.span.stop
        if _glued_to_name(text, start) or (
            stop < len(text) and text[stop] in "-/" and text[stop + 1 : stop + 2].isalnum()
        ):
            continue
        if lang == "en":
            lead = _LEADING_WORDS.match(text[start:stop])
            if lead:
                start += lead.end()
        fact = match.fact
        parts = {k: getattr(fact, k) for k in ("day1", "month1", "year1", "day", "month", "year")}
        out.append(Candidate(start, stop, parts=parts))
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
        else:
            weekday = m.group("weekday").lower()
            if lang == "en" and not m.group("weekday")[0].isupper():
                continue
            relative = ("weekday", (WEEKDAYS_RU if lang == "ru" else WEEKDAYS_EN)[weekday])
        out.append(Candidate(m.start(), m.end(), relative=relative))
    return out


def _overlaps(c: Candidate, taken: list[Candidate]) -> bool:
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
        if candidate.value and not _overlaps(candidate, taken + out):
            out.append(candidate)
    return out


# --- context: sentences, paragraphs, publication lines, the lead ------------------------------------


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


def is_publication_line(text: str, offset: int) -> bool:
    """Tell whether `offset` lies on a 'Дата публикации: …' / 'Published: …' line."""
    start, stop = _line_bounds(text, offset)
    return bool(_PUBLICATION_LINE.match(text[start:stop]))


def is_dateline(text: str, start: int, stop: int) -> bool:
    """Tell a dateline date: "Бишкек, 24.12.19. /Кабар/.", "ALMATY, 3 March 2025 -", near the top."""
    line_start, line_stop = _line_bounds(text, start)
    if text.count("\n\n", 0, line_start) > 3:
        return False
    return bool(_DATELINE_HEAD.match(text[line_start:start])) and bool(
        _DATELINE_TAIL.match(text[stop:line_stop])
    )


_NOT_EVENT_BEFORE = re.compile(
    r"(?:(?<!\w)(?:от|of|dated|до|until|by|before|since|после|after)"
    r"|(?:подписанн|заключенн|заключённ|принят|ратифицированн|утвержденн|утверждённ)\w*)"
    r"\s+(?:№\s*\S+\s+)?$",
    re.IGNORECASE,
)


def is_not_event_date(text: str, start: int) -> bool:
    """Tell a date that is not the news event's: inside a quoted title («О ратификации Соглашения…,
    подписанного 31 января 2023 года»); a document's date after "от", "of", "dated" or a participle
    ("Соглашение от 7 декабря 2022 года", "resolution … of December 16, 2021"); a deadline or a
    starting point ("до 15 июня", "by 2025", "since March 2019")."""
    sentence_start, _ = _sentence_bounds(text, start)
    before = text[sentence_start:start]
    if before.count("«") > before.count("»"):
        return True
    return bool(_NOT_EVENT_BEFORE.search(before[-60:]))


def _lead_end(text: str) -> int:
    """Give the end of the headline and lead: the title and the first two body paragraphs."""
    seen = 0
    for m in re.finditer(r"[^\n]+", text):
        if is_publication_line(text, m.start()) or len(m.group().split()) < 4:
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
    for c in grammar_candidates(text[:3000], annotated.lang):
        if is_publication_line(text, c.start) or is_dateline(text, c.start, c.stop):
            value = grammar_value(c.parts, None)
            if value and precision(value) == "day" and "/" not in value:
                return value
    return None


def _lend_year(
    c: Candidate, dated: list[tuple[Candidate, int]], text: str, published: dt.date | None
) -> int | None:
    """Give the year for a candidate without one, or None: the nearest dated mention before it in
    its sentence, else the year nearest the publication date, else the nearest dated mention before
    it in its paragraph. A writer leaves out a year already given; a later year in the sentence
    usually belongs to something else ("сегодня, 3 мая … Закон от 7 декабря 2022 года")."""

    if _RELATIVE_DAY_BEFORE.search(text[max(0, c.start - 20) : c.start]):
        # "сегодня, 3 мая": the day of publication, whose year only the publication date gives
        return _nearest_year(c.parts, published) if published else None

    def nearest_before(lo: int) -> int | None:
        before = [(c.start - d.start, y) for d, y in dated if lo <= d.start < c.start]
        return min(before)[1] if before else None

    year = nearest_before(_sentence_bounds(text, c.start)[0])
    if year is None and published:
        year = _nearest_year(c.parts, published)
    if year is None:
        year = nearest_before(_line_bounds(text, c.start)[0])
    return year


def extract_dates(annotated: Annotated, *, published: str | None = None) -> Iterator[Mention]:
    """Yield date mentions with attrs value, start_date, end_date, precision and role."""
    text, lang = annotated.text, annotated.lang
    pub = dt.date.fromisoformat(published) if published else None
    found = grammar_candidates(text, lang)
    starts = {c.start for c in found}
    for c in relative_candidates(text, lang):
        apposition = re.match(r"\s*,?\s*", text[c.stop :]).end() + c.stop
        if not _overlaps(c, found) and apposition not in starts:  # "сегодня, 3 мая" is one date: 3 мая
            found.append(c)
    if lang == "en":
        found += spacy_candidates(annotated, found)
    found.sort(key=lambda c: c.start)
    dated = [(c, c.parts["year"]) for c in found if c.parts and c.parts.get("year")]

    resolved: list[tuple[Candidate, str]] = []
    for c in found:
        if c.value:
            value = c.value
        elif c.relative:
            value = relative_value(c.relative, pub) if pub else None
        else:
            year = c.parts.get("year") or _lend_year(c, dated, text, pub)
            value = grammar_value(c.parts, year) if year else None
        if value:
            resolved.append((c, value))

    lead_end = _lead_end(text)
    event_taken = False
    for c, value in resolved:
        if is_publication_line(text, c.start) or is_dateline(text, c.start, c.stop):
            role = "published"
        elif (
            not event_taken
            and c.start < lead_end
            and precision(value) == "day"
            and not is_not_event_date(text, c.start)
        ):
            role, event_taken = "event", True
        else:
            role = "other"
        first, last = bounds(value)
        yield Mention(
            kind="date",
            start=c.start,
            stop=c.stop,
            text=text[c.start : c.stop],
            normal=value,
            attrs={
                "value": value,
                "start_date": first,
                "end_date": last,
                "precision": precision(value),
                "role": role,
            },
        )
