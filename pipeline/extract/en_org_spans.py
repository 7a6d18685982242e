"""English organisation span repairs: what spaCy's small model tags ORG in news about ministries.

- A minister's portfolio is no organisation: "Minister of [Industry], [Mining and Trade]",
  "[Transport and Urban Development] Minister", "Vice President for [Science, Technology]".
- An institution head NER left out joins the name: "Vice Presidency for" + "Science and
  Technology", "Ministry of" + "Labor".
- A person named after a title is a person: "President [Kassym-Jomart Tokayev]" and "[Seyed Reza
  Mortazavi], the provincial governor"; a person at the end of an organisation span is cut off:
  "the ECO Cultural Institute [S. Bakhti]", and so is a trailing title ("University of Tehran
  Professor").
- Photo credits ("EF/", "NA/PA") and names that begin in lower case ("intra-D8") are dropped.
"""

from __future__ import annotations

import re

from ..article import Annotated, NerSpan
from ..gazetteer import lookup_organisation, lookup_place
from ..lexicon import lexicon
from .common import english_name

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


def _repair(text: str, span: NerSpan) -> list[NerSpan]:
    line_start = text.rfind("\n", 0, span.start) + 1
    before, after = text[line_start : span.start], text[span.stop : span.stop + 120]
    if not span.text[:1].isupper() and not span.text[:1].isdigit() and not span.text.startswith("the "):
        return []  # "intra-D8"
    if _PHOTO_CREDIT.search(span.text) or span.text.endswith("/") or re.match(r"^/[A-Z]", after):
        return []
    if _PORTFOLIO_BEFORE.search(before) or _PORTFOLIO_AFTER.match(after):
        return []
    words = span.text.split()
    if words[-1].lower() in EN.MEETINGS:
        return []  # "D-8 Council of Ministers Meeting" is an event
    title = _TITLE_BEFORE.search(before)
    appositive = _APPOSITIVE_TITLE.match(after)
    if _looks_like_person(words) and (
        (title and title.group(1).lower() in EN.POSITIONS)
        or (appositive and any(w.lower() in EN.POSITIONS for w in appositive.group(1).split()))
    ):
        return [NerSpan.of(text, span.start, span.stop, "PER")]
    place = lookup_place(words[0])
    if len(words) > 2 and place and place.kind == "country" and _looks_like_person(words[1:]):
        cut = span.start + len(words[0])  # "the President of Kazakhstan Kassym-Jomart Tokayev"
        person_start = cut + len(span.text[len(words[0]) :]) - len(span.text[len(words[0]) :].lstrip())
        return [NerSpan.of(text, span.start, cut, "LOC"), NerSpan.of(text, person_start, span.stop, "PER")]
    if words[0] in EN.LEADING_ARTICLES:
        words = words[1:]
    coordinated = _LIST_AFTER.match(after)
    if (
        words
        and words[0].lower() in EN.INSTITUTION_HEADS
        and coordinated
        and not any(
            w.lower() in EN.INSTITUTION_HEADS or lookup_place(w)
            for w in re.findall(r"[A-Z][\w-]*", coordinated.group())
        )
    ):
        span = NerSpan.of(
            text, span.start, span.stop + coordinated.end(), "ORG"
        )  # "Ministry of Labor, Migration, and …"
    head = _HEAD_BEFORE.search(before)
    if head and head.group(2).lower() in EN.INSTITUTION_HEADS:  # "Vice Presidency for" + the rest
        return [NerSpan.of(text, line_start + head.start(1), span.stop, "ORG")]
    seat = _SEAT_AFTER.match(after)
    if (
        seat
        and any(w.lower() in EN.SEATED_HEADS for w in words)
        and (lookup_place(seat.group(1)) or lookup_organisation(english_name(seat.group(1))))
    ):
        span = NerSpan.of(text, span.start, span.stop + seat.end(), "ORG")  # "Embassy of …" + "to Iran"
    out = []
    person = _PERSON_AT_END.search(span.text)
    stop = span.stop
    if person:
        out.append(NerSpan.of(text, span.start + person.start(1), span.stop, "PER"))
        stop = span.start + person.start()
    while (
        (last := text[span.start : stop].rsplit(None, 1))
        and len(last) == 2
        and last[1].lower() in EN.POSITIONS
    ):
        stop = span.start + len(last[0])  # "the University of Tehran Professor"
    return [NerSpan.of(text, span.start, stop, "ORG"), *out]


def repair_english_organisation_spans(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """Give the spans with the English organisation repairs of the module docstring made."""
    if annotated.lang != "en":
        return spans
    out = []
    for span in spans:
        out.extend(_repair(annotated.text, span) if span.type == "ORG" else [span])
    joined = [(s.start, s.stop) for s in out if s.type == "ORG"]
    out = [  # a piece inside a name joined above ("Science" of "Ministry of Education, Science, and …")
        s
        for s in out
        if not (
            s.type == "ORG"
            and any(a <= s.start and s.stop <= b and (a, b) != (s.start, s.stop) for a, b in joined)
        )
    ]
    return sorted(out, key=lambda s: (s.start, s.stop))
