"""Small helpers the span repairs share: one repair at a time over the spans of one type, the
words of a span, its first lemma, its normal form as a place, titles before a name."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...article import Annotated, NerSpan
from ...lexicon import lexicon
from ..common import normaliser, tokens_in

_WORD = re.compile(r"\S+")


def each(spans: list[NerSpan], type: str, repair: Callable[[NerSpan], list[NerSpan]]) -> list[NerSpan]:
    """Give the spans with every span of `type` replaced by what `repair` gives for it (none, the
    span, or others)."""
    out: list[NerSpan] = []
    for span in spans:
        out.extend(repair(span) if span.type == type else (span,))
    return out


def words_of(text: str, start: int) -> list[tuple[int, int, str]]:
    """Give (start, stop, word) of the words of `text`, which starts at offset `start`."""
    return [(start + m.start(), start + m.end(), m.group()) for m in _WORD.finditer(text)]


def first_lemma(annotated: Annotated, start: int) -> str:
    tokens, _ = tokens_in(annotated, start, len(annotated.text))
    return tokens[0].lemma.lower() if tokens else ""


def place_normal(annotated: Annotated, span: NerSpan) -> str:
    return normaliser(annotated.lang, "place")(
        span.text, span.start, *tokens_in(annotated, span.start, span.stop)
    )


def strip_titles(lang: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Give the words without the titles before a name ("Торага", "Ayatollah", "Mr")."""
    titles = lexicon(lang).TITLES
    while words and words[0][2].lower().strip(".") in titles:
        words = words[1:]
    return words
