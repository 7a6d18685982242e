"""Ablation: how each list's F1 changes on evaluation sets when one registered rule is off.

An evaluation set is a folder with `raw/` (articles) and `gold/` (records, GOLD_FORMAT.md). Its
articles are read and annotated once; then the stages and the merger run again for every rule
switched off, and the records are scored in memory against the gold, set by set, so that a rule
that helps the development set and not the held-out one shows at a glance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import rules
from .article import Annotated, Result
from .evaluate import ATTRIBUTES, LISTS, RecordReport, evaluate_predictions, predictions_of
from .nlp import DEFAULT_EN_MODEL
from .read import read_folder
from .run import annotate, extract, rows


@dataclass
class EvalSet:
    """An evaluation set read and annotated once: its name, gold folder and articles."""

    name: str
    gold: Path
    articles: list[Annotated | Result]


def load_set(folder: Path, *, en_model: str = DEFAULT_EN_MODEL) -> EvalSet:
    """Read and annotate the articles of `folder`/raw (the slow part, done once per set)."""
    folder = Path(folder)
    raw, gold = folder / "raw", folder / "gold"
    if not raw.is_dir() or not gold.is_dir():
        raise ValueError(f"{folder} is no evaluation set: it needs raw/ and gold/ folders")
    return EvalSet(folder.name, gold, [annotate(s, en_model=en_model) for s in read_folder(raw)])


def score(evalset: EvalSet, off: Iterable[str] = ()) -> RecordReport:
    """Give the record-level scores of the set with the rules named in `off` switched off."""
    with rules.disabled(off):
        results = [a if isinstance(a, Result) else extract(a) for a in evalset.articles]
    tables: dict[str, list[dict]] = {}
    for result in results:
        for table, row in rows(result):
            tables.setdefault(table, []).append(row)
    return evaluate_predictions(evalset.gold, predictions_of(tables.get("articles", []), tables))


@dataclass
class Ablation:
    """The scores of every set with all rules on, and with each rule off in turn."""

    sets: list[str]
    baseline: dict[str, RecordReport]
    without: dict[str, dict[str, RecordReport]] = field(default_factory=dict)  # rule -> set -> report

    def delta(self, rule: str, set_name: str, list_name: str | None = None) -> float:
        """Give F1 with the rule off minus F1 with it on (positive: the rule does harm)."""
        off, on = self.without[rule][set_name], self.baseline[set_name]
        if list_name is None:
            return off.macro_f1 - on.macro_f1
        return off.lists[list_name].f1 - on.lists[list_name].f1

    def attribute_delta(self, rule: str, set_name: str, attribute: str) -> float:
        """Give the accuracy of an attribute with the rule off minus with it on."""
        off = self.without[rule][set_name].attributes[attribute].value or 0.0
        on = self.baseline[set_name].attributes[attribute].value or 0.0
        return off - on

    def ranked(self) -> list[str]:
        """Give the rules, the most harmful first: by the gain of switching them off on the last
        set (the held-out one), then on the others."""
        return sorted(
            self.without, key=lambda r: tuple(-self.delta(r, s) for s in reversed(self.sets)) + (r,)
        )


def ablate(
    sets: Sequence[EvalSet], names: Iterable[str] | None = None, *, log: Callable[[str], None] | None = None
) -> Ablation:
    """Score every set with all rules on, then with each rule of `names` (default: all) off."""
    chosen = sorted(rules.check_names(names)) if names else [r.name for r in rules.rules()]
    result = Ablation([s.name for s in sets], {s.name: score(s) for s in sets})
    for k, name in enumerate(chosen, 1):
        if log:
            log(f"[{k}/{len(chosen)}] without {name}")
        result.without[name] = {s.name: score(s, {name}) for s in sets}
    return result


def _signed(value: float) -> str:
    return "0" if abs(value) < 0.0005 else f"{value:+.3f}"


def markdown(result: Ablation) -> str:
    """Render the ablation as markdown: the baseline, then one row per rule, most harmful first."""
    lines = ["## Ablation: F1 with the rule off minus F1 with it on (positive: the rule does harm)", ""]
    lines += ["| set | macro F1 | " + " | ".join(LISTS) + " |", "|---|---:|" + "---:|" * len(LISTS)]
    for name, report in result.baseline.items():
        cells = " | ".join(f"{report.lists[n].f1:.3f}" for n in LISTS)
        lines.append(f"| {name} | {report.macro_f1:.3f} | {cells} |")
    lines.append("")
    short = {"people": "per", "organisations": "org", "places": "loc", "dates": "date", "documents": "doc"}
    header = ["rule", "stage"]
    for s in result.sets:
        header += [f"{s} macro"] + [f"{s} {short[n]}" for n in LISTS]
    lines += ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * (len(header) - 2)]
    for name in result.ranked():
        cells = [f"`{name}`", rules.REGISTRY[name].stage]
        for s in result.sets:
            cells += [_signed(result.delta(name, s))] + [_signed(result.delta(name, s, n)) for n in LISTS]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "### Attributes: accuracy with the rule off minus with it on (rules that change any)", ""]
    header = ["rule"] + [f"{s} {a}" for s in result.sets for a in ATTRIBUTES]
    lines += ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    for name in result.ranked():
        deltas = [result.attribute_delta(name, s, a) for s in result.sets for a in ATTRIBUTES]
        if any(abs(d) >= 0.0005 for d in deltas):
            lines.append("| " + " | ".join([f"`{name}`", *map(_signed, deltas)]) + " |")
    return "\n".join(lines)


def as_dict(result: Ablation) -> dict:
    return {
        "baseline": {s: r.as_dict() for s, r in result.baseline.items()},
        "rules": {
            name: {
                s: {
                    "macro_f1": result.delta(name, s),
                    **{n: result.delta(name, s, n) for n in LISTS},
                    "attributes": {a: result.attribute_delta(name, s, a) for a in ATTRIBUTES},
                }
                for s in result.sets
            }
            for name in result.ranked()
        },
    }
