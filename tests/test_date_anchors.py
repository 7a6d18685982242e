"""The date grammar runs only on stretches around anchors (month names, years, "25.12.19"), and
starts matches only before tokens that can begin one: it must find exactly the matches that
yargy's own parser finds over every trigger window."""

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yargy import Parser

from pipeline.extract import date_candidates, date_grammar
from pipeline.extract.date_grammar import date_parser, max_tokens


@cache
def yargy_parser(lang: str) -> Parser:
    grammar = date_grammar.DATE_RU if lang == "ru" else date_grammar.DATE_EN
    return Parser(grammar, tokenizer=date_parser(lang).tokenizer)


def whole_windows(lang: str, text: str) -> list[tuple[int, int, tuple]]:
    """The matches of yargy's parser over every trigger window, as the stage found them before."""
    parser, found = yargy_parser(lang), []
    for lo, hi in date_candidates._windows(text):
        for m in parser.extract(text[lo:hi]):
            found.append((m.span.start + lo, m.span.stop + lo, _parts(m)))
    return sorted(found)


def anchored(lang: str, text: str) -> list[tuple[int, int, tuple]]:
    parser, found = date_parser(lang), []
    for lo, hi in date_candidates._anchored_stretches(lang, text):
        for m in parser.extract(text[lo:hi]):
            found.append((m.span.start + lo, m.span.stop + lo, _parts(m)))
    return sorted(found)


def _parts(match) -> tuple:
    return tuple(getattr(match.fact, k) for k in ("day1", "month1", "year1", "day", "month", "year"))


CASES = [
    ("ru", "С 25 по 27 ноября 2026 года в Термезе работала выставка, 300 человек и 15% участников."),
    ("ru", "Встреча прошла 24.12.19 в Бишкеке; ещё 5 раз 12 человек, самая большая группа 7 ."),
    ("ru", "в январе–марте 2024 года и в 2023-2024 гг. реализован проект на 2023–2027 годы"),
    ("ru", "цифры 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 и в конце марта"),
    ("en", "From 30 November to 2 December 2021 the forum met; 2000 students and 45 experts came."),
    ("en", "On June 2, 2025, in early March and mid-2020, the 1957 treaty; 12 of 40 members voted."),
]


@pytest.mark.parametrize(("lang", "text"), CASES)
def test_anchored_stretches_find_the_same_matches(lang, text):
    assert anchored(lang, text) == whole_windows(lang, text)
    assert anchored(lang, text)  # every case holds a date


def test_a_window_without_anchor_is_not_parsed():
    assert date_candidates._anchored_stretches("ru", "Собрались 300 человек, самая большая группа.") == []


def test_the_longest_match_bounds_the_stretches():
    assert max_tokens("ru") == 12 and max_tokens("en") == 11


@pytest.mark.parametrize(
    ("lang", "token", "starts"),
    [("ru", "с", True), ("ru", "14", True), ("ru", "мая", True), ("ru", "в", True), ("ru", "министр", False),
     ("ru", ",", False), ("en", "from", True), ("en", "March", True), ("en", "march", False), ("en", "the", False)],
)  # fmt: skip
def test_a_match_starts_only_where_the_grammar_can_begin(lang, token, starts):
    parser = date_parser(lang)
    [parsed] = list(parser.tokenizer(token))
    assert parser.can_start(parsed) is starts


WORDS = {
    "ru": ["с", "по", "до", "и", "в", "конце", "марта", "мая", "май", "2024", "года", "г", "гг", "19", "12",
           "5", "31", ".", "-", "–", ",", "самая", "человек", "2023", "начале", "декабря", "году", "\n"],
    "en": ["from", "to", "and", "in", "early", "mid", "March", "May", "December", "2024", "2,", "19th",
           "of", "31", "5", ".", "-", "–", ",", "since", "students", "1999", "may", "\n"],
}  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), lang=st.sampled_from(["ru", "en"]))
def test_anchored_stretches_equal_whole_windows_on_random_date_soup(data, lang):
    words = data.draw(st.lists(st.sampled_from(WORDS[lang]), min_size=1, max_size=60))
    text = " ".join(words)
    assert anchored(lang, text) == whole_windows(lang, text)
