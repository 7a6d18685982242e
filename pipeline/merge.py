"""Mentions -> one entity per person, organisation and place of an article, with stable ids.

`entity_id` is a hash of the entity's kind and canonical key (the gazetteer key for known
places, the case-folded normal name otherwise), so the same entity gets the same id in every
article and every run.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from .article import DateRecord, DocumentRecord, Entity, Mention
from .extract import Extraction
from .extract.common import surname
from .gazetteer import lemma_key, lookup_organisation, lookup_place
from .keys import has_cyrillic, name_key
from .lexicon import all_lexicons, alternatives, lexicon
from .rules import Computed, rule

if TYPE_CHECKING:
    from .corrections import Corrections

_PREFIX = {"person": "per", "organisation": "org", "place": "loc"}


def entity_id(kind: str, key: str) -> str:
    """Give the stable id of an entity from its kind and canonical key."""
    return f"{_PREFIX[kind]}-" + hashlib.sha1(f"{kind}:{key}".encode()).hexdigest()[:12]


@cache
def identity(kind: str, name: str, *, lang: str) -> tuple[str, str, dict]:
    """Give the entity id, name and attributes a name stands for, as the merger identifies an entity:
    a known place or organisation by the gazetteer, anything else by its name."""
    if kind == "place" and (info := lookup_place(name)) is not None:
        attrs = {"kind": info.kind, "country": info.country, "geonames_id": info.geonames_id, "lat": info.lat,
                 "lon": info.lon, "gazetteer_aliases": info.aliases}  # fmt: skip
        return entity_id(kind, info.key), info.name(lang), attrs
    if kind == "organisation" and (known := lookup_organisation(name)) is not None:
        return entity_id(kind, f"gaz:{known.key}"), known.name(lang), {"gazetteer_aliases": known.names()}
    return entity_id(kind, name_key(name)), name, {}


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


@rule("merge.unknown_place_country", stage="merge", touches=("LOC",), off=None)
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


_LEGAL_FORM = re.compile(
    rf"^{alternatives([f for lex in all_lexicons() for f in lex.LEGAL_FORMS])}\s+[«\"“„](.+)[»\"”“]$"
)
_SEAT_PREPOSITIONS = {p for lex in all_lexicons() for p in lex.SEAT_PREPOSITIONS}


def bare_form(normal: str) -> str:
    """Give the key of an organisation's name without its legal form and without the place
    that ends it: "ОАО «Чакан ГЭС»" -> "чакан гэс", "Министерство финансов Кыргызской
    Республики" -> "министерство финансов", "Фонд … в Кыргызской Республике" -> "фонд …"."""
    if m := _LEGAL_FORM.match(normal.strip()):
        normal = m.group(1)
    words = normal.split()
    for i in range(1, len(words)):
        head, tail = words[:i], words[i:]
        if head[-1].lower() in _SEAT_PREPOSITIONS:
            head = head[:-1]
        if head and _is_place(" ".join(tail)):
            return name_key(" ".join(head))
    return name_key(normal)


def _is_place(text: str) -> bool:
    """Tell a known place in any inflection, cities included ("Бишкеке")."""
    return lookup_place(text) is not None or (
        " " not in text and (lemma := lemma_key(text)) is not None and lookup_place(lemma) is not None
    )


def _reduced_form(normal: str) -> str | None:
    """Give the head word of "<institution> <known organisation>" ("Комитет Жогорку Кенеша": a
    committee of the parliament, which one the article says elsewhere), or None."""
    head, _, rest = normal.partition(" ")
    return head.casefold() if rest and lookup_organisation(rest) is not None else None


@rule("merge.bare_form", stage="merge", touches=("ORG",), off=Computed(lambda groups: (groups, set())))
def _join_bare_forms(groups: list[list[Mention]]) -> tuple[list[list[Mention]], set[str]]:
    """Join a group named only by a bare form ("Министерство финансов", "Чакан ГЭС") or by a
    reduced one ("Комитет Жогорку Кенеша") to the one group whose fuller name reduces to it;
    with two candidates ("МИД России", "МИД Казахстана") it stays on its own. Give the groups and
    the keys of the forms joined so."""
    fuller: dict[str, set[int]] = {}
    for i, group in enumerate(groups):
        for m in group:
            if (bare := bare_form(m.normal)) != name_key(m.normal):
                fuller.setdefault(bare, set()).add(i)
            fuller.setdefault("head:" + m.normal.split()[0].casefold(), set()).add(i)
    target: dict[int, int] = {}
    reduced: set[str] = set()
    for i, group in enumerate(groups):
        keys = {name_key(m.normal) for m in group}
        heads = {f"head:{h}" for m in group if (h := _reduced_form(m.normal))}
        if len(keys) == 1 and len(heads) == 1:  # "Комитет Жогорку Кенеша" alone
            candidates = fuller.get(heads.pop(), set()) - {i}
        else:
            candidates = set().union(*(fuller.get(k, set()) for k in keys)) - {i}
            if any(k in fuller and i in fuller[k] for k in keys):
                continue
        if len(candidates) == 1:
            target[i] = candidates.pop()
            reduced |= keys
    joined: dict[int, list[Mention]] = {}
    for i, group in enumerate(groups):
        j, seen = target.get(i, i), {i}
        while j in target and j not in seen:  # a chain of reduced forms ends at a full one
            seen.add(j)
            j = target[j]
        joined.setdefault(j, []).extend(group)
    return [sorted(g, key=lambda m: m.start) for _, g in sorted(joined.items())], reduced


@rule("merge.hyphen_spelling", stage="merge", touches=("ORG",), off="")
def _spaced_key(normal: str) -> str:
    """Names written with and without a hyphen are one: "Iran-Oman Joint Commission" and "Iran
    Oman Joint Commission"."""
    return "spaced:" + name_key(normal.replace("-", " "))


def _initials(name: str, lang: str) -> str:
    """Give the capitalised first letters of a name's words, its function words left out:
    "Agency for Strategic Reforms" -> "ASR"."""
    skip = lexicon(lang).FUNCTION_WORDS
    words = [w for w in re.split(r"[\s\-]+", name) if w[:1].isalpha() and w.lower() not in skip]
    return "".join(w[0] for w in words).upper()


def _abbreviates(short: str, full: str, lang: str) -> bool:
    """Tell a one-word short form that stands for a fuller name of several words: an acronym of its
    words' initials, with or without the place that ends it ("ГКЭП" of "Государственный комитет по
    экологии и природопользованию Таджикистана"), or a stump compound ("Минфин" of "Министерство
    финансов", "Нацбанк" of "Национальный банк …")."""
    words = full.lower().split()
    if " " in short or len(words) < 2:
        return False
    letters = short.replace("-", "")
    if letters.isalpha() and letters.isupper() and len(letters) >= 2:
        return letters in (_initials(full, lang), _initials(bare_form(full), lang))
    lower = short.lower()
    for prefix, stem in lexicon(lang).STUMP_PREFIXES.items():
        rest = lower[len(prefix) :]
        if lower.startswith(prefix) and len(rest) >= 3:
            return words[0].startswith(stem) and any(w.startswith(rest[:4]) for w in words[1:])
    return False


@rule("merge.short_form", stage="merge", touches=("ORG",), off=Computed(lambda groups, lang: (groups, set())))
def _join_short_forms(groups: list[list[Mention]], lang: str) -> tuple[list[list[Mention]], set[str]]:
    """Join a group named only by a short form (an acronym no brackets defined, a stump compound)
    to the one group whose fuller name it abbreviates ("… ГКЭП" and "Государственный комитет по
    экологии и природопользованию"; "Минфин" and "Министерство финансов"); a known organisation
    keeps its own group. Give the groups and the keys of the short forms joined."""
    short: dict[int, set[str]] = {}
    for i, group in enumerate(groups):
        forms = {m.normal for m in group}
        if all(" " not in f for f in forms) and not any(m.attrs.get("known") for m in group):
            short[i] = forms
    target: dict[int, int] = {}
    for i, forms in short.items():
        candidates = {
            j
            for j, group in enumerate(groups)
            if j != i
            and j not in short
            and any(_abbreviates(f, m.normal, lang) for f in forms for m in group)
        }
        if len(candidates) == 1:
            target[i] = candidates.pop()
    reduced = {name_key(f) for i in target for f in short[i]}
    return _joined(groups, target), reduced


def _words(name: str) -> list[str]:
    return name_key(name.replace("-", " ")).split()


def _within(short: list[str], full: list[str]) -> bool:
    """Tell a word list that is a shorter subsequence of another, in the same order."""
    if len(short) >= len(full):
        return False
    rest = iter(full)
    return all(word in rest for word in short)


@rule("merge.shortened_name", stage="merge", touches=("ORG",), off=Computed(lambda groups: (groups, set())))
def _join_shortened_names(groups: list[list[Mention]]) -> tuple[list[list[Mention]], set[str]]:
    """Join a group named only by a shortened name, its words all found in order in one fuller
    name ("Joint Commission" of "Kazakh-Turkmen Joint Intergovernmental Commission", "Trade
    Development Agency" of "Iran's Trade Development Agency", "Council of Ministers" of
    "Council of Ministers of the CIS"), to the one group that has such a fuller name; with two
    candidates it stays on its own, and so does a known organisation. Give the groups and the keys
    of the shortened names."""
    target: dict[int, int] = {}
    for i, group in enumerate(groups):
        if any(m.attrs.get("known") for m in group):
            continue
        forms = [_words(m.normal) for m in group]
        if any(len(f) < 2 for f in forms):
            continue
        candidates = {
            j
            for j, other in enumerate(groups)
            if j != i and any(_within(f, _words(m.normal)) for f in forms for m in other)
        }
        if len(candidates) == 1:
            target[i] = candidates.pop()
    reduced = {name_key(m.normal) for i in target for m in groups[i]}
    return _joined(groups, target), reduced


def _joined(groups: list[list[Mention]], target: dict[int, int]) -> list[list[Mention]]:
    """Give the groups with each group `i` of `target` joined to group `target[i]` (followed on
    when that one is joined in turn), in the order of their first group."""
    joined: dict[int, list[Mention]] = {}
    for i, group in enumerate(groups):
        j, seen = target.get(i, i), {i}
        while j in target and j not in seen:
            seen.add(j)
            j = target[j]
        joined.setdefault(j, []).extend(group)
    return [sorted(g, key=lambda m: m.start) for _, g in sorted(joined.items())]


@rule("merge.bracketed_abbreviation", stage="merge", touches=("ORG",), off="")
def _abbreviation_key(m: Mention) -> str:
    """An abbreviation defined in brackets names the organisation it follows: "… по
    промышленному развитию (ЮНИДО)" and a later "ЮНИДО" are one."""
    abbreviation = m.attrs.get("abbreviation")
    return name_key(abbreviation) if abbreviation else ""


def _organisations(mentions: Sequence[Mention], lang: str) -> list[Entity]:
    """Group organisation mentions sharing a name, an abbreviation defined in brackets, or an
    entry of the organisation gazetteer; a known organisation takes its canonical name and id."""

    def keys(m: Mention) -> list[str]:
        known = m.attrs.get("known")
        return [
            name_key(m.normal),
            _abbreviation_key(m),
            f"gaz:{known.key}" if known else "",
            _spaced_key(m.normal),
        ]

    entities = []
    groups, reduced = _join_bare_forms(_group(mentions, keys))
    groups, shortened = _join_short_forms(groups, lang)
    reduced |= shortened
    groups, shortened = _join_shortened_names(groups)
    reduced |= shortened
    for group in groups:
        forms = [m.normal for m in group] + [
            m.attrs["abbreviation"] for m in group if m.attrs.get("abbreviation")
        ]
        known = next((m.attrs["known"] for m in group if m.attrs.get("known")), None)
        if known:
            name, key = known.name(lang), f"gaz:{known.key}"
            attrs = {"gazetteer_aliases": known.names()}
            forms += [a for a in known.abbreviations if has_cyrillic(a) == has_cyrillic(name)]
        else:
            name = _pick_name(forms, prefer=lambda f: (not _is_abbreviation(f), name_key(f) not in reduced))
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


@rule("merge.name_ending", stage="merge", touches=("PER",), off=False)
def _ends_with(name: str, part: str) -> bool:
    """A name that ends another is the same person: "Amir Abdollahian" of "Hossein Amir Abdollahian"."""
    words, tail = name_key(name).split(), name_key(part).split()
    return len(words) > len(tail) and words[-len(tail) :] == tail


@rule("merge.first_name_alone", stage="merge", touches=("PER",), off=Computed(lambda groups: groups))
def _join_first_names(groups: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """A name alone that is no one's surname in the article but the first word of one full name is
    that person: "Nader" beside "Nader Entessar", "Zhang" beside "Zhang Haizhou" (written surname
    first); with two full names beginning so it stays on its own."""
    firsts: dict[str, set[str]] = {}
    for key, group in groups.items():
        for m in group:
            words = m.normal.split()
            if len(words) > 1:
                firsts.setdefault(name_key(words[0]), set()).add(key)
    out = {k: list(v) for k, v in groups.items()}
    for key, group in groups.items():
        if all(len(m.normal.split()) == 1 for m in group) and len(firsts.get(key, ())) == 1:
            (target,) = firsts[key]
            if target != key:
                out[target].extend(group)
                del out[key]
    return out


@rule(
    "merge.written_role_first",
    stage="merge",
    touches=("PER",),
    off=Computed(lambda members: next((m.attrs.get("role") for m in members if m.attrs.get("role")), None)),
)
def _role(members: Sequence[Mention]) -> str | None:
    """A person's role is the first one written beside a mention of theirs; one read from another
    sentence ("… The minister said") only when none is."""
    written = [m.attrs["role"] for m in members if m.attrs.get("role") and not m.attrs.get("role_inferred")]
    inferred = [m.attrs["role"] for m in members if m.attrs.get("role")]
    return (written or inferred or [None])[0]


def _people(mentions: Sequence[Mention]) -> list[Entity]:
    """Group people by surname; "Б. Джусупов" joins "Бакыт Джусупов", a bare surname joins both."""
    by_surname: dict[str, list[Mention]] = {}
    for m in mentions:
        by_surname.setdefault(name_key(surname(m.normal)), []).append(m)
    by_surname = _join_first_names(by_surname)
    entities = []
    for group in by_surname.values():
        full = [m for m in group if len(m.normal.split()) > 1]
        longest = sorted({m.normal for m in full}, key=lambda n: -len(n.split()))
        clusters: dict[str, list[Mention]] = {}
        for m in full:
            # "Amir Abdollahian" is the end of "Hossein Amir Abdollahian", not another person
            whole = next((n for n in longest if _ends_with(n, m.normal)), m.normal)
            clusters.setdefault(_first_initial(whole), []).append(m)
        if not clusters:
            clusters[""] = []
        bare = [m for m in group if len(m.normal.split()) <= 1]
        next(iter(clusters.values())).extend(bare)
        for members in clusters.values():
            members.sort(key=lambda m: m.start)
            forms = [m.normal for m in members]
            name = _pick_name(forms, prefer=lambda f: (len(f.split()) > 1, "." not in f))
            role = _role(members)
            entity = Entity(
                "person", entity_id("person", name_key(name)), name, _aliases(name, forms), tuple(members)
            )
            entities.append(replace(entity, attrs={"role": role}))
    return entities


def merge_article(
    extraction: Extraction, *, lang: str, corrections: Corrections | None = None, applied: list | None = None
) -> tuple[list[Entity], list[Mention], list[DateRecord]]:
    """Give the article's entities (corrected by `corrections`: the keys of the rules that changed
    them are added to `applied`), all its mentions (with entity ids) and its date records."""
    entities = (
        _people(extraction.people)
        + _organisations(extraction.organisations, lang)
        + _places(extraction.places)
    )
    if corrections:
        entities, keys = corrections.apply(entities, lang=lang)
        if applied is not None:
            applied.extend(keys)
    mentions: list[Mention] = []
    for entity in entities:
        mentions.extend(replace(m, attrs={**m.attrs, "entity_id": entity.entity_id}) for m in entity.mentions)
    mentions.extend(extraction.dates)
    ids = document_ids([record for record, _ in extraction.documents])
    for (_, evidence), doc_id in zip(extraction.documents, ids, strict=True):  # every mention, with its id
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
                a["value"],
                a["start_date"],
                a["end_date"],
                a["precision"],
                a["role"],
                d.text,
                d.start,
                d.stop,
                a.get("anchor"),
            )  # fmt: skip
        )
    return entities, mentions, dates


def document_id(record: DocumentRecord, *, nth: int = 1) -> str:
    """Give a document's id: stable across runs; `nth` tells apart documents of one type and status
    whose evidence is the same sentence ("ratified the Agreements of 5 October 2016 and 7 December 2017")."""
    key = f"{record.type}:{record.status}:{record.start}:{record.text}" + (f"#{nth}" if nth > 1 else "")
    return "doc-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def document_ids(records: Sequence[DocumentRecord]) -> list[str]:
    """Give the ids of an article's documents, in order: distinct within the article."""
    seen: Counter[str] = Counter()
    ids = []
    for record in records:
        base = document_id(record)
        seen[base] += 1
        ids.append(document_id(record, nth=seen[base]))
    return ids


def document_key(record: DocumentRecord) -> str | None:
    """Give the key of a document across articles: its type, its title (case and punctuation
    unified), its parties (their entity ids, else their names, in any order), and its date when it
    has no title; none when the record says too little to tell it from another document of its type
    (no title of two words or more, and no date or no party). Its status is left out: one article tells the signing,
    another refers to it."""
    title = name_key(record.title) if record.title else ""
    if len(title.split()) < 2:  # "for", "2030": no subject to tell documents apart
        title = ""
    if not title and not (record.date and record.parties):
        return None
    ids = record.party_ids or (None,) * len(record.parties)
    parties = sorted({pid or name_key(name) for name, pid in zip(record.parties, ids, strict=True)})
    key = "|".join([record.type, title, ",".join(parties), "" if title else record.date or ""])
    return "dkey-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def article_document_key(article_id: str, document_id: str) -> str:
    """Give the key of a document too thinly described to be matched across articles: its own."""
    return "dkey-" + hashlib.sha1(f"{article_id}:{document_id}".encode()).hexdigest()[:12]


def document_name(record: DocumentRecord) -> str:
    """Give a document's name for the `entities` table: its type and title, its parties and date
    ("agreement On Water Use (Kazakhstan, Uzbekistan; 2024-05-12)")."""
    said = ", ".join(record.parties) + ("; " if record.parties and record.date else "") + (record.date or "")
    return " ".join(filter(None, [record.type, record.title])) + (f" ({said})" if said else "")


def merge_documents(
    extraction: Extraction, entities: Sequence[Entity], *, corrections: Corrections | None = None
) -> list[DocumentRecord]:
    """Give the article's document records with their parties named as the article's entities
    (an abbreviation or an inflected form becomes the organisation's or country's name, with its
    entity id; a party rejected by `corrections` is dropped) and their ids."""
    by_span = {(m.kind, m.start, m.stop): e for e in entities for m in e.mentions}
    by_name = {name_key(n): e for e in entities for n in (e.name, *e.aliases) if e.kind != "person"}
    records = []
    ids = document_ids([record for record, _ in extraction.documents])
    for (record, evidence), doc_id in zip(extraction.documents, ids, strict=True):
        named: dict[str, tuple[str, str | None]] = {}
        mentions = {m.normal: m for m in evidence.attrs.get("party_mentions", ())}
        for party in record.parties:
            m = mentions.get(party)
            entity = by_span.get((m.kind, m.start, m.stop)) if m else by_name.get(name_key(party))
            if entity is None and corrections and corrections.rejects_party(party, m.kind if m else None):
                continue
            name, eid = (entity.name, entity.entity_id) if entity else (party, None)
            named.setdefault(eid or name_key(name), (name, eid))
        merged = replace(
            record,
            parties=tuple(n for n, _ in named.values()),
            party_ids=tuple(i for _, i in named.values()),
            document_id=doc_id,
        )
        records.append(replace(merged, document_key=document_key(merged)))
    return records
