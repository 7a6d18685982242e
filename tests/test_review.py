"""Review pages: built from the database, offline, escaped; loaded in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline.run as run
from pipeline.cli import app
from pipeline.review import build_review, highlight, review_state
from pipeline.review.svgmap import map_svg
from tests.test_cli import EN, RU
from tests.test_outputs import EN_UNDP

HOSTILE = (
    "Встреча <script>alert('x')</script> в Бишкеке\n\n"
    '14 мая 2025 года в Бишкеке министр Бакыт Джусупов <img src=x onerror="alert(1)"> и представители ПРООН '
    'подписали меморандум <a href="javascript:alert(2)">о сотрудничестве</a>.'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("review")
    folder = base / "in"
    folder.mkdir()
    (folder / "ru.txt").write_text(RU, encoding="utf-8")
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    (folder / "undp.txt").write_text(EN_UNDP, encoding="utf-8")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    out = base / "out"
    run.extract_folder(folder, out)
    assert review_state(out) == "absent"
    result = CliRunner().invoke(app, ["review", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_review_writes_an_index_a_page_per_article_a_timeline_and_a_map(site):
    review = site / "review"
    assert {p.name for p in review.iterdir()} >= {"index.html", "timeline.html", "map.html", "articles"}
    assert (
        len(list((review / "articles").glob("*.html"))) == 4
    )  # every article processed (not the empty file)
    index = (review / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr data-countries") == 5 and "empty file" in index
    assert 'id="f-country"' in index and 'value="KG"' in index and 'id="f-doctype"' in index
    assert review_state(site) == "current"


def test_pages_need_no_network(site):
    for page in (site / "review").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), page.name
        assert '<link rel="stylesheet"' not in html and "@import" not in html


def test_article_text_is_escaped(site):
    [page] = [
        p for p in (site / "review" / "articles").glob("*.html") if "alert" in p.read_text(encoding="utf-8")
    ]
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;alert(" in html


def test_highlight_marks_mentions_and_keeps_the_longest_of_overlapping_ones():
    text = "Меморандум ПРООН подписан в Бишкеке."
    mentions = [
        {"kind": "document", "start": 0, "end": 16},
        {"kind": "organisation", "start": 11, "end": 16},
        {"kind": "place", "start": 28, "end": 35},
    ]
    html, marked = highlight(text, mentions)
    assert marked == 2 and html.count('<mark class="entity"') == 2 and "Бишкеке" in html


def test_map_draws_points_from_coordinates():
    points = [
        {"name": "Бишкек", "kind": "city", "country": "KG", "lat": 42.87, "lon": 74.59, "articles": 3},
        {"name": "Kazakhstan", "kind": "country", "country": "KZ", "lat": 51.18, "lon": 71.45, "articles": 1},
    ]
    svg = map_svg(points)
    assert svg.startswith("<svg") and svg.count("<circle") == 2 and "Бишкек: 3 articles" in svg
    assert "°E" in svg and "°N" in svg


def test_a_new_run_makes_the_pages_stale_and_the_summary_says_so(site, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(site, out)
    result = CliRunner().invoke(app, ["extract", str(site.parent / "in"), "--out", str(out)])
    assert result.exit_code == 0
    assert review_state(out) == "stale" and "out of date" in result.stderr
    assert f"database: {out / 'pipeline.duckdb'}" in result.stderr
    build_review(out)
    assert review_state(out) == "current"


def test_review_without_tables_exits_2(tmp_path):
    result = CliRunner().invoke(app, ["review", str(tmp_path)])
    assert result.exit_code == 2 and "run `pipeline extract" in result.stderr


# --- in a real browser -----------------------------------------------------------------------------------

CHROMIUM = next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and os.access(p, os.X_OK)), None
)
BROWSER_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip(
            "no chromium: install Debian's `chromium` (apt-get install chromium; .ci/run does) to run it"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make install)")
    profile = tempfile.mkdtemp(prefix="review-chromium-")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=BROWSER_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


def open_page(browser, path: Path):
    """Give a page loaded from `path` and the console errors and page errors it raised."""
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


@pytest.mark.browser
def test_index_and_an_article_page_in_chromium(site, browser, tmp_path):
    index, problems = open_page(browser, site / "review" / "index.html")
    rows = index.locator("#articles tbody tr")
    assert rows.count() == 5
    index.select_option("#f-country", "UZ")  # the filter hides the articles that name no place in Uzbekistan
    visible = index.locator("#articles tbody tr:not([hidden])")
    assert 0 < visible.count() < 5 and index.inner_text("#shown") == str(visible.count())
    index.select_option("#f-country", "")
    index.select_option("#f-doctype", "memorandum")
    assert index.locator("#articles tbody tr:not([hidden])").count() == 3
    index.screenshot(path=str(tmp_path / "index.png"), full_page=True)

    index.click("#f-reset")
    index.click("text=В Бишкеке подписан меморандум о сотрудничестве")
    index.wait_for_load_state("load")
    assert index.url.endswith(".html") and "/articles/" in index.url
    assert index.locator("mark.entity").count() >= 5
    labels = set(index.locator("mark.entity span").all_inner_texts())
    assert {"PER", "ORG", "LOC", "DATE", "DOC"} <= labels
    card = index.locator("section.card.document")
    assert (
        card.count() == 1 and "signed" in card.inner_text() and "Программа развития ООН" in card.inner_text()
    )
    index.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    assert (tmp_path / "index.png").stat().st_size > 10_000 and (
        tmp_path / "article.png"
    ).stat().st_size > 10_000

    for name in ("timeline.html", "map.html"):
        other, more = open_page(browser, site / "review" / name)
        problems += more
        assert other.locator("main").inner_text()
    map_page, _ = open_page(browser, site / "review" / "map.html")
    assert map_page.locator("svg.map circle").count() >= 3
    assert problems == []


@pytest.mark.browser
def test_hostile_article_runs_no_script_in_chromium(site, browser):
    [path] = [
        p for p in (site / "review" / "articles").glob("*.html") if "alert" in p.read_text(encoding="utf-8")
    ]
    page, problems = open_page(browser, path)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.reload()
    assert "<script>alert('x')</script>" in page.inner_text("h1")
    assert dialogs == [] and problems == []
