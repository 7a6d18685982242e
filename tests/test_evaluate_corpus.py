"""The mention-level scorer on hand-made spans, and evaluate-corpus end to end on a tiny corpus."""

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate_corpus import DateValues, Span, SpanScore, match_spans


def score():
    return {k: SpanScore() for k in ("person", "organisation", "place", "date", "document")}


def test_exact_partial_and_missed_spans():
    gold = [Span(0, 10, "person"), Span(20, 30, "organisation"), Span(40, 45, "place")]
    predicted = [
        Span(0, 10, "person"),
        Span(22, 30, "organisation"),
        Span(40, 45, "person"),
        Span(50, 55, "place"),
    ]
    s = score()
    pairs = match_spans(predicted, gold, s)
    assert (s["person"].exact, s["person"].predicted, s["person"].gold) == (1, 2, 1)
    assert (s["organisation"].exact, s["organisation"].partial) == (0, 1)
    assert (s["place"].exact, s["place"].partial, s["place"].predicted, s["place"].gold) == (0, 0, 1, 1)
    assert s["organisation"].scores("strict") == (0.0, 0.0, 0.0)
    assert s["organisation"].scores("partial") == (0.5, 0.5, 0.5)
    assert len(pairs) == 2


def test_one_gold_span_matches_one_prediction():
    s = score()
    match_spans([Span(0, 5, "place"), Span(0, 5, "place"), Span(1, 4, "place")], [Span(0, 5, "place")], s)
    assert (s["place"].exact, s["place"].partial, s["place"].predicted) == (1, 0, 3)


def test_date_values():
    values = DateValues(right=3, matched=4, predicted=6, gold=5)
    assert values.accuracy == 0.75
    assert round(values.f1, 3) == round(2 * 0.5 * 0.6 / 1.1, 3)


CONLL = """-DOCSTART- -X- -X- O

Kazakh NNP B-NP B-MISC
President NNP I-NP O
Kassym-Jomart NNP I-NP B-PER
Tokayev NNP I-NP I-PER
met VBD B-VP O
UNDP NNP B-NP B-ORG
officials NNS I-NP O
in IN B-PP O
Astana NNP B-NP B-LOC
. . O O
"""


def test_evaluate_corpus_cli_on_a_tiny_conll_file(tmp_path):
    (tmp_path / "test.txt").write_text(CONLL, encoding="utf-8")
    (tmp_path / "valid.txt").write_text(CONLL, encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate-corpus", "conll2003", str(tmp_path), "--limit", "0"])
    assert result.exit_code == 0, result.output
    assert "## conll2003: mention level, ours vs baseline" in result.output
    assert "| place | 1 |" in result.output and "| person | 1 |" in result.output
    bad = CliRunner().invoke(app, ["evaluate-corpus", "nosuch", str(tmp_path)])
    assert bad.exit_code == 2 and "unknown corpus" in bad.stderr
