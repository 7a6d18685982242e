"""Mention-level evaluation on public annotated corpora, ours beside a baseline in one run.

For each document the corpus text is annotated once (no cleaning, so offsets stay the corpus's);
the baseline is the backend's bare NER (natasha for Russian, spaCy for English, with natasha's
DatesExtractor / spaCy DATE for dates) and ours is the full stage output. Both are scored per
kind in the SemEval-2013 schemes: `strict` (exact boundaries and kind) and `partial` (an
overlap of the same kind counts half, as nervaluate's partial scheme).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from .article import KINDS, Annotated, Article, Source
from .corpora import CorpusDoc
from .evaluate import Accuracy, normalise_key
from .extract import extract_all
from .extract.date_values import timex_value
from .merge import merge_article
from .nlp import DEFAULT_EN_MODEL, backend_for

BASELINE_TYPES = {"PER": "person", "ORG": "organisation", "LOC": "place", "DATE": "date", "LAW": "document"}
SYSTEMS = ("ours", "baseline")


@dataclass(frozen=True)
class Span:
    start: int
    stop: int
    kind: str
    normal: str | None = None  # base form or date value


def prf(hits: float, predicted: int, gold: int) -> tuple[float, float, float]:
    """Give precision, recall and F1 of `hits` among `predicted` and `gold` items."""
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class SpanScore:
    """Counts of the SemEval-2013 schemes for one kind: exact, partial overlaps, predicted, gold."""

    exact: int = 0
    partial: int = 0
    predicted: int = 0
    gold: int = 0

    def scores(self, scheme: str) -> tuple[float, float, float]:
        hits = self.exact if scheme == "strict" else self.exact + 0.5 * self.partial
        return prf(hits, self.predicted, self.gold)


@dataclass
class DateValues:
    """Date values: right among matched gold dates with a value, and the counts for a value F1."""

    right: int = 0
    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.right / self.matched if self.matched else None

    @property
    def f1(self) -> float:
        return prf(self.right, self.predicted, self.gold)[2]


@dataclass
class DocumentCoverage:
    """Gold document spans (NEREL LAW) that lie inside, or overlap, one of our document mentions
    (a document record's noun phrase: "Соглашения между … о взаимных поездках граждан")."""

    gold: int = 0
    inside: int = 0
    overlapping: int = 0
    mentions: int = 0  # our document mentions

    def add(self, predicted: Iterable[Span], gold: Iterable[Span]) -> None:
        ours = [p for p in predicted if p.kind == "document"]
        self.mentions += len(ours)
        for g in (g for g in gold if g.kind == "document"):
            self.gold += 1
            self.inside += any(p.start <= g.start and g.stop <= p.stop for p in ours)
            self.overlapping += any(p.start < g.stop and g.start < p.stop for p in ours)


@dataclass
class CorpusReport:
    name: str
    documents: int = 0
    seconds: float = 0.0
    spans: dict[str, dict[str, SpanScore]] = field(
        default_factory=lambda: {s: {k: SpanScore() for k in KINDS} for s in SYSTEMS}
    )
    base_form: dict[str, Accuracy] = field(default_factory=lambda: {s: Accuracy() for s in SYSTEMS})
    date_value: dict[str, DateValues] = field(default_factory=lambda: {s: DateValues() for s in SYSTEMS})
    type_map: dict[str, str | None] = field(default_factory=dict)
    documents_covered: DocumentCoverage = field(default_factory=DocumentCoverage)

    def kinds(self) -> list[str]:
        """Give the kinds the corpus annotates (others are not scored)."""
        return [k for k in KINDS if self.spans["ours"][k].gold]


def match_spans(
    predicted: Iterable[Span], gold: Iterable[Span], score: dict[str, SpanScore]
) -> list[tuple[Span, Span]]:
    """Count exact and overlapping one-to-one matches per kind; give the matched (pred, gold) pairs."""
    predicted, gold = list(predicted), list(gold)
    pairs = []
    for kind in KINDS:
        preds = [p for p in predicted if p.kind == kind]
        golds = [g for g in gold if g.kind == kind]
        score[kind].predicted += len(preds)
        score[kind].gold += len(golds)
        free = set(range(len(golds)))
        rest = []
        for p in preds:
            exact = next((i for i in free if (golds[i].start, golds[i].stop) == (p.start, p.stop)), None)
            if exact is None:
                rest.append(p)
                continue
            free.discard(exact)
            score[kind].exact += 1
            pairs.append((p, golds[exact]))
        for p in rest:
            overlap = next(
                (i for i in sorted(free) if golds[i].start < p.stop and p.start < golds[i].stop), None
            )
            if overlap is not None:
                free.discard(overlap)
                score[kind].partial += 1
                pairs.append((p, golds[overlap]))
    return pairs


def _annotate(doc: CorpusDoc, en_model: str) -> Annotated:
    source = Source(doc.doc_id, doc.doc_id, "", text=doc.text, published=doc.dct)
    article = Article(source=source, text=doc.text, title=None, lang=doc.lang, published=doc.dct)
    return backend_for(doc.lang, en_model).annotate(article)


def _baseline_dates(annotated: Annotated) -> Iterator[Span]:
    """Give the baseline's dates: natasha's DatesExtractor (ru); spaCy DATE spans parsed by
    dateparser, relative dates anchored to the document creation time (en)."""
    if annotated.lang == "ru":
        for match in _natasha_dates()(annotated.text):
            fact = match.fact
            parts = [p for p in (fact.year, fact.month, fact.day) if p]
            value = (
                "-".join(f"{v:02d}" if i else f"{v:04d}" for i, v in enumerate(parts)) if fact.year else None
            )
            yield Span(match.start, match.stop, "date", value)
        return
    for span in annotated.spans:
        if span.type == "DATE":
            yield Span(
                span.start, span.stop, "date", _dateparser_value(span.text, annotated.article.published)
            )


def _dateparser_value(text: str, anchor: str | None) -> str | None:
    """Give dateparser's reading of `text` at its own granularity (day, month or year)."""
    import datetime as dt

    import dateparser

    settings = {"PREFER_DATES_FROM": "past"}
    if anchor:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(anchor[:10])
    data = dateparser.date.DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if not data or not data.date_obj:
        return None
    formats = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    return data.date_obj.strftime(formats.get(data.period, "%Y-%m-%d"))


@cache
def _natasha_dates():
    from natasha import DatesExtractor

    return DatesExtractor(backend_for("ru").morph_vocab)


def system_spans(annotated: Annotated) -> dict[str, list[Span]]:
    """Give ours and the baseline's spans for one annotated document."""
    extraction = extract_all(annotated)
    _, mentions, _ = merge_article(extraction, lang=annotated.lang)
    ours = [
        Span(
            m.start,
            m.stop,
            m.kind,
            timex_value(m.normal, m.attrs.get("precision"))
            if m.kind == "date" and m.attrs.get("value")
            else m.normal,
        )
        for m in mentions
    ]
    baseline = [
        Span(s.start, s.stop, BASELINE_TYPES[s.type], s.normal)
        for s in annotated.spans
        if s.type in BASELINE_TYPES and s.type != "DATE"
    ]
    baseline += list(_baseline_dates(annotated))
    return {"ours": ours, "baseline": baseline}


def evaluate_corpus(
    name: str,
    docs: Iterable[CorpusDoc],
    *,
    type_map: dict[str, str | None] | None = None,
    en_model: str = DEFAULT_EN_MODEL,
) -> CorpusReport:
    """Give the mention-level report of ours and the baseline over `docs`."""
    report = CorpusReport(name=name, type_map=dict(type_map or {}))
    started = time.monotonic()
    for doc in docs:
        report.documents += 1
        gold = [Span(s.start, s.stop, s.kind, s.base if s.kind != "date" else s.value) for s in doc.spans]
        systems = system_spans(_annotate(doc, en_model))
        report.documents_covered.add(systems["ours"], gold)
        for system, spans in systems.items():
            pairs = match_spans(spans, gold, report.spans[system])
            for pred, g in pairs:  # base forms compare on exact spans only: a longer gold span has its own
                if (
                    g.normal
                    and g.kind in ("person", "organisation", "place")
                    and (pred.start, pred.stop) == (g.start, g.stop)
                ):
                    acc = report.base_form[system]
                    acc.total += 1
                    acc.right += int(
                        pred.normal is not None and normalise_key(pred.normal) == normalise_key(g.normal)
                    )
            dated = [g for g in gold if g.kind == "date" and g.normal]
            if dated:
                values = report.date_value[system]
                values.gold += len(dated)
                values.predicted += sum(1 for s in spans if s.kind == "date")
                matched = [(p, g) for p, g in pairs if g.kind == "date" and g.normal]
                values.matched += len(matched)
                values.right += sum(1 for p, g in matched if p.normal == g.normal)
    report.seconds = time.monotonic() - started
    return report
