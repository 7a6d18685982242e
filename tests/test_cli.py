"""End to end: the CLI on a folder of good and bad files, checking the tables' contents."""

import json
import subprocess
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.write import SCHEMAS

RU = (
    "В Бишкеке подписан меморандум о сотрудничестве\n\n"
    "Дата публикации: 14 мая 2025\nTelegram WhatsApp OK VK\n\n"
    "14 мая 2025 года в Бишкеке министр экологии Кыргызской Республики Бакыт Джусупов и представители "
    "Программы развития ООН (ПРООН) подписали Меморандум о сотрудничестве в области защиты горных лесов. "
    "Б. Джусупов отметил важность проекта для Кыргызстана.\n\nПоделиться"
)
EN = (
    "Kazakhstan and Uzbekistan sign water agreement\n\n"
    "On June 2, 2025, the foreign ministers of Kazakhstan and Uzbekistan signed an agreement on the "
    "Syr Darya river in Tashkent. Minister Murat Nurtleu said the deal was important."
)
KK = "Қазақстан Республикасының Президенті Астанада шетелдік инвесторлармен кездесті және маңызды мәселелерді талқылады."


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    out = tmp_path_factory.mktemp("out")
    (src / "news").mkdir()
    (src / "news" / "ru.txt").write_text(RU, encoding="utf-8")
    (src / "news" / "ru_cp1251.txt").write_bytes(RU.replace("Бишкеке", "Оше").encode("cp1251"))
    (src / "en.md").write_text(EN, encoding="utf-8")
    (src / "en_utf16.txt").write_bytes(EN.encode("utf-16"))
    (src / "kk.txt").write_text(KK, encoding="utf-8")
    (src / "feed.jsonl").write_text(
        json.dumps({"id": "r1", "text": RU, "published": "2025-05-14"}, ensure_ascii=False) + "\n{broken\n",
        encoding="utf-8",
    )
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (src / "undecodable.txt").write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x01, 0x02, 0x03]) * 50)
    (src / "truncated.json").write_text('{"text": "Министры встретились', encoding="utf-8")
    (src / "huge.txt").write_bytes(b"a" * (50 * 2**20))
    (src / "unreadable.txt").symlink_to(src / "no-such-file")
    (src / "notes.png").write_bytes(b"not an article")  # unsupported suffix: ignored
    result = CliRunner().invoke(app, ["extract", str(src), "--out", str(out), "--quiet"])
    tables = {name: pd.read_parquet(out / f"{name}.parquet") for name in SCHEMAS}
    return result, tables, out


def test_exit_code_and_per_file_errors_on_stderr(run):
    result, _, _ = run
    assert result.exit_code == 0, result.output
    for name in (
        "empty.txt",
        "binary.txt",
        "undecodable.txt",
        "truncated.json",
        "huge.txt",
        "unreadable.txt",
    ):
        assert f"error: {name}:" in result.stderr
    assert "error: feed.jsonl#line2: line 2: invalid JSON" in result.stderr


def test_articles_table(run):
    _, tables, _ = run
    articles = tables["articles"].set_index("file")
    assert set(articles.index) == {
        "binary.txt", "empty.txt", "en.md", "en_utf16.txt", "feed.jsonl", "huge.txt", "kk.txt", "news/ru.txt",
        "news/ru_cp1251.txt", "truncated.json", "undecodable.txt", "unreadable.txt",
    }  # fmt: skip
    status = tables["articles"].groupby("status").size().to_dict()
    assert status == {"ok": 5, "skipped": 1, "error": 7}
    assert articles.loc["kk.txt", "lang"] == "kk" and "not supported" in articles.loc["kk.txt", "error"]
    assert articles.loc["empty.txt", "error"] == "empty file"
    assert articles.loc["huge.txt", "error"].startswith("file too large: 50.0 MiB")
    assert articles.loc["binary.txt", "error"].startswith("binary file")
    assert articles.loc["truncated.json", "error"].startswith("invalid JSON")
    ru = articles.loc["news/ru.txt"]
    assert (ru.lang, ru.title, ru.published) == (
        "ru",
        "В Бишкеке подписан меморандум о сотрудничестве",
        "2025-05-14",
    )
    assert len(ru.sha256) == 64 and len(ru.article_id) == 16
    assert articles.loc["en_utf16.txt", "lang"] == "en"


def _of(tables, table, file):
    articles = tables["articles"]
    [aid] = articles[articles.file == file].article_id
    frame = tables[table]
    return frame[frame.article_id == aid]


def test_people_are_merged_and_normalised(run):
    _, tables, _ = run
    people = _of(tables, "people", "news/ru.txt")
    [row] = people[people.name == "Бакыт Джусупов"].itertuples()
    assert list(row.aliases) == ["Б. Джусупов"] and row.mentions == 2


def test_places_are_typed(run):
    _, tables, _ = run
    places = _of(tables, "places", "news/ru.txt").set_index("name")
    assert places.loc["Бишкек", "kind"] == "city" and places.loc["Бишкек", "country"] == "KG"
    assert places.loc["Бишкек", "geonames_id"] == 1528675
    assert places.loc["Кыргызстан", "kind"] == "country"
    en = _of(tables, "places", "en.md").set_index("name")
    assert en.loc["Tashkent", "country"] == "UZ"


def test_dates_and_documents(run):
    _, tables, _ = run
    dates = _of(tables, "dates", "news/ru.txt")
    assert dates[["value", "role"]].values.tolist() == [["2025-05-14", "published"]]
    [doc] = _of(tables, "documents", "news/ru.txt").itertuples()
    assert (doc.type, doc.status, doc.date) == ("memorandum", "signed", "2025-05-14")
    assert "ПРООН" in " ".join(doc.parties) or "Программа развития ООН" in list(doc.parties)
    [en_doc] = _of(tables, "documents", "en.md").itertuples()
    assert (en_doc.type, en_doc.status, en_doc.date, en_doc.place) == (
        "agreement",
        "signed",
        "2025-06-02",
        "Tashkent",
    )


def test_mentions_point_into_the_text(run):
    _, tables, _ = run
    texts = tables["texts"].set_index("article_id").text
    mentions = tables["mentions"]
    assert len(mentions) > 20
    for m in mentions.itertuples():
        assert texts[m.article_id][m.start : m.end] == m.text
    assert not mentions.text.str.contains("Telegram|WhatsApp|Поделиться").any()


def test_entities_join_articles(run):
    _, tables, _ = run
    entities = tables["entities"].set_index("name")
    assert entities.loc["Бакыт Джусупов", "articles"] == 3  # ru.txt, ru_cp1251.txt, feed.jsonl#r1
    assert entities.entity_id.is_unique


def test_csv_matches_parquet(run):
    _, tables, out = run
    for name in SCHEMAS:
        assert len(pd.read_csv(out / f"{name}.csv")) == len(tables[name])


def test_missing_folder_exits_2(tmp_path):
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "input not found (no such folder or file)" in result.stderr


def test_strict_turns_errors_into_exit_1(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    args = ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--quiet"]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert CliRunner().invoke(app, [*args, "--strict"]).exit_code == 1


def test_folder_without_articles(tmp_path):
    (tmp_path / "in").mkdir()
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0 and "no articles found" in result.stderr
    assert len(pd.read_parquet(tmp_path / "o" / "articles.parquet")) == 0


def test_unknown_english_model_is_a_clear_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "en.txt").write_text(EN)
    result = CliRunner().invoke(
        app, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--en-model", "en_core_web_nope"]
    )
    assert result.exit_code == 2 and "en_core_web_nope" in result.stderr


COMMANDS = [[]] + [[c.name or c.callback.__name__] for c in app.registered_commands]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Example: pipeline" in result.output


def test_python_dash_m_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "extract" in result.stdout


def test_a_failing_stage_is_one_articles_error(tmp_path, monkeypatch):
    import pipeline.run as run

    real = run.extract_all

    def flaky(annotated):
        if "BOOM" in annotated.text:
            raise ValueError("stage broke")
        return real(annotated)

    monkeypatch.setattr(run, "extract_all", flaky)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Министры встретились в Бишкеке. BOOM", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(
        "Министры встретились в Бишкеке 5 мая 2025 года.", encoding="utf-8"
    )
    summary = run.extract_folder(tmp_path / "in", tmp_path / "out")
    assert summary.statuses == {"ok": 1, "skipped": 0, "error": 1}
    assert summary.errors == [("a.txt", "extraction failed: ValueError: stage broke")]
