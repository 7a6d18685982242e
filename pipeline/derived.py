"""What a run derives from its finished tables: the DuckDB database and the data package.

`write_derived(folder)` is the writer's first `before_commit` hook: called once the tables in its
staging folder are complete and before anything is switched into place, so these files are switched
together with the tables, listed in the manifest and checksummed like them (`write.TableWriter`).
"""

from __future__ import annotations

from pathlib import Path

from .datapackage import DATAPACKAGE, write_datapackage
from .db import DATABASE, write_database

DERIVED = (DATABASE, DATAPACKAGE)  # file names, in the output folder


def write_derived(folder: Path) -> tuple[str, ...]:
    """Write the database and the data package of the tables in `folder` into it; give their names."""
    write_database(folder, folder / DATABASE)
    write_datapackage(folder)
    return DERIVED
