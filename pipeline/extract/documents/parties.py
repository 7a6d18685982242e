"""Who signed or adopted a document: the organisation, country and person mentions the earlier
stages found, read off the syntax ("между X и Y", "с X и Y", "X and Y signed", "signed by …",
"стороны подписали" -> the parties named before).

A person stands for the organisation or country written with them ("главой Программного офиса
ОБСЕ Алексеем Роговым" -> Программный офис ОБСЕ); a city is never a party.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ...article import Mention, Token
from ...gazetteer import lookup_place
from ...keys import has_cyrillic
from ...normalise import normalise_phrase, restore_case
from ...rules import Computed, rule
from .names import PARTY_KINDS, Names, demonym_country, known_country, known_country_at, party_kind
from .syntax import Tree, lemma

# Words that may come before a party's name inside its conjunct: "Правительством Республики Молдова",
# "the Uzbek Ministry of Energy", "главой Регионального бюро".
_LEAD_POS = {"NOUN", "PROPN", "ADJ", "DET", "PART", "NUM"}

_QUOTES = {"«", '"', "“", "„"}


def _conjunct_parties(tree: Tree, indices: set[int], names: Names) -> list[Mention | str]:
    """Give the parties one conjunct names: its organisations, else its countries, else the
    country of a nationality word ("his Tajik counterpart")."""
    if not indices:
        return []
    tokens = tree.tokens
    start, stop = tokens[min(indices)].start, tokens[max(indices)].stop
    found = names.inside(start, stop)
    orgs = [m for m in found if party_kind(m) == "organisation"]
    if orgs:  # coordinated names all count ("ПРООН и ЮНЕСКО"), a name right after a name depends on it
        return [m for k, m in enumerate(orgs) if not k or _joined(tree, orgs[k - 1], m)]
    countries = [m for m in found if party_kind(m) == "country"]
    lead = min(indices)
    at = tree.index_at(countries[0].start) if countries else None
    if (
        len(countries) == 1
        and at is not None
        and (body := body_of_country(tree, lead, at, countries[0].stop))
    ):
        return [body, countries[0]]  # "Правительство Султаната Оман подписало …"
    if countries:  # and a country NER left unmarked among them: "of Kyrgyzstan and Tajikistan"
        unmarked = [
            c
            for i in sorted(indices)
            if not names.covering(tokens[i].start) and (c := known_country(tree, i, i + 1))
        ]
        return [m for k, m in enumerate(countries) if not k or _joined(tree, countries[k - 1], m)] + unmarked
    for i in sorted(indices):
        country = demonym_country(tokens[i].text) if tokens[i].text[:1].isupper() else None
        if country:
            return [country]
    country = next((c for i in sorted(indices) if (c := known_country(tree, i, i + 1))), None)
    return [country] if country else []


@rule("doc.body_of_country", stage="documents", langs=("ru",), off=None)
def body_of_country(tree: Tree, first: int, country_at: int, stop: int) -> str | None:
    """Give the body a party's words name with its country when NER tagged only the country:
    "между Министерством юстиции Республики Узбекистан и Правительством Султаната Оман" ->
    "Министерство юстиции Республики Узбекистан", "Правительство Султаната Оман" (the head in
    the nominative; the country ends at offset `stop`); the country is a party too."""
    if tree.lang != "ru" or country_at <= first:
        return None
    tokens = tree.tokens
    lead = [t for t in tokens[first:country_at] if t.pos not in ("PUNCT", "ADP", "CCONJ")]
    if not lead or not any(lemma(t) in tree.lex.HEAD_WORDS for t in lead[:2]):
        return None
    span = [t for t in tokens if lead[0].start <= t.start and t.stop <= stop]
    surface = "".join((" " if k and t.start > span[k - 1].stop else "") + t.text for k, t in enumerate(span))
    name = normalise_phrase(surface, span[0].start, _spaced(span), tokens)
    return name[:1].upper() + name[1:]


@rule("doc.distributed_body", stage="documents", off=None)
def distributed(tree: Tree, first: int, after: int, names: Names) -> tuple[list[Mention | str], int] | None:
    """Give one body per country for bodies named in the plural with the countries they belong to,
    and the index after the countries: "between the Ministries of Education of Mongolia and Qatar"
    -> "Ministry of Education of Mongolia", "Ministry of Education of Qatar"; "между министерствами
    транспорта Узбекистана и Грузии" -> "Министерство транспорта Узбекистана", "Министерство
    транспорта Грузии" (and the countries)."""
    tokens, n = tree.tokens, len(tree.tokens)
    words = [t for t in tokens[first:after] if t.pos not in ("DET", "PUNCT")]
    head = next(
        (t for t in words if t.text[:1].isalpha() and _singular(t, tree).lower() in tree.lex.HEAD_WORDS), None
    )
    if head is None or head.feats.get("Number") != "Plur":
        return None
    k = after
    if tree.lex.OF:  # English: "… of X and Y"
        if k >= n or tokens[k].text.lower() != tree.lex.OF:
            return None
        k += 1
    countries: list[Mention] = []
    while k < n:
        while k < n and tokens[k].pos == "DET":
            k += 1
        c = names.covering(tokens[k].start) if k < n else None
        if c is None or party_kind(c) != "country":
            break
        countries.append(c)
        while k < n and tokens[k].start < c.stop:
            k += 1
        if k < n and tokens[k].text.lower() in tree.lex.LIST_WORDS:
            while k < n and tokens[k].text.lower() in tree.lex.LIST_WORDS:
                k += 1
            continue
        break
    if len(countries) < 2:
        return None
    body = " ".join(_singular(t, tree) if t is head else t.text for t in words)
    body = body[:1].upper() + body[1:]
    if tree.lex.OF:
        bodies = [f"{body} {tree.lex.OF} {c.attrs.get('canonical') or c.normal}" for c in countries]
    else:
        bodies = [f"{body} {c.text}" for c in countries]
    return [*bodies, *countries], k


def _singular(token: Token, tree: Tree) -> str:
    """Give a noun in the singular nominative, written as the token is ("Ministries" -> "Ministry",
    "министерствами" -> "министерство")."""
    if tree.lang == "ru":
        from ...nlp.morph import parses

        form = next((f for p in parses(token.text) if (f := p.inflect({"sing", "nomn"}))), None)
        return restore_case(form.word, token.text) if form else token.text
    word = token.text
    for plural, singular in sorted(tree.lex.PLURAL_SUFFIXES, key=lambda p: -len(p[0])):
        if word.lower().endswith(plural) and len(word) > len(plural) + 2:
            return word[: len(word) - len(plural)] + singular
    return word


@rule("doc.untagged_body", stage="documents", langs=("ru",), off=None)
def untagged_body(tree: Tree, first: int, after: int) -> str | None:
    """Give the name of a body listed among the parties that NER left untagged: capitalised words
    around an institution's head ("между Кыргызской Республикой и Международной ассоциацией
    развития" -> "Международная ассоциация развития"), in the nominative."""
    tokens = tree.tokens
    words = [t for t in tokens[first:after] if t.pos not in ("PUNCT", "DET")]
    if tree.lang != "ru" or len(words) < 2 or not words[0].text[:1].isupper():
        return None
    if not any(lemma(t) in tree.lex.HEAD_WORDS for t in words[:3]):
        return None
    surface = " ".join(t.text for t in words)
    name = normalise_phrase(surface, words[0].start, _spaced(words), tokens)
    return name[:1].upper() + name[1:]


def _spaced(span: Sequence[Token]) -> list[Token]:
    """Give tokens re-based on a surface joined with single spaces (for `normalise_phrase`)."""
    out, offset = [], span[0].start
    for k, t in enumerate(span):
        if k and t.start > span[k - 1].stop:
            offset += 1
        out.append(replace(t, start=offset, stop=offset + len(t.text)))
        offset += len(t.text)
    return out


def _joined(tree: Tree, a: Mention, b: Mention) -> bool:
    """Tell two names coordinated by "и", "and" or a comma rather than one depending on the other."""
    between = [t.text.lower() for t in tree.tokens if a.stop <= t.start and t.stop <= b.start]
    return bool(between) and all(w in tree.lex.LIST_WORDS for w in between)


def _agrees_with_verb(subject, verb) -> bool:
    return all(
        subject.feats.get(k) == verb.feats[k] or subject.feats.get(k) is None
        for k in ("Gender", "Number")
        if k in verb.feats
    )


def subject_parties(tree: Tree, verb: int, names: Names) -> tuple[list[Mention | str], int | None]:
    """Give the parties named as the subject of `verb` ("Georgia, Armenia and Moldova have
    signed"), or as its agent ("signed by …"); and the index of a group noun ("стороны") if the
    subject is one, for `antecedents`."""
    tokens = tree.tokens
    subject = None
    for v in (verb, tree.first_conjunct(verb)):
        candidates = [c for c in tree.children[v] if tokens[c].rel in ("nsubj", "agent", "obl:agent")]
        if not candidates and tokens[v].feats.get("Voice") == "Pass":  # "подписан министрами …"
            candidates = [
                c
                for c in tree.children[v]
                if tokens[c].feats.get("Case") == "Ins"
                and not any(tokens[x].rel == "case" for x in tree.children[c])
            ]
        # several subjects in a bad parse: the one agreeing with the verb, nearest to it
        candidates.sort(key=lambda c: (not _agrees_with_verb(tokens[c], tokens[v]), abs(c - v)))
        if candidates:
            subject = candidates[0]
            break
    if subject is None:
        return [], None
    if tokens[subject].rel == "agent":
        objects = [c for c in tree.children[subject] if tokens[c].rel == "pobj"]
        if not objects:
            return [], None
        subject = objects[0]
    if lemma(tokens[subject]) in tree.lex.GROUP_NOUNS:
        return [], subject
    conjuncts = tree.conjuncts(subject)
    parties: list[Mention | str] = []
    for c in conjuncts:
        whole = tree.subtree(c)
        own = whole - set().union(*(tree.subtree(o) for o in conjuncts if o != c and o in whole))
        parties.extend(_conjunct_parties(tree, own, names))
    return parties, None


def _skip_name(tree: Tree, j: int, m: Mention, names: Names) -> int:
    """Give the index after a name and what depends on it: names right after it ("Центром …
    Министерства экологии Китайской Народной Республики"), and explanations in brackets."""
    tokens, n = tree.tokens, len(tree.tokens)
    while j < n:
        if tokens[j].text in _QUOTES or tokens[j].text in ("»", "”"):
            j += 1
            continue
        if tokens[j].text == "(":
            depth = 0
            while j < n:
                depth += {"(": 1, ")": -1}.get(tokens[j].text, 0)
                j += 1
                if depth == 0:
                    break
            continue
        inner = names.covering(tokens[j].start)
        if (
            tokens[j].text.lower() in tree.lex.ATTACHED_PREPOSITIONS
            and j + 1 < n
            and names.covering(tokens[j + 1].start)
        ):
            j += 1  # "Государственным предприятием … при Министерстве транспорта": part of its name
            continue
        if tokens[j].start < m.stop or inner is not None:
            m = inner or m
            j += 1
            continue
        break
    return j


def party_list(
    tree: Tree, k: int, names: Names, stops: frozenset[int] = frozenset()
) -> tuple[list[Mention | str], int, int | None]:
    """Read the names listed after the preposition at token `k` ("между X, Y и Z", "with X and Y",
    "between the Turkish and Azerbaijani delegations"); give (parties, index after the list, index of a group noun
    such as "двумя странами" when the list is one)."""
    tokens = tree.tokens
    n = len(tokens)
    j, found = k + 1, []
    while j < n:
        lead = j
        while (
            lead < n
            and lead - j < 5
            and (
                tokens[lead].pos in _LEAD_POS
                or tokens[lead].text in _QUOTES
                or lemma(tokens[lead]) in tree.lex.POSSESSIVES
            )
            and lead not in stops  # another document: "… и Грантового соглашения между …"
            and not names.covering(tokens[lead].start)
        ):
            word = lemma(tokens[lead])
            if word in tree.lex.NOT_PARTY_LEADS:
                return found, j, None
            if word in tree.lex.GROUP_NOUNS:
                return found, lead + 1, (None if found else lead)
            lead += 1
        if lead in stops:
            break
        m = names.covering(tokens[lead].start) if lead < n else None
        if m is None or m.kind == "person" or party_kind(m) == "place":
            country = next((c for i in range(j, lead) if (c := demonym_country(tokens[i].text))), None)
            unmarked = None if country else known_country_at(tree, j, lead + 1)
            country = country or (unmarked[1] if unmarked else None)
            if country is None and m is None:
                body = untagged_body(tree, j, lead)
                if body is None:
                    break
                found.append(body)  # "… и Международной ассоциацией развития", a name NER missed
                j = lead
                if j < n and tokens[j].text.lower() in tree.lex.LIST_WORDS:
                    while j < n and tokens[j].text.lower() in tree.lex.LIST_WORDS:
                        j += 1
                    continue
                break
            body = body_of_country(tree, j, unmarked[0], tokens[unmarked[0]].stop) if unmarked else None
            if body:  # "… и Правительством Султаната Оман", the country NER left untagged
                found.append(body)
            if country:
                found.append(country)
            j = _skip_name(tree, lead, m, names) if m is not None else lead
        else:
            first = j if party_kind(m) == "country" else tree.index_at(m.start)
            after = lead if party_kind(m) == "country" else _skip_name(tree, lead, m, names)
            spread = distributed(tree, first, after, names) if first is not None else None
            if spread is not None:  # "the Ministries of Education of X and Y"
                bodies, j = spread
                found.extend(bodies)
            else:
                body = body_of_country(tree, j, lead, m.stop) if party_kind(m) == "country" else None
                found.extend([body, m] if body else [m])
                j = _skip_name(tree, lead, m, names)
        if j < n and tokens[j].text.lower() in tree.lex.LIST_WORDS:
            while j < n and tokens[j].text.lower() in tree.lex.LIST_WORDS:
                j += 1
            continue
        break
    return found, j, None


def group_size(tree: Tree, i: int) -> int | None:
    """Give the number of parties a group noun counts ("the two countries", "шесть стран")."""
    for c in tree.children[i]:
        word = lemma(tree.tokens[c])
        if word in tree.lex.GROUP_CARDINALS:
            return tree.lex.GROUP_CARDINALS[word]
        if tree.tokens[c].text.isdigit():
            return int(tree.tokens[c].text)
    return None


def antecedents(
    names: Names, bounds: Sequence[tuple[int, int]], before: int, *, countries_only: bool, size: int | None
) -> list[Mention]:
    """Give the parties a group noun refers back to: the nearest distinct countries before offset
    `before` ("the two countries", "the six nations"); for "стороны", "the sides" the countries of
    the last three sentences if they name two, else the organisations and countries of the nearest
    earlier sentence naming two or more ("X встретился с Y. Стороны подписали…")."""
    if not countries_only:
        countries = _nearest(names, bounds, before, ("country",), size, window=3)
        if countries:
            return countries
    return _nearest(names, bounds, before, ("country",) if countries_only else PARTY_KINDS, size, window=None)


def _nearest(
    names: Names,
    bounds: Sequence[tuple[int, int]],
    before: int,
    kinds: tuple[str, ...],
    size: int | None,
    *,
    window: int | None,
) -> list[Mention]:
    out: list[Mention] = []
    seen: set[str] = set()
    earlier = [b for b in bounds if b[0] < before]
    for start, stop in reversed(earlier[-window:] if window else earlier):
        sentence = [
            m
            for m in names.mentions
            if start <= m.start and m.stop <= min(stop, before) and party_kind(m) in kinds
        ]
        for m in reversed(sentence):
            if m.normal.casefold() not in seen:
                seen.add(m.normal.casefold())
                out.append(m)
                if size is not None and len(out) >= size:
                    return list(reversed(out))
        if size is None and len(out) >= 2:
            break
    return list(reversed(out)) if len(out) >= 2 else []


@rule("doc.body_country", stage="documents", off=Computed(lambda parties, names: []))
def bodies_countries(parties: list, names: Names) -> list[Mention | str]:
    """Give the countries of the bodies among a document's parties when the other parties are
    states: "Turkey's Ministry of Culture and Oman signed …" -> Turkey too; a body's country is the
    one its name holds ("Министерство энергетики Монголии", also when NER left the country right
    after the body's span), the possessive before it ("Turkey's Ministry of …") or its nationality
    word ("the Kyrgyz Ministry of Economy")."""
    if not any(isinstance(p, Mention) and party_kind(p) == "country" for p in parties):
        return []
    out: list[Mention | str] = []
    for p in parties:
        if isinstance(p, Mention) and party_kind(p) == "organisation":
            country = _country_of(p, names)
            if country is not None:
                out.append(country)
    return out


def _country_of(body: Mention, names: Names) -> Mention | str | None:
    inside = [
        m
        for m in names.mentions
        if body.start <= m.start and m.stop <= body.stop and m is not body and party_kind(m) == "country"
    ]
    if inside:
        return inside[0]
    before = next(
        (m for m in names.mentions if 0 <= body.start - m.stop <= 3 and party_kind(m) == "country"), None
    )
    if before is not None:
        return before  # "Turkey's Ministry of …": the possessive
    after = next(
        (m for m in names.mentions if 0 < m.start - body.stop <= 1 and party_kind(m) == "country"), None
    )
    if after is not None:
        return after  # "Министерство энергетики | Казахстана": the genitive NER left outside the body
    for word in body.text.split():  # a country or nationality word in the body's own span
        word = word.strip("«»\"'(),.")
        if not word[:1].isupper():
            continue
        if (info := lookup_place(word)) and info.kind == "country":
            return info.name("ru" if has_cyrillic(word) else "en")
        if country := demonym_country(word):
            return country
    return None
