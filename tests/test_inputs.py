"""Hostile inputs: files that are not regular, symlinks out of the folder, folders that cannot be
read, pages nested too deep, mixed encodings, stray NULs, names that read alike, texts too long."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pandas as pd
import pytest

from pipeline.read import decode, list_files, read_file
from pipeline.run import extract_folder

RU = "Министры Казахстана и Кыргызстана подписали меморандум о сотрудничестве в Бишкеке 5 мая 2025 года."
RU2 = "Стороны обсудили Водные ресурсы региона и Совместные проекты в Ташкенте."


def read_within(path: Path, root: Path, seconds: float = 30, **options) -> list:
    """read_file in a thread, so that a read that blocks fails the test instead of hanging it."""
    found: list = []
    thread = threading.Thread(target=lambda: found.extend(read_file(path, root=root, **options)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"reading {path.name} blocked"
    return found


# --- item 6: regular files only, sizes enforced while reading --------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_an_error_row_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    [source] = read_within(tmp_path / "pipe.txt", tmp_path)
    assert source.error == "not a regular file (a FIFO (named pipe))"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_an_error_row_even_when_symlinks_are_followed(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    [source] = read_within(tmp_path / "zero.txt", tmp_path, follow_symlinks=True)
    assert source.error == "not a regular file (a character device)"


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc")
def test_the_size_limit_holds_while_reading_not_only_on_stat(tmp_path):
    """/proc files say 0 bytes on stat and hold more."""
    (tmp_path / "maps.txt").symlink_to("/proc/self/maps")
    [source] = read_within(tmp_path / "maps.txt", tmp_path, follow_symlinks=True, max_bytes=200)
    assert source.error.startswith("file too large")


def test_a_jsonl_line_over_the_limit_is_an_error_and_the_next_lines_are_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "' + b"a" * 5000 + b'"}\n{"id": "x", "text": "' + RU.encode() + b'"}\n')
    first, second = read_file(path, root=tmp_path, max_bytes=1000)
    assert first.error == "line 1: record too large" and (second.record, second.text) == ("x", RU)


# --- item 7: symlinks and folders -------------------------------------------------------------------


def test_a_symlink_out_of_the_folder_is_not_read(tmp_path):
    folder, secret = tmp_path / "in", tmp_path / "secret.txt"
    folder.mkdir()
    secret.write_text(RU, encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "inside.txt").write_text(RU2, encoding="utf-8")
    (folder / "alias.txt").symlink_to(folder / "inside.txt")  # within the folder: read
    out = tmp_path / "out"
    summary = extract_folder(folder, out, workers=1)
    articles = pd.read_parquet(out / "articles.parquet").set_index("file")
    assert (
        "outside the input folder" in articles.loc["passwd.txt", "error"] and summary.statuses["error"] == 1
    )
    assert articles.loc["alias.txt", "status"] == "ok"
    assert not pd.read_parquet(out / "texts.parquet").text.str.contains("Кыргызстана").any()
    extract_folder(folder, out, workers=1, follow_symlinks=True)
    assert pd.read_parquet(out / "articles.parquet").set_index("file").loc["passwd.txt", "status"] == "ok"


def test_symlinked_and_unreadable_folders_are_reported(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(RU, encoding="utf-8")
    (folder / "locked").mkdir()
    (folder / "locked" / "b.txt").write_text(RU2, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "c.txt").write_text(RU2, encoding="utf-8")
    (folder / "linked").symlink_to(tmp_path / "elsewhere")
    (folder / "sub" / "loop").symlink_to(folder)
    if os.geteuid() == 0:  # root reads any folder: make this one fail as a folder without rights does
        scandir = os.scandir

        def refuse(path=".", *a):
            if Path(path).name == "locked":
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return scandir(path, *a)

        monkeypatch.setattr(os, "scandir", refuse)
    else:
        (folder / "locked").chmod(0)
    try:
        warnings: list[str] = []
        files = list_files(folder, warn=warnings.append)
        assert [p.name for p in files] == ["a.txt"]
        assert "folder linked is a symlink: not followed (--follow-symlinks follows it)" in warnings
        assert "folder sub/loop is a symlink: not followed (--follow-symlinks follows it)" in warnings
        assert any(w.startswith("folder locked cannot be read (Permission denied)") for w in warnings)
        warnings.clear()
        followed = list_files(folder, follow_symlinks=True, warn=warnings.append)
        assert sorted(p.name for p in followed) == ["a.txt", "c.txt"]
        assert "folder sub/loop is a symlink to a folder already read (a loop): not followed" in warnings
    finally:
        (folder / "locked").chmod(0o755)


# --- item 3: one name per file --------------------------------------------------------------------------


def test_names_that_differ_only_in_an_undecodable_byte_stay_apart(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    undecodable = os.fsdecode(b"caf\xe9.txt")
    (folder / undecodable).write_text(RU, encoding="utf-8")
    (folder / "caf\\xe9.txt").write_text(RU2, encoding="utf-8")  # a backslash, x, e, 9
    names = sorted(s.file for p in list_files(folder) for s in read_file(p, root=folder))
    assert names == ["caf\\\\xe9.txt", "caf\\xe9.txt"]


# --- item 13: deep HTML ----------------------------------------------------------------------------------


def old_cms_page(paragraphs: int) -> str:
    body = "".join(
        f"<div><font face='Arial'>Абзац {n}: министры Казахстана и Узбекистана обсудили водные ресурсы.<br>"
        for n in range(paragraphs)
    )
    return f"<html><head><title>Совещание в Ташкенте</title></head><body>{body}<p>Последний абзац статьи.</p></body></html>"


@pytest.mark.parametrize("paragraphs", [300, 3000])
def test_a_page_nested_deeper_than_libxml2_parses_loses_no_paragraph(tmp_path, paragraphs):
    (tmp_path / "page.html").write_text(old_cms_page(paragraphs), encoding="utf-8")
    sources = list(read_file(tmp_path / "page.html", root=tmp_path))  # 3,000 paragraphs: in parts
    text = "".join(s.text for s in sources)
    assert all(s.error is None for s in sources) and "Последний абзац статьи." in text
    assert all(f"Абзац {n}:" in text for n in range(paragraphs))
    assert sources[0].title == "Совещание в Ташкенте"


# --- item 14: encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [("utf-8", "cp1251"), ("cp1251", "utf-8"), ("cp1251", "koi8_r"), ("koi8_r", "cp1251")],
)
def test_a_file_in_two_encodings_is_decoded_part_by_part(first, second):
    data = f"{RU}\n{RU}\n".encode(first) + f"{RU2}\nЕщё одна строка в Бишкеке о воде.\n".encode(second)
    assert decode(data) == f"{RU}\n{RU}\n{RU2}\nЕщё одна строка в Бишкеке о воде.\n"


def test_a_single_encoding_file_with_a_capitalised_line_stays_in_its_encoding():
    text = f"СОВЕЩАНИЕ МИНИСТРОВ В БИШКЕКЕ\n{RU}\n{RU2}\n"
    for codec in ("cp1251", "koi8_r"):
        assert decode(text.encode(codec)) == text


def test_stray_nul_bytes_are_dropped(tmp_path):
    text = (RU + "\n") * 10  # about 1.8 KB
    data = text[:300].encode() + b"\x00" + text[300:].encode() + b"\x00"
    assert decode(data) == text
    (tmp_path / "a.txt").write_bytes(data)
    [source] = read_file(tmp_path / "a.txt", root=tmp_path)
    assert source.error is None and source.text == text


# --- item 10: texts too long for one article -------------------------------------------------------------


def test_a_text_too_long_for_one_article_is_read_as_parts(tmp_path, monkeypatch):
    import pipeline.read

    monkeypatch.setattr(pipeline.read, "PART_CHARS", 2000)
    (tmp_path / "long.txt").write_text((RU + " ") * 120, encoding="utf-8")  # one line, 12,000 characters
    sources = list(read_file(tmp_path / "long.txt", root=tmp_path))
    assert [s.record for s in sources] == [f"part{n}" for n in range(1, len(sources) + 1)] and len(
        sources
    ) >= 6
    assert all(len(s.text) <= 2000 for s in sources) and "".join(s.text for s in sources) == (RU + " ") * 120
    assert len({s.article_id for s in sources}) == len(sources)
