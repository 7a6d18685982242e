"""Tables -> CSV and Parquet, streamed to temporary files and renamed into place at the end.

Rows arrive one article at a time and are flushed in Parquet row groups, so memory does not
grow with the corpus; an interrupted run leaves the previous tables untouched.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

STR, INT, FLOAT, LIST = pa.string(), pa.int64(), pa.float64(), pa.list_(pa.string())

SCHEMAS: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": [
        ("article_id", STR), ("file", STR), ("record", STR), ("sha256", STR), ("lang", STR), ("title", STR),
        ("published", STR), ("event_start", STR), ("event_end", STR), ("n_chars", INT), ("status", STR),
        ("error", STR),
    ],
    "texts": [("article_id", STR), ("title", STR), ("text", STR)],
    "mentions": [
        ("article_id", STR), ("kind", STR), ("start", INT), ("end", INT), ("text", STR), ("normal", STR), ("entity_id", STR),
    ],
    "people": [
        ("article_id", STR), ("entity_id", STR), ("name", STR), ("aliases", LIST), ("role", STR), ("mentions", INT),
    ],
    "organisations": [("article_id", STR), ("entity_id", STR), ("name", STR), ("aliases", LIST), ("mentions", INT)],
    "places": [
        ("article_id", STR), ("entity_id", STR), ("name", STR), ("aliases", LIST), ("kind", STR), ("country", STR),
        ("geonames_id", INT), ("lat", FLOAT), ("lon", FLOAT), ("mentions", INT),
    ],
    "dates": [
        ("article_id", STR), ("value", STR), ("start_date", STR), ("end_date", STR), ("precision", STR), ("role", STR),
        ("text", STR), ("start", INT), ("end", INT),
    ],
    "documents": [
        ("article_id", STR), ("type", STR), ("status", STR), ("date", STR), ("place", STR), ("number", STR),
        ("parties", LIST), ("text", STR), ("start", INT), ("end", INT), ("document_id", STR), ("title", STR),
        ("party_ids", LIST), ("mentions", INT),
    ],
    "entities": [
        ("entity_id", STR), ("kind", STR), ("name", STR), ("aliases", LIST), ("articles", INT), ("mentions", INT),
        ("article_ids", LIST),
    ],
}  # fmt: skip

ROW_GROUP = 5000


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " | ".join(str(v) for v in value)
    return value


class _Table:
    def __init__(self, name: str, folder: Path) -> None:
        self.name = name
        self.columns = [c for c, _ in SCHEMAS[name]]
        self.schema = pa.schema(SCHEMAS[name])
        self.csv_file = open(folder / f"{name}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
        self.csv = csv.writer(self.csv_file)
        self.csv.writerow(self.columns)
        self.parquet = pq.ParquetWriter(folder / f"{name}.parquet", self.schema)
        self.buffer: list[dict] = []
        self.count = 0

    def add(self, row: dict) -> None:
        self.csv.writerow([_csv_cell(row.get(c)) for c in self.columns])
        self.buffer.append(row)
        self.count += 1
        if len(self.buffer) >= ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            columns = {c: [r.get(c) for r in self.buffer] for c in self.columns}
            self.parquet.write_table(pa.table(columns, schema=self.schema))
            self.buffer = []

    def close(self) -> None:
        self.flush()
        self.parquet.close()
        self.csv_file.close()


class TableWriter:
    """Write every table of SCHEMAS into `out`; use as a context manager.

    On a clean exit the tables replace those in `out` one rename each; on an exception the
    temporary folder is removed and `out` keeps what it had.
    """

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=".writing-", dir=self.out))
        self.tables = {name: _Table(name, self.tmp) for name in SCHEMAS}

    def add(self, table: str, row: dict) -> None:
        self.tables[table].add(row)

    def counts(self) -> dict[str, int]:
        return {name: t.count for name, t in self.tables.items()}

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            for table in self.tables.values():
                table.close()
            if exc_type is None:
                for name in SCHEMAS:
                    for suffix in (".csv", ".parquet"):
                        os.replace(self.tmp / f"{name}{suffix}", self.out / f"{name}{suffix}")
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
