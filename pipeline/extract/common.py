"""Small pure helpers the stages share: span trimming, English name forms, NER spans -> mentions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache

from ..article import Annotated, Mention, Token
from ..gazetteer import is_demonym, lookup_place
from ..lexicon import alternatives, lexicon, pattern
from ..lexicon.common import ABBREVIATED_NAME_ENDS, SOCIAL_NETWORKS

_TRIM = " \t\n\"'«»“”„‘’`.,;:()[]{}-–—"
_ABBREVIATION_AFTER = re.compile(r"\s*\(\s*([A-ZА-ЯЁ][\w\-&.]{1,19})\s*\)")
_TRAILING_ABBREVIATION = re.compile(r"\s*\(\s*([A-ZА-ЯЁ][\w\-&.]{1,19})\s*\)\s*$")


_ABBREVIATED_END = re.compile(rf"\b{alternatives(ABBREVIATED_NAME_ENDS)}\.$")
_OPENING = {")": "(", "»": "«", "“": "„", '"': '"', "”": "“"}


_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.?$")


def tidy_initials(name: str) -> str:
    """Give a name with initials spelled one way: "З.Х" and "З.Х." -> "З. Х."."""
    name = re.sub(r"\b([A-ZА-ЯЁ])\.\s*(?=[A-ZА-ЯЁ])", r"\1. ", name)
    name = re.sub(r"(?<![\w.])([A-ZА-ЯЁ])(?=\s|$)", r"\1.", name)  # a bare final initial
    return re.sub(r"\s+", " ", name).strip()


def canonical_person(name: str) -> str:
    """Give "I. O. Surname" for "Surname I. O.", other names unchanged."""
    words = name.split()
    if len(words) > 1 and all(_INITIAL.match(w) for w in words[1:]) and not _INITIAL.match(words[0]):
        return " ".join(words[1:] + words[:1])
    return name


def surname(name: str) -> str:
    """Give the surname of a canonical name: its last word that is not an initial."""
    words = [w for w in name.split() if not _INITIAL.match(w)]
    return words[-1] if words else name


def trim_span(text: str, start: int, stop: int) -> tuple[int, int]:
    """Give the span cut at its first line break, without surrounding quotes and punctuation;
    a closing bracket or quote whose opening one is inside the span stays (ОАО "Военторг")."""
    line_break = text.find("\n", start, stop)
    if line_break != -1:
        stop = line_break
    bracket = text.rfind("(", start, stop)
    if bracket > start and ")" not in text[bracket:stop]:
        stop = bracket  # "Asian Development Bank (ADB": the abbreviation comes after
    while start < stop and text[start] in _TRIM:
        start += 1
    while stop > start and text[stop - 1] in _TRIM:
        last = text[stop - 1]
        if last == "." and (
            re.search(r"\b\w\.$", text[start:stop]) or _ABBREVIATED_END.search(text[start:stop])
        ):
            break  # keep the dot of a final initial or abbreviation: "Махмудов З.Х.", "AMR Corp."
        if last in _OPENING and _OPENING[last] in text[start : stop - 1]:
            break
        stop -= 1
    return start, stop


def singular(lang: str, word: str) -> str:
    """Give the singular of an English plural by its ending ("ministries" -> "ministry",
    "chambers" -> "chamber"); other words unchanged."""
    for plural, single in lexicon(lang).PLURAL_SUFFIXES:
        if plural and word.endswith(plural):
            return word[: len(word) - len(plural)] + single
    return word


def english_name(text: str) -> str:
    """Give an English name without a leading article or a possessive ending."""
    text = re.sub(rf"^{alternatives(lexicon('en').LEADING_ARTICLES)}\s+", "", text.strip())
    return re.sub(r"(?:'s|’s|'|’)$", "", text).strip()


def is_nationality(annotated: Annotated, word: str) -> bool:
    """Tell a nationality word: a known demonym ("Hungarian", "Tajik"), or a word the NER tags as
    a nationality in the article (spaCy's NORP: "Saudi") and never as a name of another kind."""
    if is_demonym(word):
        return True
    kinds = {s.type for s in annotated.spans if s.text == word}
    if kinds == {"NORP"}:
        place = lookup_place(word)  # spaCy tags a country NORP at times: "of Tajikistan"
        return place is None or place.kind != "country"
    return False


def is_chrome_name(text: str) -> bool:
    """Tell a run of share-button names taken for one name ("VK OK", "insta insta"); a single
    "Facebook" in a sentence is a real organisation (chrome lines are gone after cleaning)."""
    words = re.findall(r"[\w.\-]+", text.lower())
    return len(words) >= 2 and all(w in SOCIAL_NETWORKS for w in words)


def after_place_preposition(lang: str, before: str) -> bool:
    """Tell whether `before` ends with a preposition of place or direction ("traveled to ")."""
    return bool(pattern(lang, "PLACE_PREPOSITIONS", r"(?:^|\s){}\s+$").search(before))


@cache
def _locative(lang: str) -> re.Pattern:
    lex = lexicon(lang)
    prepositions, cities = alternatives(lex.LOCATIVE_PREPOSITIONS), alternatives(lex.CITY_WORDS)
    return re.compile(rf"(?:\b{prepositions}\s+(?:{cities}\s*|{lex.CAPITAL_PHRASE}\s+)?)$", re.IGNORECASE)


def locative_before(lang: str, before: str) -> bool:
    """Tell whether `before` ends with a locative: where a thing happened ("в городе ", "in ",
    "in Turkmenistan's capital ")."""
    return bool(_locative(lang).search(before))


def is_misfiled_place(
    lang: str, text: str, start: int, stop: int, normal: str, *, datelines: bool = True
) -> bool:
    """Tell an organisation span that names a place: a country ("Kazakhstan signed"), or a city in
    a dateline ("ALMATY, 3 March") or after a preposition of place ("traveled to Isfahan").
    A city elsewhere stays an organisation: "Leeds beat Arsenal" names clubs."""
    info = lookup_place(normal)
    if info is None:
        return False
    if info.kind == "country":
        return True
    if info.kind != "city":
        return False
    line_start = text.rfind("\n", 0, start) + 1
    dateline = datelines and not text[line_start:start].strip() and bool(re.match(r"\s*[,(–—-]", text[stop:]))
    return dateline or after_place_preposition(lang, text[max(line_start, start - 12) : start])


def split_abbreviation(normal: str) -> tuple[str, str | None]:
    """Split "Региональный центр (РЭЦЦА)" into the name and the abbreviation in brackets."""
    m = _TRAILING_ABBREVIATION.search(normal)
    if m and m.start() > 0:
        return normal[: m.start()].strip(), m.group(1)
    return normal, None


def abbreviation_after(text: str, stop: int) -> str | None:
    """Give the abbreviation in brackets right after a span: "… развитию (ЮНИДО)"."""
    m = _ABBREVIATION_AFTER.match(text, stop)
    return m.group(1) if m else None


def tokens_in(annotated: Annotated, start: int, stop: int) -> tuple[list[Token], Sequence[Token]]:
    """Give the backend's tokens lying inside [start, stop), and all the tokens of their sentence
    (by bisection, `Sentence.token_slice`; by a scan where the tokens run out of order)."""
    sentence = annotated.sentence_at(start)
    if sentence is None:
        return [], ()
    within = sentence.token_slice(start, stop)
    if within is None:
        return [t for t in sentence.tokens if start <= t.start and t.stop <= stop], sentence.tokens
    return list(sentence.tokens[within]), sentence.tokens


def phrase_in(
    tokens: Sequence[Token], j: int, words: frozenset[str], modifiers: tuple[str, ...] = ("ADJ",)
) -> bool:
    """Tell whether word `j` is one of `words` (lemmas, lower case; its written form too), alone or
    with a modifier before it that hangs on it (one of `modifiers`' parts of speech): the lexicon's
    two-word entries ("генеральный секретарь", "верховный комиссар")."""
    lemma = tokens[j].lemma.lower()
    if lemma in words or tokens[j].text.lower() in words:
        return True
    return any(
        f"{t.lemma.lower()} {lemma}" in words for t in tokens[:j] if t.head == j and t.pos in modifiers
    )


def normaliser(lang: str, kind: str) -> Callable[..., str]:
    """Give the function (surface, start, tokens, sentence) -> normal form for names of `kind`."""
    if lang != "ru":
        return lambda surface, start, tokens, sentence: english_name(surface)
    from ..normalise import normalise_person, normalise_phrase

    return normalise_person if kind == "person" else normalise_phrase


def span_mentions(annotated: Annotated, ner_type: str, kind: str) -> Iterator[Mention]:
    """Yield a mention per NER span of `ner_type`, trimmed, normalised as a name of `kind`."""
    normalise = normaliser(annotated.lang, kind)
    text = annotated.text
    for span in annotated.spans:
        if span.type != ner_type:
            continue
        start, stop = trim_span(text, span.start, span.stop)
        if not re.search(r"[^\W\d_]", text[start:stop]) or is_chrome_name(text[start:stop]):
            continue
        surface = text[start:stop]
        name_stop = span.name_stop if span.name_stop and span.name_stop > stop else stop
        normal = normalise(text[start:name_stop], start, *tokens_in(annotated, start, name_stop))
        yield Mention(kind=kind, start=start, stop=stop, text=surface, normal=normal.strip() or surface)
