"""What a re-run trusts: article ids unique by construction, damaged state detected and redone."""

from __future__ import annotations

import json
import os
import shutil

import pandas as pd
import pytest

import pipeline.read
import pipeline.run as run
from pipeline.write import MANIFEST, STATE_DIR
from tests.test_run import RU2, assert_same_tables, extract, make_folder

# --- item 3: unique article ids -------------------------------------------------------------------------


def test_repeated_record_ids_give_distinct_articles_and_later_runs_work(tmp_path):
    """Repeated record ids get distinct record keys, so distinct articles; the same records in a
    second file are copies (skipped, naming the first); every id is unique and re-runs work."""
    folder = tmp_path / "in"
    folder.mkdir()
    records = [{"id": "a", "text": RU2}, {"id": "a@2", "text": RU2}, {"id": "a", "text": RU2}]
    (folder / "feed.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    out = tmp_path / "out"
    first = extract(folder, out)
    articles = pd.read_parquet(out / "articles.parquet")
    assert articles.article_id.is_unique and len(articles) == 6
    assert articles.groupby("file").record.apply(lambda r: r.is_unique).all()
    assert list(articles.record) == ["a", "a@2", "a@2~2", "a", "a@2", "a@line3"]
    # the key of the third record differs between the files (its index, its line): no copy
    assert list(articles.status) == ["ok", "ok", "ok", "skipped", "skipped", "ok"]
    assert list(articles.error[3:5]) == [
        f"a copy of feed.json#{key} (article {aid})"
        for key, aid in zip(["a", "a@2"], articles.article_id[:2], strict=True)
    ]
    assert first.statuses == {"ok": 4, "skipped": 2, "error": 0}
    again = extract(folder, out)
    assert again.reused == 1 and again.statuses == first.statuses  # the file holding copies is redone
    extract(folder, tmp_path / "fresh")
    assert_same_tables(tmp_path / "fresh", out)


@pytest.mark.parametrize("remove", [None, "a.txt"])
def test_ids_are_unique_whatever_derives_them(tmp_path, monkeypatch, remove):
    """Every article given one id by the reader: the first keeps it, each later one is a copy of it
    with an id of its own (skipped, naming the first), the same in a re-run as in a fresh run (also
    after the file that kept the id is deleted: the next one is then processed in full)."""
    monkeypatch.setattr(pipeline.read, "article_id", lambda content, record="": "same-id")
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(RU2.replace("Ташкенте", name[0]), encoding="utf-8")
    out = tmp_path / "out"
    first = extract(folder, out)
    articles = pd.read_parquet(out / "articles.parquet")
    assert articles.article_id.is_unique and articles.article_id.iloc[0] == "same-id"
    assert first.statuses == {"ok": 1, "skipped": 2, "error": 0}
    assert list(articles.error[1:]) == ["a copy of a.txt (article same-id)"] * 2
    assert set(pd.read_parquet(out / "mentions.parquet").article_id) == {"same-id"}
    if remove:
        (folder / remove).unlink()
    again = extract(folder, out)
    assert again.reused == (0 if remove else 1)  # files holding a copy are redone every time
    assert again.statuses == ({"ok": 1, "skipped": 1, "error": 0} if remove else first.statuses)
    extract(folder, tmp_path / "fresh")
    assert_same_tables(tmp_path / "fresh", out)


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
