"""factRuEval-2016 (Russian news and analytics; standoff .spans / .objects).

Layout: `<root>/{testset,devset}/book_<n>.{txt,tokens,spans,objects,coref,facts}`; split names
"test" (testset, the default) and "dev" (devset). `testset/list.txt` is a file-name map, not a
document: only files with a `.objects` file are documents.

- `.spans`: `span_id span_type start length first_tok n_toks # tok_ids… token texts…`;
  character offsets into the .txt (read as is, newline=""). Each span is checked: the token
  texts after `#` must occur in the slice, in order (book_367 lists "Жан Ле Пен" for
  "Жан-Мари Ле Пен"); a span that fails warns and its objects are dropped.
- `.objects`: `obj_id Type span_id… # text`. One gold mention per object, from the first
  character of its first span to the last character of its last span (e.g. name + surname ->
  "Александр Вертинский"; org_descr + org_name -> "ОАО «Тюменская нефтяная компания»" minus
  the closing quote, which is outside every span). 341 of the 7,630 objects have spans that are not
  adjacent (mostly an opening quote, sometimes a shared descriptor: "журналы «Киевская неделя» и
  «Лукоморье»"); the extent then covers the text in between.
- `base` is None: the .coref normal forms are per entity (several per person), not per mention.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ._common import CorpusDoc, kind_of, make_doc, natural_key, span, warn

NAME = "factrueval"
FOLDER = "factrueval2016"
LANG = "ru"
SPLITS = ("test", "dev")
DEFAULT_SPLIT = "test"
_FOLDERS = {"test": "testset", "dev": "devset"}

TYPE_MAP: dict[str, str | None] = {
    "Person": "person",
    "Org": "organisation",
    "Location": "place",
    # LocOrg = a geopolitical place named as an actor ("Россия заявила", "Москва ответила"): the
    # corpus separates it from Location by its role in the sentence, our pipeline types such names
    # as places whatever the role, so LocOrg is a place here.
    "LocOrg": "place",
    "Project": None,  # named projects/programmes ("Северный поток"): no kind of ours
    "Facility": None,  # buildings and sites (2 in the test set): not in our place gazetteer
}


def load(path: Path, split: str) -> Iterator[CorpusDoc]:
    folder = path / _FOLDERS[split]
    if not folder.is_dir():
        warn(f"{NAME}: no folder {folder}")
        return
    for objects in sorted(folder.glob("*.objects"), key=natural_key):
        try:
            yield _load_doc(objects, split)
        except (OSError, UnicodeDecodeError, ValueError, IndexError) as error:
            warn(f"{NAME}: {objects}: {error}; skipped")


def _lines(path: Path) -> Iterator[tuple[list[str], str]]:
    """(fields before '#', the comment after it) of every non-blank line."""
    for line in path.read_text(encoding="utf-8").splitlines():
        head, _, comment = line.partition("#")
        if head.strip():
            yield head.split(), comment


def _contains_in_order(piece: str, tokens: list[str]) -> bool:
    """The span's token texts occur in the sliced text, in order (a check of the offsets)."""
    position = 0
    for token in tokens:
        position = piece.find(token, position)
        if position < 0:
            return False
        position += len(token)
    return bool(piece.strip())


def _load_doc(objects: Path, split: str) -> CorpusDoc:
    with open(objects.with_suffix(".txt"), encoding="utf-8", newline="") as handle:
        text = handle.read()
    spans: dict[str, tuple[int, int]] = {}
    for fields, comment in _lines(objects.with_suffix(".spans")):
        span_id, start, length, n_tokens = fields[0], int(fields[2]), int(fields[3]), int(fields[5])
        tokens = comment.split()[n_tokens:]
        if not _contains_in_order(text[start : start + length], tokens):
            warn(f"{NAME}: {objects.stem}: span {span_id} {text[start : start + length]!r} != {tokens}")
            continue
        spans[span_id] = (start, start + length)
    gold = []
    for fields, _comment in _lines(objects):
        label, members = fields[1], fields[2:]
        kind = kind_of(TYPE_MAP, label, NAME)
        if kind is None:
            continue
        found = [spans[m] for m in members if m in spans]
        if not found or len(found) < len(members):
            warn(f"{NAME}: {objects.stem}: object {fields[0]} refers to a missing span; skipped")
            continue
        start, stop = min(s for s, _ in found), max(e for _, e in found)
        gold.append(span(text, start, stop, kind, label))
    return make_doc(objects.stem, LANG, text, gold, split=split)
