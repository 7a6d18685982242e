"""Collection5 (Russian news, 1000 documents; brat standoff, flat entities, no split).

Layout: `<root>/collection5/<name>.{txt,ann}` (the root may also be the inner folder).

Offsets: the .ann offsets were computed on the original CRLF text, but the .txt files here have
LF line endings. The loader gives the LF text (as stored) and converts each offset by
subtracting the number of line breaks before it (i.e. it slices the CRLF rebuild
`text.replace("\\n", "\\r\\n")` and maps back). A span that does not match in CRLF space is
tried as LF offsets too. Spans are trimmed of white space at their ends (last_60.ann T2/T3:
"Токсово" + the "\\r" of the line end; last_37.ann T25: "Сидибе "). Exact duplicate spans (last_60 T2 = T3) are kept once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path

from ._common import CorpusDoc, fit, kind_of, load_each, make_doc, natural_key, span, warn

NAME = "collection5"
FOLDER = "collection5"
LANG = "ru"
SPLITS = ("all",)
DEFAULT_SPLIT = "all"

TYPE_MAP: dict[str, str | None] = {
    "PER": "person",
    "ORG": "organisation",
    "LOC": "place",  # geographic places: regions, cities' parts, rivers...
    # GEOPOLIT = states, cities and regions as political entities ("Россия", "США"): our pipeline
    # types these names as places, whatever their role in the sentence.
    "GEOPOLIT": "place",
    "MEDIA": "organisation",  # news agencies, newspapers, TV channels ("РИА Новости"): organisations
}

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+) (\d+)\t(.*)$")


def _root(path: Path) -> Path:
    inner = path / "collection5"
    return inner if inner.is_dir() else path


def load(path: Path, split: str) -> Iterator[CorpusDoc]:
    folder = _root(path)
    anns = sorted(folder.glob("*.ann"), key=natural_key)
    yield from load_each(anns, lambda ann: _load_doc(ann, split), NAME)


def _load_doc(ann: Path, split: str) -> CorpusDoc:
    with open(ann.with_suffix(".txt"), encoding="utf-8", newline="") as handle:
        text = handle.read()
    if "\r" in text:  # a CRLF file: the offsets are its own
        crlf, breaks = text, []
    else:
        crlf = text.replace("\n", "\r\n")
        breaks = [m.start() for m in re.finditer("\r", crlf)]

    def to_lf(offset: int) -> int:
        return offset - bisect.bisect_left(breaks, offset)

    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        match = _T_LINE.match(line)
        if not match:
            if line.strip():
                warn(f"{NAME}: {ann}: unparsable line {line!r}")
            continue
        tid, label, start, stop, surface = match.groups()
        kind = kind_of(TYPE_MAP, label, NAME)
        if kind is None:
            continue
        where = fit(crlf, int(start), int(stop), surface)
        if where is not None:
            where = to_lf(where[0]), to_lf(where[1])
        else:
            where = fit(text, int(start), int(stop), surface)
        if where is None or text[where[0] : where[1]].strip() != surface.strip():
            warn(f"{NAME}: {ann}: {tid} {start}-{stop} {surface!r} does not match the text; skipped")
            continue
        spans.append(span(text, *where, kind, label))
    return make_doc(ann.stem, LANG, text, spans, split=split)
