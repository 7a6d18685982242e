"""The output folder: one run at a time, the whole set of tables switched at once whatever instant
a run is killed at, and a `make clean` that only ever removes a pipeline's output."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import outdir
from pipeline.cli import app
from pipeline.write import MANIFEST, STATE_DIR, TableWriter

ROOT = Path(__file__).resolve().parent.parent


def write_set(out: Path, label: str) -> None:
    """A complete set of outputs whose every table says `label`."""
    with TableWriter(out, run_id=label) as writer:  # the same bytes every time
        for n in range(3):
            writer.add("articles", {"article_id": f"{label}{n}", "file": f"{n}.txt", "status": "ok"})
            writer.add("texts", {"article_id": f"{label}{n}", "text": f"{label} text {n}"})
            writer.add("mentions", {"article_id": f"{label}{n}", "kind": "date", "text": label})
        writer.manifest = {"run_id": writer.run_id, "label": label, "files": []}


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file of an output folder but the lock and staging folders, by relative path."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != outdir.LOCK and not p.relative_to(out).parts[0].startswith(".writing-")
    }


# --- item 5: the switch -------------------------------------------------------------------------------


def _staged(new: Path, into: Path) -> Path:
    """Stage the files of the complete set `new` in `into`, as a run that is about to switch them."""
    staging = into / f"{outdir.STAGING_PREFIX}999999999-test"  # a process that does not exist
    shutil.copytree(new, staging, ignore=shutil.ignore_patterns(outdir.LOCK))
    return staging


def _switch_killed_at(out: Path, label: str, at: int) -> tuple[int, dict[str, bytes]]:
    """Write a set into `out` and switch it in, in a forked child that kills itself (SIGKILL)
    before its rename number `at` (os.replace calls counted from 0); give its wait status and the
    set it switches in (the database's bytes differ from one writing to the next)."""
    writer = TableWriter(out, run_id=label)
    for n in range(3):
        writer.add("articles", {"article_id": f"{label}{n}", "file": f"{n}.txt", "status": "ok"})
        writer.add("texts", {"article_id": f"{label}{n}", "text": f"{label} text {n}"})
        writer.add("mentions", {"article_id": f"{label}{n}", "kind": "date", "text": label})
    writer.manifest = {"run_id": writer.run_id, "label": label, "files": []}
    for table in (*writer.tables.values(), *writer.state.values()):
        table.close()  # the tables are written here; the child only switches them in
    for hook in writer.before_commit:  # and the database and data package (no DuckDB after a fork)
        hook(writer.staging)
    writer.before_commit = []
    writer._write_manifest()  # written again by the child, the same bytes
    staged = snapshot(writer.staging)
    pid = os.fork()
    if pid == 0:  # the child: file operations only from here, then _exit
        try:
            calls = [0]
            real_replace = os.replace

            def replace(src, dst):
                if calls[0] == at:
                    os.kill(os.getpid(), signal.SIGKILL)
                calls[0] += 1
                real_replace(src, dst)

            os.replace = replace
            writer.__exit__(None, None, None)
        finally:
            os._exit(0)
    return os.waitpid(pid, 0)[1], staged


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_kill_between_any_two_renames_leaves_the_old_or_the_new_set(tmp_path):
    """Killed before each rename of the switch in turn, then the next command (here `evaluate`)
    starts: OUT holds the complete old set or the complete new set, never a mix."""
    write_set(tmp_path / "old", "old")
    old = snapshot(tmp_path / "old")
    assert {"pipeline.duckdb", "datapackage.json", f"{STATE_DIR}/corrections_applied.parquet"} <= old.keys()
    (tmp_path / "gold").mkdir()
    seen = set()
    for at in range(100):
        out = tmp_path / f"trial{at}"
        shutil.copytree(tmp_path / "old", out)
        status, new = _switch_killed_at(out, "new", at)
        killed = os.WIFSIGNALED(status)
        CliRunner().invoke(app, ["evaluate", str(tmp_path / "gold"), str(out)])
        after = snapshot(out)
        mixed = sorted(name for name in after if after.get(name) != new.get(name))
        assert after in (old, new), f"killed before rename {at}: a mixed set, not new: {mixed}"
        seen.add("old" if after == old else "new")
        if not killed:
            break
    assert at > 15 and seen == {"old", "new"}  # before the commit point: old; from it on: new


def test_an_interrupted_switch_is_finished_by_the_next_command_before_it_reads(tmp_path):
    """A journal left behind: `pipeline evaluate` finishes the switch, then reads the new tables."""
    write_set(tmp_path / "new", "new")
    out = tmp_path / "out"
    write_set(out, "old")
    staging = _staged(tmp_path / "new", out)
    journal = {"staging": staging.name, "units": outdir.staged_units(staging)}
    os.replace(staging / "articles.csv", out / "articles.csv")  # killed after its first renames
    os.replace(staging / "articles.parquet", out / "articles.parquet")
    (out / STATE_DIR / outdir.JOURNAL).write_text(__import__("json").dumps(journal), encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    CliRunner().invoke(app, ["evaluate", str(gold), str(out)])
    assert snapshot(out) == snapshot(tmp_path / "new")


def test_a_folder_in_the_way_of_a_file_is_replaced(tmp_path):
    """`manifest.json` being a folder must not stop the switch (nor a folder of outputs a file)."""
    out = tmp_path / "out"
    (out / STATE_DIR / MANIFEST).mkdir(parents=True)
    (out / STATE_DIR / MANIFEST / "junk").write_text("x")
    write_set(out, "new")
    write_set(tmp_path / "new", "new")
    assert snapshot(out).keys() == snapshot(tmp_path / "new").keys()
    assert (out / STATE_DIR / MANIFEST).is_file() and "new" in (out / STATE_DIR / MANIFEST).read_text()


def test_files_added_by_a_hook_are_switched_with_the_tables(tmp_path):
    """The one place where outputs join the set: a file or folder written into the staging folder
    before the commit (a database, a data package, pages) is listed and switched with the tables."""
    out = tmp_path / "out"
    with TableWriter(out) as writer:
        writer.before_commit.append(lambda staging: (staging / "extra.db").write_bytes(b"db"))
        writer.before_commit.append(
            lambda staging: (staging / "pages").mkdir() or (staging / "pages" / "a.html").write_text("a")
        )
        writer.manifest = {"run_id": writer.run_id, "files": []}
    assert (out / "extra.db").read_bytes() == b"db" and (out / "pages" / "a.html").read_text() == "a"
    listed = outdir.listed_outputs(out)
    assert "extra.db" in listed and "pages" in listed and "articles.csv" in listed
    with TableWriter(out) as writer:  # the next run's pages replace the folder whole
        writer.before_commit.append(
            lambda staging: (staging / "pages").mkdir() or (staging / "pages" / "b.html").write_text("b")
        )
    assert [p.name for p in (out / "pages").iterdir()] == ["b.html"]


# --- item 4: one run at a time ---------------------------------------------------------------------------


def test_a_second_run_into_a_folder_in_use_exits_2_naming_the_holder(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Министры встретились в Бишкеке 5 мая 2025 года.", encoding="utf-8"
    )
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pipeline import outdir\n"
         "with outdir.locked(sys.argv[1]):\n    print('locked', flush=True); time.sleep(600)", str(out)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        args = ["extract", str(tmp_path / "in"), "--out", str(out), "--quiet"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, result.output
        assert (
            result.stderr.strip()
            == f"error: {out} is in use by pid {holder.pid} (another run writes into it)"
        )
        assert not (out / "articles.csv").exists()
        holder.kill()  # kill -9: the kernel drops the lock with the process
        holder.wait()
        assert CliRunner().invoke(app, args).exit_code == 0
    finally:
        holder.kill()
        holder.wait()


def test_review_pages_are_not_made_while_a_run_writes_into_the_folder(tmp_path):
    """`pipeline review` holds the lock too: it never reads tables that a run is switching in."""
    out = tmp_path / "out"
    write_set(out, "old")
    with outdir.locked(out):
        result = CliRunner().invoke(app, ["review", str(out)])
    assert result.exit_code == 2 and result.stderr.strip() == (
        f"error: {out} is in use by pid {os.getpid()} (another run writes into it)"
    )
    assert not (out / outdir.REVIEW).exists()


def test_temporary_folders_of_killed_commands_are_removed_and_live_ones_kept(tmp_path):
    """A run's staging folder and `pipeline review`'s pages being built, of a process that is gone."""
    out = tmp_path / "out"
    write_set(out, "old")
    gone = [".writing-999999999-a", ".review-999999999-b", ".review-999999999-old"]
    live = f".review-{os.getpid()}-c"
    for name in [*gone, live]:
        (out / name).mkdir()
        (out / name / "index.html").write_text("x")
    with outdir.locked(out):
        notes = outdir.recover(out)
    assert len(notes) == 3 and all(not (out / name).exists() for name in gone) and (out / live).is_dir()


def test_the_lock_is_not_held_by_forked_children(tmp_path):
    """A forked worker must not keep OUT locked after its parent is gone."""
    out = tmp_path / "out"
    with outdir.locked(out):
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                with outdir.locked(out):  # a child holds no copy of the parent's lock ...
                    code = 3
            except outdir.OutputInUse:
                code = 0  # ... but the parent still holds it
            os._exit(code)
        assert os.waitpid(pid, 0)[1] == 0
    with outdir.locked(out):
        pass


# --- item 1: make clean --------------------------------------------------------------------------------


@pytest.fixture
def checkout(tmp_path):
    """A copy of the checkout's Makefile and outdir.py with a repository, sources and an output."""
    root = tmp_path / "checkout"
    (root / "pipeline").mkdir(parents=True)
    shutil.copy(ROOT / "Makefile", root / "Makefile")
    if (ROOT / "pipeline" / "outdir.py").exists():
        shutil.copy(ROOT / "pipeline" / "outdir.py", root / "pipeline" / "outdir.py")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "tests").mkdir()
    (root / "tests" / "test_x.py").write_text("x")
    (root / "data" / "out").mkdir(parents=True)
    (root / "data" / "out" / ".gitkeep").write_text("")
    return root


def make_clean(root: Path, out: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-s", "-C", str(root), "clean", f"OUT={out}", f"PYTHON={sys.executable}"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize(
    "out", ["", " ", ".", "..", "tests", "data"], ids=["empty", "blank", "dot", "parent", "tests", "data"]
)
def test_make_clean_refuses_what_is_not_a_pipeline_output(checkout, out):
    before = sorted(p.relative_to(checkout).as_posix() for p in checkout.rglob("*"))
    result = make_clean(checkout, out)
    assert result.returncode != 0 and "refusing" in result.stderr
    assert sorted(p.relative_to(checkout).as_posix() for p in checkout.rglob("*")) == before


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_clean_removes_only_the_outputs_of_a_run(checkout):
    out = checkout / "data" / "out"
    assert make_clean(checkout, "data/out").returncode == 0  # nothing to clean yet: fine
    write_set(out, "old")
    assert {"pipeline.duckdb", "datapackage.json", "articles.csv"} <= set(outdir.listed_outputs(out))
    (out / outdir.REVIEW).mkdir()  # pages of `pipeline review`, outside the run's set
    (out / outdir.REVIEW / outdir.REVIEW_STAMP).write_text("old\n")
    (out / outdir.REVIEW / "index.html").write_text("<html></html>")
    (out / "my notes.txt").write_text("the analyst's own file")
    result = make_clean(checkout, "data/out")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [".gitkeep", "my notes.txt"]
    assert (checkout / ".git" / "HEAD").exists() and (checkout / "tests" / "test_x.py").exists()
