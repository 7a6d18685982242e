import codecs
import json

import pytest

from pipeline.read import ReadError, article_id, decode, list_files, path_id, read_file, read_folder

RU = "Министры Казахстана и Кыргызстана подписали меморандум о сотрудничестве в Бишкеке."


@pytest.mark.parametrize(
    "data",
    [
        RU.encode("utf-8"),
        codecs.BOM_UTF8 + RU.encode("utf-8"),
        RU.encode("utf-16"),  # with BOM
        RU.encode("utf-16-le"),
        RU.encode("utf-16-be"),
        RU.encode("cp1251"),
        RU.encode("koi8_r"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1251", "koi8r"],
)
def test_decode_detects_encoding(data):
    assert decode(data) == RU


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"   \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (PNG)"),
        (b"abc\x00\x01\x02\x03" * 100, "binary"),
        (bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x01, 0x02, 0x03]) * 50, "undecodable"),
    ],
)
def test_decode_rejects_bad_bytes(data, message):
    with pytest.raises(ReadError, match=message.split(" (")[0]):
        decode(data)


def test_article_id_is_stable_and_distinct():
    assert article_id("ab" * 32) == article_id("ab" * 32)
    assert article_id("ab" * 32) != article_id("cd" * 32)
    assert article_id("ab" * 32, "1") != article_id("ab" * 32, "2")
    assert path_id("a/b.txt") != path_id("a/c.txt") and path_id("f.jsonl", "1") != path_id("f.jsonl", "2")


def test_article_id_comes_from_the_content_not_the_folder(tmp_path):
    for root in ("one", "two/deeper"):
        (tmp_path / root).mkdir(parents=True)
        (tmp_path / root / "a.txt").write_text(RU, encoding="utf-8")
    [one] = read_folder(tmp_path / "one")
    [two] = read_folder(tmp_path / "two")
    assert one.article_id == two.article_id and one.file == "a.txt" and two.file == "deeper/a.txt"
    (tmp_path / "two" / "deeper" / "a.txt").write_text(RU + " Ещё одно предложение.", encoding="utf-8")
    [changed] = read_folder(tmp_path / "two")
    assert changed.article_id != one.article_id


def test_a_feed_record_keeps_its_id_when_the_feed_grows_or_its_keys_move(tmp_path):
    first = {"id": "n1", "text": RU, "title": "Заголовок"}
    [before] = _sources(tmp_path, "feed.jsonl", (json.dumps(first) + "\n").encode())
    reordered = {"title": "Заголовок", "text": RU, "id": "n1"}
    lines = [json.dumps(reordered, ensure_ascii=False), json.dumps({"id": "n2", "text": "Другой текст."})]
    after = _sources(tmp_path, "feed.jsonl", "\n".join(lines).encode())
    assert after[0].article_id == before.article_id != after[1].article_id


def _sources(tmp_path, name, data, **kw):
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_file(path, root=tmp_path, **kw))


def test_txt_file(tmp_path):
    [source] = _sources(tmp_path, "a.txt", RU.encode("cp1251"))
    assert source.text == RU and source.error is None and len(source.sha256) == 64


def test_json_object_and_list(tmp_path):
    one = {"text": RU, "title": "Заголовок", "published": "2024-01-05", "url": "http://x", "id": "n1"}
    [source] = _sources(tmp_path, "a.json", json.dumps(one).encode())
    assert (source.title, source.published, source.url) == ("Заголовок", "2024-01-05", "http://x")
    many = _sources(
        tmp_path, "b.json", json.dumps([{"text": "A b c.", "id": "x"}, {"text": "D e f."}, 5]).encode()
    )
    assert [s.record for s in many] == ["x", "1", "2"]
    assert many[2].error == "record 2: not a JSON object"


def test_truncated_json_is_an_error(tmp_path):
    [source] = _sources(tmp_path, "bad.json", b'{"text": "abc", "title": ')
    assert source.error.startswith("invalid JSON")


def test_jsonl_keeps_good_lines_and_reports_bad_ones(tmp_path):
    data = b'{"id": "a", "text": "One."}\n{"text": \n\n{"title": "no text"}\n{"id": "a", "text": "Two."}\n'
    sources = _sources(tmp_path, "feed.jsonl", data)
    assert [s.text for s in sources] == ["One.", None, None, "Two."]
    assert sources[1].error.startswith("line 2: invalid JSON")
    assert "no non-empty 'text'" in sources[2].error
    assert len({s.article_id for s in sources}) == 4  # a repeated id still gives distinct articles


def test_huge_file_is_an_error(tmp_path):
    [source] = _sources(tmp_path, "huge.txt", b"a" * 3000, max_bytes=1000)
    assert source.error.startswith("file too large")


def test_unreadable_file_is_an_error(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    [source] = list(read_folder(tmp_path))
    assert source.file == "gone.txt" and source.error.startswith("cannot read file")


def test_html_main_text_and_metadata(tmp_path):
    html = (
        "<html><head><title>Саммит в Астане</title>"
        '<meta property="article:published_time" content="2024-03-05"></head><body>'
        "<nav>Главная Новости Контакты</nav><article><h1>Саммит в Астане</h1>"
        f"<p>{RU} Стороны обсудили водные ресурсы региона и совместные проекты.</p></article>"
        "<footer>Поделиться VK OK</footer></body></html>"
    )
    [source] = _sources(tmp_path, "page.html", html.encode("utf-8"))
    assert source.title == "Саммит в Астане" and source.published == "2024-03-05"
    assert RU in source.text and "Контакты" not in source.text


def test_list_files_is_recursive_sorted_and_filtered(tmp_path):
    for name in ["b.txt", "a/c.md", "a/d.png", ".hidden.txt", "z.JSONL", "e.htm"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in list_files(tmp_path)] == [
        "a/c.md",
        "b.txt",
        "e.htm",
        "z.JSONL",
    ]
