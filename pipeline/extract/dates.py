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
from dataclasses import dataclass
from functools import cache

from ..article import Annotated, Mention
from ..lexicon import alternatives, lexicon, pattern
from ..published import file_name_date
from ..rules import rule
from .date_candidates import (
    Candidate,
    bare_year_candidates,
    grammar_candidates,
    period_candidates,
    relative_candidates,
    spacy_candidates,
)
from .date_values import (
    bounds,
    future_pattern,
    grammar_value,
    nearest_year,
    parse_free,
    period_part_bounds,
    precision,
    relative_value,
)
from .overlaps import filter_spans

__all__ = ["bounds", "extract_dates", "publication_date", "relative_value"]

# "Бишкек, " / "ALMATY, " / "Среда, " before the date, or nothing (a date line, "19.05.2023 — …")
_DATELINE_HEAD = re.compile(r"^\s*(?:[A-ZА-ЯЁ][\w\-. ]{1,30},\s*)?$")
# after it: ". /Кабар/." / " -" / "(Reuters)" / " | " / the line's end, a time of day allowed first
_DATELINE_TAIL = re.compile(
    r"^\.?\s*(?:г\.\s*)?(?:,?\s*\w{0,2}\s*\d{1,2}:\d{2}(?::\d{2})?\s*)?(?:/|\(|[-–—|]|$)"
)
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
    """Tell a dateline date: "Бишкек, 24.12.19. /Кабар/.", "ALMATY, 3 March 2025 -", or a date line
    ("19.05.2023, 14:30", "19 мая 2023 — …"), near the top."""
    line_start, line_stop = _line_bounds(text, start)
    if text.count("\n\n", 0, line_start) > 3:
        return False
    head = _DATELINE_HEAD.match(text[line_start:start])
    if not head or (not head.group().strip() and (line_start == 0 or not text[start].isdigit())):
        return False  # a date line is no headline and starts with its day
    return bool(_DATELINE_TAIL.match(text[stop:line_stop]))


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
    """Give the publication date (see `publication`)."""
    return publication(annotated)[0]


def publication(annotated: Annotated) -> tuple[str | None, str | None]:
    """Give the publication date and how it was found (`published.SOURCES`): the source's metadata
    (JSON field, HTML metadata, front matter, sidecar file), else a 'Дата публикации:' line or a
    dateline or date line near the top of the text, else a date in the file's name."""
    article, lang = annotated.article, annotated.lang
    if article.published:
        parsed = parse_free(article.published, lang)
        if parsed and precision(parsed) == "day":
            return parsed, article.published_source or "metadata"
    text = annotated.text
    for c in grammar_candidates(text, lang):
        if c.start > 3000:
            break
        if is_publication_line(text, c.start, lang) or is_dateline(text, c.start, c.stop):
            value = grammar_value(c.parts, None)
            if value and precision(value) == "day" and "/" not in value:
                return value, "text"
    labelled = labelled_publication_date(text, lang)
    if labelled:
        return labelled, "text"
    named = file_name_date(article.source.file)
    return (named, "file_name") if named else (None, None)


def labelled_publication_date(text: str, lang: str) -> str | None:
    """Give the date of a 'Published: …' line near the top in a form the grammar does not read
    ("Published: 2023-05-19T08:30:00Z", "Date: Fri, 19 May 2023"), by dateparser."""
    line = pattern(lang, "PUBLICATION_LABELS", r"^{}\s*:?\s*(.+)$", re.IGNORECASE | re.MULTILINE)
    for m in line.finditer(text, 0, 3000):
        if not is_publication_line(text, m.start(), lang):
            continue
        value = parse_free(m.group(1), lang)
        if value and precision(value) == "day":
            return value
    return None


def _lend_year(
    c: Candidate, dated: Lenders, text: str, published: dt.date | None, lang: str
) -> tuple[int | None, str | None]:
    """Give the year for a candidate without one and its anchor (`published` or `text`), or (None,
    None): the nearest dated mention before it in its sentence, else the year nearest the
    publication date, else the nearest dated mention before it in its paragraph; "сегодня, 3 мая",
    the day of publication, only from the publication date. A writer leaves out a year already
    given; a later year in the sentence usually belongs to something else ("сегодня, 3 мая … Закон
    от 7 декабря 2022 года"). Never the run's date."""
    if today_before(text, c, lang):
        return (year_of_publication(c, text, published, lang), "published") if published else (None, None)
    for lend, anchor in (
        (lambda: year_in_sentence(c, dated.near, text), "text"),
        (lambda: year_of_publication(c, text, published, lang), "published"),
        (lambda: year_in_paragraph(c, dated.far, text), "text"),
    ):
        year = lend()
        if year:
            return year, anchor
    return None, None


def _nearest_before(c: Candidate, dated: list[tuple[Candidate, int | None]], lo: int) -> int | None:
    """Give the year of the nearest mention before `c` from `lo` on (None: its year is unknown)."""
    before = [(c.start - d.start, y) for d, y in dated if lo <= d.start < c.start]
    return min(before, key=lambda dy: dy[0])[1] if before else None


@dataclass(frozen=True)
class Lenders:
    """The mentions that may lend a year: `near` within a sentence, `far` across sentences of a
    paragraph; each (candidate, year), a year None for a year spoken of without a value ("this
    year" with no publication date), which lends nothing but hides the years before it."""

    near: list[tuple[Candidate, int | None]]
    far: list[tuple[Candidate, int | None]]


@rule("date.relative_year_reference", stage="dates", off=())
def relative_year_references(found: list[Candidate]) -> list[Candidate]:
    """A year spoken of relatively ("this year", "в прошлом году", "12 марта этого года") is the
    year a later date without one belongs to: it hides the explicit years written before it."""
    return [c for c in found if (c.relative and c.relative[0] == "year") or c.year_offset is not None]


@rule("date.background_lends_no_year", stage="dates", off=False)
def lends_only_in_its_sentence(annotated: Annotated, c: Candidate) -> bool:
    """A background date (recall, founding, a document referred to) lends its year to no date
    outside its sentence: after it the text returns to the news ("Already in 2014 …. The summit
    slated for April 14-15 …" is not 2014)."""
    return is_background(annotated, c.start)


def lenders(annotated: Annotated, found: list[Candidate], published: dt.date | None) -> Lenders:
    """Give the mentions that may lend their year to the dates of `found` that have none."""
    dated = [(c, c.parts["year"]) for c in found if c.parts and c.parts.get("year")]
    if published is None:  # with a publication date, relative years have values; they lend none
        dated += [(c, None) for c in relative_year_references(found)]
    far = [(c, y) for c, y in dated if not lends_only_in_its_sentence(annotated, c)]
    return Lenders(dated, far)


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


def _value(
    c: Candidate, dated: Lenders, text: str, pub: dt.date | None, lang: str
) -> tuple[str | None, str | None]:
    """Give the ISO value of a candidate and its anchor (`published`, `text`, or None when the date
    is complete as written); (None, None) when neither the text nor the publication date fixes it."""
    if c.value:
        return c.value, None
    if c.relative:
        if not pub or c.relative[0] == "now":
            return None, None
        return relative_value(c.relative, pub, future=speaks_of_future(text, c.start, lang)), "published"
    if c.year_offset is not None:
        return (grammar_value(c.parts, pub.year + c.year_offset), "published") if pub else (None, None)
    if c.parts.get("year"):
        return grammar_value(c.parts, None), None
    year, anchor = _lend_year(c, dated, text, pub, lang)
    value = grammar_value(c.parts, year) if year else None
    return (value, anchor) if value else (None, None)


@rule("date.unresolved_event", stage="dates", off=False)
def unresolved_event(annotated: Annotated, c: Candidate, lead_end: int) -> bool:
    """A day the lead dates without a value ("сегодня, 3 мая" or "on Monday" with no publication
    date) is the event's: no later date of the lead takes its place."""
    day = (c.relative and c.relative[0] in ("day", "weekday")) or (c.parts and c.parts.get("day"))
    return (
        bool(day)
        and c.start < lead_end
        and not is_not_event_date(annotated.text, c.start, annotated.lang)
        and not is_background(annotated, c.start)
    )


@rule("date.event_in_lead", stage="dates", off=False)
def is_event_date(annotated: Annotated, c: Candidate, value: str, lead_end: int) -> bool:
    """The event of the article is its first day-precise date in the headline and lead that is not
    a document's own date, a deadline or a starting point, nor background, nor a period."""
    text, lang = annotated.text, annotated.lang
    return (
        c.start < lead_end
        and precision(value) == "day"
        and not is_period(value)
        and not is_not_event_date(text, c.start, lang)
        and not is_background(annotated, c.start)
    )


def time_of_writing(annotated: Annotated, valued: list[tuple[Candidate, str]]) -> dt.date | None:
    """Give the time an article without a publication date was written, as far as it tells: the
    last day of the latest day or month it reports (not a deadline, a document's own date or a
    starting point, nor in a sentence about the future); None when it reports none."""
    text, lang = annotated.text, annotated.lang
    ends = [
        bounds(value)[1]
        for c, value in valued
        if precision(value) in ("day", "month")
        and not is_not_event_date(text, c.start, lang)
        and not speaks_of_future(text, c.start, lang)
    ]
    return dt.date.fromisoformat(max(ends)) if ends else None


@rule("date.history_is_no_event", stage="dates", off=False)
def is_history(value: str, now: dt.date | None) -> bool:
    """A day more than a year before the time of writing (the publication date, else the latest
    day or month the article reports) is history, never the event: an article of May 2023 that
    opens with "On 26-28 April 2004 the president paid his first visit" reports no event of 2004."""
    if now is None:
        return False
    return (now - dt.date.fromisoformat(bounds(value)[1])).days > 366


LONGEST_EVENT_DAYS = 14  # a forum, a festival, a state visit: a reported event lasts days, not months


@rule("date.period_is_no_event", stage="dates", off=False)
def is_period(value: str) -> bool:
    """A span of more than two weeks is a period (a programme, a campaign, a document's term: "from
    1 March to 30 November"), never the event the article reports."""
    first, last = bounds(value)
    return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days >= LONGEST_EVENT_DAYS


@rule("date.background", stage="dates", off=False)
def is_background(annotated: Annotated, start: int) -> bool:
    """Tell a date of background, never the event: in a sentence that recalls ("Напомним, …", "It
    is worth recalling", "back in"), of a body's founding ("основан 5 мая 1995 года", "established
    on"), or of a document the sentence refers to ("the agreement signed on 5 May 2019")."""
    text, lex = annotated.text, lexicon(annotated.lang)
    sentence = annotated.sentence_at(start)
    sentence_start = sentence.start if sentence else _sentence_bounds(text, start)[0]
    if _recall(annotated.lang).search(text, sentence_start, start):
        return True
    if sentence is None:
        return False
    tokens = sentence.tokens
    index = next((i for i, t in enumerate(tokens) if t.start <= start < t.stop), None)
    for _ in range(4):  # up from the date to the verb it dates
        if index is None or not 0 <= tokens[index].head < len(tokens) or tokens[index].head == index:
            return False
        index = tokens[index].head
        token = tokens[index]
        if token.pos in ("VERB", "AUX") or token.feats.get("VerbForm") == "Part":
            if token.lemma.lower() in lex.FOUNDING_VERBS:
                return True
            noun = (
                tokens[token.head] if token.rel in ("acl", "acl:relcl", "relcl") and token.head >= 0 else None
            )
            return noun is not None and noun.lemma.lower() in lex.DOCUMENT_TYPES
    return False


def _recall(lang: str) -> re.Pattern:
    return pattern(lang, "RECALL_MARKERS", r"(?<!\w){}(?!\w)")


def extract_dates(annotated: Annotated, *, published: str | None = None) -> Iterator[Mention]:
    """Yield date mentions. Resolved ones have attrs value, start_date, end_date, precision and
    role; a date the text does not anchor (no year, no publication date) keeps a TIMEX3-style
    `normal` ("XXXX-06-21") and `value` None, so it is a mention but not a row of `dates`."""
    text, lang = annotated.text, annotated.lang
    pub = dt.date.fromisoformat(published) if published else None
    grammar = list(grammar_candidates(text, lang))
    starts = {c.start for c in grammar}
    ranked = [(-1, c) for c in period_candidates(text, lang)] + [(0, c) for c in grammar]
    for c in relative_candidates(text, lang):
        apposition = re.match(r"\s*,?\s*", text[c.stop :]).end() + c.stop
        if apposition not in starts:  # "сегодня, 3 мая" is one date: 3 мая
            ranked.append((1, c))
    if lang == "en":
        ranked += [(2, c) for c in spacy_candidates(annotated, grammar)]
        ranked += [(3, c) for c in bare_year_candidates(text, grammar)]
    # where candidates overlap, periods (decades…) and the grammar's win, then relative expressions,
    # spaCy's, bare years
    found = [
        c
        for _, c in filter_spans(
            ranked, key=lambda rc: (rc[0], rc[1].start), bounds=lambda rc: (rc[1].start, rc[1].stop)
        )
    ]
    dated = lenders(annotated, found, pub)

    lead_end = _lead_end(text, lang)
    valued = [(c, *_value(c, dated, text, pub, lang)) for c in found]
    now = pub or time_of_writing(annotated, [(c, v) for c, v, _ in valued if v])
    event_taken = False
    for c, value, anchor in valued:
        attrs: dict = {"value": value}
        if value is None:
            normal = unresolved_value(c)
            if normal is None:
                continue
            if not event_taken and unresolved_event(annotated, c, lead_end):
                event_taken = True  # the lead's event is dated, but not to a day we can name
                attrs["role"] = "event"  # a mention only (no value): it still tells the event's sentence
        else:
            normal = value
            if is_publication_line(text, c.start, lang) or is_dateline(text, c.start, c.stop):
                role = "published"
            elif (
                not event_taken
                and is_event_date(annotated, c, value, lead_end)
                and not is_history(value, now)
            ):
                role, event_taken = "event", True
            else:
                role = "other"
            part = c.parts.get("part") if c.parts else None
            first, last = (part is not None and period_part_bounds(value, part)) or bounds(value)
            attrs.update(
                start_date=first,
                end_date=last,
                precision=c.precision or precision(value),
                role=role,
                anchor=anchor,
            )
        yield Mention(
            kind="date", start=c.start, stop=c.stop, text=text[c.start : c.stop], normal=normal, attrs=attrs
        )
