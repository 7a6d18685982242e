"""Matching keys of names: the one place that says when two spellings are the same name."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import alternatives, lexicon

_QUOTES = re.compile(r"[«»“”„\"'‘’`]")
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_LEADING_ARTICLE = re.compile(rf"^{alternatives(lexicon('en').LEADING_ARTICLES)}\s+")


def has_cyrillic(text: str) -> bool:
    """Tell whether `text` has a Cyrillic letter."""
    return any("\u0400" <= c <= "\u04ff" for c in text)


@lru_cache(maxsize=65536)  # asked for the same names again and again by every stage
def name_key(text: str) -> str:
    """Give the key of a name: case, ё, quotes, dashes, dots, spaces and a leading "the" unified."""
    text = _QUOTES.sub("", text.casefold().replace("ё", "е"))
    text = _DASHES.sub("-", text)
    text = re.sub(r"\s*\.\s*", ". ", text)
    text = _LEADING_ARTICLE.sub("", text.strip())
    return re.sub(r"\s+", " ", text).strip(" .,;:")
