"""Places stage: NER location spans -> place mentions typed by the gazetteer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..article import Annotated, Mention
from ..gazetteer import lookup_place
from ..lexicon import pattern
from .common import span_mentions


def unknown_kind(name: str, lang: str) -> str:
    """Give the kind of a place no gazetteer knows: `admin` by its type word, `city` for a lone
    proper name (villages and towns below GeoNames' 15,000-inhabitant cut), `other` otherwise."""
    if pattern(lang, "ADMIN_NAME_WORDS", r"\b{}\b").search(name):
        return "admin"
    return "city" if re.fullmatch(r"[A-ZА-ЯЁ][\w’'-]+", name) else "other"


def extract_places(annotated: Annotated) -> Iterator[Mention]:
    """Yield place mentions with attrs kind, country, geonames_id, lat, lon and the gazetteer key."""
    for mention in span_mentions(annotated, "LOC", "place"):
        info = lookup_place(mention.normal) or lookup_place(mention.text)
        attrs = {
            "kind": unknown_kind(mention.normal, annotated.lang),
            "country": None,
            "key": None,
            "geonames_id": None,
            "lat": None,
            "lon": None,
        }
        normal = mention.normal
        if info:
            attrs = {
                "kind": info.kind,
                "country": info.country,
                "key": info.key,
                "geonames_id": info.geonames_id,
                "lat": info.lat,
                "lon": info.lon,
                # GeoNames' Russian names come in no preferred order: a city keeps the text's form.
                "canonical": info.name(annotated.lang)
                if info.kind != "city" or annotated.lang == "en"
                else None,
                "aliases": info.aliases,
            }
        yield Mention("place", mention.start, mention.stop, mention.text, normal, attrs)
