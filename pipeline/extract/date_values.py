"""Date values: ISO 8601 values from grammar parts and relative expressions, their bounds and
precision, the year nearest a publication date, and dateparser for free-form dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache

from ..lexicon import pattern


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


def future_pattern(lang: str) -> re.Pattern:
    """Give the pattern of the words that put an event after the publication: future tense,
    plans, schedules (будет, пройдёт, will, scheduled...)."""
    return pattern(lang, "FUTURE_MARKERS", r"(?<!\w){}(?!\w)")


def nearest_year(parts: dict, published: dt.date, *, future: bool) -> int:
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
