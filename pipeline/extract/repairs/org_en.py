"""English organisation span repairs: what spaCy's small model tags ORG in news about ministries.

- A minister's portfolio is no organisation: "Minister of [Energy], [Water and Mines]",
  "[Roads and Railways] Minister", "Vice President for [Culture, Heritage]".
- An institution head NER left out joins the name: "Vice Presidency for" + "Legal
  Affairs", "Ministry of" + "Energy".
- A person named after a title is a person: "Chairman [Arman Saidov]" and "[Ilhom
  Nazarov], the district mayor"; a person at the end of an organisation span is cut off:
  "the Caspian Research Institute [R. Aliyev]", and so is a trailing title ("University of Baku
  Lecturer").
- Photo credits ("EF/", "NA/PA") and names that begin in lower case ("intra-D8") are dropped.
"""

from __future__ import annotations

import re

from ...article import Annotated, NerSpan
from ...gazetteer import lookup_organisation, lookup_place
from ...lexicon import lexicon
from ...rules import rule
from ..common import english_name
from .base import each

EN = lexicon("en")
_PORTFOLIO_BEFORE = re.compile(EN.PORTFOLIO_BEFORE)
_PORTFOLIO_AFTER = re.compile(EN.PORTFOLIO_AFTER)
_HEAD_BEFORE = re.compile(EN.HEAD_BEFORE)
_APPOSITIVE_TITLE = re.compile(EN.APPOSITIVE_TITLE)
_LIST_AFTER = re.compile(EN.LIST_AFTER)
_SEAT_AFTER = re.compile(EN.SEAT_AFTER)
_TITLE_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_PERSON_AT_END = re.compile(r"\s+((?:[A-Z]\.\s?){1,2}[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)?)$")
_PHOTO_CREDIT = re.compile(r"^[A-Z]{1,4}/|^/[A-Z]")
_NAME_WORD = re.compile(r"^[A-Z][a-z’'-]+$")


def _looks_like_person(words: list[str]) -> bool:
    return (
        2 <= len(words) <= 4
        and all(_NAME_WORD.match(w.replace("-", "")) or "-" in w for w in words)
        and not any(w.lower() in EN.INSTITUTION_HEADS for w in words)
    )


def _context(text: str, span: NerSpan) -> tuple[int, str, str]:
    """Give the start of the span's line, the text before it on its line and the text after it."""
    line_start = text.rfind("\n", 0, span.start) + 1
    return line_start, text[line_start : span.start], text[span.stop : span.stop + 120]


def _organisations(annotated: Annotated, spans: list[NerSpan], repair) -> list[NerSpan]:
    return each(spans, "ORG", lambda span: repair(annotated.text, span))


@rule("org.en.lower_case_start", stage="spans", langs=("en",), touches=("ORG",))
def lower_case_start(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A name that begins in lower case is none: "intra-D8" (but "the ECO Secretariat")."""
    return each(
        spans,
        "ORG",
        lambda s: [s] if s.text[:1].isupper() or s.text[:1].isdigit() or s.text.startswith("the ") else [],
    )


@rule("org.en.photo_credit", stage="spans", langs=("en",), touches=("ORG",))
def photo_credit(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A photo credit is no organisation: "EF/", "NA/PA"."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        after = _context(text, span)[2]
        credit = _PHOTO_CREDIT.search(span.text) or span.text.endswith("/") or re.match(r"^/[A-Z]", after)
        return [] if credit else [span]

    return _organisations(annotated, spans, repair)


@rule("org.en.portfolio", stage="spans", langs=("en",), touches=("ORG",))
def portfolio(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A minister's portfolio is no organisation: "Minister of [Energy], [Water and Mines]",
    "[Roads and Railways] Minister", "Vice President for [Culture, Heritage]"."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        _, before, after = _context(text, span)
        return [] if _PORTFOLIO_BEFORE.search(before) or _PORTFOLIO_AFTER.match(after) else [span]

    return _organisations(annotated, spans, repair)


@rule("org.en.meeting", stage="spans", langs=("en",), touches=("ORG",))
def meeting(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A name ending with a meeting word is an event: "CIS Heads of Government Meeting"."""
    return each(spans, "ORG", lambda s: [] if s.text.split()[-1].lower() in EN.MEETINGS else [s])


@rule("org.en.person_with_title", stage="spans", langs=("en",), touches=("ORG", "PER"))
def person_with_title(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A name after a title, or with a position in apposition, is a person: "Chairman
    [Arman Saidov]", "[Ilhom Nazarov], the district mayor"."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        _, before, after = _context(text, span)
        title, appositive = _TITLE_BEFORE.search(before), _APPOSITIVE_TITLE.match(after)
        person = _looks_like_person(span.text.split()) and (
            (title and title.group(1).lower() in EN.POSITIONS)
            or (appositive and any(w.lower() in EN.POSITIONS for w in appositive.group(1).split()))
        )
        return [NerSpan.of(text, span.start, span.stop, "PER") if person else span]

    return _organisations(annotated, spans, repair)


@rule("org.en.country_and_person", stage="spans", langs=("en",), touches=("ORG", "LOC", "PER"))
def country_and_person(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A country followed by a person's name is the two: "[Kazakhstan] [Kassym-Jomart Tokayev]"."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        words = span.text.split()
        place = lookup_place(words[0])
        if not (len(words) > 2 and place and place.kind == "country" and _looks_like_person(words[1:])):
            return [span]
        cut = span.start + len(words[0])
        person_start = cut + len(span.text[len(words[0]) :]) - len(span.text[len(words[0]) :].lstrip())
        return [NerSpan.of(text, span.start, cut, "LOC"), NerSpan.of(text, person_start, span.stop, "PER")]

    return _organisations(annotated, spans, repair)


def _head_words(span: NerSpan) -> list[str]:
    words = span.text.split()
    return words[1:] if words and words[0] in EN.LEADING_ARTICLES else words


@rule("org.en.coordinated_portfolios", stage="spans", langs=("en",), touches=("ORG",))
def coordinated_portfolios(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """The rest of a ministry's list of portfolios NER cut at its commas joins it: "Ministry of
    Labor" + ", Migration, and Employment"."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        words = _head_words(span)
        listed = _LIST_AFTER.match(_context(text, span)[2])
        if (
            words
            and words[0].lower() in EN.INSTITUTION_HEADS
            and listed
            and not any(
                w.lower() in EN.INSTITUTION_HEADS or lookup_place(w)
                for w in re.findall(r"[A-Z][\w-]*", listed.group())
            )
        ):
            return [NerSpan.of(text, span.start, span.stop + listed.end(), "ORG")]
        return [span]

    return _organisations(annotated, spans, repair)


@rule("org.en.head_before", stage="spans", langs=("en",), touches=("ORG",))
def head_before(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """An institution head NER left out joins the name: "Vice Presidency for" + "Legal
    Affairs", "Ministry of" + "Energy"."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        line_start, before, _ = _context(text, span)
        head = _HEAD_BEFORE.search(before)
        if head and head.group(2).lower() in EN.INSTITUTION_HEADS:
            return [NerSpan.of(text, line_start + head.start(1), span.stop, "ORG")]
        return [span]

    return _organisations(annotated, spans, repair)


@rule("org.en.seat", stage="spans", langs=("en",), touches=("ORG",))
def seat(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A mission joins the country it is accredited to: "Embassy of Tajikistan" + "to Iran"."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        found = _SEAT_AFTER.match(_context(text, span)[2])
        if (
            found
            and any(w.lower() in EN.SEATED_HEADS for w in _head_words(span))
            and (lookup_place(found.group(1)) or lookup_organisation(english_name(found.group(1))))
        ):
            return [NerSpan.of(text, span.start, span.stop + found.end(), "ORG")]
        return [span]

    return _organisations(annotated, spans, repair)


@rule("org.en.person_at_end", stage="spans", langs=("en",), touches=("ORG", "PER"))
def person_at_end(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A person with initials at the end of an organisation span is cut off: "the ECO Cultural
    Institute [S. Bakhti]"."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        person = _PERSON_AT_END.search(span.text)
        if not person:
            return [span]
        return [
            NerSpan.of(text, span.start, span.start + person.start(), "ORG"),
            NerSpan.of(text, span.start + person.start(1), span.stop, "PER"),
        ]

    return _organisations(annotated, spans, repair)


@rule("org.en.trailing_position", stage="spans", langs=("en",), touches=("ORG",))
def trailing_position(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A position word at the end of an organisation span is cut off: "the University of Tehran
    Professor"."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        stop = span.stop
        while (
            (last := text[span.start : stop].rsplit(None, 1))
            and len(last) == 2
            and last[1].lower() in EN.POSITIONS
        ):
            stop = span.start + len(last[0])
        return [NerSpan.of(text, span.start, stop, "ORG") if stop != span.stop else span]

    return _organisations(annotated, spans, repair)
