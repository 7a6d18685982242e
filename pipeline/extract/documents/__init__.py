"""Documents stage: document mentions -> one record per distinct document signed, adopted,
ratified, planned or referred to, with its date, place, number, title and parties.

1. Mentions (`phrases`, `participles`): each document noun with its phrase and participle clauses.
2. Status (`status`, `clauses`, `groups`): from the predicate governing the noun, a participle on it, an act
   noun ("подписание"), a ratification bill and its fate, a reference ("в соответствии с").
   A noun with no predicate of its own takes the status of the documents it is listed among
   ("The papers covered …, and a memorandum …"; "X was among the papers signed …").
3. One record per document (`corefer`): a later mention joins an earlier one of its type unless they differ in
   number, date, title or listed parties; the headline's mention joins the body's; plural and
   counted nouns ("18 agreements were signed") make no record.
4. Date and place: written with the document, else in its predicate's clause, else (for a document
   signed, adopted or ratified with no date of its own) the article's event date and place.
5. Parties (`parties`, `names`): the organisations and countries of the syntax around it.

The vocabulary (types, status predicates, modality, references) is the lexicon's
(`pipeline/lexicon`); `syntax` holds the small tree helpers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...article import Annotated, DocumentRecord, Mention
from ...rules import rule
from ..common import locative_before
from .clauses import (
    Found,
    amended_parties,
    bill_passed,
    describe,
    implicit_signers,
    inherit,
    mention_status,
    share_status,
)
from .corefer import deciding_mention, document_parties, group_documents
from .groups import Group, generic_groups, listed_with_generic, merged_groups, typed_groups
from .names import Names
from .phrases import sentence_mentions
from .syntax import Tree

__all__ = ["extract_documents"]

_EVENT_STATUSES = ("signed", "adopted", "ratified")


def analyse(annotated: Annotated, names: Names, dates: Sequence[Mention]) -> list[Found]:
    """Give every document mention of the article with its status and clause attributes."""
    text = annotated.text
    title_end = len(annotated.article.title or "") if annotated.article.title else 0
    bounds = [(s.start, s.stop) for s in annotated.sentences]
    passed = bill_passed(text, bounds, annotated.lang)
    found: list[Found] = []
    groups: list[Group] = []
    for k, sentence in enumerate(annotated.sentences):
        tree = Tree(sentence, annotated.lang)
        in_title = sentence.start < title_end
        last_type = found[-1].mention.type if found else None
        mentions = list(
            sentence_mentions(tree, k, text, names, dates, in_title=in_title, last_type=last_type)
        )
        sentence_groups = generic_groups(tree, k, text, dates, names, bounds, bill_passed=passed)
        sentence_found = [Found(m, mention_status(tree, m, text, bill_passed=passed)) for m in mentions]
        share_status(sentence_found, text, annotated.lang)
        for f in sentence_found:
            describe(f, tree, mentions, names, dates, text, bounds)
            m = f.mention
            if f.status.status is None and not m.plural and listed_with_generic(tree, m.index):
                earlier = next((g for g in reversed(groups) if k - 3 <= g.sentence < k), None)
                here = merged_groups(sentence_groups)[0] if sentence_groups else None
                if here or earlier:
                    inherit(f, here or earlier, earlier)
            found.append(f)
        amended_parties([f for f in found if f.mention.sentence == k], text)
        implicit_signers(found, k)
        groups.extend(merged_groups(sentence_groups + typed_groups(found, k)))
    return found


@rule("doc.event_place", stage="documents", off=None)
def _event_place(annotated: Annotated, event: Mention | None, names: Names) -> str | None:
    """Give the city of the article's main event: the first city written with a locative in the
    sentence that dates the event ("3 марта в г. Ош … прошло совещание"), else in the headline
    ("Совещание водников в Оше")."""
    sentence = annotated.sentence_at(event.start) if event else None
    if sentence is None:
        return None
    text = annotated.text
    title = len(annotated.article.title or "")
    for start, stop in ((sentence.start, sentence.stop), (0, title)):
        for m in names.inside(start, stop):
            if m.kind == "place" and m.attrs.get("kind") == "city":
                if locative_before(annotated.lang, text[max(0, m.start - 12) : m.start]):
                    return m.normal
    return None


@rule("doc.unnamed_reference", stage="documents", off=False)
def unnamed_reference(doc: list) -> bool:
    """A document referred to without saying which makes no record: "в соответствии с данным
    соглашением" (no title, number, date, parties or capital)."""
    return not any(f.mention.specific for f in doc)


@rule("doc.event_date", stage="documents", off=False)
def event_date(doc: list, status: str, event: Mention, body: list) -> bool:
    """A document signed, adopted or ratified with no date of its own takes the date (and place)
    of the article's event, when the event is told before the document."""
    return (
        status in _EVENT_STATUSES
        and not any(f.dated for f in doc)
        and (not body or event.start < body[0].mention.start)
    )


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
    for doc in group_documents(analyse(annotated, names, dates)):
        chosen = deciding_mention(doc)
        if chosen is None:
            continue
        status = chosen.status.status
        if status == "mentioned" and unnamed_reference(doc):
            continue
        date = chosen.date or next((f.date for f in doc if f.date), None)
        place = chosen.place or next((f.place for f in doc if f.place), None)
        body = [f for f in doc if not f.mention.in_title]
        if date is None and event and event_date(doc, status, event, body):
            date, place = event.attrs["value"], place or event_place
        parties = document_parties(chosen, doc, status)
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
