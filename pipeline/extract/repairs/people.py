"""Person span repairs: titles and places glued to a name, names that are no person, and the
Central Asian patronymic particle NER leaves out.

- A person span loses a leading title ("Торага Айбек Сыдыков", "Sheikh Hamdan") or an
  English place glued before a full name ("envoy to Baku Rustam Aliev").
- A span that is only a title cut short ("Tajik Minister of") or nationality words ("Kazakh",
  "Turkmen Tajik") names no one; one that is an abbreviation in capitals ("RCUWM") or a known
  organisation is an organisation; one that is a country, or a city after "in" or in an upper-case
  dateline, is a place.
- A patronymic particle after a name joins it ("Аида Исатбек кызы").
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...article import Annotated, NerSpan
from ...gazetteer import lookup_organisation, lookup_place
from ...lexicon import lexicon, pattern
from ...lexicon.common import SOCIAL_NETWORKS
from ...rules import rule
from ..common import after_place_preposition, is_misfiled_place, is_nationality, normaliser, tokens_in
from .base import each, place_normal, strip_titles, words_of


def _span(annotated: Annotated, start: int, stop: int, type: str) -> NerSpan:
    surface = annotated.text[start:stop]
    return NerSpan(start, stop, type, surface, surface)


@rule("person.title", stage="spans", touches=("PER",))
def title(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A title before a name is no part of it: "Торага Нурланбек Шакиев", "Ayatollah Raisi"; a
    span of titles only names no one."""

    def repair(span: NerSpan) -> list[NerSpan]:
        words = words_of(span.text, span.start)
        rest = strip_titles(annotated.lang, words)
        if rest == words:
            return [span]
        return [_span(annotated, rest[0][0], rest[-1][1], "PER")] if rest else []

    return each(spans, "PER", repair)


@rule("person.leading_body", stage="spans", langs=("en",), touches=("PER", "ORG"))
def leading_body(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A body's abbreviation, and the position after it, glued before a full name are no part of
    it: "[ECO] Khurshid Anwar", "[UNDP Head] Dilnoza Azimova", "[Head] Dilnoza Azimova"; the
    abbreviation is an organisation."""
    en = lexicon(annotated.lang)
    positions = en.POSITIONS | en.TITLES

    def repair(span: NerSpan) -> list[NerSpan]:
        words, bodies = words_of(span.text, span.start), []
        while len(words) > 2:
            start, stop, word = words[0]
            if word.isupper() and word.isalpha() and len(word) > 1 and lookup_place(word) is None:
                bodies.append(NerSpan.of(annotated.text, start, stop, "ORG"))
            elif not (word[:1].isupper() and word.lower() in positions):
                break
            words = words[1:]
        if len(words) == len(words_of(span.text, span.start)):
            return [span]
        return [*bodies, _span(annotated, words[0][0], words[-1][1], "PER")]

    return each(spans, "PER", repair)


_NAME_AFTER = re.compile(r"[ \t]+((?:[A-Z][a-z’'-]+)(?:[ \t]+[A-Z][a-z’'-]+){0,2})\b")


@rule("person.leading_place", stage="spans", langs=("en",), touches=("PER", "LOC"))
def leading_place(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """An English city or country glued before a full name is a place: "ambassador to Ashgabat
    Mohammad Ahmadi", "TEHRAN Ali Bagheri" (not "Martin Luther King"; Russian first names are
    often city names too: "Владимир Путин"); where NER cut the name after its first word, the
    name words after the span join it ("to Dushanbe [Farhod] Rahim Sharipov")."""
    text = annotated.text

    def repair(span: NerSpan) -> list[NerSpan]:
        words, places = words_of(span.text, span.start), []
        more = _NAME_AFTER.match(text, span.stop)
        if len(words) == 2 and more:  # NER cut the name: "to Dushanbe [Farhod] Rahim Sharipov"
            words = [*words, *words_of(more.group(1), more.start(1))]
        while len(words) > 2:
            start, stop, word = words[0]
            info = lookup_place(word)
            if not (info and info.kind in ("city", "country")):
                break
            if not (word.isupper() or after_place_preposition("en", text[max(0, start - 12) : start])):
                break
            places.append(NerSpan(start, stop, "LOC", word, word))
            words = words[1:]
        return [*places, _span(annotated, words[0][0], words[-1][1], "PER")] if places else [span]

    return each(spans, "PER", repair)


@rule("person.title_cut_short", stage="spans", langs=("en",), touches=("PER",))
def title_cut_short(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A title NER cut before the name names no one: "Tajik Minister of"."""
    last_words = lexicon(annotated.lang).TITLE_CUT_SHORT
    return each(spans, "PER", lambda span: [] if span.text.split()[-1] in last_words else [span])


@rule("person.nationality_words", stage="spans", langs=("en",), touches=("PER",))
def nationality_words(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """Nationality words name no one: "Kazakh", "Turkmen Tajik"."""
    return each(
        spans,
        "PER",
        lambda span: [] if all(is_nationality(annotated, w) for w in span.text.split()) else [span],
    )


@rule("person.abbreviation", stage="spans", touches=("PER", "ORG"))
def abbreviation(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A one-word person in capitals is an abbreviation of a body: "RCUWM"."""

    def repair(span: NerSpan) -> list[NerSpan]:
        single = " " not in span.text.strip() and len(span.text) >= 3 and span.text.isupper()
        return [replace(span, type="ORG", normal=span.text) if single else span]

    return each(spans, "PER", repair)


@rule("person.known_organisation", stage="spans", touches=("PER", "ORG"))
def known_organisation(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A person span that names a known organisation is one."""
    normalise = normaliser(annotated.lang, "organisation")

    def repair(span: NerSpan) -> list[NerSpan]:
        known = lookup_organisation(span.text) or lookup_organisation(
            normalise(span.text, span.start, *tokens_in(annotated, span.start, span.stop))
        )
        return [replace(span, type="ORG", normal=span.text) if known else span]

    return each(spans, "PER", repair)


@rule("person.place_name", stage="spans", touches=("PER", "LOC"))
def place_name(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A person span that is a country, or a city after "in" or in an upper-case dateline, is a
    place ("Barra, 51," in a sports table is a person)."""

    def repair(span: NerSpan) -> list[NerSpan]:
        misfiled = is_misfiled_place(
            annotated.lang, annotated.text, span.start, span.stop, span.text, datelines=span.text.isupper()
        )
        return [replace(span, type="LOC", normal=span.text) if misfiled else span]

    return each(spans, "PER", repair)


@rule("person.natural_feature", stage="spans", touches=("PER", "LOC"))
def natural_feature(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A person span that is a known river, sea, lake or range is that place: "the Amu Darya",
    "Иссык-Куль" (no one is named after a natural feature in the news)."""
    articles = lexicon(annotated.lang).LEADING_ARTICLES

    def repair(span: NerSpan) -> list[NerSpan]:
        words = span.text.split()
        bare = " ".join(words[1:] if len(words) > 1 and words[0] in articles else words)
        info = lookup_place(bare) or lookup_place(place_normal(annotated, span))
        return [replace(span, type="LOC", normal=span.text) if info and info.kind == "natural" else span]

    return each(spans, "PER", repair)


@rule("person.patronymic_particle", stage="spans", touches=("PER",))
def patronymic_particle(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A Central Asian patronymic particle after a name joins it: "Аида Исатбек кызы"."""
    particle = pattern(annotated.lang, "PATRONYMIC_PARTICLES", r"^[ -]{}\b", 0)

    def repair(span: NerSpan) -> list[NerSpan]:
        m = particle.match(annotated.text[span.stop : span.stop + 8])
        return [_span(annotated, span.start, span.stop + m.end(), "PER") if m else span]

    return each(spans, "PER", repair)


@rule("person.named_as_organisation", stage="spans", touches=("ORG", "PER"))
def named_as_organisation(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """An organisation span of two to four capitalised words, none a body's head or a place,
    that ends with the surname of a person the article names is that person: "[Ebrahim Raisi]"
    tagged an organisation where "Raisi" is a person elsewhere."""
    surnames = {s.text.split()[-1] for s in spans if s.type == "PER"}
    heads = lexicon(annotated.lang).HEAD_WORDS

    def repair(span: NerSpan) -> list[NerSpan]:
        words = span.text.split()
        person = (
            2 <= len(words) <= 4
            and words[-1] in surnames
            and all(w[:1].isupper() and w.lower() not in heads and not lookup_place(w) for w in words)
            and not lookup_organisation(span.text)
        )
        return [replace(span, type="PER") if person else span]

    return each(spans, "ORG", repair)


@rule("person.not_a_name", stage="spans", langs=("en",), touches=("PER",))
def not_a_name(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A person span that names a facility or an event ("… Port", "… Mosque", "… Exhibition"), a
    social network ("Twitter"), or a nationality and a portfolio before a position ("Tajik Defense"
    of "Tajik Defense Minister") names no one; an article NER left at its end is cut ("Raisi The")."""
    lex = lexicon(annotated.lang)
    text = annotated.text

    def repair(span: NerSpan) -> list[NerSpan]:
        words = span.text.split()
        last = words[-1].lower()
        if last in lex.FACILITY_WORDS | lex.MEETINGS or span.text.lower() in SOCIAL_NETWORKS:
            return []
        after = text[span.stop : span.stop + 30].split()
        if is_nationality(annotated, words[0]) and after and after[0].lower().strip(".,") in lex.POSITIONS:
            return []
        if len(words) > 1 and words[-1] in lex.LEADING_ARTICLES:
            return [_span(annotated, span.start, span.start + len(span.text.rsplit(None, 1)[0]), "PER")]
        return [span]

    return each(spans, "PER", repair)


_APOSTROPHES = re.compile(r"[’‘`ʼ]")


@rule("person.lone_word", stage="spans", langs=("en",), touches=("PER",))
def lone_word(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A one-word English person the article writes once, with no position or title right before
    it, is no one it names: a festival, a flower, a news site, a photo credit ("Navruz", "Lola")."""
    lex = lexicon(annotated.lang)
    text = annotated.text
    folded = _APOSTROPHES.sub("'", text)  # "Ra’ad" and "Ra'ad" are one name

    def repair(span: NerSpan) -> list[NerSpan]:
        word = _APOSTROPHES.sub("'", span.text.strip())
        if " " in word or "." in word or len(re.findall(rf"(?<![\w-]){re.escape(word)}", folded)) > 1:
            return [span]
        before = text[max(0, span.start - 40) : span.start].split()
        if before and before[-1].lower().strip(".,") in lex.POSITIONS | lex.TITLES:
            return [span]
        return []

    return each(spans, "PER", repair)
