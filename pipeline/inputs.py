"""What may be read below the input folder, and how: listing, names, opening.

- Listing (`list_files`) never descends into a symlinked folder unless asked (`follow_symlinks`,
  with loops cut), and says so: skipped symlinked folders and folders that cannot be listed are
  reported through `warn`, never dropped in silence.
- Names (`relative_name`) are one per file: bytes of a name that are not UTF-8 are written as
  `\\xNN` and a backslash of the name itself as `\\\\`, so two different names never read alike.
- Opening (`open_regular`) reads regular files only (a FIFO would block `open()` for ever, a
  device such as /dev/zero never ends), follows no symlink out of the input folder unless asked,
  and enforces sizes while reading, not only on `stat`.
- Input beyond a local folder (`input_paths`): a glob (`news/2024-*/*.json`, `**` recursive) or
  an fsspec URL (`file://`, `memory://`, `s3://` or `gs://` once the user installs s3fs or
  gcsfs). A `file://` URL is a local path with the guarantees above; any other filesystem's files
  are `RemotePath`s, opened through fsspec by whichever process reads them (a worker on a cluster
  reads its articles from the store itself).
"""

from __future__ import annotations

import glob
import io
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")

_SURROGATE = re.compile(r"[\ud800-\udfff]")

_KINDS = {
    stat.S_ISFIFO: "a FIFO (named pipe)",
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISSOCK: "a socket",
    stat.S_ISDIR: "a folder",
}


class Refused(Exception):
    """A file that is not read, and why (for the user)."""


def relative_name(path: Path, root: Path) -> str:
    """Give the path of `path` in `root` as text, one name per file: bytes that are not UTF-8 are
    written as \\xNN escapes and backslashes of the name as \\\\ (only in names that have them)."""
    rel = path.relative_to(root).as_posix()
    if "\\" not in rel and not _SURROGATE.search(rel):
        return rel
    return "".join(
        "\\\\" if c == "\\" else f"\\x{ord(c) - 0xDC00:02x}" if "\udc80" <= c <= "\udcff" else c for c in rel
    )


def list_files(
    root: Path, *, follow_symlinks: bool = False, warn: Callable[[str], None] | None = None
) -> list[Path]:
    """Give the article files below `root`, recursively, in a deterministic order; report what is
    not descended into through `warn`."""
    root = Path(root)
    warn = warn or (lambda message: None)
    seen = {os.path.realpath(root)}
    found = []

    def unreadable(exc: OSError) -> None:
        where = relative_name(Path(exc.filename), root) if exc.filename and exc.filename != str(root) else "."
        warn(f"folder {where} cannot be read ({exc.strerror or exc}): its files are not processed")

    for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_symlinks, onerror=unreadable):
        kept = []
        for name in sorted(d for d in dirnames if not d.startswith(".")):
            folder = Path(dirpath) / name
            if folder.is_symlink():
                where = relative_name(folder, root)
                if not follow_symlinks:
                    warn(f"folder {where} is a symlink: not followed (--follow-symlinks follows it)")
                    continue
                real = os.path.realpath(folder)
                if real in seen or any(real == p or p.startswith(real + os.sep) for p in seen):
                    warn(f"folder {where} is a symlink to a folder already read (a loop): not followed")
                    continue
                seen.add(real)
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                found.append(Path(dirpath) / name)
    return sorted(found, key=lambda p: relative_name(p, root))


def outside(path: Path, root: Path) -> str | None:
    """Give the real path of `path` when it lies outside `root` (through a symlink), else None."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    return None if real == base or real.startswith(base.rstrip(os.sep) + os.sep) else real


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_MAGIC = re.compile(r"[*?\[]")


class RemotePath(PurePosixPath):
    """A file (or folder) of an fsspec filesystem, held as `protocol:/path` so that names relative
    to its folder work as for a local path; `url` gives it back as `protocol://path`."""

    @property
    def url(self) -> str:
        protocol, _, rest = str(self).partition(":/")
        return f"{protocol}://{rest.lstrip('/')}"

    @classmethod
    def of(cls, protocol: str, path: str) -> RemotePath:
        return cls(f"{protocol}:/{path.lstrip('/')}")

    def open(self) -> BinaryIO:
        import fsspec

        fs, inner = fsspec.core.url_to_fs(self.url)
        if fs.isdir(inner):
            raise Refused("not a regular file (a folder)")
        return fs.open(inner, "rb")


def is_url(text: str) -> bool:
    return bool(_URL.match(text))


def is_remote(text: str) -> bool:
    """Tell a URL read through its fsspec filesystem (any scheme but `file://`, a local path)."""
    return is_url(text) and not text.lower().startswith("file://")


def is_glob(text: str) -> bool:
    return bool(_MAGIC.search(text))


def _magic_free(pattern: str) -> str:
    """Give the folders of a glob pattern before its first wildcard."""
    parts = pattern.split("/")
    for i, part in enumerate(parts):
        if is_glob(part):
            return "/".join(parts[:i]) or ("/" if pattern.startswith("/") else ".")
    return "/".join(parts[:-1]) or "."


def _wanted(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(SUFFIXES)


def input_paths(
    path: str | Path, *, follow_symlinks: bool = False, warn: Callable[[str], None] | None = None
) -> tuple[Path, list[Path]] | None:
    """Give (root, files) for a glob or a URL (file names are relative to `root`: the folder of the
    URL, or the glob's folders before its first wildcard), or None for a plain local path."""
    text = str(path)
    if is_remote(text):
        return _remote(text, warn or (lambda message: None))
    text = str(local_path(text))
    if not is_glob(text) or os.path.exists(text):
        return None
    root = Path(_magic_free(text))
    found = [Path(p) for p in glob.glob(text, recursive=True) if _wanted(os.path.basename(p))]
    files = [p for p in found if os.path.isfile(p) and (follow_symlinks or not outside(p, root))]
    return root, sorted(files, key=lambda p: relative_name(p, root))


def local_path(path: str | Path) -> Path:
    """Give a `file://` URL as a local path, anything else as a Path."""
    text = str(path)
    if is_url(text) and text.lower().startswith("file://"):
        from fsspec.implementations.local import LocalFileSystem

        return Path(LocalFileSystem._strip_protocol(text))
    return Path(text)


def _remote(url: str, warn: Callable[[str], None]) -> tuple[RemotePath, list[RemotePath]]:
    import fsspec

    protocol = url.split("://", 1)[0]
    fs, inner = fsspec.core.url_to_fs(url)
    if is_glob(inner):
        root = _magic_free(inner)
        found = fs.glob(inner, detail=True)
    elif fs.isdir(inner):
        root = inner
        found = fs.find(inner, detail=True)
    elif fs.exists(inner):
        root = inner.rsplit("/", 1)[0] if "/" in inner.strip("/") else ""
        found = {inner: fs.info(inner)}
    else:
        return RemotePath.of(protocol, inner), []
    base = RemotePath.of(protocol, root)
    files = []
    for name, info in found.items():
        if info.get("type") != "file":
            continue
        path = RemotePath.of(protocol, name)
        rel = path.relative_to(base).parts
        if any(part.startswith(".") for part in rel[:-1]) or not _wanted(rel[-1]):
            continue
        files.append(path)
    return base, sorted(files, key=lambda p: relative_name(p, base))


@contextmanager
def open_regular(path: Path, root: Path, *, follow_symlinks: bool = False) -> Iterator[BinaryIO]:
    """Open a regular file below `root` for reading in binary; raise Refused for anything else (a
    FIFO, a device, a socket, a folder, a symlink out of `root` unless `follow_symlinks`). A
    RemotePath is opened through its filesystem."""
    if isinstance(path, RemotePath):
        with path.open() as f:
            yield f
        return
    if not follow_symlinks:
        target = outside(path, root)
        if target is not None:
            raise Refused(
                f"symlink to {target}, outside the input folder: not followed (--follow-symlinks reads it)"
            )
    _require_regular(os.stat(path).st_mode)
    # O_NONBLOCK: a file swapped for a FIFO after the check above must not block open() either.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        _require_regular(os.fstat(fd).st_mode)
        f = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with f:
        yield f


def _require_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS.items() if test(mode)), "not a file")
        raise Refused(f"not a regular file ({kind})")


def read_limited(f: BinaryIO, limit: int) -> bytes:
    """Give the bytes of `f`, raising Refused as soon as there are more than `limit` (the size on
    disk may be wrong, or the file may grow while it is read)."""
    size = file_size(f)
    if size > limit:
        raise Refused(f"file too large: {size / 2**20:.1f} MiB > limit {limit / 2**20:.1f} MiB")
    data = f.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"file too large: more than the limit of {limit / 2**20:.1f} MiB")
    return data


def file_size(f: BinaryIO) -> int:
    """Give the size of an open file (local, or of an fsspec filesystem)."""
    try:
        return os.fstat(f.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):
        size = getattr(f, "size", None)
        if isinstance(size, int):
            return size
        position = f.tell()
        size = f.seek(0, os.SEEK_END)
        f.seek(position)
        return size


def lines_limited(f: BinaryIO, limit: int, *, end: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (number, line) for the lines of `f` up to byte `end`, a line longer than `limit` as
    None (skipped without being held in memory)."""
    number, position = 0, 0
    while position < end:
        line = f.readline(min(limit + 1, end - position))
        if not line:
            return
        position += len(line)
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while position < end and not line.endswith(b"\n"):  # skip the rest of the line
                line = f.readline(min(2**20, end - position))
                if not line:
                    break
                position += len(line)
            yield number, None
            continue
        yield number, line
