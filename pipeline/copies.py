"""Second copies of an article: the same bytes (and record key) under another file name.

An article's id comes from its content (`read.article_id`), so two copies would share one id.
The first copy in input order keeps it; a later one becomes an `articles` row of its own with
status `skipped`, which names the first. A file holding such a copy is redone on the next run,
so that it is processed in full once the first copy is gone.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .run import Outcome
    from .state import FileEntry


def copy_id(article_id: str, where: str) -> str:
    """Give the id of a second copy: a hash of the article's id and where the copy lies."""
    return hashlib.sha256(f"{article_id}@{where}".encode()).hexdigest()[:16]


class Copies:
    """The first copy of every article id seen so far in the run, in input order."""

    def __init__(self) -> None:
        self.first: dict[str, str] = {}
        self.copies: set[str] = set()  # the ids given to second copies

    def check(self, outcome: Outcome) -> Outcome:
        """Give `outcome` itself for a first copy, else its `skipped` row naming the first."""
        aid = outcome.source.article_id
        first = self.first.setdefault(aid, outcome.where)
        if first == outcome.where:
            return outcome
        new_id = copy_id(aid, outcome.where)
        error = f"a copy of {first} (article {aid})"
        [row] = [row for table, row in outcome.rows if table == "articles"]
        row = {**row, "article_id": new_id, "status": "skipped", "error": error,
               "event_start": None, "event_end": None}  # fmt: skip
        self.copies.add(new_id)
        source = replace(outcome.source, article_id=new_id)
        return replace(outcome, source=source, status="skipped", error=error, rows=(("articles", row),))

    def redo(self, entry: FileEntry, outcomes: list[Outcome]) -> FileEntry:
        """Give the manifest entry of a file: without its sha256 (redone next time) when it holds a copy."""
        if any(o.source.article_id in self.copies for o in outcomes):
            return replace(entry, sha256=None, articles=tuple(o.source.article_id for o in outcomes))
        return entry
