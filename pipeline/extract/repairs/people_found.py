"""Person spans NER never gave, found from the shape of English news writing.

- A name written right after a title phrase ("Syrian Minister of Culture Nizar Haddad") is a
  person: the capitalised words closing the phrase that are no dictionary word, no place and no
  position.
- An initial and a capitalised surname ("M. Karimova") that no span covers is a person.
"""

from __future__ import annotations

import re

from ...article import Annotated, NerSpan, Token
from ...gazetteer import lookup_place
from ...lexicon import lexicon
from ...rules import rule
from ..common import is_nationality
from ..overlaps import overlaps

_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:['’-][A-Za-z][a-z]+)?$")
_INITIAL_AND_SURNAME = re.compile(r"(?<![\w.])(?:[A-Z]\. ?){1,2}[A-Z][a-z]+(?:['’-][A-Za-z][a-z]+)?\b")


def _name_like(annotated: Annotated, token: Token, positions: frozenset[str], names: set[str]) -> bool:
    """Tell a capitalised word that may be part of a name: a word of a name the article gives
    elsewhere, or no dictionary word, position, place or nationality."""
    from ...nlp.en import dictionary_word

    word = token.text
    return bool(_NAME_WORD.match(word)) and (
        word in names
        or not dictionary_word(word.lower())
        and not dictionary_word(token.lemma.lower())
        and word.lower() not in positions
        and lookup_place(word) is None
        and not is_nationality(annotated, word)
    )


@rule("person.title_listing", stage="spans", langs=("en",), touches=("PER",), off=False)
def _listing_comma(tokens: list[Token], j: int, joiners: frozenset[str]) -> bool:
    """A comma inside a title's list of portfolios, closed by "and" before a name, belongs to the
    title: "Minister of Trade, Industry and Tourism Nodir Alimov"."""
    if tokens[j].text != "," or j + 1 >= len(tokens) or not tokens[j + 1].text[:1].isupper():
        return False
    rest = tokens[j + 1 : j + 8]
    return any(t.text.lower() in joiners and t.pos == "CCONJ" for t in rest)


@rule("person.after_title", stage="spans", langs=("en",), touches=("PER",))
def after_title(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """Capitalised words that end a title phrase and are no dictionary word, place or position
    are a person's name NER missed: "the Syrian Minister of Culture Nizar Haddad said",
    "Ambassador Askar Beshimov" (two words or more; one only when it is a surname the article
    names elsewhere)."""
    lex = lexicon(annotated.lang)
    positions = lex.POSITIONS | lex.TITLES
    joiners = (
        lex.TITLE_PREPOSITIONS | {a.lower() for a in lex.AND} | {a.lower() for a in lex.LEADING_ARTICLES}
    )
    surnames = {s.text.split()[-1] for s in spans if s.type == "PER"}
    names = {w for s in spans if s.type == "PER" for w in s.text.split() if w.lower() not in positions}
    found: list[NerSpan] = []
    from ..roles import _sentence_tokens

    retyped: dict[NerSpan, NerSpan] = {}
    for sentence in annotated.sentences:
        tokens = [t for t in _sentence_tokens(annotated, sentence) if t.pos != "SPACE"]
        for i, token in enumerate(tokens):
            if (
                not (token.lemma.lower() in positions or token.text.lower() in positions)
                or token.pos == "VERB"
            ):
                continue
            j = i + 1
            while j < len(tokens):
                if tokens[j].text == "(":  # "Head of Iran Railways (RAI) Miad Salehi"
                    close = next(
                        (c for c in range(j + 1, min(j + 6, len(tokens))) if tokens[c].text == ")"), None
                    )
                    if close is None:
                        break
                    j = close + 1
                    continue
                if not (
                    tokens[j].text[:1].isupper()
                    or tokens[j].text.lower() in joiners
                    or tokens[j].pos == "PART"
                    or _listing_comma(tokens, j, joiners)
                ):
                    break
                j += 1
            while j > i + 1 and (tokens[j - 1].text.lower() in joiners or tokens[j - 1].text == ","):
                j -= 1  # "… Farid Nouri and the head of …"
            k = j
            while k > i + 1 and _name_like(annotated, tokens[k - 1], positions, names):
                k -= 1
            if k == j:
                continue
            if (
                k > i + 1
                and all(
                    t.text[:1].isupper() and t.text.lower() not in positions and _NAME_WORD.match(t.text)
                    for t in tokens[i + 1 : k]
                )
                and j - (i + 1) <= 3
            ):
                k = i + 1  # "Minister Ali Reza": the whole run after the position word is the name
            name = tokens[k:j]
            if len(name) > 3 or (len(name) == 1 and name[0].text not in surnames):
                continue
            start, stop = name[0].start, name[-1].stop
            over = [s for s in spans + found if s.start < stop and start < s.stop]
            if not over:
                found.append(NerSpan.of(annotated.text, start, stop, "PER"))
            elif len(over) == 1 and over[0].type == "ORG" and (over[0].start, over[0].stop) == (start, stop):
                retyped[over[0]] = NerSpan.of(annotated.text, start, stop, "PER")  # "Farid Nouri" as a body
    if not found and not retyped:
        return spans
    return sorted([retyped.get(s, s) for s in spans] + found, key=lambda s: s.start)


@rule("person.initial_and_surname", stage="spans", langs=("en",), touches=("PER",))
def initial_and_surname(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """An initial and a capitalised surname no span covers are a person: "M. Karimova"."""
    found = [
        span
        for m in _INITIAL_AND_SURNAME.finditer(annotated.text)
        if not overlaps(span := NerSpan.of(annotated.text, m.start(), m.end(), "PER"), spans)
    ]
    return sorted(spans + found, key=lambda s: s.start) if found else spans


@rule("person.common_words", stage="spans", langs=("en",), touches=("PER",))
def common_words(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A person span whose every word the article also writes in lower case is a phrase of common
    nouns in capitals, not a name: "Free Trade" where the text speaks of "free trade zones",
    "Drones" beside "drones"."""
    text = annotated.text

    def common(word: str) -> bool:
        word = word.strip(".,;:()[]")
        return (
            bool(word)
            and word[:1].isupper()
            and re.search(rf"\b{re.escape(word.lower())}\b", text) is not None
        )

    return [s for s in spans if s.type != "PER" or not all(common(w) for w in s.text.split())]


@rule("person.country_in_name", stage="spans", langs=("en",), touches=("PER", "LOC"))
def country_in_name(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A country glued to a person span is a place: "Turkmenistan’s" alone (with its possessive
    ending) names the country; in a headline "Karimov Uzbekistan" the last word is the country and
    the rest the person."""
    endings = lexicon(annotated.lang).POSSESSIVE_ENDINGS

    def country(word: str) -> str | None:
        for ending in endings:
            if word.endswith(ending):
                word = word[: -len(ending)]
        place = lookup_place(word)
        return word if place is not None and place.kind == "country" else None

    out: list[NerSpan] = []
    for span in spans:
        words = span.text.split()
        if span.type != "PER" or not words:
            out.append(span)
            continue
        if len(words) == 1 and country(words[0]):
            word = country(words[0])
            out.append(NerSpan.of(annotated.text, span.start, span.start + len(word), "LOC"))
        elif len(words) > 1 and country(words[-1]) == words[-1]:
            last = span.start + span.text.rindex(words[-1])
            head = annotated.text[span.start : last].rstrip()
            out.append(NerSpan.of(annotated.text, span.start, span.start + len(head), "PER"))
            out.append(NerSpan.of(annotated.text, last, span.stop, "LOC"))
        else:
            out.append(span)
    return out
