"""Indexes built once that answer as the scans they replace: the beginnings of the known
organisations' names (`gazetteer.begins_known_organisation`) and the tokens of a span found by
bisection (`Sentence.token_slice`, `common.tokens_in`)."""

import pytest

from pipeline.article import Annotated, Sentence, Token
from pipeline.extract.common import tokens_in
from pipeline.gazetteer import _by_lemmas, _lemma_index, _org_index, begins_known_organisation, lemma_key
from pipeline.keys import name_key


def _scanned_begins(name: str) -> bool:
    """The scan `begins_known_organisation` made before its index."""
    key = name_key(name.replace("-", " "))
    return len(key.split()) >= 3 and any(k.startswith(key + " ") for k in _org_index())


@pytest.mark.parametrize(
    "name",
    [
        "Парламентской Ассамблеи тюркских",  # a real beginning, inflected: no
        "Программа развития Организации",
        "Организация Договора о",
        "Шанхайская организация сотрудничества",  # a whole name, nothing after it
        "Всемирная организация",  # two words: never
        "Совсем неизвестная никому организация",
        "Организация - Договора о",  # hyphen read as a space
        "",
    ],
)
def test_begins_known_organisation_answers_as_the_scan(name):
    assert begins_known_organisation(name) == _scanned_begins(name)


def test_begins_known_organisation_on_every_beginning_of_known_names():
    keys = sorted(_org_index())[:300]
    beginnings = {" ".join(k.split()[:n]) for k in keys for n in range(1, len(k.split()) + 1)}
    for name in sorted(beginnings):
        assert begins_known_organisation(name) == _scanned_begins(name), name
    assert any(begins_known_organisation(name) for name in beginnings)


def _token(start: int, stop: int, text: str = "w") -> Token:
    return Token(start, stop, text, text, "NOUN")


ORDERED = tuple(_token(a, b) for a, b in [(0, 3), (4, 9), (9, 10), (11, 15), (16, 16), (17, 22), (23, 30)])
OUT_OF_ORDER = tuple(_token(a, b) for a, b in [(4, 9), (0, 3), (11, 15), (9, 10), (11, 13), (17, 22)])


@pytest.mark.parametrize("tokens", [ORDERED, OUT_OF_ORDER])
def test_tokens_in_answers_as_the_scan(tokens):
    sentence = Sentence(0, 40, tokens)
    assert (sentence.token_slice(0, 5) is None) == (tokens is OUT_OF_ORDER)
    for start in range(0, 32):
        for stop in range(start, 33):
            scanned = [t for t in tokens if start <= t.start and t.stop <= stop]
            within = sentence.token_slice(start, stop)
            if within is not None:
                assert list(tokens[within]) == scanned, (start, stop)
                if scanned:
                    assert within.start == tokens.index(scanned[0])


def test_tokens_in_over_an_annotation():
    annotated = Annotated(None, (Sentence(0, 40, ORDERED),), ())  # tokens_in reads the sentences only
    for start in range(0, 32):
        for stop in range(start, 33):
            inside, sentence = tokens_in(annotated, start, stop)
            assert inside == [t for t in ORDERED if start <= t.start and t.stop <= stop]
            assert sentence == ORDERED
    assert tokens_in(annotated, 45, 50) == ([], ())


def _scanned_by_lemmas(name: str, kind: str):
    """The look-up `lookup_place` and `lookup_organisation` made before `_by_lemmas`."""
    key = lemma_key(name)
    return _lemma_index(kind).get(key) if key else None


@pytest.mark.parametrize(
    "name",
    [
        "Кыргызской Республики",
        "Кыргызской Республики заявил сегодня",
        "Парламентской Ассамблеи тюркских государств",
        "Парламентской Ассамблеи тюркских",
        "Программы развития ООН",
        "Шанхайской организации сотрудничества",
        "Министерства иностранных дел",
        "Республике Таджикистан",
        "Соединенных Штатов Америки",
        "Совсем неизвестная организация",
        "Москвы",
        "UNDP",
        "-",
        "",
    ],
)
@pytest.mark.parametrize("kind", ["place", "organisation"])
def test_by_lemmas_answers_as_the_whole_lemma_key(name, kind):
    assert _by_lemmas(name, kind) == _scanned_by_lemmas(name, kind)


@pytest.mark.parametrize("kind", ["place", "organisation"])
def test_by_lemmas_finds_every_lemma_key_and_its_beginnings(kind):
    keys = sorted(_lemma_index(kind))
    assert any(" " in k for k in keys)
    for key in keys:
        words = key.split()
        for n in range(1, len(words) + 1):
            name = " ".join(words[:n])
            assert _by_lemmas(name, kind) == _scanned_by_lemmas(name, kind), name
        assert _by_lemmas(key, kind) is _lemma_index(kind)[key] or lemma_key(key) != key
