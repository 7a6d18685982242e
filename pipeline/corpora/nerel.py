"""NEREL v1.1 (Russian news; brat standoff, nested entities, Wikidata links).

Layout: `<root>/NEREL-v1.1/{train,dev,test}/<id>.txt + <id>.ann` (the root may also be the
`NEREL-v1.1` folder itself). Offsets are characters of the .txt read as is (newline="").

- `T<n>\\t<TYPE> <start> <stop>[;<start> <stop>...]\\t<surface>`: every entity, nested ones
  included. A discontinuous entity (151 in the corpus, e.g. "Сергея [и Юлии] Скрипаль") keeps
  only its first fragment as listed ("Сергея"), so that the span is contiguous text.
- `N<n>\\tReference T<x> Wikidata:Q…|NULL\\t<name>`: the name (e.g. "Хорняк, Жолт", Wikidata
  label style) becomes `base` of T<x>; "нет данных" ("no data") and empty names are ignored;
  with several N lines for one T the first usable one wins.
- Other lines (relations, the stray text line of train/21013_text.ann) are skipped; an
  unparsable line gives one warning per file. Two N lines of train are broken (21274_text N33
  has no name; 57760_text N34 runs into the next N line): they give no `base`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ._common import CorpusDoc, fit, kind_of, load_each, make_doc, natural_key, span, warn

NAME = "nerel"
FOLDER = "nerel"
LANG = "ru"
SPLITS = ("test", "dev", "train")
DEFAULT_SPLIT = "test"

TYPE_MAP: dict[str, str | None] = {
    "PERSON": "person",  # people by name
    "ORGANIZATION": "organisation",  # companies, bodies, parties, clubs, ministries
    "COUNTRY": "place",  # states
    "CITY": "place",  # cities, towns, villages
    "STATE_OR_PROVINCE": "place",  # regions, provinces, federal subjects
    "LOCATION": "place",  # other geographic places: rivers, mountains, continents, regions
    "DISTRICT": "place",  # districts of a city or region ("Хамовники"): a place, typed admin/other by us
    "DATE": "date",  # calendar dates and periods, relative ones included ("в прошедшем сезоне")
    # LAW = names of legal acts and documents (laws, codes, constitutions, treaties, also article
    # references such as "статьи 2"). Our "document" kind is the signed/adopted document, so this is
    # the closest gold there is; the article references make recall look lower than it is.
    "LAW": "document",
    "TIME": None,  # times of day ("в 10 утра"): not a calendar date
    "FACILITY": None,  # buildings, airports, stadiums, streets: not in our place gazetteer
    "NATIONALITY": None,  # adjectives/demonyms ("словацкий"), not place names
    "PROFESSION": None,  # roles; our people table has a role column but no role mentions
    "EVENT": None,
    "AWARD": None,
    "WORK_OF_ART": None,
    "PRODUCT": None,
    "NUMBER": None,
    "ORDINAL": None,
    "AGE": None,
    "MONEY": None,
    "PERCENT": None,
    "DISEASE": None,
    "IDEOLOGY": None,
    "CRIME": None,
    "PENALTY": None,
    "RELIGION": None,
    "LANGUAGE": None,
    "FAMILY": None,
}

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_N_LINE = re.compile(r"^N\d+\tReference (T\d+) (\S+)(?:\t(.*))?$")
_OTHER_LINE = re.compile(r"^[RAEM#*]\d*\t|^$")
NO_DATA = "нет данных"


def _root(path: Path) -> Path:
    inner = path / "NEREL-v1.1"
    return inner if inner.is_dir() else path


def load(path: Path, split: str) -> Iterator[CorpusDoc]:
    folder = _root(path) / split
    if not folder.is_dir():
        warn(f"{NAME}: no folder {folder}")
        return
    anns = sorted(folder.glob("*.ann"), key=natural_key)
    yield from load_each(anns, lambda ann: _load_doc(ann, split), NAME)


def _load_doc(ann: Path, split: str) -> CorpusDoc:
    with open(ann.with_suffix(".txt"), encoding="utf-8", newline="") as handle:
        text = handle.read()
    entities: list[tuple[str, str, int, int, str | None]] = []
    names: dict[str, str] = {}
    bad = 0
    for line in ann.read_text(encoding="utf-8").splitlines():
        if match := _T_LINE.match(line):
            tid, label, offsets, surface = match.groups()
            fragments = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            start, stop = fragments[0]
            # the surface joins the fragments with a space: its head is the first fragment's text
            entities.append((tid, label, start, stop, surface[: stop - start]))
        elif match := _N_LINE.match(line):
            tid, _link, name = match.groups()
            name = (name or "").strip()
            if name and name != NO_DATA and "\t" not in name:  # a tab: two N lines run together
                names.setdefault(tid, name)
        elif not _OTHER_LINE.match(line):
            bad += 1
    if bad:
        warn(f"{NAME}: {ann}: {bad} unparsable line(s) skipped")
    spans = []
    for tid, label, start, stop, surface in entities:
        kind = kind_of(TYPE_MAP, label, NAME)
        if kind is None:
            continue
        where = fit(text, start, stop, surface)
        if where is None:
            warn(f"{NAME}: {ann}: {tid} {start}-{stop} {surface!r} does not match the text; skipped")
            continue
        spans.append(span(text, *where, kind, label, base=names.get(tid)))
    return make_doc(ann.stem, LANG, text, spans, split=split)
