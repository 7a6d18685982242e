"""What a run writes besides the tables: the DuckDB database, the data package, spreadsheet-safe CSV,
and README's column tables and queries, all checked against the one schema."""

from __future__ import annotations

import codecs
import csv
import json
import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import pipeline.run as run
from pipeline.db import VIEWS, create_table_sql, write_database
from pipeline.schema import TABLES, markdown
from tests.test_cli import EN, RU

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

EN_UNDP = (
    "UNDP and Uzbekistan sign a memorandum\n\n"
    "On 2 June 2025 in Tashkent, UNDP Resident Representative Helen Smith and the Minister of Ecology of "
    "Uzbekistan Aziz Abdukhakimov signed a memorandum of understanding on water."
)
FORMULA = (
    "=Встреча в Бишкеке\n\n"
    "14 мая 2025 года в Бишкеке министр экологии Кыргызской Республики Бакыт Джусупов и представители ПРООН "
    "подписали меморандум."
)


def sample_folder(folder: Path) -> Path:
    """The shipped samples, a Russian and an English article on UNDP, a title that looks like a formula,
    and a second copy of one article."""
    shutil.copytree(ROOT / "data" / "raw", folder)
    (folder / "undp").mkdir()
    (folder / "undp" / "ru.txt").write_text(RU, encoding="utf-8")
    (folder / "undp" / "en.txt").write_text(EN_UNDP, encoding="utf-8")
    (folder / "undp" / "ru-copy.txt").write_text(RU, encoding="utf-8")
    (folder / "formula.txt").write_text(FORMULA, encoding="utf-8")
    (folder / "en.md").write_text(EN, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("outputs")
    folder = sample_folder(base / "in")
    out = base / "out"
    summary = run.extract_folder(folder, out)
    return folder, out, summary


def connect(out: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(out / "pipeline.duckdb"), read_only=True)


# --- the database -----------------------------------------------------------------------------------


def test_the_database_holds_every_table_as_written(sample_run):
    _, out, summary = sample_run
    with connect(out) as con:
        for name, table in TABLES.items():
            frame = con.execute(f'SELECT * FROM "{name}"').df()
            assert list(frame.columns) == table.columns, name
            assert len(frame) == summary.rows[name] == len(pd.read_parquet(out / f"{name}.parquet")), name


def test_the_database_declares_the_schemas_keys(sample_run):
    _, out, _ = sample_run
    with connect(out) as con:
        found = {
            (table, kind, tuple(columns))
            for table, kind, columns in con.execute(
                "SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints() "
                "WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')"
            ).fetchall()
        }
        comments = dict(
            con.execute(
                "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'documents'"
            ).fetchall()
        )
    for table in TABLES.values():
        if table.primary_key:
            assert (table.name, "PRIMARY KEY", table.primary_key) in found
        for fk in table.foreign_keys:
            assert (table.name, "FOREIGN KEY", fk.fields) in found
    assert comments["party_ids"] == next(
        f.description for f in TABLES["documents"].fields if f.name == "party_ids"
    )


def test_keys_refuse_rows_that_break_them(tmp_path):
    con = duckdb.connect()
    for name in ("articles", "entities", "people"):
        con.execute(create_table_sql(TABLES[name]))
    con.execute("INSERT INTO articles (article_id, status) VALUES ('a1', 'ok')")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO people (article_id, entity_id, name) VALUES ('nope', 'per-1', 'X')")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO articles (article_id, status) VALUES ('a1', 'ok')")


def test_a_database_is_still_written_when_rows_break_a_key(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    for name, table in TABLES.items():  # a mention of an article the articles table lacks
        rows = [{"article_id": "ghost", "kind": "date", "start": 0, "end": 1}] if name == "mentions" else []
        schema = pa.schema(table.arrow_schema())
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp_path / f"{name}.parquet")
    with pytest.warns(UserWarning, match="without its key constraints"):
        write_database(tmp_path, tmp_path / "pipeline.duckdb")
    with connect(tmp_path) as con:
        assert con.execute("SELECT count(*) FROM mentions").fetchone() == (1,)


def test_document_parties_view(sample_run):
    _, out, _ = sample_run
    with connect(out) as con:
        parties = con.execute(
            "SELECT party, party_kind, position, document_id FROM document_parties ORDER BY document_id, position"
        ).fetchall()
        documents = con.execute("SELECT document_id, parties, party_ids FROM documents").fetchall()
    expected = sorted(
        (name, pid, position, doc)
        for doc, names, ids in documents
        for position, (name, pid) in enumerate(zip(names, ids, strict=True), start=1)
    )
    assert len(parties) == len(expected) and parties
    assert {kind for _, kind, _, _ in parties} <= {"organisation", "place", None}
    assert ("Программа развития ООН", "organisation") in {(p, k) for p, k, _, _ in parties}


def test_timeline_view_dates_each_article(sample_run):
    _, out, _ = sample_run
    with connect(out) as con:
        rows = con.execute(
            "SELECT title, date, dated_by, places, documents FROM timeline ORDER BY date"
        ).fetchall()
        ok = con.execute("SELECT count(*) FROM articles WHERE status = 'ok'").fetchone()[0]
    assert len(rows) == ok
    undp = next(r for r in rows if r[0] == "UNDP and Uzbekistan sign a memorandum")
    assert str(undp[1]) == "2025-06-02" and undp[2] == "event"
    assert "Tashkent" in undp[3] and undp[4] == ["memorandum signed"]


def test_people_roles_view_finds_the_organisation_inside_the_role(sample_run):
    _, out, _ = sample_run
    with connect(out) as con:
        rows = con.execute("SELECT person, role, organisation FROM people_roles").fetchall()
    assert ("Helen Smith", "UNDP Resident Representative", "United Nations Development Programme") in rows
    assert all(role for _, role, _ in rows)


def readme_queries() -> list[str]:
    section = README.split("### The database", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_readme_shows_five_queries_over_the_database_and_they_run(sample_run):
    _, out, _ = sample_run
    queries = readme_queries()
    assert len(queries) >= 5
    with connect(out) as con:
        results = [con.execute(q).fetchall() for q in queries]
    assert all(results), "every README query answers something on the samples"


def test_an_incremental_run_keeps_the_database_equal_to_the_tables(sample_run, tmp_path):
    folder, out, _ = sample_run
    shutil.copytree(folder, tmp_path / "in")
    shutil.copytree(out, tmp_path / "out")
    (tmp_path / "in" / "undp" / "en.txt").unlink()
    (tmp_path / "in" / "undp" / "ru-copy.txt").unlink()  # the first copy: ru.txt is processed in full now
    again = run.extract_folder(tmp_path / "in", tmp_path / "out")
    assert (again.processed, again.previous) == (1, "previous run")
    run.extract_folder(tmp_path / "in", tmp_path / "fresh")
    for name in TABLES:
        pd.testing.assert_frame_equal(
            pd.read_parquet(tmp_path / "out" / f"{name}.parquet"),
            pd.read_parquet(tmp_path / "fresh" / f"{name}.parquet"),
        )
    with connect(tmp_path / "out") as con:
        for name in TABLES:
            assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == again.rows[name], name
        assert "UNDP and Uzbekistan sign a memorandum" not in {
            t for (t,) in con.execute("SELECT title FROM timeline").fetchall()
        }


# --- the data package -----------------------------------------------------------------------------------


def test_datapackage_is_valid_and_the_tables_conform(sample_run):
    frictionless = pytest.importorskip("frictionless")
    _, out, _ = sample_run
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    package = frictionless.Package(out / "datapackage.json")
    assert [r.name for r in package.resources] == list(TABLES)
    for resource in package.resources:
        table = TABLES[resource.name]
        assert [(f.name, f.type, f.description) for f in resource.schema.fields] == [
            (f.name, f.type, f.description) for f in table.fields
        ]
        assert resource.schema.primary_key == list(table.primary_key)
    documents = package.get_resource("documents").read_rows()
    assert all(isinstance(row["parties"], list | None) for row in documents)


def test_a_table_that_breaks_its_description_fails_validation(sample_run, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    _, out, _ = sample_run
    for path in out.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(out / "datapackage.json", tmp_path / "datapackage.json")
    with (tmp_path / "mentions.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["no-such-article", "date", "x", 1, "d", "", ""])
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert {"type-error", "foreign-key"} <= {kind for (kind,) in report.flatten(["type"])}


# --- spreadsheets ------------------------------------------------------------------------------------------


def test_csv_opens_in_excel(sample_run):
    _, out, _ = sample_run
    for name in TABLES:
        data = (out / f"{name}.csv").read_bytes()
        assert data.startswith(codecs.BOM_UTF8), name
        text = data.decode("utf-8-sig")
        assert "None" not in text, name
        for row in csv.reader(text.splitlines()[1:]):
            assert not any(
                cell[:1] in ("=", "+", "-", "@") for cell in row if cell.strip() and not _number(cell)
            ), row
    articles = pd.read_csv(out / "articles.csv", encoding="utf-8-sig")
    assert "'=Встреча в Бишкеке" in set(articles.title)
    assert "=Встреча в Бишкеке" in set(pd.read_parquet(out / "articles.parquet").title)


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


# --- README against the schema -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(TABLES))
def test_readme_column_table_is_the_schemas(name):
    marker = f"<!-- columns: {name} -->\n"
    assert marker in README, f"README lacks the column table of {name}"
    shown = README.split(marker, 1)[1].split("\n\n", 1)[0].strip()
    assert shown == markdown(TABLES[name]), (
        f"README's {name} columns differ: run `pipeline schema {name} --markdown`"
    )


def test_written_columns_are_the_schemas(sample_run):
    _, out, _ = sample_run
    for name, table in TABLES.items():
        assert list(pd.read_parquet(out / f"{name}.parquet").columns) == table.columns
        assert (
            next(csv.reader([(out / f"{name}.csv").read_text(encoding="utf-8-sig").splitlines()[0]]))
            == table.columns
        )
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == list(TABLES)


def test_views_are_documented_in_readme():
    for name in VIEWS:
        assert f"`{name}`" in README


def test_every_document_key_is_an_entity_of_kind_document(sample_run):
    _, out, _ = sample_run
    docs = pd.read_parquet(out / "documents.parquet")
    entities = pd.read_parquet(out / "entities.parquet")
    assert len(docs) and docs.document_key.notna().all()
    listed = entities[entities.kind == "document"]
    assert set(listed.entity_id) == set(docs.document_key)
    for key, group in docs.groupby("document_key"):
        row = listed[listed.entity_id == key].iloc[0]
        assert set(row.article_ids) == set(group.article_id)
    assert docs.groupby("article_id").document_id.apply(lambda ids: ids.is_unique).all()
    with connect(out) as db:  # the identities view holds people, organisations and places only
        assert "document" not in {k for (k,) in db.execute("SELECT DISTINCT kind FROM identities").fetchall()}
