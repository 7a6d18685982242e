"""Runs on a Dask cluster give the tables of a local run, byte for byte; input by glob and fsspec URL.

One LocalCluster of 2 single-threaded worker processes serves the module: runs reach it by its
scheduler's address, as they would a real cluster (`--dask tcp://…`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.cluster import ClusterError, parse_address
from pipeline.run import extract_folder
from pipeline.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw"
CA_NEWS = ROOT.parent / "shared" / "corpora" / "ca_news" / "raw"


@pytest.fixture(scope="module")
def scheduler():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def assert_same_tables(a: Path, b: Path) -> None:
    """Every table of `a` and `b`: the same CSV bytes, the same Parquet rows and schema."""
    for name in TABLES:
        assert (a / f"{name}.csv").read_bytes() == (b / f"{name}.csv").read_bytes(), name
        ta, tb = pq.read_table(a / f"{name}.parquet"), pq.read_table(b / f"{name}.parquet")
        assert ta.replace_schema_metadata(None).equals(tb.replace_schema_metadata(None)), name
    for derived in ("pipeline.duckdb", "datapackage.json"):
        assert (a / derived).is_file() == (b / derived).is_file(), derived


@pytest.fixture(scope="module")
def local_samples(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    extract_folder(SAMPLES, out, workers=1)
    return out


def test_cluster_run_gives_the_tables_of_a_local_run(scheduler, local_samples, tmp_path):
    summary = extract_folder(SAMPLES, tmp_path / "out", dask=scheduler)
    assert summary.workers == 2
    assert summary.statuses["ok"] == 5 and not summary.errors
    assert_same_tables(local_samples, tmp_path / "out")
    assert (tmp_path / "out" / "pipeline.duckdb").is_file()


def test_cluster_rerun_redoes_only_the_changed_file(scheduler, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder)
    extract_folder(folder, tmp_path / "dask", dask=scheduler)
    changed = folder / "ru_water_summit.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n\n12 июня 2025 года в Астане прошла встреча.\n"
    )
    summary = extract_folder(folder, tmp_path / "dask", dask=scheduler)
    assert (summary.processed, summary.reused) == (1, 3)
    extract_folder(folder, tmp_path / "local", workers=0)
    assert_same_tables(tmp_path / "local", tmp_path / "dask")
    unchanged = extract_folder(folder, tmp_path / "dask", dask=scheduler)  # nothing to do: no cluster needed
    assert (unchanged.processed, unchanged.reused) == (0, 4)
    assert_same_tables(tmp_path / "local", tmp_path / "dask")


@pytest.mark.skipif(not CA_NEWS.is_dir(), reason="../shared/corpora/ca_news is absent")
def test_cluster_run_on_real_news_gives_the_tables_of_a_local_run(scheduler, tmp_path):
    extract_folder(CA_NEWS, tmp_path / "local", workers=2)
    summary = extract_folder(CA_NEWS, tmp_path / "dask", dask=scheduler)
    assert summary.statuses["ok"] > 100
    assert_same_tables(tmp_path / "local", tmp_path / "dask")


def test_local_cluster_address():
    assert parse_address("local") == ("local", None)
    assert parse_address("local:3") == ("local", 3)
    assert parse_address("tcp://10.0.0.1:8786") == ("address", None)
    for bad in ("local:0", "local:x"):
        with pytest.raises(ClusterError):
            parse_address(bad)


def test_unreachable_scheduler_is_one_line_error(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(
        app, ["extract", str(SAMPLES), "--out", str(tmp_path / "out"), "--dask", "tcp://127.0.0.1:1"]
    )
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in result.output
    assert not (tmp_path / "out" / "articles.csv").exists()
    bad = CliRunner().invoke(
        app, ["extract", str(SAMPLES), "--out", str(tmp_path / "o"), "--dask", "local:0"]
    )
    assert bad.exit_code == 2 and "local:N" in bad.output


# --- input by glob and fsspec URL ---------------------------------------------------------------------


def test_file_url_gives_the_tables_of_the_folder(local_samples, tmp_path):
    extract_folder(SAMPLES.as_uri(), tmp_path / "out", workers=0)
    assert_same_tables(local_samples, tmp_path / "out")


def test_memory_filesystem_gives_the_tables_of_the_folder(local_samples, tmp_path):
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    try:
        for path in SAMPLES.iterdir():
            fs.pipe(f"/samples15/{path.name}", path.read_bytes())
        fs.pipe("/samples15/.hidden/x.txt", b"not read")
        fs.pipe("/samples15/notes.csv", b"not an article file")
        extract_folder("memory://samples15", tmp_path / "out", workers=0)
        assert_same_tables(local_samples, tmp_path / "out")
        # the same with a worker process (forked, it sees the filesystem) and a glob of that filesystem
        summary = extract_folder("memory://samples15/*.txt", tmp_path / "glob", workers=1)
        assert summary.statuses["ok"] == 2
        import pandas as pd

        files = pd.read_csv(tmp_path / "glob" / "articles.csv", encoding="utf-8-sig")["file"].tolist()
        assert files == ["en_carec_mou.txt", "ru_water_summit.txt"]
    finally:
        fs.rm("/samples15", recursive=True)


def test_local_glob_names_files_below_its_folders(tmp_path):
    summary = extract_folder(str(SAMPLES / "*.txt"), tmp_path / "out", workers=0)
    assert summary.statuses["ok"] == 2
    import pandas as pd

    files = pd.read_csv(tmp_path / "out" / "articles.csv", encoding="utf-8-sig")["file"].tolist()
    assert files == ["en_carec_mou.txt", "ru_water_summit.txt"]


def test_missing_filesystem_driver_is_one_line_error(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["extract", "nosuchfs15://bucket/news", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.startswith("error: cannot read nosuchfs15://bucket/news")
