"""Enumerated lists of documents: a sentence announces them ("подписаны следующие документы:",
"The following documents were signed:", "Стороны подписали:") and the items follow the colon, in
the same sentence or on bulleted or numbered lines, or separated by semicolons. Each item is a
document of its own; its type comes from its head noun, and it takes the list's status, date,
place and parties (an item that names its own parties keeps them)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...rules import rule
from .clauses import clause, clause_parties, resolve_group
from .groups import Group
from .names import Names
from .status import governing_status, modifier_status, participle_status, status_word
from .syntax import OPENING_QUOTES, Tree, is_plural, lemma

# An item's mark at the start of its line or sentence: a bullet, "1.", "2)", "а)".
ITEM_MARK = re.compile(r"^\s*(?:[-–—•*·▪●►]|\(?\d{1,2}[.)]|[a-zа-я]\))\s*\S")
# What ends the text before an item: a semicolon, the list's colon, an item's number cut off by
# the segmenter ("…документы: 1." | "Соглашение …").
BEFORE_ITEM = re.compile(r"(?:[;:]|(?:^|\s)\(?\d{1,2}[.)])\s*$")


@dataclass(frozen=True)
class OpenList:
    """A list announced by sentence `sentence`: its items come after offset `colon`."""

    group: Group
    sentence: int
    colon: int


@rule("doc.enumerated_list", stage="documents", off=None)
def list_opener(
    tree: Tree,
    k: int,
    text: str,
    dates,
    names: Names,
    bounds: Sequence[tuple[int, int]],
    *,
    bill_passed: bool,
) -> OpenList | None:
    """A sentence that ends a status predicate with a colon opens a list of documents ("подписаны
    следующие документы:", "the following documents were signed:", "Стороны подписали:"): its
    items take the predicate's status, date, place and parties. A colon before a quotation is
    speech, no list."""
    tokens = tree.tokens
    colon = next((j for j in range(len(tokens) - 1, -1, -1) if tokens[j].text == ":"), None)
    if colon is None or (colon + 1 < len(tokens) and tokens[colon + 1].text in OPENING_QUOTES | {'"'}):
        return None
    status = None
    for j in range(colon - 1, -1, -1):
        word = lemma(tokens[j])
        if word in tree.lex.GENERIC_DOCUMENTS or (
            tree.lex.DOCUMENT_TYPES.get(word) and is_plural(tokens[j], tree.lex)
        ):
            status = governing_status(tree, j, "document", text, bill_passed=bill_passed)
            if not status.status or status.status == "mentioned":
                status = modifier_status(tree, j, "document")
        elif status_word(tree, j, "document") and tokens[j].pos in ("VERB", "AUX", "ADJ"):
            status = participle_status(tree, j, "document")
        if status is not None and status.status and status.status != "mentioned":
            break
        status = None
    if status is None:
        return None
    v = status.predicate
    values, places, _ = clause(tree, v, (), dates, names, text)
    subject, parties, group = clause_parties(
        tree, v, names, with_subject=status.how in ("verb", "participle")
    )
    parties = subject + parties + resolve_group(tree, group, names, bounds)
    found = Group(k, status.status, values[0] if values else None, places[0] if places else None, parties)
    return OpenList(found, k, tokens[colon].stop)


def list_goes_on(text: str, bounds: Sequence[tuple[int, int]], k: int) -> bool:
    """Tell whether sentence `k` is an item of a list opened before it: it begins with an item's
    mark, or the sentence before it ends with a semicolon, a colon or an item's number."""
    start, stop = bounds[k]
    if ITEM_MARK.match(text[start:stop]):
        return True
    return k > 0 and bool(BEFORE_ITEM.search(text[bounds[k - 1][0] : start]))
