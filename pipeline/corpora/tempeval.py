"""TempEval-3 English TimeML: the platinum test set and the TBAQ-cleaned training set.

Layout: `<root>/te3-platinum/*.tml` (split "platinum", the default; alias "test"),
`<root>/TBAQ-cleaned/TimeBank/*.tml` ("timebank"), `<root>/TBAQ-cleaned/AQUAINT/*.tml`
("aquaint"); "tbaq" (alias "train") is both.

Text = the content of `<TEXT>` with the inline tags removed (XML entities decoded, line ends
normalised by the XML parser), leading and trailing white space trimmed; offsets refer to it.
The title, DOCID and EXTRAINFO lie outside TEXT and are not part of it.

- Spans: every `<TIMEX3>` inside TEXT; label "TIMEX3:<type>", `value` = its value attribute
  ("2013-03-22", "2013-W11", "PRESENT_REF"); only DATE is scored.
- DCT: the value (as YYYY-MM-DD) of the TIMEX3 with functionInDocument="CREATION_TIME". It sits
  in the `<DCT>` metadata element, outside TEXT, so it is not a span (a creation-time TIMEX3
  inside TEXT would stay a span).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from ._common import CorpusDoc, iso_day, kind_of, make_doc, natural_key, span, warn

NAME = "tempeval3"
FOLDER = "tempeval3"
LANG = "en"
_FOLDERS = {
    "platinum": ("te3-platinum",),
    "timebank": ("TBAQ-cleaned/TimeBank",),
    "aquaint": ("TBAQ-cleaned/AQUAINT",),
    "tbaq": ("TBAQ-cleaned/TimeBank", "TBAQ-cleaned/AQUAINT"),
}
ALIASES = {"test": "platinum", "train": "tbaq"}
SPLITS = tuple(_FOLDERS)
DEFAULT_SPLIT = "platinum"

TYPE_MAP: dict[str, str | None] = {
    "TIMEX3:DATE": "date",  # calendar dates, weeks, months, years, relative ones ("Friday", "the last week")
    "TIMEX3:TIME": None,  # times of day
    "TIMEX3:DURATION": None,  # "a month", "a decade": durations are not dates
    "TIMEX3:SET": None,  # recurrences ("each season")
}


def load(path: Path, split: str) -> Iterator[CorpusDoc]:
    for folder in _FOLDERS[split]:
        directory = path / folder
        if not directory.is_dir():
            warn(f"{NAME}: no folder {directory}")
            continue
        doc_split = split if split != "tbaq" else folder.rsplit("/", 1)[-1].lower()
        for file in sorted(directory.glob("*.tml"), key=natural_key):
            try:
                yield _load_doc(file, doc_split)
            except (OSError, ET.ParseError, ValueError) as error:
                warn(f"{NAME}: {file}: {error}; skipped")


def _walk(element: ET.Element, pieces: list[str], found: list, offset: int = 0) -> int:
    """Append the text under `element` to pieces, record (TIMEX3, start, stop), give the new offset."""
    if element.text:
        pieces.append(element.text)
        offset += len(element.text)
    for child in element:
        start = offset
        offset = _walk(child, pieces, found, offset)
        if child.tag == "TIMEX3":
            found.append((child, start, offset))
        if child.tail:
            pieces.append(child.tail)
            offset += len(child.tail)
    return offset


def _load_doc(file: Path, split: str) -> CorpusDoc:
    root = ET.parse(file).getroot()
    body = root.find(".//TEXT")
    if body is None:
        raise ValueError("no <TEXT> element")
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = iso_day(timex.get("value"))
            break
    pieces: list[str] = []
    found: list[tuple[ET.Element, int, int]] = []
    _walk(body, pieces, found)
    raw = "".join(pieces)
    text = raw.strip()
    shift = len(raw) - len(raw.lstrip())
    spans = []
    for timex, start, stop in found:
        label = f"TIMEX3:{timex.get('type')}"
        kind = kind_of(TYPE_MAP, label, NAME)
        piece = raw[start:stop]
        if kind is None or not piece.strip():
            continue
        spans.append(span(text, start - shift, stop - shift, kind, label, value=timex.get("value") or None))
    return make_doc(file.stem, LANG, text, spans, dct=dct, split=split)
