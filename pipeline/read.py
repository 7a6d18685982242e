"""Folder -> Sources: formats, encodings and per-file errors.

Every file with a supported suffix yields at least one Source; a file that cannot be read
yields one Source with `error` set, so nothing is ever silently lost. What may be opened at all
(regular files, no symlink out of the folder, sizes) is decided in `inputs.py`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from .article import Source
from .decoding import ReadError, decode
from .inputs import SUFFIXES, Refused, lines_limited, list_files, open_regular, read_limited, relative_name

__all__ = [
    "SUFFIXES", "list_files", "input_files", "relative_name", "read_file", "read_folder", "decode", "ReadError",
]  # fmt: skip

MAX_BYTES = 10 * 1024 * 1024  # per file (per line for .jsonl); news articles are far smaller
# Longer texts are read as parts of at most this many characters, each an article of its own
# (record `part1`, `part2`, ...): the time and memory an article takes stay bounded. News articles
# are far shorter (the longest of the project's real ones is about 6,000).
PART_CHARS = 50_000

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """Give `text` with lone surrogates (from JSON escapes such as "\\ud800") replaced by U+FFFD:
    they cannot be written as UTF-8, and one of them would stop the writing of every table."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def article_id(content: str, record: str = "") -> str:
    """Give the stable id of an article from its content: a hash of the sha256 of the article's
    bytes and its record key, so the same article has the same id from any folder."""
    return hashlib.sha256(f"{content}#{record}".encode()).hexdigest()[:16]


def path_id(file: str, record: str = "") -> str:
    """Give the id of an article that could not be read (it has no content): a hash of its path in
    the input folder and record key."""
    key = file if not record else f"{file}#{record}"
    return hashlib.sha256(f"path:{key}".encode()).hexdigest()[:16]


def input_files(
    path: Path, *, follow_symlinks: bool = False, warn: Callable[[str], None] | None = None
) -> tuple[Path, list[Path]]:
    """Give the folder that file names are relative to and the article files of `path`: a folder's
    files below it, or one file itself."""
    if path.is_file():
        return path.parent, [path]
    return path, list_files(path, follow_symlinks=follow_symlinks, warn=warn)


def read_folder(root: Path, *, max_bytes: int = MAX_BYTES, follow_symlinks: bool = False) -> Iterator[Source]:
    """Yield the articles of every supported file below `root`, one at a time."""
    for path in list_files(root, follow_symlinks=follow_symlinks):
        yield from read_file(path, root=root, max_bytes=max_bytes, follow_symlinks=follow_symlinks)


def file_digest(
    path: Path, *, root: Path, max_bytes: int = MAX_BYTES, follow_symlinks: bool = False
) -> str | None:
    """Give the sha256 that `read_file` would record for `path`, or None when it would record none
    (the file is unreadable, refused or too large: such a file is an error row, cheap to redo)."""
    try:
        with open_regular(path, root, follow_symlinks=follow_symlinks) as f:
            if path.suffix.lower() != ".jsonl":
                return hashlib.sha256(read_limited(f, max_bytes)).hexdigest()
            return _sha256_of(f)[0]
    except (OSError, Refused):
        return None


def _sha256_of(f) -> tuple[str, int]:
    """Give the sha256 of an open file and the number of bytes it covers."""
    digest, size = hashlib.sha256(), 0
    for block in iter(lambda: f.read(2**20), b""):
        digest.update(block)
        size += len(block)
    return digest.hexdigest(), size


def read_file(
    path: Path, *, root: Path, max_bytes: int = MAX_BYTES, follow_symlinks: bool = False
) -> Iterator[Source]:
    """Yield the articles of one file, or one Source carrying the reason it could not be read.
    A text longer than PART_CHARS gives one article per part."""
    rel = relative_name(path, root)
    suffix = path.suffix.lower()
    digest = ""
    try:
        with open_regular(path, root, follow_symlinks=follow_symlinks) as f:
            if suffix == ".jsonl":
                digest, size = _sha256_of(f)
                f.seek(0)
                for source in _read_jsonl(f, size, rel, digest, max_bytes):
                    yield from parts(source)
                return
            data = read_limited(f, max_bytes)
        digest = hashlib.sha256(data).hexdigest()
        text = decode(data)
        if suffix == ".json":
            sources = _read_json(text, rel, digest)
        elif suffix in (".html", ".htm"):
            sources = [_read_html(text, rel, digest)]
        else:
            sources = [Source(article_id(digest), rel, digest, text=_require_text(text))]
        for source in sources:
            yield from parts(source)
    except (ReadError, Refused) as exc:
        yield Source(path_id(rel), rel, digest, error=str(exc))
    except OSError as exc:
        yield Source(path_id(rel), rel, digest, error=f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - a parser failing on one file must not stop the run
        yield Source(
            path_id(rel), rel, digest, error=f"cannot parse {suffix} file: {type(exc).__name__}: {exc}"
        )


def parts(source: Source) -> list[Source]:
    """Give `source` as it is, or, when its text is longer than PART_CHARS, its parts: each an
    article of its own, cut at a paragraph, else a line, a sentence or a space; a part's id comes
    from the whole article's and the part's number, so it follows the content too."""
    text = source.text
    if text is None or len(text) <= PART_CHARS:
        return [source]
    pieces, start = [], 0
    while len(text) - start > PART_CHARS:
        window = text[start : start + PART_CHARS]
        cut = next(
            (
                at + len(sep)
                for sep in ("\n\n", "\n", ". ", " ")
                if (at := window.rfind(sep)) >= PART_CHARS // 2
            ),
            PART_CHARS,
        )
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    out = []
    for n, piece in enumerate(pieces, start=1):
        record = f"{source.record}/part{n}" if source.record else f"part{n}"
        out.append(
            replace(
                source, article_id=article_id(source.article_id, record), record=record, text=piece,
                title=source.title if n == 1 else None,
            )
        )  # fmt: skip
    return out


def _require_text(text: str) -> str:
    if not text.strip():
        raise ReadError("empty file")
    return text


def _read_html(html: str, rel: str, digest: str) -> Source:
    import trafilatura  # imported here: slow to import and only needed for HTML

    from .html_depth import flatten, too_deep

    if too_deep(html):  # libxml2 would drop the page past its depth limit without a word
        html = flatten(html)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None or not (doc.text or "").strip():
        raise ReadError("HTML page without extractable main text")
    return Source(
        article_id(digest),
        rel,
        digest,
        text=doc.text,
        title=doc.title or None,
        published=doc.date or None,
        url=doc.url,
    )


def _record_source(obj: object, rel: str, digest: str, record: str) -> Source:
    aid = path_id(rel, record)
    if not isinstance(obj, dict):
        return Source(aid, rel, digest, record, error=f"record {record}: not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Source(aid, rel, digest, record, error=f"record {record}: no non-empty 'text' field")

    def opt(key: str) -> str | None:
        value = obj.get(key)
        return valid_text(str(value)) if value not in (None, "") else None

    # the record's own bytes, canonically: the id holds when the feed grows or its keys are reordered
    content = json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")
    return Source(
        article_id(hashlib.sha256(content).hexdigest(), record), rel, digest, record, text=valid_text(text),
        title=opt("title"), published=opt("published"), url=opt("url"),
    )  # fmt: skip


def _record_key(obj: object, fallback: str, seen: set[str]) -> str:
    """Give a record's key within its file: its `id` field, else `fallback`; unique within the file."""
    key = fallback
    if isinstance(obj, dict) and obj.get("id") not in (None, ""):
        key = valid_text(str(obj["id"]))
    if key in seen:  # a repeated id: "a@2" for the record at index 2, unless that is taken too
        base, n = f"{key}@{fallback}", 1
        key = base
        while key in seen:
            n += 1
            key = f"{base}~{n}"
    seen.add(key)
    return key


def _read_json(text: str, rel: str, digest: str) -> Iterator[Source]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if isinstance(data, dict):
        yield _record_source(data, rel, digest, "")
        return
    if not isinstance(data, list) or not data:
        raise ReadError("JSON holds neither an object nor a non-empty list of objects")
    seen: set[str] = set()
    for index, obj in enumerate(data):
        yield _record_source(obj, rel, digest, _record_key(obj, str(index), seen))


def _read_jsonl(f, size: int, rel: str, digest: str, max_bytes: int) -> Iterator[Source]:
    """Yield the records of a JSONL file read line by line (the first `size` bytes: those its
    digest covers), a line longer than `max_bytes` as an error without holding it in memory."""
    seen: set[str] = set()
    number, content = 0, False
    for _, chunk in lines_limited(f, max_bytes, end=size):
        # bytes.splitlines also ends a line at a lone CR, as splitting the whole file did
        lines = [None] if chunk is None else (chunk.splitlines() or [b""])
        for line in lines:
            number += 1
            record = f"line{number}"
            if line is None:
                content = True
                seen.add(record)
                yield Source(
                    path_id(rel, record), rel, digest, record, error=f"line {number}: record too large"
                )
                continue
            if not line.strip():
                continue
            content = True
            try:
                obj = json.loads(decode(line))
            except (ReadError, json.JSONDecodeError) as exc:
                message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                seen.add(record)
                yield Source(
                    path_id(rel, record),
                    rel,
                    digest,
                    record,
                    error=f"line {number}: invalid JSON: {message}",
                )
                continue
            yield _record_source(obj, rel, digest, _record_key(obj, record, seen))
    if not content:
        raise ReadError("empty file")
