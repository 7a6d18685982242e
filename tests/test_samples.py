"""`make extract` on data/raw shows real records; the real corpora in ../shared run without errors."""

from pathlib import Path

import pandas as pd
import pytest

from pipeline.run import extract_folder
from tests.conftest import ROOT, SHARED


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    out = tmp_path_factory.mktemp("samples")
    summary = extract_folder(ROOT / "data" / "raw", out)
    return summary, {
        name: pd.read_parquet(out / f"{name}.parquet") for name in ("articles", "documents", "people")
    }


def test_samples_are_all_processed(samples):
    summary, tables = samples
    assert summary.statuses == {"ok": 5, "skipped": 0, "error": 0}
    assert set(tables["articles"].lang) == {"ru", "en"}


def test_sample_documents(samples):
    _, tables = samples
    docs = tables["documents"].merge(tables["articles"][["article_id", "file"]], on="article_id")
    found = {(row.file, row.type, row.status) for row in docs.itertuples()}
    assert ("ru_water_summit.txt", "memorandum", "signed") in found
    assert ("en_carec_mou.txt", "memorandum", "signed") in found
    assert ("ru_ministry_visit.html", "protocol", "signed") in found
    assert ("feed.jsonl", "roadmap", "adopted") in found
    assert ("feed.jsonl", "statement", "adopted") in found
    carec = docs[docs.file == "en_carec_mou.txt"]
    assert len(carec[carec.type == "memorandum"]) == 1  # headline and lead are one memorandum
    assert (
        "en_carec_mou.txt",
        "roadmap",
        "planned",
    ) in found  # "The parties agreed to prepare a joint roadmap"


@pytest.mark.shared
@pytest.mark.parametrize("corpus", ["eval/domain/raw", "corpora/ca_news/raw"])
def test_real_articles_run_without_errors(tmp_path, corpus):
    folder: Path = SHARED / corpus
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    summary = extract_folder(folder, tmp_path)
    assert summary.statuses["error"] == 0, summary.errors
    assert summary.statuses["ok"] == len(list(folder.glob("*.txt")))
    assert summary.rows["people"] > 0 and summary.rows["documents"] > 0
