"""The output tables: names, columns, types, descriptions and keys, in one place.

The writer (column order and Parquet types), the database (`db.py`: keys and column comments),
the data package (`datapackage.json`) and README's column tables (checked by a test; printed by
`pipeline schema --markdown`) are all made from TABLES.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa


@cache
def arrow_types() -> dict[str, pa.DataType]:
    """Give the Parquet (Arrow) type of each column type, as Frictionless Table Schema names them
    (`list` is a list of strings). pyarrow is imported here, not with the module: a run's worker
    never needs it, and its start does not wait for it."""
    import pyarrow as pa

    return {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "list": pa.list_(pa.string()),
    }


DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "list": "VARCHAR[]"}
LIST_SEPARATOR = " | "  # list cells in CSV


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string | integer | number | list
    description: str


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def arrow_schema(self) -> list[tuple[str, pa.DataType]]:
        return [(f.name, arrow_types()[f.type]) for f in self.fields]


def _fields(*rows: tuple[str, str, str]) -> tuple[Field, ...]:
    return tuple(Field(*row) for row in rows)


_OF_ARTICLE = ForeignKey(("article_id",), "articles", ("article_id",))
_OF_ENTITY = ForeignKey(("entity_id",), "entities", ("entity_id",))
_ARTICLE = ("article_id", "string", "the article (`articles.article_id`)")
_ENTITY = ("entity_id", "string", "the entity: the same id in every article and run (`entities.entity_id`)")
_ALIASES = (
    "aliases",
    "list",
    "the other forms in the article (abbreviations defined in brackets, initials, surname alone), and for "
    "a known organisation its abbreviations",
)
_MENTIONS = ("mentions", "integer", "number of mentions in the article")


def _entity_table(name: str, description: str, *extra: tuple[str, str, str]) -> Table:
    names = {
        "people": 'normalised name: nominative, as "Name Surname" or "I. O. Surname"',
        "organisations": "normalised name: nominative; a known organisation by its canonical name in the "
        "article's language",
        "places": "normalised name: nominative; a known place by its canonical name in the article's language",
    }
    return Table(
        name,
        description,
        _fields(_ARTICLE, _ENTITY, ("name", "string", names[name]), _ALIASES, *extra, _MENTIONS),
        ("article_id", "entity_id"),
        (_OF_ARTICLE, _OF_ENTITY),
    )


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "articles",
            "One row per article (per record for JSON / JSONL files), whatever its status.",
            _fields(
                ("article_id", "string", "stable id from the content: a hash of the sha256 of the article's bytes "
                 "(the file's, or the record's in a JSON / JSONL file) and the record key, the same from any "
                 "folder and on every run (a part of a long text: the whole's id and the part); a file that could "
                 "not be read is identified by its path. Unique: a second copy of an article gets an id of its "
                 "own and status `skipped`"),
                ("file", "string", "path relative to the input folder; bytes of a name that are not UTF-8 are "
                 "written `\\xNN`, a backslash of the name `\\\\`"),
                ("record", "string", "the record's `id` (or index / `lineN`; a repeated id gets `@INDEX`) inside a "
                 "JSON / JSONL file; `partN` for a part of a long text; empty for other files"),
                ("sha256", "string", "sha256 of the file's bytes"),
                ("lang", "string", "`ru`, `en`, or the detected code of a skipped language (`kk`, `ky`, `uz`, `tg`, "
                 "`tk`, `uk`, `und`)"),
                ("title", "string", "the headline"),
                ("published", "string", "publication date (`YYYY-MM-DD`), the first found of: JSON `published` / "
                 "HTML metadata, YAML front matter (`date:`), the metadata CSV (`--meta`, `metadata.csv`), a "
                 '"Дата публикации:" / "Published:" line, a dateline or date line ("Бишкек, 24.12.19. /Кабар/.", '
                 '"ALMATY, 3 March 2025 -", "19.05.2023, 14:30"), a date in the file name (`2023-05-19-…`); '
                 "never the run's day or a file's modification time"),
                ("published_source", "string", "where `published` came from: `metadata` (JSON field, HTML "
                 "metadata), `front_matter`, `sidecar` (the metadata CSV), `text` (a date line or dateline), "
                 "`file_name`; empty when there is no publication date"),
                ("event_start", "string", "first day of the article's main event (the `event` date), empty when "
                 "the lead dates none"),
                ("event_end", "string", "last day of the article's main event"),
                ("n_chars", "integer", "length of the cleaned text"),
                ("documents_reported", "integer", 'the number of documents the article says were signed, adopted '
                 'or ratified without saying of which types ("17 documents were signed", "подписано 18 '
                 'соглашений и меморандумов"; the largest such count); empty when it gives none'),
                ("status", "string", "`ok`, `skipped` (unsupported language, or a second copy of an article) or "
                 "`error`"),
                ("error", "string", "why the article was skipped or failed"),
            ),
            ("article_id",),
        ),
        Table(
            "texts",
            "The cleaned text of every article processed: mention offsets refer to it.",
            _fields(
                _ARTICLE,
                ("title", "string", "the headline"),
                ("text", "string", "the cleaned text (title line, blank line, body) the offsets refer to"),
            ),
            ("article_id",),
            (_OF_ARTICLE,),
        ),
        Table(
            "mentions",
            "Every mention found, in text order.",
            _fields(
                _ARTICLE,
                ("kind", "string", "`person`, `organisation`, `place`, `date` or `document`"),
                ("start", "integer", "character offset of the mention in the cleaned text"),
                ("end", "integer", "character offset just past the mention (end excluded)"),
                ("text", "string", "the text as written"),
                ("normal", "string", "normalised form: nominative name, document type, or a date's value: ISO "
                 "8601 when the text anchors it; a date the text does not anchor keeps a TIMEX3-style value "
                 '(`XXXX-06-21` for a day without a year, `XXXX-WXX-1` for "в понедельник" without a '
                 'publication date, `PRESENT_REF` for "now", "сейчас") and is a mention only, not a row of `dates`'),
                ("entity_id", "string", "the entity of a person, organisation or place mention; for a document "
                 "mention, the `document_id` of its row in `documents` (empty for dates)"),
            ),
            (),
            (_OF_ARTICLE,),
        ),
        _entity_table(
            "people",
            'One row per distinct person per article ("Бакыт Джусупов", "Б. Джусупов" and "Джусупов" in one '
            "article are one row).",
            ("role", "string", 'the position written next to the name, in the nominative ("заместитель '
             'директора Агентства по гидрометеорологии", "Armenian Deputy Energy Minister")'),
        ),
        _entity_table("organisations", "One row per distinct organisation per article."),
        _entity_table(
            "places",
            "One row per distinct place per article.",
            ("kind", "string", "`country`, `city`, `admin`, `region`, `natural` or `other`"),
            ("country", "string", "ISO 3166-1 alpha-2 code of the country the place lies in (empty for regions "
             "spanning countries)"),
            ("geonames_id", "integer", "GeoNames id of a known city"),
            ("lat", "number", "latitude of a known city (WGS 84)"),
            ("lon", "number", "longitude of a known city (WGS 84)"),
        ),
        Table(
            "dates",
            "One row per distinct date value per article.",
            _fields(
                _ARTICLE,
                ("value", "string", "ISO 8601: `2026-02-25`, `2024-02`, `2022`, or an interval "
                 "`2026-02-25/2026-02-27`"),
                ("start_date", "string", "first day covered (`YYYY-MM-DD`), for sorting and filtering; a part of "
                 "a month or year keeps the month or year as `value` and narrows the days: \"early / mid / late "
                 "June\", \"в начале / середине / конце июня\", \"the end of June\" cover days 1–10, 11–20, 21 to "
                 "the end; \"early 2024\", \"в конце 2024 года\" the first, middle or last four months"),
                ("end_date", "string", "last day covered (`YYYY-MM-DD`)"),
                ("precision", "string", "`day`, `month`, `year`, `decade` (\"the 1990s\", \"в 90-е годы\": "
                 "`1990/1999`) or `century` (\"XXI век\": `2001/2100`)"),
                ("anchor", "string", "what gave the date the part the text leaves out: `published` (the "
                 'publication date: "5 марта", "yesterday", "last week"), `text` (the explicit year of the '
                 "nearest date before it in its sentence, else, when the publication date gives none, in its "
                 'paragraph: "12 мая 2023 года …, а 14 мая …"); empty when the date is complete as written. A date '
                 "with no anchor is no row; never the run's date"),
                ("role", "string", "`published` (the publication line or dateline), `event` (the article's main "
                 "event: the first day-precise date of the headline and lead that is not a document's own date, "
                 'a deadline or a starting point ("Соглашение от 7 декабря 2022 года", "до 15 июня", "since '
                 'March 2019") nor background ("Напомним, …", "back in", a founding date, "the agreement signed '
                 'on …"), nor history (a day more than a year before the publication date, else before the '
                 "latest day or month the article reports), nor a period (a span of two weeks or more: a "
                 'programme, a campaign, a term); a day the lead dates without a value, "on Monday" with no '
                 "publication date, keeps "
                 "the place, so no later date takes it) or `other`"),
                ("text", "string", "the date as written"),
                ("start", "integer", "character offset of the date in the cleaned text"),
                ("end", "integer", "character offset just past the date"),
            ),
            ("article_id", "value"),
            (_OF_ARTICLE,),
        ),
        Table(
            "documents",
            "One row per distinct document an article says was signed, adopted, ratified or planned, or refers "
            "to by name; every mention of it is a `document` row of `mentions`.",
            _fields(
                _ARTICLE,
                ("document_id", "string", "the document's id, distinct within the article (its mentions carry it "
                 "as `entity_id`)"),
                ("type", "string", "`memorandum` (меморандум, MoU), `protocol`, `resolution`, `declaration`, "
                 "`agreement` (соглашение, договорённость, accord), `treaty` (договор; a charter: \"Устав ШОС\", "
                 '"the UN Charter"), `convention`, `roadmap` (дорожная карта, road map), `plan` (план действий / '
                 "работы / сотрудничества / мероприятий, рамочная программа, программа сотрудничества, action "
                 "plan, cooperation programme), `statement` (совместное заявление, joint statement), `communique`"),
                ("status", "string", "`signed`, `adopted`, `ratified`, `planned` or `mentioned` (see README: "
                 "Statuses)"),
                ("date", "string", 'the date written with the document ("от 3 октября 2006 года", "of December '
                 '16, 2021"), else in its participle clause, else in the clause of its predicate, else that of the '
                 "documents it is listed among; for a document signed, adopted or ratified with none of these, "
                 "the day its own sentence names outside another document's phrase (\"3 марта в Оше прошло "
                 "заседание, по итогам которого подписано соглашение\"), else "
                 "the article's event date when the event is told before the document. A date of validity "
                 '("план на 2023 год", "до 2030 года") is none'),
                ("place", "string", 'the place written with a locative in the same places ("в городе Ош", '
                 "\"in Georgia's capital Tbilisi\", \"in the Kyrgyz capital, Bishkek\", \"в столице Монголии "
                 "Улан-Баторе\": cities first), else the event's city when the date is "
                 "the event's; for a document signed, adopted or ratified with none of these, the event's city "
                 "(the city written with a locative in the sentence of the lead's event date, even a day the text "
                 "does not anchor: \"met in Tehran on Sunday\"; none for a document with a date of its own other "
                 "than the event's), "
                 "else a city written with a locative or as a visit's destination in its sentence or the next "
                 "(\"during the minister's visit to Muscat\"), else a visit's destination in the sentence "
                 "before, else the headline's city written with a locative"),
                ("number", "string", '"№ 7", "No. 5", "A/RES/76/129"'),
                ("title", "string", 'the subject as written: "о взаимных поездках граждан", "on water '
                 'cooperation", a project in brackets'),
                ("parties", "list", "the organisations and countries that signed or adopted it, named as in "
                 "`organisations` and `places`"),
                ("party_ids", "list", "the entity ids of `parties`, in the same order (empty for a party that is "
                 "no entity of the article, such as a nationality word the article has no place for)"),
                ("mentions", "integer", "the number of its mentions"),
                ("count", "integer", 'the number of documents the row stands for: 1 for a document reported on '
                 'its own, N for a count of documents of one type the article does not list one by one ("signed '
                 'four MOUs", "подписано 23 соглашения")'),
                ("document_key", "string", "the document across articles: the `entities.entity_id` of kind `document` "
                 "that every article reporting it shares (by type, title, parties, and date when untitled; an "
                 "untitled document without both a date and a party keeps a key of its own)"),
                ("text", "string", "the evidence sentence (the one that gives the status)"),
                ("start", "integer", "character offset of the evidence sentence"),
                ("end", "integer", "character offset just past the evidence sentence"),
            ),
            ("article_id", "document_id"),
            (_OF_ARTICLE,),
        ),
        Table(
            "entities",
            "One row per person, organisation, place or document across all articles.",
            _fields(
                ("entity_id", "string", "the entity: a hash of the gazetteer key of a known organisation or place, "
                 "else of the normal form"),
                ("kind", "string", "`person`, `organisation`, `place` or `document` (a document's `entity_id` is its "
                 "`documents.document_key`)"),
                ("name", "string", "its name as first seen (a document's: type, title, parties and date)"),
                ("aliases", "list", "every other form seen, plus the gazetteer's names (e.g. English and Russian "
                 "country names)"),
                ("articles", "integer", "number of articles it appears in"),
                ("mentions", "integer", "number of its mentions"),
                ("article_ids", "list", "the articles it appears in"),
                ("identity_id", "string", "the one person or organisation across articles and languages it is part of: "
                 "the `entity_id` of the identity's main entity (a bare surname, initials, another romanisation, "
                 "a Russian spelling, an abbreviation and its expansion share it; see README: Identities across "
                 "articles); recomputed every run"),
                ("name_ru", "string", "the identity's name in Russian, where known (the gazetteer's, else the fullest "
                 "Cyrillic name of its entities)"),
                ("name_en", "string", "the identity's name in English, where known (the gazetteer's, else the fullest "
                 "Latin name of its entities)"),
            ),
            ("entity_id",),
        ),
    )
}  # fmt: skip

# Tables the next run reads to redo only what changed (Parquet only, in OUT/.pipeline/).
STATE_TABLES: dict[str, Table] = {
    "entity_refs": Table(
        "entity_refs",
        "Each article's share of the entities table: the entity's names in the order EntityIndex adds them.",
        _fields(
            _ARTICLE,
            _ENTITY,
            ("kind", "string", "`person`, `organisation`, `place` or `document`"),
            ("names", "list", "its name, then its aliases and the gazetteer's names"),
            _MENTIONS,
            ("role", "string", "a person's role in the article (empty for other kinds)"),
        ),
    ),
    "corrections_applied": Table(
        "corrections_applied",
        "The correction rules that changed each article's records (what a changed rule must redo).",
        _fields(_ARTICLE, ("rule", "string", "the rule's key: its action, kind, name and target as JSON")),
    ),
}


def markdown(table: Table) -> str:
    """Give README's column table of `table`: one row per column, in the table's order."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    for f in table.fields:
        kind = "list of strings" if f.type == "list" else f.type
        lines.append(f"| `{f.name}` | {kind} | {f.description} |")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m pipeline.schema: every table's column table, for README
    for table in TABLES.values():
        print(f"<!-- columns: {table.name} -->\n{markdown(table)}\n")
