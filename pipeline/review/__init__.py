"""Review pages: a static site under OUT/review/ to read the articles beside what was extracted.

`build_review(out)` reads the run's database (`pipeline.duckdb`) and writes `index.html` (every
article, with filters by country, organisation, document type, language, status and date), one page
per article (the cleaned text with every mention highlighted by spaCy's displaCy, its documents as
cards, its dates and entities), `timeline.html` and `map.html` (places drawn from their coordinates as
inline SVG). Styles and scripts are inline: the pages work offline, from the file system. All text
from the articles is escaped (Jinja2 autoescape; displaCy escapes the text it marks).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from ..db import DATABASE
from ..outdir import REVIEW, REVIEW_STAMP
from ..write import MANIFEST, STATE_DIR
from .data import ReviewData
from .svgmap import map_svg

STAMP = REVIEW_STAMP  # holds the id of the run the pages show

# displaCy labels and colours per mention kind
KINDS = {
    "person": ("PER", "#f9d49b"),
    "organisation": ("ORG", "#a8d5f2"),
    "place": ("LOC", "#b9e4b0"),
    "date": ("DATE", "#f3b6c6"),
    "document": ("DOC", "#d7c6ee"),
}


def run_id(out: Path) -> str:
    """Give the id of the run whose tables are in `out` ("" when unknown)."""
    try:
        return json.loads((Path(out) / STATE_DIR / MANIFEST).read_text(encoding="utf-8"))["run_id"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def review_state(out: Path) -> str:
    """Tell whether the review pages of `out` show its tables: `current`, `stale` or `absent`."""
    stamp = Path(out) / REVIEW / STAMP
    if not stamp.is_file():
        return "absent"
    return "current" if stamp.read_text(encoding="utf-8").strip() == run_id(out) else "stale"


def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("pipeline.review", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _static(name: str) -> str:
    return resources.files("pipeline.review").joinpath("static", name).read_text(encoding="utf-8")


def highlight(text: str, mentions: list[dict]) -> tuple[str, int]:
    """Give the text as HTML with mentions marked by displaCy (the longest of overlapping ones) and
    the number marked."""
    from spacy import displacy

    chosen: list[dict] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(mentions, key=lambda m: (-(m["end"] - m["start"]), m["start"])):
        if m["kind"] in KINDS and not any(m["start"] < stop and start < m["end"] for start, stop in taken):
            taken.append((m["start"], m["end"]))
            chosen.append({"start": m["start"], "end": m["end"], "label": KINDS[m["kind"]][0]})
    chosen.sort(key=lambda m: m["start"])
    colours = {label: colour for label, colour in KINDS.values()}
    html = displacy.render(
        {"text": text, "ents": chosen, "title": None},
        style="ent",
        manual=True,
        page=False,
        jupyter=False,
        options={"colors": colours},
    )
    return html, len(chosen)


def build_review(out: Path, *, limit: int | None = None) -> Path:
    """Write the review pages of the tables in `out` into `out/review/`; give the index's path.

    The pages are written into a temporary folder and swapped in whole, so an interrupted build
    leaves the previous pages.
    """
    from markupsafe import Markup

    out = Path(out)
    env = _environment()
    data = ReviewData(out / DATABASE)
    try:
        current = run_id(out)
        common = {
            "css": Markup(_static("review.css")),
            "run_id": current or "unknown",
            "articles_total": data.count_articles(),
        }
        tmp = Path(tempfile.mkdtemp(prefix=f".review-{os.getpid()}-", dir=out))
        try:
            (tmp / "articles").mkdir()
            pages = set()
            for article in data.articles(limit=limit):
                html, marked = highlight(article["text"], article["mentions"])
                page = env.get_template("article.html").render(
                    **common, root="../", here="article", page_lang=article["a"]["lang"],
                    text_html=Markup(html), highlighted=marked,
                    legend=[(kind, label, colour) for kind, (label, colour) in KINDS.items()], **article,
                )  # fmt: skip
                (tmp / "articles" / f"{article['a']['article_id']}.html").write_text(page, encoding="utf-8")
                pages.add(article["a"]["article_id"])
            index = data.index(pages)
            (tmp / "index.html").write_text(
                env.get_template("index.html").render(
                    **common, root="", here="index", js=Markup(_static("review.js")), **index
                ),  # fmt: skip
                encoding="utf-8",
            )
            timeline = data.timeline()
            (tmp / "timeline.html").write_text(
                env.get_template("timeline.html").render(**common, root="", here="timeline", **timeline),
                encoding="utf-8",
            )
            points, unplaced = data.points()
            (tmp / "map.html").write_text(
                env.get_template("map.html").render(
                    **common,
                    root="",
                    here="map",
                    points=points,
                    unplaced=unplaced,
                    svg=Markup(map_svg(points)),
                ),
                encoding="utf-8",
            )
            (tmp / STAMP).write_text(current + "\n", encoding="utf-8")
            _swap(tmp, out / REVIEW)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        data.close()
    return out / REVIEW / "index.html"


def _swap(new: Path, target: Path) -> None:
    """Put the folder `new` in the place of `target` (the old one removed after)."""
    old = target.with_name(f".review-{os.getpid()}-old")  # a killed build's is removed by outdir.recover
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
