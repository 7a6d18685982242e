"""Record-level evaluation: output tables against gold records (../shared/eval/GOLD_FORMAT.md).

`evaluate_records(gold_dir, out_dir)` gives a `RecordReport`: per list (people,
organisations, places, dates, documents) tp/fp/fn with precision, recall and F1 micro-averaged
over articles, their macro F1, the attribute accuracies, and per article the missed and
spurious entries.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

LISTS = ("people", "organisations", "places", "dates", "documents")

_QUOTES = re.compile(r"[«»“”„\"'‘’`]")
_DASHES = re.compile(r"[‐‑‒–—−]")


def normalise_key(text: str) -> str:
    """Give the matching key of a text, exactly as GOLD_FORMAT.md defines it."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    text = text.replace("ё", "е").replace("ѐ", "е")
    text = _QUOTES.sub("", text)
    text = _DASHES.sub("-", text)
    text = re.sub(r"\s*\.\s*", ". ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,;:")


def person_key(text: str) -> str:
    """Give the order-free key of a person's name: dots become spaces, words sorted."""
    return " ".join(sorted(normalise_key(text).replace(".", " ").split()))


@dataclass
class PRF:
    """True positives, false positives and false negatives, and the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    if hasattr(value, "tolist"):  # numpy arrays from Parquet list columns
        return list(value.tolist())
    return [value]


def _keys(entry: dict, list_name: str) -> set[str]:
    if list_name == "dates":
        return {normalise_key(entry.get("value") or "")}
    key = person_key if list_name == "people" else normalise_key
    names = [entry.get("name")] + _as_list(entry.get("aliases"))
    return {key(n) for n in names if n}


def _matches(pred: dict, gold: dict, list_name: str) -> bool:
    if list_name == "documents":
        return (pred.get("type"), pred.get("status")) == (gold.get("type"), gold.get("status"))
    return bool(_keys(pred, list_name) & _keys(gold, list_name))


def _accepts(gold_value, predicted) -> bool:
    """Tell whether a predicted attribute equals one of the acceptable gold values."""
    if predicted is None:
        return False
    return normalise_key(predicted) in {normalise_key(v) for v in _as_list(gold_value)}


def _agreement(pred: dict, gold: dict) -> int:
    return sum(
        _accepts(gold.get(a), pred.get(a)) for a in ("number", "date", "place") if gold.get(a) is not None
    )


@dataclass
class ArticleResult:
    file: str
    counts: dict[str, PRF]
    missed: dict[str, list[dict]]
    spurious: dict[str, list[dict]]


def match_list(
    predicted: Sequence[dict],
    gold: Sequence[dict],
    list_name: str,
    on_pair: Callable[[dict, dict], None] | None = None,
) -> tuple[PRF, list[dict], list[dict]]:
    """Give the counts, the missed gold entries and the spurious predictions of one list of one article."""
    kept: list[dict] = []
    seen: set[str] = set()
    for pred in predicted:  # predictions repeating an earlier one's key are dropped (never documents)
        if list_name != "documents":
            keys = _keys(pred, list_name)
            if keys & seen:
                continue
            seen |= keys
        kept.append(pred)
    free = list(range(len(gold)))
    counts, spurious = PRF(), []
    for pred in kept:
        candidates = [i for i in free if _matches(pred, gold[i], list_name)]
        if not candidates:
            counts.fp += 1
            spurious.append(pred)
            continue
        best = max(
            candidates,
            key=lambda i: (
                not gold[i].get("optional", False),
                _agreement(pred, gold[i]) if list_name == "documents" else 0,
            ),
        )
        free.remove(best)
        if gold[best].get("optional", False):
            continue
        counts.tp += 1
        if on_pair:
            on_pair(pred, gold[best])
    missed = [gold[i] for i in free if not gold[i].get("optional", False)]
    counts.fn += len(missed)
    return counts, missed, spurious


@dataclass
class RecordReport:
    lists: dict[str, PRF] = field(default_factory=lambda: {name: PRF() for name in LISTS})
    attributes: dict[str, Accuracy] = field(default_factory=dict)
    articles: list[ArticleResult] = field(default_factory=list)
    unmatched_gold: list[str] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        return sum(prf.f1 for prf in self.lists.values()) / len(self.lists)

    def as_dict(self, *, details: bool = False) -> dict:
        out = {
            "lists": {name: prf.as_dict() for name, prf in self.lists.items()},
            "macro_f1": self.macro_f1,
            "attributes": {
                name: {"accuracy": a.value, "right": a.right, "total": a.total}
                for name, a in self.attributes.items()
            },
            "articles": len(self.articles),
            "gold_without_output": self.unmatched_gold,
        }
        if details:
            out["details"] = [
                {
                    "file": a.file,
                    "missed": a.missed,
                    "spurious": a.spurious,
                    "counts": {k: v.as_dict() for k, v in a.counts.items()},
                }
                for a in self.articles
            ]
        return out


ATTRIBUTES = (
    "person role", "place kind", "place country", "date role", "document date", "document place", "document parties",
)  # fmt: skip


def _party_found(party: str, gold_record: dict, predicted_parties: list[str]) -> bool:
    """Tell whether a gold party is among the predicted ones by any key of the entity it names."""
    key = normalise_key(party)
    keys = {key}
    for entry in gold_record.get("organisations", []) + gold_record.get("places", []):
        entry_keys = _keys(entry, "organisations")
        if key in entry_keys:
            keys |= entry_keys
    return any(normalise_key(p) in keys for p in predicted_parties)


def score_article(predicted: dict[str, list[dict]], gold: dict, report: RecordReport) -> ArticleResult:
    """Score one article's predicted lists against its gold record, adding to `report`."""
    attrs = report.attributes
    published = gold.get("published")

    def check(name: str, ok: bool) -> None:
        attrs.setdefault(name, Accuracy()).add(ok)

    def on_pair(list_name: str) -> Callable[[dict, dict], None]:
        def pair(pred: dict, g: dict) -> None:
            if list_name == "people" and g.get("role"):
                p, q = normalise_key(pred.get("role") or ""), normalise_key(g["role"])
                check("person role", bool(p) and (p in q or q in p))
            elif list_name == "places":
                if g.get("kind"):
                    check("place kind", pred.get("kind") == g["kind"])
                if g.get("country"):
                    check("place country", (pred.get("country") or None) == g["country"])
            elif list_name == "dates" and g.get("role"):
                ok = pred.get("role") == g["role"]
                if published and normalise_key(g.get("value", "")) == normalise_key(published):
                    ok = pred.get("role") in ("published", "event")
                check("date role", ok)
            elif list_name == "documents":
                for a in ("date", "place"):
                    if g.get(a) is not None:
                        check(f"document {a}", _accepts(g[a], pred.get(a)))
                if g.get("parties"):
                    parties = [str(p) for p in _as_list(pred.get("parties"))]
                    check("document parties", all(_party_found(p, gold, parties) for p in g["parties"]))

        return pair

    result = ArticleResult(gold.get("file", ""), {}, {}, {})
    for name in LISTS:
        counts, missed, spurious = match_list(
            predicted.get(name, []), gold.get(name, []), name, on_pair(name)
        )
        report.lists[name].add(counts)
        result.counts[name], result.missed[name], result.spurious[name] = counts, missed, spurious
    report.articles.append(result)
    return result


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def load_predictions(out_dir: Path) -> dict[str, dict[str, list[dict]]]:
    """Give the predicted lists of every article in an output folder, keyed by file name."""
    import pandas as pd

    def table(name: str):
        return pd.read_parquet(Path(out_dir) / f"{name}.parquet")

    articles = table("articles")
    frames = {name: table(name).to_dict("records") for name in LISTS}
    return predictions_of(articles.to_dict("records"), frames)


def predictions_of(
    articles: Sequence[dict], tables: dict[str, Sequence[dict]]
) -> dict[str, dict[str, list[dict]]]:
    """Give the predicted lists of every article, keyed by file name, from rows of the
    `articles` table and of the five list tables (read back or straight from a run)."""
    by_id: dict[str, dict[str, list[dict]]] = {a["article_id"]: {n: [] for n in LISTS} for a in articles}
    for name in LISTS:
        for row in tables.get(name, ()):
            if row["article_id"] in by_id:
                by_id[row["article_id"]][name].append({k: None if _missing(v) else v for k, v in row.items()})
    for lists in by_id.values():  # mentions in text order, as written
        for name in LISTS:
            lists[name].sort(key=lambda r: (r.get("start") or 0) if name in ("dates", "documents") else 0)
    return {Path(a["file"]).name: by_id[a["article_id"]] for a in articles}


def evaluate_records(gold_dir: Path, out_dir: Path) -> RecordReport:
    """Give the record-level scores of the tables in `out_dir` against the gold files in `gold_dir`."""
    return evaluate_predictions(gold_dir, load_predictions(out_dir))


def evaluate_predictions(gold_dir: Path, predictions: dict[str, dict[str, list[dict]]]) -> RecordReport:
    """Give the record-level scores of predicted lists (see `predictions_of`) against the gold files."""
    report = RecordReport()
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        predicted = predictions.get(Path(gold["file"]).name)
        if predicted is None:
            report.unmatched_gold.append(gold["file"])
            predicted = {}
        score_article(predicted, gold, report)
    for name in ATTRIBUTES:
        report.attributes.setdefault(name, Accuracy())
    return report
