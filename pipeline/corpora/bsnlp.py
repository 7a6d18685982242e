"""BSNLP shared-task data, Russian part (2019 topics; 2017 topics ec and trump).

Layout: `<root>/<topic>/annotated/ru/<file>` (gold) and `<root>/<topic>/raw/ru/<file>` (text).
Splits: "test" = nord_stream + ryanair (the BSNLP-2019 test set, default), "train" = brexit +
asia_bibi, "2017" = ec + trump, "all", or one topic by name (the docs keep their group's split).

Raw file: line 1 doc id, 2 language, 3 date, 4 URL, then the title and the body. The document
text is the raw file from line 5 (title, then body), CRLF made LF, BOM dropped.

The gold gives one line per distinct mention form of the document (`form\\tbase\\tTYPE\\tid`),
without offsets. Offsets are found here: every whole-word occurrence of each form in the text
(`(?<!\\w)form(?!\\w)`; a space inside a form also matches zero-width spaces and other white
space; when a form has no whole-word occurrence, a match bounded on one side only is accepted,
e.g. "годаЕвропарламент"). Forms are placed longest first and an occurrence that overlaps one
already placed is dropped, so "МИД" inside "МИД Литвы" is not a second mention (unless the form
occurs nowhere else, then its nested occurrences are kept). Each occurrence is one GoldSpan with
`base` = the gold base form. A form listed twice keeps its first line. The 2017 gold is lowercased
(forms and base forms): those topics are matched case-insensitively and `base` stays lowercase.
Forms not found in the text warn.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ._common import CorpusDoc, kind_of, make_doc, natural_key, span, warn

NAME = "bsnlp"
FOLDER = "bsnlp_ru"
LANG = "ru"
GROUPS = {
    "test": ("nord_stream", "ryanair"),
    "train": ("brexit", "asia_bibi"),
    "2017": ("ec", "trump"),
}
TOPICS = {topic: group for group, topics in GROUPS.items() for topic in topics}
SPLITS = (*GROUPS, "all", *TOPICS)
DEFAULT_SPLIT = "test"
LOWERCASED = {"ec", "trump"}  # 2017 gold: lowercased forms

TYPE_MAP: dict[str, str | None] = {
    "PER": "person",
    "ORG": "organisation",
    "LOC": "place",  # countries, cities, regions and other locations (GPE included)
    "EVT": None,  # events ("Brexit", summits)
    "PRO": None,  # products, incl. the pipeline "Северный поток-2" and documents of the 2019 data
    "MISC": None,  # 2017 data: everything else
}

_SPACE = r"[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+"


def _topics(split: str) -> tuple[str, ...]:
    if split == "all":
        return tuple(TOPICS)
    return GROUPS.get(split, (split,))


def load(path: Path, split: str) -> Iterator[CorpusDoc]:
    for topic in _topics(split):
        folder = path / topic / "annotated" / "ru"
        if not folder.is_dir():
            warn(f"{NAME}: no folder {folder}")
            continue
        for gold in sorted(folder.iterdir(), key=natural_key):
            if not gold.is_file() or gold.name.startswith("."):
                continue
            try:
                doc = _load_doc(path / topic, topic, gold)
            except (OSError, UnicodeDecodeError, ValueError) as error:
                warn(f"{NAME}: {gold}: {error}; skipped")
                continue
            if doc is not None:
                yield doc


def _raw_file(topic_dir: Path, gold: Path) -> Path | None:
    raw = topic_dir / "raw" / "ru"
    for name in (gold.stem + ".txt", f"file_{gold.stem}_ru.txt", f"file_{gold.stem}.txt"):
        if (raw / name).is_file():
            return raw / name
    return None


def _pattern(form: str) -> str:
    return _SPACE.join(re.escape(part) for part in form.split())


def _occurrences(form: str, text: str, flags: int) -> list[tuple[int, int]]:
    body = _pattern(form)
    found = [m.span() for m in re.finditer(rf"(?<!\w){body}(?!\w)", text, flags)]
    if not found:
        found = [m.span() for m in re.finditer(rf"(?<!\w){body}|{body}(?!\w)", text, flags)]
    return found


def _load_doc(topic_dir: Path, topic: str, gold: Path) -> CorpusDoc | None:
    raw = _raw_file(topic_dir, gold)
    if raw is None:
        warn(f"{NAME}: {gold}: no raw text; skipped")
        return None
    lines = raw.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(lines[4:])
    forms: dict[str, tuple[str, str]] = {}
    for line in gold.read_text(encoding="utf-8-sig").splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) < 3 or not fields[0].strip():
            if line.strip():
                warn(f"{NAME}: {gold}: unparsable line {line!r}")
            continue
        forms.setdefault(fields[0].strip(), (fields[2].strip(), fields[1].strip()))
    flags = re.IGNORECASE if topic in LOWERCASED else 0
    taken: list[tuple[int, int]] = []
    spans = []
    for form in sorted(forms, key=lambda f: (-len(f), f)):
        label, base = forms[form]
        found = _occurrences(form, text, flags)
        if not found:
            warn(f"{NAME}: {topic}/{gold.name}: {form!r} not found in the text")
            continue
        free = [(s, e) for s, e in found if not any(s < te and ts < e for ts, te in taken)]
        placed = free or found
        taken.extend(placed)
        kind = kind_of(TYPE_MAP, label, NAME)
        if kind is not None:
            spans.extend(span(text, s, e, kind, label, base=base or None) for s, e in placed)
    doc_id = f"{topic}/{gold.stem}"
    return make_doc(doc_id, LANG, text, spans, split=TOPICS.get(topic, topic))
