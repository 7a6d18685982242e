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
from functools import cache, lru_cache

from ..article import Annotated, Mention
from .date_grammar import MONTHS_EN, date_parser

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

_PUBLICATION_LINE = re.compile(
    r"^(?:дата\s+публикации|опубликовано|дата|published(?:\s+on)?|date|posted(?:\s+on)?)\s*:?\s*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)
_DATELINE_HEAD = re.compile(r"^\s*[A-ZА-ЯЁ][\w\-. ]{1,30},\s*$")  # "Бишкек, " / "ALMATY, "
_DATELINE_TAIL = re.compile(r"^\.?\s*(?:/|\(|[-–—]|$)")  # ". /Кабар/." / " -" / "(Reuters)"
_RELATIVE_DAY_BEFORE = re.compile(
    r"(?:сегодня|вчера|завтра|today|yesterday|tomorrow)\s*,?\s*$", re.IGNORECASE
)
_LEADING_WORDS = re.compile(
    r"^(?:in|since|until|by|during|of|from|before|after|on|through|year|в|во)\s+", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[A-ZА-ЯЁ«\"“])|\n")


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


# Words that put an event after the publication: future tense, plans, schedules.
FUTURE = re.compile(
    r"(?<!\w)(?:будет|будут|буд[еу]м|состоится|состоятся|пройд[её]т|пройдут|планиру\w*|запланирован\w*|намечен\w*"
    r"|предстоящ\w*|ожидается|will|shall|\w+'ll|scheduled|upcoming|plans?\s+to|expected\s+to|to\s+be\s+held)(?!\w)",
    re.IGNORECASE,
)


def _nearest_year(parts: dict, published: dt.date, *, future: bool) -> int:
    """Give the year that puts a day or month without year nearest to the publication date: news
    reports the past, so a later date counts three times as far unless the sentence speaks of
    the future, and then only later dates count."""

    def distance(year: int) -> float:
        first = dt.date.fromisoformat(bounds(grammar_value(parts, year) or f"{year:04d}")[0])
        days = (first - published).days
        if future:
            return days if days >= -1 else float("inf")
        return 3 * days if days > 0 else -days

    return min((published.year - 1, published.year, published.year + 1), key=distance)


def speaks_of_future(text: str, offset: int) -> bool:
    """Tell whether the sentence around `offset` speaks of the future (будет, пройдёт, will...)."""
    start, stop = _sentence_bounds(text, offset)
    return bool(FUTURE.search(text, start, stop))


def relative_value(relative: tuple, published: dt.date, *, future: bool = False) -> str:
    """Give the ISO value of a relative expression on the publication date."""
    unit, offset = relative
    if unit == "month_name":  # "last June": the latest June before this month; "next June": the first after
        month, step = offset
        year = published.year
        if step < 0 and month >= published.month:
            year -= 1
        if step > 0 and month <= published.month:
            year += 1
        return f"{year:04d}-{month:02d}"
    if unit == "day":
        return (published + dt.timedelta(days=offset)).isoformat()
    if unit == "weekday":  # the latest such day, or with a future sentence the next one
        if future:
            return (published + dt.timedelta(days=(offset - published.weekday()) % 7 or 7)).isoformat()
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


def _longest_matches(lang: str, text: str) -> list:
    """Give the grammar's matches, the longest first where they overlap (yargy's own findall
    prefers the most tokens covered, which splits "в феврале | 2024 года")."""

    def length(m) -> int:  # without a leading "in", "since", "в": context, not date
        lead = _LEADING_WORDS.match(text[m.span.start : m.span.stop])
        return m.span.stop - m.span.start - (lead.end() if lead else 0)

    parser, found = date_parser(lang), []
    for lo, hi in _windows(text):
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
        if not _overlaps(candidate, taken + out):
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
    for c in grammar_candidates(text, annotated.lang):
        if c.start > 3000:
            break
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
        return (
            _nearest_year(c.parts, published, future=speaks_of_future(text, c.start)) if published else None
        )

    def nearest_before(lo: int) -> int | None:
        before = [(c.start - d.start, y) for d, y in dated if lo <= d.start < c.start]
        return min(before)[1] if before else None

    year = nearest_before(_sentence_bounds(text, c.start)[0])
    if year is None and published:
        year = _nearest_year(c.parts, published, future=speaks_of_future(text, c.start))
    if year is None:
        year = nearest_before(_line_bounds(text, c.start)[0])
    return year


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


def _value(c: Candidate, dated: list, text: str, pub: dt.date | None) -> str | None:
    """Give the ISO value of a candidate, or None when the text and publication date do not fix it."""
    if c.value:
        return c.value
    if c.relative:
        if not pub or c.relative[0] == "now":
            return None
        return relative_value(c.relative, pub, future=speaks_of_future(text, c.start))
    if c.year_offset is not None:
        return grammar_value(c.parts, pub.year + c.year_offset) if pub else None
    year = c.parts.get("year") or _lend_year(c, dated, text, pub)
    return grammar_value(c.parts, year) if year else None


def extract_dates(annotated: Annotated, *, published: str | None = None) -> Iterator[Mention]:
    """Yield date mentions. Resolved ones have attrs value, start_date, end_date, precision and
    role; a date the text does not anchor (no year, no publication date) keeps a TIMEX3-style
    `normal` ("XXXX-06-21") and `value` None, so it is a mention but not a row of `dates`."""
    text, lang = annotated.text, annotated.lang
    pub = dt.date.fromisoformat(published) if published else None
    found = list(grammar_candidates(text, lang))
    starts = {c.start for c in found}
    for c in relative_candidates(text, lang):
        apposition = re.match(r"\s*,?\s*", text[c.stop :]).end() + c.stop
        if not _overlaps(c, found) and apposition not in starts:  # "сегодня, 3 мая" is one date: 3 мая
            found.append(c)
    if lang == "en":
        found += spacy_candidates(annotated, found)
        found += bare_year_candidates(text, found)
    found.sort(key=lambda c: c.start)
    dated = [(c, c.parts["year"]) for c in found if c.parts and c.parts.get("year")]

    lead_end = _lead_end(text)
    event_taken = False
    for c in found:
        value = _value(c, dated, text, pub)
        attrs: dict = {"value": value}
        if value is None:
            normal = unresolved_value(c)
            if normal is None:
                continue
        else:
            normal = value
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
            attrs.update(start_date=first, end_date=last, precision=precision(value), role=role)
        yield Mention(
            kind="date", start=c.start, stop=c.stop, text=text[c.start : c.stop], normal=normal, attrs=attrs
        )
