"""Folder -> Sources: formats, encodings and per-file errors.

Every file with a supported suffix yields at least one Source; a file that cannot be read
yields one Source with `error` set, so nothing is ever silently lost.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

from .article import Source
from .published import with_front_matter

SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
MAX_BYTES = 10 * 1024 * 1024  # per file (per line for .jsonl); news articles are far smaller

# Signatures of common binary formats, so the error can say what the file is.
_MAGIC = {
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP/Office",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\x1f\x8b": "gzip",
    b"\x7fELF": "ELF",
}


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """Give `text` with lone surrogates (from JSON escapes such as "\\ud800") replaced by U+FFFD:
    they cannot be written as UTF-8, and one of them would stop the writing of every table."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def relative_name(path: Path, root: Path) -> str:
    """Give the path of `path` in `root` as text; bytes of a file name that are not UTF-8 are
    written as \\xNN escapes (still one name per file)."""
    rel = path.relative_to(root).as_posix()
    if _SURROGATE.search(rel):
        rel = os.fsencode(rel).decode("utf-8", "backslashreplace")
    return rel


class ReadError(Exception):
    """A file's bytes cannot be turned into article text; the message is for the user."""


def article_id(content: str, record: str = "") -> str:
    """Give the stable id of an article from its content: a hash of the sha256 of the article's
    bytes and its record key, so the same article has the same id from any folder."""
    return hashlib.sha256(f"{content}#{record}".encode()).hexdigest()[:16]


def path_id(file: str, record: str = "") -> str:
    """Give the id of an article that could not be read (it has no content): a hash of its path in
    the input folder and record key."""
    key = file if not record else f"{file}#{record}"
    return hashlib.sha256(f"path:{key}".encode()).hexdigest()[:16]


def list_files(root: Path) -> list[Path]:
    """Give the article files below `root`, recursively, in a deterministic order."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if name.lower().endswith(SUFFIXES):
                found.append(Path(dirpath) / name)
    return sorted(found, key=lambda p: relative_name(p, root))


def input_files(path: Path) -> tuple[Path, list[Path]]:
    """Give the folder that file names are relative to and the article files of `path`: a folder's
    files below it, or one file itself."""
    if path.is_file():
        return path.parent, [path]
    return path, list_files(path)


def read_folder(root: Path, *, max_bytes: int = MAX_BYTES) -> Iterator[Source]:
    """Yield the articles of every supported file below `root`, one at a time."""
    for path in list_files(root):
        yield from read_file(path, root=root, max_bytes=max_bytes)


def file_digest(path: Path, *, max_bytes: int = MAX_BYTES) -> str | None:
    """Give the sha256 that `read_file` would record for `path`, or None when it would record none
    (the file is unreadable or too large: such a file is an error row, cheap to redo)."""
    try:
        if path.suffix.lower() != ".jsonl" and path.stat().st_size > max_bytes:
            return None
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(2**20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def read_file(path: Path, *, root: Path, max_bytes: int = MAX_BYTES) -> Iterator[Source]:
    """Yield the articles of one file, or one Source carrying the reason it could not be read."""
    rel = relative_name(path, root)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if suffix != ".jsonl" and size > max_bytes:
            raise ReadError(f"file too large: {size / 2**20:.1f} MiB > limit {max_bytes / 2**20:.1f} MiB")
        data = path.read_bytes()
    except ReadError as exc:
        yield Source(path_id(rel), rel, "", error=str(exc))
        return
    except OSError as exc:
        yield Source(path_id(rel), rel, "", error=f"cannot read file: {exc.strerror or exc}")
        return
    digest = hashlib.sha256(data).hexdigest()
    try:
        if suffix == ".jsonl":
            yield from _read_jsonl(data, rel, digest, max_bytes)
            return
        text = decode(data)
        if suffix == ".json":
            yield from _read_json(text, rel, digest)
        elif suffix in (".html", ".htm"):
            yield _read_html(text, rel, digest)
        else:  # .txt, .md: a YAML front matter block gives title, url and publication date
            yield with_front_matter(Source(article_id(digest), rel, digest, text=_require_text(text)))
    except ReadError as exc:
        yield Source(path_id(rel), rel, digest, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a parser failing on one file must not stop the run
        yield Source(
            path_id(rel), rel, digest, error=f"cannot parse {suffix} file: {type(exc).__name__}: {exc}"
        )


def decode(data: bytes) -> str:
    """Give the text of `data`: UTF-8 (BOM or not), UTF-16, cp1251, koi8-r or a detected encoding."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _checked(data.decode(codec, errors="replace"))
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(f"binary file ({kind}), not text")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data.decode(utf16, errors="replace"))
    if b"\x00" in data:
        raise ReadError("binary file (NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _checked(_decode_legacy(data))


def _utf16_without_bom(data: bytes) -> str | None:
    """Tell UTF-16 without a BOM by its zero bytes: mostly at odd (LE) or even (BE) offsets."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.05:
        return "utf-16-be"
    # Cyrillic in UTF-16 has 0x04 as its high byte rather than 0x00.
    highs_odd, highs_even = odd.count(4) / len(odd), even.count(4) / len(even)
    if zeros_odd + highs_odd > 0.6 and zeros_even + highs_even < 0.1:
        return "utf-16-le"
    if zeros_even + highs_even > 0.6 and zeros_odd + highs_odd < 0.1:
        return "utf-16-be"
    return None


def _cyrillic_lowercase_share(text: str) -> float:
    letters = [c for c in text if "\u0400" <= c <= "\u04ff"]
    if not letters:
        return 0.0
    return sum(c.islower() for c in letters) / len(letters)


def _decode_legacy(data: bytes) -> str:
    """Decode 8-bit text. cp1251 and koi8-r are told apart by case: the wrong one of the two
    turns running Russian text into capitals, which real prose never is."""
    candidates = {}
    for codec in ("cp1251", "koi8_r"):
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    scored = {codec: _cyrillic_lowercase_share(text) for codec, text in candidates.items()}
    if scored and max(scored.values()) > 0.5:
        return candidates[max(scored, key=scored.get)]
    from charset_normalizer import from_bytes  # imported here: only needed for rare inputs

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("undecodable bytes: not UTF-8, UTF-16, cp1251, koi8-r or another known encoding")
    return str(best)


def _checked(text: str) -> str:
    """Reject text that decoded but is mostly control characters or replacement marks."""
    sample = text[:20000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\ufffd")
    if sample and bad / len(sample) > 0.02:
        raise ReadError(f"binary or undecodable content ({bad} control or replacement characters)")
    return text


def _require_text(text: str) -> str:
    if not text.strip():
        raise ReadError("empty file")
    return text


def _read_html(html: str, rel: str, digest: str) -> Source:
    import trafilatura  # imported here: slow to import and only needed for HTML

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
        article_id(hashlib.sha256(content).hexdigest(), record), rel, digest, record, text=valid_text(text), title=opt("title"), published=opt("published"),
        url=opt("url"),
    )  # fmt: skip


def _record_key(obj: object, fallback: str, seen: set[str]) -> str:
    """Give a record's key within its file: its `id` field, else `fallback`; unique within the file."""
    key = fallback
    if isinstance(obj, dict) and obj.get("id") not in (None, ""):
        key = valid_text(str(obj["id"]))
    if key in seen:
        key = f"{key}@{fallback}"
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


def _read_jsonl(data: bytes, rel: str, digest: str, max_bytes: int) -> Iterator[Source]:
    lines = data.splitlines()
    if not any(line.strip() for line in lines):
        raise ReadError("empty file")
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = f"line{number}"
        if len(line) > max_bytes:
            yield Source(path_id(rel, record), rel, digest, record, error=f"line {number}: record too large")
            continue
        try:
            obj = json.loads(decode(line))
        except (ReadError, json.JSONDecodeError) as exc:
            message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            yield Source(
                path_id(rel, record), rel, digest, record, error=f"line {number}: invalid JSON: {message}"
            )
            continue
        yield _record_source(obj, rel, digest, _record_key(obj, record, seen))
