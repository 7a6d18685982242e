"""Russian normal forms from natasha's morphology (pymorphy): nominative names that inflect only
what the grammar inflects.

- Organisations and places: the head phrase (the first noun and the words agreeing with it before
  it) goes to the nominative; its dependents stay as written: "Агентством по водным ресурсам
  и мелиорации" -> "Агентство по водным ресурсам и мелиорации".
- People: every name part in one case and gender, chosen jointly over all parts, to the
  nominative: "Нурией Кутнаевой" -> "Нурия Кутнаева", "Ли Йонгом" -> "Ли Йонг".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .article import Token
from .lexicon import alternatives, lexicon
from .nlp.morph import known_word, parses
from .rules import rule

_RU = lexicon("ru")
CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.?$")
_CYRILLIC_WORD = re.compile(r"^[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*$")
_AGREEING = {"ADJ", "DET", "NUM"}  # words before the head noun that agree with it


def restore_case(form: str, like: str) -> str:
    """Give `form` written with the capitals of `like` ("кыргызская" like "Кыргызской" -> "Кыргызская"),
    and with е where `like` writes е for ё."""
    if "ё" not in like.lower():
        form = form.replace("ё", "е")
    if like.isupper() and len(like) > 1:
        return form.upper()
    if like[:1].isupper():
        return (
            "-".join(part[:1].upper() + part[1:] for part in form.split("-"))
            if "-" in like
            else form[:1].upper() + form[1:]
        )
    return form


def _to_nominative(
    word: str, case: str, *, plural: bool | None = None, gender: str | None = None, pos: tuple = ()
) -> str | None:
    """Give the nominative of `word` read in `case` (and number / gender when given), or None."""
    parse = _reading(word, case, plural=plural, gender=gender, pos=pos)
    return parse[1] if parse else None


@lru_cache(maxsize=65536)  # pymorphy's inflection is slow and the same words recur
def _reading(word: str, case: str, *, plural: bool | None, gender: str | None, pos: tuple) -> tuple | None:
    """Give (parse, nominative form) of the first reading of `word` that fits, or None."""
    for parse in parses(word):
        tag = parse.tag
        if tag.case != case or (pos and tag.POS not in pos):
            continue
        if plural is not None and (tag.number == "plur") != plural:
            continue
        if gender and tag.gender and tag.gender != gender:
            continue
        wanted = {"nomn"} | ({"plur"} if tag.number == "plur" else set())
        if case == "accs" and tag.number == "sing":
            wanted.add("sing")
        form = parse.inflect(wanted)
        if form is not None:
            return parse, form.word
    return None


def _replace_words(surface: str, base: int, replacements: dict[tuple[int, int], str]) -> str:
    out, last = [], 0
    for (start, stop), form in sorted(replacements.items()):
        out.append(surface[last : start - base])
        out.append(form)
        last = stop - base
    out.append(surface[last:])
    return "".join(out)


def normalise_phrase(
    surface: str, start: int, tokens: Sequence[Token], sentence: Sequence[Token] = ()
) -> str:
    """Give an organisation or place name with its head phrase in the nominative, dependents kept.

    `tokens` are the backend's tokens inside the span that starts at offset `start`."""
    words = [t for t in tokens if t.pos not in ("PUNCT", "SPACE")]
    head_index = _head_noun(words)
    if head_index is None:
        return surface
    head = words[head_index]
    case = CASES.get(head.feats.get("Case", ""), None)
    if head_index > 0 and indeclinable_before_noun(words[head_index - 1], head):
        # the tagger reads such a pair badly ("Жогорку Кенешем"): the noun's own form tells its case
        own = [p.tag.case for p in parses(head.text) if p.tag.POS == "NOUN" and p.tag.case]
        case = case if case in own else (own[0] if own else case)
    if case in (None, "nomn") or _indeclinable_reading(head.text, case):
        return surface
    plural = head.feats.get("Number") == "Plur"
    replacements = {}
    head_reading = _reading(head.text, case, plural=plural, gender=None, pos=("NOUN",)) or _reading(
        head.text, case, plural=plural, gender=None, pos=()
    )
    gender = None
    if head_reading and _CYRILLIC_WORD.match(head.text):
        replacements[(head.start, head.stop)] = restore_case(head_reading[1], head.text)
        gender = None if plural else head_reading[0].tag.gender
    for token in words[:head_index]:
        if not _CYRILLIC_WORD.match(token.text) or token.pos not in _AGREEING | {"VERB"}:
            continue
        form = _to_nominative(
            token.text, case, plural=plural, gender=gender, pos=("ADJF", "PRTF", "NUMR", "NPRO")
        )
        if form:
            replacements[(token.start, token.stop)] = restore_case(form, token.text)
    # A proper name of two nouns ("Жогорку Кенеша") has its inflected noun after an indeclinable one.
    if head_index + 1 < len(words) and (head.start, head.stop) not in replacements:
        following = words[head_index + 1]
        if following.pos == "PROPN" and following.text[:1].isupper():
            form = _to_nominative(following.text, case, plural=plural, pos=("NOUN",))
            if form:
                replacements[(following.start, following.stop)] = restore_case(form, following.text)
    return _replace_words(surface, start, replacements) if replacements else surface


def _head_noun(words: Sequence[Token]) -> int | None:
    """Give the index of a name's head noun: its first noun (or a word the tagger read as an
    adjective that is a noun), not an indeclinable word before the noun that inflects."""
    after_indeclinable = False
    for i, token in enumerate(words):
        if (
            token.pos in ("NOUN", "PROPN")
            or (token.pos not in ("NOUN", "PROPN") and noun_read_as_adjective(token.text))
            or after_indeclinable
        ):
            after_indeclinable = i + 1 < len(words) and indeclinable_before_noun(token, words[i + 1])
            if not after_indeclinable:
                return i
    return None


@rule("name.noun_read_as_adjective", stage="organisations", langs=("ru",), touches=("ORG", "LOC"), off=False)
def noun_read_as_adjective(word: str) -> bool:
    """A capitalised word the tagger reads as an adjective and the dictionary knows only as a noun
    heads the name: "Аппаратами парламентов" -> "Аппараты парламентов"."""
    if not word[:1].isupper() or not known_word(word):
        return False
    readings = parses(word)
    return bool(readings) and all(p.tag.POS == "NOUN" for p in readings)


@rule(
    "name.indeclinable_before_noun", stage="organisations", langs=("ru",), touches=("ORG", "LOC"), off=False
)
def indeclinable_before_noun(token: Token, after: Token) -> bool:
    """A word the dictionary does not know that ends in a vowel no Russian noun ends with in the
    nominative ("-у", "-и": "Жогорку", "Олий") before a capitalised noun does not inflect; the noun
    after it does: "Жогорку Кенешем" -> "Жогорку Кенеш" (not "Жогорк Кенешем")."""
    return (
        not known_word(token.text)
        and token.text[-1:].lower() in _RU.INDECLINABLE_ENDINGS
        and token.text.lower() not in _RU.POSITIONS
        and after.pos in ("PROPN", "NOUN", "ADJ")
        and after.text[:1].isupper()
    )


@rule("name.indeclinable_head", stage="organisations", langs=("ru",), touches=("ORG", "LOC"), off=False)
def _indeclinable_reading(word: str, case: str) -> bool:
    """An abbreviated name the dictionary reads as indeclinable keeps its form: "Минприроды"
    (not "Минприрода")."""
    return any(p.tag.case == case and {"Fixd", "Orgn"} <= p.tag.grammemes for p in parses(word))


@rule("name.indeclinable_surname", stage="people", langs=("ru",), touches=("PER",), off=False)
def indeclinable_surname(word: str) -> bool:
    """A surname with an ending that never inflects keeps its form in every case: "Назарзода",
    "Шарифзаде", "Шевченко", "Седых"."""
    return len(word) > 4 and word.lower().endswith(tuple(_RU.INDECLINABLE_SURNAME_ENDINGS))


_NAME_GRAMMEMES = {"Name", "Surn", "Patr"}


def _fits_person(tag, case: str, gender: str) -> bool:
    """Tell a reading of a name part in `case` for a person of `gender`: first names, surnames and
    patronymics agree in gender; a surname that is a common noun ("Соботка") need not."""
    if tag.case != case or tag.number == "plur":
        return False
    agrees = not tag.gender or tag.gender == gender or "Ms-f" in tag.grammemes
    return agrees or not (_NAME_GRAMMEMES & tag.grammemes or tag.POS == "ADJF")


def _person_score(word: str, case: str, gender: str) -> float:
    """Score how well `word` reads as a name part in `case` and `gender`; a word that cannot be
    read so costs more when the dictionary knows it than when its readings are guesses."""
    if indeclinable_surname(word):
        return 1.2
    best = 1.2 if surname_nominative(word, case, gender) else 0.0
    for parse in parses(word):
        if _fits_person(parse.tag, case, gender):
            bonus = 1.0 if _NAME_GRAMMEMES & parse.tag.grammemes else 0.5
            best = max(best, parse.score + bonus)
    if best == 0.0:
        return -1.0 if known_word(word) else -0.3
    return best


def _person_nominative(word: str, case: str, gender: str) -> str | None:
    if indeclinable_surname(word):
        return word
    for parse in parses(word):
        if _fits_person(parse.tag, case, gender) and parse.tag.POS == "NOUN":
            form = parse.inflect({"nomn", "sing"})
            if form is not None:
                return form.word
    return None


def foreign_masc_nominative(word: str, case: str) -> str | None:
    """Give the nominative of an unknown man's name ending in a consonant, read in `case`."""
    for ending in _RU.FOREIGN_MASCULINE_ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if word.lower().endswith(ending) and len(stem) > 2 and stem[-1].lower() not in _RU.VOWELS:
            return stem
    return None


def _syntax_hints(tokens: Sequence[Token], sentence: Sequence[Token]) -> tuple[str | None, str | None]:
    """Give (case, gender) the sentence implies for a name: a subject, or a name in apposition to a
    subject ("Депутат Надира Нарматова отметила"), is nominative, and a verb in the past agrees in
    gender with it."""
    inside = {id(t) for t in tokens}
    for token in tokens:
        node, steps, title = token, 0, None
        while node.rel in ("appos", "flat", "flat:name") and 0 <= node.head < len(sentence) and steps < 3:
            if node.rel == "appos" and id(sentence[node.head]) not in inside:
                title = sentence[node.head]
            node, steps = sentence[node.head], steps + 1
        if (
            node.rel.startswith("nsubj")
            and 0 <= node.head < len(sentence)
            and id(sentence[node.head]) not in inside
        ):
            verb = sentence[node.head]
            gender = {"Fem": "femn", "Masc": "masc"}.get(verb.feats.get("Gender", ""))
            return "nomn", gender
        if title is not None and title.lemma.lower() in _RU.POSITIONS and title.feats.get("Case") in CASES:
            # a name in apposition to a position agrees with it in case: "председателя А.Жапарова"
            return CASES[title.feats["Case"]], None
    return None, None


@rule("name.position_case", stage="people", langs=("ru",), touches=("PER",), off=None)
def position_case(tokens: Sequence[Token], sentence: Sequence[Token]) -> str | None:
    """A name after the position it holds agrees with the position word in case, across the
    position's complement: "председателя Комитета по бюджету Б.Осмонова" is in the genitive, as
    "председателя" is, whatever the tagger says of the name's parts."""
    if not tokens or not sentence:
        return None
    first = next((i for i, t in enumerate(sentence) if t is tokens[0]), None)
    if first is None:
        return None
    for token in reversed(sentence[max(0, first - 10) : first]):
        if token.pos not in ("NOUN", "PROPN", "ADJ"):
            return None
        if token.lemma.lower() in _RU.POSITIONS and token.feats.get("Case") in CASES:
            return CASES[token.feats["Case"]]
    return None


def normalise_person(
    surface: str, start: int, tokens: Sequence[Token], sentence: Sequence[Token] = ()
) -> str:
    """Give a person's name with every part in the nominative, in one case and gender."""
    words = [t for t in tokens if _CYRILLIC_WORD.match(t.text) and not _INITIAL.match(t.text)]
    if not words:
        return surface
    hinted_case, hinted_gender = _syntax_hints(tokens, sentence)
    if hinted_case == "nomn" and hinted_gender:
        if any(_person_score(w.text, "nomn", hinted_gender) > 0 for w in words):
            return surface  # the subject of a verb that agrees with it: already in the nominative
        hinted_case = hinted_gender = None  # "Алексеем Роговым" is no subject, whatever the parse
    hinted_case = hinted_case or position_case(tokens, sentence)
    tagged_case = hinted_case or CASES.get(words[-1].feats.get("Case", ""), "nomn")
    best, best_score = ("nomn", "masc"), -1.0
    for case in ("nomn", "gent", "datv", "accs", "ablt", "loct"):
        for gender in ("masc", "femn"):
            score = sum(_person_score(w.text, case, gender) for w in words)
            score += (0.6 if hinted_case else 0.3) if case == tagged_case else 0.0
            score += 0.6 if gender == hinted_gender else 0.0
            score += 0.05 if case == "nomn" else 0.0  # a tie keeps the text as written
            if score > best_score:
                best, best_score = (case, gender), score
    case, gender = best
    if case == "nomn":
        return surface
    replacements = {}
    for word in words:
        form = surname_nominative(word.text, case, gender) or _person_nominative(word.text, case, gender)
        if form is None and gender == "masc" and not known_word(word.text):
            form = foreign_masc_nominative(word.text, case)
        if form:
            replacements[(word.start, word.stop)] = restore_case(form, word.text)
    return _replace_words(surface, start, replacements)


def surname_nominative(word: str, case: str, gender: str) -> str | None:
    """Give the nominative of a surname in -ов/-ев/-ёв/-ин/-ын in `case` and `gender`, or None."""
    ending = _RU.SURNAME_CASE_ENDINGS.get((gender, case))
    if ending is None:
        return None
    m = re.match(rf"^(.+{alternatives(_RU.SURNAME_SUFFIXES)}){ending}$", word, re.IGNORECASE)
    if not m:
        return None
    return m.group(1) + ("а" if gender == "femn" else "")
