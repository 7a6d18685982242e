"""The common in-memory format of the corpus loaders and the helpers they share (stdlib only)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..article import KINDS


@dataclass(frozen=True)
class GoldSpan:
    """One gold mention: `text == CorpusDoc.text[start:stop]` (stop excluded)."""

    start: int
    stop: int
    kind: str  # our kind: one of KINDS
    label: str  # the corpus's own label ("PER", "LOC", "TIMEX3:DATE", "LAW"...)
    text: str
    base: str | None = None  # BSNLP base form; NEREL linked canonical name
    value: str | None = None  # TIMEX3 value (TempEval-3, MEANTIME)


@dataclass(frozen=True)
class CorpusDoc:
    doc_id: str
    lang: str  # "ru" | "en"
    text: str
    spans: tuple[GoldSpan, ...]
    dct: str | None = None  # document creation time, YYYY-MM-DD (TempEval-3, MEANTIME)
    split: str = ""


def warn(message: str) -> None:
    """A loader problem that does not stop the load: one line on stderr."""
    print(f"warning: corpora: {message}", file=sys.stderr)


def load_each(
    paths: Iterable[Path], load_one: Callable[[Path], CorpusDoc], corpus: str
) -> Iterator[CorpusDoc]:
    """Yield `load_one(path)` for every path; a file that cannot be read is skipped with a warning."""
    for path in paths:
        try:
            yield load_one(path)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            warn(f"{corpus}: {path}: {error}; skipped")


_warned_labels: set[tuple[str, str]] = set()


def kind_of(type_map: Mapping[str, str | None], label: str, corpus: str) -> str | None:
    """Our kind for a corpus label (None = not scored); an unknown label warns once and is not scored."""
    if label not in type_map:
        if (corpus, label) not in _warned_labels:
            _warned_labels.add((corpus, label))
            warn(f"{corpus}: unknown label {label!r}, not scored")
        return None
    return type_map[label]


def natural_key(path: Path | str) -> tuple:
    """Sort key: "book_9" before "book_10"."""
    parts = re.split(r"(\d+)", str(path))
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def fit(text: str, start: int, stop: int, surface: str | None, window: int = 20) -> tuple[int, int] | None:
    """Give (start, stop) such that text[start:stop] is the annotated surface, or None.

    The offsets are taken as given when they match (or when there is no surface to check); a slice
    that only differs by surrounding whitespace is trimmed; otherwise the surface is looked up within
    `window` characters of `start` (the nearest occurrence wins).
    """
    if not 0 <= start < stop <= len(text):
        return None
    piece = text[start:stop]
    if surface is None or piece == surface:
        return start, stop
    stripped = piece.strip()
    if stripped and stripped == surface.strip():
        lead = len(piece) - len(piece.lstrip())
        return start + lead, start + lead + len(stripped)
    surface = surface.strip()
    if not surface:
        return None
    best = None
    lo = max(0, start - window)
    pos = text.find(surface, lo, stop + window + len(surface))
    while pos != -1:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = text.find(surface, pos + 1, stop + window + len(surface))
    return (best, best + len(surface)) if best is not None else None


def make_doc(
    doc_id: str,
    lang: str,
    text: str,
    spans: Iterable[GoldSpan],
    *,
    dct: str | None = None,
    split: str = "",
) -> CorpusDoc:
    """A CorpusDoc with its spans checked against the text, exact duplicates dropped, sorted."""
    unique = set()
    for span in spans:
        if text[span.start : span.stop] != span.text or span.start >= span.stop:
            raise ValueError(f"{doc_id}: span {span.start}-{span.stop} does not match the text")
        if span.kind not in KINDS:
            raise ValueError(f"{doc_id}: unknown kind {span.kind!r}")
        unique.add(span)
    ordered = sorted(unique, key=lambda s: (s.start, s.stop, s.kind, s.label, s.base or "", s.value or ""))
    return CorpusDoc(doc_id, lang, text, tuple(ordered), dct=dct, split=split)


def span(text: str, start: int, stop: int, kind: str, label: str, **extra: str | None) -> GoldSpan:
    """A GoldSpan cut from `text` (so its text is text[start:stop]), white space around it trimmed."""
    piece = text[start:stop]
    if piece.strip() != piece:
        start += len(piece) - len(piece.lstrip())
        stop = start + len(piece.strip())
    return GoldSpan(start, stop, kind, label, text[start:stop], **extra)


def iso_day(value: str | None) -> str | None:
    """YYYY-MM-DD from a TIMEX3 value such as 1998-01-08 or 1998-01-08T10:00, else None."""
    match = re.match(r"\d{4}-\d{2}-\d{2}", value or "")
    return match.group(0) if match else None
