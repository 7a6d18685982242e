"""Organisations stage: NER organisation spans -> organisation mentions, repaired, filtered and
linked to the organisation gazetteer (models/organisations.csv).

Repairs: a name NER cut at its commas is joined again ("Ministry of Cooperatives, Labor, and
Social Welfare"). Not organisations: diseases, nationality words ("Kazakh"), people the article
names, document words ("MOU"), photo credits ("MA/MA Photo"), common-noun abbreviations ("СМИ"),
and a lone generic institution word ("Правительство", "Parliament") that names no one body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..article import Annotated, Mention
from ..gazetteer import is_demonym, lookup_organisation
from ..keys import name_key
from ..lexicon import lexicon, pattern
from .common import (
    abbreviation_after,
    normaliser,
    span_mentions,
    split_abbreviation,
    surname,
    tokens_in,
)

_PHOTO_CREDIT = re.compile(r"^[A-Z]{1,4}/[A-Z]{1,4}(?:\s+Photo)?$")


def _coordination(lang: str) -> re.Pattern:
    """Give the pattern of the gap between two coordinated names: ", ", " and ", ", and "."""
    return pattern(lang, "AND", r"^(?:\s*,\s*(?:{0}\s+)?|\s+{0}\s+)$", 0)


def _first_word_lemma(mention: Mention, annotated: Annotated) -> str:
    tokens, _ = tokens_in(annotated, mention.start, mention.stop)
    words = [t for t in tokens if t.pos not in ("DET", "PUNCT")]
    return (words[0].lemma if words else mention.text.split()[0]).lower()


def _join_coordinated(mentions: list[Mention], annotated: Annotated) -> list[Mention]:
    """Join a name NER split at its commas: an institution name followed, across ", " or "and",
    by pieces that do not begin an institution name of their own."""
    text, out = annotated.text, []
    for mention in mentions:
        if out:
            last = out[-1]
            gap = text[last.stop : mention.start]
            if (
                annotated.lang == "en"  # title-case names; Russian keeps the pieces in lower case
                and _coordination(annotated.lang).match(gap)
                and not mention.text.isupper()
                and lookup_organisation(mention.normal) is None
                and _first_word_lemma(last, annotated) in lexicon(annotated.lang).INSTITUTION_HEADS
                and _first_word_lemma(mention, annotated) not in lexicon(annotated.lang).INSTITUTION_HEADS
                and mention.text[:1].isupper()
            ):
                surface = text[last.start : mention.stop]
                normal = normaliser(annotated.lang, "organisation")(
                    surface, last.start, *tokens_in(annotated, last.start, mention.stop)
                )
                out[-1] = Mention("organisation", last.start, mention.stop, surface, normal)
                continue
        out.append(mention)
    return out


def is_not_organisation(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """Tell an organisation span that names no organisation (see the module docstring)."""
    text, normal, lex = mention.text, mention.normal, lexicon(annotated.lang)
    words = normal.split()
    if (
        pattern(annotated.lang, "NOT_ORGANISATIONS", r"^{}$").match(text)
        or _PHOTO_CREDIT.match(text)
        or text in lex.GENERIC_ABBREVIATIONS
    ):
        return True
    if annotated.lang == "en" and len(words) == 1 and is_demonym(words[0]):
        return True
    if name_key(normal) in people_keys or (len(words) == 1 and name_key(words[0]) in people_keys):
        return True
    key = name_key(normal)
    if any(len(p.split()) > 1 and key.endswith(" " + p) for p in people_keys):
        return True  # a person swallowed by the span: "Kazakhstan Kassym-Jomart Tokayev"
    if normal.lower() in lex.DOCUMENT_TYPES:
        return True
    if len(words) == 1 and lookup_organisation(normal) is None:
        heads = lex.INSTITUTION_HEADS
        return _first_word_lemma(mention, annotated) in heads or normal.lower() in heads
    return False


def extract_organisations(annotated: Annotated, *, people: Sequence[Mention] = ()) -> Iterator[Mention]:
    """Yield organisation mentions; attrs `abbreviation` holds one given in brackets and `known`
    the gazetteer's entry."""
    text = annotated.text
    people_keys = {name_key(p.normal) for p in people} | {name_key(surname(p.normal)) for p in people}
    mentions = list(span_mentions(annotated, "ORG", "organisation"))
    for mention in _join_coordinated(mentions, annotated):
        if is_not_organisation(mention, annotated, people_keys):
            continue
        normal, abbreviation = split_abbreviation(mention.normal)
        abbreviation = abbreviation or abbreviation_after(text, mention.stop)
        known = lookup_organisation(normal) or (lookup_organisation(abbreviation) if abbreviation else None)
        yield Mention(
            "organisation",
            mention.start,
            mention.stop,
            mention.text,
            normal,
            {"abbreviation": abbreviation, "known": known},
        )
