"""The run's tables as one DuckDB file: keys declared, columns commented, views for common questions.

Built from the finished Parquet tables of a run (in its staging folder, before they are switched
into place), so it always holds exactly the tables beside it, after a fresh run or an incremental one.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from .schema import DUCKDB_TYPES, TABLES, Table

DATABASE = "pipeline.duckdb"

# Questions analysts ask, answered once here (README shows queries over them).
VIEWS: dict[str, tuple[str, str]] = {
    "document_parties": (
        "One row per document and party, in the order of the parties, with the party's entity id and kind.",
        """
        WITH parties AS (
            SELECT article_id, document_id, type, status, date, place, number, title,
                   unnest(generate_series(1, len(parties))) AS position,
                   unnest(parties) AS party, unnest(party_ids) AS party_id
            FROM documents)
        SELECT p.*, e.kind AS party_kind
        FROM parties p LEFT JOIN entities e ON e.entity_id = p.party_id
        """,
    ),
    "timeline": (
        "One row per article processed, dated by its main event (else by its publication date), with its "
        "places, countries and documents.",
        """
        SELECT a.article_id, a.title, a.lang,
               coalesce(TRY_CAST(a.event_start AS DATE), TRY_CAST(a.published AS DATE)) AS date,
               CASE WHEN a.event_start IS NOT NULL THEN 'event'
                    WHEN TRY_CAST(a.published AS DATE) IS NOT NULL THEN 'published' END AS dated_by,
               TRY_CAST(a.event_start AS DATE) AS event_start, TRY_CAST(a.event_end AS DATE) AS event_end,
               (SELECT list(p.name ORDER BY p.mentions DESC, p.name) FROM places p
                 WHERE p.article_id = a.article_id) AS places,
               (SELECT list(DISTINCT p.country ORDER BY p.country) FROM places p
                 WHERE p.article_id = a.article_id AND p.country IS NOT NULL) AS countries,
               (SELECT list(d.type || ' ' || d.status ORDER BY d.start) FROM documents d
                 WHERE d.article_id = a.article_id) AS documents
        FROM articles a WHERE a.status = 'ok'
        """,
    ),
    "people_roles": (
        "One row per person with a role in an article; the organisation is one the article names in the "
        "role, or within the role's length before the name (or after it, behind a comma), where there is one.",
        """
        WITH person_mentions AS (
            SELECT p.article_id, p.entity_id, p.role, m.start, m."end"
            FROM people p JOIN mentions m
              ON m.article_id = p.article_id AND m.entity_id = p.entity_id AND m.kind = 'person'
            WHERE p.role IS NOT NULL),
        candidates AS (
            -- an organisation written inside the role ("UNDP Resident Representative")
            SELECT DISTINCT pm.article_id, pm.entity_id, o.entity_id AS organisation_id, -1 AS distance
            FROM person_mentions pm JOIN mentions o
              ON o.article_id = pm.article_id AND o.kind = 'organisation' AND length(o.text) > 1
             AND strpos(lower(pm.role), lower(o.text)) > 0
            UNION ALL
            -- an organisation mention within the role's length before the name, or after it behind a
            -- comma ("Бакыт Джусупов, председатель Комитета …")
            SELECT pm.article_id, pm.entity_id, o.entity_id,
                   least(abs(pm.start - o."end"), abs(o.start - pm."end"))
            FROM person_mentions pm
            JOIN texts t ON t.article_id = pm.article_id
            JOIN mentions o ON o.article_id = pm.article_id AND o.kind = 'organisation'
             AND ((o."end" <= pm.start AND o.start >= pm.start - length(pm.role) - 3)
               OR (o.start >= pm."end" AND o."end" <= pm."end" + length(pm.role) + 4
                   AND substr(t.text, pm."end" + 1, 1) = ','))),
        nearest AS (
            SELECT article_id, entity_id, arg_min(organisation_id, distance) AS organisation_id
            FROM candidates GROUP BY article_id, entity_id)
        SELECT p.article_id, p.entity_id AS person_id, p.name AS person, p.role,
               n.organisation_id, o.name AS organisation, a.lang, a.title
        FROM people p
        JOIN articles a USING (article_id)
        LEFT JOIN nearest n USING (article_id, entity_id)
        LEFT JOIN organisations o ON o.article_id = p.article_id AND o.entity_id = n.organisation_id
        WHERE p.role IS NOT NULL
        """,
    ),
    "identities": (
        "One row per person, organisation or place across articles and languages: the entities that share an "
        "identity_id, with the identity's names, every entity id and name, and the articles of any of them.",
        """
        WITH members AS (
            SELECT identity_id, any_value(kind) AS kind,
                   any_value(name) FILTER (WHERE entity_id = identity_id) AS name,
                   any_value(name_ru) AS name_ru, any_value(name_en) AS name_en,
                   list(entity_id ORDER BY entity_id) AS entity_ids,
                   list(name ORDER BY articles DESC, entity_id) AS names,
                   sum(mentions) AS mentions
            FROM entities WHERE kind <> 'document' GROUP BY identity_id),
        seen AS (
            SELECT identity_id, count(DISTINCT article_id) AS articles,
                   list(DISTINCT article_id ORDER BY article_id) AS article_ids
            FROM (SELECT identity_id, unnest(article_ids) AS article_id FROM entities WHERE kind <> 'document')
            GROUP BY identity_id)
        SELECT m.identity_id, m.kind, m.name, m.name_ru, m.name_en, m.entity_ids, m.names,
               s.articles, m.mentions, s.article_ids
        FROM members m JOIN seen s USING (identity_id)
        """,
    ),
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_table_sql(table: Table, *, keys: bool = True) -> str:
    """Give the CREATE TABLE statement of `table`, with its primary and foreign keys."""
    parts = [f"{_quote(f.name)} {DUCKDB_TYPES[f.type]}" for f in table.fields]
    if keys and table.primary_key:
        parts.append(f"PRIMARY KEY ({', '.join(map(_quote, table.primary_key))})")
    for fk in table.foreign_keys if keys else ():
        parts.append(
            f"FOREIGN KEY ({', '.join(map(_quote, fk.fields))}) "
            f"REFERENCES {_quote(fk.table)} ({', '.join(map(_quote, fk.reference))})"
        )
    return f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(parts) + "\n)"


def _in_key_order() -> list[Table]:
    """Give the tables so that every table comes after the tables its foreign keys point to."""
    done: dict[str, Table] = {}
    while len(done) < len(TABLES):
        for table in TABLES.values():
            if table.name not in done and all(fk.table in done for fk in table.foreign_keys):
                done[table.name] = table
    return list(done.values())


def write_database(tables: Path, target: Path) -> None:
    """Write the DuckDB database `target` from the Parquet tables in the folder `tables`.

    Should the rows break a declared key (a bug, never the input's fault), the database is written
    without the key constraints and a warning says which: the run's tables are never lost over it.
    """
    import duckdb

    try:
        _write(tables, target, keys=True)
    except duckdb.ConstraintException as exc:
        warnings.warn(f"{target.name} written without its key constraints: {exc}", stacklevel=2)
        _write(tables, target, keys=False)


def _write(tables: Path, target: Path, *, keys: bool) -> None:
    import duckdb

    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    try:
        for table in _in_key_order():
            con.execute(create_table_sql(table, keys=keys))
            columns = ", ".join(_quote(c) for c in table.columns)
            source = _literal(str(tables / f"{table.name}.parquet"))
            con.execute(f"INSERT INTO {_quote(table.name)} SELECT {columns} FROM read_parquet({source})")
            con.execute(f"COMMENT ON TABLE {_quote(table.name)} IS {_literal(table.description)}")
            for f in table.fields:
                con.execute(
                    f"COMMENT ON COLUMN {_quote(table.name)}.{_quote(f.name)} IS {_literal(f.description)}"
                )
        for name, (description, query) in VIEWS.items():
            con.execute(f"CREATE VIEW {_quote(name)} AS {query}")
            con.execute(f"COMMENT ON VIEW {_quote(name)} IS {_literal(description)}")
        con.execute("CHECKPOINT")
    finally:
        con.close()
