"""Participle clauses that describe a document ("…, заключённого 2 июля в Караколе", "the
accord, sealed at the forum in Khujand last week, …"): which document
each belongs to, and the dates, places and parties written in it and in a document's phrase."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...article import Mention
from ...lexicon import pattern
from ...rules import rule
from ..common import locative_before
from .names import Names
from .parties import party_list
from .status import status_word
from .syntax import Tree, agrees, is_finite, is_participle, is_plural, lemma
from .where import capital_owner, locative_at


def _date_of(lang: str) -> re.Pattern:
    """Give the pattern of a document's own date's preposition ("от", "of", "dated") before it."""
    return pattern(lang, "DOCUMENT_DATE_PREPOSITIONS", r"\b{}\s*$")


def _not_document_date(lang: str) -> re.Pattern:
    """Give the pattern of a date of validity or a deadline's preposition ("на", "до", "until")."""
    return pattern(lang, "NOT_DOCUMENT_DATE_PREPOSITIONS", r"\b{}\s*$", 0)


def dates_in(
    dates: Sequence[Mention], start: int, stop: int, text: str, lang: str
) -> list[tuple[Mention, bool]]:
    """Give the dated mentions inside [start, stop) with whether "от"/"of" introduces them; a
    date of validity ("на 2023 год", "до 2030 года") is none of the document's."""
    out = []
    for d in dates:
        if (
            start <= d.start
            and d.stop <= stop
            and d.attrs.get("value")
            and d.attrs.get("role") != "published"
        ):
            before = text[max(0, d.start - 12) : d.start]
            if _not_document_date(lang).search(before) and not _date_of(lang).search(before):
                continue
            out.append((d, bool(_date_of(lang).search(before))))
    return out


def places_in(names: Names, start: int, stop: int, text: str, lang: str) -> list[str]:
    """Give the places written with a locative in [start, stop), cities first ("in Turkmenistan's
    capital Ashgabat" -> Ashgabat)."""
    found = [
        m
        for m in names.inside(start, stop)
        if m.kind == "place"
        and not capital_owner(lang, text, m.start, m.stop, names)
        and (locative_before(lang, text[max(0, m.start - 40) : m.start]) or locative_at(lang, text, m.start))
    ]
    return [m.normal for m in sorted(found, key=lambda m: m.attrs.get("kind") != "city")]


def _participle_clause(tree: Tree, p: int) -> int:
    """Give the index after the participle clause starting at `p`: up to the next comma, or, for a
    clause the parse cannot bound, the first word outside the participle's subtree."""
    tokens = tree.tokens
    depth = tree.depth[p]
    set_off = set_off_clause(tree, p)
    j = p + 1
    while j < len(tokens):
        t = tokens[j]
        if t.text == "," and set_off and _joins_conjuncts(tree, j, p):
            j += 1
            continue
        if t.text in (",", ";", ":") or is_finite(t) or t.pos == "AUX":
            break
        if tree.depth[j] < depth and not set_off:
            break
        j += 1
    return j


@rule("doc.set_off_participle_clause", stage="documents", off=False)
def set_off_clause(tree: Tree, p: int) -> bool:
    """A participle clause set off by a comma after its noun ("…соглашения, подписанного министрами
    Узбекистана, Таджикистана и Казахстана в Ташкенте") runs to the next comma that does not join
    two of its list's members, or to the sentence's end, wherever the parse hangs its last words
    ("в Ташкенте" on the main verb): the commas, not the parse, bound it."""
    return p > 0 and tree.tokens[p - 1].text == ","


def _joins_conjuncts(tree: Tree, comma: int, first: int) -> bool:
    """Tell a comma between two members of a list inside the clause starting at `first`."""
    tokens = tree.tokens
    following = comma + 1
    return (
        following < len(tokens)
        and tokens[following].rel == "conj"
        and first <= tokens[following].head < comma
    )


def _instrumental_agent(tree: Tree, k: int) -> bool:
    """Tell the agent of a Russian passive: a noun in the instrumental with no preposition."""
    t = tree.tokens[k]
    return (
        t.feats.get("Case") == "Ins"
        and t.pos in ("NOUN", "PROPN")
        and not any(tree.tokens[c].rel == "case" for c in tree.children[k])
        and (k == 0 or tree.tokens[k - 1].pos not in ("ADP",))
    )


@dataclass(frozen=True)
class ParticipleClause:
    """A participle clause ("…, подписанного 2 июля в Караколе") and what it says of the documents
    it describes (`owners`, token indices of their nouns): when, where, by whom, about what."""

    participle: int
    owners: tuple[int, ...]
    dates: tuple[str, ...]
    places: tuple[str, ...]
    parties: tuple
    group: int | None
    words: frozenset[str]


@rule("doc.participle_clause", stage="documents", off=())
def participle_clauses(
    tree: Tree, nouns: Sequence[int], names: Names, dates: Sequence[Mention], text: str
) -> tuple[ParticipleClause, ...]:
    """Give the participle clauses of the sentence, each with the document nouns (of `nouns`) it
    agrees with (Russian) or hangs on (English): their date, place and listed parties are the
    documents'."""
    tokens = tree.tokens
    out = []
    last = -1  # a participle clause ends the run of documents the next one may describe
    for p, token in enumerate(tokens):
        if not is_participle(token) or token.feats.get("Variant") == "Short" or not status_word(tree, p, ""):
            continue  # only "подписанного …", "signed …" clauses say when, where and by whom
        earlier = [i for i in nouns if last < i < p] or [i for i in nouns if i < p][-1:]
        if not earlier:
            continue
        if token.feats.get("Case"):  # Russian: agreement picks the noun
            owners = [i for i in earlier if agrees(token, tokens[i])]
            if token.feats.get("Number") != "Plur":
                owners = owners[-1:]
            elif len(owners) == 1 and not is_plural(tokens[owners[0]], tree.lex):
                owners = []  # "Договора …, способствующих увеличению": a plural clause needs plural nouns
        else:
            owners = [tree.head(p)] if tree.head(p) in nouns and tokens[p].rel.startswith("acl") else []
        if not owners and tree.head(p) in nouns:
            owners = [tree.head(p)]
        if owners:
            last = p
        end = _participle_clause(tree, p)
        start, stop = token.start, tokens[end - 1].stop
        parties: list = []
        group = None
        agent = next((k for k in range(p + 1, end) if _instrumental_agent(tree, k)), None)
        if agent is not None:  # "подписанного министрами энергетики Армении, Грузии …"
            parties.extend(party_list(tree, agent - 1, names)[0])
        for k in range(p + 1, end):
            if tokens[k].text.lower() in tree.lex.PARTY_PREPOSITIONS:
                listed, _, listed_group = party_list(tree, k, names)
                parties.extend(listed)
                group = group if group is not None else listed_group
        words = frozenset(
            lemma(t)
            for t in tokens[p + 1 : end]
            if t.pos in ("NOUN", "ADJ")
            and lemma(t) not in tree.lex.NEUTRAL_MODIFIERS | tree.lex.STOP_WORDS | tree.lex.CLAUSE_WORDS
            and not names.covering(t.start)
            and not any(d.start <= t.start < d.stop for d in dates)
        )
        out.append(
            ParticipleClause(
                p,
                tuple(owners),
                tuple(d.attrs["value"] for d, _ in dates_in(dates, start, stop, text, tree.lang)),
                tuple(places_in(names, start, stop, text, tree.lang)),
                tuple(parties),
                group,
                words,
            )
        )
    return tuple(out)
