"""Workers that die, hang or outlive their parent; feeds shared between workers; long texts in parts.

Faults are injected deterministically: `run.process` is replaced, in this process, by one that
kills or stalls its own worker on a marked article (forked workers inherit the replacement), or,
for the runs killed from outside, by a wrapper script that does the same before starting the CLI.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import pipeline.run as run
from pipeline.parallel import can_fork
from tests.test_cli import EN, RU

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not can_fork(), reason="faults are injected into forked workers")


def folder_of(tmp_path: Path, texts: dict[str, str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def faulty(monkeypatch):
    """Replace run.process: an article containing "KILL" kills its worker (once only when a marker
    file is given), one containing "STALL" sleeps for an hour."""
    real = run.process
    parent = os.getpid()
    marker: list[Path] = []

    def process(source, **options):
        text = source.text or ""
        if os.getpid() != parent and "KILL" in text and not (marker and marker[0].exists()):
            if marker:
                marker[0].write_text("killed once")
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer does
        if os.getpid() != parent and "STALL" in text:
            time.sleep(3600)
        return real(source, **options)

    monkeypatch.setattr(run, "process", process)
    run.warm_up()  # models loaded here, so that forked workers start with them
    return marker


# --- item 8: a killed worker --------------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_killed_once_is_replaced_and_its_article_retried(tmp_path, monkeypatch, faulty, workers):
    monkeypatch.setattr(run, "ARTICLES_PER_WORKER", 1)
    faulty.append(tmp_path / "killed-once")
    folder = folder_of(
        tmp_path, {"a.txt": RU, "b.txt": "KILL " + RU, "c.txt": EN, "d.txt": "Продолжение.\n\n" + RU}
    )  # d: not a copy of a
    summary = run.extract_folder(folder, tmp_path / "out", workers=workers)
    assert faulty[0].exists() and summary.workers == workers
    assert summary.statuses == {"ok": 4, "skipped": 0, "error": 0}


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_that_kills_its_worker_twice_gets_an_error_row_and_the_run_completes(
    tmp_path, monkeypatch, faulty, workers
):
    monkeypatch.setattr(run, "ARTICLES_PER_WORKER", 1)
    folder = folder_of(tmp_path, {"a.txt": RU, "b.txt": "KILL " + RU, "c.txt": EN})
    (folder / "feed.jsonl").write_text(
        "\n".join(json.dumps({"id": f"r{n}", "text": ("KILL " if n == 1 else "") + RU}) for n in range(3)),
        encoding="utf-8",
    )
    summary = run.extract_folder(folder, tmp_path / "out", workers=workers)
    articles = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    errors = articles[articles.status == "error"]
    assert list(errors.file + "#" + errors.record.fillna("")) == ["b.txt#", "feed.jsonl#r1"]
    assert all(
        e.startswith("processing failed: the worker process died twice on it (killed by SIGKILL)")
        for e in errors.error
    )
    assert summary.statuses == {"ok": 4, "skipped": 0, "error": 2}
    assert errors.sha256.notna().all()  # kept: the next run reuses the row unless the file changes


# --- item 10: a time budget per article, texts in parts --------------------------------------------------


def test_an_article_over_its_time_budget_gets_an_error_row(tmp_path, faulty):
    folder = folder_of(tmp_path, {"a.txt": RU, "b.txt": "STALL " + RU, "c.txt": EN})
    started = time.monotonic()
    summary = run.extract_folder(folder, tmp_path / "out", workers=1, article_timeout=15)
    assert time.monotonic() - started < 120
    articles = pd.read_parquet(tmp_path / "out" / "articles.parquet").set_index("file")
    assert articles.loc["b.txt", "error"] == "processing failed: timed out after 15 s (--article-timeout)"
    assert summary.statuses == {"ok": 2, "skipped": 0, "error": 1}


def test_a_text_in_parts_is_spread_over_the_workers_in_order(tmp_path, monkeypatch):
    """A file too long for one article comes back from its worker as parts, each a job; the tables
    are those of one worker."""
    import pipeline.read

    monkeypatch.setattr(pipeline.read, "PART_CHARS", 400)
    monkeypatch.setattr(run, "ARTICLES_PER_WORKER", 1)
    folder = folder_of(tmp_path, {"a.txt": RU, "long.txt": "\n\n".join([RU] * 12), "z.txt": EN})
    one = run.extract_folder(folder, tmp_path / "one", workers=1)
    two = run.extract_folder(folder, tmp_path / "two", workers=2)
    assert two.workers == 2 and one.statuses == two.statuses and one.statuses["ok"] > 6
    articles = pd.read_parquet(tmp_path / "two" / "articles.parquet")
    assert list(articles.record.fillna("")) == ["", *[f"part{n}" for n in range(1, len(articles) - 1)], ""]
    for name in ("articles", "mentions", "texts"):
        assert (tmp_path / "one" / f"{name}.csv").read_bytes() == (
            tmp_path / "two" / f"{name}.csv"
        ).read_bytes()


# --- item 11: the workers follow the articles, not the files ---------------------------------------------


def test_a_big_feed_is_shared_between_the_workers(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.jsonl").write_text(
        "\n".join(json.dumps({"id": f"r{n}", "text": RU}) for n in range(2 * run.ARTICLES_PER_WORKER)),
        encoding="utf-8",
    )
    summary = run.extract_folder(folder, tmp_path / "out", workers=2)
    assert summary.workers == 2 and summary.statuses["ok"] == 2 * run.ARTICLES_PER_WORKER


# --- item 9: workers die with their parent ---------------------------------------------------------------

WRAPPER = """
import os, sys, time
import pipeline.run as run
real = run.process
def process(source, **options):
    if "STALL" in (source.text or ""):
        open(os.path.join(os.environ["MARKS"], str(os.getpid())), "w").close()
        time.sleep(3600)
    return real(source, **options)
run.process = process
from pipeline.cli import app
sys.argv[0] = "pipeline"
app()
"""


def _gone(pid: int) -> bool:
    """Tell whether a process has ended (a zombie that nobody reaps has ended too)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return True
    return state in ("Z", "X")


def _run_until_workers_stall(tmp_path: Path) -> tuple[subprocess.Popen, list[int], Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    records = [{"id": f"r{n}", "text": "STALL " + RU} for n in range(2 * run.ARTICLES_PER_WORKER)]
    (folder / "feed.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    marks = tmp_path / "marks"
    marks.mkdir()
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-c", WRAPPER, "extract", str(folder), "--out", str(out), "--workers", "2", "--quiet"],
        cwd=ROOT, env={**os.environ, "MARKS": str(marks)}, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    while len(list(marks.iterdir())) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    workers = [int(p.name) for p in marks.iterdir()]
    if len(workers) != 2:
        process.kill()
        pytest.fail(f"two workers did not start: {process.communicate()[1]}")
    return process, workers, out


def _wait_gone(pids: list[int], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(_gone(pid) for pid in pids):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_workers_die_with_a_parent_killed_outright(tmp_path):
    process, workers, out = _run_until_workers_stall(tmp_path)
    try:
        process.kill()  # kill -9: nothing runs in the parent any more
        process.wait()
        assert _wait_gone(workers), "orphaned workers still running"
    finally:
        for pid in workers:
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_sigterm_is_handled_like_ctrl_c(tmp_path):
    process, workers, out = _run_until_workers_stall(tmp_path)
    try:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=120) == 143
        assert "is left as it was before this run" in process.stderr.read()
        assert _wait_gone(workers), "workers still running after SIGTERM"
        assert not list(out.glob(".writing-*")) and not (out / "articles.csv").exists()
    finally:
        process.kill()
        for pid in workers:
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)
