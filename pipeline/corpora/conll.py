"""CoNLL-2003 English NER (Reuters news): test (testb, default) and dev (testa / valid).

Layout: `<root>/test.txt`, `<root>/valid.txt`; one token a line (`token POS chunk NER`), a blank
line between sentences, `-DOCSTART- -X- -X- O` between documents. One CorpusDoc per -DOCSTART-
block, ids `<split>-001`… in file order.

Text is rebuilt: tokens joined by one space, sentences by "\\n"; offsets refer to that text.
Tags: IOB2 (B- opens every entity) and IOB1 (I- opens one unless it continues an entity of the same
type in the same sentence; B- only separates two adjacent entities of the same type) are both
read correctly: an entity starts at B-X, or at I-X not continuing X, and ends at O, at a sentence
end, or where another entity starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ._common import CorpusDoc, kind_of, make_doc, span, warn

NAME = "conll2003"
FOLDER = "conll2003_en"
LANG = "en"
SPLITS = ("test", "dev")
DEFAULT_SPLIT = "test"
_FILES = {"test": ("test.txt", "testb.txt", "eng.testb"), "dev": ("valid.txt", "testa.txt", "eng.testa")}

TYPE_MAP: dict[str, str | None] = {
    "PER": "person",
    "ORG": "organisation",
    "LOC": "place",  # countries, cities, regions, geographic names
    "MISC": None,  # nationalities, events, works, products...: no kind of ours
}

Sentence = list[tuple[str, str]]  # (token, tag)


def load(path: Path, split: str) -> Iterator[CorpusDoc]:
    file = next((path / name for name in _FILES[split] if (path / name).is_file()), None)
    if file is None:
        warn(f"{NAME}: no {' / '.join(_FILES[split])} in {path}")
        return
    try:
        blocks = list(_documents(file))
    except (OSError, UnicodeDecodeError) as error:
        warn(f"{NAME}: {file}: {error}; skipped")
        return
    for number, sentences in enumerate(blocks, 1):
        try:
            yield _make(f"{split}-{number:03d}", sentences, split)
        except ValueError as error:
            warn(f"{NAME}: {file}: document {number}: {error}; skipped")


def _documents(file: Path) -> Iterator[list[Sentence]]:
    """The sentences of each -DOCSTART- block (tokens before the first marker form a document too)."""
    document: list[Sentence] = []
    sentence: Sentence = []
    with open(file, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            fields = line.split()
            if fields and fields[0] == "-DOCSTART-":
                if sentence:
                    document.append(sentence)
                if document:
                    yield document
                document, sentence = [], []
            elif not fields:
                if sentence:
                    document.append(sentence)
                sentence = []
            elif len(fields) < 2:
                warn(f"{NAME}: {file}:{number}: no tag in {line.strip()!r}; read as O")
                sentence.append((fields[0], "O"))
            else:
                sentence.append((fields[0], fields[-1]))
    if sentence:
        document.append(sentence)
    if document:
        yield document


def _make(doc_id: str, sentences: list[Sentence], split: str) -> CorpusDoc:
    pieces: list[str] = []
    entities: list[tuple[int, int, str]] = []
    offset = 0
    for index, sentence in enumerate(sentences):
        if index:
            pieces.append("\n")
            offset += 1
        current: list = []  # [start, stop, type] of the open entity
        for position, (token, tag) in enumerate(sentence):
            if position:
                pieces.append(" ")
                offset += 1
            start, stop = offset, offset + len(token)
            pieces.append(token)
            offset = stop
            prefix, _, label = tag.partition("-")
            if prefix == "I" and current and current[2] == label:
                current[1] = stop
                continue
            if current:
                entities.append(tuple(current))
                current = []
            if prefix in ("B", "I") and label:
                current = [start, stop, label]
            elif tag != "O":
                warn(f"{NAME}: {doc_id}: unknown tag {tag!r}; read as O")
        if current:
            entities.append(tuple(current))
    text = "".join(pieces)
    spans = []
    for start, stop, label in entities:
        kind = kind_of(TYPE_MAP, label, NAME)
        if kind is not None:
            spans.append(span(text, start, stop, kind, label))
    return make_doc(doc_id, LANG, text, spans, split=split)
