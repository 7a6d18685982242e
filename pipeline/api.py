"""The library for notebooks: one text in, its records out; a folder in, its tables as DataFrames.

    >>> import pipeline
    >>> doc = pipeline.extract_text("14 мая 2025 года в Бишкеке ... подписали меморандум.")
    >>> doc.documents, doc.people, doc.tables()["mentions"]
    >>> tables = pipeline.extract_folder("data/raw")
    >>> tables["documents"]

`pipeline extract` is a client of the same functions (`run.process`, `run.extract_folder`): the
records and tables are those it writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .article import Result, Source
from .corrections import Corrections, read_corrections
from .nlp import DEFAULT_EN_MODEL
from .read import MAX_BYTES, article_id
from .schema import TABLES, arrow_types


def extract_text(
    text: str,
    *,
    lang: str | None = None,
    published: str | None = None,
    title: str | None = None,
    en_model: str = DEFAULT_EN_MODEL,
    corrections: Path | Corrections | None = None,
) -> Result:
    """Give the records of one article: `.entities` (`.people`, `.organisations`, `.places`),
    `.mentions`, `.dates`, `.documents`, `.article` (the cleaned text), and `.tables()` as DataFrames.

    `lang` ("ru" or "en") overrides the detected language; `published` (YYYY-MM-DD) anchors relative
    dates ("вчера", "last June") when the text has no publication line.
    """
    from .run import process

    if not isinstance(corrections, Corrections):
        corrections = read_corrections(corrections) if corrections else None
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    source = Source(article_id(digest), "<text>", digest, text=text, title=title, published=published)
    if lang is not None:
        source = replace(source, lang=lang)
    return process(source, en_model=en_model, corrections=corrections)


def extract_folder(
    path: str | Path,
    *,
    workers: int = 1,
    en_model: str = DEFAULT_EN_MODEL,
    max_bytes: int = MAX_BYTES,
    corrections: Path | Corrections | None = None,
) -> dict:
    """Give the tables of every article below `path` (a folder or one file) as pandas DataFrames,
    keyed by table name (`articles`, `texts`, `mentions`, `people`, `organisations`, `places`,
    `dates`, `documents`, `entities`), without writing any file."""
    from .run import extract_folder as run_folder

    summary = run_folder(
        Path(path), None, en_model=en_model, max_bytes=max_bytes, workers=workers, corrections=corrections
    )
    return summary.tables


def frames(rows: Iterable[tuple[str, dict]]) -> dict:
    """Give (table, row) pairs as one pandas DataFrame per output table, typed as in the Parquet files."""
    collected: dict[str, list[dict]] = {name: [] for name in TABLES}
    for table, row in rows:
        if table in collected:
            collected[table].append(row)
    return {name: _frame(name, found) for name, found in collected.items()}


def _frame(name: str, rows: list[dict]):
    import pyarrow as pa

    table = TABLES[name]
    columns = {
        f.name: pa.array([r.get(f.name) for r in rows], type=arrow_types()[f.type]) for f in table.fields
    }
    return pa.table(columns).to_pandas()


class MemoryTables:
    """The writer of a run kept in memory: rows collected per table, given back as DataFrames."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, dict]] = []
        self.run_id = "memory"
        self.manifest: dict | None = None

    def add(self, table: str, row: dict) -> None:
        if table in TABLES:
            self.rows.append((table, row))

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(TABLES, 0)
        for table, _ in self.rows:
            counts[table] += 1
        return counts

    def frames(self) -> dict:
        return frames(self.rows)

    def __enter__(self) -> MemoryTables:
        return self

    def __exit__(self, *exc) -> None:
        pass
