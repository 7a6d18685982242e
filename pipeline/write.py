"""Tables -> CSV and Parquet, streamed to temporary files and renamed into place at the end.

Rows arrive one article at a time and are flushed in Parquet row groups (at most ROW_GROUP rows
or ROW_GROUP_BYTES of text), so memory does not grow with the corpus; an interrupted run leaves
the previous tables untouched. When the tables are complete, the DuckDB database and the data
package are made from them in the same temporary folder (`derived.py`) and renamed into place with
them. Beside the tables, `OUT/.pipeline/` keeps the state of the run
(state tables in Parquet and a manifest, written last): see `state.py`.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .derived import write_derived
from .schema import LIST_SEPARATOR, STATE_TABLES, TABLES

SCHEMAS: dict[str, list[tuple[str, pa.DataType]]] = {name: t.arrow_schema() for name, t in TABLES.items()}
# Tables the next run reads to redo only what changed (Parquet only, in OUT/.pipeline/).
STATE_SCHEMAS = {name: t.arrow_schema() for name, t in STATE_TABLES.items()}
STATE_DIR = ".pipeline"
MANIFEST = "manifest.json"
RUN_KEY = b"pipeline_run"  # Parquet metadata key holding the id of the run that wrote the table

ROW_GROUP = 1000
ROW_GROUP_BYTES = 2 * 2**20  # texts are long: flush by size too, so a buffer stays small


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> object:
    """Give a value as a spreadsheet-safe CSV cell: lists joined (a missing item empty, never "None"),
    and text that a spreadsheet would read as a formula ("=…", "+…", "-…", "@…") after an apostrophe,
    which Excel and LibreOffice take as "this cell is text" and do not show."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _size(row: dict) -> int:
    return sum(len(v) if isinstance(v, str) else 16 for v in row.values())


class _Table:
    def __init__(self, name: str, folder: Path, fields: list, run_id: str, *, with_csv: bool = True) -> None:
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
            self.csv.writerow([_csv_cell(row.get(c)) for c in self.columns])
        self.buffer.append(row)
        self.buffered_bytes += _size(row)
        self.count += 1
        if len(self.buffer) >= ROW_GROUP or self.buffered_bytes >= ROW_GROUP_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
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

    On a clean exit the tables replace those in `out` one rename each, then `manifest` (if set) is
    written; on an exception the temporary folder is removed and `out` keeps what it had. A run
    killed outright (SIGKILL) leaves its temporary folder, named after its process id, which the
    next run removes.
    """

    def __init__(self, out: Path, *, run_id: str | None = None) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.run_id = run_id or uuid.uuid4().hex
        self.tmp = Path(tempfile.mkdtemp(prefix=f".writing-{os.getpid()}-", dir=self.out))
        self.tables = {name: _Table(name, self.tmp, fields, self.run_id) for name, fields in SCHEMAS.items()}
        self.state = {
            name: _Table(name, self.tmp, fields, self.run_id, with_csv=False)
            for name, fields in STATE_SCHEMAS.items()
        }
        self.manifest: dict | None = None
        self.derived: tuple[str, ...] = ()  # files made from the finished tables, switched in with them

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
                self.derived = write_derived(self.tmp)
                self._commit()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _commit(self) -> None:
        state_dir = self.out / STATE_DIR
        state_dir.mkdir(exist_ok=True)
        # The old manifest goes first: if the renames below are cut short, no manifest claims
        # the mixed tables, and the next run redoes everything.
        (state_dir / MANIFEST).unlink(missing_ok=True)
        for name in SCHEMAS:
            for suffix in (".csv", ".parquet"):
                os.replace(self.tmp / f"{name}{suffix}", self.out / f"{name}{suffix}")
        for name in self.derived:
            os.replace(self.tmp / name, self.out / name)
        for name in STATE_SCHEMAS:
            os.replace(self.tmp / f"{name}.parquet", state_dir / f"{name}.parquet")
        if self.manifest is not None:
            written = self.tmp / MANIFEST
            written.write_text(json.dumps(self.manifest, ensure_ascii=False), encoding="utf-8")
            os.replace(written, state_dir / MANIFEST)
