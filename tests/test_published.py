"""Publication dates from every kind of input (front matter, metadata CSV, date lines, file names),
with where each came from, and nothing from the machine's clock or a file's modification time."""

import os
from dataclasses import replace

import pytest

from pipeline.article import Source
from pipeline.extract.dates import publication
from pipeline.published import (
    MetadataError,
    file_name_date,
    read_sidecar,
    split_front_matter,
    with_front_matter,
    with_sidecar,
)
from tests.conftest import bare

# (file text, expected (published, published_source, title), expected text start)
FRONT_MATTER = [
    (
        "---\ntitle: Встреча в Хороге\ndate: 2023-05-19\n---\nТекст статьи.",
        ("2023-05-19", "front_matter", "Встреча в Хороге"),
        "Текст",
    ),
    (
        "---\npublished: 2024-02-03T08:30:00+05:00\n---\nBody of the note.",
        ("2024-02-03", "front_matter", None),
        "Body",
    ),
    (
        "---\ndate: 19.05.2023\nurl: https://example.org/a\n---\nТекст.",
        ("2023-05-19", "front_matter", None),
        "Текст",
    ),
    ("---\ntitle: Без даты\n---\nТекст.", (None, None, "Без даты"), "Текст"),
    ("Заголовок\n\n---\ndate: 2023-05-19\n---\n", (None, None, None), "Заголовок"),  # not at the top
    ("---\n: [unclosed\n---\nТекст.", (None, None, None), "---"),  # no YAML mapping: kept whole
]


@pytest.mark.parametrize(("text", "expected", "starts"), FRONT_MATTER)
def test_front_matter(text, expected, starts):
    source = with_front_matter(Source("a", "a.md", "0" * 64, text=text))
    assert (source.published, source.published_source, source.title) == expected
    assert source.text.startswith(starts)


def test_front_matter_fields_are_lower_case():
    import datetime as dt

    assert split_front_matter("---\nDate: 2023-05-19\n---\nx")[1] == {"date": dt.date(2023, 5, 19)}


# (file name, date in it)
FILE_NAMES = [
    ("2023-05-19-summit-in-khorog.txt", "2023-05-19"),
    ("news/news_20230519.md", "2023-05-19"),
    ("2023_05_19 встреча.txt", "2023-05-19"),
    ("akipress-2021.11.30.html", "2021-11-30"),
    ("81abf62a20230519.txt", None),  # inside a hash
    ("2023-13-01-report.txt", None),  # no month 13
    ("report-2023.txt", None),  # a year gives no day
]


@pytest.mark.parametrize(("name", "expected"), FILE_NAMES)
def test_file_name_date(name, expected):
    assert file_name_date(name) == expected


# (text, language, expected (published, source)): date lines and datelines in any common form
TEXT_LINES = [
    ("Саммит в Хороге\n\nДата публикации: 2023-05-19\n\nВчера прошел саммит.", "ru", ("2023-05-19", "text")),
    ("Саммит в Хороге\n\nОпубликовано: 19 мая 2023\n\nВчера прошел саммит.", "ru", ("2023-05-19", "text")),
    ("Саммит в Хороге\n19.05.2023, 14:30\n\nВчера прошел саммит.", "ru", ("2023-05-19", "text")),
    ("Саммит в Хороге\n\nХорог, 19 мая 2023 г. — Вчера прошел саммит.", "ru", ("2023-05-19", "text")),
    ("Summit in Khorog\n\nPublished: May 19, 2023\n\nThe summit closed.", "en", ("2023-05-19", "text")),
    (
        "Summit in Khorog\n\nPosted on 2023-05-19T08:30:00Z\n\nThe summit closed.",
        "en",
        ("2023-05-19", "text"),
    ),
    (
        "Summit in Khorog\n\nKHOROG, 19 May 2023 (Pamir Times) - The summit closed.",
        "en",
        ("2023-05-19", "text"),
    ),
    (
        "Summit in Khorog\n\nThe summit closed on 19 May 2023.",
        "en",
        (None, None),
    ),  # a body date is no publication date
]


@pytest.mark.parametrize(("text", "lang", "expected"), TEXT_LINES)
def test_publication_from_the_text(text, lang, expected):
    assert publication(bare(text, lang=lang)) == expected


def test_metadata_comes_before_the_text_and_the_file_name_last():
    annotated = bare("Саммит\n\nДата публикации: 2023-05-19\n\nТекст.", lang="ru", published="2023-05-20")
    assert publication(annotated) == ("2023-05-20", "metadata")
    named = replace(annotated.article, source=replace(annotated.article.source, file="2022-01-02-summit.txt"))
    assert publication(replace(annotated, article=named)) == ("2023-05-20", "metadata")
    plain = replace(named, published=None, text="Саммит\n\nТекст без даты.")
    assert publication(replace(annotated, article=plain)) == ("2022-01-02", "file_name")


def test_sidecar_rows_by_path_name_and_record(tmp_path):
    meta = tmp_path / "dates.csv"
    meta.write_text(
        "file,published,title,url\nsub/a.txt,19.05.2023,Встреча,https://example.org/a\n"
        "b.txt,2023-05-20,,\nfeed.jsonl#line2,May 21 2023,,\n",
        encoding="utf-8-sig",
    )
    sidecar = read_sidecar(meta)
    a = with_sidecar(Source("1", "sub/a.txt", "x", text="t"), sidecar)
    assert (a.published, a.published_source, a.title, a.url) == (
        "2023-05-19",
        "sidecar",
        "Встреча",
        "https://example.org/a",
    )
    assert with_sidecar(Source("2", "other/b.txt", "x", text="t"), sidecar).published == "2023-05-20"
    assert with_sidecar(Source("3", "feed.jsonl", "x", "line2", text="t"), sidecar).published == "2023-05-21"
    own = with_sidecar(Source("4", "b.txt", "x", text="t", published="2023-01-01"), sidecar)
    assert (own.published, own.published_source) == ("2023-01-01", None)  # the record's own field wins


def test_a_metadata_file_without_the_columns_is_an_error(tmp_path):
    meta = tmp_path / "m.csv"
    meta.write_text("name,when\na.txt,2023-05-19\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="file,published"):
        read_sidecar(meta)


FOLDER = {
    "2023-05-22-talks.txt": "Talks in Khorog\n\nOn Monday the ministers of Tajikistan and Afghanistan met in Khorog.\n",
    "notes.md": "---\ntitle: Переговоры в Хороге\ndate: 2023-05-19\n---\nВчера министры встретились в Хороге.\n",
    "plain.txt": "Переговоры в Хороге\n\nВчера министры встретились в Хороге и обсудили торговлю.\n",
    "bare.txt": "Переговоры\n\nМинистры встретились 5 марта в Хороге.\n",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("published")
    for name, text in FOLDER.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "metadata.csv").write_text("file,published\nplain.txt,2023-05-18\n", encoding="utf-8")
    for path in root.iterdir():  # a modification time far from every date of the articles
        os.utime(path, (1_700_000_000, 1_700_000_000))
    return root


def test_every_way_of_giving_a_publication_date_in_one_run(folder):
    from pipeline.run import extract_folder

    summary = extract_folder(folder, None)
    articles = summary.tables["articles"].set_index("file")
    assert articles.loc[
        "2023-05-22-talks.txt", ["published", "published_source", "event_start"]
    ].tolist() == ["2023-05-22", "file_name", "2023-05-22"]
    assert articles.loc["notes.md", ["published", "published_source", "title"]].tolist() == [
        "2023-05-19",
        "front_matter",
        "Переговоры в Хороге",
    ]
    assert articles.loc["plain.txt", ["published", "published_source", "event_start"]].tolist() == [
        "2023-05-18",
        "sidecar",
        "2023-05-17",
    ]
    assert articles.loc["bare.txt", ["published", "published_source"]].isna().all()
    assert summary.published == 3 and summary.statuses["ok"] == 4
    dates = summary.tables["dates"]
    assert set(dates["anchor"]) == {"published"}  # "5 марта" with no anchor: no row


def test_the_summary_counts_and_warns(folder):
    from pipeline.cli import published_warning, summary_text
    from pipeline.run import Summary

    summary = Summary(statuses={"ok": 4, "skipped": 0, "error": 0}, published=1)
    assert "publication date found for 1 of 4 articles" in summary_text(summary, folder)
    assert "--meta FILE.csv" in published_warning(summary) and "front matter" in published_warning(summary)
    assert published_warning(Summary(statuses={"ok": 4, "skipped": 0, "error": 0}, published=2)) is None


def test_tables_do_not_depend_on_the_clock_or_on_modification_times(folder):
    from freezegun import freeze_time

    from pipeline.run import extract_folder

    # in this process (workers=0): the first run imports and loads every library and model before the
    # clock is frozen (a C extension imported under freezegun's patched datetime may crash its process)
    today = extract_folder(folder, None, workers=0).tables
    with freeze_time("2031-07-15 09:00:00"):
        for path in folder.iterdir():
            os.utime(path, (1_900_000_000, 1_900_000_000))
        later = extract_folder(folder, None, workers=0).tables
    assert today.keys() == later.keys()
    for name in today:
        assert today[name].equals(later[name]), name


def test_a_decade_never_becomes_the_day_of_the_run():
    from freezegun import freeze_time

    from pipeline.extract.date_values import parse_free

    with freeze_time("2031-07-15"):
        assert parse_free("the 1990s", "en") is None
        assert parse_free("in the 2010s", "en") is None


def test_the_clock_test_can_fail():
    """freeze_time does reach the libraries: dateparser's own relative reading moves with it."""
    from dateparser import parse
    from freezegun import freeze_time

    with freeze_time("2031-07-15"):
        assert parse("yesterday").date().isoformat() == "2031-07-14"


@pytest.mark.parametrize("as_glob", [False, True])
def test_a_malformed_metadata_file_is_one_line_error(tmp_path, as_glob):
    """A metadata.csv without the columns it needs stops the run with one line (exit 2), given the
    folder or a glob of its files."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Министры встретились в Бишкеке.", encoding="utf-8")
    (folder / "metadata.csv").write_text("name,day\na.txt,2023-05-19\n", encoding="utf-8")
    path = str(folder / "*.txt") if as_glob else str(folder)
    result = CliRunner().invoke(app, ["extract", path, "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 2, result.output
    assert "needs the columns file,published" in result.output
    assert "Traceback" not in result.output
