"""People's roles: the position written next to a name, in the nominative.

"заместитель директора Агентства по гидрометеорологии МЧС КР А.Осмонов" ->
"заместитель директора Агентства по гидрометеорологии МЧС КР"; "Armenian Deputy Energy Minister
Karen Sargsyan" -> "Armenian Deputy Energy Minister"; "Lola Rakhimova, Programme Officer of
the ADB," -> "Programme Officer of the ADB". The phrase runs from the position word (and the words
that qualify it) up to the name, or after the name and a comma up to the next comma.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..article import Annotated, Mention, Token
from ..lexicon import lexicon
from ..rules import rule

# Words that may stand inside a position phrase between the position word and the name.
_PHRASE_POS = {"NOUN", "PROPN", "ADJ", "ADP", "DET", "CCONJ", "NUM", "PART", "X"}
_MAX_TOKENS = 20


def _is_position(token: Token, positions: frozenset[str]) -> bool:
    return token.lemma.lower() in positions or token.text.lower() in positions


def _allowed(token: Token) -> bool:
    return token.pos in _PHRASE_POS or token.text in {"«", "»", '"', "'s", "’s", "-", "–"}


def _inner_comma(sentence: Sequence[Token], i: int) -> bool:
    """Tell a comma inside a name the position governs: "по международным делам, обороне и миграции"."""
    return sentence[i].text == "," and i + 1 < len(sentence) and sentence[i + 1].text[:1].islower()


def _left_role(sentence: Sequence[Token], first: int, positions: frozenset[str]) -> tuple[int, int] | None:
    """Give (index of the first token, index after the last) of a position phrase ending right
    before token `first`, or None."""
    leftmost_position = None
    i = first - 1
    while i >= 0 and first - i <= _MAX_TOKENS and (_allowed(sentence[i]) or _inner_comma(sentence, i)):
        if _is_position(sentence[i], positions):
            leftmost_position = i
        i -= 1
    if leftmost_position is None:
        return None
    start = leftmost_position
    while (
        start - 1 >= 0
        and sentence[start - 1].pos in ("ADJ", "PROPN")
        and sentence[start - 1].text[:1].isalpha()
    ):
        start -= 1  # "Исполнительный директор", "Iranian Foreign Minister"
    while sentence[first - 1].pos in ("ADP", "CCONJ", "DET") and first - 1 > start:
        first -= 1
    return start, first


def _right_role(sentence: Sequence[Token], after: int, positions: frozenset[str]) -> tuple[int, int] | None:
    """Give the span of an appositive position after the name: "X, Executive Director of CAREC,"."""
    if after >= len(sentence) or sentence[after].text != ",":
        return None
    i = after + 1
    while (
        i < len(sentence)
        and sentence[i].pos in ("ADJ", "PROPN", "DET")
        and not _is_position(sentence[i], positions)
    ):
        i += 1
    if i >= len(sentence) or not _is_position(sentence[i], positions):
        return None
    stop = i
    while stop < len(sentence) and stop - after <= _MAX_TOKENS and _allowed(sentence[stop]):
        stop += 1
    return after + 1, stop


def _nominative_head(text: str, start: int, tokens: Sequence[Token], lang: str) -> str:
    """Give the role with its head noun (and what agrees with it before) in the nominative, lower-cased
    as a common noun phrase."""
    if lang != "ru":
        return text
    from ..normalise import normalise_phrase

    text = normalise_phrase(text, start, tokens)
    return text if re.match(r"^[A-ZА-ЯЁ]{2,}", text) else text[:1].lower() + text[1:]


@rule("person.role", stage="people", touches=("PER",), off=None)
def find_role(annotated: Annotated, person: Mention) -> str | None:
    """Give the position written next to a person's mention, or None."""
    sentence = annotated.sentence_at(person.start)
    if sentence is None:
        return None
    tokens = sentence.tokens
    first = next((i for i, t in enumerate(tokens) if t.start >= person.start), None)
    after = next((i for i, t in enumerate(tokens) if t.start >= person.stop), len(tokens))
    if first is None:
        return None
    positions = lexicon(annotated.lang).POSITIONS
    found = _left_role(tokens, first, positions) or _right_role(tokens, after, positions)
    if found is None:
        return None
    lo, hi = found
    if hi <= lo:
        return None
    start, stop = tokens[lo].start, tokens[hi - 1].stop
    role = _nominative_head(annotated.text[start:stop], start, tokens[lo:hi], annotated.lang)
    return re.sub(r"\s+", " ", role).strip(" ,")
