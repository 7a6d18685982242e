"""Documents stage: document mentions -> one record per distinct document signed, adopted,
ratified, planned or referred to, with its date, place, number, title, parties and count.

1. Mentions (`phrases`, `participles`): each document noun with its phrase and participle clauses;
   a sentence in capitals or a title-case headline is read as running text (`Sentence.folded`);
   a document said to be another ("X is a treaty concluded …") is that one.
2. Status (`status`, `clauses`, `groups`, `lists`): from the predicate governing the noun, a
   participle on it, an act noun ("подписание"), a ratification bill and its fate, a reference
   ("в соответствии с", "говорится в"), a draft under talks, a headline's verb. A noun with no
   predicate of its own takes the status of the documents it is listed among ("The papers
   covered …, and a memorandum …") or of the enumerated list it is an item of ("подписаны
   следующие документы: 1. …; 2. …"); a document named with no status at all is referred to.
3. One record per document (`corefer`): a later mention joins an earlier one of its type unless they differ in
   number, date, title or listed parties; the headline's mention joins the body's; a count of
   typed documents the article does not list one by one is one record with its `count`; plural
   and generic nouns make none (an untyped count is the article's `documents_reported`).
4. Date, place and number: written with the document, else in its predicate's clause or in the
   decree that adopts it, else (for a document signed, adopted or ratified with no date of its
   own) the article's event date and place.
5. Parties (`parties`, `names`): the organisations and countries of the syntax around it.

The vocabulary (types, status predicates, modality, references) is the lexicon's
(`pipeline/lexicon`); `syntax` holds the small tree helpers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ...article import Annotated, DocumentRecord, Mention
from ...lexicon import lexicon
from ...rules import rule
from .clauses import (
    Found,
    amended_parties,
    bill_passed,
    describe,
    implicit_signers,
    implied_parties,
    inherit,
    listed_item,
    mention_status,
    refer_by_name,
    share_status,
)
from .corefer import deciding_mention, document_parties, group_documents
from .groups import (
    Group,
    documents_reported,
    generic_groups,
    listed_with_generic,
    listed_with_pronoun,
    merged_groups,
    typed_groups,
)
from .lists import OpenList, list_goes_on, list_opener
from .names import Names
from .participles import dates_in
from .phrases import sentence_mentions
from .status import DENIED, Status
from .syntax import Tree, lemma
from .where import locative_at

__all__ = ["Documents", "extract_documents"]

_EVENT_STATUSES = ("signed", "adopted", "ratified")


def analyse(annotated: Annotated, names: Names, dates: Sequence[Mention]) -> tuple[list[Found], list[Group]]:
    """Give every document mention of the article with its status and clause attributes, and the
    groups of documents named generically or in the plural."""
    text = annotated.text
    title_end = len(annotated.article.title or "") if annotated.article.title else 0
    bounds = [(s.start, s.stop) for s in annotated.sentences]
    passed = bill_passed(text, bounds, annotated.lang)
    found: list[Found] = []
    groups: list[Group] = []
    all_groups: list[Group] = []  # every generic group, counted ones included
    items: OpenList | None = None  # an enumerated list whose items are being read
    for k, sentence in enumerate(annotated.sentences):
        tree = Tree(sentence, annotated.lang, folded=case_folded())
        in_title = sentence.start < title_end
        last_type = found[-1].mention.type if found else None
        mentions = list(
            sentence_mentions(tree, k, text, names, dates, in_title=in_title, last_type=last_type)
        )
        sentence_groups = generic_groups(
            tree, k, text, dates, names, bounds, bill_passed=passed, in_title=in_title
        )
        sentence_found = [Found(m, mention_status(tree, m, text, bill_passed=passed)) for m in mentions]
        share_status(sentence_found, text, annotated.lang)
        if items is not None and not list_goes_on(text, bounds, k):
            items = None
        if not in_title:
            items = list_opener(tree, k, text, dates, names, bounds, bill_passed=passed) or items
        for f in sentence_found:
            describe(f, tree, mentions, names, dates, text, bounds)
            if accession(tree, f):
                f.status = Status("adopted", f.status.predicate, f.status.how)
            m = f.mention
            if items is not None and f.status.how != DENIED and listed_item(f, items):
                inherit(f, items.group, None)
            if f.status.status is None and not m.plural:
                earlier = next((g for g in reversed(groups) if k - 3 <= g.sentence < k), None)
                here = merged_groups(sentence_groups)[0] if sentence_groups else None
                listed = listed_with_generic(tree, m.index) or (
                    earlier is not None and here is None and listed_with_pronoun(tree, m.index)
                )
                if listed and (here or earlier):
                    inherit(f, here or earlier, earlier)
            refer_by_name(f)
            found.append(f)
        amended_parties([f for f in found if f.mention.sentence == k], text)
        implicit_signers(found, k)
        groups.extend(merged_groups(sentence_groups + typed_groups(found, k)))
        all_groups.extend(sentence_groups)
    return found, all_groups


@rule("doc.accession", stage="documents", off=False)
def accession(tree: Tree, f: Found) -> bool:
    """A state's accession to a treaty in force, named with no date of the treaty's own, is its
    adoption of the treaty, neither a signing nor a ratification: "одобрило присоединение Монголии к
    Конвенции о транзите", "a decree on Georgia's accession to the Convention" (adopted); a treaty
    named with the day it was done ("совершённой в Женеве 2 мая 1961 года") stays that signing."""
    s = f.status
    return (
        s.how == "ratification"
        and s.status == "signed"
        and not (f.mention.own_date or f.mention.clause_dates)
        and 0 <= s.predicate < len(tree.tokens)
        and lemma(tree.tokens[s.predicate]) in tree.lex.ACCESSION_NOUNS
    )


@rule("doc.case_folded", stage="documents", off=False)
def case_folded() -> bool:
    """A sentence in capitals, or an English headline in title case, is read as running text:
    "В АСТАНЕ ПОДПИСАН МЕМОРАНДУМ", "Kazakhstan, China Sign Transit Accord" (the taggers read
    capitalised words as names)."""
    return True


@rule("doc.event_place", stage="documents", off=None)
def _event_place(annotated: Annotated, event: Mention | None, names: Names) -> str | None:
    """Give the city of the article's main event: the first city written with a locative in the
    sentence that dates the event ("3 марта в г. Ош … прошло совещание"), else in the headline
    ("Совещание водников в Оше")."""
    sentence = annotated.sentence_at(event.start) if event else None
    if sentence is None:
        return None
    title = len(annotated.article.title or "")
    return _locative_city(annotated, names, sentence.start, sentence.stop) or _locative_city(
        annotated, names, 0, title
    )


def _locative_city(annotated: Annotated, names: Names, start: int, stop: int) -> str | None:
    """Give the first city inside [start, stop) written with a locative ("в Оше", "in Osh")."""
    return next(
        (m.normal for m in names.cities(start, stop) if locative_at(annotated.lang, annotated.text, m.start)),
        None,
    )


@rule("doc.undated_event_place", stage="documents", off=None)
def undated_event(dates: Sequence[Mention]) -> Mention | None:
    """Give the lead's event date that names no day we can resolve ("met in Tehran on Sunday" with
    no publication date): its sentence still tells the event's city."""
    return next((d for d in dates if d.attrs.get("role") == "event" and not d.attrs.get("value")), None)


def _visited(annotated: Annotated, floor: int, m: Mention) -> bool:
    """Tell a city written as a visit's destination ("the minister's trip to Osh", "визит в Ош")."""
    lex = lexicon(annotated.lang)
    words = annotated.text[max(floor, m.start - 40) : m.start].lower().split()
    return (
        len(words) >= 2
        and words[-1] in lex.DESTINATION_PREPOSITIONS
        and any(w.startswith(lex.VISIT_STEMS) for w in words[-4:-1])
    ) or (bool(words) and visited_object(lex, words[-1]))


@rule("doc.visited_object", stage="documents", off=False)
def visited_object(lex, word: str) -> bool:
    """A city written as the object of a visiting verb is a visit's destination: "when the
    president visited Osh", "the minister, visiting Doha, signed", "посетил Ош", "во время
    посещения Оша"."""
    return word.startswith(lex.VISIT_OBJECT_STEMS)


@rule("doc.visit_before", stage="documents", off=False)
def visit_before() -> bool:
    """A document signed with no place of its own in its sentence or the next takes the city of
    a visit told in the sentence before: "During her visit to Doha, the minister met her
    counterpart. The two signed a memorandum" (Doha)."""
    return True


@rule("doc.dated_elsewhere", stage="documents", off=False)
def dated_elsewhere() -> bool:
    """A document with a date of its own other than the event's was not signed at the event: it
    takes no event city ("The first train arrived in Osh on Monday. … under a memorandum signed in
    March 2021")."""
    return True


@rule("doc.signing_place", stage="documents", off=None)
def signing_place(
    annotated: Annotated, names: Names, sentence: int, event_place: str | None, *, own_day: bool = False
) -> str | None:
    """Give the place of a document signed, adopted or ratified with none of its own: the city of
    the article's event, else a city written with a locative, or as a visit's destination, in its
    sentence or the next ("… signed a memorandum. The signing crowned the minister's trip to Osh"),
    else the headline's city written with a locative ("Встреча министров в Оше")."""
    if event_place:
        return event_place
    text = annotated.text
    for s in annotated.sentences[sentence : sentence + 2]:
        for m in names.cities(s.start, s.stop):
            if _visited(annotated, s.start, m) or locative_at(annotated.lang, text, m.start):
                return m.normal
    if visit_before() and sentence > 0:
        s = annotated.sentences[sentence - 1]
        for m in names.cities(s.start, s.stop):
            if _visited(annotated, s.start, m):
                return m.normal
    venue = meeting_venue(annotated, names, sentence) or (
        None if own_day else lead_place(annotated, names, sentence)
    )
    if venue:
        return venue
    # the headline's: "Меморандум подписан в Оше"
    return _locative_city(annotated, names, 0, len(annotated.article.title or ""))


@rule("doc.meeting_venue", stage="documents", off=None)
def meeting_venue(annotated: Annotated, names: Names, sentence: int) -> str | None:
    """Give a document signed as the outcome of a meeting told before ("по итогам", "в ходе",
    "following the talks") the city written with a locative in the nearest of the two sentences
    before: "Переговоры прошли в Астане. По их итогам подписан меморандум" (Астана), "The talks
    were held in Osh. Following the talks, the ministers signed a protocol" (Osh)."""
    s = annotated.sentences[sentence]
    words = {t.text.lower() for t in s.tokens}
    if not words & lexicon(annotated.lang).OUTCOME_WORDS:
        return None
    title = len(annotated.article.title or "")
    for k in range(sentence - 1, max(-1, sentence - 3), -1):
        before = annotated.sentences[k]
        if before.start < title:
            break
        if city := _locative_city(annotated, names, before.start, before.stop):
            return city
    return None


@rule("doc.lead_place", stage="documents", off=None)
def lead_place(annotated: Annotated, names: Names, sentence: int) -> str | None:
    """Give a document signed, adopted or ratified with no place told near it, nor a date of its
    own, the city of the article's lead, the body's first sentence, which sets the scene of the
    news told after it (a lead right before the document, or its own sentence, was read closer): "Министры провели переговоры в г. Бишкек. … Также подписан меморандум" (Бишкек), "The talks
    took place in Tashkent. … A memorandum was also signed" (Tashkent)."""
    title = len(annotated.article.title or "")
    lead = next((k for k, s in enumerate(annotated.sentences) if s.start >= title), None)
    if lead is None or lead >= sentence - 1:  # the sentences near the document are read closer
        return None
    lead = annotated.sentences[lead]
    return next((m.normal for m in names.cities(lead.start, lead.stop)), None)


@rule("doc.unnamed_reference", stage="documents", off=False)
def unnamed_reference(doc: list) -> bool:
    """A document referred to without saying which makes no record: "в соответствии с данным
    соглашением" (no title, number, date, parties or capital)."""
    return not any(f.mention.specific for f in doc)


@rule("doc.sentence_date", stage="documents", off=None)
def sentence_date(
    annotated: Annotated, chosen: Found, found: list[Found], dates: Sequence[Mention]
) -> str | None:
    """Give a document signed, adopted or ratified with no date in its own clause the day its
    sentence names outside any other document's phrase, the nearest to it: "3 марта в Оше прошло
    заседание, по итогам которого подписано соглашение", "The commission met on 3 March, at a session
    during which the ministers signed a memorandum" (before the article's event date)."""
    m = chosen.mention
    sentence = annotated.sentences[m.sentence]
    others = [
        (f.mention.start, f.mention.stop)
        for f in found
        if f.mention.sentence == m.sentence and f is not chosen
    ]
    days = [
        d
        for d, _ in dates_in(dates, sentence.start, sentence.stop, annotated.text, annotated.lang)
        if d.attrs.get("precision") == "day" and not any(a <= d.start < b for a, b in others)
    ]
    nearest = min(days, key=lambda d: abs(d.start - m.start), default=None)
    return nearest.attrs["value"] if nearest else None


@rule("doc.event_date", stage="documents", off=False)
def event_date(doc: list, status: str, event: Mention, body: list) -> bool:
    """A document signed, adopted or ratified with no date of its own takes the date (and place)
    of the article's event, when the event is told before the document."""
    return (
        status in _EVENT_STATUSES
        and not any(f.dated for f in doc)
        and (not body or event.start < body[0].mention.start)
    )


@dataclass(frozen=True)
class Documents:
    """The documents of one article: (record, evidence mention) per document, and the number of
    documents it reports without their types (`articles.documents_reported`)."""

    records: tuple[tuple[DocumentRecord, Mention], ...]
    reported: int | None = None


def extract_documents(
    annotated: Annotated,
    *,
    places: Sequence[Mention],
    organisations: Sequence[Mention],
    dates: Sequence[Mention],
    people: Sequence[Mention] = (),
) -> Documents:
    """Give the article's Documents: (record, evidence mention) per distinct document signed,
    adopted, ratified, planned or referred to by name, and the untyped count it reports. The
    evidence mention's attrs hold all the document's mentions (`mentions`) and the party mentions
    (`party_mentions`) for merging with entities."""
    names = Names.of(organisations, places, people)
    found, groups = analyse(annotated, names, dates)
    return Documents(tuple(_records(annotated, found, names, dates)), documents_reported(groups, found))


def _records(
    annotated: Annotated, found: list[Found], names: Names, dates: Sequence[Mention]
) -> Iterator[tuple[DocumentRecord, Mention]]:
    event = next((d for d in dates if d.attrs.get("role") == "event" and d.attrs.get("value")), None)
    event_place = _event_place(annotated, event or undated_event(dates), names)
    text = annotated.text
    bounds = [(s.start, s.stop) for s in annotated.sentences]
    for doc in group_documents(found):
        chosen = deciding_mention(doc)
        if chosen is None:
            continue
        status = chosen.status.status
        if status == "mentioned" and unnamed_reference(doc):
            continue
        date = chosen.date or next((f.date for f in doc if f.date), None)
        place = chosen.place or next((f.place for f in doc if f.place), None)
        body = [f for f in doc if not f.mention.in_title]
        if date is None and status in _EVENT_STATUSES and not any(f.dated for f in doc):
            date = sentence_date(annotated, chosen, found, dates)
        if date is None and event and event_date(doc, status, event, body):
            date, place = event.attrs["value"], place or event_place
        parties = document_parties(chosen, doc, status, names)
        if not parties and status in ("signed", "adopted"):
            parties = {p.normal.casefold(): p for p in implied_parties(names, bounds, chosen.mention.start)}
        sentence = annotated.sentences[chosen.mention.sentence]
        if place is None and status in _EVENT_STATUSES:
            own_day = date is not None and not (event and date == event.attrs["value"])
            place = signing_place(
                annotated,
                names,
                chosen.mention.sentence,
                None if own_day and dated_elsewhere() else event_place,
                own_day=own_day,
            )
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
            number=next((n for f in doc if (n := f.mention.number or f.number)), None),
            parties=tuple(p.normal if isinstance(p, Mention) else p for p in parties.values()),
            text=text[sentence.start : sentence.stop].strip(),
            start=sentence.start,
            stop=sentence.stop,
            title=next((f.mention.title for f in doc if f.mention.title), None),
            mentions=len(mentions),
            count=chosen.mention.count if chosen.mention.quantified else 1,
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
