"""The project's comments, docstrings and tests use its own sentences: no run of five words in
`pipeline/` or `tests/` occurs verbatim (letters only, case and ё folded) in an article or a gold
record under ../shared/eval/, whose texts the rules must not be written from."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED

EVAL = SHARED / "eval"
WORD = re.compile(r"[^\W\d_]+")
RUN = 5


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold().replace("ё", "е"))


def runs(sequence: list[str]) -> set[tuple[str, ...]]:
    return {tuple(sequence[i : i + RUN]) for i in range(len(sequence) - RUN + 1)}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def eval_runs() -> set[tuple[str, ...]]:
    """Give every run of five words of the evaluation articles and of their gold records' values."""
    found: set[tuple[str, ...]] = set()
    for path in EVAL.rglob("*"):
        if path.suffix == ".json":
            texts = _strings(json.loads(path.read_text(encoding="utf-8")))
        elif path.suffix in (".txt", ".md", ".html", ".jsonl") and path.parent.name == "raw":
            texts = [path.read_text(encoding="utf-8", errors="replace")]
        else:
            continue
        for text in texts:
            found |= runs(words(text))
    return found


def source_files() -> list[Path]:
    return sorted(p for folder in ("pipeline", "tests") for p in (ROOT / folder).rglob("*.py"))


def test_words_and_runs():
    assert words("Ёлка, 2024: «Комитет» и the Ministry") == ["елка", "комитет", "и", "the", "ministry"]
    assert runs(["a", "b", "c", "d", "e", "f"]) == {("a", "b", "c", "d", "e"), ("b", "c", "d", "e", "f")}


@pytest.mark.shared
def test_no_five_words_of_the_evaluation_texts():
    if not EVAL.is_dir():
        pytest.skip(f"{EVAL} is absent")
    taken = eval_runs()
    hits = []
    for path in source_files():
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for run in runs(words(line)) & taken:
                hits.append(f"{path.relative_to(ROOT)}:{line_no}: {' '.join(run)}")
    assert not hits, "runs of five words copied from ../shared/eval:\n" + "\n".join(sorted(hits))
