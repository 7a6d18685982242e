"""Documents stage: document mentions -> one record per distinct document signed, adopted,
ratified, planned or referred to, with its date, place, number, title and parties.

1. Mentions (`document_phrases`): each document noun with its phrase and participle clauses.
2. Status (`document_status`): from the predicate governing the noun, a participle on it, an act
   noun ("подписание"), a ratification bill and its fate, a reference ("в соответствии с").
   A noun with no predicate of its own takes the status of the documents it is listed among
   ("The documents were …, and a memorandum …"; "X was one of the documents signed …").
3. One record per document: a later mention joins an earlier one of its type unless they differ in
   number, date, title or listed parties; the headline's mention joins the body's; plural and
   counted nouns ("18 agreements were signed") make no record.
4. Date and place: written with the document, else in its predicate's clause, else (for a document
   signed, adopted or ratified with no date of its own) the article's event date and place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..article import Annotated, DocumentRecord, Mention
from .document_parties import Names, antecedents, group_size, party_kind, party_list, subject_parties
from .document_phrases import DocMention, sentence_mentions
from .document_status import NONE, Status, governing_status, modifier_status, participle_status
from .document_syntax import Tree, is_finite, lemma
from .document_vocab import (
    ADOPTED_TYPES,
    FINAL_READING,
    FIRST_READING,
    GENERIC_LEMMAS,
    PARTY_PREPOSITIONS,
    TYPE_LEMMAS,
)

__all__ = ["TYPE_LEMMAS", "extract_documents"]  # TYPE_LEMMAS: the organisations stage drops document words

_BILL_PASSED = re.compile(
    r"(?:законопроект\w*|проект\w*\s+закон\w*)[^.]*?\bприня\w*[^.]*?" + FINAL_READING
    + r"|\bприня\w*[^.]*?(?:законопроект\w*|проект\w*\s+закон\w*)[^.]*?" + FINAL_READING,
    re.IGNORECASE,
)  # fmt: skip
_VALIDITY = re.compile(r"(?:\bна|\bдо|\bfor|\buntil|\bby|\bsince)\s*$")  # "план на 2023 год"
_COUNTRY_GROUPS = {"страна", "государство", "country", "nation", "state"}
_STRONG = ("signed", "adopted")
_EVENT_STATUSES = ("signed", "adopted", "ratified")


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


@dataclass
class _Group:
    """Documents counted or named generically ("17 cooperation documents were signed")."""

    sentence: int
    status: str | None
    date: str | None
    place: str | None
    parties: list


def _status(tree: Tree, m: DocMention, text: str, *, bill_passed: bool) -> Status:
    governing = governing_status(tree, m.index, m.type, text, in_title=m.in_title, bill_passed=bill_passed)
    participle = next(
        (s for p in m.participles if (s := participle_status(tree, p, m.type, in_title=m.in_title)).status),
        NONE,
    )
    modifier = modifier_status(tree, m.index, m.type, in_title=m.in_title)
    found = [s for s in (governing, participle, modifier) if s.status]
    if not found and m.type in ADOPTED_TYPES and (m.number or m.own_date) and not m.plural:
        return Status("adopted", m.index, "numbered")  # "resolution A/RES/76/129 of December 16, 2021"
    if not found:
        return NONE
    if governing.status == "mentioned" or any(s.status == "ratified" for s in found):
        return next(s for s in found if s.status in ("mentioned", "ratified"))
    return found[0]


_CLAUSAL = ("ccomp", "advcl", "parataxis", "csubj", "acl:relcl", "relcl", "conj", "xcomp")
_LOCATIVE = re.compile(r"\b(?:в|во|in|at)\s+(?:г\.\s*|городе\s+)?$", re.IGNORECASE)


def _own_clause(tree: Tree, v: int) -> set[int]:
    """Give the tokens of predicate `v`'s own clause: its subtree without the clauses under it
    ("…signed a joint communique saying the event would be held in Russia")."""
    out = {v}
    for c in tree.children[v]:
        if not (tree.tokens[c].rel in _CLAUSAL and tree.tokens[c].pos in ("VERB", "AUX")):
            out |= tree.subtree(c)
    return out


def _clause(
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
    found = [d for d in found if not _VALIDITY.search(text[max(0, d.start - 8) : d.start])]
    values = [d.attrs["value"] for d in found if d.attrs.get("value")]
    places = [
        m.normal
        for m in names.mentions
        if m.kind == "place" and m.start in offsets and _LOCATIVE.search(text[max(0, m.start - 12) : m.start])
    ]
    return values, places, bool(found)


def _clause_parties(
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
        if t.text.lower() in ("между", "between")
        and not any(a <= t.start < b for a, b in exclude)
        and not any(is_finite(tokens[x]) and tokens[x].head != v for x in range(min(k, v) + 1, max(k, v)))
    ]
    starts: set[int] = set()
    for c in [*tree.children[v], *linear]:
        if tokens[c].text.lower() in PARTY_PREPOSITIONS:
            preps = [c]
        else:
            preps = [
                k
                for k in tree.children[c]
                if tokens[k].text.lower() in PARTY_PREPOSITIONS and tokens[k].rel == "case"
            ]
        for k in preps:
            if k in starts:
                continue
            starts.add(k)
            listed, _, listed_group = party_list(tree, k, names)
            parties = parties + listed
            group = group if group is not None else listed_group
    return subject, parties, group


def _coordinated(text: str, a: DocMention, b: DocMention) -> bool:
    """Tell two documents joined by "и", "and" or a comma, so that one predicate governs both
    ("О ратификации Кредитного соглашения … и Грантового соглашения"; not "Протокола о внесении
    изменений в Соглашение", where one document is inside the other's title)."""
    gap = text[a.stop : b.start]
    return (
        a.sentence == b.sentence
        and a.stop <= b.start
        and bool(re.search(r",|\bи\b|\band\b", gap))
        and not re.sub(r"[\s,»«()]|\bи\b|\band\b", "", gap)
    )


def _resolve_group(tree: Tree, g: int | None, names: Names, bounds: list[tuple[int, int]]) -> list[Mention]:
    if g is None:
        return []
    countries = lemma(tree.tokens[g]) in _COUNTRY_GROUPS
    return antecedents(
        names, bounds, tree.tokens[g].start, countries_only=countries, size=group_size(tree, g)
    )


def _same_document(doc: list[Found], f: Found) -> bool:
    """Tell whether mention `f` can be a later mention of the document `doc` (same type, and no
    number, date, title or list of parties that tells them apart)."""
    m = f.mention
    first = doc[0].mention
    if first.type != m.type:
        return False
    if m.indefinite and (m.bare or not any(o.mention.words & m.words for o in doc)):
        return False  # "a resolution was adopted" after "resolution A/RES/77/172": another one
    if any(o.mention.sentence == m.sentence for o in doc) and not m.bare:
        return False
    for o in doc:
        n = o.mention
        if n.number and m.number and n.number != m.number:
            return False
        a, b = n.own_date or (n.clause_dates or [None])[0], m.own_date or (m.clause_dates or [None])[0]
        if a and b and a != b:
            return False
        if n.words and m.words and len(n.words & m.words) * 2 < min(len(n.words), len(m.words)):
            return False
        if n.listed_parties and m.listed_parties:
            pa, pb = {_key(p) for p in n.parties}, {_key(p) for p in m.parties}
            if not (pa <= pb or pb <= pa):
                return False
    return True


def _key(party) -> str:
    return (party.normal if isinstance(party, Mention) else party).casefold()


def _parties(chosen: Found, doc: list[Found], status: str) -> dict[str, Mention | str]:
    """Give a document's parties: those of the mention that gives its status, and those listed
    "между X и Y" / "between X and Y" with any of its mentions; the other mentions' only when these
    say none (their subjects are often someone else: "…, the minister said")."""
    kept = [chosen, *[f for f in doc if f.mention.listed_parties]]
    if not any(f.parties for f in kept):
        kept = [f for f in doc if f.status.status in (None, status, "mentioned")]
    parties: dict[str, Mention | str] = {}
    for f in kept:
        for p in f.parties:
            if not isinstance(p, Mention) or party_kind(p) in ("organisation", "country"):
                parties.setdefault(_key(p), p)
    return parties


def _document_status(doc: list[Found]) -> Found | None:
    """Give the mention whose status is the document's: ratified over signed or adopted (the first
    of them), over planned, over mentioned; the headline's only when the body gives none."""
    for statuses in (("ratified",), _STRONG, ("planned",), ("mentioned",)):
        for in_title in (False, True):
            chosen = next(
                (f for f in doc if f.status.status in statuses and f.mention.in_title == in_title), None
            )
            if chosen:
                return chosen
    return None


def _event_place(annotated: Annotated, event: Mention | None, names: Names) -> str | None:
    """Give the city of the article's main event: the first city written with a locative in the
    sentence that dates the event ("15 августа 2024 года в г. Чолпон-Ата … состоялся форум"), else
    in the headline ("Региональный форум в Чолпон-Ата")."""
    sentence = annotated.sentence_at(event.start) if event else None
    if sentence is None:
        return None
    text = annotated.text
    title = len(annotated.article.title or "")
    for start, stop in ((sentence.start, sentence.stop), (0, title)):
        for m in names.inside(start, stop):
            if m.kind == "place" and m.attrs.get("kind") == "city":
                if _LOCATIVE.search(text[max(0, m.start - 12) : m.start]):
                    return m.normal
    return None


def _groups(tree: Tree, k: int, text: str, dates, names, bounds, *, bill_passed: bool) -> list[_Group]:
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
        values, places, _ = _clause(tree, v, (), dates, names, text)
        subject, parties, group = _clause_parties(tree, v, names, with_subject=status.how == "verb")
        parties = subject + parties
        parties = parties + _resolve_group(tree, group, names, bounds)
        out.append(
            _Group(k, status.status, values[0] if values else None, places[0] if places else None, parties)
        )
    return out


def _inherit(f: Found, group: _Group, earlier: _Group | None) -> None:
    """Give a mention listed among documents the status, date, place and parties of their group."""
    f.status = Status(group.status, -1, "group")
    for source in (group, earlier):
        if source is None:
            continue
        f.date = f.date or source.date
        f.place = f.place or source.place
        if not f.parties:
            f.parties = list(source.parties)


def _found(annotated: Annotated, names: Names, dates: Sequence[Mention]) -> list[Found]:
    """Give every document mention of the article with its status and clause attributes."""
    text = annotated.text
    title_end = len(annotated.article.title or "") if annotated.article.title else 0
    bounds = [(s.start, s.stop) for s in annotated.sentences]
    bill_passed = bool(_BILL_PASSED.search(text)) and not re.search(FIRST_READING, text)
    found: list[Found] = []
    groups: list[_Group] = []
    for k, sentence in enumerate(annotated.sentences):
        tree = Tree(sentence)
        in_title = sentence.start < title_end
        mentions = list(sentence_mentions(tree, k, text, names, dates, in_title=in_title))
        sentence_groups = _groups(tree, k, text, dates, names, bounds, bill_passed=bill_passed)
        generic_here = any(lemma(t) in GENERIC_LEMMAS for t in tree.tokens)
        previous: Found | None = None
        for m in mentions:
            f = Found(m, _status(tree, m, text, bill_passed=bill_passed))
            if previous is not None and _coordinated(text, previous.mention, m):
                # an act noun or a predicate governs both: "О ратификации Кредитного соглашения … и
                # Грантового соглашения", "signed a protocol … and a memorandum"
                shared = previous.status.how in ("ratification", "action") and f.status.how not in (
                    "amendment",
                    "reference",
                )
                if shared or (previous.status.how == "verb" and f.status.how in ("", "participle")):
                    f.status = previous.status
            previous = f
            f.date = m.own_date or (m.clause_dates[0] if m.clause_dates else None)
            f.dated = bool(m.own_date or m.clause_dates)
            f.place = m.places[0] if m.places else None
            f.parties = list(m.parties) + (
                [] if m.listed_parties else _resolve_group(tree, m.group_noun, names, bounds)
            )
            v, how = f.status.predicate, f.status.how
            if how in ("verb", "action") and v >= 0:
                others = [(o.start, o.stop) for o in mentions if o is not m]
                values, places, dated = _clause(tree, v, others, dates, names, text)
                f.date, f.place = (
                    f.date or (values[0] if values else None),
                    f.place or (places[0] if places else None),
                )
                f.dated = f.dated or dated
                f.signers, parties, group = _clause_parties(
                    tree, v, names, with_subject=how == "verb", exclude=others
                )
                f.parties += f.signers + parties
                if not m.listed_parties:  # "the parties signed a Programme between X and Y": X and Y
                    f.parties += _resolve_group(tree, group, names, bounds)
            elif how == "numbered":  # the body that adopted it: "of the UN General Assembly", "by …"
                f.parties += [o for o in names.inside(m.start, m.stop) if party_kind(o) == "organisation"]
                verb = next((h for h in tree.heads(m.index) if tree.tokens[h].pos == "VERB"), None)
                f.parties += subject_parties(tree, verb, names)[0] if verb is not None else []
            elif how == "ratification" and not f.parties:
                f.parties = [p for p in m.parties]
            if f.status.status is None and not m.plural and generic_here:
                earlier = next((g for g in reversed(groups) if k - 3 <= g.sentence < k), None)
                here = _merged_groups(sentence_groups)[0] if sentence_groups else None
                if here or earlier:
                    _inherit(f, here or earlier, earlier)
            found.append(f)
        _amended_parties([f for f in found if f.mention.sentence == k], text)
        _implicit_signers(found, k)
        groups.extend(_merged_groups(sentence_groups + _typed_groups(found, k)))
    return found


def _merged_groups(groups: list[_Group]) -> list[_Group]:
    """Give one group for the groups of one sentence ("Tehran, Bishkek sign five cooperation documents
    During Rouhani's stay in Kyrgyzstan, five cooperation documents were signed …")."""
    if len(groups) < 2:
        return groups
    first = groups[0]
    return [
        _Group(
            first.sentence,
            first.status,
            next((g.date for g in groups if g.date), None),
            next((g.place for g in groups if g.place), None),
            next((g.parties for g in groups if g.parties), []),
        )
    ]


def _implicit_signers(found: list[Found], k: int) -> None:
    """Give a document signed "с X" / "with X" with no one said to sign it the signer of the
    document of its type just before: "Казахстан подписал меморандум с Узбекистаном. Также был
    подписан меморандум с Таджикистаном" -> Казахстан and Таджикистан."""
    for f in found:
        m = f.mention
        if (
            m.sentence != k
            or f.signers
            or m.listed_parties
            or not f.parties
            or f.status.status not in _STRONG
        ):
            continue
        earlier = [
            g for g in found if g.mention.type == m.type and k - 3 <= g.mention.sentence < k and g.signers
        ]
        if earlier:
            f.signers = list(earlier[-1].signers)
            f.parties = f.signers + f.parties


def _amended_parties(found: list[Found], text: str) -> None:
    """Give a document that amends another the other's parties when it names none: "Протокол о
    внесении изменений в Соглашение между X и Y" is a protocol between X and Y."""
    for a, b in zip(found, found[1:], strict=False):
        if b.status.how == "amendment" and not a.parties and a.mention.stop <= b.mention.start:
            if len(text[a.mention.stop : b.mention.start].strip()) <= 3:
                a.parties = list(b.parties)


def _typed_groups(found: list[Found], k: int) -> list[_Group]:
    """Give counted or plural document nouns with a status as groups ("Two memorandums were signed
    between Iran and Tajikistan")."""
    return [
        _Group(k, f.status.status, f.date, f.place, list(f.parties))
        for f in found
        if f.mention.sentence == k and f.mention.plural and f.status.status not in (None, "mentioned")
    ]


def _corefer(found: list[Found]) -> list[list[Found]]:
    """Group mentions into documents: a mention joins the nearest earlier document it can be a
    mention of; plural and counted nouns make none ("three agreements were signed")."""
    documents: list[list[Found]] = []
    for f in found:
        m = f.mention
        if m.plural or m.quantified:
            continue
        target = None if m.other else next((d for d in reversed(documents) if _same_document(d, f)), None)
        if target is None and m.anaphoric and documents:
            continue  # "данным соглашением" after a plan: a document already counted, of another name
        if target is not None:
            target.append(f)
        else:
            documents.append([f])
    return documents


def _documents(found: list[Found]) -> list[list[Found]]:
    """Give the article's documents: the body's, then the headline's, each joining the body's
    first document of its type (a headline sums up what the body tells)."""
    documents = _corefer([f for f in found if not f.mention.in_title])
    for headline in _corefer([f for f in found if f.mention.in_title]):
        kind = headline[0].mention.type
        target = next(
            (d for d in documents if d[0].mention.type == kind and _same_document(d, headline[0])), None
        )
        target = target or next((d for d in documents if d[0].mention.type == kind), None)
        if target is not None:
            target.extend(headline)
        else:
            documents.append(headline)
    return documents


def extract_documents(
    annotated: Annotated,
    *,
    places: Sequence[Mention],
    organisations: Sequence[Mention],
    dates: Sequence[Mention],
    people: Sequence[Mention] = (),
) -> Iterator[tuple[DocumentRecord, Mention]]:
    """Yield (record, evidence mention) per distinct document signed, adopted, ratified, planned or
    referred to by name. The evidence mention's attrs hold all the document's mentions
    (`mentions`) and the party mentions (`party_mentions`) for merging with entities."""
    names = Names.of(organisations, places, people)
    event = next((d for d in dates if d.attrs.get("role") == "event" and d.attrs.get("value")), None)
    event_place = _event_place(annotated, event, names)
    text = annotated.text
    for doc in _documents(_found(annotated, names, dates)):
        chosen = _document_status(doc)
        if chosen is None:
            continue
        status = chosen.status.status
        if status == "mentioned" and not any(f.mention.specific for f in doc):
            continue
        date = chosen.date or next((f.date for f in doc if f.date), None)
        place = chosen.place or next((f.place for f in doc if f.place), None)
        body = [f for f in doc if not f.mention.in_title]
        if (
            date is None
            and event
            and status in _EVENT_STATUSES
            and not any(f.dated for f in doc)
            and (not body or event.start < body[0].mention.start)  # the event is told before the document
        ):
            date, place = event.attrs["value"], place or event_place
        parties = _parties(chosen, doc, status)
        sentence = annotated.sentences[chosen.mention.sentence]
        mentions = tuple(
            Mention("document", f.mention.start, f.mention.stop, text[f.mention.start : f.mention.stop], f.mention.type,
                    {"status": status})
            for f in sorted(doc, key=lambda f: f.mention.start)
        )  # fmt: skip
        record = DocumentRecord(
            type=chosen.mention.type,
            status=status,
            date=date,
            place=place,
            number=next((f.mention.number for f in doc if f.mention.number), None),
            parties=tuple(p.normal if isinstance(p, Mention) else p for p in parties.values()),
            text=text[sentence.start : sentence.stop].strip(),
            start=sentence.start,
            stop=sentence.stop,
            title=next((f.mention.title for f in doc if f.mention.title), None),
            mentions=len(mentions),
        )
        evidence = next(m for m in mentions if m.start == chosen.mention.start)
        attrs = {
            "status": status,
            "mentions": mentions,
            "party_mentions": tuple(p for p in parties.values() if isinstance(p, Mention)),
        }
        yield (
            record,
            Mention("document", evidence.start, evidence.stop, evidence.text, evidence.normal, attrs),
        )
