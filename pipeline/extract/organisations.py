"""Organisations stage: NER organisation spans -> organisation mentions, repaired, filtered and
linked to the organisation gazetteer (models/organisations.csv).

Repairs: a name NER cut at its commas is joined again ("Ministry of Energy, Water, and
Mineral Resources"). Not organisations: diseases, nationality words ("Kazakh"), people the article
names, document words ("MOU"), photo credits ("MA/MA Photo"), common-noun abbreviations ("СМИ"),
and a lone generic institution word ("Правительство", "Parliament") that names no one body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..article import Annotated, Mention, Token
from ..gazetteer import begins_known_organisation, lookup_organisation
from ..keys import name_key
from ..lexicon import lexicon, pattern
from ..rules import REGISTRY, rule
from .common import (
    abbreviation_after,
    is_nationality,
    normaliser,
    phrase_in,
    singular,
    span_mentions,
    split_abbreviation,
    surname,
    tokens_in,
)

_PHOTO_CREDIT = re.compile(r"^[A-Z]{1,4}/[A-Z]{1,4}(?:\s+Photo)?$")
# a capital inside a capitalised word: "PaineWebber", "USAir"
_CAMEL_CASE = re.compile(r"\b(?:[A-Z][a-z]+[A-Z]|[A-Z]{2,}[a-z]{2})")


def _told(mention: Mention, annotated: Annotated) -> bool:
    """Tell a name that is the object of a verb of telling: "a spokesman told Interfax"."""
    tokens, sentence = tokens_in(annotated, mention.start, mention.stop)
    verbs = lexicon(annotated.lang).TELLING_VERBS
    return any(
        0 <= t.head < len(sentence)
        and t.rel in ("dobj", "dative", "obj", "iobj")
        and sentence[t.head].lemma.lower() in verbs
        for t in tokens
    )


def _coordination(lang: str) -> re.Pattern:
    """Give the pattern of the gap between two coordinated names: ", ", " and ", ", and "."""
    return pattern(lang, "AND", r"^(?:\s*,\s*(?:{0}\s+)?|\s+{0}\s+)$", 0)


def _first_word_lemma(mention: Mention, annotated: Annotated) -> str:
    tokens, _ = tokens_in(annotated, mention.start, mention.stop)
    words = [t for t in tokens if t.pos not in ("DET", "PUNCT")]
    return (words[0].lemma if words else mention.text.split()[0]).lower()


def _headed_name(mention: Mention, annotated: Annotated) -> bool:
    """Tell a name that begins with an institution head ("Ministry of Energy"), or holds one with
    its complement ("Kabul Chamber of Commerce")."""
    heads = lexicon(annotated.lang).INSTITUTION_HEADS
    if _first_word_lemma(mention, annotated) in heads:
        return True
    tokens, _ = tokens_in(annotated, mention.start, mention.stop)
    return any(
        t.lemma.lower() in heads and i + 1 < len(tokens) and tokens[i + 1].pos == "ADP"
        for i, t in enumerate(tokens)
    )


def _holds_head(mention: Mention, annotated: Annotated) -> bool:
    """Tell a name with a head of a body's name among its words: a body of its own."""
    tokens, _ = tokens_in(annotated, mention.start, mention.stop)
    heads = lexicon(annotated.lang).HEAD_WORDS
    return any(t.lemma.lower() in heads or t.text.lower() in heads for t in tokens)


@rule("org.comma_split_name", stage="organisations", langs=("en",), touches=("ORG",))
def join_coordinated(annotated: Annotated, mentions: list[Mention]) -> list[Mention]:
    """Join a name NER split at its commas: an institution name followed, across ", " or "and",
    by pieces that do not begin an institution name of their own."""
    text, out = annotated.text, []
    for mention in mentions:
        if out:
            last = out[-1]
            gap = text[last.stop : mention.start]
            if (
                annotated.lang == "en"  # title-case names; Russian keeps the pieces in lower case
                and _coordination(annotated.lang).match(gap)
                and not mention.text.isupper()
                and lookup_organisation(mention.normal) is None
                and _headed_name(last, annotated)
                and not _holds_head(mention, annotated)
                and mention.text[:1].isupper()
            ):
                surface = text[last.start : mention.stop]
                normal = normaliser(annotated.lang, "organisation")(
                    surface, last.start, *tokens_in(annotated, last.start, mention.stop)
                )
                out[-1] = Mention("organisation", last.start, mention.stop, surface, normal)
                continue
        out.append(mention)
    return out


@rule("org.not.disease", stage="organisations", touches=("ORG",), off=False)
def disease(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """A disease or the like NER tags as an organisation is none: "COVID-19", "коронавирус"."""
    return bool(pattern(annotated.lang, "NOT_ORGANISATIONS", r"^{}$").match(mention.text))


@rule("org.not.photo_credit", stage="organisations", touches=("ORG",), off=False)
def photo_credit(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """A photo credit is no organisation: "MA/MA Photo"."""
    return bool(_PHOTO_CREDIT.match(mention.text))


@rule("org.not.common_abbreviation", stage="organisations", touches=("ORG",), off=False)
def common_abbreviation(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """An abbreviation of a common noun is no body: "СМИ", "ГЭС", "GDP"."""
    return mention.text in lexicon(annotated.lang).GENERIC_ABBREVIATIONS


@rule("org.not.nationality_word", stage="organisations", langs=("en",), touches=("ORG",), off=False)
def nationality_word(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """A nationality word is no organisation: "Kazakh"."""
    words = mention.normal.split()
    return len(words) == 1 and is_nationality(annotated, words[0])


@rule("org.not.person", stage="organisations", touches=("ORG", "PER"), off=False)
def person(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """A person the article names is no organisation, nor is a name that ends with one
    ("Kazakhstan Kassym-Jomart Tokayev")."""
    words, key = mention.normal.split(), name_key(mention.normal)
    if key in people_keys or (len(words) == 1 and name_key(words[0]) in people_keys):
        return True
    return any(len(p.split()) > 1 and key.endswith(" " + p) for p in people_keys)


@rule("org.not.document_word", stage="organisations", touches=("ORG",), off=False)
def document_word(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """A document word is no organisation: "MOU", "Меморандум"."""
    return mention.normal.lower() in lexicon(annotated.lang).DOCUMENT_TYPES


@rule("org.not.lone_institution_word", stage="organisations", touches=("ORG",), off=False)
def lone_institution_word(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """A lone institution word names no one body: "Правительство", "Parliament"."""
    normal = mention.normal
    if len(normal.split()) != 1 or lookup_organisation(normal) is not None:
        return False
    heads = lexicon(annotated.lang).INSTITUTION_HEADS
    return _first_word_lemma(mention, annotated) in heads or normal.lower() in heads


@rule("org.not.plural_head", stage="organisations", touches=("ORG",), off=False)
def plural_head(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """A name whose head is an institution word in the plural names several bodies, no one:
    "аппараты парламентов двух стран", "the Chambers of Commerce of both countries" (a known
    organisation with a plural name stays one, and so does a name whose head the lexicon lists in
    the plural only: "Airlines")."""
    if lookup_organisation(mention.normal) is not None:
        return False
    heads = lexicon(annotated.lang).HEAD_WORDS
    tokens, _ = tokens_in(annotated, mention.start, mention.stop)
    for token in tokens:
        lemma = token.lemma.lower()
        if lemma in heads or singular(annotated.lang, token.text.lower()) in heads:
            if (
                token is tokens[-1]
                and token.text.lower() in heads
                and singular(annotated.lang, token.text.lower()) not in heads
            ):
                return False  # a name's last word listed in the plural names one body: "… Airlines"
            plural = token.feats.get("Number") == "Plur" or (
                annotated.lang == "en" and token.text.lower() not in heads
            )
            return plural
        if annotated.lang == "ru" and token.pos in ("NOUN", "PROPN"):
            return False  # the head is the first noun
    return False


@rule("org.not.bare_word", stage="organisations", langs=("en",), touches=("ORG",), off=False)
def bare_word(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """A name of one or two English words without an institution word, written once, neither an
    acronym nor a body the gazetteer knows, is no organisation: a bare surname ("Karimov said"), a
    region, a faith or a festival ("Eurasia", "Navruz"), a topic in title case ("Water Security").
    A news outlet's or a carrier's short name ("Asia News", "Tashkent Railways") stays, so does a
    company's closing with its legal form ("Vakhsh Corp.") or written with an inner capital
    ("PaineWebber"), one a speaker tells something ("told Interfax"), and so does a name outside prose (a
    table, a list, a heading: no verb in its sentence), where the NER's label is all there is."""
    words = mention.normal.split()
    if len(words) > 2 or mention.normal.isupper() or lookup_organisation(mention.normal) is not None:
        return False
    lex = lexicon(annotated.lang)
    if _holds_head(mention, annotated) or words[-1].lower() in lex.OUTLET_WORDS | lex.COMPANY_ENDINGS:
        return False
    if annotated.text.count(mention.text) != 1:
        return False  # a body the article keeps naming is one
    if _CAMEL_CASE.search(mention.normal) or _told(mention, annotated):
        return False  # a brand's inner capital ("PaineWebber"), an outlet one tells ("told Interfax")
    # Only prose tells: in a table, a list or a heading without a verb ("Ajax 3 2 1 0", "(Porto)")
    # the NER's label is all there is.
    sentence = annotated.sentence_at(mention.start)
    return sentence is not None and any(
        t.pos in ("VERB", "AUX") and not (mention.start <= t.start < mention.stop) for t in sentence.tokens
    )


def _known(normal: str) -> bool:
    """Tell a name the organisation gazetteer knows, written with or without its hyphens."""
    return (
        lookup_organisation(normal) is not None
        or lookup_organisation(normal.replace("-", " ")) is not None
        or begins_known_organisation(normal)
    )


def _head_token(mention: Mention, annotated: Annotated):
    """Give the head word of a name: the first noun in Russian ("Международная [выставка] …"), the
    last word before the first preposition in English ("Caspian Economic [Forum] of …")."""
    tokens, _ = tokens_in(annotated, mention.start, mention.stop)
    words = [t for t in tokens if t.pos not in ("DET", "PUNCT", "PART")]
    if annotated.lang == "ru":
        return next((t for t in words if t.pos in ("NOUN", "PROPN")), None)
    before = []
    for t in words:
        if t.pos == "ADP" and before:
            break
        before.append(t)
    return before[-1] if before else None


def _governor(sentence: Sequence[Token], i: int) -> int | None:
    """Give the index of the word token `i` hangs on, over a preposition ("Secretary-General of
    the Forum"), or None."""
    j = sentence[i].head
    if 0 <= j < len(sentence) and sentence[j].pos == "ADP":
        j = sentence[j].head
    return j if 0 <= j < len(sentence) and j != i else None


@rule("org.standing_body", stage="organisations", langs=("ru",), touches=("ORG",), off=False)
def standing_body(mention: Mention, head: Token, annotated: Annotated) -> bool:
    """Tell a body named with a gathering word ("Форум стран-экспортеров газа"): the article
    gives it what only a standing body has, governing its name or the abbreviation it defines
    in brackets: a charter, a seat, a secretary-general ("генсек Форума …", "устав ФСЭГ")."""
    marks = lexicon(annotated.lang).STANDING_BODY_NOUNS
    _, abbreviation = split_abbreviation(mention.normal)
    abbreviation = abbreviation or abbreviation_after(annotated.text, mention.stop)
    for sentence in annotated.sentences:
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            if token != head and not (abbreviation and token.text == abbreviation):
                continue
            j = _governor(tokens, i)
            if j is not None and phrase_in(tokens, j, marks, ("ADJ", "NOUN", "PROPN")):
                return True
    return False


@rule("org.not.event", stage="organisations", touches=("ORG",), off=False)
def event(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """A name headed by a gathering word names an event, not a body: "Caspian Media Forum",
    "Международная выставка «Агро-2030»", "Неделя энергетики"; so does a name NER cut before its
    gathering word ("[Tashkent Textile] Week"). A body the gazetteer knows stays (a standing
    "Совещание …" or "Conference …"), so does a gathering of a body, which names the body too
    ("Summit of the Caspian Littoral Organization"), and so does a standing body the article
    gives a charter, a seat or a secretary-general (`org.standing_body`)."""
    if _known(mention.normal):
        return False
    meetings = lexicon(annotated.lang).MEETINGS
    head = _head_token(mention, annotated)
    if head is not None and (head.lemma.lower() in meetings or head.text.lower() in meetings):
        heads = lexicon(annotated.lang).HEAD_WORDS
        tokens, _ = tokens_in(annotated, head.stop, mention.stop)
        return not any(t.lemma.lower() in heads or t.text.lower() in heads for t in tokens) and not (
            annotated.lang in REGISTRY["org.standing_body"].langs and standing_body(mention, head, annotated)
        )
    after = annotated.text[mention.stop : mention.stop + 40].split()
    return bool(
        annotated.lang == "en"
        and after
        and after[0][:1].isupper()
        and after[0].strip(".,;:").lower() in meetings
    )


@rule("org.not.lower_case_end", stage="organisations", langs=("en",), touches=("ORG",), off=False)
def lower_case_end(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """An English name that ends with a lower-case word other than a body's head is a description
    or a fragment, not a name: "Kyrgyzstan's meteorological", "the oil ministry news", "Chamber
    of" (but "the Tajik foreign ministry" is that country's ministry)."""
    last = mention.text.split()[-1]
    heads = lexicon(annotated.lang).HEAD_WORDS
    return (
        last[:1].isalpha()
        and last.islower()
        and last not in heads
        and singular(annotated.lang, last) not in heads
        and not _known(mention.normal)
    )


def _heading_line(annotated: Annotated, start: int) -> bool:
    """Tell the article's first line when it is a heading: no closing full stop, written in
    capitals or with every word of four letters or more capitalised ("Tajikistan To Build 20 New
    Schools")."""
    text = annotated.text
    first = len(text) - len(text.lstrip())
    stop = text.find("\n", first)
    stop = len(text) if stop < 0 else stop
    if not first <= start < stop:
        return False
    line = text[first:stop].strip()
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) >= 4]
    if not words or line.endswith("."):
        return False
    return line.upper() == line or all(w[:1].isupper() for w in words)


@rule("org.not.heading_only", stage="organisations", touches=("ORG",), off=False)
def heading_only(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """A name read in the headline, in capitals or in title case, that the text never repeats is
    the headline's wording, not a body: "Tajikistan To Build 20 New Schools", "ДЕПУТАТЫ ОДОБРИЛИ
    ЗАКОН" (a body a heading names, the article names again)."""
    if _known(mention.normal) or not _heading_line(annotated, mention.start):
        return False
    return annotated.text.casefold().count(mention.text.casefold()) == 1


@rule("org.not.no_noun", stage="organisations", langs=("ru",), touches=("ORG",), off=False)
def no_noun(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """A Russian name of adjectives alone is an adjective NER cut from its noun: "Казахстанско-
    Китайский" of "… деловой совет" (a body's name holds its head noun)."""
    tokens, _ = tokens_in(annotated, mention.start, mention.stop)
    words = [t for t in tokens if t.pos != "PUNCT"]
    return bool(words) and not mention.text.isupper() and all(t.pos in ("ADJ", "CCONJ", "DET") for t in words)


FILTERS = (
    bare_word,
    disease,
    photo_credit,
    common_abbreviation,
    nationality_word,
    person,
    document_word,
    lone_institution_word,
    plural_head,
    event,
    lower_case_end,
    heading_only,
    no_noun,
)


def _mid_sentence(mention: Mention, annotated: Annotated) -> bool:
    """Tell a name that does not begin its sentence (where a capital tells a name)."""
    tokens, sentence = tokens_in(annotated, mention.start, mention.stop)
    words = [t for t in sentence if t.pos != "PUNCT"]
    return bool(tokens and words) and words[0].start < tokens[0].start


@rule("org.anaphoric_short_name", stage="organisations", langs=("ru",), touches=("ORG",), off=None)
def anaphoric_short_name(
    mention: Mention, annotated: Annotated, earlier: Sequence[Mention]
) -> Mention | None:
    """A lone institution word written with a capital inside a sentence refers back to the body
    the article named in full before with that head word: "Агентство по делам молодёжи …" …
    "представитель Агентства". The mention is kept with the full name (the nearest one before
    it), so it joins that body's record; a lone word with no such name before it names no one
    body (`org.not.lone_institution_word`). Russian only: there the capital marks the short name
    of one body, where English capitalises "Parliament" or "Ministry" of any."""
    if annotated.lang not in REGISTRY["org.anaphoric_short_name"].langs:
        return None
    if not lone_institution_word(mention, annotated, set()) or not _mid_sentence(mention, annotated):
        return None
    head = _head_token(mention, annotated)
    if head is None or not mention.text[:1].isupper():
        return None
    for before in reversed(earlier):
        if len(before.normal.split()) < 2:
            continue
        other = _head_token(before, annotated)
        if other is not None and other.lemma.lower() == head.lemma.lower():
            return Mention(
                "organisation", mention.start, mention.stop, mention.text, before.normal, before.attrs
            )
    return None


def is_not_organisation(mention: Mention, annotated: Annotated, people_keys: set[str]) -> bool:
    """Tell an organisation span that names no organisation (see the filters above)."""
    return any(
        annotated.lang in REGISTRY[f.rule_name].langs and f(mention, annotated, people_keys) for f in FILTERS
    )


def extract_organisations(annotated: Annotated, *, people: Sequence[Mention] = ()) -> Iterator[Mention]:
    """Yield organisation mentions; attrs `abbreviation` holds one given in brackets and `known`
    the gazetteer's entry."""
    text = annotated.text
    people_keys = {name_key(p.normal) for p in people} | {name_key(surname(p.normal)) for p in people}
    mentions = list(span_mentions(annotated, "ORG", "organisation"))
    earlier: list[Mention] = []
    for mention in join_coordinated(annotated, mentions):
        if (resolved := anaphoric_short_name(mention, annotated, earlier)) is not None:
            earlier.append(resolved)
            yield resolved
            continue
        if is_not_organisation(mention, annotated, people_keys):
            continue
        normal, abbreviation = split_abbreviation(mention.normal)
        abbreviation = abbreviation or abbreviation_after(text, mention.stop)
        known = lookup_organisation(normal) or (lookup_organisation(abbreviation) if abbreviation else None)
        kept = Mention(
            "organisation",
            mention.start,
            mention.stop,
            mention.text,
            normal,
            {"abbreviation": abbreviation, "known": known},
        )
        earlier.append(kept)
        yield kept
