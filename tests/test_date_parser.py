"""The date parser (`StartingParser`) does less than yargy's Earley parser but must find exactly
the same matches, in the same order (the stage keeps the first of equally long matches), with
the same facts; and its chart must be yargy's minus the predicted states that the next token
blocks. Our own sentences, Russian and English, with and without dates."""

from functools import cache

import pytest
from yargy import Parser
from yargy.parser import Chart
from yargy.rule.bnf import is_rule
from yargy.tree import Leaf

from pipeline.extract import date_candidates, date_grammar
from pipeline.extract.date_grammar import date_parser

RU = [
    "Совещание прошло 3 марта 2025 года в Ташкенте, а следующее назначено на 14-15 апреля.",
    "С 1 по 5 июня 2024 г. и с 10.09.2024 по 12.09.2024 делегация работала в Душанбе.",
    "В начале февраля 2023 года, в конце марта и в середине 2022 г. цены росли на 5%.",
    "Программа рассчитана на 2024–2027 годы, а с 2019 по 2021 год её готовили 40 человек.",
    "Между 2018 и 2020 годами число участников выросло с 120 до 300; в мае–июле 2021 года тоже.",
    "Документ от 25.12.19 подписан 7 ноября, обновлён 2026-01-15 и вступил в силу 1-го января.",
    "С мая 2022 года по март 2023 года и с 12 декабря 2020 г. до 3 января 2021 г. шли работы.",
    "В 2010-м году, 31 августа, и 30 – 31 октября 2015 года; номер 12.4.5 и 1000 тонн зерна.",
    "Встреча 12 мая 2025 года в Бишкеке, а 13 мая в Алматы; English quote: on June 2, 2025.",
    "Здесь нет дат: 15 человек, 3 страны, самая большая группа и 7 . 8 - 9 без месяцев.",
]
EN = [
    "The talks ran from 30 November to 2 December 2021 and resumed on March 4, 2022.",
    "Between May 12 and May 15, 2023, and between 1 and 3 June, the board met twice.",
    "In early 2011, by mid-March and at the end of May 2019, 2000 students had enrolled.",
    "The plan covers 2019-2021, the report of 12.05.2023 and the period from 2015 to 2018.",
    "On 5th of April 2020, June 3-5, 2024 and between March and May 2022 prices fell.",
    "Nothing here: 45 experts, 12 of 40 members, Agenda 2030 and the may of the march.",
    "Sept. 9, 2001, Jan 1 2000 to Feb 2 2001, the beginning of 2024 and in 2019-21.",
]
CASES = [("ru", s) for s in RU] + [("en", s) for s in EN]


@cache
def yargy_parser(lang: str) -> Parser:
    """yargy's own parser on the same grammar and tokenizer."""
    grammar = date_grammar.DATE_RU if lang == "ru" else date_grammar.DATE_EN
    return Parser(grammar, tokenizer=date_parser(lang).tokenizer)


def _parts(match) -> tuple:
    return tuple(getattr(match.fact, k) for k in ("day1", "month1", "year1", "day", "month", "year", "part"))


def _texts(lang: str, text: str) -> list[str]:
    """The text whole, its trigger windows and its anchored stretches (what the stage parses)."""
    out = [text] + [text[lo:hi] for lo, hi in date_candidates._windows(text)]
    return out + [text[lo:hi] for lo, hi in date_candidates._anchored_stretches(lang, text)]


@pytest.mark.parametrize(("lang", "text"), CASES)
def test_the_parser_finds_yargys_matches_in_yargys_order(lang, text):
    for piece in _texts(lang, text):
        ours = [(m.span.start, m.span.stop, _parts(m)) for m in date_parser(lang).extract(piece)]
        theirs = [(m.span.start, m.span.stop, _parts(m)) for m in yargy_parser(lang).extract(piece)]
        assert ours == theirs, piece
        found = [(m.span.start, m.span.stop, _parts(m)) for m in date_parser(lang).findall(piece)]
        assert found == [(m.span.start, m.span.stop, _parts(m)) for m in yargy_parser(lang).findall(piece)]


def test_the_sentences_hold_dates_and_the_parser_finds_them():
    dated = [(lang, text) for lang, text in CASES if not text.startswith(("Здесь нет дат", "Nothing here"))]
    assert all(list(date_parser(lang).extract(text)) for lang, text in dated)
    assert not list(date_parser("en").extract(EN[5])) and len(dated) == len(CASES) - 2
    spans = [(m.span.start, m.span.stop) for m in date_parser("ru").extract("Он приехал 3 марта 2025 года.")]
    assert spans == [(11, 18), (13, 23), (11, 23), (19, 28), (13, 28), (11, 28)]


def _blocked(production, token) -> bool:
    """A production predicted before `token` that cannot advance (written apart from the
    parser's own `_Lookahead`): its first term is a predicate rejecting the token (no token:
    nothing is scanned), or a rule all of whose productions are blocked."""
    if not production.terms:
        return False
    first = production.terms[0]
    if is_rule(first):
        return all(_blocked(p, token) for p in first.productions)
    return token is None or not first(token)


def _signature(node) -> tuple:
    if isinstance(node, Leaf):
        return node.token.value, tuple(node.token.span), id(node.predicate)
    return id(node.rule), id(node.production), node.rank, tuple(_signature(c) for c in node.children)


def _yargy_chart(parser, text: str) -> Chart:
    """yargy's `Parser.chart` with only the parser's start test (point 1)."""
    chart = Chart(parser.tokenizer(text))
    for column, next_column in chart:
        if column.first or (next_column is not None and parser.can_start(next_column.token)):
            Parser.predict(parser, column, next_column, parser.rule)
        for state in column:
            if state.completed:
                Parser.complete(parser, column, state)
            elif is_rule(state.next_term):
                Parser.predict(parser, column, next_column, state.next_term)
            elif next_column:
                Parser.scan(parser, next_column, state.next_term, state)
    return chart


@pytest.mark.parametrize(("lang", "text"), CASES)
def test_the_chart_is_yargys_without_the_blocked_states(lang, text):
    parser = date_parser(lang)
    for piece in _texts(lang, text):
        theirs, ours = _yargy_chart(parser, piece), parser.chart(piece)
        assert len(theirs.columns) == len(ours.columns)
        dropped = 0
        for index, (their_column, our_column) in enumerate(zip(theirs.columns, ours.columns, strict=True)):
            following = theirs.columns[index + 1].token if index + 1 < len(theirs.columns) else None
            kept = [s for s in their_column if not (s.dot_index == 0 and _blocked(s.production, following))]
            dropped += len(their_column.states) - len(kept)
            assert [(s.range, s.dot_index, _signature(s.node)) for s in kept] == [
                (s.range, s.dot_index, _signature(s.node)) for s in our_column
            ]
        assert dropped or not list(parser.extract(piece))  # the parser does skip work


# Predicates that read a token's text, type or forms, never its place (yargy's predicates/bank.py):
# the parser shares one lookahead among tokens of the same text and type. A new kind of predicate
# in the grammar must be checked, then added here.
TEXT_PREDICATES = {
    "AndPredicate", "TypePredicate", "DictionaryPredicate", "in_", "eq", "caseless", "in_caseless", "gte", "lte",
    "length_eq",
}  # fmt: skip


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_grammar_reads_only_a_tokens_text_type_and_forms(lang):
    seen = set()

    def visit(predicate) -> None:
        seen.add(type(predicate).__name__)
        for inner in getattr(predicate, "predicates", ()):
            visit(inner)

    rule = date_parser(lang).rule
    for inner in rule.walk(types=type(rule)):
        for production in inner.productions:
            for term in production.terms:
                if not is_rule(term):
                    visit(term)
    assert seen and seen <= TEXT_PREDICATES


def test_tokens_of_the_same_text_share_a_lookahead_with_the_same_verdicts():
    parser = date_parser("ru")
    first, second = [t for t in parser.tokenizer("3 мая и 3 мая") if t.value != "и"][::2]
    assert first.span != second.span and parser.lookahead(first) is parser.lookahead(second)
