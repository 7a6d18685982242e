"""NER span repairs, before the stages: each repair a phenomenon seen in real articles.

- An organisation span naming a place (a country, a dateline city, a city after "in"/"в") becomes
  a place span.
- A place span that begins with other words ("Жогорку Кенеша Кыргызской Республики",
  "Правительство Кыргызская Республика") is cut to the known place at its end; the whole, without
  a leading title, becomes an organisation span.
- A person span loses a leading title ("Торага Нурланбек Шакиев", "Ayatollah Raisi") or place
  ("Ashgabat Mohammad Ahmadi"); one that is only a known organisation or place is retyped, one
  that is only a title or a nationality word ("Kazakh") is dropped.
- A Central Asian patronymic particle after a name joins the person ("Аида Исатбек кызы").
- A dateline glued to the front of a name is cut ("TEHRAN - Uzbek Parliament"); an organisation
  span made only of place names ("Tehran Dushanbe") becomes those places.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..article import Annotated, NerSpan, Token
from ..gazetteer import country_pattern, is_demonym, lookup_organisation, lookup_place
from ..lexicon import lexicon, pattern
from .common import after_place_preposition, english_name, is_misfiled_place, normaliser, tokens_in
from .en_org_spans import repair_english_organisation_spans
from .org_spans import repair_organisation_spans

_WORD = re.compile(r"\S+")


def _words(text: str, start: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in _WORD.finditer(text)]


def _known_place_suffix(annotated: Annotated, span: NerSpan) -> int | None:
    """Give the offset where a known place ends the span (after other words), or None."""
    normalise = normaliser(annotated.lang, "place")
    words = _words(span.text, span.start)
    for i in range(1, len(words)):
        start = words[i][0]
        surface = annotated.text[start : span.stop]
        if lookup_place(normalise(surface, start, *tokens_in(annotated, start, span.stop))):
            return start
    return None


def _first_lemma(annotated: Annotated, start: int) -> str:
    tokens, _ = tokens_in(annotated, start, len(annotated.text))
    return tokens[0].lemma.lower() if tokens else ""


def _place_normal(annotated: Annotated, span: NerSpan) -> str:
    return normaliser(annotated.lang, "place")(
        span.text, span.start, *tokens_in(annotated, span.start, span.stop)
    )


def _strip_titles(lang: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    titles = lexicon(lang).TITLES
    while words and words[0][2].lower().strip(".") in titles:
        words = words[1:]
    return words


def _not_a_place(annotated: Annotated, span: NerSpan, person_words: set[str]) -> bool:
    """Tell a place span that names no place: the country of a currency ("долларов США"), a word
    of a person's name ("Hassan" of "Hassan Rouhani"), a nationality word ("Kazakh", "Kazakh
    city"), an event ("Региональному экологическому саммиту стран"), bare compass words
    ("North-South"), or an institution word written with a
    capital in legal style ("Стороны", "Стороны Соглашения")."""
    text, lang, lex = annotated.text, annotated.lang, lexicon(annotated.lang)
    if pattern(lang, "CURRENCIES", r"{}\s+$").search(text[max(0, span.start - 20) : span.start]):
        return True
    tokens, _ = tokens_in(annotated, span.start, span.stop)
    compass = pattern(lang, "COMPASS_WORDS", r"^(?:{}(?:-|\s|$))+$")
    if any(t.lemma.lower() in lex.PLACE_EVENTS for t in tokens) or compass.match(english_name(span.text)):
        return True
    words = span.text.split()
    if annotated.lang == "en" and is_demonym(words[0]) and all(w.islower() for w in words[1:]):
        return True  # "Kazakh", "Kazakh city"
    if len(words) > 1:  # "Стороны Соглашения": the parties to a document
        return _first_lemma(annotated, span.start) in lex.PARTICIPANT_NOUNS and not lookup_place(span.text)
    if span.text in person_words and not lookup_place(span.text):
        return True
    return lang == "ru" and _first_lemma(annotated, span.start) in lex.INSTITUTION_HEADS


def _with_admin_noun(annotated: Annotated, span: NerSpan) -> NerSpan:
    """Give an adjective place span with the administrative noun NER left after it: "Чуйской" +
    "области"."""
    tokens, sentence = tokens_in(annotated, span.start, span.stop)
    if annotated.lang != "ru" or len(tokens) != 1 or tokens[0].pos != "ADJ":
        return span
    i = sentence.index(tokens[0])
    if i + 1 < len(sentence) and sentence[i + 1].lemma.lower() in lexicon(annotated.lang).ADMIN_NOUNS:
        stop = sentence[i + 1].stop
        return NerSpan.of(annotated.text, span.start, stop, "LOC")
    return span


def _is_common_noun(token: Token) -> bool:
    """Tell a noun that names no one thing ("Законов"), whatever the tagger says of its capital."""
    from ..normalise import known_word, parses

    if token.pos not in ("NOUN", "PROPN") or not known_word(token.text):
        return False  # an unknown word ("Жогорку") is a name
    readings = parses(token.text)
    return bool(readings) and readings[0].tag.POS == "NOUN" and not _NAME_TAGS & readings[0].tag.grammemes


_NAME_TAGS = {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr"}


def _repair_place(annotated: Annotated, span: NerSpan, person_words: set[str]) -> list[NerSpan]:
    span = _with_admin_noun(annotated, span)
    if m := pattern(annotated.lang, "NAME_CONNECTIVES", r"(?:\s+{})+$", 0).search(
        span.text
    ):  # "Republic of Kazakhstan and"
        stop = span.start + m.start()
        span = NerSpan.of(annotated.text, span.start, stop, "LOC")
    if _not_a_place(annotated, span, person_words):
        return []
    if lookup_place(span.normal) or lookup_place(span.text):
        return [span]
    cut = _known_place_suffix(annotated, span)
    if cut is None:
        known = lookup_organisation(_place_normal(annotated, span)) or lookup_organisation(span.text)
        if known and known.kind not in ("regional", "un"):  # a union of states may well be a place
            return [replace(span, type="ORG")]  # "Жогорку Кенеш"
        return [span]
    tokens, _ = tokens_in(annotated, span.start, cut)
    if (
        tokens
        and _is_common_noun(tokens[0])
        and tokens[0].lemma.lower() not in lexicon(annotated.lang).INSTITUTION_HEADS
    ):
        # a common noun before the place: "Законы Кыргызской Республики"
        return [NerSpan.of(annotated.text, cut, span.stop, "LOC")]
    text = annotated.text
    words = _words(text[span.start : cut], span.start)
    rest = _strip_titles(annotated.lang, words)
    if not rest:  # "Торага Кыргызской Республики": a title, then the place
        return [NerSpan.of(text, cut, span.stop, "LOC")]
    start = rest[0][0]
    whole = text[start : span.stop]
    head = text[start:cut].rstrip()
    if lookup_place(
        normaliser(annotated.lang, "place")(head, start, *tokens_in(annotated, start, start + len(head)))
    ):
        # two places side by side: "Чолпон-Ата Кыргызской Республики"
        return [
            NerSpan(start, start + len(head), "LOC", head, head),
            NerSpan.of(text, cut, span.stop, "LOC"),
        ]
    institution = _first_lemma(annotated, start) in lexicon(annotated.lang).INSTITUTION_HEADS
    if not institution and lookup_organisation(whole) is None:
        return [span]  # "Северная Корея": the words before the place are part of its name
    return [
        NerSpan.of(text, cut, span.stop, "LOC"),
        NerSpan(start, span.stop, "ORG", whole, whole),
    ]


def _repair_person(annotated: Annotated, span: NerSpan) -> list[NerSpan]:
    text = annotated.text
    words = _strip_titles(annotated.lang, _words(span.text, span.start))
    places = []
    # "Ashgabat Mohammad Ahmadi": an English place glued before a full name (Russian first names
    # are often city names too: "Владимир Путин").
    while (
        annotated.lang == "en"
        and len(words) > 2
        and lookup_place(words[0][2])
        and lookup_place(words[0][2]).kind in ("city", "country")
        and (
            words[0][2].isupper()
            or after_place_preposition("en", text[max(0, words[0][0] - 12) : words[0][0]])
        )
    ):  # "ambassador to Ashgabat Mohammad Ahmadi", not "Martin Luther King"
        places.append(NerSpan(words[0][0], words[0][1], "LOC", words[0][2], words[0][2]))
        words = words[1:]
    if not words or words[-1][2] in lexicon(annotated.lang).TITLE_CUT_SHORT:
        return []  # "Tajik Minister of": a title cut short, no name
    start, stop = words[0][0], words[-1][1]
    surface = text[start:stop]
    if annotated.lang == "en" and all(is_demonym(w[2]) for w in words):
        return places  # "Kazakh", "Turkmen Tajik"
    if len(words) == 1 and len(surface) >= 3 and surface.isupper():
        return [*places, NerSpan(start, stop, "ORG", surface, surface)]  # "RCUWM": an abbreviation
    if lookup_organisation(surface) or lookup_organisation(
        normaliser(annotated.lang, "organisation")(surface, start, *tokens_in(annotated, start, stop))
    ):
        return [*places, NerSpan(start, stop, "ORG", surface, surface)]
    if is_misfiled_place(annotated.lang, text, start, stop, surface, datelines=surface.isupper()):
        # a country, or a city after "in" or in an upper-case dateline ("Barra, 51," is a person)
        return [*places, NerSpan(start, stop, "LOC", surface, surface)]
    particle = pattern(annotated.lang, "PATRONYMIC_PARTICLES", r"^[ -]{}\b", 0).match(text[stop : stop + 8])
    if particle:
        stop += particle.end()
        surface = text[start:stop]
    return [*places, NerSpan(start, stop, "PER", surface, surface)]


_DATELINE_PREFIX = re.compile(r"^[A-ZА-ЯЁ]{3,}(?:[ -][A-ZА-ЯЁ]{3,})?\s*[-–—]\s+")


def _without_dateline(text: str, span: NerSpan) -> NerSpan:
    """Cut a dateline glued to the front of a name: "TEHRAN - Uzbek Parliament" -> "Uzbek Parliament"."""
    m = _DATELINE_PREFIX.match(span.text)
    if not m or m.end() >= len(span.text):
        return span
    start = span.start + m.end()
    return NerSpan.of(text, start, span.stop, span.type)


def _only_places(span: NerSpan) -> list[NerSpan]:
    """Give one place span per word of an organisation span made only of city and country names
    ("Tehran Dushanbe"), or [] when it is not so."""
    words = _words(span.text, span.start)
    if len(words) < 2:
        return []
    infos = [lookup_place(w) for _, _, w in words]
    if not all(info and info.kind in ("city", "country") for info in infos):
        return []
    return [NerSpan(start, stop, "LOC", word, word) for start, stop, word in words]


def _untagged_countries(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """Give English country names NER left untagged (spaCy's small model often misses
    "Tajikistan"), outside every other span, as place spans."""
    if annotated.lang != "en":
        return []
    taken = [(s.start, s.stop) for s in spans]
    return [
        NerSpan(m.start(), m.end(), "LOC", m.group(), m.group())
        for m in country_pattern().finditer(annotated.text)
        if not any(a < m.end() and m.start() < b for a, b in taken)
    ]


def repair_spans(annotated: Annotated) -> Annotated:
    """Give the article with its NER spans repaired (see the module docstring)."""
    text, out, misfiled, organisations = annotated.text, [], Counter(), Counter()
    person_words = {w for s in annotated.spans if s.type == "PER" for w in s.text.split()}
    for span in repair_english_organisation_spans(annotated, list(annotated.spans)):
        span = _without_dateline(text, span)
        if span.type == "ORG" and is_misfiled_place(
            annotated.lang, text, span.start, span.stop, _place_normal(annotated, span)
        ):
            out.append(replace(span, type="LOC"))
            misfiled[span.text] += 1
        elif span.type == "ORG" and (places := _only_places(span)):
            out.extend(places)
        elif span.type == "LOC":
            out.extend(_repair_place(annotated, span, person_words))
        elif span.type == "PER":
            out.extend(_repair_person(annotated, span))
        else:
            out.append(span)
    out.extend(_untagged_countries(annotated, out))
    # one sense per article: a name the text mostly shows to be a place ("traveled to Isfahan") is a
    # place everywhere ("Isfahan is not an unfamiliar city"); a company or a team that is sometimes
    # "in" or "at" ("Santa Fe", "at MIAMI") stays what NER says
    organisations.update(s.text for s in out if s.type == "ORG")
    places = {name for name, n in misfiled.items() if n >= organisations[name]}
    out = [replace(s, type="LOC") if s.type == "ORG" and s.text in places else s for s in out]
    out = repair_organisation_spans(annotated, sorted(out, key=lambda s: (s.start, s.stop)))
    return replace(annotated, spans=tuple(out))
