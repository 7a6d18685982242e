"""Publication dates from outside the article's text: YAML front matter, sidecar metadata files and
the file name; and the names of every way a publication date is found (`articles.published_source`).

The order, first match wins (the text's own date lines and datelines are read by the dates stage,
`extract/dates.py`, between the sidecar and the file name):

1. `metadata`: a JSON / JSONL record's `published` field, an HTML page's metadata;
2. `front_matter`: YAML front matter opening a `.md` / `.txt` file (`---`, `date: …`, `---`),
   as static-site generators write it; the block is removed from the text;
3. `sidecar`: a row of a metadata CSV (`file,published[,title,url]`): `--meta FILE.csv`, else
   `metadata.csv` in the input folder;
4. `text`: a "Дата публикации: …" / "Published: …" line, a line holding only a date near the top,
   or a dateline ("Бишкек, 24.12.19. /Кабар/.", "ALMATY, 3 March 2025 -");
5. `file_name`: a date in the file's name ("2023-05-19-summit.txt", "news_20230519.md").

Nothing comes from the machine's clock or a file's modification time.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from .article import Source

SOURCES = ("metadata", "front_matter", "sidecar", "text", "file_name")
SIDECAR_NAME = "metadata.csv"  # read from the input folder when no --meta file is given
DATE_KEYS = ("published", "date", "pubdate", "publish_date", "published_at", "date_published", "datetime")
HOW_TO_SUPPLY = (
    "a `published` field in JSON / JSONL, YAML front matter (`date: 2023-05-19`) in .md / .txt, "
    f"a metadata CSV (`--meta FILE.csv` or {SIDECAR_NAME} in the input folder: file,published[,title,url]), "
    'a "Published: 2023-05-19" line or a dateline in the text, or a date in the file name'
)

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# A date in a file name: 2023-05-19, 2023_05_19, 2023.05.19 or 20230519, not inside a longer run of
# letters and digits (a hash such as "81abf62a20230519" holds none).
_NAME_DATE = re.compile(
    r"(?:^|(?<=[^0-9A-Za-z]))((?:19|20)\d{2})([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?=$|[^0-9A-Za-z])"
)


class MetadataError(ValueError):
    """A metadata file cannot be used; the message is for the user."""


def iso_day(value: object) -> str | None:
    """Give a publication date as YYYY-MM-DD from what metadata holds: a date, a datetime, an ISO
    string ("2023-05-19T10:00:00+05:00") or a common written form ("19.05.2023", "May 19, 2023");
    None when it gives no day."""
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value in (None, ""):
        return None
    from .extract.date_values import parse_free, precision

    for lang in ("en", "ru"):
        parsed = parse_free(str(value), lang)
        if parsed and precision(parsed) == "day":
            return parsed
    return None


# --- front matter -----------------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str, dict]:
    """Give (the text without its YAML front matter, the front matter's fields); a text without a
    front matter block, or with one that is no YAML mapping, is given back whole with no fields."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}
    import yaml

    try:
        fields = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return text, {}
    if not isinstance(fields, dict):
        return text, {}
    return text[match.end() :], {str(k).lower(): v for k, v in fields.items()}


def with_front_matter(source: Source) -> Source:
    """Give a `.md` / `.txt` Source with its front matter removed from the text and its `title`,
    `url` and publication date (`date`, `published`…) taken from it."""
    if not source.text:
        return source
    text, fields = split_front_matter(source.text)
    if not fields:
        return source
    published = next((iso_day(fields[k]) for k in DATE_KEYS if iso_day(fields.get(k))), None)

    def text_field(key: str) -> str | None:
        value = fields.get(key)
        return str(value).strip() or None if value not in (None, "") else None

    return replace(
        source,
        text=text,
        title=source.title or text_field("title"),
        url=source.url or text_field("url") or text_field("link"),
        published=source.published or published,
        published_source=source.published_source or ("front_matter" if published else None),
    )


# --- sidecar metadata files -------------------------------------------------------------------------


@dataclass(frozen=True)
class Sidecar:
    """The rows of a metadata CSV, by file: publication date, title and url."""

    path: str
    rows: dict  # file (as written, relative to the input folder) -> {"published", "title", "url"}
    digest: str  # sha256 of the file's bytes: a changed file redoes the run

    def lookup(self, source: Source) -> dict | None:
        """Give the row of a source: by its path (with "#record" for a JSON record), else by its path
        alone, else by its file name alone."""
        keys = [source.file, PurePosixPath(source.file).name]
        if source.record:
            keys.insert(0, f"{source.file}#{source.record}")
        return next((self.rows[k] for k in keys if k in self.rows), None)


def read_sidecar(path: Path) -> Sidecar:
    """Give the rows of a metadata CSV with a header `file,published[,title,url]` (UTF-8, a BOM
    allowed; `date` is taken for `published`); raise MetadataError when it cannot be used."""
    path = Path(path)
    try:
        data = path.read_bytes()
        reader = csv.DictReader(data.decode("utf-8-sig").splitlines())
        header = [h.strip().lower() for h in reader.fieldnames or ()]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise MetadataError(f"cannot read metadata file {path}: {exc}") from None
    date_column = next((k for k in DATE_KEYS if k in header), None)
    if "file" not in header or date_column is None:
        raise MetadataError(
            f"metadata file {path} needs the columns file,published (has: {', '.join(header)})"
        )
    rows = {}
    for raw in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if isinstance(v, str)}
        key = row.get("file", "").replace("\\", "/")
        key = key[2:] if key.startswith("./") else key
        if key:
            rows[key] = {
                "published": iso_day(row.get(date_column)),
                "title": row.get("title") or None,
                "url": row.get("url") or None,
            }
    return Sidecar(str(path), rows, hashlib.sha256(data).hexdigest())


def find_sidecar(root: Path, meta: Path | None = None) -> Sidecar | None:
    """Give the metadata of a run: the `meta` file when given, else `metadata.csv` in the input
    folder `root` when there is one, else None."""
    if meta is not None:
        return read_sidecar(meta)
    if not isinstance(root, Path):  # the folder of an fsspec URL (inputs.RemotePath): give --meta
        return None
    default = root / SIDECAR_NAME
    return read_sidecar(default) if default.is_file() else None


def with_sidecar(source: Source, sidecar: Sidecar | None) -> Source:
    """Give `source` with what its sidecar row says: the publication date when the source has none
    of its own (a JSON field, HTML metadata and front matter come first), and a missing title or url."""
    if sidecar is None or source.error:
        return source
    row = sidecar.lookup(source)
    if row is None:
        return source
    own = source.published is not None and iso_day(source.published) is not None
    published = source.published if own or not row["published"] else row["published"]
    return replace(
        source,
        published=published,
        published_source=source.published_source if own or not row["published"] else "sidecar",
        title=source.title or row["title"],
        url=source.url or row["url"],
    )


# --- the file name ----------------------------------------------------------------------------------


def file_name_date(file: str) -> str | None:
    """Give the date written in a file's name ("2023-05-19-summit.txt", "news_20230519.md"), or None."""
    import datetime as dt

    for match in _NAME_DATE.finditer(PurePosixPath(file).stem):
        year, _, month, day = match.groups()
        try:
            return dt.date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            continue
    return None


def metadata_source(source: Source) -> str | None:
    """Give how the source's own publication date was given: `front_matter`, `sidecar`, or
    `metadata` (a JSON field, HTML metadata); None when it has none."""
    if not source.published:
        return None
    return source.published_source or "metadata"
