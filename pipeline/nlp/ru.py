"""natasha adapter: segmenter, morphology, lemmas, syntax and NER -> our types."""

from __future__ import annotations

import copy
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
from natasha.doc import DocToken, inject_morph, inject_syntax, offset_syntax
from natasha.morph.lemma import lemmatize
from natasha.norm import normalize, syntax_normalize

from ..article import Annotated, Article, NerSpan, Sentence, Token
from . import Backend, pieces
from .morph import morph_vocab

BATCH_SENTENCES = 8  # sentences per batch of natasha's morphology and syntax models, at most (as natasha)
BATCH_TOKENS = 500  # tokens per batch, padding included, at most (unless the batch is one sentence)
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
        # the morphology and syntax models, run over whatever they are given as one batch
        self._morph, self._syntax = _one_batch(self.morph_tagger), _one_batch(self.syntax_parser)

    def _lemmatize(self, word: str, pos: str, feats: tuple) -> str:
        return lemmatize(self.morph_vocab, word, pos, dict(feats))

    def annotate(self, article: Article) -> Annotated:
        """Annotate the article's lines (`pieces`) as `Backend.annotate` does, but with natasha's
        morphology and syntax run over all the article's sentences at once, in batches of similar
        length (`by_length`): a batch is padded to its longest sentence, and small batches cost more
        per sentence. NER stays line by line (batched lines were slower). The batches depend only on
        the article, so its annotation does not depend on the other articles of a run or on their
        order."""
        parts = pieces(article.text)
        docs = []
        for _, piece in parts:
            doc = Doc(piece)
            doc.segment(self.segmenter)
            docs.append(doc)
        sents = [sent for doc in docs for sent in doc.sents]
        words = [[token.text for token in sent.tokens] for sent in sents]
        for sent, markup in zip(sents, _mapped(self._morph, words, list(map(len, words))), strict=True):
            inject_morph(sent.tokens, markup.tokens)
        markups = iter(_mapped(self._syntax, words, list(map(len, words))))
        for doc in docs:
            for sent_id, sent in enumerate(doc.sents, 1):
                inject_syntax(sent.tokens, next(markups).tokens)
                offset_syntax(sent_id, sent.tokens)
        for doc in docs:  # NER line by line: batches of lines by length were slower
            doc.tag_ner(self.ner_tagger)
        return self._annotated(
            article,
            [(offset, *self._ours(doc, offset)) for doc, (offset, _) in zip(docs, parts, strict=True)],
        )

    def annotate_piece(self, text: str, offset: int) -> tuple[list[Sentence], list[NerSpan]]:
        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph_tagger)
        doc.parse_syntax(self.syntax_parser)
        doc.tag_ner(self.ner_tagger)
        return self._ours(doc, offset)

    def _ours(self, doc: Doc, offset: int) -> tuple[list[Sentence], list[NerSpan]]:
        """Give the sentences and NER spans of an annotated natasha Doc in our types, at `offset`."""
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
            for span in doc.spans or ()
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


def _one_batch(tagger):
    """Give the slovnet inference of a natasha tagger, run over whatever it is given as one batch
    (the tagger chops items into batches of 8); it gives slovnet's markups, whose tokens have the
    fields natasha copies into its own."""
    infer = copy.copy(tagger.infer)
    infer.encoder = copy.copy(infer.encoder)
    infer.encoder.batch_size = 1 << 30
    return infer


def by_length(sizes: list[int], most: int = BATCH_SENTENCES, tokens: int = BATCH_TOKENS) -> list[list[int]]:
    """Give the indexes of items of these sizes grouped into batches: sorted by size (ties in
    their order), at most `most` items and `tokens` padded tokens (items x the largest size) a
    batch, an item larger than that alone."""
    batches: list[list[int]] = []
    for i in sorted(range(len(sizes)), key=sizes.__getitem__):
        if batches and len(batches[-1]) < most and (len(batches[-1]) + 1) * max(sizes[i], 1) <= tokens:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def _mapped(infer, items: list, sizes: list[int]) -> list:
    """Give the markups of `items`, in their order, run in batches `by_length`."""
    out: list = [None] * len(items)
    for batch in by_length(sizes):
        for i, markup in zip(batch, infer([items[i] for i in batch]), strict=True):
            out[i] = markup
    return out
