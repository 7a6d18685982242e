"""One record per document: which mentions name the same document, which mention's status is
the document's, and its parties."""

from __future__ import annotations

from ...article import Mention
from ...rules import enabled, rule
from .clauses import STRONG, Found
from .names import Names, party_kind
from .parties import bodies_countries


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
            pa, pb = {party_key(p) for p in n.parties}, {party_key(p) for p in m.parties}
            if not (pa <= pb or pb <= pa):
                return False
    return True


def party_key(party) -> str:
    return (party.normal if isinstance(party, Mention) else party).casefold()


def document_parties(chosen: Found, doc: list[Found], status: str, names: Names) -> dict[str, Mention | str]:
    """Give a document's parties: those of the mention that gives its status, and those listed
    "между X и Y" / "between X and Y" with any of its mentions; the other mentions' only when these
    say none (their subjects are often someone else: "…, the minister said"); and the countries
    of its bodies when the parties are states."""
    kept = [chosen, *[f for f in doc if f.mention.listed_parties]]
    if not any(f.parties for f in kept):
        kept = [f for f in doc if f.status.status in (None, status, "mentioned")]
    parties: dict[str, Mention | str] = {}
    for f in kept:
        for p in f.parties:
            if not isinstance(p, Mention) or party_kind(p) in ("organisation", "country"):
                parties.setdefault(party_key(p), p)
    for country in bodies_countries(list(parties.values()), names):
        parties.setdefault(party_key(country), country)
    return parties


def deciding_mention(doc: list[Found]) -> Found | None:
    """Give the mention whose status is the document's: ratified over signed or adopted (the first
    of them), over planned, over mentioned; the headline's only when the body gives none."""
    for statuses in (("ratified",), STRONG, ("planned",), ("mentioned",)):
        for in_title in (False, True):
            chosen = next(
                (f for f in doc if f.status.status in statuses and f.mention.in_title == in_title), None
            )
            if chosen:
                return chosen
    return None


def _corefer(found: list[Found]) -> list[list[Found]]:
    """Group mentions into documents: a mention joins the nearest earlier document it can be a
    mention of; plural and counted nouns make none ("three agreements were signed")."""
    documents: list[list[Found]] = []
    for f in found:
        m = f.mention
        if m.plural or m.quantified:
            continue
        target = next(
            (
                d
                for d in documents
                if any((o.mention.sentence, o.mention.index) == (m.sentence, m.same_as) for o in d)
            ),
            None,
        )
        if target is None and not m.other:
            target = next((d for d in reversed(documents) if _same_document(d, f)), None)
        if target is None and m.anaphoric and documents:
            continue  # "данным соглашением" after a plan: a document already counted, of another name
        if target is not None:
            target.append(f)
        else:
            documents.append([f])
    return documents


@rule("doc.headline_joins_body", stage="documents", off=False)
def _headline_joins_body() -> bool:
    """A headline's document is the body's first document of its type: a headline sums up what the
    body tells."""
    return True


COUNTED_STATUSES = ("signed", "adopted", "ratified")


@rule("doc.counted", stage="documents", off=())
def counted_documents(found: list[Found], documents: list[list[Found]]) -> list[list[Found]]:
    """A count of typed documents that the article does not list one by one is one record that
    stands for them all: "Iran and Kyrgyzstan signed four MOUs", "подписано 23 соглашения" (its
    `count`); the headline's count and the body's are one ("ink 4 MOUs" … "signed four
    memorandums")."""
    listed = {(d[0].mention.type, f.status.status) for d in documents for f in d}
    out: list[list[Found]] = []
    for f in sorted(found, key=lambda f: f.mention.in_title):
        m = f.mention
        if not m.count or m.mixed or f.status.status not in COUNTED_STATUSES:
            continue
        if (m.type, f.status.status) in listed:
            continue
        same = next((d for d in out if (d[0].mention.type, d[0].mention.count) == (m.type, m.count)), None)
        if same is not None:
            same.append(f)
        else:
            out.append([f])
    return out


def group_documents(found: list[Found]) -> list[list[Found]]:
    """Give the article's documents: the body's, then the headline's, each joining the body's
    first document of its type (a headline sums up what the body tells); then the counted ones
    the article does not list one by one."""
    documents = _corefer([f for f in found if not f.mention.in_title])
    for headline in _corefer([f for f in found if f.mention.in_title]):
        if not enabled("doc.headline_joins_body"):
            documents.append(headline)
            continue
        kind = headline[0].mention.type
        target = next(
            (d for d in documents if d[0].mention.type == kind and _same_document(d, headline[0])), None
        )
        target = target or next((d for d in documents if d[0].mention.type == kind), None)
        if target is not None:
            target.extend(headline)
        else:
            documents.append(headline)
    return documents + list(counted_documents(found, documents))
