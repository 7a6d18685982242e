"""Place span repairs: what NER tags as a place that is none, places it tags as something else,
and places it cuts or misses.

- A place span that names no place is dropped: the country of a currency ("долларов США"), an
  event ("…экологическому саммиту стран"), compass words ("North-South"), a nationality word
  ("Kazakh city"), the parties to a document ("Стороны Соглашения"), a word of a person's name,
  an institution word written with a capital.
- An adjective place gets the administrative noun NER left after it ("Чуйской" + "области"); a
  trailing "and"/"of" is cut.
- A place span that begins with other words is cut to the known place at its end ("Законы
  Кыргызской Республики", "Торага Кыргызской Республики"); two places side by side are split;
  an institution before the place makes the whole an organisation beside the place; a known body
  tagged as a place becomes an organisation ("Жогорку Кенеш"; a union of states stays a place).
- An organisation span that names a place becomes a place: a country, a dateline city, a city
  after "in"/"в"; a name the article mostly shows to be a place is one everywhere in it; an
  organisation span made only of place names becomes those places ("Tehran Dushanbe").
- English countries NER left untagged are found by the gazetteer; a dateline glued to the front
  of a name is cut ("TEHRAN - Uzbek Parliament").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache

from ...article import Annotated, NerSpan, Token
from ...gazetteer import country_names_written, lookup_organisation, lookup_place
from ...lexicon import lexicon, pattern
from ...rules import rule
from ..common import english_name, is_misfiled_place, is_nationality, normaliser, tokens_in
from ..overlaps import filter_spans, overlaps
from .base import each, first_lemma, place_normal, strip_titles, words_of

_DATELINE_PREFIX = re.compile(r"^[A-ZА-ЯЁ]{3,}(?:[ -][A-ZА-ЯЁ]{3,})?\s*[-–—]\s+")
_NAME_TAGS = {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr"}  # pymorphy's tags of proper names


@rule("span.dateline_prefix", stage="spans", touches=("ORG", "LOC", "PER"))
def dateline_prefix(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A dateline glued to the front of a name is cut: "TEHRAN - Uzbek Parliament"."""
    out = []
    for span in spans:
        m = _DATELINE_PREFIX.match(span.text)
        if m and m.end() < len(span.text):
            span = NerSpan.of(annotated.text, span.start + m.end(), span.stop, span.type)
        out.append(span)
    return out


@rule("place.admin_noun", stage="spans", langs=("ru",), touches=("LOC",))
def admin_noun(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """An adjective place gets the administrative noun NER left after it: "Чуйской" + "области"."""

    def repair(span: NerSpan) -> list[NerSpan]:
        tokens, sentence = tokens_in(annotated, span.start, span.stop)
        if len(tokens) != 1 or tokens[0].pos != "ADJ":
            return [span]
        i = sentence.index(tokens[0])
        if i + 1 < len(sentence) and sentence[i + 1].lemma.lower() in lexicon(annotated.lang).ADMIN_NOUNS:
            return [NerSpan.of(annotated.text, span.start, sentence[i + 1].stop, "LOC")]
        return [span]

    return each(spans, "LOC", repair)


@rule("place.trailing_connective", stage="spans", touches=("LOC",))
def trailing_connective(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A conjunction or preposition NER left at the end of a place is cut: "Republic of Kazakhstan and"."""
    connective = pattern(annotated.lang, "NAME_CONNECTIVES", r"(?:\s+{})+$", 0)

    def repair(span: NerSpan) -> list[NerSpan]:
        m = connective.search(span.text)
        return [NerSpan.of(annotated.text, span.start, span.start + m.start(), "LOC") if m else span]

    return each(spans, "LOC", repair)


def _drop_places(spans: list[NerSpan], no_place) -> list[NerSpan]:
    return each(spans, "LOC", lambda span: [] if no_place(span) else [span])


@rule("place.currency_country", stage="spans", touches=("LOC",))
def currency_country(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """The country of a currency is no place of the news: "долларов США", "US dollars"."""
    currency = pattern(annotated.lang, "CURRENCIES", r"{}\s+$")
    return _drop_places(
        spans, lambda s: bool(currency.search(annotated.text[max(0, s.start - 20) : s.start]))
    )


@rule("place.event", stage="spans", touches=("LOC",))
def event(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A span holding an event word names an event: "Региональному экологическому саммиту стран"."""
    events = lexicon(annotated.lang).PLACE_EVENTS

    def is_event(span: NerSpan) -> bool:
        tokens, _ = tokens_in(annotated, span.start, span.stop)
        return any(t.lemma.lower() in events for t in tokens)

    return _drop_places(spans, is_event)


@rule("place.compass", stage="spans", langs=("en",), touches=("LOC",))
def compass(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """Bare compass words are no place: "North-South"."""
    words = pattern(annotated.lang, "COMPASS_WORDS", r"^(?:{}(?:-|\s|$))+$")
    return _drop_places(spans, lambda s: bool(words.match(english_name(s.text))))


@rule("place.nationality_word", stage="spans", langs=("en",), touches=("LOC",))
def nationality_word(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A nationality word is no place: "Kazakh", "Kazakh city"."""

    def demonym(span: NerSpan) -> bool:
        words = span.text.split()
        return is_nationality(annotated, words[0]) and all(w.islower() for w in words[1:])

    return _drop_places(spans, demonym)


@rule("place.document_parties", stage="spans", touches=("LOC",))
def document_parties(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """The parties to a document written with capitals in legal style are no place: "Стороны Соглашения"."""
    nouns = lexicon(annotated.lang).PARTICIPANT_NOUNS
    return _drop_places(
        spans,
        lambda s: (
            len(s.text.split()) > 1 and first_lemma(annotated, s.start) in nouns and not lookup_place(s.text)
        ),
    )


@rule("place.person_name_word", stage="spans", touches=("LOC", "PER"))
def person_name_word(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A one-word place that is a word of a person's name in the article is none: "Hassan" of
    "Hassan Rouhani"."""
    person_words = {w for s in annotated.spans if s.type == "PER" for w in s.text.split()}
    return _drop_places(
        spans, lambda s: len(s.text.split()) == 1 and s.text in person_words and not lookup_place(s.text)
    )


@rule("place.institution_word", stage="spans", langs=("ru",), touches=("LOC",))
def institution_word(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A lone institution word written with a capital is no place: "Стороны", "Правительство"."""
    heads = lexicon(annotated.lang).INSTITUTION_HEADS
    return _drop_places(
        spans,
        lambda s: (
            len(s.text.split()) == 1
            and first_lemma(annotated, s.start) in heads
            and not situated_in_place(annotated, s, spans)
        ),
    )


@rule("place.situated_in_place", stage="spans", touches=("LOC",), off=False)
def situated_in_place(annotated: Annotated, span: NerSpan, spans: list[NerSpan]) -> bool:
    """A place span followed by the larger place it lies in is a place, whatever common word it
    reads as: "в Поле на Сардинии"."""
    after = pattern(annotated.lang, "SITUATED_PREPOSITIONS", r"[ \t]+{}[ \t]+", 0).match(
        annotated.text, span.stop
    )
    return bool(after) and any(s.type == "LOC" and s.start == after.end() for s in spans)


def _known(span: NerSpan) -> bool:
    return bool(lookup_place(span.normal) or lookup_place(span.text))


def _known_place_suffix(annotated: Annotated, span: NerSpan) -> int | None:
    """Give the offset where a known place ends the span (after other words), or None."""
    normalise = normaliser(annotated.lang, "place")
    for start, _, _ in words_of(span.text, span.start)[1:]:
        surface = annotated.text[start : span.stop]
        if lookup_place(normalise(surface, start, *tokens_in(annotated, start, span.stop))):
            return start
    return None


@rule("place.known_body", stage="spans", touches=("LOC", "ORG"))
def known_body(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A known body NER tags as a place is an organisation ("Жогорку Кенеш"); a union of states
    may well be a place, as the annotated corpora have it ("ЕС")."""

    def repair(span: NerSpan) -> list[NerSpan]:
        if _known(span) or _known_place_suffix(annotated, span) is not None:
            return [span]
        known = lookup_organisation(place_normal(annotated, span)) or lookup_organisation(span.text)
        return [replace(span, type="ORG") if known and known.kind not in ("regional", "un") else span]

    return each(spans, "LOC", repair)


def _is_common_noun(token: Token) -> bool:
    """Tell a noun that names no one thing ("Законов"), whatever the tagger says of its capital."""
    from ...nlp.morph import known_word, parses

    if token.pos not in ("NOUN", "PROPN") or not known_word(token.text):
        return False  # an unknown word ("Жогорку") is a name
    readings = parses(token.text)
    return bool(readings) and readings[0].tag.POS == "NOUN" and not _NAME_TAGS & readings[0].tag.grammemes


@rule("place.known_suffix", stage="spans", touches=("LOC", "ORG"))
def known_suffix(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A place span that begins with other words is cut to the known place at its end: a common
    noun or a title before it is dropped ("Законы Кыргызской Республики"), two places side by side
    are split ("Чолпон-Ата Кыргызской Республики"), an institution before it makes the whole an
    organisation beside the place ("Жогорку Кенеша Кыргызской Республики")."""
    text, lang = annotated.text, annotated.lang
    heads = lexicon(lang).INSTITUTION_HEADS

    def repair(span: NerSpan) -> list[NerSpan]:
        cut = None if _known(span) else _known_place_suffix(annotated, span)
        if cut is None or state_form_name(annotated, span.start, cut):
            return [span]
        place = NerSpan.of(text, cut, span.stop, "LOC")
        tokens, _ = tokens_in(annotated, span.start, cut)
        if tokens and _is_common_noun(tokens[0]) and tokens[0].lemma.lower() not in heads:
            return [place]
        rest = strip_titles(lang, words_of(text[span.start : cut], span.start))
        if not rest:
            return [place]
        start = rest[0][0]
        whole, head = text[start : span.stop], text[start:cut].rstrip()
        if lookup_place(
            normaliser(lang, "place")(head, start, *tokens_in(annotated, start, start + len(head)))
        ):
            return [NerSpan(start, start + len(head), "LOC", head, head), place]
        if first_lemma(annotated, start) not in heads and lookup_organisation(whole) is None:
            return [span]  # "Северная Корея": the words before the place are part of its name
        return [place, NerSpan(start, span.stop, "ORG", whole, whole)]

    return each(spans, "LOC", repair)


@rule("place.state_form_name", stage="spans", langs=("ru",), touches=("LOC",), off=False)
def state_form_name(annotated: Annotated, start: int, stop: int) -> bool:
    """A state form alone before a place is part of its name: "Республика Тыва", "Королевство
    Тонга", not a word to cut off."""
    forms = lexicon(annotated.lang).STATE_FORMS
    words = words_of(annotated.text[start:stop], start)
    return (
        annotated.lang == "ru"
        and len(words) == 1
        and any(re.fullmatch(form, first_lemma(annotated, start), re.IGNORECASE) for form in forms)
    )


@rule("place.organisation_named_place", stage="spans", touches=("ORG", "LOC"))
def organisation_named_place(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """An organisation span that names a place becomes a place: a country ("Kazakhstan
    signed"), a city in a dateline ("ALMATY, 3 March") or after a preposition of place ("traveled
    to Isfahan"); a city elsewhere stays what NER says ("Leeds beat Arsenal"), and so does a name
    in quotes (the bank «Россия»)."""
    out, misfiled = [], Counter()
    for span in spans:
        if (
            span.type == "ORG"
            and not _quoted(annotated.text, span)
            and is_misfiled_place(
                annotated.lang, annotated.text, span.start, span.stop, place_normal(annotated, span)
            )
        ):
            span = replace(span, type="LOC")
            misfiled[span.text] += 1
        out.append(span)
    return one_sense_per_article(annotated, out, misfiled)


_NAME_AFTER_CITY = re.compile(r"[ \t]+([A-Z][a-z][\w-]*)(?![ \t]+[A-Z])")


@rule("place.company_named_after_city", stage="spans", langs=("en",), touches=("ORG", "LOC"), off=False)
def company_named_after_city(annotated: Annotated, span: NerSpan) -> bool:
    """A city NER tags an organisation is the company named after it when the article writes the
    city with one word of the company's own ("Omsk Tyres"), none a body's head, a facility, a
    position or a place, and never as a place after "in", "to" or "from" ("Omsk Tyres said …
    Omsk's debts")."""
    if annotated.lang != "en":
        return False
    lex, text, name = lexicon(annotated.lang), annotated.text, re.escape(span.text)
    if pattern(annotated.lang, "PLACE_PREPOSITIONS", rf"\b{{}}[ \t]+(?:the[ \t]+)?{name}\b").search(text):
        return False
    ordinary = lex.HEAD_WORDS | lex.FACILITY_WORDS | lex.MEETINGS | lex.POSITIONS | lex.TITLES
    for found in re.finditer(rf"\b{name}(?={_NAME_AFTER_CITY.pattern})", text):
        word = _NAME_AFTER_CITY.match(text, found.end()).group(1)
        lower = word.lower()
        if not (
            {lower, lower.removesuffix("s")} & ordinary
            or lookup_place(word)
            or is_nationality(annotated, word)
        ):
            return True
    return False


@rule("place.one_sense_per_article", stage="spans", touches=("ORG", "LOC"))
def one_sense_per_article(annotated: Annotated, spans: list[NerSpan], misfiled: Counter) -> list[NerSpan]:
    """A name the article mostly shows to be a place ("flew to Tabriz") is a place everywhere
    in it ("Tabriz hosts the fair"); a company or a team that is sometimes "in" or
    "at" ("Santa Fe", "at MIAMI") stays what NER says."""
    organisations = Counter(s.text for s in spans if s.type == "ORG")
    places = {name for name, n in misfiled.items() if n >= organisations[name]}
    return [replace(s, type="LOC") if s.type == "ORG" and s.text in places else s for s in spans]


@rule("place.organisation_of_places", stage="spans", touches=("ORG", "LOC"))
def organisation_of_places(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """An organisation span made only of city and country names is those places: "Tehran Dushanbe"."""

    def repair(span: NerSpan) -> list[NerSpan]:
        words = words_of(span.text, span.start)
        infos = [lookup_place(w) for _, _, w in words]
        if len(words) < 2 or not all(info and info.kind in ("city", "country") for info in infos):
            return [span]
        return [NerSpan(start, stop, "LOC", word, word) for start, stop, word in words]

    return each(spans, "ORG", repair)


@cache
def _country_matcher():
    """Give spaCy's English tokenizer and a PhraseMatcher of the countries' written names (exact
    words, capitalised as written)."""
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab)
    matcher.add("COUNTRY", list(nlp.tokenizer.pipe(country_names_written())))
    return nlp.tokenizer, matcher


@rule("place.untagged_country", stage="spans", langs=("en",), touches=("LOC",))
def untagged_country(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """English country names NER left untagged (spaCy's small model often misses
    "Tajikistan") are places, outside every other span."""
    tokenizer, matcher = _country_matcher()
    doc = tokenizer(annotated.text)
    found = [
        NerSpan(s.start_char, s.end_char, "LOC", s.text, s.text)
        for s in filter_spans(
            [doc[start:end] for _, start, end in matcher(doc)], bounds=lambda s: (s.start, s.end)
        )
    ]
    names = [s for s in spans if s.type != "NORP"]  # spaCy tags a country NORP at times: a place
    found = [s for s in found if not overlaps(s, names)]
    return [s for s in spans if not overlaps(s, found)] + found


_PLACE_PAIR = re.compile(r"[-–—]")


def _quoted(text: str, span: NerSpan) -> bool:
    """Tell a name written in quotes ("«Ленинград»"): the name of a body or a work, not the place."""
    return text[span.start - 1 : span.start] in ("«", '"', "“", "„") and text[span.stop : span.stop + 1] in (
        "»",
        '"',
        "”",
        "“",
    )


def _read_as_name(lang: str, word: str) -> bool:
    """Tell a Russian word whose likeliest reading is a surname or a first name ("Пушкин", "Аркадия"),
    not the city of that name."""
    if lang != "ru" or " " in word:
        return False
    from ...nlp.morph import parses

    found = parses(word)
    return bool(found) and bool(
        {"Surn", "Name", "Patr"} & set(str(found[0].tag).replace(" ", ",").split(","))
    )


@rule("place.city_of_named_country", stage="spans", touches=("ORG", "PER", "LOC"))
def city_of_named_country(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """An organisation or person span that is a known city of a country the article names is a
    place: "Dushanbe and Tehran agreed", "Ashgabat hosted the talks" when the article speaks of
    Tajikistan, Iran or Turkmenistan; so are places joined by a dash ("Tehran-Dushanbe"). A
    city of a country the article never names stays what NER says ("Leeds beat Arsenal"), and so
    does a word or words the article uses in a person's fuller name, a name in quotes («Россия», a
    bank) and a Russian word read first as a surname or a first name ("Пушкин")."""
    countries = {
        info.country
        for s in spans
        if s.type == "LOC"
        and (info := lookup_place(s.text) or lookup_place(place_normal(annotated, s)))
        and info.kind == "country"
    }
    person_words = {w for s in spans if s.type == "PER" and len(s.text.split()) > 1 for w in s.text.split()}
    person_names = [s.text for s in spans if s.type == "PER" and len(s.text.split()) > 1]

    def places_of(span: NerSpan) -> list[NerSpan] | None:
        parts = _PLACE_PAIR.split(span.text) if len(span.text.split()) == 1 else [span.text]
        infos = [lookup_place(p) for p in parts]
        if len(parts) > 1 and all(i is not None and i.kind in ("city", "country") for i in infos):
            out, offset = [], span.start
            for part in parts:
                start = annotated.text.index(part, offset)
                out.append(NerSpan.of(annotated.text, start, start + len(part), "LOC"))
                offset = start + len(part)
            return out
        info = lookup_place(span.text)
        if info is None or info.kind != "city" or info.country not in countries:
            return None
        if _quoted(annotated.text, span) or (span.type == "PER" and _read_as_name(annotated.lang, span.text)):
            return None  # a band, a bank or a paper named after a city: «Россия»; "Пушкин"
        if span.type == "ORG" and company_named_after_city(annotated, span):
            return None  # "Norilsk" of "Norilsk Nickel"
        if span.type == "PER" and (
            span.text in person_words or any(span.text in t and span.text != t for t in person_names)
        ):
            return None  # "Abbas" of "Abbas Araghchi", but not "Bandar Abbas"
        return [replace(span, type="LOC", normal=span.text)]

    out: list[NerSpan] = []
    for span in spans:
        found = places_of(span) if span.type in ("ORG", "PER") and span.text[:1].isupper() else None
        out.extend(found if found is not None else [span])
    return out
