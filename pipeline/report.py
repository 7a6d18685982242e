"""Evaluation reports as plain-text / markdown tables."""

from __future__ import annotations

import json

from .evaluate import LISTS, RecordReport


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def records_markdown(
    report: RecordReport, *, details: bool = False, title: str = "Record-level evaluation"
) -> str:
    """Give the markdown report of a record-level evaluation."""
    lines = [f"## {title}", "", f"{len(report.articles)} articles; macro F1 **{report.macro_f1:.3f}**", ""]
    lines += ["| list | tp | fp | fn | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name in LISTS:
        prf = report.lists[name]
        lines.append(
            f"| {name} | {prf.tp} | {prf.fp} | {prf.fn} | {_pct(prf.precision)} | {_pct(prf.recall)} | {_pct(prf.f1)} |"
        )
    lines += ["", "| attribute | accuracy | right / total |", "|---|---:|---:|"]
    for name, acc in report.attributes.items():
        lines.append(f"| {name} | {_pct(acc.value)} | {acc.right} / {acc.total} |")
    if report.unmatched_gold:
        lines += ["", "Gold files without output (scored as all missed): " + ", ".join(report.unmatched_gold)]
    if details:
        lines += ["", "### Per article: missed (gold) and spurious (predicted)", ""]
        for article in report.articles:
            rows = []
            for name in LISTS:
                missed = [_entry(e, name) for e in article.missed[name]]
                spurious = [_entry(e, name) for e in article.spurious[name]]
                for i in range(max(len(missed), len(spurious))):
                    rows.append(
                        f"| {name} | {missed[i] if i < len(missed) else ''} | {spurious[i] if i < len(spurious) else ''} |"
                    )
            if rows:
                lines += [
                    f"#### {article.file}",
                    "",
                    "| list | missed | spurious |",
                    "|---|---|---|",
                    *rows,
                    "",
                ]
    return "\n".join(lines) + "\n"


def sets_markdown(reports: dict[str, RecordReport]) -> str:
    """Give the markdown table of several evaluation sets side by side: F1 (precision / recall) per
    list, macro F1, attribute accuracies, and the gap of each later set to the first."""
    names = list(reports)
    first = reports[names[0]]
    lines = ["## Record-level evaluation, set by set", ""]
    header = ["measure", *(f"{n} ({len(r.articles)})" for n, r in reports.items())]
    header += [f"gap {names[0]} − {n}" for n in names[1:]]
    lines += ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]

    def row(label: str, values: list[float | None], cells: list[str]) -> None:
        gaps = [_pct(None if v is None or values[0] is None else values[0] - v) for v in values[1:]]
        lines.append("| " + " | ".join([label, *cells, *gaps]) + " |")

    row(
        "**macro F1**",
        [r.macro_f1 for r in reports.values()],
        [f"**{r.macro_f1:.3f}**" for r in reports.values()],
    )
    for name in LISTS:
        prfs = [r.lists[name] for r in reports.values()]
        row(
            f"{name} F1",
            [p.f1 for p in prfs],
            [f"{p.f1:.3f} (P {p.precision:.3f}, R {p.recall:.3f})" for p in prfs],
        )
    for name in first.attributes:
        accs = [r.attributes.get(name) for r in reports.values()]
        row(
            name,
            [a.value if a else None for a in accs],
            [f"{_pct(a.value)} ({a.right}/{a.total})" if a else "–" for a in accs],
        )
    return "\n".join(lines) + "\n"


def _entry(entry: dict, list_name: str) -> str:
    if list_name == "dates":
        text = f"{entry.get('value')} ({entry.get('role')}) «{entry.get('text')}»"
    elif list_name == "documents":
        parties = entry.get("parties")
        parties = list(parties) if parties is not None else []
        text = f"{entry.get('type')}/{entry.get('status')} date={entry.get('date')} parties={parties}"
    else:
        text = str(entry.get("name"))
        if list_name == "places":
            text += f" ({entry.get('kind')}, {entry.get('country')})"
    return text.replace("|", "/").replace("\n", " ")


def records_json(report: RecordReport, *, details: bool = False) -> str:
    return json.dumps(report.as_dict(details=details), ensure_ascii=False, indent=1, default=_json_default)


def _json_default(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def corpus_markdown(report) -> str:
    """Give the markdown report of a mention-level corpus evaluation, ours beside the baseline."""
    lines = [
        f"## {report.name}: mention level, ours vs baseline",
        "",
        f"{report.documents} documents, {report.seconds:.0f} s. Baseline: bare natasha NER + DatesExtractor (ru) /"
        " bare spaCy NER (en) on the same texts in the same run.",
        "",
        "| kind | gold | ours pred | ours strict P/R/F1 | ours partial F1 | base pred | base strict P/R/F1 | base partial F1 |",
        "|---|---:|---:|---|---:|---:|---|---:|",
    ]
    for kind in report.kinds():
        ours, base = report.spans["ours"][kind], report.spans["baseline"][kind]
        cells = []
        for score in (ours, base):
            p, r, f = score.scores("strict")
            cells += [
                str(score.predicted),
                f"{p:.3f} / {r:.3f} / **{f:.3f}**",
                f"{score.scores('partial')[2]:.3f}",
            ]
        lines.append(f"| {kind} | {ours.gold} | " + " | ".join(cells) + " |")
    base_forms = report.base_form
    if base_forms["ours"].total or base_forms["baseline"].total:
        lines += [
            "",
            "Base-form accuracy on matched entities (gold base form or canonical name): ours "
            f"{_pct(base_forms['ours'].value)} ({base_forms['ours'].right}/{base_forms['ours'].total}), "
            f"natasha `span.normalize` / spaCy text {_pct(base_forms['baseline'].value)} "
            f"({base_forms['baseline'].right}/{base_forms['baseline'].total}).",
        ]
    values = report.date_value
    if values["ours"].gold:
        lines += [
            "",
            "| date values (TIMEX3 `value`) | matched | value accuracy on matched | value F1 |",
            "|---|---:|---:|---:|",
        ]
        for system in ("ours", "baseline"):
            v = values[system]
            lines.append(f"| {system} | {v.matched} / {v.gold} | {_pct(v.accuracy)} | {v.f1:.3f} |")
    covered = getattr(report, "documents_covered", None)
    if covered is not None and covered.gold:
        lines += [
            "",
            f"Gold document spans inside one of our document mentions (a record's noun phrase): {covered.inside} of "
            f"{covered.gold} ({covered.overlapping} overlap one; we have {covered.mentions} document mentions).",
        ]
    if report.type_map:
        mapped = ", ".join(f"{label} → {kind or '–'}" for label, kind in report.type_map.items())
        lines += ["", f"Type map: {mapped}."]
    return "\n".join(lines) + "\n"
