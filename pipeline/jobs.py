"""The jobs of a run: one article each, whatever the files hold; and one id per article.

A plain file is read by the worker that processes it; a JSON or JSONL file is read here and each
record is a job, so a big feed is spread over the workers; a text too long to be one article
comes back from its worker as `Split` parts, each a job (`read.PART_CHARS`). A job that failed
(its worker died twice, or it ran past its time budget) becomes its article's error row here.
`ArticleIds` makes every article id of a run unique, whatever derives them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .article import Result, Source
from .inputs import Refused, open_regular
from .read import PART_CHARS, article_id, file_digest, read_file, relative_name


@dataclass(frozen=True)
class Split:
    """A file whose text is too long for one article: its parts, to be processed one by one."""

    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Tag:
    """Where a job's result goes: the file's index in the plan, whether it is the file's last
    job, and the source it processes when that is known before it runs (a record, a part)."""

    index: int
    last: bool
    source: Source | None = None


def process_path(path: Path, root: Path, en_model: str, max_bytes: int, follow_symlinks: bool):
    """Give the outcomes of the article of one file (the job of a worker), or its parts (Split)."""
    from .run import outcome, process

    sources = list(read_file(path, root=root, max_bytes=max_bytes, follow_symlinks=follow_symlinks))
    if len(sources) > 1:
        return Split(tuple(sources))
    return [outcome(process(source, en_model=en_model)) for source in sources]


def process_source(source: Source, en_model: str) -> list:
    """Give the outcome of one article already read (a record of a JSON or JSONL file, a part)."""
    from .run import outcome, process

    return [outcome(process(source, en_model=en_model))]


def jobs(plan: list, root: Path, en_model: str, max_bytes: int, follow_symlinks: bool) -> Iterator[tuple]:
    """Give the jobs of a run in input order: an unchanged file's entry, or the work of a file to
    redo. A JSON or JSONL file is read record by record as its jobs are taken."""
    for index, (path, entry) in enumerate(plan):
        if entry is not None:
            yield None, entry, Tag(index, True)
        elif path.suffix.lower() in (".json", ".jsonl"):
            sources = read_file(path, root=root, max_bytes=max_bytes, follow_symlinks=follow_symlinks)
            source = next(sources)  # read_file always gives one
            while source is not None:
                following = next(sources, None)
                yield process_source, (source, en_model), Tag(index, following is None, source)
                source = following
        else:
            yield process_path, (path, root, en_model, max_bytes, follow_symlinks), Tag(index, True)


def expand(tag: Tag, value, en_model: str) -> list[tuple] | None:
    """Give the jobs of the parts of a Split (in `in_order`), else None."""
    if not isinstance(value, Split):
        return None
    n = len(value.sources)
    return [
        (process_source, (source, en_model), Tag(tag.index, tag.last and i == n - 1, source))
        for i, source in enumerate(value.sources)
    ]


def failed(tag: Tag, error: Exception, path: Path, root: Path, max_bytes: int, follow_symlinks: bool) -> list:
    """Give the error row of a job that failed. The row keeps the file's sha256: the next run
    reuses it until the file changes (or --force)."""
    from .run import outcome

    source = tag.source
    if source is None:
        rel = relative_name(path, root)
        digest = file_digest(path, root=root, max_bytes=max_bytes, follow_symlinks=follow_symlinks)
        source = Source(article_id(rel), rel, digest or "")
    message = f"processing failed: {error}"
    source = replace(source, text=None, error=message)
    return [outcome(Result(article=None, source=source, status="error", error=message))]


def work_units(path: Path, root: Path, follow_symlinks: bool) -> int:
    """Give an estimate of the number of articles of a file, cheaply: its records (lines of a
    JSONL file, "text" keys of a JSON file) or its parts."""
    try:
        with open_regular(path, root, follow_symlinks=follow_symlinks) as f:
            suffix = path.suffix.lower()
            if suffix == ".jsonl":
                lines, last = 0, b"\n"
                for block in iter(lambda: f.read(2**20), b""):
                    lines, last = lines + block.count(b"\n"), block[-1:]
                return max(1, lines + (last != b"\n"))
            if suffix == ".json":
                return max(1, sum(block.count(b'"text"') for block in iter(lambda: f.read(2**20), b"")))
            return 1 + _size(f) // (2 * PART_CHARS)  # at least 2 bytes per character of Cyrillic
    except (OSError, Refused):
        return 1


def _size(f) -> int:
    import os

    return os.fstat(f.fileno()).st_size


class ArticleIds:
    """The article ids of a run, unique by construction: the first article with an id keeps it,
    a later one gets a distinct id derived from it and its rank (decided here and nowhere else,
    in input order, so a re-run and a fresh run agree)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, base: str) -> str:
        aid, n = base, 1
        while aid in self.taken:
            n += 1
            aid = hashlib.sha256(f"{base}\n{n}".encode()).hexdigest()[:16]
        self.taken.add(aid)
        return aid
