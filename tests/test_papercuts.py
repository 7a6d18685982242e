"""Small things a new user trips over: ids that follow the content, a single file or a folder with a
space as input, help that says what is written, a summary that names every output."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import pipeline.run as run
from pipeline.cli import app
from tests.test_cli import EN, RU

ROOT = Path(__file__).resolve().parent.parent


def test_the_same_article_has_the_same_id_from_another_folder_root(tmp_path):
    (tmp_path / "a" / "deep" / "er").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep" / "er" / "news.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "b" / "renamed.txt").write_text(RU, encoding="utf-8")
    run.extract_folder(tmp_path / "a", tmp_path / "out-a")
    run.extract_folder(tmp_path / "b", tmp_path / "out-b")
    a, b = (pd.read_parquet(tmp_path / o / "articles.parquet") for o in ("out-a", "out-b"))
    assert list(a.article_id) == list(b.article_id) and list(a.file) != list(b.file)


def test_a_second_copy_is_skipped_and_names_the_first(tmp_path):
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).write_text(RU, encoding="utf-8")
    summary = run.extract_folder(tmp_path / "in", tmp_path / "out")
    articles = pd.read_parquet(tmp_path / "out" / "articles.parquet").set_index("file")
    assert summary.statuses == {"ok": 1, "skipped": 1, "error": 0}
    assert (
        articles.loc["b.txt", "status"] == "skipped" and "a copy of a.txt" in articles.loc["b.txt", "error"]
    )
    assert articles.index.is_unique and articles.article_id.is_unique
    assert len(pd.read_parquet(tmp_path / "out" / "people.parquet")) == 1


def test_one_file_as_input(tmp_path):
    path = tmp_path / "news.md"
    path.write_text(EN, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert list(pd.read_parquet(tmp_path / "out" / "articles.parquet").file) == ["news.md"]
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "notes.csv"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "not an article file" in result.stderr


def test_extract_help_names_the_tables_and_where_columns_are_documented():
    text = CliRunner().invoke(app, ["extract", "--help"], env={"COLUMNS": "200"}).output
    for word in (
        "articles",
        "mentions",
        "documents",
        "entities",
        "pipeline.duckdb",
        "datapackage.json",
        "README",
    ):
        assert word in text
    assert "--corrections" in text and "or one such file" in text


def test_summary_names_the_database_the_dictionary_and_the_review_index(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "en.md").write_text(EN, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    out = tmp_path / "out"
    assert f"database: {out / 'pipeline.duckdb'}" in result.stderr
    assert f"data dictionary: {out / 'datapackage.json'}" in result.stderr
    assert (
        f"review pages: {out / 'review' / 'index.html'} (not built yet: `pipeline review {out}`)"
        in result.stderr
    )


def test_schema_command_prints_every_column():
    result = CliRunner().invoke(app, ["schema", "documents"])
    assert (
        result.exit_code == 0
        and "party_ids" in result.output
        and "key: article_id, document_id" in result.output
    )
    assert CliRunner().invoke(app, ["schema", "nope"]).exit_code == 2


def test_make_extract_and_review_take_folders_with_spaces(tmp_path):
    if shutil.which("make") is None or not (ROOT / ".venv" / ".installed").exists():
        pytest.skip("needs make and the project's .venv (make install)")
    source, out = tmp_path / "my news", tmp_path / "my tables"
    source.mkdir()
    (source / "en.md").write_text(EN, encoding="utf-8")
    env = {**os.environ, "MAKEFLAGS": ""}
    for target in ("extract", "review"):
        done = subprocess.run(
            ["make", "-s", "-C", str(ROOT), target, f"IN={source}", f"OUT={out}"],
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    assert (out / "articles.csv").is_file() and (out / "review" / "index.html").is_file()
