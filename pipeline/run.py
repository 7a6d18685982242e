"""Folder in, tables out: read, clean, annotate, extract and merge each article, streaming.

One article at a time per worker; a failure in any step becomes that article's `error` row and
the run goes on. With several workers, files are processed in worker processes and their rows
written in input order, so the tables are the same whatever the number of workers. A re-run on
the same output folder redoes only new and changed files (see `state.py`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import rules, state
from .article import Annotated, Result, Source
from .clean import prepare
from .copies import Copies
from .corrections import Corrections, read_corrections, touched_articles
from .extract import extract_all
from .merge import merge_article, merge_documents
from .nlp import DEFAULT_EN_MODEL, ModelNotInstalled, backend_for
from .parallel import executor, in_order, pin_threads
from .read import MAX_BYTES, file_digest, input_files, read_file, relative_name
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
    workers: int = 1
    previous: str = ""  # "previous run" when built on it, else why everything was redone
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
    source: Source, *, en_model: str = DEFAULT_EN_MODEL, corrections: Corrections | None = None
) -> Result:
    """Give the Result of one source: its records (corrected by `corrections`), or why it was skipped
    or failed."""
    annotated = annotate(source, en_model=en_model)
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
            article=replace(article, published=published),
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
            "precision": d.precision, "role": d.role, "text": d.text, "start": d.start, "end": d.stop,
        }  # fmt: skip
    for doc in result.documents:
        yield "documents", {
            "article_id": aid, "type": doc.type, "status": doc.status, "date": doc.date, "place": doc.place,
            "number": doc.number, "parties": list(doc.parties), "text": doc.text, "start": doc.start, "end": doc.stop,
            "document_id": doc.document_id, "title": doc.title, "party_ids": list(doc.party_ids),
            "mentions": doc.mentions, "count": doc.count,
        }  # fmt: skip


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
    """Entities across articles: one row per entity_id, aliases and articles accumulated."""

    def __init__(self) -> None:
        self.entities: dict[str, dict] = {}

    def add(self, ref: dict) -> None:
        """Add one article's share of an entity (an `entity_refs` row)."""
        name, *others = ref["names"]
        row = self.entities.setdefault(
            ref["entity_id"],
            {"kind": ref["kind"], "name": name, "aliases": {}, "article_ids": {}, "mentions": 0},
        )
        for alias in (name, *others):
            if alias != row["name"]:
                row["aliases"].setdefault(alias, None)
        row["article_ids"].setdefault(ref["article_id"], None)
        row["mentions"] += ref["mentions"]

    def rows(self) -> Iterator[dict]:
        for entity_id in sorted(self.entities):
            row = self.entities[entity_id]
            yield {
                "entity_id": entity_id,
                "kind": row["kind"],
                "name": row["name"],
                "aliases": list(row["aliases"]),
                "articles": len(row["article_ids"]),
                "mentions": row["mentions"],
                "article_ids": list(row["article_ids"]),
            }


# --- the run ---------------------------------------------------------------------------------------

FILES_PER_WORKER = 8  # fewer files to redo than this per worker: fewer workers

WARM_UP = {
    "ru": "Встреча в Бишкеке\n\n14 мая 2025 года министр Бакыт Джусупов и представители ПРООН подписали меморандум.",
    "en": "Meeting in Tashkent\n\nOn June 2, 2025, the ministers of Kazakhstan and UNDP signed an agreement.",
}


def warm_up(en_model: str = DEFAULT_EN_MODEL) -> None:
    """Load every model, grammar and gazetteer this process will need, by processing two tiny
    articles; a missing English model is reported when an English article needs it."""
    for lang, text in WARM_UP.items():
        try:
            process(Source("warm-up", f"warm-up.{lang}.txt", "", text=text), en_model=en_model)
        except ModelNotInstalled:
            pass
    import pyarrow

    pyarrow.array(["warm-up"])  # pyarrow imports pandas (~0.5 s) on its first Python values


def init_worker(en_model: str, disable: tuple[str, ...] = ()) -> None:
    """Set up a worker process once: one BLAS/OpenMP thread, the rules switched off, models loaded."""
    pin_threads()
    rules.set_disabled(disable)
    warm_up(en_model)


def process_path(path: Path, root: Path, en_model: str, max_bytes: int, corrections=None) -> list[Outcome]:
    """Give the outcomes of every article of one file (the job of a worker)."""
    return [
        outcome(process(source, en_model=en_model, corrections=corrections))
        for source in read_file(path, root=root, max_bytes=max_bytes)
    ]


def process_source(source: Source, en_model: str, corrections=None) -> list[Outcome]:
    """Give the outcome of one article already read (a record of a JSON or JSONL file)."""
    return [outcome(process(source, en_model=en_model, corrections=corrections))]


def _jobs(plan, root: Path, en_model: str, max_bytes: int, corrections=None) -> Iterator[tuple]:
    """Give the jobs of a run in input order: an unchanged file's entry, or the work of a file to
    redo. JSON and JSONL files are read here and each record is a job, so that a big feed is
    spread over the workers and never held whole in a result."""
    for index, (path, entry) in enumerate(plan):
        if entry is not None:
            yield None, entry, (index, True)
        elif path.suffix.lower() in (".json", ".jsonl"):
            sources = list(read_file(path, root=root, max_bytes=max_bytes))
            for n, source in enumerate(sources):
                yield process_source, (source, en_model, corrections), (index, n == len(sources) - 1)
            if not sources:  # read_file always gives one; a file must still close its entry
                yield None, [], (index, True)
        else:
            yield process_path, (path, root, en_model, max_bytes, corrections), (index, True)


def _plan(
    files: list[Path], root: Path, previous: state.PreviousRun | None, max_bytes: int, touched: set[str]
) -> list:
    """Give (path, previous entry or None) per file: the entry when the file is unchanged and none of
    its articles is `touched` (by a change of the corrections)."""
    plan = []
    for path in files:
        entry = previous.files.get(relative_name(path, root)) if previous else None
        if entry is not None and (
            entry.sha256 is None
            or touched.intersection(entry.articles)
            or file_digest(path, max_bytes=max_bytes) != entry.sha256
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
    disable: Iterable[str] = (),
    corrections: Path | Corrections | None = None,
) -> Summary:
    """Extract every article below `root` (a folder, or one file) into the tables in `out`; give the
    run's Summary. With `out` None, nothing is written: the tables are the Summary's `tables`.

    Files unchanged since the previous run into `out` (same sha256, same pipeline and options)
    keep their rows; `force` redoes everything. `corrections` (a CSV file, see `corrections.py`) are
    applied to every article; the articles a change of them concerns are redone. `workers` > 1
    processes files in that many worker processes; the tables are the same as with one. `disable`
    names registered rules to switch off (see `rules.py`), for ablation.
    """
    started = time.monotonic()
    root, files = input_files(Path(root))
    summary = Summary(workers=max(1, workers), out=Path(out) if out is not None else None)
    if not isinstance(corrections, Corrections):
        corrections = read_corrections(corrections) if corrections else Corrections(())
    options = {"en_model": en_model, "max_bytes": max_bytes}
    disable = tuple(sorted(rules.check_names(disable)))
    if disable:  # part of the fingerprint: tables made with rules off are not reused with them on
        options["disable"] = list(disable)
    rules.set_disabled(disable)  # before the workers fork
    previous, summary.previous = None, "kept in memory"
    if out is not None:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        state.remove_stale_temporaries(out)
        previous, summary.previous = (None, "--force") if force else state.load_previous(out, options)
    touched = _touched(previous, corrections)
    plan = _plan(files, root, previous, max_bytes, touched)
    to_do = sum(entry is None for _, entry in plan)
    # A worker costs a process start and a full model load: not worth it for a handful of files.
    summary.workers = max(1, min(workers, to_do // FILES_PER_WORKER))
    index = EntityIndex()
    copies = Copies()
    entries: list[state.FileEntry] = []
    articles_done = 0
    with (
        executor(
            summary.workers,
            initializer=init_worker,
            initargs=(en_model, disable),
            preload=lambda: warm_up(en_model),
        ) as pool,
        TableWriter(out) if out is not None else _memory_writer() as writer,
        state.PreviousTables(previous) if previous else nullcontext() as old,
    ):
        bar = _progress_bar(to_do) if progress and to_do else None  # after the workers started
        jobs = _jobs(plan, root, en_model, max_bytes, corrections)
        file_articles: list[tuple[str, str]] = []  # (article_id, sha256) of the file being read
        file_outcomes: list[Outcome] = []
        for (file_index, last), value in in_order(pool, jobs, window=4 * summary.workers):
            path, entry = plan[file_index]
            outcomes = [copies.check(o) for o in (_reused(entry, old) if entry is not None else value)]
            for result in outcomes:
                for table, row in result.rows:
                    writer.add(table, row)
                    if table == "entity_refs":
                        index.add(row)
                summary.statuses[result.status] += 1
                if result.status == "error":
                    summary.errors.append((result.where, result.error or ""))
                if on_result:
                    on_result(result)
            if entry is not None:
                summary.reused += 1
                entries.append(copies.redo(entry, outcomes))
                continue
            file_articles.extend((o.source.article_id, o.source.sha256) for o in outcomes)
            file_outcomes.extend(outcomes)
            if last:
                summary.processed += 1
                entries.append(copies.redo(_entry(path, root, file_articles), file_outcomes))
                articles_done += len(file_articles)
                file_articles, file_outcomes = [], []
                if bar is not None:
                    bar.update(1)
                    rate = articles_done / max(bar.format_dict["elapsed"], 1e-6)
                    bar.set_postfix_str(f"{rate:.1f} articles/s", refresh=False)
        for row in index.rows():
            writer.add("entities", row)
        writer.manifest = {
            **state.manifest(writer.run_id, options, entries),
            "corrections": corrections.keys(),
        }
        summary.rows = writer.counts()
        if bar is not None:
            bar.close()
    if out is None:
        summary.tables = writer.frames()
    summary.seconds = time.monotonic() - started
    return summary


def _touched(previous: state.PreviousRun | None, corrections: Corrections) -> set[str]:
    """Give the previous run's articles that a change of the corrections since that run concerns."""
    if previous is None:
        return set()
    import json

    manifest = json.loads((previous.out / state.STATE_DIR / state.MANIFEST).read_text(encoding="utf-8"))
    return touched_articles(previous.out, manifest.get("corrections", []), corrections)


def _memory_writer():
    from .api import MemoryTables

    return MemoryTables()


def _reused(entry: state.FileEntry, old: state.PreviousTables) -> list[Outcome]:
    """Give the outcomes of an unchanged file, its rows copied from the previous tables."""
    outcomes = []
    for aid in entry.articles:
        tables = old.take(aid)
        [article] = tables["articles"]
        source = Source(aid, article["file"], article["sha256"] or "", article["record"] or "")
        table_rows = tuple((name, row) for name, found in tables.items() for row in found)
        outcomes.append(Outcome(source, article["status"], article["error"], table_rows))
    return outcomes


def _entry(path: Path, root: Path, articles: list[tuple[str, str]]) -> state.FileEntry:
    """Give the manifest entry of a file redone: the sha256 of the bytes its articles came from
    (None when it could not be read: such a file is redone every time)."""
    digests = {sha for _, sha in articles}
    digest = digests.pop() if len(digests) == 1 and "" not in digests else None
    return state.FileEntry(relative_name(path, root), digest, tuple(aid for aid, _ in articles))


def _progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
