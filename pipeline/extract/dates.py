"""Dates stage: dates, ranges, months and years in Russian and English -> ISO 8601 values.

Candidates come from one regular grammar per language (ranges before single dates, longest
match wins); spaCy DATE spans that the grammar misses are parsed with dateparser. A missing
year comes from the publication date or the nearest dated mention; relative words (сегодня,
вчера, yesterday...) are resolved only against a known publication date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

from ..article import Annotated, Mention

MONTHS_RU = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
MONTHS_EN = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_RU_MONTH = r"(?:январ[ьяе]|феврал[ьяе]|марта?|марте|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|августа?|августе|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
_EN_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_DASH = r"\s?[-‐‑‒–—]\s?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:19|20)\d{2}"
_RU_YEAR_WORD = r"(?:\s?(?:г\.|гг\.|года|году|год)(?!\w))?"
_NOT_IN_NAME = r"(?<![\w/-])"  # "РЭС-2026", "COVID-19", "A/RES/76/129" are not dates
_END = r"(?![\w-])"

RU_GRAMMAR = re.compile(
    _NOT_IN_NAME
    + rf"""(?:
      (?:[Сс]\s)?(?P<d1a>{_DAY})\s(?P<m1a>{_RU_MONTH})(?:\s(?P<y1a>{_YEAR}){_RU_YEAR_WORD})?\s(?:по|до|-|–|—)\s(?P<d2a>{_DAY})\s(?P<m2a>{_RU_MONTH})(?:\s(?P<y2a>{_YEAR}){_RU_YEAR_WORD})?
    | (?:[Сс]\s)?(?P<d1b>{_DAY})(?:{_DASH}|\sпо\s|\sдо\s|\sи\s)(?P<d2b>{_DAY})\s(?P<mb>{_RU_MONTH})(?:\s(?P<yb>{_YEAR}){_RU_YEAR_WORD})?
    | (?P<dc>{_DAY})\s(?P<mc>{_RU_MONTH})(?:\s(?P<yc>{_YEAR}){_RU_YEAR_WORD})?
    | (?P<m1d>{_RU_MONTH}){_DASH}(?P<m2d>{_RU_MONTH})(?:\s(?P<yd>{_YEAR}){_RU_YEAR_WORD})?
    | (?P<me>{_RU_MONTH})\s(?P<ye>{_YEAR}){_RU_YEAR_WORD}
    | (?P<df>\d{{1,2}})\.(?P<mf>\d{{1,2}})\.(?P<yf>\d{{4}}|\d{{2}})(?:\s?г\.|\s?года)?
    | (?P<y1g>{_YEAR}){_DASH}(?P<y2g>{_YEAR})\s?(?:гг\.|годы|годов|годах|годам|г\.)
    | (?P<yh>{_YEAR})\s?(?:г\.|года|году|год)(?!\w)
    )"""
    + _END,
    re.VERBOSE,
)

EN_GRAMMAR = re.compile(
    _NOT_IN_NAME
    + rf"""(?:
      (?P<m1a>{_EN_MONTH})\s(?P<d1a>{_DAY}){_DASH}(?P<m2a>{_EN_MONTH})\s(?P<d2a>{_DAY}),?\s(?P<y2a>{_YEAR})
    | (?P<mb>{_EN_MONTH})\s(?P<d1b>{_DAY})(?:{_DASH}|\sto\s|\sand\s)(?P<d2b>{_DAY})(?:,?\s(?P<yb>{_YEAR}))?
    | (?:from\s)?(?P<d1c>{_DAY})(?:{_DASH}|\sto\s|\sand\s)(?P<d2c>{_DAY})\s(?P<mc>{_EN_MONTH})(?:,?\s(?P<yc>{_YEAR}))?
    | (?P<md>{_EN_MONTH})\s(?P<dd>{_DAY})(?:st|nd|rd|th)?(?:,?\s(?P<yd>{_YEAR}))?
    | (?P<de>{_DAY})(?:st|nd|rd|th)?\s(?:of\s)?(?P<me>{_EN_MONTH})(?:,?\s(?P<ye>{_YEAR}))?
    | (?P<mf>{_EN_MONTH}),?\s(?P<yf>{_YEAR})
    | (?P<yg>\d{{4}})-(?P<mg>\d{{2}})-(?P<dg>\d{{2}})
    | (?P<y1h>{_YEAR}){_DASH}(?P<y2h>{_YEAR})
    | (?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bof\s)|(?<=\byear\s))(?P<yi>{_YEAR})
    )"""
    + _END,
    re.VERBOSE | re.IGNORECASE,
)

RELATIVE = {
    "сегодня": 0, "вчера": -1, "позавчера": -2, "завтра": 1,
    "today": 0, "yesterday": -1, "tomorrow": 1,
}  # fmt: skip
_RELATIVE = re.compile(r"(?<!\w)(" + "|".join(RELATIVE) + r")(?!\w)", re.IGNORECASE)
_PUBLICATION_LINE = re.compile(
    r"^(?:дата\s+публикации|опубликовано|дата|published(?:\s+on)?|date|posted(?:\s+on)?)\s*:?\s*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)


def month_number(word: str, lang: str) -> int:
    word = word.lower().rstrip(".")
    table = MONTHS_RU if lang == "ru" else MONTHS_EN
    for stem, number in table.items():
        if word.startswith(stem):
            return number
    raise ValueError(word)


@cache
def _dateparser():
    from dateparser.date import DateDataParser

    return {
        lang: DateDataParser(
            languages=[lang], settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False}
        )
        for lang in ("ru", "en")
    }


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None:
            return dt.date(year, month, day).isoformat()
        if month is not None:
            return f"{year:04d}-{month:02d}"
        return f"{year:04d}"
    except (ValueError, TypeError):
        return None


def _bounds(value: str) -> tuple[str, str]:
    """Give the first and last day an ISO value (day, month, year or interval) covers."""
    first, _, last = value.partition("/")
    last = last or first

    def expand(part: str, end: bool) -> str:
        pieces = [int(p) for p in part.split("-")]
        if len(pieces) == 3:
            return part
        year, month = pieces[0], pieces[1] if len(pieces) > 1 else (12 if end else 1)
        day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day).isoformat()

    return expand(first, False), expand(last, True)


def _precision(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}[len(value.partition("/")[0])]


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 and len(text) == 2 else year


def _value_from_match(m: re.Match, lang: str, default_year: int | None) -> str | None:
    """Give the ISO value of a grammar match; `default_year` fills a missing year."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}

    def mon(key: str) -> int:
        return month_number(g[key], lang)

    def year(*keys: str) -> int | None:
        for key in keys:
            if key in g:
                return _year(g[key])
        return default_year

    def interval(a: str | None, b: str | None) -> str | None:
        if not a or not b or a == b:
            return a
        return f"{a}/{b}" if a < b else None

    if "d1a" in g:
        y2 = year("y2a", "y1a")
        y1 = year("y1a") if "y1a" in g else y2
        if y1 is None or y2 is None:
            return None
        if "y1a" not in g and mon("m1a") > mon("m2a"):
            y1 = y2 - 1
        return interval(_iso(y1, mon("m1a"), int(g["d1a"])), _iso(y2, mon("m2a"), int(g["d2a"])))
    if "d1b" in g:
        y = year("yb")
        return y and interval(_iso(y, mon("mb"), int(g["d1b"])), _iso(y, mon("mb"), int(g["d2b"])))
    if "d1c" in g:
        y = year("yc")
        return y and interval(_iso(y, mon("mc"), int(g["d1c"])), _iso(y, mon("mc"), int(g["d2c"])))
    if "dc" in g or "dd" in g or "de" in g:
        suffix = "c" if "dc" in g else ("d" if "dd" in g else "e")
        y = year("y" + suffix)
        return y and _iso(y, mon("m" + suffix), int(g["d" + suffix]))
    if "m1d" in g and lang == "ru":
        y = year("yd")
        return y and interval(_iso(y, mon("m1d")), _iso(y, mon("m2d")))
    if "me" in g and lang == "ru":
        return _iso(int(g["ye"]), mon("me"))
    if "mf" in g and lang == "en":
        return _iso(int(g["yf"]), mon("mf"))
    if "df" in g:
        return _iso(_year(g["yf"]), int(g["mf"]), int(g["df"]))
    if "yg" in g and lang == "en":
        return _iso(int(g["yg"]), int(g["mg"]), int(g["dg"]))
    for a, b in (("y1g", "y2g"), ("y1h", "y2h")):
        if a in g:
            return interval(_iso(int(g[a])), _iso(int(g[b])))
    for key in ("yh", "yi"):
        if key in g:
            return _iso(int(g[key]))
    return None


def _explicit_years(text: str) -> list[tuple[int, int]]:
    """Give (offset, year) of every four-digit year near a date, to lend years to dates lacking one."""
    return [(m.start(), int(m.group())) for m in re.finditer(rf"(?<![\w-]){_YEAR}(?![\w-])", text)]


def publication_date(annotated: Annotated) -> str | None:
    """Give the publication date: the source's metadata, else a 'Дата публикации:' / 'Published:' line."""
    published = annotated.article.published
    if published:
        parsed = parse_free(published, annotated.lang)
        if parsed:
            return parsed
    for m in _PUBLICATION_LINE.finditer(annotated.text[:3000]):
        grammar = RU_GRAMMAR if annotated.lang == "ru" else EN_GRAMMAR
        hit = grammar.search(m.group(1))
        if hit:
            value = _value_from_match(hit, annotated.lang, None)
            if value and _precision(value) == "day":
                return value
    return None


def parse_free(text: str, lang: str) -> str | None:
    """Give the ISO day of a free-form date string (metadata), parsed with dateparser."""
    iso = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", text)
    if iso:
        return iso.group(1)
    data = _dateparser()["ru" if lang == "ru" else "en"].get_date_data(text)
    if data and data.date_obj and data.period == "day":
        return data.date_obj.date().isoformat()
    return None


def _is_publication_line(text: str, offset: int) -> bool:
    """Tell whether `offset` lies on a 'Дата публикации: …' / 'Published: …' line."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_stop = text.find("\n", offset)
    return bool(_PUBLICATION_LINE.match(text[line_start : line_stop if line_stop != -1 else len(text)]))


def extract_dates(annotated: Annotated, *, published: str | None = None) -> Iterator[Mention]:
    """Yield date mentions with attrs value, start_date, end_date, precision and role."""
    text, lang = annotated.text, annotated.lang
    grammar = RU_GRAMMAR if lang == "ru" else EN_GRAMMAR
    years = _explicit_years(text)
    published_year = int(published[:4]) if published else None
    found: list[tuple[int, int, str]] = []

    for m in grammar.finditer(text):
        default_year = published_year
        if default_year is None and years:
            default_year = min(years, key=lambda oy: abs(oy[0] - m.start()))[1]
        value = _value_from_match(m, lang, default_year)
        if value:
            found.append((m.start(), m.end(), value))

    if published:
        base = dt.date.fromisoformat(published)
        for m in _RELATIVE.finditer(text):
            if not _is_publication_line(text, m.start()):
                found.append(
                    (m.start(), m.end(), (base + dt.timedelta(days=RELATIVE[m.group(1).lower()])).isoformat())
                )

    covered = [(s, e) for s, e, _ in found]
    for span in annotated.spans:
        if span.type == "DATE" and not any(s < span.stop and span.start < e for s, e in covered):
            if lang == "en" and re.search(r"\d", span.text) and re.search(_EN_MONTH, span.text, re.I):
                value = parse_free(span.text, lang)
                if value:
                    found.append((span.start, span.stop, value))

    found.sort()
    event_taken = False
    for start, stop, value in found:
        first, last = _bounds(value)
        if published and value == published and _is_publication_line(text, start):
            role = "published"
        elif not event_taken and _precision(value) != "year":
            role, event_taken = "event", True
        else:
            role = "other"
        yield Mention(
            kind="date",
            start=start,
            stop=stop,
            text=text[start:stop],
            normal=value,
            attrs={
                "value": value,
                "start_date": first,
                "end_date": last,
                "precision": _precision(value),
                "role": role,
            },
        )
