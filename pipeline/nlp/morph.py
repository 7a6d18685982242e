"""natasha's morphology (pymorphy) loaded once per process, shared by the backend and the grammars."""

from __future__ import annotations

from functools import cache


@cache
def morph_vocab():
    """Give the process's natasha MorphVocab."""
    from natasha import MorphVocab

    return MorphVocab()
