"""Runs at scale: worker processes, incremental re-runs, a killed run, progress and summary."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import pipeline.run as run
from pipeline.cli import app
from pipeline.write import MANIFEST, SCHEMAS, STATE_DIR
from tests.test_cli import EN, KK, RU

ROOT = Path(__file__).resolve().parent.parent

RU2 = (
    "Казахстан и Узбекистан договорились о воде\n\n"
    "3 марта 2025 года в Ташкенте министр водного хозяйства Узбекистана Шавкат Хамраев и "
    "представители Всемирного банка подписали протокол о совместном использовании Сырдарьи."
)


def make_folder(folder: Path) -> Path:
    """A small folder: Russian and English articles, a JSONL feed, a skipped language, errors."""
    (folder / "news").mkdir(parents=True)
    (folder / "news" / "ru.txt").write_text(RU, encoding="utf-8")
    (folder / "news" / "ru2.txt").write_text(RU2, encoding="utf-8")
    (folder / "en.md").write_text(EN, encoding="utf-8")
    (folder / "kk.txt").write_text(KK, encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "r1", "text": RU2, "published": "2025-03-03"}, ensure_ascii=False)
        + "\n{broken\n"
        + json.dumps({"id": "r3", "text": EN}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "huge.txt").write_bytes(b"a" * (2 * 2**20))
    return folder


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in SCHEMAS}


def assert_same_tables(a: Path, b: Path) -> None:
    """Same rows in the same order, in Parquet and byte for byte in CSV."""
    for name in SCHEMAS:
        assert (a / f"{name}.csv").read_bytes() == (b / f"{name}.csv").read_bytes(), name
        pd.testing.assert_frame_equal(
            pd.read_parquet(a / f"{name}.parquet"), pd.read_parquet(b / f"{name}.parquet"), obj=name
        )


def extract(folder: Path, out: Path, **options) -> run.Summary:
    return run.extract_folder(folder, out, max_bytes=2**20, **options)


# --- workers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "spawned"])
def test_two_workers_give_the_tables_of_one(tmp_path, monkeypatch, fork):
    import pipeline.parallel

    folder = make_folder(tmp_path / "in")
    one = extract(folder, tmp_path / "one", workers=1)
    monkeypatch.setattr(run, "ARTICLES_PER_WORKER", 1)  # start the pool even for a few files
    if not fork:  # as on macOS and Windows: workers spawned, each loading the models itself
        monkeypatch.setattr(pipeline.parallel, "can_fork", lambda: False)
    two = extract(folder, tmp_path / "two", workers=2)
    assert (one.workers, two.workers) == (1, 2)
    assert one.statuses == two.statuses == {"ok": 5, "skipped": 1, "error": 3}
    assert_same_tables(tmp_path / "one", tmp_path / "two")
    articles = tables(tmp_path / "two")["articles"]
    assert list(articles.file) == ["empty.txt", "en.md", "feed.jsonl", "feed.jsonl", "feed.jsonl", "huge.txt",
                                   "kk.txt", "news/ru.txt", "news/ru2.txt"]  # fmt: skip
    assert list(articles.record.fillna("")) == ["", "", "r1", "line2", "r3", "", "", "", ""]


def test_in_this_process_gives_the_tables_of_a_worker(tmp_path):
    """--workers 0 (for profiling) processes the articles in the run's own process."""
    folder = make_folder(tmp_path / "in")
    worker = extract(folder, tmp_path / "worker", workers=1)
    inline = extract(folder, tmp_path / "inline", workers=0)
    assert (worker.workers, inline.workers) == (1, 0)
    assert_same_tables(tmp_path / "worker", tmp_path / "inline")


def _rules_off_here() -> tuple[int, list[str]]:
    """A worker's job: its pid and the rules switched off in it."""
    from pipeline import rules

    return os.getpid(), sorted(rules.disabled_rules())


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "spawned"])
def test_every_worker_switches_the_rules_off_before_its_first_job(monkeypatch, fork):
    """--disable reaches every worker through init_worker, forked or spawned, and the worker that
    replaces a dead one: not by inheriting the parent's switches (here the parent has none)."""
    import pipeline.parallel
    from pipeline import rules
    from pipeline.nlp import DEFAULT_EN_MODEL

    if fork and not pipeline.parallel.can_fork():
        pytest.skip("workers are forked on Linux only")
    if not fork:
        monkeypatch.setattr(pipeline.parallel, "can_fork", lambda: False)
    off = ("date.year_in_paragraph", "org.not.disease")
    assert rules.check_names(off) == set(off)
    rules.set_disabled(())
    workers = 2 if fork else 1  # a spawned worker loads the models itself: one is enough
    init = (DEFAULT_EN_MODEL, off)
    with pipeline.parallel.executor(
        workers, initializer=run.init_worker, initargs=init, preload=lambda: run.warm_up(DEFAULT_EN_MODEL)
    ) as pool:
        seen = [pool.submit(_rules_off_here).result() for _ in range(4)]
        if fork:  # the workers killed: their replacements are set up the same way
            dead = {worker.process.pid for worker in pool.workers}
            for worker in pool.workers:
                os.kill(worker.process.pid, signal.SIGKILL)
                worker.process.join()
            seen += [pool.submit(_rules_off_here).result() for _ in range(4)]
            assert {pid for pid, _ in seen[:4]} <= dead and not dead & {pid for pid, _ in seen[4:]}
    assert all(names == sorted(off) for _, names in seen)
    assert rules.disabled_rules() == frozenset()  # the parent's own switches untouched


def test_rules_switched_off_give_the_same_tables_with_any_number_of_workers(tmp_path, monkeypatch):
    """extract --disable: the tables with the date rules off are those of a run in this process,
    differ from those with every rule on, and are not reused by a run with every rule on."""
    folder = make_folder(tmp_path / "in")
    monkeypatch.setattr(run, "ARTICLES_PER_WORKER", 1)
    extract(folder, tmp_path / "two", workers=2, disable=["date."])
    extract(folder, tmp_path / "inline", workers=0, disable=["date."])
    assert_same_tables(tmp_path / "two", tmp_path / "inline")
    on = extract(folder, tmp_path / "two", workers=2)
    assert on.reused == 0 and on.previous == "the pipeline, its data or the options changed"
    extract(folder, tmp_path / "on", workers=0)
    assert not tables(tmp_path / "on")["dates"].equals(tables(tmp_path / "inline")["dates"])


def test_a_missing_model_stops_a_parallel_run_with_exit_2(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "ARTICLES_PER_WORKER", 1)
    (tmp_path / "in").mkdir()
    for n in range(3):
        (tmp_path / "in" / f"en{n}.txt").write_text(EN, encoding="utf-8")
    args = [
        "extract",
        str(tmp_path / "in"),
        "--out",
        str(tmp_path / "o"),
        "--workers",
        "2",
        "--en-model",
        "en_nope",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and "en_nope" in result.stderr
    assert not (tmp_path / "o" / "articles.csv").exists()


def test_job_order_is_input_order_whatever_the_finishing_order():
    from concurrent.futures import ThreadPoolExecutor

    from pipeline.parallel import in_order

    def slow(n: int) -> int:
        time.sleep(0.05 * (5 - n))  # the first jobs finish last
        return n * n

    jobs = [(slow, (n,), n) if n % 2 else (None, -n, n) for n in range(6)]
    with ThreadPoolExecutor(3) as pool:
        assert list(in_order(pool, jobs, window=3)) == [(0, 0), (1, 1), (2, -2), (3, 9), (4, -4), (5, 25)]


# --- incremental runs ---------------------------------------------------------------------------------


@pytest.fixture
def first_run(tmp_path):
    folder = make_folder(tmp_path / "in")
    out = tmp_path / "out"
    summary = extract(folder, out)
    return folder, out, summary


def test_a_rerun_reuses_every_unchanged_file(first_run, tmp_path):
    folder, out, first = first_run
    assert (first.processed, first.reused, first.previous) == (7, 0, "no previous run")
    shutil.copytree(out, tmp_path / "before")
    again = extract(folder, out)
    # a file too large to read has no sha256 and is always redone (an error row, at once)
    assert (again.processed, again.reused, again.previous) == (1, 6, "previous run")
    assert again.statuses == first.statuses
    assert_same_tables(tmp_path / "before", out)


def test_changed_added_and_deleted_files_give_the_tables_of_a_fresh_run(first_run, tmp_path):
    folder, out, _ = first_run
    (folder / "news" / "ru.txt").write_text(RU.replace("Бишкеке", "Оше"), encoding="utf-8")  # changed
    (folder / "news" / "ru3.txt").write_text(RU2.replace("Ташкенте", "Самарканде"), encoding="utf-8")  # new
    (folder / "news" / "ru2.txt").unlink()  # deleted
    again = extract(folder, out)
    assert (again.processed, again.reused) == (3, 4)  # ru.txt, ru3.txt and huge.txt redone
    fresh = extract(folder, tmp_path / "fresh")
    assert fresh.reused == 0
    assert_same_tables(tmp_path / "fresh", out)
    entities = tables(out)["entities"].set_index("name")
    assert "Ош" in entities.index and "Самарканд" in entities.index
    # Хамраев was in ru2.txt (deleted) and feed.jsonl#r1, now also in ru3.txt
    assert entities.loc["Шавкат Хамраев", "articles"] == 2


def test_force_redoes_everything(first_run):
    folder, out, _ = first_run
    again = extract(folder, out, force=True)
    assert (again.processed, again.reused, again.previous) == (7, 0, "--force")


def test_other_options_redo_everything(first_run):
    folder, out, _ = first_run
    again = run.extract_folder(folder, out, max_bytes=3 * 2**20)
    assert again.reused == 0 and "options changed" in again.previous


def test_tables_that_are_not_the_manifests_are_not_trusted(first_run, tmp_path):
    """A run killed between the renames of its tables leaves tables of two runs: redo everything."""
    folder, out, _ = first_run
    other = tmp_path / "other"
    extract(folder, other, force=True)  # the same rows, another run id
    shutil.copy(other / "mentions.parquet", out / "mentions.parquet")
    again = extract(folder, out)
    assert again.reused == 0 and "mentions.parquet" in again.previous
    assert_same_tables(other, out)


def test_a_broken_manifest_redoes_everything(first_run):
    folder, out, _ = first_run
    (out / STATE_DIR / MANIFEST).write_text("{not json", encoding="utf-8")
    again = extract(folder, out)
    assert again.reused == 0 and "unreadable manifest" in again.previous


def test_temporary_folders_of_killed_runs_are_removed(first_run):
    folder, out, _ = first_run
    dead = out / ".writing-999999999-abc"  # no such process
    dead.mkdir()
    extract(folder, out)
    assert not dead.exists()


def test_a_run_killed_midway_leaves_the_previous_tables_and_the_next_run_completes(tmp_path):
    from pipeline.bench import make_texts, write_texts

    folder = make_folder(tmp_path / "in")
    out = tmp_path / "out"
    extract(folder, out)
    shutil.copytree(out, tmp_path / "before")
    write_texts(make_texts(40), folder / "more")  # enough work to be killed in the middle of
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", str(folder), "--out", str(out), "--workers", "1",
         "--max-mb", "1", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob(".writing-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(2.0)  # models loading or articles being processed: the run is under way
        assert process.poll() is None, "the run ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert list(out.glob(".writing-*"))  # a killed run cannot clean up ...
    assert_same_tables(tmp_path / "before", out)  # ... but the previous tables are intact
    assert (tmp_path / "before" / STATE_DIR / MANIFEST).read_bytes() == (
        out / STATE_DIR / MANIFEST
    ).read_bytes()
    again = extract(folder, out)
    assert again.reused == 6 and not list(out.glob(".writing-*"))
    extract(folder, tmp_path / "fresh")
    assert_same_tables(tmp_path / "fresh", out)


# --- progress and summary --------------------------------------------------------------------------


def test_progress_bar_on_stderr_with_articles_per_second(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "in" / "ru2.txt").write_text(RU2, encoding="utf-8")
    run.extract_folder(tmp_path / "in", tmp_path / "out", progress=True)
    captured = capsys.readouterr()
    assert "2/2" in captured.err and "articles/s" in captured.err and captured.out == ""


def test_summary_and_quiet(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    args = ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--workers", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    assert "articles: 1 ok, 0 skipped, 1 error" in result.stderr
    assert "files: 2 files processed, 0 unchanged files reused" in result.stderr
    assert "rows: articles 2, texts 1," in result.stderr and " s, 1 worker -> " in result.stderr
    assert "it/s" not in result.stderr  # stderr is not a terminal: no progress bar
    again = CliRunner().invoke(app, [*args, "--quiet"])
    assert again.exit_code == 0 and again.stderr.strip() == "error: empty.txt: empty file"
