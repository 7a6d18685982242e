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
from ...gazetteer import is_demonym, lookup_organisation, lookup_place
from ...lexicon import alternatives, lexicon
from ...rules import rule
from ..common import english_name, is_nationality, singular
from ..overlaps import overlaps
from .base import each, words_of

EN = lexicon("en")
_PORTFOLIO_BEFORE = re.compile(EN.PORTFOLIO_BEFORE)
_PORTFOLIO_AFTER = re.compile(EN.PORTFOLIO_AFTER)
_HEAD_BEFORE = re.compile(EN.HEAD_BEFORE)
_APPOSITIVE_TITLE = re.compile(EN.APPOSITIVE_TITLE)
_LIST_AFTER = re.compile(EN.LIST_AFTER)
_SEAT_AFTER = re.compile(EN.SEAT_AFTER)
_TITLE_BEFORE = re.compile(r"\b([A-Za-z][a-z]+)\s+$")
_PERSON_AT_END = re.compile(r"\s+((?:[A-Z]\.\s?){1,2}[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)?)$")
_OF_BEFORE = re.compile(
    rf"\b{alternatives(EN.TITLE_PREPOSITIONS)}(?:\s+{alternatives(EN.LEADING_ARTICLES)})?"
    rf"(?:\s+{alternatives(EN.POSITION_MODIFIERS)})*$",
    re.IGNORECASE,
)
_INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,2}")
_PHOTO_CREDIT = re.compile(r"^[A-Z]{1,4}/|^/[A-Z]")
_NAME_WORD = re.compile(r"^[A-Z][a-z’'-]+$")


def _looks_like_person(words: list[str]) -> bool:
    """Tell two to four capitalised words, none an institution's head, that may be a person's name
    (with its particles: "Staffan de Mistura", "Hamad bin Isa")."""
    names = [w for w in words if w not in EN.NAME_PARTICLES]
    return (
        2 <= len(names) <= 4
        and words[0] not in EN.NAME_PARTICLES
        and words[-1] not in EN.NAME_PARTICLES
        and all(_NAME_WORD.match(w.replace("-", "")) or "-" in w for w in names)
        and not any(w.lower() in EN.INSTITUTION_HEADS for w in names)
    )


def _is_head(word: str) -> bool:
    """Tell the head noun of a body's name, singular or plural: "Treasury", "Airlines"."""
    lower = word.lower()
    return lower in EN.HEAD_WORDS or lower.removesuffix("s") in EN.HEAD_WORDS


def _name_word(word: str) -> bool:
    """Tell a word that may be part of a person's name: capitalised, no head of a body's name, no
    place, no position or title, no nationality."""
    bare = word.rstrip(",.")
    lower = bare.lower()
    return (
        bool(_NAME_WORD.match(bare.replace("-", "")) or ("-" in bare and bare[:1].isupper()))
        and lower not in EN.HEAD_WORDS
        and lower.removesuffix("s") not in EN.HEAD_WORDS
        and lower not in EN.POSITIONS | EN.TITLES | EN.POSITION_MODIFIERS
        and lower not in EN.LEADING_ARTICLES
        and lookup_place(bare) is None
        and not is_demonym(bare)
    )


def _country_or_nationality(annotated: Annotated, word: str) -> bool:
    """Tell a nationality word or a country, possessive or not: "Kazakh", "Uzbekistan's"."""
    word = re.sub(r"(?:'s|’s)$", "", word)
    place = lookup_place(word)
    return is_nationality(annotated, word) or (place is not None and place.kind == "country")


def _trailing_person(words: list[tuple[int, int, str]]) -> int:
    """Give how many of the last words make a person's name (0, or two to four name words, with
    particles inside)."""
    k = 0
    while k < len(words) and (_name_word(words[-1 - k][2]) or words[-1 - k][2] in EN.NAME_PARTICLES):
        k += 1
    while k and words[-k][2] in EN.NAME_PARTICLES:
        k -= 1
    if k > 2 and k < len(words) and words[-k - 1][2].islower():
        k -= 1  # "… of Farmers and [Herders] Batyr Ovezov": a coordinated word is the body's
    return k if k and _looks_like_person([w for _, _, w in words[-k:]]) else 0


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
    Institute [S. Bakhti]"; not a body's head after a place's abbreviation ("the U.K. Treasury")
    nor what would leave only an article behind."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        person = _PERSON_AT_END.search(span.text)
        if not person:
            return [span]
        initials = _INITIALS.match(person.group(1)).group().strip()
        names = person.group(1)[len(initials) :].split()
        rest = span.text[: person.start()].split()
        if (
            any(_is_head(w) for w in names)
            or lookup_place(initials)
            or not set(rest) - set(EN.LEADING_ARTICLES)
        ):
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
            and last[1].lower().strip(".") in EN.POSITIONS | EN.TITLES
            and not _OF_BEFORE.search(last[0])  # "the Office of the Chief Prosecutor": the office's
        ):
            stop = span.start + len(last[0])
        return [NerSpan.of(text, span.start, stop, "ORG") if stop != span.stop else span]

    return _organisations(annotated, spans, repair)


def _is_position(word: str) -> bool:
    lower = word.lower().rstrip(",")
    return lower in EN.POSITIONS or lower.removesuffix("s") in EN.POSITIONS


@rule("org.en.title", stage="spans", langs=("en",), touches=("ORG", "PER"))
def title(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """An organisation span that begins with a position names a title, not a body: "[Kazakh
    President] Kassym-Jomart Tokayev" gives the person, "Minister of Agriculture of Iran" and
    "Prosecutor General of" give nothing; a body named in the title's complement stays one
    ("Secretary General of [the Organization of Turkic States]")."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        words = words_of(span.text, span.start)
        i = 1 if words and words[0][2] in EN.LEADING_ARTICLES else 0
        while i < len(words) and _country_or_nationality(annotated, words[i][2]):
            i += 1
        j = i
        while j < len(words) and (
            _is_position(words[j][2]) or words[j][2].lower() in EN.POSITION_MODIFIERS | EN.TITLES
        ):
            j += 1
        if j == i or not any(_is_position(w) for _, _, w in words[i:j]):
            return [span]
        rest = words[j:]
        person = _trailing_person(rest)
        out = [NerSpan.of(text, rest[-person][0], rest[-1][1], "PER")] if person else []
        complement = rest[: len(rest) - person]
        body = _body_in_complement(complement)
        if body:
            out.append(NerSpan.of(text, body[0][0], body[-1][1], "ORG"))
        return out

    return _organisations(annotated, spans, repair)


def _body_in_complement(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Give the words of a body named in a title's complement ("of the Union of Farmers"), or none."""
    if not words or words[0][2] not in EN.TITLE_PREPOSITIONS:
        return []
    body = words[1:]
    if body and body[0][2] in EN.LEADING_ARTICLES:
        body = body[1:]
    name = " ".join(w for _, _, w in body).rstrip(",")
    if not body or not (lookup_organisation(name) or any(w.lower() in EN.HEAD_WORDS for _, _, w in body[:4])):
        return []
    return body


@rule("org.en.trailing_person", stage="spans", langs=("en",), touches=("ORG", "PER"))
def trailing_person(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A person's name at the end of an organisation span is a person: "Iran Trade Promotion
    Organization [Alireza Peymanpak]", "[the Union of Farmers] [Batyr Ovezov]" after "Chairman of"
    (the name follows the head of a body's name, or the whole is a title's complement, or the
    article names the person elsewhere)."""
    person_words = {w for s in annotated.spans if s.type == "PER" for w in s.text.split()}
    person_starts = {s.start for s in spans if s.type == "PER"}

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        gap = re.match(r"[ \t]*", text[span.stop : span.stop + 4]).end()
        if span.stop + gap in person_starts:
            return [span]  # the person is the span after: "… Water and Land Affairs" [Aibek Tursunov]
        words = words_of(span.text, span.start)
        if len(words) > 2 and words[-2][2].endswith(",") and words[-1][2] in person_words:
            # "… of Turkmenistan, Ovezov": a person named elsewhere, listed after the body
            cut = words[-2][1] - 1
            return [
                NerSpan.of(text, span.start, cut, "ORG"),
                NerSpan.of(text, words[-1][0], span.stop, "PER"),
            ]
        k = _trailing_person(words)
        if not k or k == len(words):
            return [span]
        before = words[-k - 1][2].rstrip(",").lower()
        _, left, _ = _context(text, span)
        cue = (
            before in EN.HEAD_WORDS
            or before.removesuffix("s") in EN.HEAD_WORDS
            or bool(_TITLE_OF.search(left))
            or any(w in person_words for _, _, w in words[-k:])
        )
        if not cue:
            return [span]
        cut = words[-k - 1][1]
        while cut > span.start and text[cut - 1] in ",":
            cut -= 1
        return [NerSpan.of(text, span.start, cut, "ORG"), NerSpan.of(text, words[-k][0], span.stop, "PER")]

    return _organisations(annotated, spans, repair)


_TITLE_OF = re.compile(
    rf"\b{alternatives(sorted(EN.POSITIONS))}s?\s+{alternatives(EN.TITLE_PREPOSITIONS)}\s+"
    rf"(?:{alternatives(EN.LEADING_ARTICLES)}\s+)?$",
    re.IGNORECASE,
)


@rule("org.en.numbered_event", stage="spans", langs=("en",), touches=("ORG",))
def numbered_event(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A numbered name of an event is no organisation: "the 5th International Conference on …",
    "First Caspian Economic Forum" (a body is not numbered)."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        words = _head_words(span)
        numbered = words and (
            words[0].lower() in EN.ORDINALS
            or re.match(rf"^\d+(?:{'|'.join(EN.ORDINAL_SUFFIXES)})$", words[0])
            or re.search(r"\b(?:19|20)\d\d$", span.text)
        )
        events = EN.EVENTS | EN.PLACE_EVENTS | EN.MEETINGS
        return [] if numbered and any(w.lower() in events for w in words[1:]) else [span]

    return _organisations(annotated, spans, repair)


@rule("org.en.document_name", stage="spans", langs=("en",), touches=("ORG",))
def document_name(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A document's name is no organisation: a name whose head (its last word) is a document word
    ("the TIR Convention", "… Trade Agreement", "the Caspian Pact"); an organisation named in it
    stays one ("[the Organization of Turkic States] Charter"); a body named after a document
    keeps its own head ("Collective Security Treaty Organization"); nor is a document word followed
    by its title ("the Convention on Road Traffic")."""
    documents = set(EN.DOCUMENT_TYPES) | EN.CHARTER_NOUNS

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        words = words_of(span.text, span.start)
        last = words[-1][2].lower()
        named = [w.lower() for _, _, w in words if w not in EN.LEADING_ARTICLES]
        titled = len(named) > 2 and named[1] in EN.TITLE_STARTS and singular("en", named[0]) in documents
        if titled and lookup_organisation(english_name(span.text)) is None:
            return []  # the document word heads a title: "the Convention on Road Traffic"
        if last not in documents and singular("en", last) not in documents:
            return [span]
        if lookup_organisation(english_name(span.text)) is not None:
            return [span]
        rest = words[:-1]
        if rest and lookup_organisation(english_name(text[rest[0][0] : rest[-1][1]])) is not None:
            return [NerSpan.of(text, span.start, rest[-1][1], "ORG")]
        return []

    return _organisations(annotated, spans, repair)


_COUNTRY_AFTER = re.compile(EN.COUNTRY_AFTER)


def _headed(span: NerSpan) -> bool:
    """Tell a name with the head of a body's name among its words ("the State Customs
    Commission", "Kabul Chamber of Commerce")."""
    return any(w.lower() in EN.HEAD_WORDS for w in re.findall(r"[A-Za-z][\w-]*", span.text))


@rule("org.en.of_country", stage="spans", langs=("en",), touches=("ORG", "LOC"))
def of_country(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A body's name goes on over the country it belongs to, however NER tagged the country:
    "the State Customs Committee" + "of the Kyrgyz Republic", "the Ministry of Energy" + "of
    Tajikistan" (the country stays a place inside the name)."""

    def repair(text: str, span: NerSpan) -> list[NerSpan]:
        found = _COUNTRY_AFTER.match(_context(text, span)[2])
        if not (found and _headed(span)):
            return [span]
        words = found.group(1).split()
        for n in range(len(words), 0, -1):  # the longest country name that starts the words
            name = " ".join(words[:n])
            place = lookup_place(english_name(name))
            if place is not None and place.kind == "country":
                start = span.stop + found.start(1) + (len(name) - len(english_name(name)))
                stop = span.stop + found.start(1) + len(name)
                return [NerSpan.of(text, span.start, stop, "ORG"), NerSpan.of(text, start, stop, "LOC")]
        return [span]

    repaired = _organisations(annotated, spans, repair)
    added = [s for s in repaired if s.type == "LOC" and s not in spans]
    # the country NER tagged apart (as a place or a nationality) is the one now inside the name
    return [s for s in repaired if s in added or not (s.type in ("LOC", "NORP") and overlaps(s, added))]


def _bilateral_pattern() -> re.Pattern:
    heads = "|".join(sorted({h.capitalize() for h in EN.HEAD_WORDS}, key=len, reverse=True))
    word = r"[A-Z][\w-]*"
    return re.compile(
        rf"(?:\b{alternatives(sorted(w.capitalize() for w in EN.JOINT_BODY_WORDS))}\s+)?\b({word}(?:-{word})+)\s+"
        rf"((?:{word},?\s+(?:{alternatives(EN.AND)}\s+)?){{0,6}}(?:{heads})\b)"
    )


@rule("org.en.bilateral_body", stage="spans", langs=("en",), touches=("ORG", "LOC"))
def bilateral_body(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A body named with the countries it joins is one organisation, which NER often leaves
    untagged or cuts at the countries: "the Iran-Tajikistan Joint Trade Committee",
    "Intergovernmental Kazakhstan-Iran Commission"; the countries stay places inside it."""
    text, found = annotated.text, []
    for m in _bilateral_pattern().finditer(text):
        parts = m.group(1).split("-")
        if len(parts) < 2 or not all(
            (p := lookup_place(part)) and p.kind in ("country", "city") for part in parts
        ):
            continue
        span = NerSpan.of(text, m.start(), m.end(), "ORG")
        if not any(s.type == "ORG" and s.start <= span.start and span.stop <= s.stop for s in spans):
            found.append(span)
            offset = m.start(1)
            for part in parts:
                found.append(NerSpan.of(text, offset, offset + len(part), "LOC"))
                offset += len(part) + 1
    if not found:
        return spans
    kept = [s for s in spans if not any(f.start < s.stop and s.start < f.stop for f in found)]
    return kept + found


_CONNECTIVES = {w.lower() for w in (*EN.NAME_CONNECTIVES, *EN.TITLE_PREPOSITIONS)}
_NAME_WORD_RUN = re.compile(
    rf"(?:{alternatives(EN.LEADING_ARTICLES)}\s+)?[A-Z][\w’'&-]*"
    rf"(?:(?:,\s*|\s+(?:{alternatives(sorted(_CONNECTIVES))}\s+)*)[A-Z][\w’'&-]*)*"
)


@rule("org.en.cut_short", stage="spans", langs=("en",), touches=("ORG",))
def cut_short(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A name NER cut after "of", "for" or "and" goes on over the capitalised name that follows
    ("the Council of Heads of" + "the Eurasian Union", "the Cabinet for Water and" + "Land
    Affairs"), up to a person NER found; with no name after it, the connective is cut off."""
    text = annotated.text
    people = sorted(s.start for s in spans if s.type == "PER")

    def repair(span: NerSpan) -> list[NerSpan]:
        words = words_of(span.text, span.start)
        if len(words) < 2 or words[-1][2].lower() not in _CONNECTIVES:
            return [span]
        gap = re.match(r"[ \t]+", text[span.stop :])
        match = _NAME_WORD_RUN.match(text, span.stop + gap.end()) if gap else None
        if match:
            stop = match.end()
            stop = min([stop, *(p for p in people if span.stop <= p < stop)])
            stop = span.stop + len(text[span.stop : stop].rstrip(" ,"))
            words_after = words_of(text[span.stop : stop], span.stop)
            while words_after and words_after[-1][2].lower() in _CONNECTIVES:
                stop = words_after.pop()[0]
            if words_after:
                return [NerSpan.of(text, span.start, len(text[:stop].rstrip(" ,")), "ORG")]
        while len(words) > 1 and words[-1][2].lower() in _CONNECTIVES:
            words = words[:-1]
        return [NerSpan.of(text, span.start, words[-1][1], "ORG")]

    return each(spans, "ORG", repair)


@rule("org.en.names_facility", stage="spans", langs=("en",), touches=("ORG", "LOC"))
def names_facility(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A name with no body's head written before a facility word names the facility's place, not a
    body: "the Kerki-Ymamnazar border", "the Sarakhs-Mashhad railway", "the Galkynysh gas
    pipeline" (one noun may stand between)."""
    text = annotated.text
    after = re.compile(rf"\s+(?:[a-z]+\s+)?{alternatives(sorted(EN.FACILITY_WORDS))}s?\b")

    def repair(span: NerSpan) -> list[NerSpan]:
        words = [w.lower().strip("’'s") for w in span.text.split()]
        if span.text.isupper() or any(w in EN.HEAD_WORDS for w in words) or not after.match(text, span.stop):
            return [span]
        if lookup_organisation(span.text) is not None:
            return [span]
        return [NerSpan.of(text, span.start, span.stop, "LOC")]

    return each(spans, "ORG", repair)
