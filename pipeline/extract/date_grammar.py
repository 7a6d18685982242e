"""Date grammars (yargy): single dates, ranges, months and years in Russian and English.

A match is a `DateParts` fact: the end point of the expression in `day`, `month`, `year`, and,
for a range, its start point in `day1`, `month1`, `year1` (missing start parts are taken from
the end point: "13-14 августа 2020" starts on 13 August 2020); `part` is the third of the month or
year that "early", "в середине", "the end of" name (0, 1, 2). The grammars find and take apart;
turning parts into ISO values (and lending a missing year) is the stage's job.
"""

from __future__ import annotations

from functools import cache, lru_cache

from yargy import Parser, and_, or_, rule
from yargy.interpretation import fact
from yargy.parser import Chart, Column, State
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
from yargy.tree import Leaf, Node

from ..lexicon import lexicon

DateParts = fact("DateParts", ["day1", "month1", "year1", "day", "month", "year", "part"])

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


def year_span(first, last, *, dash=None):
    """Give a span of years: "2021-2023", "2021–23" (the last year's century is the first's:
    a last year before the first makes no value)."""
    dash = DASH if dash is None else dash
    return rule(year(first), dash, or_(year(last), short_year(last)))


def numeric_month(attr):
    return and_(INT, gte(1), lte(12)).interpretation(attr.custom(int))


def month_ru(attr):
    return MONTH_RU.interpretation(attr.normalized().custom(MONTHS_RU.__getitem__))


# English month names as news writes them, capitalised: "may" and "march" are also verbs.
MONTH_WORDS_EN = {form for name in MONTHS_EN for form in (name.capitalize(), name.upper())}


# An abbreviation ("Jun", "Sept") is a form that begins another form of its month: only it takes a
# full stop, so "in June." ends before the sentence's full stop.
ABBREVIATED_EN = {
    form
    for form in MONTH_WORDS_EN
    if any(other.startswith(form.lower()) and other != form.lower() for other in MONTHS_EN)
}


def month_en(attr):
    def name(forms):
        return in_(forms).interpretation(attr.custom(lambda v: MONTHS_EN[v.lower()]))

    return or_(rule(name(MONTH_WORDS_EN - ABBREVIATED_EN)), rule(name(ABBREVIATED_EN), eq(".").optional()))


# --- Russian ---------------------------------------------------------------------------------

YEAR_WORD_RU = or_(rule(in_caseless(RU.YEAR_WORDS), eq(".").optional()), rule(normalized(RU.YEAR_NOUN)))
TO_RU = or_(rule(in_caseless(RU.RANGE_TO)), rule(DASH))
FROM_RU = caseless(RU.RANGE_FROM).optional()
SINCE_RU = or_(rule(caseless(RU.RANGE_FROM)), rule(in_caseless(RU.BETWEEN)))  # "с 2019 по 2021", "между"
BETWEEN_AND_RU = or_(rule(in_caseless(RU.RANGE_TO)), rule(in_caseless(RU.RANGE_AND)), rule(DASH))
IN_RU = in_caseless(RU.IN_WORDS)
ORDINAL_RU = rule(DASH, in_caseless(RU.ORDINAL_SUFFIXES)).optional()  # "12-го", "2021-м"
PART_RU = rule(
    IN_RU.optional(),
    dictionary(set(RU.PERIOD_PARTS)).interpretation(DateParts.part.normalized().custom(RU.PERIOD_PARTS.get)),
)  # "в конце марта"


def day_ru(attr):
    return rule(day(attr), ORDINAL_RU)  # "12-го", "15-е"


def year_ru(attr):
    return rule(year(attr), ORDINAL_RU)  # "2019-го", "2021-м"


def numeric_date(day_attr, month_attr, year_attr, *, short=True):
    """Give "25.12.2019", and with `short` "24.12.19"."""
    last = or_(year(year_attr), short_year(year_attr)) if short else year(year_attr)
    return rule(day(day_attr), eq("."), numeric_month(month_attr), eq("."), last)


def _ru_year(attr):
    return rule(year(attr), YEAR_WORD_RU.optional())


DATE_RU = or_(
    rule(FROM_RU, day_ru(DateParts.day1), month_ru(DateParts.month1), _ru_year(DateParts.year1).optional(),
         TO_RU, day_ru(DateParts.day), month_ru(DateParts.month), _ru_year(DateParts.year).optional()),
    rule(FROM_RU, day_ru(DateParts.day1), or_(rule(DASH), rule(in_caseless(RU.RANGE_AND))),
         day_ru(DateParts.day), month_ru(DateParts.month), _ru_year(DateParts.year).optional()),
    rule(day_ru(DateParts.day), month_ru(DateParts.month), _ru_year(DateParts.year).optional()),
    rule(month_ru(DateParts.month1), DASH, month_ru(DateParts.month), _ru_year(DateParts.year).optional()),
    # "с мая по июль 2023 года", "с мая 2022 года по март 2023 года"
    rule(SINCE_RU, month_ru(DateParts.month1), _ru_year(DateParts.year1).optional(), BETWEEN_AND_RU,
         month_ru(DateParts.month), _ru_year(DateParts.year).optional()),
    # "с 2019 по 2021 год", "с 2019 года по 2021 год", "с 2019-го по 2021-й год", "между 2019 и 2021 годами"
    rule(SINCE_RU, year_ru(DateParts.year1), YEAR_WORD_RU.optional(), BETWEEN_AND_RU,
         year_ru(DateParts.year), YEAR_WORD_RU),
    rule(SINCE_RU, year_ru(DateParts.year1), YEAR_WORD_RU, BETWEEN_AND_RU, year_ru(DateParts.year)),
    # "с 12.05.2023 по 15.05.2023", "12.05.2023–15.05.2023", "с 10.03 по 15.03.2024", "10-15.03.2024"
    rule(FROM_RU, numeric_date(DateParts.day1, DateParts.month1, DateParts.year1), TO_RU,
         numeric_date(DateParts.day, DateParts.month, DateParts.year)),
    rule(SINCE_RU, day(DateParts.day1), eq("."), numeric_month(DateParts.month1), TO_RU,
         numeric_date(DateParts.day, DateParts.month, DateParts.year)),
    rule(FROM_RU, day(DateParts.day1), DASH, numeric_date(DateParts.day, DateParts.month, DateParts.year)),
    rule(PART_RU.optional(), month_ru(DateParts.month), _ru_year(DateParts.year)),
    rule(or_(PART_RU, rule(IN_RU)), month_ru(DateParts.month)),  # "в марте", "в конце марта": year lent
    rule(numeric_date(DateParts.day, DateParts.month, DateParts.year), YEAR_WORD_RU.optional()),
    rule(year_span(DateParts.year1, DateParts.year), ORDINAL_RU, YEAR_WORD_RU),  # "2021–23 гг.", "2019–2021-м годах"
    rule(PART_RU.optional(), year(DateParts.year), YEAR_WORD_RU),
    rule(year(DateParts.year), eq("-"), numeric_month(DateParts.month), eq("-"), day(DateParts.day)),  # ISO
).interpretation(DateParts)  # fmt: skip


# --- English ---------------------------------------------------------------------------------

TO_EN = or_(rule(DASH), rule(in_caseless(EN.RANGE_TO)))
ORDINAL = in_caseless(EN.ORDINAL_SUFFIXES).optional()
COMMA = eq(",").optional()
PART_EN = or_(
    rule(in_caseless(set(EN.PERIOD_PARTS)).interpretation(DateParts.part.custom(lambda w: EN.PERIOD_PARTS[w.lower()])),
         DASH.optional()),  # "early 2011", "mid-March"
    rule(in_caseless(set(EN.PERIOD_PART_NOUNS)).interpretation(
             DateParts.part.custom(lambda w: EN.PERIOD_PART_NOUNS[w.lower()])),
         caseless(EN.OF)),  # "(the) end of May", "(the) beginning of 2024": "the" is left out, as it starts no date
)  # fmt: skip
BETWEEN_EN = in_caseless(EN.BETWEEN)
YEAR_CONTEXT_EN = in_caseless(EN.YEAR_CONTEXT)
MONTH_CONTEXT_EN = in_caseless(EN.MONTH_CONTEXT)
AND_EN = in_caseless(EN.RANGE_AND)
OF_EN = caseless(EN.OF)


def _en_year(attr):
    return rule(COMMA, year(attr))


DATE_EN = or_(
    rule(month_en(DateParts.month1), day(DateParts.day1), _en_year(DateParts.year1).optional(), TO_EN,
         month_en(DateParts.month), day(DateParts.day), _en_year(DateParts.year).optional()),
    rule(day(DateParts.day1), ORDINAL, month_en(DateParts.month1), year(DateParts.year1).optional(), TO_EN,
         day(DateParts.day), ORDINAL, month_en(DateParts.month), _en_year(DateParts.year).optional()),
    # "between May 12 and May 15, 2023", "between 12 May and 15 May 2023"
    rule(BETWEEN_EN, month_en(DateParts.month1), day(DateParts.day1), _en_year(DateParts.year1).optional(), AND_EN,
         month_en(DateParts.month), day(DateParts.day), _en_year(DateParts.year).optional()),
    rule(BETWEEN_EN, day(DateParts.day1), ORDINAL, OF_EN.optional(), month_en(DateParts.month1),
         year(DateParts.year1).optional(), AND_EN, day(DateParts.day), ORDINAL, OF_EN.optional(),
         month_en(DateParts.month), _en_year(DateParts.year).optional()),
    # "between March and May 2022"
    rule(BETWEEN_EN, month_en(DateParts.month1), AND_EN, month_en(DateParts.month), _en_year(DateParts.year)),
    # "between 2019 and 2021", "from 2019 to 2021"
    rule(or_(rule(BETWEEN_EN, year(DateParts.year1), AND_EN), rule(caseless(EN.RANGE_FROM), year(DateParts.year1), TO_EN)),
         year(DateParts.year)),
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
    rule(numeric_date(DateParts.day, DateParts.month, DateParts.year, short=False)),  # "12.05.2023"
    rule(year(DateParts.year1), DASH, year(DateParts.year)),
    rule(YEAR_CONTEXT_EN, year_span(DateParts.year1, DateParts.year)),  # "in 2019-21"
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


class _State:
    """yargy's chart `State`, lighter: slots, and what yargy recomputes at every look (whether
    the dot is at the end, the term after it) computed once. Its hash is yargy's, computed the
    same way (`map(id, ...)` builds the very tuple yargy's generator builds), so a column keeps
    the same states (yargy keeps a state unless its hash is already there) in the same order."""

    __slots__ = (
        "rule",
        "production",
        "dot_index",
        "start_column",
        "stop_column",
        "node",
        "completed",
        "next_term",
    )

    def __init__(self, rule, production, dot_index, start_column, stop_column, node) -> None:
        self.rule, self.production, self.dot_index = rule, production, dot_index
        self.start_column, self.stop_column, self.node = start_column, stop_column, node
        terms = production.terms
        self.completed = dot_index >= len(terms)
        self.next_term = None if self.completed else terms[dot_index]

    def __hash__(self) -> int:
        return hash(
            (
                id(self.rule),
                id(self.production),
                self.dot_index,
                self.start_column.index,
                self.stop_column.index,
                tuple(map(id, self.node.children)),
            )
        )

    @property
    def parents(self) -> list:
        return self.start_column.states_index[id(self.rule)]

    @property
    def range(self) -> tuple[int, int]:
        return self.start_column.index, self.stop_column.index

    __str__ = State.__str__


class _Column(Column):
    """yargy's chart column, with `append` and its index update in one call (same test, same
    order: a state is kept unless its hash is there, and indexed under the rule it waits for)."""

    def append(self, state) -> None:
        value = hash(state)
        if value not in self.hashes:
            self.hashes.add(value)
            self.states.append(state)
            if not state.completed and is_rule(state.next_term):
                self.states_index[id(state.next_term)].append(state)


class _Chart(Chart):
    """yargy's chart of `_Column`s."""

    def __init__(self, tokens) -> None:
        self.tokens = list(tokens)
        self.columns = [_Column(0, None)] + [_Column(i, token) for i, token in enumerate(self.tokens, 1)]


def _leftmost(production, found: dict) -> tuple[bool, tuple]:
    """Give what `production` can begin with, through the first terms of rules: whether it
    reaches an empty production, and the predicates it reaches (each once)."""
    key = id(production)
    if key not in found:  # the grammar has no recursion: this ends
        empty, predicates = not production.terms, {}
        if production.terms and is_rule(production.terms[0]):
            for inner in production.terms[0].productions:
                inner_empty, inner_predicates = _leftmost(inner, found)
                empty = empty or inner_empty
                predicates.update((id(p), p) for p in inner_predicates)
        elif production.terms:
            predicates[id(production.terms[0])] = production.terms[0]
        found[key] = (empty, tuple(predicates.values()))
    return found[key]


class _Lookahead:
    """What the next token (None after the last) lets through, each predicate tested once.

    `accepts` is yargy's scan test, memoised: predicates are pure functions of the token.
    `blocks` tells a production that cannot advance over the next token: its first term is a
    predicate that rejects it (or there is no next token, where yargy scans nothing), or a rule
    all of whose productions are blocked (so none of them is empty). Unfolded, that is: no
    chain of first terms reaches an empty production or a predicate that accepts the token
    (`_leftmost`)."""

    def __init__(self, token, leftmost: dict) -> None:
        self.token = token
        self.leftmost = leftmost
        self.accepted: dict[int, bool] = {}
        self.blocked: dict[int, bool] = {}  # by production

    def accepts(self, predicate) -> bool:
        key = id(predicate)
        if key not in self.accepted:
            self.accepted[key] = self.token is not None and bool(predicate(self.token))
        return self.accepted[key]

    def blocks(self, production) -> bool:
        key = id(production)
        if key not in self.blocked:
            empty, predicates = _leftmost(production, self.leftmost)
            self.blocked[key] = not empty and not any(self.accepts(p) for p in predicates)
        return self.blocked[key]


class StartingParser(Parser):
    """yargy's Earley parser doing less of its work, giving the same matches in the same order.

    1. It starts a match only before a token one can begin with. yargy predicts the whole
       grammar before every token, and most tokens (words, punctuation) can begin no date: the
       states predicted there die at the next scan.

    2. It predicts a rule once per column. yargy predicts a rule again for every state of the
       column that waits for it, but a prediction depends only on the rule and the column (its
       states have dot 0, no children, and start and stop at the column): a repeat builds states
       whose hashes the column holds, and `Column.append` drops them all.

    3. It leaves out the predicted states that are blocked (`_Lookahead.blocks`): their first term
       rejects the next token. Such a state never advances (by induction over the grammar, which
       has no recursion: a blocked rule has no state that starts at the column and completes),
       so it never completes; all it does, processed, is fail a scan or predict its first rule,
       whose states are all blocked too. A state kept is never a duplicate of one left out (the
       same hash is the same rule, production and dot, so blocked as well), and a rule
       predicted late or never, once its blocked waiters are gone, adds only blocked states. So
       each column holds yargy's states minus the blocked ones, in yargy's order: the same
       states complete, with the same trees, in the same order (yargy's handling of empty
       productions, which depends on that order, is untouched). (Like yargy, this takes
       states of equal hash for equal: two different states sharing a 64-bit hash would be a
       fluke that yargy's own results are open to as well.)

    4. Its states and columns (`_State`, `_Column`) are lighter, hashed as yargy hashes them.

    Point 3 and the scans share one memo (`lookahead`) per token text and type: each predicate
    is tested once on a token, each production's block found once. Over the stretches of a
    52-article sample the charts hold 21,715 states instead of 45,619.
    `tests/test_date_parser.py` checks the matches, their order and the charts against yargy's.
    """

    def __init__(self, rule, tokenizer) -> None:
        super().__init__(rule, tokenizer=tokenizer)
        self.first = first_terminals(self.rule)
        self.leftmost: dict[int, tuple] = {}  # by production, for `_Lookahead`: the grammar is fixed
        self.lookaheads: dict[tuple, _Lookahead] = {}

    def can_start(self, token) -> bool:
        return any(predicate(token) for predicate in self.first)

    def lookahead(self, token) -> _Lookahead:
        """Give the `_Lookahead` of a token, one for all tokens of the same text and type (cleared
        when 4096 are held): the grammar's predicates read a token's text, type and forms, never
        its place, and the forms are the analyses of its text (tests/test_date_parser.py checks
        that the predicates are of those kinds)."""
        if token is None:
            return _Lookahead(None, self.leftmost)
        key = (token.value, token.type)
        if key not in self.lookaheads:
            if len(self.lookaheads) >= 4096:
                self.lookaheads.clear()
            self.lookaheads[key] = _Lookahead(token, self.leftmost)
        return self.lookaheads[key]

    def chart(self, text, all=True):  # yargy's Parser.chart, with the points above
        chart = _Chart(self.tagger(self.tokenizer(text)))
        for column, next_column in chart:
            look = self.lookahead(next_column.token if next_column else None)
            predicted: set[int] = set()  # the rules predicted in this column

            def predict(rule, column=column, next_column=next_column, look=look, predicted=predicted) -> None:
                if id(rule) in predicted:
                    return
                predicted.add(id(rule))
                productions = rule.predict(next_column.token) if next_column else rule.productions
                for index, production in enumerate(productions):
                    if not look.blocks(production):
                        node = Node(rule, production, rank=index, children=[])
                        column.append(_State(rule, production, 0, column, column, node))

            if column.first or (all and next_column is not None and self.can_start(next_column.token)):
                predict(self.rule)
            for state in column:
                if state.completed:
                    self.complete(column, state)
                else:
                    next_term = state.next_term
                    if is_rule(next_term):
                        predict(next_term)
                    elif next_column and look.accepts(next_term):
                        leaf = Leaf(next_term, next_term.constrain(next_column.token))
                        self._advance(next_column, state, leaf)
        return chart

    def complete(self, column, completed) -> None:
        for state in completed.parents:
            self._advance(column, state, completed.node)

    @staticmethod
    def _advance(column, state, child) -> None:
        """Add to `column` `state` with its dot moved over `child` (yargy's scan and complete)."""
        node = state.node.attached(child)
        column.append(
            _State(state.rule, state.production, state.dot_index + 1, state.start_column, column, node)
        )


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
def _cached_morph() -> type:
    """Give yargy's MorphAnalyzer with its word analyses cached, as yargy's own
    CachedMorphAnalyzer does (which would load a second pymorphy): a window's words are tagged
    once to find its anchors and again when its stretch is parsed, and "года", "в", "мая" recur
    everywhere. A word's forms are the same records whenever asked (nothing changes them)."""
    from yargy.morph import MorphAnalyzer

    class CachedMorph(MorphAnalyzer):
        __call__ = lru_cache(maxsize=20_000)(MorphAnalyzer.__call__)

    return CachedMorph


@cache
def date_parser(lang: str) -> Parser:
    """Give the date parser of a language, built once: Russian with natasha's pymorphy, so month
    names match in any case ("мая", "марте")."""
    if lang == "ru":
        from ..nlp.morph import morph_vocab

        return StartingParser(DATE_RU, MorphTokenizer(morph=_cached_morph()(morph_vocab())))
    return StartingParser(DATE_EN, Tokenizer())
