"""Tables -> CSV and Parquet, streamed into a staging folder and switched into place at the end.

Rows arrive one article at a time and are flushed in Parquet row groups (at most ROW_GROUP rows
or ROW_GROUP_BYTES of text), so memory does not grow with the corpus; an interrupted run leaves
the previous tables untouched, and the new set replaces the old one as a whole (`outdir.py`).
When the tables are complete, the DuckDB database and the data package are made from them in the
staging folder (`derived.py`, the writer's first `before_commit` hook), so they are switched in,
listed and checksummed with the tables. CSV files are UTF-8 with a BOM (spreadsheets read them
right), every cell through `safe.csv_cell`. Beside the tables, `OUT/.pipeline/` keeps the state of
the run (state tables in Parquet and a manifest): see `state.py`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import outdir
from .derived import write_derived
from .safe import csv_cell
from .schema import STATE_TABLES, TABLES

if TYPE_CHECKING:
    import pyarrow as pa

# SCHEMAS: {table: [(column, Arrow type)]}; STATE_SCHEMAS: the same for the tables the next run reads
# to redo only what changed (Parquet only, in OUT/.pipeline/). Made on first use (`__getattr__`):
# pyarrow is imported when the tables are written, not at start (see schema.arrow_types).


def __getattr__(name: str) -> dict[str, list[tuple[str, pa.DataType]]]:
    if name == "SCHEMAS":
        return {table: t.arrow_schema() for table, t in TABLES.items()}
    if name == "STATE_SCHEMAS":
        return {table: t.arrow_schema() for table, t in STATE_TABLES.items()}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


STATE_DIR = outdir.STATE_DIR
MANIFEST = outdir.MANIFEST
RUN_KEY = b"pipeline_run"  # Parquet metadata key holding the id of the run that wrote the table

ROW_GROUP = 1000
ROW_GROUP_BYTES = 2 * 2**20  # texts are long: flush by size too, so a buffer stays small


def _size(row: dict) -> int:
    return sum(len(v) if isinstance(v, str) else 16 for v in row.values())


class _Table:
    def __init__(self, name: str, folder: Path, fields: list, run_id: str, *, with_csv: bool = True) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.name = name
        self.columns = [c for c, _ in fields]
        self.schema = pa.schema(fields).with_metadata({RUN_KEY: run_id.encode()})
        self.csv_file = None
        if with_csv:
            self.csv_file = open(folder / f"{name}.csv", "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            self.csv = csv.writer(self.csv_file)
            self.csv.writerow(self.columns)
        self.parquet = pq.ParquetWriter(folder / f"{name}.parquet", self.schema)
        self.buffer: list[dict] = []
        self.buffered_bytes = 0
        self.count = 0

    def add(self, row: dict) -> None:
        if self.csv_file is not None:
            self.csv.writerow([csv_cell(row.get(c)) for c in self.columns])
        self.buffer.append(row)
        self.buffered_bytes += _size(row)
        self.count += 1
        if len(self.buffer) >= ROW_GROUP or self.buffered_bytes >= ROW_GROUP_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            import pyarrow as pa

            columns = {c: [r.get(c) for r in self.buffer] for c in self.columns}
            self.parquet.write_table(pa.table(columns, schema=self.schema))
            self.buffer = []
            self.buffered_bytes = 0

    def close(self) -> None:
        self.flush()
        self.parquet.close()
        if self.csv_file is not None:
            self.csv_file.close()


class TableWriter:
    """Write every table of SCHEMAS into `out` (and of STATE_SCHEMAS into `out/.pipeline`); use as
    a context manager.

    Everything is written into a staging folder first (`staging`, named after the process id). On
    a clean exit the functions in `before_commit` add files of their own to it (each is called
    with the staging folder; the first writes the database and the data package), then the manifest (if set) is written with the list and checksums of
    every staged file, and the whole set replaces the previous one in `out` at once
    (`outdir.commit`). On an exception the staging folder is removed and `out` keeps what it had;
    a run killed outright leaves it, and the next command removes it (`outdir.recover`).
    """

    def __init__(self, out: Path, *, run_id: str | None = None) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.run_id = run_id or uuid.uuid4().hex
        self.staging = Path(tempfile.mkdtemp(prefix=f"{outdir.STAGING_PREFIX}{os.getpid()}-", dir=self.out))
        (self.staging / STATE_DIR).mkdir()
        self.tables = {
            name: _Table(name, self.staging, t.arrow_schema(), self.run_id) for name, t in TABLES.items()
        }
        self.state = {
            name: _Table(name, self.staging / STATE_DIR, t.arrow_schema(), self.run_id, with_csv=False)
            for name, t in STATE_TABLES.items()
        }
        self.manifest: dict | None = None
        self.before_commit: list[Callable[[Path], object]] = [write_derived]

    def add(self, table: str, row: dict) -> None:
        (self.tables.get(table) or self.state[table]).add(row)

    def counts(self) -> dict[str, int]:
        return {name: t.count for name, t in self.tables.items()}

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            for table in (*self.tables.values(), *self.state.values()):
                table.close()
            if exc_type is None:
                for hook in self.before_commit:
                    hook(self.staging)
                if self.manifest is not None:
                    self._write_manifest()
                outdir.commit(self.out, self.staging)
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)

    def _write_manifest(self) -> None:
        """Write the manifest into the staging folder with the names of every output and the
        sha256 of every staged file, so that the next run can tell damaged state."""
        units = [u for u in outdir.staged_units(self.staging) if u != f"{STATE_DIR}/{MANIFEST}"]
        files = sorted(
            p.relative_to(self.staging).as_posix()
            for u in units
            for p in ([self.staging / u] if (self.staging / u).is_file() else (self.staging / u).rglob("*"))
            if p.is_file()
        )
        manifest = {
            **self.manifest,
            "outputs": units,
            "checksums": {f: file_sha256(self.staging / f) for f in files},
        }
        (self.staging / STATE_DIR / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False), encoding="utf-8"
        )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(2**20), b""):
            digest.update(block)
    return digest.hexdigest()
