"""The jobs of a run: one article each, whatever the files hold; and one id per article.

A plain file is read by the worker that processes it; a JSON or JSONL file is read here and each
record is a job, so a big feed is spread over the workers; a text too long to be one article
comes back from its worker as `Split` parts, each a job (`read.PART_CHARS`). A job that failed
(its worker died twice, or it ran past its time budget) becomes its article's error row here.
`ArticleIds` makes every article id of a run unique, whatever derives them, and is the one place
that handles a second copy of an article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .article import Result, Source
from .corrections import Corrections
from .inputs import Refused, open_regular
from .read import PART_CHARS, article_id, file_digest, path_id, read_file, relative_name

if TYPE_CHECKING:
    from .run import Outcome


@dataclass(frozen=True)
class Work:
    """How every article of a run is read and processed (sent with each job to its worker)."""

    en_model: str
    max_bytes: int
    follow_symlinks: bool
    corrections: Corrections | None = None


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


def process_path(path: Path, root: Path, work: Work):
    """Give the outcomes of the article of one file (the job of a worker), or its parts (Split)."""
    from .run import outcome, process

    sources = list(read_file(path, root=root, max_bytes=work.max_bytes, follow_symlinks=work.follow_symlinks))
    if len(sources) > 1:
        return Split(tuple(sources))
    return [
        outcome(process(source, en_model=work.en_model, corrections=work.corrections)) for source in sources
    ]


def process_source(source: Source, work: Work) -> list:
    """Give the outcome of one article already read (a record of a JSON or JSONL file, a part)."""
    from .run import outcome, process

    return [outcome(process(source, en_model=work.en_model, corrections=work.corrections))]


def jobs(plan: list, root: Path, work: Work) -> Iterator[tuple]:
    """Give the jobs of a run in input order: an unchanged file's entry, or the work of a file to
    redo. A JSON or JSONL file is read record by record as its jobs are taken."""
    for index, (path, entry) in enumerate(plan):
        if entry is not None:
            yield None, entry, Tag(index, True)
        elif path.suffix.lower() in (".json", ".jsonl"):
            sources = read_file(
                path, root=root, max_bytes=work.max_bytes, follow_symlinks=work.follow_symlinks
            )
            source = next(sources)  # read_file always gives one
            while source is not None:
                following = next(sources, None)
                yield process_source, (source, work), Tag(index, following is None, source)
                source = following
        else:
            yield process_path, (path, root, work), Tag(index, True)


def expand(tag: Tag, value, work: Work) -> list[tuple] | None:
    """Give the jobs of the parts of a Split (in `in_order`), else None."""
    if not isinstance(value, Split):
        return None
    n = len(value.sources)
    return [
        (process_source, (source, work), Tag(tag.index, tag.last and i == n - 1, source))
        for i, source in enumerate(value.sources)
    ]


def failed(tag: Tag, error: Exception, path: Path, root: Path, work: Work) -> list:
    """Give the error row of a job that failed, under the id the article would have had (from the
    file's bytes; from its path when they cannot be read). The row keeps the file's sha256: the
    next run reuses it until the file changes (or --force)."""
    from .run import outcome

    source = tag.source
    if source is None:
        rel = relative_name(path, root)
        digest = file_digest(path, root=root, max_bytes=work.max_bytes, follow_symlinks=work.follow_symlinks)
        source = Source(article_id(digest) if digest else path_id(rel), rel, digest or "")
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


def copy_id(article_id: str, where: str) -> str:
    """Give the id of a second copy of an article: a hash of the article's id and where the copy lies."""
    return hashlib.sha256(f"{article_id}@{where}".encode()).hexdigest()[:16]


class ArticleIds:
    """The article ids of a run, unique by construction, decided here and nowhere else.

    An id comes from the article's content (`read.article_id`), so a second copy of an article
    (the same bytes, and record key, under another name) arrives with the id of the first. Claimed
    in input order, the first keeps it; a later one becomes an `articles` row of its own with
    status `skipped` that names the first, under an id derived from its own and where it lies (the
    next free one, should that be taken). A file holding such a copy is redone on every run (its
    manifest entry keeps no sha256), so it is processed in full once the first copy is gone, and a
    re-run gives the ids of a fresh run.
    """

    def __init__(self) -> None:
        self.first: dict[str, str] = {}  # every id given so far -> where its article lies
        self.copies: set[str] = set()  # the ids given to second copies

    def claim(self, outcome: Outcome) -> Outcome:
        """Give `outcome` itself when its id is free, else its `skipped` row under an id of its own."""
        aid = outcome.source.article_id
        if aid not in self.first:
            self.first[aid] = outcome.where
            return outcome
        new_id, n = copy_id(aid, outcome.where), 1
        while new_id in self.first:
            n += 1
            new_id = copy_id(aid, f"{outcome.where}\n{n}")
        self.first[new_id] = outcome.where
        self.copies.add(new_id)
        error = f"a copy of {self.first[aid]} (article {aid})"
        [row] = [row for table, row in outcome.rows if table == "articles"]
        row = {**row, "article_id": new_id, "status": "skipped", "error": error,
               "event_start": None, "event_end": None}  # fmt: skip
        source = replace(outcome.source, article_id=new_id)
        return replace(outcome, source=source, status="skipped", error=error, rows=(("articles", row),))

    def holds_copy(self, outcomes: list[Outcome]) -> bool:
        """Tell whether any of `outcomes` (as claimed) is a second copy."""
        return any(o.source.article_id in self.copies for o in outcomes)
