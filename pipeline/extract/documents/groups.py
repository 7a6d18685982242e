"""Documents named only generically ("17 cooperation documents were signed", "the documents
signed in the session"): their status, date, place and parties, which the typed documents listed
among them take ("The documents included a memorandum …", "The treaty was one of the documents …")."""

from __future__ import annotations

from dataclasses import dataclass

from .clauses import Found, clause, clause_parties, resolve_group
from .status import Status, governing_status, modifier_status
from .syntax import Tree, lemma
from .vocab import GENERIC_LEMMAS


@dataclass
class Group:
    """Documents counted or named generically ("17 cooperation documents were signed")."""

    sentence: int
    status: str | None
    date: str | None
    place: str | None
    parties: list


def generic_groups(tree: Tree, k: int, text: str, dates, names, bounds, *, bill_passed: bool) -> list[Group]:
    """Give the generic document nouns of a sentence that have a status ("подписано 11 документов",
    "the documents signed in the joint session")."""
    out = []
    for i, token in enumerate(tree.tokens):
        if lemma(token) not in GENERIC_LEMMAS or token.pos not in ("NOUN", "PROPN"):
            continue
        status = governing_status(tree, i, "document", text, bill_passed=bill_passed)
        if not status.status or status.status == "mentioned":
            status = modifier_status(tree, i, "document")
        if not status.status or status.status == "mentioned":
            continue
        v = status.predicate
        values, places, _ = clause(tree, v, (), dates, names, text)
        subject, parties, group = clause_parties(tree, v, names, with_subject=status.how == "verb")
        parties = subject + parties
        parties = parties + resolve_group(tree, group, names, bounds)
        out.append(
            Group(k, status.status, values[0] if values else None, places[0] if places else None, parties)
        )
    return out


def inherit(f: Found, group: Group, earlier: Group | None) -> None:
    """Give a mention listed among documents the status, date, place and parties of their group."""
    f.status = Status(group.status, -1, "group")
    for source in (group, earlier):
        if source is None:
            continue
        f.date = f.date or source.date
        f.place = f.place or source.place
        if not f.parties:
            f.parties = list(source.parties)


def merged_groups(groups: list[Group]) -> list[Group]:
    """Give one group for the groups of one sentence ("Tehran, Bishkek sign five cooperation documents
    During Rouhani's stay in Kyrgyzstan, five cooperation documents were signed …")."""
    if len(groups) < 2:
        return groups
    first = groups[0]
    return [
        Group(
            first.sentence,
            first.status,
            next((g.date for g in groups if g.date), None),
            next((g.place for g in groups if g.place), None),
            next((g.parties for g in groups if g.parties), []),
        )
    ]


def typed_groups(found: list[Found], k: int) -> list[Group]:
    """Give counted or plural document nouns with a status as groups ("Two memorandums were signed
    between Iran and Tajikistan")."""
    return [
        Group(k, f.status.status, f.date, f.place, list(f.parties))
        for f in found
        if f.mention.sentence == k and f.mention.plural and f.status.status not in (None, "mentioned")
    ]
