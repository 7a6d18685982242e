"""Folder in, tables out: read, clean, annotate, extract and merge each article, streaming.

One article at a time per worker process; a failure in any step becomes that article's `error`
row and the run goes on, and so does a worker that dies or an article that runs out of time
(`pool.py`). Rows are written in input order, so the tables are the same whatever the number of
workers. A re-run on the same output folder redoes only new and changed files (see `state.py`);
one run at a time writes into a folder, and its tables replace the previous ones as a whole
(`outdir.py`).
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import jobs, outdir, rules, state
from .article import Annotated, DocumentRecord, Result, Source
from .clean import prepare
from .corrections import Corrections, read_corrections, touched_articles
from .extract import extract_all
from .identity import EntityRecord, Identity, resolve
from .merge import article_document_key, document_name, merge_article, merge_documents
from .nlp import DEFAULT_EN_MODEL, ModelNotInstalled, backend_for
from .parallel import JobFailed, executor, in_order, pin_threads
from .published import Sidecar, find_sidecar, with_sidecar
from .read import MAX_BYTES, file_digest, input_files, relative_name
from .write import TableWriter

SUPPORTED_LANGUAGES = ("ru", "en")


@dataclass
class Summary:
    """What a run did: article counts by status, rows per table, files redone and reused, seconds."""

    statuses: dict[str, int] = field(default_factory=lambda: {"ok": 0, "skipped": 0, "error": 0})
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)
    processed: int = 0  # files read and extracted in this run
    reused: int = 0  # unchanged files whose rows were copied from the previous tables
    published: int = 0  # articles extracted (status ok) with a publication date
    workers: int = 1  # worker processes started (0: none, or --workers 0: in this process)
    previous: str = ""  # "previous run" when built on it, else why everything was redone
    warnings: list[str] = field(default_factory=list)  # folders not read, and why
    notes: list[str] = field(default_factory=list)  # what was repaired in OUT before the run
    merge_seconds: float = (
        0.0  # after the last article: entities, tables closed, database, data package, switch
    )
    out: Path | None = None  # the output folder, None for a run kept in memory
    tables: dict | None = None  # a run kept in memory: its tables as pandas DataFrames


@dataclass(frozen=True)
class Outcome:
    """One article's table rows (entity_refs included), from this run or the previous tables."""

    source: Source  # without its text
    status: str
    error: str | None
    rows: tuple[tuple[str, dict], ...]

    @property
    def where(self) -> str:
        return self.source.file + (f"#{self.source.record}" if self.source.record else "")


def process(
    source: Source,
    *,
    en_model: str = DEFAULT_EN_MODEL,
    corrections: Corrections | None = None,
    sidecar: Sidecar | None = None,
) -> Result:
    """Give the Result of one source: its records (corrected by `corrections`), or why it was skipped
    or failed; `sidecar` (a metadata CSV) may give its publication date, title and url."""
    annotated = annotate(with_sidecar(source, sidecar), en_model=en_model)
    return annotated if isinstance(annotated, Result) else extract(annotated, corrections=corrections)


def annotate(source: Source, *, en_model: str = DEFAULT_EN_MODEL) -> Annotated | Result:
    """Give one source cleaned and annotated, or the Result saying why it was skipped or failed."""
    if source.error:
        return Result(article=None, source=source, status="error", error=source.error)
    stage = "cleaning"
    try:
        article = prepare(source)
        if source.lang:
            article = replace(article, lang=source.lang)
        if not article.text.strip():
            return Result(article=article, source=source, status="error", error="no text left after cleaning")
        if article.lang not in SUPPORTED_LANGUAGES:
            return Result(
                article=article,
                source=source,
                status="skipped",
                lang=article.lang,
                error=f"language '{article.lang}' is not supported (only ru, en)",
            )
        stage = "annotation"
        return backend_for(article.lang, en_model).annotate(article)
    except ModelNotInstalled:  # a configuration problem concerns every article: stop the run
        raise
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
        return Result(
            article=None, source=source, status="error", error=f"{stage} failed: {type(exc).__name__}: {exc}"
        )


def extract(annotated: Annotated, *, corrections: Corrections | None = None) -> Result:
    """Give the Result of one annotated article: the stages' records, merged (and corrected)."""
    article, source = annotated.article, annotated.article.source
    try:
        extraction = extract_all(annotated)
        applied: list[str] = []
        entities, mentions, dates = merge_article(
            extraction, lang=article.lang, corrections=corrections, applied=applied
        )
        published = extraction.published or article.published
        return Result(
            article=replace(article, published=published, published_source=extraction.published_source),
            source=source,
            status="ok",
            lang=article.lang,
            mentions=tuple(mentions),
            entities=tuple(entities),
            dates=tuple(dates),
            documents=tuple(merge_documents(extraction, entities, corrections=corrections)),
            corrections=tuple(applied),
            documents_reported=extraction.documents_reported,
        )
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
        return Result(
            article=None,
            source=source,
            status="error",
            error=f"extraction failed: {type(exc).__name__}: {exc}",
        )


def rows(result: Result) -> Iterator[tuple[str, dict]]:
    """Give the (table, row) pairs of one result."""
    source, article = result.source, result.article
    aid = source.article_id
    event = next((d for d in result.dates if d.role == "event"), None)
    yield (
        "articles",
        {
            "article_id": aid,
            "file": source.file,
            "record": source.record or None,
            "sha256": source.sha256 or None,
            "lang": result.lang or (article.lang if article else None),
            "title": article.title if article else source.title,
            "published": article.published if article else source.published,
            "published_source": article.published_source if article and article.published else None,
            "event_start": event.start_date if event else None,
            "event_end": event.end_date if event else None,
            "n_chars": len(article.text) if article else None,
            "documents_reported": result.documents_reported,
            "status": result.status,
            "error": result.error,
        },
    )
    if result.status != "ok" or article is None:
        return
    yield "texts", {"article_id": aid, "title": article.title, "text": article.text}
    for m in result.mentions:
        yield (
            "mentions",
            {
                "article_id": aid,
                "kind": m.kind,
                "start": m.start,
                "end": m.stop,
                "text": m.text,
                "normal": m.normal,
                "entity_id": m.attrs.get("entity_id"),
            },
        )
    for e in result.entities:
        base = {"article_id": aid, "entity_id": e.entity_id, "name": e.name, "aliases": list(e.aliases)}
        if e.kind == "person":
            yield "people", {**base, "role": e.attrs.get("role"), "mentions": len(e.mentions)}
        elif e.kind == "organisation":
            yield "organisations", {**base, "mentions": len(e.mentions)}
        else:
            yield (
                "places",
                {
                    **base,
                    **{k: e.attrs.get(k) for k in ("kind", "country", "geonames_id", "lat", "lon")},
                    "mentions": len(e.mentions),
                },
            )
    for d in result.dates:
        yield "dates", {
            "article_id": aid, "value": d.value, "start_date": d.start_date, "end_date": d.end_date,
            "precision": d.precision, "anchor": d.anchor, "role": d.role, "text": d.text, "start": d.start,
            "end": d.stop,
        }  # fmt: skip
    for doc in result.documents:
        yield "documents", {
            "article_id": aid, "type": doc.type, "status": doc.status, "date": doc.date, "place": doc.place,
            "number": doc.number, "parties": list(doc.parties), "text": doc.text, "start": doc.start, "end": doc.stop,
            "document_id": doc.document_id, "title": doc.title, "party_ids": list(doc.party_ids),
            "mentions": doc.mentions, "count": doc.count, "document_key": _key(aid, doc),
        }  # fmt: skip


def _key(aid: str, doc: DocumentRecord) -> str:
    """Give a document's key across articles (its own when it says too little to be matched)."""
    return doc.document_key or article_document_key(aid, doc.document_id)


def entity_refs(result: Result) -> Iterator[dict]:
    """Give the article's share of the entities table: per entity, its names (name, aliases, the
    gazetteer's names) and number of mentions."""
    for e in result.entities:
        yield {
            "article_id": result.source.article_id,
            "entity_id": e.entity_id,
            "kind": e.kind,
            "names": [e.name, *e.aliases, *e.attrs.get("gazetteer_aliases", ())],
            "mentions": len(e.mentions),
            "role": e.attrs.get("role") if e.kind == "person" else None,
        }
    for doc in result.documents:  # documents too: which articles report one document
        yield {
            "article_id": result.source.article_id,
            "entity_id": _key(result.source.article_id, doc),
            "kind": "document",
            "names": [document_name(doc)],
            "mentions": doc.mentions,
            "role": None,
        }


def outcome(result: Result) -> Outcome:
    """Give the rows of one result, ready for the writer and light enough to cross processes."""
    table_rows = [
        *rows(result),
        *(("entity_refs", ref) for ref in entity_refs(result)),
        *(
            ("corrections_applied", {"article_id": result.source.article_id, "rule": key})
            for key in result.corrections
        ),
    ]
    return Outcome(replace(result.source, text=None), result.status, result.error, tuple(table_rows))


class EntityIndex:
    """Entities across articles: one row per entity_id, aliases and articles accumulated; at the
    end each entity gets its identity across articles (`identity.resolve`)."""

    def __init__(self) -> None:
        self.entities: dict[str, dict] = {}

    def add(self, ref: dict) -> None:
        """Add one article's share of an entity (an `entity_refs` row)."""
        name, *others = ref["names"]
        row = self.entities.setdefault(
            ref["entity_id"],
            {"kind": ref["kind"], "name": name, "aliases": {}, "article_ids": {}, "mentions": 0, "roles": {}},
        )
        for alias in (name, *others):
            if alias != row["name"]:
                row["aliases"].setdefault(alias, None)
        row["article_ids"].setdefault(ref["article_id"], None)
        row["mentions"] += ref["mentions"]
        if ref.get("role"):
            row["roles"].setdefault(ref["role"], None)

    def identities(self) -> dict[str, Identity]:
        """Give every entity its identity across articles."""
        return resolve(
            [
                EntityRecord(
                    entity_id,
                    row["kind"],
                    row["name"],
                    list(row["aliases"]),
                    list(row["article_ids"]),
                    row["mentions"],
                    list(row["roles"]),
                )
                for entity_id, row in self.entities.items()
            ]
        )

    def rows(self) -> Iterator[dict]:
        identities = self.identities()
        for entity_id in sorted(self.entities):
            row, identity = self.entities[entity_id], identities[entity_id]
            yield {
                "entity_id": entity_id,
                "kind": row["kind"],
                "name": row["name"],
                "aliases": list(row["aliases"]),
                "articles": len(row["article_ids"]),
                "mentions": row["mentions"],
                "article_ids": list(row["article_ids"]),
                "identity_id": identity.identity_id,
                "name_ru": identity.name_ru,
                "name_en": identity.name_en,
            }


# --- the run ---------------------------------------------------------------------------------------

ARTICLES_PER_WORKER = 8  # fewer articles to redo than this per worker: fewer workers
ARTICLE_TIMEOUT = 120.0  # seconds an article may take in a worker before it gets an error row

WARM_UP = {
    "ru": "Встреча в Бишкеке\n\n14 мая 2025 года министр Бакыт Джусупов и представители ПРООН подписали меморандум.",
    "en": "Meeting in Tashkent\n\nOn June 2, 2025, the ministers of Kazakhstan and UNDP signed an agreement.",
}


class EmptyInput(RuntimeError):
    """The input has no readable article while OUT holds tables: an unmounted or emptied folder
    must not wipe them (allow_empty does)."""


_WARM: set[tuple[str, str]] = set()  # (language, English model) warmed up here (a forked worker inherits it)


def warm_up(
    en_model: str = DEFAULT_EN_MODEL, langs: Iterable[str] = ("ru", "en"), *, tables: bool = True
) -> None:
    """Load the models, grammars and gazetteers of `langs` this process will need, by processing a
    tiny article of each, once per process (a worker forked after its parent warmed up has them
    already); a missing English model is reported when an English article needs it. A run warms
    up Russian only: the English pipeline is loaded when the first English article comes.

    With `tables`, also what writing the tables needs (pyarrow imports pandas, ~0.5 s, on its first
    Python values). A run with workers leaves that out of their preload: its process writes, and
    imports pandas while the workers annotate the first articles, not before they start."""
    todo = [lang for lang in langs if (lang, en_model) not in _WARM]
    for lang in todo:
        try:
            process(Source("warm-up", f"warm-up.{lang}.txt", "", text=WARM_UP[lang]), en_model=en_model)
        except ModelNotInstalled:
            pass
        _WARM.add((lang, en_model))
    if tables:
        import pyarrow

        pyarrow.array(["warm-up"])


RUN_LANGS = ("ru",)  # what a run loads before its first article
WORKER_GC = (10_000, 50, 100)  # a worker's collector thresholds (Python's default: 700, 10, 10)


def init_worker(en_model: str, disable: tuple[str, ...] = ()) -> None:
    """Set up a worker process once, before its first job: one BLAS/OpenMP thread, the rules
    switched off, models loaded. Every worker of the pool runs it, forked or spawned, the
    replacement of a dead one too."""
    pin_threads()
    rules.set_disabled(disable)
    warm_up(en_model, RUN_LANGS)
    # The models, grammars and gazetteers stay for the process's life: out of the collector's
    # way (gc.freeze), and collections rarer (an article allocates a few hundred thousand objects,
    # nearly all freed by reference counting). Half the collector's time per article; the results
    # do not change.
    gc.freeze()
    gc.set_threshold(*WORKER_GC)


def _plan(
    files: list[Path], root: Path, previous: state.PreviousRun | None, options: dict, touched: set[str]
) -> list:
    """Give (path, previous entry or None) per file: the entry when the file is unchanged and none of
    its articles is `touched` (by a change of the corrections)."""
    plan = []
    for path in files:
        entry = previous.files.get(relative_name(path, root)) if previous else None
        if entry is not None and (
            entry.sha256 is None
            or touched.intersection(entry.articles)
            or file_digest(
                path, root=root, max_bytes=options["max_bytes"], follow_symlinks=options["follow_symlinks"]
            )
            != entry.sha256
        ):
            entry = None
        plan.append((path, entry))
    return plan


def extract_folder(
    root: Path,
    out: Path | None,
    *,
    en_model: str = DEFAULT_EN_MODEL,
    max_bytes: int = MAX_BYTES,
    on_result: Callable[[Outcome], None] | None = None,
    progress: bool = False,
    workers: int = 1,
    force: bool = False,
    article_timeout: float | None = ARTICLE_TIMEOUT,
    follow_symlinks: bool = False,
    allow_empty: bool = False,
    disable: Iterable[str] = (),
    corrections: Path | Corrections | None = None,
    meta: Path | None = None,
    dask: str | None = None,
) -> Summary:
    """Extract every article below `root` (a folder, or one file) into the tables in `out`; give the
    run's Summary. With `out` None, nothing is written: the tables are the Summary's `tables`.

    Files unchanged since the previous run into `out` (same sha256, same pipeline and options)
    keep their rows; `force` redoes everything. `corrections` (a CSV file, see `corrections.py`) are
    applied to every article; the articles a change of them concerns are redone. `disable` names
    registered rules to switch off (see `rules.py`), for ablation. Articles are processed in
    `workers` worker processes (0: in this process), each within `article_timeout` seconds; the
    tables are the same with any number. Raise outdir.OutputInUse when another run writes into
    `out`, and EmptyInput when `root` has no readable article while `out` holds tables (unless
    `allow_empty`). `meta` is a metadata CSV
    (`file,published[,title,url]`, see `published.py`); without it, `metadata.csv` in the input
    folder is read when there is one.

    `root` may also be a glob or an fsspec URL (`read.input_files`). With `dask` (a scheduler's
    address, or `local[:N]`) the articles are processed on a Dask cluster instead of local workers
    (`cluster.py`); the tables are the same.
    """
    started = time.monotonic()
    summary = Summary(out=Path(out) if out is not None else None)
    root, files = input_files(root, follow_symlinks=follow_symlinks, warn=summary.warnings.append)
    if not isinstance(corrections, Corrections):
        corrections = read_corrections(corrections) if corrections else Corrections(())
    options = {"en_model": en_model, "max_bytes": max_bytes, "follow_symlinks": follow_symlinks}
    sidecar = find_sidecar(root, meta)
    if sidecar is not None:  # part of the fingerprint: changed metadata redoes the run
        options["metadata"] = sidecar.digest
    disable = tuple(sorted(rules.check_names(disable)))
    if disable:  # part of the fingerprint: tables made with rules off are not reused with them on
        options["disable"] = list(disable)
    rules.set_disabled(disable)  # here too: workers=0 processes in this process
    run = dict(root=root, files=files, options=options, on_result=on_result, progress=progress, workers=workers,
               timeout=article_timeout, corrections=corrections, sidecar=sidecar, dask=dask)  # fmt: skip
    if out is None:
        summary.previous = "kept in memory"
        _run(summary, None, out=None, empty_ok=True, **run)
        summary.seconds = time.monotonic() - started
        return summary
    out = Path(out)
    with outdir.locked(out):
        summary.notes = outdir.recover(out)
        holds_tables = _holds_tables(out)
        if not files and holds_tables and not allow_empty:
            raise EmptyInput(f"no article files in {root}")
        previous, summary.previous = (None, "--force") if force else state.load_previous(out, options)
        run.update(out=out, empty_ok=allow_empty or not holds_tables)
        try:
            _run(summary, previous, **run)
        except state.DamagedState as exc:  # found while copying rows: redo everything
            summary = replace(summary, statuses=Summary().statuses, errors=[], processed=0, reused=0)
            summary.previous = f"damaged state ({exc})"
            _run(summary, None, **run)
    summary.seconds = time.monotonic() - started
    return summary


def _run(summary: Summary, previous, *, root, out, files, options, on_result, progress, workers, timeout,
         empty_ok, corrections, sidecar=None, dask=None) -> None:  # fmt: skip
    en_model, max_bytes, follow = options["en_model"], options["max_bytes"], options["follow_symlinks"]
    disable = tuple(options.get("disable", ()))
    plan = _plan(files, root, previous, options, _touched(previous, corrections))
    to_redo = [path for path, entry in plan if entry is None]
    units = sum(jobs.work_units(path, root, follow) for path in to_redo)
    # A worker costs a process start (and, when there are several, a model load shared by fork).
    summary.workers = 0 if workers <= 0 or not to_redo else max(1, min(workers, units // ARTICLES_PER_WORKER))
    index = EntityIndex()
    ids = jobs.ArticleIds()
    entries: list[state.FileEntry] = []
    articles_done = readable = 0
    work = jobs.Work(en_model, max_bytes, follow, corrections, sidecar)
    if dask and to_redo:
        from .cluster import dask_executor

        workers_of = dask_executor(dask, en_model=en_model, disable=disable)
    else:
        workers_of = executor(
            0 if dask else summary.workers,
            initializer=init_worker, initargs=(en_model, disable), preload=lambda: warm_up(en_model, RUN_LANGS, tables=False), timeout=timeout,
        )  # fmt: skip
    with (
        workers_of as pool,
        TableWriter(out) if out is not None else _memory_writer() as writer,
        state.PreviousTables(previous) if previous else nullcontext() as old,
    ):  # fmt: skip
        bar = _progress_bar(len(to_redo)) if progress and to_redo else None  # after the workers started
        todo = jobs.jobs(plan, root, work)
        window = 4 * max(1, summary.workers)
        if dask and to_redo:
            summary.workers = pool.threads()
            window = pool.window()
        file_outcomes: list[Outcome] = []  # of the file being read
        for tag, value in in_order(pool, todo, window=window, expand=lambda t, v: jobs.expand(t, v, work)):
            path, entry = plan[tag.index]
            if isinstance(value, JobFailed):
                value = jobs.failed(tag, value, path, root, work)
            outcomes = _reused(entry, old) if entry is not None else value
            for result in outcomes:
                result = ids.claim(result)
                readable += entry is not None or result.source.error is None
                for table, row in result.rows:
                    writer.add(table, row)
                    if table == "articles" and row["status"] == "ok" and row.get("published"):
                        summary.published += 1
                    if table == "entity_refs":
                        index.add(row)
                summary.statuses[result.status] += 1
                if result.status == "error":
                    summary.errors.append((result.where, result.error or ""))
                if on_result:
                    on_result(result)
                file_outcomes.append(result)
            if entry is not None:
                summary.reused += 1
            elif tag.last:
                summary.processed += 1
            if entry is not None or tag.last:
                entries.append(_entry(path, root, file_outcomes, ids, reused=entry))
                articles_done += len(file_outcomes) if entry is None else 0
                file_outcomes = []
                if bar is not None and entry is None:
                    bar.update(1)
                    rate = articles_done / max(bar.format_dict["elapsed"], 1e-6)
                    bar.set_postfix_str(f"{rate:.1f} articles/s", refresh=False)
        if not readable and not empty_ok:
            raise EmptyInput(f"no readable article in {root}")
        merge_started = time.monotonic()
        for row in index.rows():
            writer.add("entities", row)
        writer.manifest = {
            **state.manifest(writer.run_id, options, entries),
            "corrections": corrections.keys(),
        }
        summary.rows = writer.counts()
        if bar is not None:
            bar.close()
    summary.merge_seconds = time.monotonic() - merge_started
    if out is None:
        summary.tables = writer.frames()


def _touched(previous: state.PreviousRun | None, corrections: Corrections) -> set[str]:
    """Give the previous run's articles that a change of the corrections since that run concerns."""
    if previous is None:
        return set()
    return touched_articles(previous.out, previous.corrections, corrections)


def _memory_writer():
    from .api import MemoryTables

    return MemoryTables()


def _holds_tables(out: Path) -> bool:
    """Tell whether `out` holds the articles table of a run with at least one article."""
    import pyarrow.parquet as pq

    try:
        return pq.read_metadata(out / "articles.parquet").num_rows > 0
    except (OSError, ValueError):
        return (out / "articles.parquet").exists()


def _reused(entry: state.FileEntry, old: state.PreviousTables) -> list[Outcome]:
    """Give the outcomes of an unchanged file, its rows copied from the previous tables."""
    outcomes = []
    for aid in entry.articles:
        tables = old.take(aid)
        if len(tables["articles"]) != 1:
            raise state.DamagedState(f"{len(tables['articles'])} rows of article {aid} in articles.parquet")
        [article] = tables["articles"]
        source = Source(aid, article["file"], article["sha256"] or "", article["record"] or "")
        table_rows = tuple((name, row) for name, found in tables.items() for row in found)
        outcomes.append(Outcome(source, article["status"], article["error"], table_rows))
    return outcomes


def _entry(
    path: Path,
    root: Path,
    outcomes: list[Outcome],
    ids: jobs.ArticleIds,
    *,
    reused: state.FileEntry | None = None,
) -> state.FileEntry:
    """Give the manifest entry of a file: the sha256 of the bytes its articles came from (a reused
    file keeps its entry's) and its articles' ids. The sha256 is None, so that the file is redone
    next time, when it could not be read or when it holds a second copy of an article (`ArticleIds`)."""
    digests = {o.source.sha256 for o in outcomes}
    digest = digests.pop() if len(digests) == 1 and "" not in digests else None
    if reused is not None:
        digest = reused.sha256
    if ids.holds_copy(outcomes):
        digest = None
    return state.FileEntry(relative_name(path, root), digest, tuple(o.source.article_id for o in outcomes))


def _progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
