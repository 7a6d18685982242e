"""Documents named only generically ("17 cooperation documents were signed", "the documents
signed in the session"): their status, date, place and parties, which the typed documents listed
among them take ("The papers included a memorandum …", "The accord was among the papers …")."""

from __future__ import annotations

from dataclasses import dataclass

from ...rules import rule
from .clauses import Found, clause, clause_parties, resolve_group
from .phrases import count_of
from .status import Status, governing_status, headline_status, modifier_status
from .syntax import Tree, is_finite, is_participle, lemma


@dataclass
class Group:
    """Documents counted or named generically ("17 cooperation documents were signed")."""

    sentence: int
    status: str | None
    date: str | None
    place: str | None
    parties: list
    count: int | None = None  # "подписано 11 документов": 11 (untyped documents only)


@rule("doc.general_statement", stage="documents", off=False)
def general_statement(tree: Tree, i: int, status: Status) -> bool:
    """Documents described by a participle in a general statement in the present are existing
    ones, no news: "Конвенция и другие документы, принятые нашими странами, являются механизмом",
    "the conventions signed by the region's states remain its legal basis"."""
    if status.how != "participle":
        return False
    verb = next((h for h in tree.heads(i) if tree.tokens[h].pos in ("VERB", "AUX")), None)
    return (
        verb is not None
        and is_finite(tree.tokens[verb])
        and tree.tokens[verb].feats.get("Tense") == "Pres"
        and not listing_contents(tree, verb)
    )


@rule("doc.listing_contents", stage="documents", off=False)
def listing_contents(tree: Tree, verb: int) -> bool:
    """A verb in the present that says what the documents hold lists the news, no general
    statement: "The signed documents include a memorandum on fisheries", "Подписанные документы
    включают соглашение о транзите"."""
    return lemma(tree.tokens[verb]) in tree.lex.INCLUDING_VERBS


def generic_groups(
    tree: Tree, k: int, text: str, dates, names, bounds, *, bill_passed: bool, in_title: bool = False
) -> list[Group]:
    """Give the generic document nouns of a sentence that have a status ("подписано 11 документов",
    "the papers signed at the plenary")."""
    out = []
    for i, token in enumerate(tree.tokens):
        if lemma(token) not in tree.lex.GENERIC_DOCUMENTS or token.pos not in ("NOUN", "PROPN"):
            continue
        status = governing_status(tree, i, "document", text, bill_passed=bill_passed, in_title=in_title)
        if not status.status or status.status == "mentioned":
            status = modifier_status(tree, i, "document", in_title=in_title)
        if not status.status and in_title:  # "Astana, Baku ink 10 documents"
            status = headline_status(tree, i, "document")
        if not status.status or status.status == "mentioned" or general_statement(tree, i, status):
            continue
        v = status.predicate
        values, places, _ = clause(tree, v, (), dates, names, text)
        subject, parties, group = clause_parties(tree, v, names, with_subject=status.how == "verb")
        parties = subject + parties
        parties = parties + resolve_group(tree, group, names, bounds)
        counts = [c for c in tree.children[i] if tree.tokens[c].rel in ("nummod", "nummod:gov")]
        count = next((n for c in counts if (n := count_of(tree, c))), None)
        out.append(
            Group(
                k, status.status, values[0] if values else None, places[0] if places else None, parties, count
            )
        )
    return out


@rule("doc.documents_reported", stage="documents", off=None)
def documents_reported(groups: list[Group], found: list[Found]) -> int | None:
    """Give the number of documents an article says were signed, adopted or ratified without
    saying of which type ("17 documents were signed", "подписано 18 соглашений и меморандумов"):
    the largest such count (the headline's and the body's tell the same)."""
    counts = [g.count for g in groups if g.count and g.status in ("signed", "adopted", "ratified")]
    counts += [
        f.mention.count
        for f in found
        if f.mention.mixed and f.mention.count and f.status.status in ("signed", "adopted", "ratified")
    ]
    return max(counts, default=None)


def _linked_chain(tree: Tree, k: int) -> list[int]:
    """Give `k` and the tokens above it up to the first one that is no listing word or
    preposition (that one included): the way a noun is listed among others."""
    tokens = tree.tokens
    chain = [tree.first_conjunct(k)]
    while (h := tree.head(chain[-1])) >= 0:
        chain.append(h)
        if not (tokens[h].pos == "ADP" or lemma(tokens[h]) in tree.lex.LISTING_WORDS):
            break
    return chain


def listed_with_generic(tree: Tree, i: int) -> bool:
    """Tell a typed document listed with a generic document noun of its sentence: under it through
    listing words or apposition ("documents, including an agreement"), or both on one listing
    predicate ("The papers included a memorandum", "The accord was one of them")."""
    tokens = tree.tokens
    generic = [
        k
        for k, t in enumerate(tokens)
        if lemma(t) in tree.lex.GENERIC_DOCUMENTS and t.pos in ("NOUN", "PROPN")
    ]
    return _listed_under(tree, i, generic)


@rule("doc.listed_with_pronoun", stage="documents", off=False)
def listed_with_pronoun(tree: Tree, i: int) -> bool:
    """Tell a typed document listed with a pronoun that stands for the documents the sentence
    before counted: "Five documents were signed. They include an agreement on fisheries", "Подписано
    пять документов. Среди них соглашение о транзите"."""
    tokens = tree.tokens
    pronouns = [
        k for k, t in enumerate(tokens) if t.pos == "PRON" and t.text.lower() in tree.lex.GROUP_PRONOUNS
    ]
    return _listed_under(tree, i, pronouns)


@rule("doc.same_listing_word", stage="documents", off=False)
def same_listing_word(tree: Tree, top: int) -> bool:
    """A typed document and a generic noun under one listing word are listed together: "В числе
    подписанных документов соглашение о транзите", "Among the signed papers, a memorandum"."""
    return lemma(tree.tokens[top]) in tree.lex.LISTING_WORDS


def _listed_under(tree: Tree, i: int, generic: list[int]) -> bool:
    tokens = tree.tokens
    mine = _linked_chain(tree, i)
    for g in generic:
        theirs = _linked_chain(tree, g)
        if g in mine[1:]:
            return True  # "documents, including an agreement", "документы: соглашение …"
        if mine[0] in theirs[1:] and len(theirs) > 2:
            return True  # "Среди документов — меморандум" (the generic noun under a listing word)
        top = theirs[-1]
        if top == mine[-1] and len(mine) >= 2 and same_listing_word(tree, top):
            return True
        if top == mine[-1] and lemma(tokens[top]) in tree.lex.LISTING_VERBS and len(mine) >= 2:
            return True
        if (
            lemma(tokens[top]) in tree.lex.LISTING_VERBS
            and tokens[g].rel.startswith("nsubj")
            and _in_predicate(tree, i, top)
        ):
            return True  # "The papers concerned trade …, and a memorandum on …"
        p = tree.head(mine[0])
        if p > g and is_participle(tokens[p]) and not is_finite(tokens[p]):
            if tree.head(p) == g or (tree.head(p) == tree.head(g) and tokens[g].rel in ("obj", "dobj")):
                return True  # "signed a paper on Monday that sets out the plan": what the paper is
    return False


def _in_predicate(tree: Tree, i: int, v: int) -> bool:
    """Tell a noun inside the predicate of copula or listing verb `v`, with no other verb between
    (a gerund may stand in the list: "in the fields of fighting drug smuggling, …")."""
    k = i
    while (h := tree.head(k)) >= 0 and h != v:
        t = tree.tokens[h]
        if t.pos in ("VERB", "AUX") and t.feats.get("Aspect") != "Prog":  # a gerund may be a listed item
            return False
        k = h
    return h == v and not tree.tokens[k].rel.startswith("nsubj")


def merged_groups(groups: list[Group]) -> list[Group]:
    """Give one group for the groups of one sentence (a headline run into the lead: "Baku, Astana sign
    six papers During the visit six papers were signed …")."""
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
