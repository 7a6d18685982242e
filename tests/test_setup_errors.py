"""Problems of the set-up, not of an article: one line on stderr, exit 2, the previous tables kept.
An input that vanished must not wipe them either."""

from __future__ import annotations

import errno
import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.test_cli import RU

RU2 = "Министры Узбекистана и Таджикистана встретились в Душанбе 3 марта 2025 года."


@pytest.fixture
def previous(tmp_path):
    """An input folder and an output folder holding the tables of a run on it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ru.txt").write_text(RU, encoding="utf-8")
    (folder / "ru2.txt").write_text(RU2, encoding="utf-8")
    out = tmp_path / "out"
    assert extract(folder, out).exit_code == 0
    shutil.copytree(out, tmp_path / "before")
    return folder, out


def extract(folder, out, *options):
    return CliRunner().invoke(app, ["extract", str(folder), "--out", str(out), "--workers", "1", *options])


def same_files(a, b) -> bool:
    return all((a / p.name).read_bytes() == p.read_bytes() for p in b.iterdir() if p.is_file())


def one_line_error(result, *phrases: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output and all(p in lines[0] for p in phrases), lines[0]


# --- item 2: an empty or vanished input ----------------------------------------------------------------


@pytest.mark.parametrize("options", [(), ("--quiet",), ("--strict", "--quiet")])
def test_an_emptied_input_folder_does_not_wipe_the_tables(previous, tmp_path, options):
    folder, out = previous
    for path in folder.iterdir():
        path.unlink()  # an unmounted mount point looks like this
    result = extract(folder, out, *options)
    one_line_error(result, "no article files in", "left unchanged", "--allow-empty")
    assert same_files(out, tmp_path / "before")


def test_an_input_of_unreadable_files_only_does_not_wipe_the_tables(previous, tmp_path):
    folder, out = previous
    for path in folder.iterdir():
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = extract(folder, out, "--quiet")
    assert result.exit_code == 2 and "no readable article in" in result.stderr
    assert same_files(out, tmp_path / "before")


def test_allow_empty_empties_the_tables(previous):
    folder, out = previous
    for path in folder.iterdir():
        path.unlink()
    assert extract(folder, out, "--allow-empty", "--quiet").exit_code == 0
    assert len(pd.read_parquet(out / "articles.parquet")) == 0


def test_an_empty_input_into_an_empty_output_is_no_error(tmp_path):
    (tmp_path / "in").mkdir()
    result = extract(tmp_path / "in", tmp_path / "out")
    assert result.exit_code == 0 and "no articles found" in result.stderr


# --- item 15: the output folder ---------------------------------------------------------------------------


def test_out_being_a_file(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "out").write_text("a file")
    one_line_error(extract(tmp_path / "in", tmp_path / "out"), "is a file, not a folder")


def test_a_read_only_output_folder(previous, tmp_path, monkeypatch):
    folder, out = previous
    import os

    if os.geteuid() == 0:  # root writes anywhere: fail the first write into OUT as a read-only folder does
        import tempfile

        def refuse(*args, dir=None, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", str(dir))

        monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    else:
        out.chmod(0o555)
    try:
        result = extract(folder, out, "--force")
    finally:
        out.chmod(0o755)
    one_line_error(result, "Permission denied", str(out), "left as it was")
    assert same_files(out, tmp_path / "before")


def test_a_full_disk(previous, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    folder, out = previous

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", full)
    result = extract(folder, out, "--force")
    one_line_error(result, "No space left on device", "left as it was")
    assert same_files(out, tmp_path / "before") and not list(out.glob(".writing-*"))
