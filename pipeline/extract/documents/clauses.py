"""What the clause of each document mention adds to it (the one module that fills in a `Found`): the status from its predicate (or from the
generic documents it is listed among), the date, place and parties of that clause, and the
parties a mention borrows from the documents around it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from ...article import Mention
from ...lexicon import lexicon, pattern
from ...rules import Computed, rule
from .names import Names, party_kind
from .parties import antecedents, group_size, party_list, subject_parties
from .phrases import NUMBER, DocMention
from .status import (
    DENIED,
    NONE,
    Status,
    governing_status,
    headline_status,
    modifier_status,
    participle_status,
)
from .syntax import Tree, is_finite, lemma
from .where import capital_apposition_on, locative_at

ADOPTED_TYPES = {"resolution", "declaration"}  # with a number or a date of their own, adopted


@cache
def _bill_patterns(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """Give the patterns of a bill passed in its final reading, of a bill, and of what follows a
    bill that names it: a ratification title, or a title of its own ("о налогах")."""
    lex = lexicon(lang)
    bill, passed, final = lex.BILL_PHRASE, lex.PASSED_WORD, lex.FINAL_READING
    passed_bill = rf"(?:{bill})[^.]*?{passed}[^.]*?{final}|{passed}[^.]*?(?:{bill})[^.]*?{final}"
    return tuple(
        re.compile(p, re.IGNORECASE) for p in (passed_bill, bill, lex.RATIFICATION_TITLE, lex.OWN_TITLE)
    )


@rule("doc.bill_passed", stage="documents", off=False)
def bill_passed(text: str, bounds: Sequence[tuple[int, int]], lang: str) -> bool:
    """Tell an article whose ratification bill passed in its final reading, from a sentence that
    passes it: "приняли законопроект «О ратификации…» в трех чтениях", or a bill named by no title
    of its own ("Законопроект одобрен сразу в трёх чтениях", "Проекты законов приняты …"); not "приняли
    законопроект о налогах в третьем чтении", another bill."""
    if re.search(lexicon(lang).FIRST_READING, text):
        return False
    passed_bill, bill_phrase, ratification_title, own_title = _bill_patterns(lang)
    for start, stop in bounds:
        sentence = text[start:stop]
        if not passed_bill.search(sentence):
            continue
        for bill in bill_phrase.finditer(sentence):
            after = sentence[bill.end() : bill.end() + 60]
            if ratification_title.match(after) or not own_title.match(after):
                return True
    return False


STRONG = ("signed", "adopted")


@dataclass
class Found:
    """One mention with its status and what its clause adds."""

    mention: DocMention
    status: Status = NONE
    date: str | None = None
    dated: bool = False  # a date is written in its clause, resolved or not
    place: str | None = None
    parties: list = field(default_factory=list)
    signers: list = field(default_factory=list)  # the subject's parties: who signed or adopted it
    number: str | None = None  # the number of the act that adopted it ("постановлением № 12")


@rule("doc.numbered_adopted", stage="documents", off=False)
def numbered_adopted(m: DocMention) -> bool:
    """A resolution or declaration with a number or a date of its own and no predicate was
    adopted: "resolution A/RES/70/1 of 25 September 2015"."""
    return m.type in ADOPTED_TYPES and bool(m.number or m.own_date) and not m.plural


@rule("doc.named_reference", stage="documents", off=False)
def named_reference(m: DocMention) -> bool:
    """A document named by its title, number, parties or a proper name, with no predicate that
    gives it a status, is an existing one referred to: "Договор о дружбе от 1996 года остаётся в
    силе", "the Treaty on Eternal Friendship remains the basis of ties" (a date alone names none:
    "the agreement of 2013")."""
    named = m.number or m.listed_parties or m.capitalised or (m.title and m.title_attached)
    return bool(named) and not m.plural and not m.quantified and not m.in_title


def refer_by_name(f: Found) -> None:
    """Give a mention with no status after all that names a document the status `mentioned`."""
    if f.status.status is None and f.status.how != DENIED and named_reference(f.mention):
        f.status = Status("mentioned", f.mention.index, "named")


def mention_status(tree: Tree, m: DocMention, text: str, *, bill_passed: bool) -> Status:
    governing = governing_status(tree, m.index, m.type, text, in_title=m.in_title, bill_passed=bill_passed)
    participle = next(
        (s for p in m.participles if (s := participle_status(tree, p, m.type, in_title=m.in_title)).status),
        NONE,
    )
    modifier = modifier_status(tree, m.index, m.type, in_title=m.in_title)
    found = [s for s in (governing, participle, modifier) if s.status]
    if not found and m.in_title:
        found = [s for s in (headline_status(tree, m.index, m.type),) if s.status]
    if not found and numbered_adopted(m):
        return Status("adopted", m.index, "numbered")
    if not found:
        return next((s for s in (governing, participle, modifier) if s.how == DENIED), NONE)
    if governing.status == "mentioned" or any(s.status == "ratified" for s in found):
        return next(s for s in found if s.status in ("mentioned", "ratified"))
    own = next((s for s in (participle, modifier) if s.status in STRONG and s.how == "participle"), None)
    if own is not None and governing.indirect:  # "The text of the treaty signed in 2018 does not …"
        return own
    if own is not None and pending_ratification(governing):
        return own
    return found[0]


@rule("doc.own_act_before_ratification", stage="documents", off=False)
def pending_ratification(governing: Status) -> bool:
    """A text up for ratification or accession, not yet ratified, has the status its own participle
    tells: the convention of "законопроект о присоединении Грузии к Конвенции по охране дельфинов,
    принятой в Лиме 3 мая 1990 года" is adopted (on that day), not signed."""
    return governing.how == "ratification" and governing.status == "signed"


_CLAUSAL = ("ccomp", "advcl", "parataxis", "csubj", "acl:relcl", "relcl", "conj", "xcomp")


def _own_clause(tree: Tree, v: int) -> set[int]:
    """Give the tokens of predicate `v`'s own clause: its subtree without the clauses under it
    ("…issued a joint statement adding that the next round would take place in Baku")."""
    out = {v}
    for c in tree.children[v]:
        if not (tree.tokens[c].rel in _CLAUSAL and tree.tokens[c].pos in ("VERB", "AUX")):
            out |= tree.subtree(c)
    return out


def clause(
    tree: Tree, v: int, exclude: Sequence[tuple[int, int]], dates: Sequence[Mention], names: Names, text: str
) -> tuple[list[str], list[str], bool]:
    """Give the (dates, places, whether any date is written) of predicate `v`'s own clause, outside
    the phrases of other documents (`exclude`); a verb coordinated with an earlier one and saying
    no date of its own shares the earlier one's ("In March 2015, they held a session in Ashgabat,
    and signed 17 documents")."""
    tokens = tree.tokens

    def found_in(indices: set[int]) -> tuple[list[Mention], set[int]]:
        offsets = {tokens[i].start for i in indices if not any(a <= tokens[i].start < b for a, b in exclude)}
        return [d for d in dates if d.start in offsets and d.attrs.get("role") != "published"], offsets

    indices = _own_clause(tree, v)
    found, offsets = found_in(indices)
    first = tree.first_conjunct(v)
    if first != v and not found:
        shared = {
            i
            for c in tree.children[first]
            if tokens[c].rel not in ("conj", "nsubj") and tokens[c].pos not in ("VERB", "AUX")
            for i in tree.subtree(c)
        }
        found, offsets = found_in(indices | shared)
    validity = pattern(tree.lang, "VALIDITY_PREPOSITIONS", r"\b{}\s*$", 0)  # "план на 2023 год"
    found = [d for d in found if not validity.search(text[max(0, d.start - 8) : d.start])]
    values = [d.attrs["value"] for d in found if d.attrs.get("value")]
    places = [
        m
        for m in names.mentions
        if m.kind == "place" and m.start in offsets and locative_at(tree.lang, text, m.start, m.stop, names)
    ]
    if capital_apposition_on():  # "in Kyrgyzstan's capital, Bishkek": the city, not its country
        places.sort(key=lambda m: m.attrs.get("kind") != "city")
    return values, [m.normal for m in places], bool(found)


def clause_parties(
    tree: Tree, v: int, names: Names, *, with_subject: bool, exclude: Sequence[tuple[int, int]] = ()
) -> tuple[list, list, int | None]:
    """Give the parties of predicate `v`: its subject's, and those listed after "между", "с",
    "between", "with", "by" among its dependents or after "между"/"between" anywhere in its clause
    (the parse may hang the list elsewhere); and a group noun ("стороны") when the subject is one."""
    tokens = tree.tokens
    subject, group = subject_parties(tree, v, names) if with_subject else ([], None)
    parties: list = []
    linear = [
        k
        for k, t in enumerate(tokens)
        if t.text.lower() in tree.lex.BETWEEN
        and not any(a <= t.start < b for a, b in exclude)
        and not any(is_finite(tokens[x]) and tokens[x].head != v for x in range(min(k, v) + 1, max(k, v)))
    ]
    starts: set[int] = set()
    for c in [*tree.children[v], *linear]:
        if tokens[c].text.lower() in tree.lex.PARTY_PREPOSITIONS:
            preps = [c]
        else:
            preps = [
                k
                for k in tree.children[c]
                if tokens[k].text.lower() in tree.lex.PARTY_PREPOSITIONS and tokens[k].rel == "case"
            ]
        for k in preps:
            if k in starts:
                continue
            starts.add(k)
            listed, _, listed_group = party_list(tree, k, names)
            parties = parties + listed
            group = group if group is not None else listed_group
    return subject, parties, group


def coordinated(text: str, a: DocMention, b: DocMention, lang: str) -> bool:
    """Tell two documents joined by "и", "and" or a comma, so that one predicate governs both
    ("О ратификации Кредитного соглашения … и Грантового соглашения"; not "Протокола о внесении
    изменений в Соглашение", where one document is inside the other's title)."""
    gap = text[a.stop : b.start]
    joining = pattern(lang, "AND", r",|\b{}\b", 0)
    return (
        a.sentence == b.sentence
        and a.stop <= b.start
        and bool(joining.search(gap))
        and not pattern(lang, "AND", r"[\s,»«()]|\b{}\b", 0).sub("", gap)
    )


@rule("doc.group_noun_parties", stage="documents", off=Computed(lambda *args: []))
def resolve_group(tree: Tree, g: int | None, names: Names, bounds: list[tuple[int, int]]) -> list[Mention]:
    """A group noun stands for the parties named before it: "стороны подписали", "the two
    countries signed" (the nearest distinct countries, or bodies)."""
    if g is None:
        return []
    countries = lemma(tree.tokens[g]) in tree.lex.COUNTRY_GROUPS
    return antecedents(
        names, bounds, tree.tokens[g].start, countries_only=countries, size=group_size(tree, g)
    )


@rule("doc.implicit_parties", stage="documents", off=Computed(lambda *args: []))
def implied_parties(names: Names, bounds: list[tuple[int, int]], before: int) -> list[Mention]:
    """A document signed or adopted with no one said to sign it is the work of the parties the
    text has just named, as "стороны" would be: "Президенты Казахстана и Монголии провели
    переговоры. По итогам был подписан меморандум" -> Казахстан, Монголия."""
    return antecedents(names, bounds, before, countries_only=False, size=None)


@rule("doc.implicit_signers", stage="documents", off=None)
def implicit_signers(found: list[Found], k: int) -> None:
    """Give a document signed "с X" / "with X" with no one said to sign it the signer of the
    document of its type just before: "Казахстан подписал меморандум с Узбекистаном. Также был
    подписан меморандум с Таджикистаном" -> Казахстан and Таджикистан."""
    for f in found:
        m = f.mention
        if m.sentence != k or f.signers or m.listed_parties or not f.parties or f.status.status not in STRONG:
            continue
        earlier = [
            g for g in found if g.mention.type == m.type and k - 3 <= g.mention.sentence < k and g.signers
        ]
        if earlier:
            f.signers = list(earlier[-1].signers)
            f.parties = f.signers + f.parties


@rule("doc.listed_with_generic", stage="documents", off=None)
def inherit(f: Found, group, earlier) -> None:
    """Give a mention listed among documents the status, date, place and parties of their group."""
    f.status = Status(group.status, -1, "group")
    for source in (group, earlier):
        if source is None:
            continue
        f.date = f.date or source.date
        f.place = f.place or source.place
        if not f.parties:
            f.parties = list(source.parties)


def listed_item(f: Found, items) -> bool:
    """Tell a mention that is an item of the enumerated list `items`: after its colon, with no
    status of its own, one document (not "протоколы к …")."""
    m = f.mention
    after = m.sentence > items.sentence or m.start >= items.colon
    return after and f.status.status is None and not m.plural and not m.quantified


@rule("doc.amended_parties", stage="documents", off=None)
def amended_parties(found: list[Found], text: str) -> None:
    """Give a document that amends another the other's parties when it names none: "Протокол о
    поправках к Договору между X и Y" is a protocol between X and Y."""
    for a, b in zip(found, found[1:], strict=False):
        if b.status.how == "amendment" and not a.parties and a.mention.stop <= b.mention.start:
            if len(text[a.mention.stop : b.mention.start].strip()) <= 3:
                a.parties = list(b.parties)


@rule("doc.coordinated_status", stage="documents", off=None)
def share_status(found: list[Found], text: str, lang: str) -> None:
    """Give coordinated documents of one sentence the status of the first when one act noun or
    predicate governs both: "О ратификации Кредитного соглашения … и Грантового соглашения",
    "signed a protocol … and a memorandum"; never to a document named inside another's title."""
    for previous, f in zip(found, found[1:], strict=False):
        if not coordinated(text, previous.mention, f.mention, lang):
            continue
        shared = previous.status.how in ("ratification", "action") and f.status.how not in (
            "amendment",
            "reference",
        )
        if shared or (previous.status.how == "verb" and f.status.how in ("", "participle")):
            f.status = previous.status


@rule("doc.adopting_act", stage="documents", off=None)
def adopting_act(
    tree: Tree, v: int, dates: Sequence[Mention], text: str
) -> tuple[str | None, str | None] | None:
    """Give the (number, date) of the decree by which predicate `v` adopts a document: the plan of
    "План … утверждён постановлением Правительства № 12 от 5 марта 2022 года", "approved by
    Decree No. 73 of March 12, 2021" is adopted with the decree's number and date."""
    tokens = tree.tokens
    below = [c for c in tree.children[v] if tokens[c].rel in ("obl", "agent", "obl:agent", "prep")]
    act = next(
        (k for c in below for k in sorted(tree.subtree(c)) if lemma(tokens[k]) in tree.lex.DECREE_NOUNS), None
    )
    if act is None:
        return None
    phrase = sorted(tree.subtree(act))
    start, stop = tokens[phrase[0]].start, tokens[phrase[-1]].stop
    number = NUMBER.search(text[tokens[act].stop : max(stop, tokens[act].stop + 40)][:40])
    date = next((d.attrs["value"] for d in dates if start <= d.start < stop and d.attrs.get("value")), None)
    return (number.group(1) or number.group(2)) if number else None, date


def describe(
    f: Found,
    tree: Tree,
    mentions: Sequence[DocMention],
    names: Names,
    dates: Sequence[Mention],
    text: str,
    bounds: list[tuple[int, int]],
) -> None:
    """Fill a mention's date, place and parties: those written with it, then those of the clause of
    the predicate that gave its status (a verb: its subject and circumstances; a numbered
    resolution: the body that adopted it; a ratified text: the parties in its title)."""
    m = f.mention
    f.date = m.own_date or (m.clause_dates[0] if m.clause_dates else None)
    f.dated = bool(m.own_date or m.clause_dates)
    f.place = m.places[0] if m.places else None
    f.parties = list(m.parties) + (
        [] if m.listed_parties else resolve_group(tree, m.group_noun, names, bounds)
    )
    v, how = f.status.predicate, f.status.how
    if how in ("verb", "participle") and v >= 0 and f.status.status == "adopted":
        act = adopting_act(tree, v, dates, text)
        if act is not None:
            f.number, act_date = act
            f.date = f.date or act_date
    if how in ("verb", "action") and v >= 0:
        others = [(o.start, o.stop) for o in mentions if o is not m]
        values, places, dated = clause(tree, v, others, dates, names, text)
        f.date = f.date or (values[0] if values else None)
        f.place = f.place or (places[0] if places else None)
        f.dated = f.dated or dated
        f.signers, parties, group = clause_parties(tree, v, names, with_subject=how == "verb", exclude=others)
        f.parties += f.signers + parties
        if not m.listed_parties:  # "the parties signed a Programme between X and Y": X and Y
            f.parties += resolve_group(tree, group, names, bounds)
    elif how == "numbered":  # the body that adopted it: "of the Security Council", "by …"
        f.parties += [o for o in names.inside(m.start, m.stop) if party_kind(o) == "organisation"]
        verb = next((h for h in tree.heads(m.index) if tree.tokens[h].pos == "VERB"), None)
        f.parties += subject_parties(tree, verb, names)[0] if verb is not None else []
