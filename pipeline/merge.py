"""Mentions -> one entity per person, organisation and place of an article, with stable ids.

`entity_id` is a hash of the entity's kind and canonical key (the gazetteer key for known
places, the case-folded normal name otherwise), so the same entity gets the same id in every
article and every run.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from .article import DateRecord, DocumentRecord, Entity, Mention
from .extract import Extraction
from .extract.people import surname
from .keys import has_cyrillic, name_key

_PREFIX = {"person": "per", "organisation": "org", "place": "loc"}


def entity_id(kind: str, key: str) -> str:
    """Give the stable id of an entity from its kind and canonical key."""
    return f"{_PREFIX[kind]}-" + hashlib.sha1(f"{kind}:{key}".encode()).hexdigest()[:12]


def _pick_name(forms: Sequence[str], prefer: Callable[[str], tuple] = lambda s: ()) -> str:
    """Give the most telling form: by `prefer`, then the most frequent, then the longest."""
    counts = Counter(forms)
    return max(counts, key=lambda f: (*prefer(f), counts[f], len(f)))


def _aliases(name: str, forms: Sequence[str]) -> tuple[str, ...]:
    seen = {name_key(name)}
    out = []
    for form in forms:
        if name_key(form) not in seen:
            seen.add(name_key(form))
            out.append(form)
    return tuple(out)


def _group(mentions: Sequence[Mention], keys: Callable[[Mention], Sequence[str]]) -> list[list[Mention]]:
    """Group mentions that share any key (union-find over keys), in order of first mention."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for m in mentions:
        ks = [k for k in keys(m) if k]
        for other in ks[1:]:
            parent[find(other)] = find(ks[0])
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(find(keys(m)[0]), []).append(m)
    return list(groups.values())


def _main_country(mentions: Sequence[Mention]) -> str | None:
    """Give the country the article's known places name most often."""
    counts = Counter(m.attrs["country"] for m in mentions if m.attrs.get("key") and m.attrs.get("country"))
    return counts.most_common(1)[0][0] if counts else None


def _places(mentions: Sequence[Mention]) -> list[Entity]:
    """One entity per place; a place no gazetteer knows (a village, a district) is placed in the
    country the article's known places name most often."""
    main_country = _main_country(mentions)
    entities = []
    for group in _group(mentions, lambda m: [m.attrs.get("key") or "n:" + name_key(m.normal)]):
        first = group[0].attrs
        name = first.get("canonical") or _pick_name([m.normal for m in group])
        key = first.get("key") or name_key(name)
        attrs = {k: first.get(k) for k in ("kind", "country", "geonames_id", "lat", "lon")}
        attrs["gazetteer_aliases"] = first.get("aliases", ())
        if not first.get("key") and attrs["kind"] in ("city", "admin"):
            attrs["country"] = main_country
        entities.append(
            Entity(
                "place",
                entity_id("place", key),
                name,
                _aliases(name, [m.normal for m in group]),
                tuple(group),
                attrs,
            )
        )
    return entities


def _is_abbreviation(text: str) -> bool:
    return len(text) <= 12 and " " not in text and sum(c.isupper() for c in text) >= 2


def _organisations(mentions: Sequence[Mention], lang: str) -> list[Entity]:
    """Group organisation mentions sharing a name, an abbreviation defined in brackets, or an
    entry of the organisation gazetteer; a known organisation takes its canonical name and id."""

    def keys(m: Mention) -> list[str]:
        abbreviation, known = m.attrs.get("abbreviation"), m.attrs.get("known")
        return [
            name_key(m.normal),
            name_key(abbreviation) if abbreviation else "",
            f"gaz:{known.key}" if known else "",
        ]

    entities = []
    for group in _group(mentions, keys):
        forms = [m.normal for m in group] + [
            m.attrs["abbreviation"] for m in group if m.attrs.get("abbreviation")
        ]
        known = next((m.attrs["known"] for m in group if m.attrs.get("known")), None)
        if known:
            name, key = known.name(lang), f"gaz:{known.key}"
            attrs = {"gazetteer_aliases": known.names()}
            forms += [a for a in known.abbreviations if has_cyrillic(a) == has_cyrillic(name)]
        else:
            name = _pick_name(forms, prefer=lambda f: (not _is_abbreviation(f),))
            key, attrs = name_key(name), {}
        entities.append(
            Entity(
                "organisation",
                entity_id("organisation", key),
                name,
                _aliases(name, forms),
                tuple(group),
                attrs,
            )
        )
    return entities


def _first_initial(name: str) -> str:
    return name.split()[0][0].casefold() if name.split() else ""


def _people(mentions: Sequence[Mention]) -> list[Entity]:
    """Group people by surname; "Б. Джусупов" joins "Бакыт Джусупов", a bare surname joins both."""
    by_surname: dict[str, list[Mention]] = {}
    for m in mentions:
        by_surname.setdefault(name_key(surname(m.normal)), []).append(m)
    entities = []
    for group in by_surname.values():
        full = [m for m in group if len(m.normal.split()) > 1]
        clusters: dict[str, list[Mention]] = {}
        for m in full:
            clusters.setdefault(_first_initial(m.normal), []).append(m)
        if not clusters:
            clusters[""] = []
        bare = [m for m in group if len(m.normal.split()) <= 1]
        next(iter(clusters.values())).extend(bare)
        for members in clusters.values():
            members.sort(key=lambda m: m.start)
            forms = [m.normal for m in members]
            name = _pick_name(forms, prefer=lambda f: (len(f.split()) > 1, "." not in f))
            role = next((m.attrs.get("role") for m in members if m.attrs.get("role")), None)
            entity = Entity(
                "person", entity_id("person", name_key(name)), name, _aliases(name, forms), tuple(members)
            )
            entities.append(replace(entity, attrs={"role": role}))
    return entities


def merge_article(
    extraction: Extraction, *, lang: str
) -> tuple[list[Entity], list[Mention], list[DateRecord]]:
    """Give the article's entities, all its mentions (with entity ids) and its date records."""
    entities = (
        _people(extraction.people)
        + _organisations(extraction.organisations, lang)
        + _places(extraction.places)
    )
    mentions: list[Mention] = []
    for entity in entities:
        mentions.extend(replace(m, attrs={**m.attrs, "entity_id": entity.entity_id}) for m in entity.mentions)
    mentions.extend(extraction.dates)
    for record, evidence in extraction.documents:  # every mention of a document, with its id
        doc_id = document_id(record)
        for m in evidence.attrs.get("mentions", (evidence,)):
            mentions.append(replace(m, attrs={**m.attrs, "entity_id": doc_id}))
    mentions.sort(key=lambda m: (m.start, m.stop, m.kind))
    dates = []
    seen_values: set[str] = set()
    for d in extraction.dates:  # one row per value: its first mention, which carries the role
        a = d.attrs
        if a["value"] is None or a["value"] in seen_values:  # unanchored dates are mentions only
            continue
        seen_values.add(a["value"])
        dates.append(
            DateRecord(
                a["value"], a["start_date"], a["end_date"], a["precision"], a["role"], d.text, d.start, d.stop
            )
        )
    return entities, mentions, dates


def document_id(record: DocumentRecord) -> str:
    """Give a document's id: stable across runs, and distinct for the documents of one article."""
    key = f"{record.type}:{record.status}:{record.start}:{record.text}"
    return "doc-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def merge_documents(extraction: Extraction, entities: Sequence[Entity]) -> list[DocumentRecord]:
    """Give the article's document records with their parties named as the article's entities
    (an abbreviation or an inflected form becomes the organisation's or country's name, with its
    entity id) and their ids."""
    by_span = {(m.kind, m.start, m.stop): e for e in entities for m in e.mentions}
    by_name = {name_key(n): e for e in entities for n in (e.name, *e.aliases) if e.kind != "person"}
    records = []
    for record, evidence in extraction.documents:
        named: dict[str, tuple[str, str | None]] = {}
        mentions = {m.normal: m for m in evidence.attrs.get("party_mentions", ())}
        for party in record.parties:
            m = mentions.get(party)
            entity = by_span.get((m.kind, m.start, m.stop)) if m else by_name.get(name_key(party))
            name, eid = (entity.name, entity.entity_id) if entity else (party, None)
            named.setdefault(eid or name_key(name), (name, eid))
        records.append(
            replace(
                record,
                parties=tuple(n for n, _ in named.values()),
                party_ids=tuple(i for _, i in named.values()),
                document_id=document_id(record),
            )
        )
    return records
