"""What a re-run trusts: damaged state detected and everything redone."""

from __future__ import annotations

import json
import os
import shutil

import pytest

import pipeline.run as run
from pipeline.write import MANIFEST, STATE_DIR
from tests.test_run import assert_same_tables, extract, make_folder

# --- item 12: damaged state --------------------------------------------------------------------------------


@pytest.fixture
def previous_run(tmp_path):
    folder = make_folder(tmp_path / "in")
    out = tmp_path / "out"
    extract(folder, out)
    extract(folder, tmp_path / "fresh")
    return folder, out


def _damage_body(path):
    """Overwrite bytes in the middle of a Parquet file: its footer (schema, run id) stays readable."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 3
    data[middle : middle + 64] = b"\x07" * 64
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("table", ["mentions.parquet", "texts.parquet", f"{STATE_DIR}/entity_refs.parquet"])
def test_a_table_with_a_damaged_body_is_detected_and_everything_redone(previous_run, tmp_path, table):
    folder, out = previous_run
    _damage_body(out / table)
    again = extract(folder, out)
    assert again.reused == 0 and "is damaged" in again.previous
    assert_same_tables(tmp_path / "fresh", out)


def test_a_manifest_whose_article_lists_are_swapped_is_not_trusted(previous_run, tmp_path):
    folder, out = previous_run
    path = out / STATE_DIR / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    files = {f["file"]: f for f in manifest["files"]}
    files["news/ru.txt"]["articles"], files["news/ru2.txt"]["articles"] = (
        files["news/ru2.txt"]["articles"],
        files["news/ru.txt"]["articles"],
    )
    path.write_text(json.dumps(manifest), encoding="utf-8")
    again = extract(folder, out)
    assert again.reused == 0 and "not those of articles.parquet" in again.previous
    assert_same_tables(tmp_path / "fresh", out)


@pytest.mark.parametrize("force", [False, True])
def test_a_manifest_that_is_a_folder_is_replaced(previous_run, tmp_path, force):
    folder, out = previous_run
    path = out / STATE_DIR / MANIFEST
    path.unlink()
    path.mkdir()
    (path / "x").write_text("x")
    again = extract(folder, out, force=force)
    assert again.reused == 0 and path.is_file()
    assert_same_tables(tmp_path / "fresh", out)
    assert extract(folder, out).reused == 6


def test_rows_missing_from_a_table_are_found_while_copying_and_everything_redone(
    previous_run, tmp_path, monkeypatch
):
    """Should the checks pass and the rows still not be there, the run starts again from scratch."""
    folder, out = previous_run
    monkeypatch.setattr(run.state.PreviousTables, "take", lambda self, aid: {"articles": []})
    again = extract(folder, out)
    assert again.reused == 0 and again.previous.startswith("damaged state")
    assert_same_tables(tmp_path / "fresh", out)


def test_a_state_folder_that_is_a_file_is_replaced(previous_run, tmp_path):
    folder, out = previous_run
    shutil.rmtree(out / STATE_DIR)
    (out / STATE_DIR).write_text("not a folder")
    again = extract(folder, out)
    assert again.reused == 0 and (out / STATE_DIR).is_dir()
    assert_same_tables(tmp_path / "fresh", out)
    assert not os.path.exists(out / STATE_DIR / "commit.json")
