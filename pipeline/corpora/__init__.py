"""Loaders of public annotated corpora into one in-memory format for mention-level scoring.

    from pipeline.corpora import load, default_path, TYPE_MAPS
    for doc in load("nerel", default_path("nerel"), limit=5):
        for span in doc.spans:            # span.text == doc.text[span.start:span.stop]
            print(span.kind, span.label, span.text, span.base)

Every corpus gives `CorpusDoc`s (text + gold `GoldSpan`s with character offsets into that text)
in a deterministic order. Only spans of a label that maps to one of our kinds ("person",
"organisation", "place", "date", "document") are kept; `TYPE_MAPS[name]` lists every label of the
corpus with its kind or None (not scored), with the reasons in each module. What each loader
does with its format (offset repair, rebuilt texts, found offsets) is in the module docstrings.
Problems (an unreadable file, a span that does not match) go to stderr as warnings and never stop
a load. Standard library only.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from . import bsnlp, collection5, conll, factrueval, meantime, nerel, tempeval
from ._common import KINDS, CorpusDoc, GoldSpan

__all__ = [
    "CORPORA",
    "KINDS",
    "SHARED",
    "TYPE_MAPS",
    "CorpusDoc",
    "CorpusInfo",
    "GoldSpan",
    "default_path",
    "load",
]

# ../shared next to the repository (as the tests and the Makefile have it)
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@dataclass(frozen=True)
class CorpusInfo:
    name: str
    folder: str  # the corpus folder under <shared>/corpora
    lang: str
    splits: tuple[str, ...]
    default_split: str
    aliases: dict[str, str]  # other split names accepted by load()
    module: ModuleType


def _info(module: ModuleType, aliases: dict[str, str] | None = None) -> CorpusInfo:
    return CorpusInfo(
        module.NAME, module.FOLDER, module.LANG, module.SPLITS, module.DEFAULT_SPLIT, aliases or {}, module
    )


CORPORA: dict[str, CorpusInfo] = {
    info.name: info
    for info in (
        _info(nerel),
        _info(factrueval, {"testset": "test", "devset": "dev"}),
        _info(collection5),
        _info(bsnlp),
        _info(conll, {"testb": "test", "testa": "dev", "valid": "dev"}),
        _info(meantime),
        _info(tempeval, tempeval.ALIASES),
    )
}

TYPE_MAPS: dict[str, dict[str, str | None]] = {name: info.module.TYPE_MAP for name, info in CORPORA.items()}


def default_path(name: str, shared: Path | str | None = None) -> Path:
    """The corpus folder under a shared root (default: ../shared next to the repository)."""
    return Path(shared if shared is not None else SHARED) / "corpora" / CORPORA[name].folder


def load(
    name: str, path: Path | str, *, split: str | None = None, limit: int | None = None
) -> Iterator[CorpusDoc]:
    """The documents of one split of corpus `name` at `path`, sorted; the first `limit` only if given.

    `split` defaults to the corpus's test split (NEREL test, factRuEval testset, BSNLP 2019 test
    topics, CoNLL test, TempEval-3 platinum; "all" for Collection5 and MEANTIME, which have none).
    """
    if name not in CORPORA:
        raise ValueError(f"unknown corpus {name!r}; choose one of: {', '.join(CORPORA)}")
    info = CORPORA[name]
    chosen = info.aliases.get(split, split) if split else info.default_split
    if chosen not in info.splits:
        raise ValueError(f"{name}: unknown split {split!r}; choose one of: {', '.join(info.splits)}")
    docs = info.module.load(Path(path), chosen)
    return itertools.islice(docs, limit) if limit is not None else docs
