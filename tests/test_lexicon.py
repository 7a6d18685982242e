"""The language packs: each lexicon fills the concepts of the Lexicon and nothing else, every
stage module imports on its own (no import cycles), and what the packs ask the libraries."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields

import pytest

from pipeline.lexicon import LANGS, Lexicon, common, en, lexicon, ru
from tests.conftest import ROOT


@pytest.mark.parametrize("module", [ru, en, common], ids=lambda m: m.__name__)
def test_lexicon_modules_define_concepts_only(module):
    concepts = {f.name for f in fields(Lexicon)}
    shared = {"SOCIAL_NETWORKS", "SHARE_WORDS", "CYRILLIC_MARKERS", "UZBEK_LATIN_WORDS", "TURKMEN_LETTERS",
              "ABBREVIATED_NAME_ENDS"}  # fmt: skip
    defined = {name for name in vars(module) if name.isupper() and not name.startswith("_")}
    assert defined - concepts - (shared if module is common else set()) == set()


@pytest.mark.parametrize("lang", LANGS)
def test_every_concept_has_a_value(lang):
    lex = lexicon(lang)
    assert lex.lang == lang
    assert lex.INSTITUTION_HEADS and lex.POSITIONS and lex.DOCUMENT_TYPES and lex.MONTHS
    assert lexicon(lang) is lex  # loaded once


STAGES = [
    "pipeline.extract.dates", "pipeline.extract.places", "pipeline.extract.people",
    "pipeline.extract.organisations", "pipeline.extract.documents", "pipeline.extract.repairs",
    "pipeline.extract.roles", "pipeline.normalise", "pipeline.merge", "pipeline.gazetteer", "pipeline.lexicon",
    "pipeline.extract.documents.participles", "pipeline.extract.documents.phrases",
]  # fmt: skip


@pytest.mark.parametrize("module", STAGES)
def test_each_stage_module_imports_alone(module):
    # a module imported first, in a fresh interpreter, fails on an import cycle
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Hungarian", "HU"), ("Iranian", "IR"), ("Tajik", "TJ"), ("Kazak", "KZ"), ("Kyrgyz", "KG"),
        ("Turkmens", "TM"), ("Russian", "RU"), ("Indian", "IN"), ("American", "US"), ("Chinese", "CN"),
        ("Dominic", None), ("Chineses", None), ("Moscow", None),
    ],
)  # fmt: skip
def test_demonyms_come_from_countryinfo_and_country_names(word, country):
    from pipeline.gazetteer import demonym_country, is_demonym

    found = demonym_country(word)
    assert (found.country if found else None) == country
    assert is_demonym(word) is (country is not None)


def test_a_country_of_the_hand_table_keeps_its_iso_key():
    from pipeline.gazetteer import lookup_place

    assert lookup_place("Russia").key == lookup_place("Russian Federation").key == "country:RU"
    assert lookup_place("Турция").key == "country:TR"


@pytest.mark.parametrize(
    ("english", "russian"),
    [("Tashkent", "Ташкент"), ("Moscow", "Москва"), ("Tehran", "Тегеран"), ("Astana", "Астана"),
     ("Almaty", "Алматы"), ("Istanbul", "Стамбул")],
)  # fmt: skip
def test_a_city_has_its_russian_name_not_another_languages(english, russian):
    # geonames lists a city's Cyrillic names in no order of language ("Ташкен", "Məskəү", "Тæхран")
    from pipeline.gazetteer import _build_index, lookup_place, place_key

    assert lookup_place(english).name_ru == russian  # as the run reads it (the index cached on disk)
    assert _build_index()[place_key(english)].name_ru == russian  # as the index is built


@pytest.mark.parametrize(
    "words",
    [
        ["ab", "abc", "a", "b", "bcd", "x"],
        ["мая", "май", "маю", "маем", "марта", "март"],
        ["x"],
    ],
)
def test_longest_of_matches_what_the_alternation_longest_first_matches(words):
    import random
    import re

    from pipeline.lexicon import longest_of

    alternation = re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))
    trie = re.compile(longest_of(words))
    letters = sorted(set("".join(words))) + [" "]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(letters) for _ in range(10))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in alternation.finditer(text)], text


def test_longest_of_no_words_never_matches():
    import re

    from pipeline.lexicon import longest_of

    assert re.search(longest_of([]), "any text") is None


def test_month_triggers_find_every_case_form_of_a_month():
    import re

    trigger = re.compile(lexicon("ru").MONTH_TRIGGERS)
    for form in ("мая", "маем", "сентябрями", "декабре", "январь"):
        assert trigger.fullmatch(form), form
    assert [m.group() for m in trigger.finditer("с февраля по сентябрь")] == ["февраля", "сентябрь"]
