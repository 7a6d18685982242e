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
    path: Path = typer.Argument(
        ..., help="Folder of articles (.txt .md .html .htm .json .jsonl), read recursively."
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
) -> None:
    """Extract every article below PATH into CSV and Parquet tables in --out.

    A re-run into the same --out redoes only new and changed files and drops deleted ones.

    Example: pipeline extract data/raw --out data/out --workers 2
    """
    from .outdir import OutputInUse
    from .run import EmptyInput, extract_folder

    if not path.is_dir():
        fail(f"input folder not found: {path}")
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file, not a folder")

    def report(result) -> None:
        if result.status == "error":
            typer.echo(f"error: {result.where}: {result.error}", err=True)

    try:
        with interrupts_as_keyboard_interrupt():
            summary = extract_folder(
                path, out, en_model=en_model, max_bytes=int(max_mb * 2**20), on_result=report,
                progress=not quiet and sys.stderr.isatty(), workers=workers, force=force,
                article_timeout=article_timeout or None, follow_symlinks=follow_symlinks, allow_empty=allow_empty,
            )  # fmt: skip
    except ModelNotInstalled as exc:
        fail(str(exc))
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
    return f"articles: {counts}\nfiles: {files}\nrows: {tables}\n{summary.seconds:.1f} s, {workers} -> {out}"


@app.command()
def evaluate(
    gold_dir: Path = typer.Argument(
        ..., help="Folder of gold records (*.json, ../shared/eval/GOLD_FORMAT.md)."
    ),
    out_dir: Path = typer.Argument(..., help="Folder of output tables written by `pipeline extract`."),
    details: bool = typer.Option(
        False, "--details", help="List, per article, the missed and the spurious entries."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    report: Path | None = typer.Option(
        None, "--report", help="Also write the report as markdown to this file."
    ),
) -> None:
    """Score output tables against gold records: per list P/R/F1, macro F1, attribute accuracies.

    Example: pipeline evaluate ../shared/eval/domain/gold data/out --details --report eval.md
    """
    from .evaluate import evaluate_records
    from .report import records_json, records_markdown

    for folder in (gold_dir, out_dir):
        if not folder.is_dir():
            typer.echo(f"error: folder not found: {folder}", err=True)
            raise typer.Exit(2)
    from .outdir import settle

    settle(out_dir)  # a run killed while switching its tables in: finish the switch first
    if not (out_dir / "articles.parquet").is_file():
        typer.echo(f"error: no output tables in {out_dir} (run `pipeline extract` first)", err=True)
        raise typer.Exit(2)
    result = evaluate_records(gold_dir, out_dir)
    markdown = records_markdown(result, details=details)
    typer.echo(records_json(result, details=details) if as_json else markdown)
    if report:
        report.write_text(markdown, encoding="utf-8")


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
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    report: Path | None = typer.Option(
        None, "--report", help="Also write the report as markdown to this file."
    ),
) -> None:
    """Benchmark the pipeline against bare natasha (Russian) and bare spaCy (English) on the same
    texts: articles/s, characters/s, their ratio, model loading, peak RSS; whole runs with each
    number of workers; an incremental re-run after one file changed.

    Example: pipeline bench --articles 200 --reps 3 --workers 1,2
    (real texts: pipeline bench --from ../shared/corpora/ca_news/raw --articles 0)
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
    try:
        result = bench(
            articles=articles, sources=sources or None, repetitions=repetitions, workers=counts, en_model=en_model,
            log=lambda message: typer.echo(message, err=True),
        )  # fmt: skip
    except (ValueError, ModelNotInstalled) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    text = markdown(result)
    typer.echo(json.dumps(as_dict(result), indent=1) if as_json else text)
    if report:
        report.write_text(text + "\n", encoding="utf-8")
