"""The data dictionary of a run: `OUT/datapackage.json`, a Frictionless Tabular Data Package.

It describes the CSV tables (one resource each: fields with type and description, primary and
foreign keys), made from the one schema in `schema.py`; the Parquet files and the DuckDB database
hold the same tables with the same columns.
"""

from __future__ import annotations

import json
from pathlib import Path

from .db import DATABASE
from .schema import LIST_SEPARATOR, TABLES, Field, Table

DATAPACKAGE = "datapackage.json"


def _field(f: Field) -> dict:
    if f.type == "list":
        return {"name": f.name, "type": "list", "delimiter": LIST_SEPARATOR, "itemType": "string",
                "description": f.description}  # fmt: skip
    return {"name": f.name, "type": f.type, "description": f.description}


def _resource(table: Table) -> dict:
    schema: dict = {"fields": [_field(f) for f in table.fields], "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.fields), "reference": {"resource": fk.table, "fields": list(fk.reference)}}
            for fk in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "description": table.description + f" Also as {table.name}.parquet and in {DATABASE}.",
        "schema": schema,
    }


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("ca-news-pipeline")
    except metadata.PackageNotFoundError:
        return "0"


def descriptor() -> dict:
    """Give the data package descriptor of the output tables."""
    return {
        "profile": "tabular-data-package",
        "name": "ca-news-pipeline-tables",
        "title": "Records extracted from news articles by ca-news-pipeline",
        "description": "People, organisations, places, dates and signed documents extracted from Russian and "
        "English news articles. In the CSV files a list is written as its items joined by ' | '; a text "
        "cell a spreadsheet would read as a formula (beginning with =, +, -, @, a tab or a carriage return) "
        "begins with an apostrophe.",
        "version": _version(),
        "resources": [_resource(t) for t in TABLES.values()],
    }


def write_datapackage(folder: Path) -> None:
    """Write `datapackage.json` into `folder`."""
    text = json.dumps(descriptor(), ensure_ascii=False, indent=1)
    (folder / DATAPACKAGE).write_text(text + "\n", encoding="utf-8")
