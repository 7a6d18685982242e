"""The Python API for notebooks: pipeline.extract_text and pipeline.extract_folder."""

from __future__ import annotations

import pandas as pd

import pipeline
import pipeline.run as run
from pipeline.schema import TABLES
from tests.test_cli import EN, RU


def test_extract_text_gives_the_records_of_one_article():
    doc = pipeline.extract_text(RU)
    assert doc.status == "ok" and doc.lang == "ru"
    assert [p.name for p in doc.people] == ["Бакыт Джусупов"]
    assert "Программа развития ООН" in {o.name for o in doc.organisations}
    assert "Бишкек" in {p.name for p in doc.places}
    [memorandum] = doc.documents
    assert (memorandum.type, memorandum.status, memorandum.date) == ("memorandum", "signed", "2025-05-14")
    assert "2025-05-14" in {d.value for d in doc.dates}
    assert doc.article.text[doc.mentions[0].start : doc.mentions[0].stop] == doc.mentions[0].text


def test_extract_text_gives_its_rows_as_dataframes():
    tables = pipeline.extract_text(EN).tables()
    assert list(tables) == list(TABLES)
    assert list(tables["documents"].columns) == TABLES["documents"].columns
    assert tables["documents"].loc[0, "type"] == "agreement"
    assert set(tables["people"].name) == {"Murat Nurtleu"}
    assert tables["entities"].empty  # entities are across articles: see extract_folder


def test_published_anchors_relative_dates_and_lang_overrides_detection():
    text = "Министры встретились вчера в Ташкенте и обсудили водные ресурсы региона."
    assert "2025-03-02" in {d.value for d in pipeline.extract_text(text, published="2025-03-03").dates}
    assert pipeline.extract_text(text).dates == ()  # nothing to anchor "вчера" to
    assert pipeline.extract_text("Министры встретились.", lang="en").lang == "en"


def test_extract_folder_gives_the_tables_of_a_run_without_writing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "in" / "en.md").write_text(EN, encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    tables = pipeline.extract_folder(tmp_path / "in")
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written
    run.extract_folder(tmp_path / "in", tmp_path / "out")
    for name in TABLES:
        written = pd.read_parquet(tmp_path / "out" / f"{name}.parquet")
        pd.testing.assert_frame_equal(tables[name], written, obj=name)


def test_extract_folder_takes_one_file(tmp_path):
    (tmp_path / "en.md").write_text(EN, encoding="utf-8")
    tables = pipeline.extract_folder(tmp_path / "en.md")
    assert list(tables["articles"].file) == ["en.md"] and len(tables["documents"]) == 1
