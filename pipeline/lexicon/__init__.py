"""The language packs' vocabulary: one lexicon per language, one table per concept.

Stages and repairs ask the lexicon of the article's language for a concept
(`lexicon(lang).INSTITUTION_HEADS`) and never hold word lists of their own; each concept is
defined once, here (what it means) and in `ru.py` / `en.py` (its words), with what holds in
every language in `common.py`. Where a library already knows a thing (pymorphy's lemmas and
cases, spaCy's labels, pycountry's and GeoNames' names), the stages ask the library instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from importlib import import_module
from types import MappingProxyType

from . import calendar, common

LANGS = ("ru", "en")

Words = frozenset  # lower-case lemmas (or word forms, where the concept says so)
Table = Mapping  # word (or pair of words) -> value
Patterns = tuple  # regular-expression alternatives, matched case-insensitively unless said


@dataclass(frozen=True, eq=False, kw_only=True)
class Lexicon:
    """The vocabulary of one language, concept by concept."""

    lang: str

    # --- people, organisations, places ---------------------------------------------------------
    TITLES: Words  # words written before a name that are no part of it: "Торага", "Ayatollah", "Mr"
    POSITIONS: Words  # words of a position a person holds: "председатель", "minister", "spokesman"
    INSTITUTION_HEADS: Words  # head nouns of institutions' names; alone, they name no one body
    BODY_HEADS: Words  # more head nouns of bodies' names ("программа", "офис", "кенеш")
    OUTLET_WORDS: Words = (
        frozenset()
    )  # last words of news outlets' and carriers' short names ("News", "TV", "Railways")
    COMPANY_ENDINGS: Words = frozenset()  # a company's legal form closing its name ("Corp.", "Ltd", "PLC")
    SEATED_HEADS: Words  # bodies whose name may end with the city they sit in ("офис", "embassy")
    ADVERBIAL_COMPLEMENTS: Words  # nouns of a "по" phrase that is an adverbial, not a body's remit
    GENERIC_ABBREVIATIONS: Words  # abbreviations of common nouns, not of bodies (word forms: "СМИ", "GDP")
    NOT_ORGANISATIONS: Patterns  # diseases and the like that NER tags as organisations
    PLACE_EVENTS: Words  # events: a place span holding one names an event ("…саммиту стран")
    ADMIN_NOUNS: Words  # type nouns of administrative units, lemmas ("область", "район")
    ADMIN_NAME_WORDS: Patterns  # the type word in a place's name that makes it an admin unit
    PLACE_PREPOSITIONS: Patterns  # prepositions of place and direction before a place ("in", "из")
    LOCATIVE_PREPOSITIONS: Patterns  # prepositions of where a thing happened ("в", "in", "at")
    CITY_WORDS: Patterns  # words naming a place as a city before its name ("г.", "городе", "city of")
    CURRENCIES: Patterns  # currency words before a country that the currency names ("долларов США")
    COMPASS_WORDS: Patterns  # words of direction that are no place on their own ("North-South")
    PATRONYMIC_PARTICLES: Patterns  # Central Asian patronymic particles after a name ("кызы", "uulu")
    SOUND_SPELLINGS: Patterns = ()  # (pattern, replacement): spellings of one sound in romanised names
    NAME_HONORIFICS: Words = frozenset()  # honorifics written as part of a name ("Seyed"), no given name
    FACILITY_WORDS: Words = frozenset()  # last words of a facility's name ("port", "mosque"): no person
    COUNTERPARTS: Words = frozenset()  # one who holds the same post elsewhere (lemmas: "counterpart")
    HEADING_VERBS: Table = field(
        default_factory=dict
    )  # verbs of heading a body -> the head's noun ("head": "head")
    NAME_PARTICLES: Words = frozenset()  # lower-case words inside a person's name ("de", "bin", "al")
    TITLE_PREPOSITIONS: Words = frozenset()  # prepositions between a position and its body ("of", "for")
    POSITION_MODIFIERS: Words = frozenset()  # words that make a position of another ("deputy", "vice")
    JOINT_BODY_WORDS: Words = frozenset()  # adjectives of a body countries share ("intergovernmental")
    ORDINALS: Words = frozenset()  # ordinal words that number an event ("first", "fifth")
    NAME_CONNECTIVES: Patterns  # words that cannot end a place's name ("and", "of", "и")
    PARTICIPANT_NOUNS: Words  # nouns of the parties to a document ("Стороны Соглашения")
    LEGAL_FORMS: Patterns  # legal forms written before a company's quoted name ("ОАО", "LLC")
    AND: Patterns  # the coordinating conjunction ("и", "and")
    REMIT_PREPOSITIONS: Words  # the preposition of a body's remit ("Комитет по …")
    # positions with a remit of their own (lemmas; a two-word one with its modifier): the remit
    # after the body they serve is theirs ("Комиссар Совета Европы" + "по правам человека")
    REMIT_POSITIONS: Words = frozenset()
    SEAT_PREPOSITIONS: Patterns  # words joining a body's name to its country ("… в Кыргызской Республике")
    FUNCTION_WORDS: Words  # frequent function words, which tell the language of a text (word forms)
    CHROME_LINES: Patterns  # whole lines that are page chrome ("Читайте также…", "Share this")

    # --- Russian morphology of names (empty elsewhere) ----------------------------------------------
    SURNAME_SUFFIXES: Patterns = ()  # suffixes of Russian-type surnames ("-ов", "-ин")
    SURNAME_CASE_ENDINGS: Table = field(default_factory=dict)  # (gender, case) -> ending after such a suffix
    INDECLINABLE_ENDINGS: str = ""  # last letters of a foreign name part that does not inflect ("Жогорку")
    INDECLINABLE_SURNAME_ENDINGS: Patterns = ()  # endings of surnames that never inflect ("-зода", "-ко")
    FOREIGN_MASCULINE_ENDINGS: Table = field(
        default_factory=dict
    )  # case -> oblique endings of a foreign man's name
    VOWELS: str = ""  # letters a foreign man's name read as inflected cannot end its stem with

    # --- dates -----------------------------------------------------------------------------------
    RELATIVE_DAYS: Table  # "вчера", "today" -> days from the publication day
    RELATIVE_STEPS: Table  # "прошл", "next" -> -1, 0, +1 periods (Russian stems)
    TIME_UNITS: Table  # period words (Russian stems) -> week | month | year
    AGO_UNITS: Table  # period words of "N … ago" (Russian stems) -> day | week | month | year
    CARDINALS: Table  # number words -> their value
    GROUP_CARDINALS: Table  # number words counting a group of parties ("оба", "both", "two")
    YEAR_STEPS: Table  # "этого", "last" in "… of this year" -> years from the publication year
    RELATIVE: str  # the pattern of relative expressions ({weekdays}, {months}: the calendar's names)
    YEAR_AFTER: str  # the pattern of "этого года" / "of last year" right after a date
    PUBLICATION_LABELS: Patterns  # labels of a publication-date line ("Дата публикации:", "Published:")
    LEADING_WORDS: Patterns  # words a date match may begin with that are no part of the date ("in", "в")
    RELATIVE_DAY_BEFORE: Patterns  # "сегодня", "today" right before a date: the day of publication
    NOT_EVENT_PREPOSITIONS: Patterns  # words before a date that make it no event's ("от", "until", "since")
    NOT_EVENT_PARTICIPLES: Patterns  # participle stems before a date that make it a document's ("подписанн")
    FUTURE_MARKERS: Patterns  # words that put a sentence in the future ("будет", "will", "scheduled")
    DOCUMENT_DATE_PREPOSITIONS: Patterns  # words before a document's own date ("от", "of", "dated")
    NOT_DOCUMENT_DATE_PREPOSITIONS: Patterns  # words before a date of validity or a deadline ("до", "until")
    VALIDITY_PREPOSITIONS: Patterns  # words before a plan's period ("на 2023 год", "for 2024")
    COUNTED_NOUNS: Patterns  # words after a number that make it a count, not a year ("2000 people")
    YEAR_WORDS: Words  # abbreviations of the word "year" ("г", "гг")
    YEAR_NOUN: str  # the lemma of "year"
    RANGE_TO: Words  # words between the ends of a range ("по", "до", "to", "through")
    RANGE_FROM: str  # the word before the start of a range ("с", "from")
    RANGE_AND: Words  # words between two days of one month ("и", "and")
    IN_WORDS: Words  # "в", "in" before a month
    PERIOD_PARTS: (
        Table  # parts of a period ("начало", "конец"; "early", "mid", "late") -> which third (0, 1, 2)
    )
    PERIOD_PART_NOUNS: Table  # nouns of a part of a period before "of" ("the end of May") -> which third
    DECADE: str  # the pattern of a decade: (?P<decade>1990|90) ("the 1990s", "в 90-е годы", "1990-х годов")
    CENTURY: str  # the pattern of a century: (?P<roman>XXI) or (?P<number>21) ("XXI век", "the 21st century")
    SEASON: str  # the pattern of a season of a year: (?P<season>…) (?P<year>2023) ("summer 2023", "весной 2022 года")
    SEASONS: Table  # season words (Russian stems) -> the season's first month (3 spring … 12 winter)
    FOUNDING_VERBS: Words  # verbs of a body's founding: its date is background ("основать", "establish")
    RECALL_MARKERS: Patterns  # words that turn a sentence to background ("Напомним", "recall", "back in")

    # --- documents ---------------------------------------------------------------------------------
    DOCUMENT_TYPES: Table  # document nouns (lemmas) -> type
    DOCUMENT_TYPE_PAIRS: Table  # (noun, companion lemma) -> type: "дорожная карта", "action plan"
    PLURAL_NAMES: Words  # nouns whose plural names one document ("Обменные ноты")
    CONSTITUTING_VERBS: Words  # verbs saying what a named document is ("образующие договор")
    CHARTER_NOUNS: Words  # a founding charter: a treaty when an organisation is named with it
    GENERIC_DOCUMENTS: Words  # nouns that stand for any document ("документ")
    NAME_HEADS: Words  # words before a document noun that make it part of a name ("Организация Договора")
    STATUS_VERBS: Table  # predicates (verbs, participles) -> status
    TYPED_VERBS: Table  # (verb, type) -> status, for some types only ("reach an agreement")
    RATIFYING_VERBS: Words  # verbs of ratification
    PASSING_VERBS: Words  # verbs by which a body passes a bill
    APPROVING_VERBS: Words  # verbs of approval (ratification only when a legislature approves)
    DRAFTING_VERBS: Words  # verbs of drafting: the document exists as a draft
    DISCUSSING_VERBS: Words  # verbs that talk of an act, not perform it ("обсудили")
    EVENT_NOUNS: Words  # nouns that keep an act noun an event ("церемония подписания")
    VISIT_STEMS: tuple[
        str, ...
    ]  # beginnings of words of a visit whose destination is where things were signed ("визит", "trip")
    DESTINATION_PREPOSITIONS: Words  # prepositions of a visit's destination ("в", "to")
    ACTION_NOUNS: Table  # act nouns -> status ("подписание", "ratification")
    DECREE_NOUNS: Words  # acts by which an authority adopts a document ("постановление", "decree")
    LAW_NOUNS: Words  # laws that carry a ratification
    BILL_NOUNS: Words  # bills that carry a ratification
    LEGISLATURES: Words  # who ratifies: parliaments, their chambers and members, the president
    DRAFT_NOUNS: Words  # "проект", "draft" as a noun above a document
    DRAFT_ADJECTIVES: Words  # "draft" as a modifier of a document
    FINAL_READING: str  # the pattern of a bill's final reading ("в трех чтениях")
    FIRST_READING: str  # the pattern of a bill's first reading
    BILL_PHRASE: str  # the pattern of a bill ("законопроект", "проект закона")
    PASSED_WORD: str  # the pattern of a bill's passing ("принят")
    RATIFICATION_TITLE: str  # the pattern of a ratification title after a bill ("«О ратификации…")
    OWN_TITLE: str  # the pattern of a title of its own after a bill ("о налогах")
    PLANNING_VERBS: Words  # words above a predicate that make it an intention ("планируется", "plans")
    FUTURE_AUX: Words  # auxiliaries of the future (word forms)
    FUTURE_WORDS: Words  # adjectives of the future ("последующий", "upcoming")
    REFUSING_VERBS: Words  # verbs that deny their complement ("отказаться", "fail")
    ACHIEVING_VERBS: Words  # verbs whose infinitive happened ("удалось", "managed")
    ABOUT_TO: Words  # "be about to", "be set to"
    WORKING_VERBS: Words  # "работать над", "work on": a document in the making
    INFINITIVE_MARKERS: Words  # "to" before an infinitive
    COPULAS: Words  # the verb "be"
    NOT_YET: Words  # "ещё", "yet": a negation that leaves the act to come
    NEGATIONS: Words  # negation words
    REFERENCE_HEADS: Words  # nouns and prepositions that govern a document referred to ("в рамках")
    REFERENCE_PREPOSITIONS: Words  # prepositions of reference ("согласно", "under")
    REFERRING_VERBS: Words  # verbs of what a document says or of carrying it out ("говориться", "stipulate")
    AMENDMENT_HEADS: Words  # nouns that change a document ("изменения в Соглашение")
    AMENDMENT_PREPOSITIONS: Words  # prepositions between a change and the document it changes
    ANNEX_PREPOSITIONS: Words  # "к", "to" between a document and the one it is written to
    ANNEX_NOUNS: Words  # parts written to a document ("приложение", "annex")
    ACCESSION_PREPOSITIONS: Words  # "к", "to" in "присоединение к Соглашению"
    EXCHANGE_NOUNS: Words  # "обмен", "exchange" (of notes)
    ANAPHORIC: Words  # words that refer back to a document already named ("данное", "this")
    OTHER: Words  # words that introduce a second document of a kind ("другой", "another")
    OTHER_ONE: Words  # "one" in "the other one"
    INDEFINITE_ARTICLES: Words  # "a", "an": a document not named before
    FINAL_ADJECTIVES: Words  # a document as an event's outcome ("итоговая", "final")
    EVENTS: Words  # events whose outcome a final document is
    IDIOM_VERBS: Words  # verbs of idioms with a document noun ("прийти к соглашению")
    PARTY_PREPOSITIONS: Words  # prepositions before the parties ("между", "with", "by")
    BETWEEN: Words  # "между", "between": both sides named
    AGENT_PREPOSITIONS: Words  # "by" before an agent
    LIST_WORDS: Words  # words and signs that go on with a list ("и", ",", "as well as")
    GROUP_NOUNS: Words  # nouns that stand for the parties named before ("стороны", "the two countries")
    COUNTRY_GROUPS: Words  # group nouns that stand for countries only
    QUANTIFIERS: Words  # words that make a document generic ("все", "several")
    NEUTRAL_ADJECTIVES: Words  # modifiers that say nothing about which document it is ("new", "bilateral")
    STOP_WORDS: Words  # words that tell nothing about a document's subject
    LISTING_WORDS: Words  # words that list a document among others ("включая", "among")
    IDENTITY_VERBS: Words  # verbs saying what a thing is ("являться", "be"): "X is a treaty"
    LISTING_VERBS: Words  # predicates that say what the documents were ("include", "являться")
    POSSESSIVES: Words  # possessive words before a party ("his", "их")
    POSSESSIVE_ENDINGS: Words = frozenset()  # the possessive ending a tokenizer splits off ("'s")
    NOT_PARTY_LEADS: Words  # nouns before a name that make it no party ("при участии", "with the support of")
    ATTACHED_PREPOSITIONS: Words  # "при" in a name that hangs on the one before
    MEANS_WORDS: Words  # "путем", "by": the notes made another document
    TITLE_STARTS: Words  # words that begin a document's title ("о", "on")
    ABOUT_PREPOSITIONS: Words  # "о", "об" before an act noun in a title
    CLAUSE_WORDS: Words  # words of a participle clause that say where and when, not which document
    ACCESSION_NOUNS: Words = frozenset()  # act nouns of joining a treaty in force ("accession")
    OUTCOME_WORDS: Words = frozenset()  # words tying an act to an event told before ("following")
    GROUP_PRONOUNS: Words = frozenset()  # pronouns for documents just counted ("they", "них")
    INCLUDING_VERBS: Words = frozenset()  # verbs saying what documents hold ("include", "включать")
    TYPE_COMPLEMENTS: Words = frozenset()  # words completing a type's name ("of understanding")
    VISIT_OBJECT_STEMS: tuple[str, ...] = ()  # visiting verbs whose object is the destination ("visited")
    CAPITAL_APPOSITIONS: Patterns = ()  # a phrase calling the city after it a capital ("the Kyrgyz capital,", "столице Казахстана")

    # --- English only (empty elsewhere) -------------------------------------------------------------
    CAPITAL_PHRASE: str = r"(?!)"  # "Turkmenistan's capital" before a city
    TITLE_CUT_SHORT: Patterns = ()  # last words of a title NER cut before the name ("Minister of")
    STATE_FORMS: Patterns = ()  # "Republic", "Kingdom" in "Republic of X"
    SITUATED_PREPOSITIONS: Patterns = ()  # between a place and the larger place it lies in ("на Крите")
    LEADING_ARTICLES: Patterns = ()  # articles to drop before a name ("the")
    PORTFOLIO_BEFORE: str = r"(?!)"  # a title before a portfolio, up to it ("Minister of [Industry]")
    PORTFOLIO_AFTER: str = r"(?!)"  # a title after a portfolio ("[Transport] Minister")
    HEAD_BEFORE: str = r"(?!)"  # an institution head NER left before a name ("Vice Presidency for …")
    APPOSITIVE_TITLE: str = r"(?!)"  # a position in apposition after a name (", the provincial governor")
    LIST_AFTER: str = r"(?!)"  # the rest of a coordinated list of portfolios (", Migration, and …")
    SEAT_AFTER: str = r"(?!)"  # the country a mission is accredited to ("Embassy of … to Iran")
    COUNTRY_AFTER: str = r"(?!)"  # the country a body belongs to after its name ("… of the Kyrgyz Republic")
    MEETINGS: Words = frozenset()  # single gatherings, never a body's name ("meeting", "summit")
    # what only a standing body has, governing its name (lemmas; a two-word one with its modifier):
    # a charter, a seat, a secretary-general ("устав", "штаб-квартира", "генеральный секретарь");
    # Russian only (English meeting names are dropped as spans, `org.en.meeting`)
    STANDING_BODY_NOUNS: Words = frozenset()
    # first syllable of a stump compound -> the stem of the word it stands for ("мин" -> "министерств")
    STUMP_PREFIXES: Table = field(default_factory=dict)
    TELLING_VERBS: Words = (
        frozenset()
    )  # verbs whose object is the one told (lemmas: "tell"): a source's listener
    PLURAL_SUFFIXES: tuple = ()  # (plural ending, singular ending): ("s", "") of "MoUs", ("a", "um")
    ORDINAL_SUFFIXES: Words = (
        frozenset()
    )  # "st", "nd" after a day; "го", "е" after a day or year ("12-го", "2021-м")
    OF: str = ""  # "of" between a day and its month ("3rd of May")
    YEAR_CONTEXT: Words = frozenset()  # words before a bare year that make it a date ("in 2020")
    MONTH_CONTEXT: Words = frozenset()  # words before a bare month that make it a date ("in May")

    # --- derived -----------------------------------------------------------------------------------
    @cached_property
    def HEAD_WORDS(self) -> frozenset[str]:  # noqa: N802 - a concept, like the tables
        """Head nouns of any body's name: institutions and other bodies."""
        return self.INSTITUTION_HEADS | self.BODY_HEADS

    @cached_property
    def MONTHS(self) -> dict[str, int]:  # noqa: N802
        """Month names (Russian lemmas, English names and abbreviations) -> 1..12, from Babel."""
        return calendar.month_names(self.lang)

    @cached_property
    def WEEKDAYS(self) -> dict[str, int]:  # noqa: N802
        """The weekday forms of "on Monday" ("в среду") -> 0 (Monday) .. 6, from Babel and pymorphy."""
        return calendar.weekday_forms(self.lang)

    @cached_property
    def DOCUMENT_HEADS(self) -> frozenset[str]:  # noqa: N802
        """Every word that can head a document's name: the document nouns, the first words of
        the pairs, the charter nouns."""
        return (
            frozenset(self.DOCUMENT_TYPES)
            | {head for head, _ in self.DOCUMENT_TYPE_PAIRS}
            | self.CHARTER_NOUNS
        )

    @cached_property
    def MONTH_TRIGGERS(self) -> str:  # noqa: N802
        """A pattern finding where a month name may stand: its case forms, its abbreviations."""
        return calendar.month_trigger(self.lang)

    @cached_property
    def RELATIVE_PATTERN(self) -> str:  # noqa: N802
        """The pattern of relative expressions, with the calendar's weekday and month names."""
        names = {"{weekdays}": self.WEEKDAYS, "{months}": calendar.month_names(self.lang, abbreviated=False)}
        pattern = self.RELATIVE
        for placeholder, words in names.items():
            pattern = pattern.replace(placeholder, "|".join(words))
        return pattern

    @cached_property
    def NEUTRAL_MODIFIERS(self) -> frozenset[str]:  # noqa: N802
        """Modifiers that say nothing about which document it is (ignored when telling two apart)."""
        return (
            self.ANAPHORIC
            | self.OTHER
            | self.FINAL_ADJECTIVES
            | set(self.STATUS_VERBS)
            | self.NEUTRAL_ADJECTIVES
        )


def alternatives(patterns) -> str:
    """Give a regular-expression group matching any of `patterns` (none: a group that never matches)."""
    return "(?:" + "|".join(patterns) + ")" if patterns else "(?!)"


def longest_of(words) -> str:
    """Give a regular expression matching, where several of the literal `words` match, the longest
    (as their alternation sorted longest first does), written as a trie: the engine tries one
    letter at a time, not every word at every position of a text (5x faster on news)."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        longer = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not longer:
            return ""
        group = longer[0] if len(longer) == 1 else "(?:" + "|".join(longer) + ")"
        if "" not in node:
            return group
        return (group if len(longer) > 1 else "(?:" + group + ")") + "?"

    return emit(root) if root else "(?!)"


def _frozen(value):
    if isinstance(value, set | frozenset):
        return frozenset(value)
    if isinstance(value, dict):
        return MappingProxyType(dict(value))
    return value


@cache
def lexicon(lang: str) -> Lexicon:
    """Give the lexicon of a language ('ru' or 'en'), loaded once; what holds in every language
    (`common.py`) is added to the language's own tables."""
    if lang not in LANGS:
        raise ValueError(f"no lexicon for language {lang!r}")
    module = import_module(f".{lang}", __name__)
    values = {}
    for f in fields(Lexicon):
        if f.name == "lang":
            continue
        own = getattr(module, f.name, None)
        shared = getattr(common, f.name, None)
        if own is None and shared is None:
            continue  # a concept of the other language only: its default
        if own is not None and shared is not None:
            own = own | shared if isinstance(own, set | frozenset) else (*own, *shared)
        values[f.name] = _frozen(own if own is not None else shared)
    return Lexicon(lang=lang, **values)


def all_lexicons() -> tuple[Lexicon, ...]:
    return tuple(lexicon(lang) for lang in LANGS)


@cache
def pattern(lang: str, concept: str, template: str = "{}", flags: int = re.IGNORECASE) -> re.Pattern:
    """Give a compiled pattern: `template` with the alternatives of a lexicon concept in its
    place ("{}"), or the concept's own pattern when it is one string."""
    value = getattr(lexicon(lang), concept)
    return re.compile(template.format(value if isinstance(value, str) else alternatives(value)), flags)
