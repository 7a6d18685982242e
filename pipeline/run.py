"""Folder in, tables out: read, clean, annotate, extract and merge each article, streaming.

One article is in memory at a time; a failure in any step becomes that article's `error`
row and the run goes on.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .article import Result, Source
from .clean import prepare
from .extract import extract_all
from .merge import merge_article, merge_documents
from .nlp import DEFAULT_EN_MODEL, ModelNotInstalled, backend_for
from .read import MAX_BYTES, list_files, read_file
from .write import TableWriter

SUPPORTED_LANGUAGES = ("ru", "en")


@dataclass
class Summary:
    """What a run did: article counts by status, rows per table, seconds."""

    statuses: dict[str, int] = field(default_factory=lambda: {"ok": 0, "skipped": 0, "error": 0})
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)


def process(source: Source, *, en_model: str = DEFAULT_EN_MODEL) -> Result:
    """Give the Result of one source: its records, or why it was skipped or failed."""
    if source.error:
        return Result(article=None, source=source, status="error", error=source.error)
    stage = "cleaning"
    try:
        article = prepare(source)
        if not article.text.strip():
            return Result(article=article, source=source, status="error", error="no text left after cleaning")
        if article.lang not in SUPPORTED_LANGUAGES:
            return Result(
                article=article,
                source=source,
                status="skipped",
                lang=article.lang,
                error=f"language '{article.lang}' is not supported (only ru, en)",
            )
        stage = "annotation"
        annotated = backend_for(article.lang, en_model).annotate(article)
        stage = "extraction"
        extraction = extract_all(annotated)
        entities, mentions, dates = merge_article(extraction, lang=article.lang)
        published = extraction.published or article.published
        return Result(
            article=replace(article, published=published),
            source=source,
            status="ok",
            lang=article.lang,
            mentions=tuple(mentions),
            entities=tuple(entities),
            dates=tuple(dates),
            documents=tuple(merge_documents(extraction, entities)),
        )
    except ModelNotInstalled:  # a configuration problem concerns every article: stop the run
        raise
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
        return Result(
            article=None, source=source, status="error", error=f"{stage} failed: {type(exc).__name__}: {exc}"
        )


def rows(result: Result) -> Iterator[tuple[str, dict]]:
    """Give the (table, row) pairs of one result."""
    source, article = result.source, result.article
    aid = source.article_id
    event = next((d for d in result.dates if d.role == "event"), None)
    yield (
        "articles",
        {
            "article_id": aid,
            "file": source.file,
            "record": source.record or None,
            "sha256": source.sha256 or None,
            "lang": result.lang or (article.lang if article else None),
            "title": article.title if article else source.title,
            "published": article.published if article else source.published,
            "event_start": event.start_date if event else None,
            "event_end": event.end_date if event else None,
            "n_chars": len(article.text) if article else None,
            "status": result.status,
            "error": result.error,
        },
    )
    if result.status != "ok" or article is None:
        return
    yield "texts", {"article_id": aid, "title": article.title, "text": article.text}
    for m in result.mentions:
        yield (
            "mentions",
            {
                "article_id": aid,
                "kind": m.kind,
                "start": m.start,
                "end": m.stop,
                "text": m.text,
                "normal": m.normal,
                "entity_id": m.attrs.get("entity_id"),
            },
        )
    for e in result.entities:
        base = {"article_id": aid, "entity_id": e.entity_id, "name": e.name, "aliases": list(e.aliases)}
        if e.kind == "person":
            yield "people", {**base, "role": e.attrs.get("role"), "mentions": len(e.mentions)}
        elif e.kind == "organisation":
            yield "organisations", {**base, "mentions": len(e.mentions)}
        else:
            yield (
                "places",
                {
                    **base,
                    **{k: e.attrs.get(k) for k in ("kind", "country", "geonames_id", "lat", "lon")},
                    "mentions": len(e.mentions),
                },
            )
    for d in result.dates:
        yield "dates", {
            "article_id": aid, "value": d.value, "start_date": d.start_date, "end_date": d.end_date,
            "precision": d.precision, "role": d.role, "text": d.text, "start": d.start, "end": d.stop,
        }  # fmt: skip
    for doc in result.documents:
        yield "documents", {
            "article_id": aid, "type": doc.type, "status": doc.status, "date": doc.date, "place": doc.place,
            "number": doc.number, "parties": list(doc.parties), "text": doc.text, "start": doc.start, "end": doc.stop,
            "document_id": doc.document_id, "title": doc.title, "party_ids": list(doc.party_ids),
            "mentions": doc.mentions,
        }  # fmt: skip


class EntityIndex:
    """Entities across articles: one row per entity_id, aliases and articles accumulated."""

    def __init__(self) -> None:
        self.entities: dict[str, dict] = {}

    def add(self, result: Result) -> None:
        for e in result.entities:
            row = self.entities.setdefault(
                e.entity_id, {"kind": e.kind, "name": e.name, "aliases": {}, "article_ids": {}, "mentions": 0}
            )
            for alias in (e.name, *e.aliases, *e.attrs.get("gazetteer_aliases", ())):
                if alias != row["name"]:
                    row["aliases"].setdefault(alias, None)
            row["article_ids"].setdefault(result.source.article_id, None)
            row["mentions"] += len(e.mentions)

    def rows(self) -> Iterator[dict]:
        for entity_id in sorted(self.entities):
            row = self.entities[entity_id]
            yield {
                "entity_id": entity_id,
                "kind": row["kind"],
                "name": row["name"],
                "aliases": list(row["aliases"]),
                "articles": len(row["article_ids"]),
                "mentions": row["mentions"],
                "article_ids": list(row["article_ids"]),
            }


def extract_folder(
    root: Path,
    out: Path,
    *,
    en_model: str = DEFAULT_EN_MODEL,
    max_bytes: int = MAX_BYTES,
    on_result: Callable[[Result], None] | None = None,
    progress: bool = False,
) -> Summary:
    """Extract every article below `root` into the tables in `out`; give the run's Summary."""
    started = time.monotonic()
    summary = Summary()
    files = list_files(root)
    index = EntityIndex()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr, dynamic_ncols=True)
    with TableWriter(out) as writer:
        for path in files:
            for source in read_file(path, root=root, max_bytes=max_bytes):
                result = process(source, en_model=en_model)
                for table, row in rows(result):
                    writer.add(table, row)
                index.add(result)
                summary.statuses[result.status] += 1
                if result.status == "error":
                    summary.errors.append(
                        (source.file + (f"#{source.record}" if source.record else ""), result.error or "")
                    )
                if on_result:
                    on_result(result)
            if bar is not None:
                bar.update(1)
        for row in index.rows():
            writer.add("entities", row)
        summary.rows = writer.counts()
    if bar is not None:
        bar.close()
    summary.seconds = time.monotonic() - started
    return summary
