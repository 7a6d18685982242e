"""Command line: each command parses options and calls one library function."""

from __future__ import annotations

import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer

from .nlp import DEFAULT_EN_MODEL, ModelNotInstalled
from .parallel import default_workers
from .read import MAX_BYTES
from .run import ARTICLE_TIMEOUT

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main() -> None:
    """Extract people, organisations, places, dates and signed documents from Russian and English
    news articles into CSV and Parquet tables.

    Example: pipeline extract data/raw --out data/out
    """


@app.command()
def extract(
    path: str = typer.Argument(
        ...,
        help="Folder of articles (.txt .md .html .htm .json .jsonl), read recursively, or one such file; "
        "or a glob ('news/2024-*/*.json', '**' recursive) or an fsspec URL (file://, memory://, s3:// with s3fs).",
    ),
    out: Path = typer.Option(Path("data/out"), "--out", "-o", help="Folder for the output tables."),
    en_model: str = typer.Option(
        DEFAULT_EN_MODEL, "--en-model", help="Installed spaCy English pipeline to use."
    ),
    max_mb: float = typer.Option(
        MAX_BYTES / 2**20, "--max-mb", help="Largest file (per line for .jsonl) in MiB."
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any file could not be processed."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
    workers: int = typer.Option(
        default_workers(),
        "--workers",
        "-w",
        min=0,
        help="Worker processes (default: the number of cores; 0: in this process, for profiling).",
    ),
    force: bool = typer.Option(
        False, "--force", help="Redo every file, not only those new or changed since the last run into --out."
    ),
    article_timeout: float = typer.Option(
        ARTICLE_TIMEOUT,
        "--article-timeout",
        min=0,
        help="Seconds an article may take before it gets an error row (0: no limit).",
    ),
    follow_symlinks: bool = typer.Option(
        False, "--follow-symlinks", help="Read symlinked files and folders that lead out of PATH."
    ),
    allow_empty: bool = typer.Option(
        False, "--allow-empty", help="Replace the tables in --out even when PATH has no readable article."
    ),
    corrections: Path | None = typer.Option(
        None,
        "--corrections",
        "-c",
        help="CSV of corrections (action,kind,name,target: alias, merge, rename, reject) applied to every article.",
    ),
    disable: str = typer.Option(
        "", "--disable", help="Comma-separated rules to switch off (see `pipeline rules`), for ablation."
    ),
    meta: Path | None = typer.Option(
        None,
        "--meta",
        help="CSV of file,published[,title,url] giving publication dates (default: PATH/metadata.csv if present).",
    ),
    dask: str | None = typer.Option(
        None,
        "--dask",
        help="Process the articles on a Dask cluster: a scheduler's address (tcp://host:8786), or local[:N] "
        "for a LocalCluster of N worker processes here. The tables are the same as a local run's.",
    ),
) -> None:
    """Extract every article below PATH (a folder, one file, a glob or an fsspec URL) into tables in --out.

    Writes the tables articles, texts, mentions, people, organisations, places, dates, documents and
    entities, each as NAME.csv (UTF-8 with BOM, for spreadsheets) and NAME.parquet; all of them in one
    DuckDB database, pipeline.duckdb, with keys and views; and datapackage.json, the data dictionary
    (every column's type and meaning, also in README, "Output tables", and `pipeline schema`).

    A re-run into the same --out redoes only new and changed files and drops deleted ones.

    Example: pipeline extract data/raw --out data/out --workers 2 --corrections fixes.csv --meta dates.csv
    (on a cluster: pipeline extract 's3://bucket/news/**/*.jsonl' --out out --dask tcp://scheduler:8786)
    """
    from .corrections import CorrectionsError, read_corrections
    from .inputs import is_glob, is_remote, is_url, local_path
    from .outdir import OutputInUse
    from .published import MetadataError
    from .read import SUFFIXES
    from .run import EmptyInput, extract_folder

    if is_remote(path):
        pass  # listed by its filesystem: a missing one is an empty input, and a missing driver an error below
    elif not is_glob(str(local_path(path))) or local_path(path).exists():
        local = local_path(path)
        if not local.exists():
            fail(f"input not found (no such folder or file): {path}")
        if not local.is_dir() and not (local.is_file() and local.name.lower().endswith(SUFFIXES)):
            fail(f"{path} is not an article file ({' '.join(SUFFIXES)}) or a folder")
    cluster_errors: tuple[type[Exception], ...] = ()  # raised only with --dask
    if dask is not None:
        from .cluster import ClusterError, parse_address  # imports dask.distributed (~1 s): only for --dask

        cluster_errors = (ClusterError,)
        try:
            parse_address(dask)
        except ClusterError as exc:
            fail(str(exc))
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file, not a folder")
    try:
        rules = read_corrections(corrections) if corrections else None
    except CorrectionsError as exc:
        fail(str(exc))

    def report(result) -> None:
        if result.status == "error":
            typer.echo(f"error: {result.where}: {result.error}", err=True)

    off = _rule_names(disable)
    try:
        with interrupts_as_keyboard_interrupt():
            summary = extract_folder(
                path, out, en_model=en_model, max_bytes=int(max_mb * 2**20), on_result=report,
                progress=not quiet and sys.stderr.isatty(), workers=workers, force=force,
                article_timeout=article_timeout or None, follow_symlinks=follow_symlinks, allow_empty=allow_empty,
                corrections=rules, disable=off, meta=meta, dask=dask,
            )  # fmt: skip
    except (ModelNotInstalled, MetadataError, *cluster_errors) as exc:  # MetadataError: --meta, metadata.csv
        fail(str(exc))
    except (ImportError, ValueError) as exc:  # an fsspec URL whose filesystem is not installed, or malformed
        if not is_url(path):
            raise
        fail(f"cannot read {path}: {exc}")
    except OutputInUse as exc:
        fail(str(exc))
    except EmptyInput as exc:
        fail(
            f"{exc}, and {out} holds the tables of a previous run: left unchanged (--allow-empty replaces them)"
        )
    except KeyboardInterrupt as exc:
        typer.echo(f"interrupted: {out} is left as it was before this run", err=True)
        raise typer.Exit(143 if getattr(exc, "signal", None) == signal.SIGTERM else 130) from None
    except OSError as exc:
        fail(f"{os_error(exc)} ({out} is left as it was before this run)")
    for warning in summary.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if not quiet:
        for note in summary.notes:
            typer.echo(f"note: {note}", err=True)
        typer.echo(summary_text(summary, out), err=True)
        if not any(summary.statuses.values()):
            typer.echo(f"warning: no articles found in {path}", err=True)
        warning = published_warning(summary)
        if warning:
            typer.echo(warning, err=True)
    if strict and summary.statuses["error"]:
        raise typer.Exit(1)


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit 2: a problem of the set-up, not of an article."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def os_error(exc: OSError) -> str:
    """Give one line for an OSError: what failed, on which file."""
    reason = exc.strerror or (str(exc).splitlines() or [type(exc).__name__])[0]
    return f"{reason}: {exc.filename}" if exc.filename else reason


@contextmanager
def interrupts_as_keyboard_interrupt():
    """Handle SIGTERM as Ctrl-C while the block runs: the run stops its workers, leaves the
    previous tables in place and exits (143)."""

    def stop(signum, frame):
        interrupt = KeyboardInterrupt()
        interrupt.signal = signum
        raise interrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def summary_text(summary, out: Path) -> str:
    """Give the lines printed at the end of a run."""
    counts = ", ".join(f"{n} {s}" for s, n in summary.statuses.items())
    tables = ", ".join(f"{name} {n}" for name, n in summary.rows.items())
    files = f"{summary.processed} files processed, {summary.reused} unchanged files reused"
    if summary.previous != "previous run":
        files += f" (full run: {summary.previous})"
    workers = f"{summary.workers} worker" + ("s" if summary.workers != 1 else "")
    published = f"publication date found for {summary.published} of {summary.statuses['ok']} articles"
    return (
        f"articles: {counts}\n{published}\nfiles: {files}\nrows: {tables}\n"
        f"{summary.seconds:.1f} s, {workers} -> {out}\n" + outputs_text(out)
    )


def published_warning(summary) -> str | None:
    """Give the warning printed when fewer than half the articles have a publication date: without
    one, dates without a year and relative dates ("вчера", "last week") give no rows."""
    from .published import HOW_TO_SUPPLY

    ok = summary.statuses["ok"]
    if not ok or 2 * summary.published >= ok:
        return None
    return (
        f"warning: only {summary.published} of {ok} articles have a publication date, so dates without "
        f"a year and relative dates are left out; give one by {HOW_TO_SUPPLY}"
    )


def outputs_text(out: Path) -> str:
    """Give the lines that name the database, the data dictionary and the review pages of `out`."""
    from .review import review_state

    review = {
        "current": "",
        "stale": " (out of date: rebuild it with `pipeline review " + str(out) + "`)",
        "absent": " (not built yet: `pipeline review " + str(out) + "`)",
    }[review_state(out)]
    return (
        f"database: {out / 'pipeline.duckdb'} (DuckDB: tables, keys, views)\n"
        f"data dictionary: {out / 'datapackage.json'}\n"
        f"review pages: {out / 'review' / 'index.html'}{review}"
    )


@app.command()
def review(
    out: Path = typer.Argument(
        Path("data/out"), help="Folder of output tables written by `pipeline extract`."
    ),
    limit: int = typer.Option(
        0, "--limit", min=0, help="Pages for at most this many articles (0: all); the index lists every one."
    ),
) -> None:
    """Write review pages for the tables in OUT into OUT/review/ and print the index's path.

    Static HTML that works offline: an index of articles with filters, one page per article with its
    text, every mention highlighted, its documents and dates, a timeline and a map of places.

    Example: pipeline review data/out  (then open data/out/review/index.html in a browser)
    """
    from .outdir import OutputInUse, locked, recover
    from .review import build_review

    if not (out / "pipeline.duckdb").is_file() and not (out / ".pipeline").is_dir():
        fail(f"no database in {out} (run `pipeline extract ... --out {out}` first)")
    try:
        # One writer at a time: no run switches its tables in while the pages are made from them.
        with locked(out):
            recover(out)  # a run killed while switching its tables in: finish the switch first
            if not (out / "pipeline.duckdb").is_file():
                fail(f"no database in {out} (run `pipeline extract ... --out {out}` first)")
            index = build_review(out, limit=limit or None)
    except OutputInUse as exc:
        fail(str(exc))
    except OSError as exc:
        fail(os_error(exc))
    typer.echo(str(index))


@app.command()
def schema(
    table: str | None = typer.Argument(None, help="One table (default: all of them)."),
    markdown: bool = typer.Option(False, "--markdown", help="Print README's column tables."),
) -> None:
    """Print the columns of the output tables: name, type and meaning.

    Example: pipeline schema documents
    """
    from .schema import TABLES
    from .schema import markdown as column_table

    if table is not None and table not in TABLES:
        typer.echo(f"error: unknown table {table!r}; choose one of: {', '.join(TABLES)}", err=True)
        raise typer.Exit(2)
    for t in [TABLES[table]] if table else TABLES.values():
        if markdown:
            typer.echo(f"<!-- columns: {t.name} -->\n{column_table(t)}\n")
            continue
        keys = f" (key: {', '.join(t.primary_key)})" if t.primary_key else ""
        typer.echo(f"{t.name}{keys}: {t.description}")
        for f in t.fields:
            typer.echo(f"  {f.name:<12} {f.type:<8} {f.description}")
        typer.echo("")


def _rule_names(text: str) -> frozenset[str]:
    """Give the rule names of a comma-separated option, each checked, or exit 2."""
    from .rules import check_names

    try:
        return check_names(text.split(","))
    except KeyError as exc:
        typer.echo(f"error: {exc.args[0]}", err=True)
        raise typer.Exit(2) from None


@app.command()
def evaluate(
    gold_dir: Path = typer.Argument(
        ..., help="Folder of gold records (*.json, ../shared/eval/GOLD_FORMAT.md)."
    ),
    out_dir: Path = typer.Argument(
        ...,
        help="Folder of output tables written by `pipeline extract`, or a folder of articles to extract first.",
    ),
    details: bool = typer.Option(
        False, "--details", help="List, per article, the missed and the spurious entries."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    report: Path | None = typer.Option(
        None, "--report", help="Also write the report as markdown to this file."
    ),
    disable: str = typer.Option(
        "",
        "--disable",
        help="With a folder of articles: rules to switch off while extracting (comma-separated).",
    ),
    en_model: str = typer.Option(
        DEFAULT_EN_MODEL, "--en-model", help="Installed spaCy English pipeline to use."
    ),
) -> None:
    """Score output tables against gold records: per list P/R/F1, macro F1, attribute accuracies.

    Example: pipeline evaluate ../shared/eval/domain/gold data/out --details --report eval.md
    (with rules off: pipeline evaluate ../shared/eval/domain/gold ../shared/eval/domain/raw --disable org.join_parent)
    """
    import tempfile

    from .evaluate import evaluate_records
    from .report import records_json, records_markdown
    from .run import extract_folder

    for folder in (gold_dir, out_dir):
        if not folder.is_dir():
            typer.echo(f"error: folder not found: {folder}", err=True)
            raise typer.Exit(2)
    from .outdir import settle

    settle(out_dir)  # a run killed while switching its tables in: finish the switch first
    off = _rule_names(disable)
    tables = (out_dir / "articles.parquet").is_file()
    if tables and off:
        typer.echo(
            f"error: --disable needs a folder of articles, and {out_dir} holds output tables", err=True
        )
        raise typer.Exit(2)
    with tempfile.TemporaryDirectory(prefix="pipeline-evaluate-") as scratch:
        if not tables:
            try:
                summary = extract_folder(out_dir, Path(scratch), en_model=en_model, disable=off)
            except ModelNotInstalled as exc:
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(2) from None
            if not any(summary.statuses.values()):
                typer.echo(f"error: no output tables and no articles in {out_dir}", err=True)
                raise typer.Exit(2)
        result = evaluate_records(gold_dir, out_dir if tables else Path(scratch))
    markdown = records_markdown(result, details=details)
    typer.echo(records_json(result, details=details) if as_json else markdown)
    if report:
        report.write_text(markdown, encoding="utf-8")


@app.command("evaluate-sets")
def evaluate_sets_command(
    sets: list[Path] = typer.Argument(
        ..., help="Evaluation sets: folders with raw/ (articles) and gold/ (records)."
    ),
    details: bool = typer.Option(
        False, "--details", help="Also each set's report with missed and spurious entries."
    ),
    report: Path | None = typer.Option(
        None, "--report", help="Also write the report as markdown to this file."
    ),
    disable: str = typer.Option(
        "", "--disable", help="Rules to switch off while extracting (comma-separated)."
    ),
    en_model: str = typer.Option(
        DEFAULT_EN_MODEL, "--en-model", help="Installed spaCy English pipeline to use."
    ),
) -> None:
    """Extract and score several evaluation sets, side by side with the gap between them (the
    development set first, then held-out ones: a rule that widens the gap is fitted to the first).

    Example: pipeline evaluate-sets ../shared/eval/domain ../shared/eval/validation
    """
    import tempfile

    from .evaluate import evaluate_records
    from .report import records_markdown, sets_markdown
    from .run import extract_folder

    off = _rule_names(disable)
    reports = {}
    for folder in sets:
        if not (folder / "raw").is_dir() or not (folder / "gold").is_dir():
            typer.echo(f"error: {folder} is no evaluation set: it needs raw/ and gold/ folders", err=True)
            raise typer.Exit(2)
        with tempfile.TemporaryDirectory(prefix="pipeline-evaluate-") as scratch:
            try:
                extract_folder(folder / "raw", Path(scratch), en_model=en_model, disable=off)
            except ModelNotInstalled as exc:
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(2) from None
            reports[folder.name] = evaluate_records(folder / "gold", Path(scratch))
    text = sets_markdown(reports)
    if details:
        text += "".join("\n" + records_markdown(r, details=True, title=n) for n, r in reports.items())
    typer.echo(text)
    if report:
        report.write_text(text, encoding="utf-8")


@app.command("rules")
def rules_command(
    stage: str | None = typer.Option(None, "--stage", help="Only the rules of this stage."),
    lang: str | None = typer.Option(None, "--lang", help="Only the rules serving this language (ru, en)."),
) -> None:
    """List the registered rules: name, stage, languages, span kinds touched, what each does.

    Any of them can be switched off with `extract --disable NAME` or measured with `pipeline ablate`.

    Example: pipeline rules --stage spans --lang en
    """
    from .rules import rules

    for r in rules(stage=stage, lang=lang):
        touches = ",".join(r.touches) or "-"
        typer.echo(f"{r.name:<34} {r.stage:<13} {','.join(r.langs):<6} {touches:<10} {r.doc}")


@app.command("ablate")
def ablate_command(
    sets: list[Path] = typer.Argument(
        ..., help="Evaluation sets: folders with raw/ and gold/ (the held-out one last)."
    ),
    only: str = typer.Option(
        "", "--rules", help="Comma-separated rules (or prefixes ending in '.'); default all."
    ),
    en_model: str = typer.Option(
        DEFAULT_EN_MODEL, "--en-model", help="Installed spaCy English pipeline to use."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    report: Path | None = typer.Option(
        None, "--report", help="Also write the report as markdown to this file."
    ),
) -> None:
    """Per registered rule, the change of each list's F1 when that rule is off, on every set side
    by side, the most harmful rule first (articles are annotated once, the stages rerun per rule).

    Example: pipeline ablate ../shared/eval/domain ../shared/eval/validation --report ablation.md
    """
    import json

    from .ablate import ablate, as_dict, load_set, markdown

    names = _rule_names(only) if only else None
    try:
        loaded = [load_set(folder, en_model=en_model) for folder in sets]
    except (ValueError, ModelNotInstalled) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    result = ablate(loaded, names, log=lambda message: typer.echo(message, err=True))
    text = markdown(result)
    typer.echo(json.dumps(as_dict(result), indent=1) if as_json else text)
    if report:
        report.write_text(text + "\n", encoding="utf-8")


DEFAULT_LIMIT = 100  # documents per corpus by default: a few minutes per corpus on 2 cores


@app.command("evaluate-corpus")
def evaluate_corpus_command(
    name: str = typer.Argument(
        ..., help="Corpus: nerel, factrueval, collection5, bsnlp, conll2003, meantime, tempeval3, or all."
    ),
    path: Path = typer.Argument(
        ..., help="The corpus folder (../shared/corpora/NAME); for `all`, ../shared/corpora."
    ),
    limit: int = typer.Option(DEFAULT_LIMIT, "--limit", help="First N documents of the split; 0 for all."),
    split: str | None = typer.Option(None, "--split", help="Corpus split (default: its test split)."),
    en_model: str = typer.Option(
        DEFAULT_EN_MODEL, "--en-model", help="Installed spaCy English pipeline to use."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    report: Path | None = typer.Option(
        None, "--report", help="Also write the report as markdown to this file."
    ),
) -> None:
    """Score mentions per kind on a public annotated corpus, ours beside the bare natasha / spaCy baseline.

    Example: pipeline evaluate-corpus factrueval ../shared/corpora/factrueval2016 --limit 50
    """
    import dataclasses
    import json

    from .corpora import CORPORA, TYPE_MAPS, load
    from .evaluate_corpus import evaluate_corpus
    from .report import corpus_markdown

    if name != "all" and name not in CORPORA:
        typer.echo(f"error: unknown corpus {name!r}; choose one of: {', '.join(CORPORA)}, all", err=True)
        raise typer.Exit(2)
    if not path.is_dir():
        typer.echo(f"error: corpus folder not found: {path}", err=True)
        raise typer.Exit(2)
    targets = [(name, path)] if name != "all" else [(n, path / info.folder) for n, info in CORPORA.items()]
    sections, results = [], []
    for corpus, folder in targets:
        if not folder.is_dir():
            typer.echo(f"warning: {folder} is absent: {corpus} not evaluated", err=True)
            continue
        try:
            docs = load(corpus, folder, split=split if name != "all" else None, limit=limit or None)
            result = evaluate_corpus(corpus, docs, type_map=TYPE_MAPS.get(corpus), en_model=en_model)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        results.append(dataclasses.asdict(result))
        sections.append(corpus_markdown(result))
        if not as_json:
            typer.echo(sections[-1])
    if as_json:
        typer.echo(json.dumps(results if name == "all" else results[0], ensure_ascii=False, indent=1))
    if report:
        report.write_text("\n".join(sections), encoding="utf-8")


@app.command("bench")
def bench_command(
    articles: int = typer.Option(
        200, "--articles", "-n", min=0, help="Number of articles (0: each article of --from once)."
    ),
    sources: list[Path] = typer.Option(
        [], "--from", help="Take the articles of this folder (repeatable; default: the samples in data/raw)."
    ),
    repetitions: int = typer.Option(3, "--reps", min=1, help="Repetitions of each measurement."),
    workers: str = typer.Option(
        ",".join(str(w) for w in sorted({1, default_workers()})),
        "--workers",
        help="Comma-separated numbers of workers to time whole runs with.",
    ),
    en_model: str = typer.Option(
        DEFAULT_EN_MODEL, "--en-model", help="Installed spaCy English pipeline to use."
    ),
    lang: str = typer.Option("ru,en", "--lang", help="Comma-separated languages of the texts (ru, en)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    report: Path | None = typer.Option(
        None, "--report", help="Also write the report as markdown to this file."
    ),
) -> None:
    """Benchmark the pipeline against bare natasha (Russian) and bare spaCy (English) on the same
    texts: articles/s, characters/s, their ratio, model loading, peak RSS; end to end from process
    start with one worker; whole runs with each number of workers; an incremental re-run after one
    file changed.

    Example: pipeline bench --articles 200 --reps 3 --workers 1,2
    (real texts: pipeline bench --from ../shared/corpora/ca_news/raw --articles 0;
    Russian only: pipeline bench --from ../shared/eval/domain/raw --lang ru --articles 140 --workers 1)
    """
    import json

    from .bench import as_dict, bench, markdown

    try:
        counts = tuple(sorted({int(w) for w in workers.split(",") if w.strip()}))
    except ValueError:
        counts = ()
    if not counts or min(counts) < 1:
        typer.echo(f"error: --workers takes numbers such as 1,2, not {workers!r}", err=True)
        raise typer.Exit(2)
    for source in sources:
        if not source.is_dir():
            typer.echo(f"error: folder not found: {source}", err=True)
            raise typer.Exit(2)
    langs = tuple(dict.fromkeys(x.strip() for x in lang.split(",") if x.strip()))
    if not langs or set(langs) - {"ru", "en"}:
        typer.echo(f"error: --lang takes ru, en or ru,en, not {lang!r}", err=True)
        raise typer.Exit(2)
    try:
        result = bench(
            articles=articles, sources=sources or None, repetitions=repetitions, workers=counts, en_model=en_model,
            langs=langs, log=lambda message: typer.echo(message, err=True),
        )  # fmt: skip
    except (ValueError, ModelNotInstalled) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    text = markdown(result)
    typer.echo(json.dumps(as_dict(result), indent=1) if as_json else text)
    if report:
        report.write_text(text + "\n", encoding="utf-8")
