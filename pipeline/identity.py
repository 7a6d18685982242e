"""Identities across articles: which entities of the `entities` table are one person or one
organisation, and the name each identity goes by in Russian and in English.

An entity (`entity_id`) is a name as the merger normalised it in one article or more; one person
is often several entities: a bare surname ("Raisi"), initials ("K. Tokayev"), a spelling of
another romanisation ("Berdimuhamedow" / "Berdimuhamedov"), an honorific ("Seyed Ebrahim
Raisi"), a Russian spelling ("Эбрахим Раиси"). `resolve` groups them:

- people by their name words, compared as romanised sound keys (`sound_key`: Cyrillic
  romanised, the spellings of one sound in Russian, Persian and Turkic romanisations made one,
  "Berdimuhamedow" = "Berdymukhamedov" = "Бердымухамедов"): the shorter full name's words
  must all be in the longer one (one letter of difference allowed in a long word), its initials
  must fit, a woman's surname is no man's ("Жапарова" / "Жапаров"); honorifics are left out.
  Full names are joined when compatible; a bare surname or initials join the one full name they
  fit, and when several fit, the one that shares the most organisations, places and role words
  with it, if one does;
- organisations no gazetteer knows, by an abbreviation and its expansion across articles ("KCCI"
  and "Kabul Chamber of Commerce and Industries"), when only one expansion fits;
- known organisations and places are one entity already (the gazetteer's key).

The result depends only on the entities (in the order of their ids), so it is the same with any
number of workers and after an incremental re-run.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from text_unidecode import unidecode

from .evaluate import PRF
from .keys import has_cyrillic, name_key
from .lexicon import all_lexicons, lexicon
from .rules import rule

_INITIAL = re.compile(r"^[^\W\d_]\.?$")
_SOUNDS = [(re.compile(pattern), replacement) for pattern, replacement in lexicon("en").SOUND_SPELLINGS]
_HONORIFICS = frozenset(w for lex in all_lexicons() for w in lex.NAME_HONORIFICS)
_STOP = frozenset(w for lex in all_lexicons() for w in lex.FUNCTION_WORDS | lex.STOP_WORDS)
_VOWELS = "aeiou"
_FUZZY_LENGTH = 6  # a word this long may differ by one letter ("Atamuradov" / "Atamyradov")


@dataclass
class EntityRecord:
    """What the index knows of one entity across articles."""

    entity_id: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    mentions: int = 0
    roles: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Identity:
    """The identity an entity belongs to: its id (the entity id of its main member), its name and
    its names in Russian and English where one is known."""

    identity_id: str
    name: str
    name_ru: str | None
    name_en: str | None


@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """Give the romanised sound key of a name word: "Бердымухамедов", "Berdimuhamedow" and
    "Berdymukhamedov" give one key, and so do "Qalibaf" / "Ghalibaf", "Rashid" / "Rasit"."""
    key = unidecode(word).lower()
    key = re.sub(r"[^a-z]", "", key)
    for pattern, replacement in _SOUNDS:
        key = pattern.sub(replacement, key)
    return re.sub(r"(.)\1+", r"\1", key)


@dataclass(frozen=True)
class _Name:
    """A person's name as words: full words' sound keys, initials, the surname's key."""

    full: tuple[str, ...]
    initials: tuple[str, ...]
    firsts: tuple[str, ...] = ()  # the first romanised letter of each full word

    @property
    def partial(self) -> bool:
        return len(self.full) < 2


@lru_cache(maxsize=65536)
def _parse(name: str) -> _Name:
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    full, initials, firsts = [], [], []
    for word in words:
        if _INITIAL.match(word):
            initials.append(_first_letter(word))
        elif name_key(word) not in _HONORIFICS:
            key = sound_key(word)
            if key:
                full.append(key)
                firsts.append(_first_letter(word))
    return _Name(tuple(full), tuple(initials), tuple(firsts))


def _first_letter(word: str) -> str:
    return unidecode(word[:1]).lower()[:1]


def _gender_pair(a: str, b: str) -> bool:
    """Tell a man's and a woman's forms of one surname ("japarov" / "japarova")."""
    return (a + "a" == b or b + "a" == a) and len(min(a, b, key=len)) >= 4


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if _gender_pair(a, b) or min(len(a), len(b)) < _FUZZY_LENGTH:
        return False
    if a[0] != b[0] and not (a[0] in _VOWELS and b[0] in _VOWELS):  # "Ebrahim" / "Ibrahim"
        return False
    return Levenshtein.distance(a, b) <= 1


@rule("identity.compatible_names", stage="merge", touches=("PER",), off=False)
def compatible(a: str, b: str) -> bool:
    """Two names may be one person's: every full word of the shorter is in the longer (by sound,
    one letter of difference allowed in a long word), the shorter's surname (its last word) among
    them, its initials fit the longer's words left over, and no woman's surname meets a man's."""
    x, y = _parse(a), _parse(b)
    if not x.full or not y.full:
        return False
    short, long = (x, y) if (len(x.full), len(x.initials)) <= (len(y.full), len(y.initials)) else (y, x)
    if "".join(short.full) == "".join(long.full) and short.initials == long.initials:
        return True  # one name split otherwise: "Gholamhossein" / "Gholam-Hossein" / "Gholam Hossein"
    if short.partial and short.full[0] not in (long.full[0], long.full[-1]):
        return False  # a bare name is the surname (or, surname first, the first word) spelled alike
    left, firsts, exact = list(long.full), list(long.firsts), 0
    for word in short.full:
        match = next((j for j, other in enumerate(left) if word == other), None)
        if match is None:
            match = next((j for j, other in enumerate(left) if _same_word(word, other)), None)
        else:
            exact += 1
        if match is None:
            return False
        left.pop(match)
        firsts.pop(match)
    if not exact:
        return False  # one letter of difference is allowed beside a word spelled alike
    if any(_gender_pair(s, t) for s in short.full for t in long.full):
        return False
    spare = firsts + list(long.initials)
    for initial in short.initials:
        if initial not in spare:
            return False
        spare.remove(initial)
    return True


def _context(record: EntityRecord, of_article: dict[str, list[str]], names: dict[str, str]) -> Counter:
    """Give what an entity's articles say around it: the other organisations and places named with
    it, and the content words of its roles."""
    context: Counter = Counter()
    for aid in record.article_ids:
        for other in of_article.get(aid, ()):
            if other != record.entity_id and names.get(other):
                context[names[other]] += 1
    for role in record.roles:
        for word in re.findall(r"\w+", role.lower()):
            if word not in _STOP and len(word) > 2:
                context["role:" + word] += 1
    return context


def _union_find(ids: Iterable[str]) -> dict[str, str]:
    return {i: i for i in ids}


def _find(parent: dict[str, str], k: str) -> str:
    while parent[k] != k:
        parent[k] = parent[parent[k]]
        k = parent[k]
    return k


def _people(
    records: Sequence[EntityRecord], of_article: dict[str, list[str]], context_names: dict[str, str]
) -> dict[str, str]:
    """Give each person entity the id of the group it belongs to (before choosing the main member)."""
    parent = _union_find(r.entity_id for r in records)
    by_word: dict[str, list[EntityRecord]] = defaultdict(list)
    for record in records:
        for word in set(_parse(record.name).full):
            by_word[word[:3]].append(record)
    full = [r for r in records if not _parse(r.name).partial]
    for record in full:  # full names: joined when compatible
        for word in set(_parse(record.name).full):
            for other in by_word[word[:3]]:
                if other.entity_id < record.entity_id and not _parse(other.name).partial:
                    if compatible(record.name, other.name):
                        parent[_find(parent, record.entity_id)] = _find(parent, other.entity_id)
    for record in records:
        if not _parse(record.name).partial:
            continue
        groups: dict[str, list[EntityRecord]] = defaultdict(list)
        by_surname: dict[str, list[EntityRecord]] = defaultdict(list)  # the bare name is their last word
        for word in set(_parse(record.name).full):
            for other in by_word[word[:3]]:
                if not _parse(other.name).partial and compatible(record.name, other.name):
                    groups[_find(parent, other.entity_id)].append(other)
                    if _parse(other.name).full[-1] == _parse(record.name).full[-1]:
                        by_surname[_find(parent, other.entity_id)].append(other)
        groups = by_surname or groups
        if len(groups) == 1:
            target = next(iter(groups))
        elif groups:
            target = _best_by_context(record, groups, of_article, context_names)
        else:
            target = None
        if target is not None:
            parent[_find(parent, record.entity_id)] = target
    _join_partials([r for r in records if _find(parent, r.entity_id) == r.entity_id], parent)
    return {r.entity_id: _find(parent, r.entity_id) for r in records}


def _join_partials(alone: Sequence[EntityRecord], parent: dict[str, str]) -> None:
    """Join the bare surnames and initials no full name took that are spelled alike, unless their
    initials tell two people apart ("A. Orazbay" and "Orazbay"; not "A. Sultanov" and "B. Sultanov")."""
    by_surname: dict[str, list[EntityRecord]] = defaultdict(list)
    for record in alone:
        name = _parse(record.name)
        if name.partial and name.full:
            by_surname[name.full[-1]].append(record)
    for records in by_surname.values():
        initials = {_parse(r.name).initials[:1] for r in records} - {()}
        if len(records) > 1 and len(initials) <= 1:
            for record in records[1:]:
                parent[_find(parent, record.entity_id)] = _find(parent, records[0].entity_id)


@rule("identity.context", stage="merge", touches=("PER",), off=None)
def _best_by_context(
    record: EntityRecord,
    groups: dict[str, list[EntityRecord]],
    of_article: dict[str, list[str]],
    names: dict[str, str],
) -> str | None:
    """A bare surname or initials that fit several people join the one that shares the most
    organisations, places and role words with it ("Berdimuhamedow" beside "Halk Maslahaty" is
    the father, beside "President-elect" the son); with a tie it stays on its own."""
    mine = _context(record, of_article, names)
    scores = []
    for group_id, members in groups.items():
        theirs: Counter = Counter()
        for member in members:
            theirs.update(_context(member, of_article, names))
        scores.append((sum(min(mine[k], theirs[k]) for k in mine if k in theirs), group_id))
    scores.sort(reverse=True)
    if scores[0][0] > 0 and (len(scores) == 1 or scores[0][0] > scores[1][0]):
        return scores[0][1]
    return None


def _acronym(name: str) -> str:
    """Give the initials of a name's content words: "Kabul Chamber of Commerce and Industries" ->
    "KCCI", "Министерство иностранных дел" -> "МИД"."""
    words = re.findall(r"[^\W\d_]+", name)
    return "".join(w[0] for w in words if w.lower() not in _STOP).upper()


def _without_place(name: str) -> str:
    """Give a name without the country that ends it ("Министерство иностранных дел Кыргызской
    Республики" -> "Министерство иностранных дел")."""
    from .merge import bare_form

    return bare_form(name)


def _is_abbreviation(text: str) -> bool:
    return 2 <= len(text) <= 12 and " " not in text and sum(c.isupper() for c in text) >= 2


@rule("identity.acronym", stage="merge", touches=("ORG",), off=None)
def _organisations(records: Sequence[EntityRecord]) -> dict[str, str]:
    """An organisation named by an abbreviation in some articles and by its expansion in others
    is one ("KCCI" and "Kabul Chamber of Commerce and Industries"), when one
    expansion only fits the abbreviation; an abbreviation an article defined in brackets for a
    name (one of its aliases) links it as well."""
    parent = _union_find(r.entity_id for r in records)
    abbreviations: dict[str, list[str]] = defaultdict(list)
    for record in records:
        if _is_abbreviation(record.name):
            abbreviations[record.name.upper()].append(record.entity_id)
    expansions: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if _is_abbreviation(record.name):
            continue
        keys = {_acronym(record.name), _acronym(_without_place(record.name))}
        keys |= {a.upper() for a in record.aliases if _is_abbreviation(a)}
        for key in keys:
            if key in abbreviations:
                expansions[key].add(record.entity_id)
    for key, ids in sorted(expansions.items()):
        if len(ids) == 1:
            target = next(iter(ids))
            for abbreviation in abbreviations[key]:
                parent[_find(parent, abbreviation)] = _find(parent, target)
    return {r.entity_id: _find(parent, r.entity_id) for r in records}


def _main(members: Sequence[EntityRecord]) -> EntityRecord:
    """Give the member whose name an identity goes by: the fullest name, then the most articles."""
    return max(
        members,
        key=lambda r: (
            not _parse(r.name).partial if r.kind == "person" else not _is_abbreviation(r.name),
            len(r.article_ids),
            r.mentions,
            len(r.name),
            r.entity_id,
        ),
    )


def _language_names(members: Sequence[EntityRecord], main: EntityRecord) -> tuple[str | None, str | None]:
    """Give the identity's name in Russian and in English: the gazetteer's for a known
    organisation or place, else the fullest name its members are written with in each script."""
    from .gazetteer import lookup_organisation, lookup_place

    if main.kind in ("organisation", "place"):
        info = lookup_organisation(main.name) if main.kind == "organisation" else lookup_place(main.name)
        if info is not None:
            return info.name("ru"), info.name("en")
    by_script: dict[bool, list[EntityRecord]] = defaultdict(list)
    for member in members:
        by_script[has_cyrillic(member.name)].append(member)
    ru = _main(by_script[True]).name if by_script[True] else None
    en = _main(by_script[False]).name if by_script[False] else None
    return ru, en


def resolve(records: Sequence[EntityRecord]) -> dict[str, Identity]:
    """Give every entity its identity across articles (see the module's docstring)."""
    records = sorted(records, key=lambda r: r.entity_id)
    of_article: dict[str, list[str]] = defaultdict(list)
    for record in records:
        if record.kind in ("organisation", "place"):
            for aid in record.article_ids:
                of_article[aid].append(record.entity_id)
    group: dict[str, str] = {r.entity_id: r.entity_id for r in records}
    context_names = {r.entity_id: name_key(r.name) for r in records}
    group.update(_people([r for r in records if r.kind == "person"], of_article, context_names) or {})
    group.update(_organisations([r for r in records if r.kind == "organisation"]) or {})
    members: dict[str, list[EntityRecord]] = defaultdict(list)
    for record in records:
        members[group[record.entity_id]].append(record)
    out: dict[str, Identity] = {}
    for found in members.values():
        main = _main(found)
        ru, en = (
            _language_names(found, main) if main.kind in ("person", "organisation", "place") else (None, None)
        )
        identity = Identity(main.entity_id, main.name, ru, en)
        for record in found:
            out[record.entity_id] = identity
    return out


@dataclass
class PairScores(PRF):
    """Pairwise scores of identities against pairs known to be, or not to be, one person: the
    counts and scores of `evaluate.PRF`, the pairs rightly kept apart, the pairs not found."""

    tn: int = 0
    not_found: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str, str, str, int]] = field(default_factory=list)


def score_pairs(pairs: Iterable[dict], tables: dict) -> PairScores:
    """Score the identities of a run (its `articles`, `people` and `entities` tables as pandas
    DataFrames) against gold pairs (`file_a`, `name_a`, `file_b`, `name_b`, `same`): a pair is
    predicted the same person when both names' entities in their articles share an identity."""
    from .evaluate import person_key

    files = dict(zip(tables["articles"]["article_id"], tables["articles"]["file"], strict=True))
    identity = dict(zip(tables["entities"]["entity_id"], tables["entities"]["identity_id"], strict=True))
    found: dict[tuple[str, str], str] = {}
    for row in tables["people"].itertuples():
        file = files[row.article_id].rsplit("/", 1)[-1]
        for name in [row.name, *list(row.aliases)]:
            found.setdefault((file, person_key(name)), row.entity_id)
    scores = PairScores()
    for pair in pairs:
        a = found.get((pair["file_a"], person_key(pair["name_a"])))
        b = found.get((pair["file_b"], person_key(pair["name_b"])))
        if a is None or b is None:
            scores.not_found.append((pair["name_a"], pair["name_b"]))
            continue
        same, predicted = int(pair["same"]) == 1, identity[a] == identity[b]
        if same and predicted:
            scores.tp += 1
        elif predicted:
            scores.fp += 1
        elif same:
            scores.fn += 1
        else:
            scores.tn += 1
        if same != predicted:
            scores.errors.append((pair["file_a"], pair["name_a"], pair["file_b"], pair["name_b"], int(same)))
    return scores
