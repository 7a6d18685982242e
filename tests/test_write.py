import codecs

import pandas as pd
import pytest

from pipeline.write import SCHEMAS, TableWriter


def test_tables_in_csv_and_parquet_with_lists(tmp_path):
    with TableWriter(tmp_path) as writer:
        writer.add("articles", {"article_id": "a1", "status": "ok"})
        writer.add(
            "documents",
            {
                "article_id": "a1",
                "document_id": "d1",
                "type": "memorandum",
                "parties": ["ПРООН", "GIZ"],
                "start": 3,
            },
        )
    parquet = pd.read_parquet(tmp_path / "documents.parquet")
    assert list(parquet.columns) == [c for c, _ in SCHEMAS["documents"]]
    assert list(parquet.loc[0, "parties"]) == ["ПРООН", "GIZ"]
    csv = pd.read_csv(tmp_path / "documents.csv")
    assert csv.loc[0, "parties"] == "ПРООН | GIZ" and csv.loc[0, "start"] == 3
    for name in SCHEMAS:  # every table exists, even when empty, with its header
        assert list(pd.read_csv(tmp_path / f"{name}.csv").columns) == [c for c, _ in SCHEMAS[name]]


def test_interrupted_write_keeps_previous_tables(tmp_path):
    with TableWriter(tmp_path) as writer:
        writer.add("articles", {"article_id": "old", "status": "ok"})
    with pytest.raises(KeyboardInterrupt), TableWriter(tmp_path) as writer:
        writer.add("articles", {"article_id": "new", "status": "ok"})
        raise KeyboardInterrupt
    assert list(pd.read_parquet(tmp_path / "articles.parquet").article_id) == ["old"]
    assert list(pd.read_csv(tmp_path / "articles.csv").article_id) == ["old"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".writing-")]


def test_row_groups_stream(tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.write.ROW_GROUP", 10)
    with TableWriter(tmp_path) as writer:
        for i in range(35):
            writer.add("articles", {"article_id": str(i), "status": "ok"})
            writer.add("mentions", {"article_id": str(i), "kind": "date", "start": i, "end": i + 1})
    import pyarrow.parquet as pq

    assert pq.ParquetFile(tmp_path / "mentions.parquet").num_row_groups == 4
    assert len(pd.read_csv(tmp_path / "mentions.csv")) == 35


def test_csv_has_a_bom_and_no_literal_none(tmp_path):
    """Every cell through safe.csv_cell (its cases: tests/test_safe.py)."""
    with TableWriter(tmp_path) as writer:
        writer.add("articles", {"article_id": "a1", "title": "=2+2 Бишкек", "status": "ok"})
        writer.add("documents", {"article_id": "a1", "document_id": "d1", "parties": ["Кыргызстан", "GIZ"],
                                 "party_ids": ["loc-abc", None]})  # fmt: skip
    data = (tmp_path / "documents.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and b"None" not in data
    text = (tmp_path / "articles.csv").read_text(encoding="utf-8-sig")
    assert "'=2+2 Бишкек" in text
    assert list(pd.read_parquet(tmp_path / "documents.parquet").party_ids[0]) == ["loc-abc", None]
    assert pd.read_parquet(tmp_path / "articles.parquet").title[0] == "=2+2 Бишкек"  # Parquet keeps the value
