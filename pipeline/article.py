"""The data model: articles, annotations, mentions and records, as frozen dataclasses.

Offsets (`start`, `stop`, stop excluded) always refer to `Article.text`, the cleaned text
(title line, blank line, body) that the `texts` table stores.
"""

from __future__ import annotations

import bisect
import operator
from dataclasses import dataclass, field
from functools import cached_property

KINDS = ("person", "organisation", "place", "date", "document")


@dataclass(frozen=True)
class Source:
    """One article as read from disk, before cleaning; `error` is set when it could not be read."""

    article_id: str
    file: str
    sha256: str
    record: str = ""
    text: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    error: str | None = None
    lang: str | None = None  # the language when known beforehand: it overrides detection
    published_source: str | None = None  # how `published` was given (`published.SOURCES`); None: metadata


@dataclass(frozen=True)
class Article:
    """A cleaned article ready for annotation."""

    source: Source
    text: str
    title: str | None
    lang: str
    published: str | None = None
    published_source: str | None = None  # how `published` was found (`published.SOURCES`)

    @property
    def article_id(self) -> str:
        return self.source.article_id


@dataclass(frozen=True)
class Token:
    start: int
    stop: int
    text: str
    lemma: str
    pos: str
    feats: dict = field(default_factory=dict, compare=False, hash=False)
    head: int = -1  # index of the head token in the sentence, -1 for the root
    rel: str = ""


@dataclass(frozen=True)
class Sentence:
    start: int
    stop: int
    tokens: tuple[Token, ...]
    # A sentence in capitals (or a title-case headline) annotated again in the case of running
    # text, same offsets (`nlp/fold.py`): what the documents stage reads.
    folded: tuple[Token, ...] | None = field(default=None, compare=False)

    def token_slice(self, start: int, stop: int) -> slice | None:
        """Give the slice of the tokens that lie inside [start, stop), found by bisection (the
        stages ask for the tokens of every span, thousands of times an article); None when the
        tokens do not run in order, where only a scan of them tells."""
        bounds = self._token_bounds
        if bounds is None:
            return None
        starts, stops = bounds
        first = bisect.bisect_left(starts, start)
        return slice(first, max(first, bisect.bisect_right(stops, stop)))

    @cached_property
    def _token_bounds(self) -> tuple[list[int], list[int]] | None:
        """Give the tokens' starts and stops when the starts strictly increase and the stops never
        decrease (any tokenizer's tokens): then the tokens inside a range of offsets are the run
        from the first start at or after its start to the last stop at or before its stop. None
        for tokens out of order. Kept on the sentence, which the annotation's copies share."""
        starts = [t.start for t in self.tokens]
        stops = [t.stop for t in self.tokens]
        if all(map(operator.lt, starts, starts[1:])) and all(map(operator.le, stops, stops[1:])):
            return starts, stops
        return None


@dataclass(frozen=True)
class NerSpan:
    """A named-entity span from a backend, its type mapped to PER | ORG | LOC | DATE | LAW | ..."""

    start: int
    stop: int
    type: str
    text: str
    normal: str
    # An organisation's name may run on past its span over the place that qualifies it
    # ("Правительством" + "Санкт-Петербурга"): the name ends here, the mention at `stop`.
    name_stop: int | None = None

    @classmethod
    def of(cls, text: str, start: int, stop: int, type: str) -> NerSpan:
        """Give the span of `type` over text[start:stop], its surface as its normal form."""
        return cls(start, stop, type, text[start:stop], text[start:stop])


@dataclass(frozen=True)
class Annotated:
    """An article with the backend's sentences, tokens and NER spans."""

    article: Article
    sentences: tuple[Sentence, ...]
    spans: tuple[NerSpan, ...]

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def lang(self) -> str:
        return self.article.lang

    def sentence_at(self, offset: int) -> Sentence | None:
        """Give the sentence holding `offset` (found by bisection: stages ask for every mention)."""
        index = self.sentence_index(offset)
        return None if index is None else self.sentences[index]

    def sentence_index(self, offset: int) -> int | None:
        """Give the index in `sentences` of the sentence holding `offset`, or None."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].stop:
            return index
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [sent.start for sent in self.sentences]


@dataclass(frozen=True)
class Mention:
    """One mention found by a stage; `attrs` holds the stage's extra values (value, kind, role...)."""

    kind: str
    start: int
    stop: int
    text: str
    normal: str
    attrs: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Entity:
    """One person, organisation or place of one article, with all its mentions."""

    kind: str
    entity_id: str
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    attrs: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class DateRecord:
    value: str
    start_date: str
    end_date: str
    precision: str
    role: str
    text: str
    start: int
    stop: int
    anchor: str | None = None  # what lent the missing part: "published", "text", or None (complete)


@dataclass(frozen=True)
class DocumentRecord:
    """One document of one article; `text`/`start`/`stop` are the evidence sentence, `mentions`
    the number of its mentions, `party_ids` the entity ids of its parties (set by merge)."""

    type: str
    status: str
    date: str | None
    place: str | None
    number: str | None
    parties: tuple[str, ...]
    text: str
    start: int
    stop: int
    title: str | None = None
    mentions: int = 1
    party_ids: tuple[str | None, ...] = ()
    document_id: str = ""
    count: int | None = 1  # documents the record stands for: a count the article gives ("four MOUs")
    document_key: str | None = None  # the same document in other articles: type, title, parties, date (merge)


@dataclass(frozen=True)
class Result:
    """Everything extracted from one article: what the writer turns into table rows."""

    article: Article | None
    source: Source
    status: str  # ok | skipped | error
    error: str | None = None
    lang: str | None = None
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateRecord, ...] = ()
    documents: tuple[DocumentRecord, ...] = ()
    corrections: tuple[str, ...] = ()  # keys of the correction rules that changed its records
    documents_reported: int | None = None  # documents reported without their types ("17 documents")

    @property
    def people(self) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.kind == "person")

    @property
    def organisations(self) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.kind == "organisation")

    @property
    def places(self) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.kind == "place")

    def tables(self) -> dict:
        """Give the article's rows as pandas DataFrames, one per output table (as `pipeline extract`
        writes them)."""
        from .api import frames
        from .run import rows

        return frames(rows(self))
