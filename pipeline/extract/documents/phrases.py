"""Document mentions in one sentence: the noun, its type, and the phrase that describes it (the one
module that builds a `DocMention`; the clauses module reads it, never changes it).

A document's phrase runs from the noun (with the words qualifying it: "Грантового соглашения",
"a technological cooperation agreement") to the right up to the next document noun, a finite
verb, a clause boundary or the quote that closes the title it stands in. A participle clause
("…, заключённого 2 июля в Караколе") belongs to the document it agrees with in
case, number and gender (Russian) or hangs on (English). From the phrase and its clauses come
the number ("№ 7", "A/RES/76/129"), the title ("о взаимных поездках граждан"), the date written
with it ("от 3 октября 2006 года", "of December 16, 2021"), the place ("в городе Бишкек") and the
parties listed ("между X и Y").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ...article import Mention
from ...rules import enabled, rule
from .names import Names
from .participles import dates_in, participle_clauses, places_in
from .parties import party_list
from .syntax import Tree, agrees, is_participle, is_plural, lemma

NUMBER = re.compile(r"\s*(?:№|\bNo\.?|\bN)\s?(\d(?:[\w/.-]*\w)?)|\s*\b([A-Z]{1,4}/RES/[\dA-Z\-]+/\d+)\b")

# A UN-style number anywhere in the phrase ("the resolution … of December 14, 2022 A/RES/77/172"),
# in the second group like NUMBER's.
RES_NUMBER = re.compile(r"()\b([A-Z]{1,4}/RES/[\dA-Z\-]+/\d+)\b")


@dataclass
class DocMention:
    """One mention of a document (a mutable builder: the stage fills status, date, parties…)."""

    type: str
    sentence: int  # index of the sentence in the article
    index: int  # the noun's token index in its sentence
    start: int  # the phrase's offsets (modifiers, noun, own phrase)
    stop: int
    noun: tuple[int, int]  # the noun's offsets
    in_title: bool = False
    plural: bool = False
    quantified: bool = False
    count: int | None = None  # the number of documents a count gives: "four MOUs", "23 соглашения"
    mixed: bool = False  # the count is a total of several types: "18 agreements and memoranda"
    anaphoric: bool = False
    other: bool = False
    indefinite: bool = False  # "a resolution was adopted": a document not named before
    capitalised: bool = False
    words: frozenset[str] = frozenset()  # content lemmas of qualifiers and title
    title: str | None = None
    title_attached: bool = False  # the parse hangs the title on the noun too
    number: str | None = None
    own_date: str | None = None  # written with the document: "от 3 октября 2006 года"
    clause_dates: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    parties: list[Mention | str] = field(default_factory=list)
    listed_parties: bool = False  # parties written in the document's own phrase ("между X и Y")
    participles: list[int] = field(default_factory=list)
    group_noun: int | None = None
    same_as: int | None = None  # the document noun of its sentence it is said to be: "X is a treaty"
    lists: list[tuple[int, int]] = field(default_factory=list)  # token ranges of party lists

    @property
    def specific(self) -> bool:
        """Tell a mention that says which document it is, not just its kind."""
        return bool(self.title or self.number or self.own_date or self.listed_parties or self.capitalised)

    @property
    def bare(self) -> bool:
        return not (self.words or self.number or self.own_date or self.listed_parties)


@rule("doc.type_complement", stage="documents", off=False)
def type_complement(lex, word: str) -> bool:
    """A word that completes a type's name tells no document apart: "a memorandum of
    understanding" names no subject, so it is not the memorandum on trade told before it; "меморандум
    о взаимопонимании"."""
    return word in lex.TYPE_COMPLEMENTS


@rule("doc.founding_charter", stage="documents", off=False)
def founding_charter(tree: Tree, i: int, names: Names) -> bool:
    """A charter named with an organisation is its founding treaty: "Устав Шанхайской организации
    сотрудничества", "the UN Charter"."""
    near = tree.tokens[max(0, i - 3) : i + 5]
    start, stop = near[0].start, near[-1].stop
    organisation = any(m.kind == "organisation" and start <= m.start < stop for m in names.mentions)
    return organisation or bool({lemma(t) for t in near} & tree.lex.NAME_HEADS)


@rule("doc.in_organisation_name", stage="documents", off=False)
def in_organisation_name(tree: Tree, i: int, names: Names) -> bool:
    """A document word inside an organisation's name is no document: "Организация Договора о
    коллективной безопасности", "the Steppe Trade Treaty Organization" (but "the United
    Nations Charter" ends the name, and a name with no institution's word besides it, "the Almaty
    Convention on Transit" tagged as an organisation, is the document's)."""
    token = tree.tokens[i]
    organisation = names.covering(token.start, "organisation")
    inside = organisation is not None and any(
        lemma(t) in tree.lex.HEAD_WORDS | tree.lex.NAME_HEADS
        for t in tree.tokens
        if t is not token and organisation.start <= t.start < organisation.stop
    )
    return inside or bool(i and lemma(tree.tokens[i - 1]) in tree.lex.NAME_HEADS)


@rule("doc.notes_as_means", stage="documents", off=False)
def notes_as_means(tree: Tree, i: int, word: str) -> bool:
    """Notes by means of which another document was made are none of their own: "изменения,
    внесенные путем обмена нотами"."""
    before = {t.text.lower() for t in tree.tokens[max(0, i - 3) : i]}
    return word in tree.lex.PLURAL_NAMES and bool(before & tree.lex.MEANS_WORDS)


@rule("doc.constituted", stage="documents", off=False)
def constituted(tree: Tree, i: int) -> bool:
    """A document named as what another constitutes is that one, not a second document: the
    treaty of "Обменные ноты, образующие международный договор" is the notes."""
    tokens, before = tree.tokens, i - 1
    while before >= 0 and tokens[before].pos in ("ADJ", "DET"):
        before -= 1
    return bool({lemma(tokens[k]) for k in (tree.head(i), before) if k >= 0} & tree.lex.CONSTITUTING_VERBS)


def constituted_type(tree: Tree, i: int) -> str | None:
    """Give the type of the document that document noun `i` constitutes, or None: "Обменные
    ноты …, образующие международный договор" are a treaty, "notes constituting an agreement" an
    agreement. The constituting participle hangs on the noun or agrees with it, after it in its
    sentence; what it constitutes is its object."""
    tokens = tree.tokens
    for k in range(i + 1, len(tokens)):
        if lemma(tokens[k]) not in tree.lex.CONSTITUTING_VERBS:
            continue
        if tree.head(k) != i and not (tokens[k].feats.get("Case") and agrees(tokens[k], tokens[i])):
            return None
        for j in range(k + 1, min(len(tokens), k + 4)):
            kind = tree.lex.DOCUMENT_TYPES.get(lemma(tokens[j]))
            if kind and constituted(tree, j):
                return kind
        return None
    return None


def count_of(tree: Tree, c: int) -> int | None:
    """Give the number a numeral token says ("4", "четыре", "трёх", "ten"), or None."""
    token = tree.tokens[c]
    if token.text.isdigit():
        return int(token.text) if 1 < int(token.text) < 1000 else None
    cardinals = tree.lex.CARDINALS
    value = cardinals.get(token.text.lower()) or cardinals.get(lemma(token))
    return value if value and value > 1 else None


def document_type(tree: Tree, i: int, names: Names) -> str | None:
    """Give the type of document noun `i`, or None ("Организации Договора о коллективной
    безопасности" names an organisation; "agreement signing ceremony" is a ceremony)."""
    tokens = tree.tokens
    token = tokens[i]
    if token.pos not in ("NOUN", "PROPN", "X"):
        return None
    word, text = lemma(token), token.text.lower()
    if word not in tree.lex.DOCUMENT_HEADS and text not in tree.lex.DOCUMENT_HEADS:
        return None
    neighbours = {lemma(t) for t in tokens[max(0, i - 3) : i + 4]} | tree.child_lemmas(i)
    kind = next(
        (
            k
            for (head, mate), k in tree.lex.DOCUMENT_TYPE_PAIRS.items()
            if head in (word, text) and mate in neighbours
        ),
        None,
    )
    kind = kind or tree.lex.DOCUMENT_TYPES.get(word) or tree.lex.DOCUMENT_TYPES.get(text)
    if kind and enabled("doc.constituted"):
        kind = constituted_type(tree, i) or kind
    if kind is None and word in tree.lex.CHARTER_NOUNS and founding_charter(tree, i, names):
        return "treaty"
    if kind is None or in_organisation_name(tree, i, names) or notes_as_means(tree, i, word):
        return None
    head = tree.head(i)
    if constituted(tree, i):
        return None
    if (
        token.rel == "compound"
        and head > i
        and tree.lex.DOCUMENT_TYPES.get(lemma(tokens[head])) is None
        and not re.match(
            r"[A-Z]*/|\d|№", "".join(t.text for t in tokens[i + 1 : i + 4])
        )  # "resolution A/RES/76/129"
    ):
        return None
    return kind


def _left_edge(tree: Tree, i: int) -> int:
    """Give the first token of the words qualifying document noun `i` from the left: Russian
    adjectives agreeing with it in case, whatever the parse ("Двустороннего инвестиционного
    договора"), English adjectives and compounds under it ("a technological cooperation agreement")."""
    tokens, noun = tree.tokens, tree.tokens[i]
    left = i
    while left > 0:
        t = tokens[left - 1]
        if noun.feats.get("Case"):
            qualifies = t.pos in ("ADJ", "NUM", "VERB", "DET") and t.feats.get("Case") in (
                None,
                noun.feats["Case"],
            )
            qualifies = qualifies and (t.feats.get("Case") is not None or left - 1 in tree.subtree(i))
        else:
            qualifies = t.pos in ("ADJ", "NUM", "VERB", "DET") or (
                t.pos in ("NOUN", "PROPN") and t.rel in ("compound", "amod")  # "the Aral water accord"
            )
            qualifies = qualifies and (left - 1 in tree.subtree(i) or t.pos == "DET")
        if qualifies and t.rel != "conj":
            left -= 1
        elif t.text in ("-", "–") and left - 1 in tree.subtree(i):
            left -= 1
        else:
            break
    return left


def _stops_phrase(tree: Tree, i: int, j: int, depth: int, others: set[int], brackets: int) -> bool:
    t = tree.tokens[j]
    if (
        t.feats.get("Case") == "Nom"
        and t.pos in ("NOUN", "PROPN")
        and not brackets
        and tree.depth[j] == depth
        and not i <= t.head < j
    ):
        return True  # a new subject: "согласно Киотскому протоколу Армения сократит выбросы"
    if j in others or tree.depth[j] < depth or t.text in (";", ":", "—", "–"):
        return True
    if t.pos in ("VERB", "AUX") and not (
        is_participle(t) and t.feats.get("Variant") != "Short" and t.head > j
    ):
        return True  # a predicate or a participle clause; "согласованных технических правил" goes on
    if t.text == "." and j + 1 < len(tree.tokens) and tree.tokens[j + 1].text[:1].isupper():
        return True  # a sentence the segmenter did not cut: "…Соглашения.В ходе обсуждения"
    if t.text == ",":
        nxt = tree.tokens[j + 1] if j + 1 < len(tree.tokens) else None
        if (
            nxt is None
            or nxt.pos in ("PRON", "SCONJ", "VERB", "AUX")
            or is_participle(nxt)
            or nxt.text in "—–"
        ):
            return True
        # English: a comma ends the phrase unless a list of qualifiers goes on ("economic, technological")
        return not tree.tokens[i].feats.get("Case") and not (
            nxt.pos in ("ADJ", "NOUN") and nxt.text.islower()
        )
    return t.text in ("»", "”") and tree.depth[j] <= depth and depth == 0


@rule("doc.abbreviation_parties", stage="documents", off=False)
def parties_after_abbreviation(tree: Tree, i: int) -> bool:
    """Tell a document's abbreviation in brackets that its parties follow, so that the phrase goes
    on past it: "signed an MoU (MoU) with Qatar" -> Qatar, "a framework accord (FA) with Oman" -> Oman."""
    tokens = tree.tokens
    return (
        i + 2 < len(tokens)
        and tokens[i + 1].text == ")"
        and tokens[i + 2].text.lower() in tree.lex.PARTY_PREPOSITIONS
    )


def _phrase(
    tree: Tree,
    i: int,
    others: set[int],
    names: Names,
    dates: Sequence[Mention],
    mention: DocMention,
    abbreviations: frozenset[int] = frozenset(),
) -> int:
    """Walk the document's own phrase rightwards; fill its parties and give the index after it.
    Its abbreviation in brackets ends it, unless its parties follow ("MOU (MOU) with X")."""
    tokens = tree.tokens
    depth = tree.depth[i]
    dated = {k for k, t in enumerate(tokens) if any(d.start < t.start < d.stop for d in dates)}
    j, brackets, abbreviated = i + 1, 0, False
    while j < len(tokens) and (j in dated or not _stops_phrase(tree, i, j, depth, others, brackets)):
        if j - 1 in abbreviations and tokens[j].text == ")":
            following = tokens[j + 1].text.lower() if j + 1 < len(tokens) else ""
            if following not in tree.lex.PARTY_PREPOSITIONS:
                break
            abbreviated = True  # past the abbreviation, the parties only
        brackets += {"(": 1, ")": -1}.get(tokens[j].text, 0)
        word = tokens[j].text.lower()
        if word in tree.lex.PARTY_PREPOSITIONS and word not in tree.lex.AGENT_PREPOSITIONS:
            parties, end, group = party_list(tree, j, names, frozenset(others))
            if parties or group is not None:
                mention.lists.append((j, end))
                mention.parties.extend(parties)
                between = word in tree.lex.BETWEEN  # both sides named, not just one
                mention.listed_parties = mention.listed_parties or (between and bool(parties))
                mention.group_noun = group if group is not None else mention.group_noun
                j = max(end, j + 1)
                if abbreviated:
                    break
                continue
        j += 1
    while j - 1 > i and tokens[j - 1].text in (",", "и", "and", "(", "«", ".", ";"):
        j -= 1
    return j


def _title(tree: Tree, m: DocMention, end: int, left: int, text: str, names: Names, dates) -> None:
    """Set the title ("о сотрудничестве в области …", a bracketed project) and the content lemmas
    that tell this document from another of its type: its qualifiers, its complements right after
    it ("План сотрудничества", "memorandum of understanding") and its title; parties and dates are
    left out (they are compared on their own), and so is the rest of the phrase."""
    tokens, i = tree.tokens, m.index
    listed = {k for a, b in m.lists for k in range(a, b)}
    dated = {k for k, t in enumerate(tokens) if any(d.start <= t.start < d.stop for d in dates)}
    first = next(
        (
            j
            for j in range(i + 1, end)
            if tokens[j].text.lower() in tree.lex.TITLE_STARTS and j not in listed and j + 1 not in dated
        ),
        None,
    )  # "on August 12, 2018" is a date, no title
    if first is None and i + 1 < end and tokens[i + 1].text == "(":
        first = i + 1
    complement = i + 1
    while complement < end and (
        tokens[complement].feats.get("Case") == "Gen"
        or tokens[complement].text.lower() == tree.lex.OF
        or tokens[complement].rel == "pobj"
    ):
        complement += 1
    last = next((a for a, _ in m.lists if first is not None and a > first), end)
    kept = [*range(left, i), *range(i + 1, complement), *(range(first, last) if first is not None else ())]
    m.words = frozenset(
        lemma(tokens[k])
        for k in kept
        if k not in listed
        and tokens[k].pos in ("NOUN", "PROPN", "ADJ", "X")
        and lemma(tokens[k]) not in tree.lex.STOP_WORDS
        and lemma(tokens[k]) not in tree.lex.NEUTRAL_MODIFIERS
        and not type_complement(tree.lex, lemma(tokens[k]))
        and not names.covering(tokens[k].start)
        and not any(d.start <= tokens[k].start < d.stop for d in dates)
    )
    if first is not None:
        m.title = text[tokens[first].start : tokens[last - 1].stop].strip(' ,.;()«»"') or None
        own = tree.subtree(i)
        m.title_attached = first in own or tree.head(first) in own


@rule("doc.copular_identity", stage="documents", off=())
def copular_subjects(tree: Tree, nouns: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """A document noun said of another as its predicate is that document: the treaty of "The
    Almaty Convention is an intergovernmental treaty of 1999", "Конвенция является договором,
    заключённым …", "Конвенция — многосторонний договор"; give (predicate, subject) pairs."""
    out = []
    for i in nouns:
        v = tree.head(i)
        candidates = [c for c in tree.children[i] if tree.tokens[c].rel.startswith("nsubj")]
        if v >= 0 and lemma(tree.tokens[v]) in tree.lex.IDENTITY_VERBS:
            candidates += [c for c in tree.children[v] if tree.tokens[c].rel.startswith("nsubj")]
        subject = next((c for c in candidates if c in nouns and c != i), None)
        if subject is not None:
            out.append((i, subject))
    return tuple(out)


@rule("doc.other_one", stage="documents", off=False)
def _other_one() -> bool:
    """ "The other one" after a document is a second document of its type."""
    return True


def sentence_mentions(
    tree: Tree,
    sentence_index: int,
    text: str,
    names: Names,
    dates: Sequence[Mention],
    *,
    in_title: bool,
    last_type: str | None = None,
) -> Iterator[DocMention]:
    """Yield the document mentions of one sentence with their phrase, clauses and attributes; "the
    other one" after a document of type `last_type` is a second document of that type."""
    tokens = tree.tokens
    found = [(i, kind) for i in range(len(tokens)) if (kind := document_type(tree, i, names))]
    if last_type and enabled("doc.other_one"):
        found += [
            (i, last_type)
            for i, t in enumerate(tokens)
            if lemma(t) in tree.lex.OTHER_ONE
            and tree.child_texts(i) & tree.lex.OTHER
            and i + 1 < len(tokens)
            and document_type(tree, i + 1, names) is None
        ]
        found.sort()
    lefts = {i: _left_edge(tree, i) for i, _ in found}
    generic = {
        i
        for i, t in enumerate(tokens)
        if lemma(t) in tree.lex.GENERIC_DOCUMENTS and t.pos in ("NOUN", "PROPN")
    }
    # "memorandum of understanding (MOU)": the abbreviation of the document named, no other one;
    # the phrase goes on past it only to the parties ("… (MOU) with Azerbaijan")
    abbreviations = {
        i
        for i, _ in found
        if i > 1 and tokens[i - 1].text == "(" and any(i - 6 <= k < i - 1 for k, _ in found)
    }
    passed = {i for i in abbreviations if parties_after_abbreviation(tree, i)}
    nouns = ({i for i, _ in found} - passed) | generic | {v for k, v in lefts.items() if k not in passed}
    mentions: dict[int, DocMention] = {}
    for i, kind in found:
        token = tokens[i]
        if i in abbreviations:
            continue
        left = lefts[i]
        mention = DocMention(
            kind, sentence_index, i, tokens[left].start, token.stop, (token.start, token.stop)
        )
        mention.in_title = in_title
        end = _phrase(tree, i, nouns - {i, left}, names, dates, mention, frozenset(abbreviations))
        mention.stop = max(token.stop, tokens[end - 1].stop)
        kids = tree.child_lemmas(i) | {lemma(t) for t in tokens[left:i]}
        mention.plural = is_plural(token, tree.lex) and lemma(token) not in tree.lex.PLURAL_NAMES
        counts = [c for c in tree.children[i] if tokens[c].rel in ("nummod", "nummod:gov")]
        mention.quantified = bool(kids & tree.lex.QUANTIFIERS) or any(  # "три соглашения", "18 agreements"
            tokens[c].text.isdigit() or tokens[c].pos == "NUM" and tokens[c].text not in ("№", "No")
            for c in counts
        )
        mention.count = next((n for c in counts if (n := count_of(tree, c))), None)
        mention.mixed = mention.count is not None and any(  # "18 agreements and memoranda": a total
            k != i and (document_type(tree, k, names) or lemma(tokens[k]) in tree.lex.GENERIC_DOCUMENTS)
            for k in tree.conjuncts(i)
        )
        mention.anaphoric = bool(kids & tree.lex.ANAPHORIC)
        mention.other = bool(kids & tree.lex.OTHER)
        mention.indefinite = bool(kids & tree.lex.INDEFINITE_ARTICLES)
        mention.capitalised = (
            not in_title
            and any(  # a name: "Парижское соглашение", "the Paris Agreement"
                t.text[:1].isupper() and not t.text.isupper() and t.pos != "DET"
                for t in tokens[max(left, 1) : i]
            )
        )
        _title(tree, mention, end, left, text, names, dates)
        phrase_text = text[token.stop : mention.stop]
        number = (
            NUMBER.match(phrase_text) or NUMBER.search(phrase_text[:40]) or RES_NUMBER.search(phrase_text)
        )
        mention.number = (number.group(1) or number.group(2)) if number else None
        for d, introduced in dates_in(dates, mention.start, mention.stop, text, tree.lang):
            if introduced or d.start < token.start or d.start - token.stop < 3:
                mention.own_date = mention.own_date or d.attrs["value"]
        mention.places = places_in(names, token.stop, mention.stop, text, tree.lang)
        mentions[i] = mention
    for i, s in copular_subjects(tree, list(mentions)):
        mentions[i].same_as, mentions[i].type = s, mentions[s].type
    for c in participle_clauses(tree, list(mentions), names, dates, text):
        for i in c.owners:  # the clause's date, place and parties are its documents'
            mention = mentions[i]
            mention.participles.append(c.participle)
            mention.clause_dates = [*c.dates, *mention.clause_dates]
            mention.places = [*c.places, *mention.places]
            mention.parties.extend(c.parties)
            mention.words = mention.words | c.words  # "an MOU signed … on water cooperation"
            mention.group_noun = mention.group_noun if mention.group_noun is not None else c.group
    yield from mentions.values()
