"""Date grammars (yargy): single dates, ranges, months and years in Russian and English.

A match is a `DateParts` fact: the end point of the expression in `day`, `month`, `year`, and,
for a range, its start point in `day1`, `month1`, `year1` (missing start parts are taken from
the end point: "13-14 августа 2020" starts on 13 August 2020). The grammars find and take
apart; turning parts into ISO values (and lending a missing year) is the stage's job.
"""

from __future__ import annotations

from functools import cache

from yargy import Parser, and_, or_, rule
from yargy.interpretation import fact
from yargy.predicates import (
    caseless,
    dictionary,
    eq,
    gte,
    in_,
    in_caseless,
    length_eq,
    lte,
    normalized,
)
from yargy.predicates import type as token_type  # noqa: I001 - renamed import kept apart
from yargy.rule.bnf import is_rule
from yargy.tokenizer import MorphTokenizer, Tokenizer

from ..lexicon import lexicon

DateParts = fact("DateParts", ["day1", "month1", "year1", "day", "month", "year"])

RU, EN = lexicon("ru"), lexicon("en")
MONTHS_RU = RU.MONTHS
MONTHS_EN = EN.MONTHS
DASHES = {"-", "–", "—", "‐", "‑", "‒", "−"}

INT = token_type("INT")
DASH = in_(DASHES)


# --- pieces: each is told which attribute (start or end point) it fills ---------------------


def day(attr):
    return and_(INT, gte(1), lte(31)).interpretation(attr.custom(int))


YEAR = and_(INT, length_eq(4), gte(1800), lte(2100))
MONTH_RU = dictionary(MONTHS_RU)


def year(attr):
    return YEAR.interpretation(attr.custom(int))


def short_year(attr):
    return and_(INT, length_eq(2)).interpretation(
        attr.custom(lambda v: 2000 + int(v) if int(v) < 70 else 1900 + int(v))
    )


def numeric_month(attr):
    return and_(INT, gte(1), lte(12)).interpretation(attr.custom(int))


def month_ru(attr):
    return MONTH_RU.interpretation(attr.normalized().custom(MONTHS_RU.__getitem__))


# English month names as news writes them, capitalised: "may" and "march" are also verbs.
MONTH_WORDS_EN = {form for name in MONTHS_EN for form in (name.capitalize(), name.upper())}


def month_en(attr):
    return rule(
        in_(MONTH_WORDS_EN).interpretation(attr.custom(lambda v: MONTHS_EN[v.lower()])), eq(".").optional()
    )


# --- Russian ---------------------------------------------------------------------------------

YEAR_WORD_RU = or_(rule(in_caseless(RU.YEAR_WORDS), eq(".").optional()), rule(normalized(RU.YEAR_NOUN)))
TO_RU = or_(rule(in_caseless(RU.RANGE_TO)), rule(DASH))
FROM_RU = caseless(RU.RANGE_FROM).optional()
IN_RU = in_caseless(RU.IN_WORDS)
PART_RU = rule(IN_RU.optional(), dictionary(RU.PERIOD_PARTS))  # "в конце марта"


def _ru_year(attr):
    return rule(year(attr), YEAR_WORD_RU.optional())


DATE_RU = or_(
    rule(FROM_RU, day(DateParts.day1), month_ru(DateParts.month1), _ru_year(DateParts.year1).optional(),
         TO_RU, day(DateParts.day), month_ru(DateParts.month), _ru_year(DateParts.year).optional()),
    rule(FROM_RU, day(DateParts.day1), or_(rule(DASH), rule(in_caseless(RU.RANGE_AND))),
         day(DateParts.day), month_ru(DateParts.month), _ru_year(DateParts.year).optional()),
    rule(day(DateParts.day), month_ru(DateParts.month), _ru_year(DateParts.year).optional()),
    rule(month_ru(DateParts.month1), DASH, month_ru(DateParts.month), _ru_year(DateParts.year).optional()),
    rule(PART_RU.optional(), month_ru(DateParts.month), _ru_year(DateParts.year)),
    rule(or_(PART_RU, rule(IN_RU)), month_ru(DateParts.month)),  # "в марте", "в конце марта": year lent
    rule(day(DateParts.day), eq("."), numeric_month(DateParts.month), eq("."),
         or_(year(DateParts.year), short_year(DateParts.year)), YEAR_WORD_RU.optional()),
    rule(year(DateParts.year1), DASH, year(DateParts.year), YEAR_WORD_RU),
    rule(PART_RU.optional(), year(DateParts.year), YEAR_WORD_RU),
).interpretation(DateParts)  # fmt: skip


# --- English ---------------------------------------------------------------------------------

TO_EN = or_(rule(DASH), rule(in_caseless(EN.RANGE_TO)))
ORDINAL = in_caseless(EN.ORDINAL_SUFFIXES).optional()
COMMA = eq(",").optional()
PART_EN = rule(in_caseless(EN.PERIOD_PARTS), DASH.optional())  # "early 2011", "mid-March"
YEAR_CONTEXT_EN = in_caseless(EN.YEAR_CONTEXT)
MONTH_CONTEXT_EN = in_caseless(EN.MONTH_CONTEXT)
AND_EN = in_caseless(EN.RANGE_AND)
OF_EN = caseless(EN.OF)


def _en_year(attr):
    return rule(COMMA, year(attr))


DATE_EN = or_(
    rule(month_en(DateParts.month1), day(DateParts.day1), TO_EN, month_en(DateParts.month),
         day(DateParts.day), _en_year(DateParts.year).optional()),
    rule(day(DateParts.day1), ORDINAL, month_en(DateParts.month1), TO_EN, day(DateParts.day),
         ORDINAL, month_en(DateParts.month), _en_year(DateParts.year).optional()),
    rule(month_en(DateParts.month), day(DateParts.day1), ORDINAL,
         or_(rule(TO_EN), rule(AND_EN)), day(DateParts.day), ORDINAL,
         _en_year(DateParts.year).optional()),
    rule(caseless(EN.RANGE_FROM).optional(), day(DateParts.day1), ORDINAL,
         or_(rule(TO_EN), rule(AND_EN)), day(DateParts.day), ORDINAL,
         OF_EN.optional(), month_en(DateParts.month), _en_year(DateParts.year).optional()),
    rule(month_en(DateParts.month), day(DateParts.day), ORDINAL, _en_year(DateParts.year).optional()),
    rule(day(DateParts.day), ORDINAL, OF_EN.optional(), month_en(DateParts.month),
         _en_year(DateParts.year).optional()),
    rule(month_en(DateParts.month1), TO_EN, month_en(DateParts.month), _en_year(DateParts.year)),
    rule(PART_EN.optional(), month_en(DateParts.month), _en_year(DateParts.year)),
    rule(or_(PART_EN, rule(MONTH_CONTEXT_EN, PART_EN.optional())), month_en(DateParts.month)),  # year lent
    rule(year(DateParts.year), eq("-"), numeric_month(DateParts.month), eq("-"), day(DateParts.day)),
    rule(year(DateParts.year1), DASH, year(DateParts.year)),
    rule(or_(PART_EN, rule(YEAR_CONTEXT_EN, PART_EN.optional())), year(DateParts.year)),
).interpretation(DateParts)  # fmt: skip


# --- anchors: the tokens every date expression holds ------------------------------------------
#
# Every rule above holds a month name, a four-digit year, or (Russian "25.12.19") the numeric
# sequence INT . INT . INT. The stage runs the (slow) Earley parser only on the tokens within
# `max_tokens - 1` of such an anchor: no match can lie elsewhere, so the matches are the same.


@cache
def max_tokens(lang: str) -> int:
    """Give the most tokens one match of the language's grammar can cover (the grammar has no
    repetition, so this is the longest production, expanded)."""

    def longest(rule, path: frozenset) -> int:
        if id(rule) in path:
            raise ValueError("recursive date grammar: no bound on a match's length")
        inner = path | {id(rule)}
        return max(
            (
                sum(longest(t, inner) if is_rule(t) else 1 for t in production.terms)
                for production in rule.productions
            ),
            default=0,
        )

    return longest(date_parser(lang).rule, frozenset())


@cache
def _anchor_predicates(lang: str) -> tuple:
    from yargy.parser import Context

    context = Context(date_parser(lang).tokenizer)
    month = MONTH_RU if lang == "ru" else in_(MONTH_WORDS_EN)
    return month.activate(context), YEAR.activate(context), INT.activate(context), eq(".").activate(context)


def anchor_indexes(tokens: list, lang: str) -> list[int]:
    """Give the indexes of the tokens that can anchor a date match: a month name, a year, or the
    first number of "25.12.19" (Russian)."""
    month, year4, number, dot = _anchor_predicates(lang)
    found = []
    for i, token in enumerate(tokens):
        if month(token) or year4(token):
            found.append(i)
        elif (
            lang == "ru"
            and i + 4 < len(tokens)
            and number(token)
            and dot(tokens[i + 1])
            and number(tokens[i + 2])
            and dot(tokens[i + 3])
            and number(tokens[i + 4])
        ):
            found.append(i)
    return found


class StartingParser(Parser):
    """yargy's Earley parser that starts a match only before a token one can begin with.

    yargy predicts the whole grammar before every token, and most tokens (words, punctuation)
    can begin no date: the states predicted there die at the next scan. Predicting only where a
    first terminal of the grammar accepts the next token gives the same matches for less work.
    """

    def __init__(self, rule, tokenizer) -> None:
        super().__init__(rule, tokenizer=tokenizer)
        self.first = first_terminals(self.rule)

    def can_start(self, token) -> bool:
        return any(predicate(token) for predicate in self.first)

    def chart(self, text, all=True):  # yargy's Parser.chart with the one test added
        from yargy.parser import Chart

        chart = Chart(self.tagger(self.tokenizer(text)))
        for column, next_column in chart:
            if column.first or (all and next_column is not None and self.can_start(next_column.token)):
                self.predict(column, next_column, self.rule)
            for state in column:
                if state.completed:
                    self.complete(column, state)
                else:
                    next_term = state.next_term
                    if is_rule(next_term):
                        self.predict(column, next_column, next_term)
                    elif next_column:
                        self.scan(next_column, next_term, state)
        return chart


def first_terminals(start) -> list:
    """Give the terminals (predicates) a match of the BNF rule `start` can begin with."""
    nullable: dict[int, bool] = {}
    first: dict[int, list] = {}

    def visit(rule) -> None:
        if id(rule) in first:
            return
        first[id(rule)], nullable[id(rule)] = [], False  # the grammar has no recursion
        for production in rule.productions:
            empty = True
            for term in production.terms:
                if is_rule(term):
                    visit(term)
                    first[id(rule)].extend(first[id(term)])
                    if nullable[id(term)]:
                        continue
                else:
                    first[id(rule)].append(term)
                empty = False
                break
            nullable[id(rule)] = nullable[id(rule)] or empty

    visit(start)
    if nullable[id(start)]:
        raise ValueError("the date grammar matches the empty string")
    unique: dict[str, object] = {}  # equal predicates built apart are one test
    for predicate in first[id(start)]:
        unique.setdefault(repr(predicate), predicate)
    return list(unique.values())


@cache
def date_parser(lang: str) -> Parser:
    """Give the date parser of a language, built once: Russian with natasha's pymorphy, so month
    names match in any case ("мая", "марте")."""
    if lang == "ru":
        from yargy.morph import MorphAnalyzer

        from ..nlp.morph import morph_vocab

        return StartingParser(DATE_RU, MorphTokenizer(morph=MorphAnalyzer(morph_vocab())))
    return StartingParser(DATE_EN, Tokenizer())
