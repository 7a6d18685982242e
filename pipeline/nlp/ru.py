"""natasha adapter: segmenter, morphology, lemmas, syntax and NER -> our types."""

from __future__ import annotations

from functools import lru_cache

from natasha import (
    Doc,
    NewsEmbedding,
    NewsMorphTagger,
    NewsNERTagger,
    NewsSyntaxParser,
    Segmenter,
)
from natasha.const import ORG
from natasha.doc import DocToken
from natasha.morph.lemma import lemmatize
from natasha.norm import normalize, syntax_normalize

from ..article import NerSpan, Sentence, Token
from . import Backend
from .morph import morph_vocab

LEMMA_CACHE = 100_000  # (word, POS, features) -> lemma; bounded so memory stays flat
NORMAL_CACHE = 20_000  # NER spans' tokens -> natasha's normal form


class NatashaBackend(Backend):
    lang = "ru"

    def __init__(self) -> None:
        embedding = NewsEmbedding()
        self.segmenter = Segmenter()
        self.morph_vocab = morph_vocab()
        self.morph_tagger = NewsMorphTagger(embedding)
        self.syntax_parser = NewsSyntaxParser(embedding)
        self.ner_tagger = NewsNERTagger(embedding)
        # natasha's DocToken.lemmatize picks the best pymorphy parse for every token anew; the
        # lemma depends only on the word, its POS and its features, which repeat across a corpus.
        self._lemma = lru_cache(maxsize=LEMMA_CACHE)(self._lemmatize)
        self._normal = lru_cache(maxsize=NORMAL_CACHE)(self._normalize)

    def _lemmatize(self, word: str, pos: str, feats: tuple) -> str:
        return lemmatize(self.morph_vocab, word, pos, dict(feats))

    def annotate_piece(self, text: str, offset: int) -> tuple[list[Sentence], list[NerSpan]]:
        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph_tagger)
        doc.parse_syntax(self.syntax_parser)
        doc.tag_ner(self.ner_tagger)
        sentences = []
        for sent in doc.sents:
            index = {token.id: i for i, token in enumerate(sent.tokens)}
            tokens = []
            for token in sent.tokens:
                feats = token.feats or {}
                lemma = self._lemma(token.text, token.pos, tuple(feats.items()))
                tokens.append(
                    Token(
                        start=token.start + offset,
                        stop=token.stop + offset,
                        text=token.text,
                        lemma=(lemma or token.text).lower(),
                        pos=token.pos or "X",
                        feats=dict(feats),
                        head=index.get(token.head_id, -1),
                        rel=token.rel or "",
                    )
                )
            sentences.append(Sentence(sent.start + offset, sent.stop + offset, tuple(tokens)))
        spans = [
            NerSpan(span.start + offset, span.stop + offset, span.type, span.text, self._span_normal(span))
            for span in doc.spans
        ]
        return sentences, spans

    def _span_normal(self, span) -> str:
        """Give natasha's normal form of a NER span (`DocSpan.normalize`), or its text when the
        normaliser fails. The normal form depends only on the span's type and its tokens' words,
        tags, spacing and (for organisations) heads within the span, so it is cached by these:
        the same names recur across a corpus."""
        tokens = span.tokens or []
        first = tokens[0].start if tokens else span.start
        ids = {token.id: i for i, token in enumerate(tokens)}
        key = tuple(
            (
                t.text,
                t.pos,
                tuple((t.feats or {}).items()),
                ids.get(t.head_id, -1),
                t.start - first,
                t.stop - first,
            )
            for t in tokens
        )
        return self._normal(span.type == ORG, key) or span.text

    def _normalize(self, organisation: bool, key: tuple) -> str | None:
        tokens = [
            DocToken(
                start,
                stop,
                text,
                id=str(i),
                head_id=str(head) if head >= 0 else "-",
                pos=pos,
                feats=dict(feats),
            )
            for i, (text, pos, feats, head, start, stop) in enumerate(key)
        ]
        try:
            return (syntax_normalize if organisation else normalize)(self.morph_vocab, tokens)
        except Exception:  # natasha's normaliser fails on rare token shapes; keep the text
            return None
