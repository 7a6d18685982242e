"""People's roles: the position written next to a name, in the nominative.

"заместитель директора Агентства по гидрометеорологии МЧС КР А.Осмонов" ->
"заместитель директора Агентства по гидрометеорологии МЧС КР"; "Armenian Deputy Energy Minister
Karen Sargsyan" -> "Armenian Deputy Energy Minister"; "Lola Rakhimova, Programme Officer of
the ADB," -> "Programme Officer of the ADB". The phrase runs from the position word (and the words
that qualify it) up to the name, or after the name and a comma up to the next comma.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..article import Annotated, Mention, Sentence, Token
from ..lexicon import lexicon
from ..rules import Computed, rule
from .documents.syntax import Tree

# Words that may stand inside a position phrase between the position word and the name.
_PHRASE_POS = {"NOUN", "PROPN", "ADJ", "ADP", "DET", "CCONJ", "NUM", "PART", "X"}
_MAX_TOKENS = 20


def _is_position(token: Token, positions: frozenset[str]) -> bool:
    return (token.lemma.lower() in positions or token.text.lower() in positions) and not _verb(token)


@rule("person.position_not_verb", stage="people", touches=("PER",), off=False)
def _verb(token: Token) -> bool:
    """A verb is no position word, though its lemma is one: "a delegation headed by the Deputy
    Prime Minister" holds no "head"."""
    return token.pos in ("VERB", "AUX")


def _allowed(token: Token) -> bool:
    return (
        token.pos in _PHRASE_POS
        or token.text in {"«", "»", '"', "'s", "’s", "-", "–"}
        or (
            token.pos == "VERB"
            and token.feats.get("VerbForm") == "Part"
            and token.feats.get("Tense") == "Past"
            and token.text[:1].islower()
        )
    )  # a past participle inside the phrase: "state-owned"


def _inner_comma(sentence: Sequence[Token], i: int, first: int = 0) -> bool:
    """Tell a comma inside a name the position governs: "по международным делам, обороне и миграции",
    "Minister of Trade, Industry and Tourism Nodir Alimov" (a list closed by a conjunction before
    the name `first`)."""
    if sentence[i].text != "," or i + 1 >= len(sentence):
        return False
    return sentence[i + 1].text[:1].islower() or _capitalised_listing(sentence, i, first)


@rule("person.capitalised_listing", stage="people", touches=("PER",), off=False)
def _capitalised_listing(sentence: Sequence[Token], i: int, first: int) -> bool:
    """A comma before a capitalised word is inside a position's list of portfolios when a
    conjunction closes the list before the name: "Minister of Trade, Industry and Tourism"."""
    following = [t for t in sentence[i + 1 : first] if t.text != ","]
    return (
        bool(following) and following[0].text[:1].isupper() and any(t.pos == "CCONJ" for t in following[1:])
    )


def _left_role(
    sentence: Sequence[Token], first: int, positions: frozenset[str], others: Sequence[tuple[int, int]] = ()
) -> tuple[int, int] | None:
    """Give (index of the first token, index after the last) of a position phrase ending right
    before token `first`, or None; the phrase stops at another person's name (`others`: their
    offsets), whose role is not this one's."""
    leftmost_position = None
    i = _before_parenthesis(sentence, first - 1)
    while (
        i >= 0
        and first - i <= _MAX_TOKENS
        and (_allowed(sentence[i]) or (_inner_comma(sentence, i, first) and leftmost_position is None))
        and not any(a <= sentence[i].start < b for a, b in others)
    ):
        if _is_position(sentence[i], positions):
            leftmost_position = i
        elif leftmost_position == i + 1 and _governs_position(sentence[i]):
            break
        i -= 1
        i = _before_parenthesis(sentence, i)
    if leftmost_position is None:
        return None
    start = leftmost_position
    while (
        start - 1 >= 0
        and sentence[start - 1].pos in ("ADJ", "PROPN")
        and sentence[start - 1].text[:1].isalpha()
    ):
        start -= 1  # "Исполнительный директор", "Iranian Foreign Minister"
    while sentence[first - 1].pos in ("ADP", "CCONJ", "DET") and first - 1 > start:
        first -= 1
    if _closed_before(sentence, first):
        return None
    return start, first


@rule("person.closed_apposition", stage="people", touches=("PER",), off=False)
def _closed_before(sentence: Sequence[Token], first: int) -> bool:
    """A position phrase closed by a comma and a conjunction before the name is another person's
    apposition: "Farid Karimi, the deputy head of the port for cargo and logistics, and Timur
    Bekov" gives Bekov none of it."""
    return first > 0 and sentence[first - 1].text == ","


@rule("person.governed_position", stage="people", touches=("PER",), off=False)
def _governs_position(token: Token) -> bool:
    """A preposition that governs the position word opens the role, and what stands before it is
    another phrase: "делегация во главе с министром энергетики Айбеком Осмоновым" gives "министр
    энергетики" (natasha's "case" relation: the preposition hangs on its noun)."""
    return token.pos == "ADP" and token.rel == "case"


@rule("person.parenthesis_in_role", stage="people", touches=("PER",), off=Computed(lambda s, i: i))
def _before_parenthesis(sentence: Sequence[Token], i: int) -> int:
    """A short parenthesis inside a position phrase belongs to it: "Head of the Caspian Railways
    (known as CRW) Farid Nouri"; give the index before it (`i` itself where none closes there)."""
    if i < 0 or sentence[i].text != ")":
        return i
    for j in range(i - 1, max(-1, i - 7), -1):
        if sentence[j].text == "(":
            return j - 1
        if sentence[j].text in (")", ","):
            break
    return i


def _right_role(sentence: Sequence[Token], after: int, positions: frozenset[str]) -> tuple[int, int] | None:
    """Give the span of an appositive position after the name: "X, Executive Director of CAREC,"."""
    if after >= len(sentence) or sentence[after].text != ",":
        return None
    i = after + 1
    while (
        i < len(sentence)
        and sentence[i].pos in ("ADJ", "PROPN", "DET")
        and not _is_position(sentence[i], positions)
    ):
        i += 1
    if i >= len(sentence) or not _is_position(sentence[i], positions):
        return None
    stop = i
    while stop < len(sentence) and stop - after <= _MAX_TOKENS and _allowed(sentence[stop]):
        stop += 1
    return after + 1, stop


@rule("person.role_before_comma", stage="people", touches=("PER",), off=None)
def _role_before_comma(
    annotated: Annotated,
    tokens: Sequence[Token],
    first: int,
    positions: frozenset[str],
    others: Sequence[tuple[int, int]],
) -> tuple[int, int] | None:
    """A position phrase set off by a comma right before the name is the person's: "The Kyrgyz
    deputy energy minister, Aibek Osmonov, said"; in Russian the position agrees with the name in
    case ("министру энергетики, Айбеку Осмонову")."""
    if first < 2 or tokens[first - 1].text != ",":
        return None
    found = _left_role(tokens, first - 1, positions, others)
    if found is None:
        return None
    if annotated.lang == "ru":
        head = next((t for t in tokens[found[0] : found[1]] if _is_position(t, positions)), None)
        case, name_case = (head.feats.get("Case") if head else None), tokens[first].feats.get("Case")
        if case is None or name_case is None or case != name_case:
            return None
    return found


def _skippable_before_position(token: Token, lang: str) -> bool:
    """Tell a word that may stand between an appositive comma and its position word: an article,
    an adjective, a name and its possessive ending ("Kyrgyzstan's"), a participle ("acting")."""
    return (
        token.pos in ("ADJ", "PROPN", "DET")
        or (token.pos == "PART" and token.text.lower() in lexicon(lang).POSSESSIVE_ENDINGS)
        or token.text.lower() in lexicon(lang).POSITION_MODIFIERS  # "vice minister"
        or (
            token.pos == "VERB"
            and token.feats.get("VerbForm") in ("Part", "Ger")
            and token.text[:1].islower()
        )
    )


@rule("person.appositive_role", stage="people", touches=("PER",), off=None)
def _appositive_role(
    sentence: Sequence[Token], after: int, positions: frozenset[str], lang: str
) -> tuple[int, int] | None:
    """An appositive position after the name that opens with a country's possessive, an article or
    a participle: "Aibek Osmonov, Kyrgyzstan's Deputy Energy Minister,"; "Aibek Osmonov, the
    managing director of the Osh Grain Company," (the role without the article)."""
    if after >= len(sentence) or sentence[after].text != ",":
        return None
    i = after + 1
    while i < len(sentence) and i - after <= _MAX_TOKENS and _skippable_before_position(sentence[i], lang):
        if _is_position(sentence[i], positions):
            break
        i += 1
    if i >= len(sentence) or not _is_position(sentence[i], positions):
        return None
    start = after + 1
    while start < i and sentence[start].pos == "DET":
        start += 1
    stop = i
    while stop < len(sentence) and stop - after <= _MAX_TOKENS and _allowed(sentence[stop]):
        stop += 1
    return start, stop


def _nominative_head(text: str, start: int, tokens: Sequence[Token], lang: str) -> str:
    """Give the role with its head noun (and what agrees with it before) in the nominative, lower-cased
    as a common noun phrase."""
    if lang != "ru":
        return text
    from ..normalise import normalise_phrase

    text = normalise_phrase(text, start, tokens)
    return text if re.match(r"^[A-ZА-ЯЁ]{2,}", text) else text[:1].lower() + text[1:]


@rule("person.role", stage="people", touches=("PER",), off=None)
def find_role(annotated: Annotated, person: Mention) -> str | None:
    """Give the position written next to a person's mention, or None."""
    sentence = annotated.sentence_at(person.start)
    if sentence is None:
        return None
    tokens = _sentence_tokens(annotated, sentence)
    first = next((i for i, t in enumerate(tokens) if t.start >= person.start), None)
    after = next((i for i, t in enumerate(tokens) if t.start >= person.stop), len(tokens))
    if first is None:
        return None
    positions = lexicon(annotated.lang).POSITIONS
    others = _other_people(annotated, person, tokens[0].start, tokens[-1].stop)
    found = (
        _left_role(tokens, first, positions, others)
        or _right_role(tokens, after, positions)
        or _role_before_comma(annotated, tokens, first, positions, others)
        or _appositive_role(tokens, after, positions, annotated.lang)
    )
    if found is None:
        return (
            _coordinated_role(annotated, person, tokens, first, others)
            or _counterpart_role(annotated, person, tokens, first, others)
            or _heading_clause(annotated, tokens, after)
        )
    lo, hi = _role_ends(tokens, *found, annotated.lang)
    pronominal = _pronominal(tokens[lo:hi], annotated.lang)
    while lo < hi and tokens[lo] in pronominal:
        lo += 1
    if hi <= lo:
        return None
    start, stop = tokens[lo].start, tokens[hi - 1].stop
    role = _nominative_head(annotated.text[start:stop], start, tokens[lo:hi], annotated.lang)
    if pronominal:
        dropped = {t.text for t in pronominal}
        role = " ".join(w for w in role.split() if w not in dropped)
    return _singular_position(re.sub(r"\s+", " ", role).strip(" ,"), tokens[lo:hi], annotated.lang)


@rule(
    "person.role_ends", stage="people", touches=("PER",), off=Computed(lambda tokens, lo, hi, lang: (lo, hi))
)
def _role_ends(tokens: Sequence[Token], lo: int, hi: int, lang: str) -> tuple[int, int]:
    """A dateline before a role and an honorific after it are no part of it: "TASHKENT – Uzbek
    President" is "Uzbek President", "Leader of the Revolution Ayatollah" "Leader of the
    Revolution" (a title that is no position word)."""
    lex = lexicon(lang)
    for k in range(lo, min(lo + 3, hi - 1)):
        word = tokens[k].text
        bare = word.rstrip("-–—")
        if bare != word and bare.isupper() and len(bare) > 1:  # "TEHRAN-"
            lo = k + 1
            break
        if word in ("-", "–", "—") and k > lo and all(t.text.isupper() for t in tokens[lo:k]):
            lo = k + 1
            break
    while hi - 1 > lo and tokens[hi - 1].text.lower().strip(".") in lex.TITLES - lex.POSITIONS:
        hi -= 1
    return lo, hi


@rule("person.pronominal_in_role", stage="people", touches=("PER",), off=Computed(lambda tokens, lang: []))
def _pronominal(tokens: Sequence[Token], lang: str) -> list[Token]:
    """Demonstrative and possessive words are no part of a role: "глава этого фонда" is "глава
    фонда", "директор нашего агентства" "директор агентства", "its chairman" "chairman"
    (pymorphy's pronominal adjectives; spaCy's demonstratives and possessives)."""
    if lang == "ru":
        from ..nlp.morph import parses

        def pronominal(token: Token) -> bool:
            found = parses(token.text.lower())
            return token.text[:1].islower() and any(p.tag.POS == "ADJF" and "Apro" in p.tag for p in found)

    else:

        def pronominal(token: Token) -> bool:
            return token.pos in ("DET", "PRON") and (
                token.feats.get("PronType") == "Dem" or token.feats.get("Poss") == "Yes"
            )

    return [t for t in tokens if pronominal(t)]


@rule("person.split_sentence", stage="people", touches=("PER",), off=Computed(lambda annotated, s: s.tokens))
def _sentence_tokens(annotated: Annotated, sentence: Sentence) -> Sequence[Token]:
    """A sentence the parser began inside a line, after a word or a closing bracket (no closing
    punctuation), goes on the one before: "… a deal with the chief of the Road Fund | Merdan Orazov
    in May." gives one sentence, and the role before the name is read."""
    tokens: Sequence[Token] = sentence.tokens
    index = annotated.sentence_index(sentence.start)
    if index is None:  # a sentence without characters
        index = annotated.sentences.index(sentence)
    while index > 0:
        before = annotated.sentences[index - 1]
        gap = annotated.text[before.stop : sentence.start]
        words = annotated.text[before.start : before.stop].rstrip()
        if "\n" in gap or not words or not (words[-1].isalnum() or unicodedata.category(words[-1]) == "Pe"):
            break
        tokens = (*before.tokens, *tokens)
        sentence, index = before, index - 1
    return tokens


def _other_people(annotated: Annotated, person: Mention, start: int, stop: int) -> list[tuple[int, int]]:
    """Give the offsets of the other people's names in the sentence."""
    return [
        (s.start, s.stop)
        for s in annotated.spans
        if s.type == "PER" and start <= s.start < stop and not (s.start <= person.start < s.stop)
    ]


@rule("person.coordinated_role", stage="people", touches=("PER",), off=None)
def _coordinated_role(
    annotated: Annotated,
    person: Mention,
    tokens: Sequence[Token],
    first: int,
    others: Sequence[tuple[int, int]],
) -> str | None:
    """A person named right after another, joined by "и", "and" or a comma, shares the role
    written before the first: "депутаты Айгуль Сейтова и Марат Усенов" (both "депутат")."""
    before = [t for t in tokens[:first] if t.stop <= person.start]
    if not before or before[-1].text not in {",", *lexicon(annotated.lang).AND}:
        return None
    joint = before[-1].start
    previous = next((a for a, b in others if b <= joint and not annotated.text[b:joint].strip(" ,")), None)
    if previous is None:
        return None
    other = Mention("person", previous, next(b for a, b in others if a == previous), "", "")
    return find_role(annotated, other)


@rule("person.heading_clause", stage="people", touches=("PER",), off=None)
def _heading_clause(annotated: Annotated, tokens: Sequence[Token], after: int) -> str | None:
    """A clause of heading a body after the name gives the head's role: "Olga Reyes, who heads
    the Pacific Water Board," -> "head of the Pacific Water Board"; "Алексей Смирнов, возглавляющий
    Агентство по водным ресурсам," -> "глава Агентства по водным ресурсам"."""
    verbs = lexicon(annotated.lang).HEADING_VERBS
    i = after
    if i >= len(tokens) or tokens[i].text != ",":
        return None
    i += 1
    if i < len(tokens) and tokens[i].pos == "PRON":  # "who", "который"
        i += 1
    if i >= len(tokens) or tokens[i].lemma.lower() not in verbs or tokens[i].pos != "VERB":
        return None
    noun, body = verbs[tokens[i].lemma.lower()], []
    for token in tokens[i + 1 : i + 1 + _MAX_TOKENS]:
        if token.pos in ("PUNCT", "VERB", "AUX", "SCONJ", "PRON") and token.text not in ("«", "»", '"'):
            break
        body.append(token)
    if not body or not any(t.text[:1].isupper() for t in body):
        return None  # "who leads talks" names no body
    if annotated.lang != "ru":
        return f"{noun} of {annotated.text[body[0].start : body[-1].stop]}"
    return f"{noun} {_genitive(annotated, body)}"


def _genitive(annotated: Annotated, body: Sequence[Token]) -> str:
    """Give a Russian body's name with its head noun, and the adjectives before it, in the genitive
    ("Агентство по водным ресурсам" -> "Агентства по водным ресурсам")."""
    from ..nlp.morph import parses

    words, head_seen = [], False
    for k, token in enumerate(body):
        word = token.text
        if not head_seen and token.pos in ("ADJ", "NOUN", "PROPN"):
            found = parses(word)
            if found:
                inflected = found[0].inflect({"gent"})
                if inflected is not None:
                    new = inflected.word
                    word = new[:1].upper() + new[1:] if token.text[:1].isupper() else new
            head_seen = token.pos in ("NOUN", "PROPN")
        words.append(word)
        if k + 1 < len(body) and body[k + 1].start > token.stop:
            words.append(" ")
    return "".join(words)


@rule("person.singular_role", stage="people", touches=("PER",), off=Computed(lambda role, tokens, lang: role))
def _singular_position(role: str, tokens: Sequence[Token], lang: str) -> str:
    """A position written in the plural before several names is each one's in the singular:
    "депутаты Жогорку Кенеша" -> "депутат Жогорку Кенеша"."""
    if lang != "ru":
        return role
    from ..nlp.morph import parses

    positions = lexicon(lang).POSITIONS
    for token in tokens:
        if token.lemma.lower() in positions and token.feats.get("Number") == "Plur":
            word = role.split()[0] if role.split() else ""
            for parse in parses(word):
                if parse.tag.number == "plur" and parse.tag.case == "nomn":
                    single = parse.inflect({"sing", "nomn"})
                    if single is not None:
                        return single.word + role[len(word) :]
            break
    return role


@rule("person.counterpart_role", stage="people", touches=("PER",), off=None)
def _counterpart_role(
    annotated: Annotated,
    person: Mention,
    tokens: Sequence[Token],
    first: int,
    others: Sequence[tuple[int, int]],
) -> str | None:
    """A person written as another's counterpart (the last person named before) holds the same post,
    without the other's country:
    "the Kazakh Energy Minister met his Mongolian counterpart Batbayar Dorj" gives "Energy Minister"
    (the other's role where the article gives it, by surname)."""
    counterparts = lexicon(annotated.lang).COUNTERPARTS
    before = [t for t in tokens[:first] if t.stop <= person.start]
    while before and before[-1].text in {",", ":"}:
        before = before[:-1]
    if not before or before[-1].lemma.lower() not in counterparts:
        return None
    # the other is the last person named before "counterpart" in the sentence, else the one named
    # after it there, else the last one named before the sentence
    previous = (
        [a for a, b in others if b <= before[-1].start]
        or _named_after(annotated, person, others)
        or [s.start for s in annotated.spans if s.type == "PER" and s.stop <= tokens[0].start]
    )
    if not previous:
        return None
    start = previous[-1]
    surname = next(s.text.split()[-1] for s in annotated.spans if s.type == "PER" and s.start == start)
    for span in annotated.spans:
        if (
            span.type != "PER"
            or (span.start >= person.start and span.start != start)
            or span.text.split()[-1] != surname
        ):
            continue
        role = find_role(annotated, Mention("person", span.start, span.stop, span.text, span.text))
        post = _without_country(annotated, role) if role else None
        if post:
            return post
    return None


@rule("person.counterpart_after", stage="people", touches=("PER",), off=Computed(lambda *a: []))
def _named_after(annotated: Annotated, person: Mention, others: Sequence[tuple[int, int]]) -> list[int]:
    """A counterpart named before the other in a sentence is the counterpart of the next person
    named after it, not joined to it by "and" alone: "In talks with his Kyrgyz counterpart Adilet
    Sultanov, Iran's Foreign Minister Reza Kamali said" (Sultanov: "Foreign Minister")."""
    conjunctions = lexicon(annotated.lang).AND
    after = annotated.text[person.stop : person.stop + 40].split()
    if after and after[0].lower() in conjunctions:
        return []  # "his counterpart X and President Y": Y is another party
    return [a for a, _ in sorted(others) if a >= person.stop][:1]


def _without_country(annotated: Annotated, role: str) -> str | None:
    """Give a role without the country or nationality words at its ends ("Iranian Foreign
    Minister", "Iran's foreign minister", "министр иностранных дел Ирана" -> the post), or None
    when nothing of a position is left."""
    from ..gazetteer import lookup_place
    from .common import is_nationality

    def national(word: str) -> bool:
        bare = re.sub(r"(?:'s|’s)$", "", word)
        place = lookup_place(bare)
        return is_nationality(annotated, bare) or (place is not None and place.kind == "country")

    articles = set(lexicon(annotated.lang).LEADING_ARTICLES)
    words = role.split()
    while words and (words[0] in articles or national(words[0])):
        words = words[1:]
    prepositions = lexicon(annotated.lang).TITLE_PREPOSITIONS
    while len(words) > 1 and (national(words[-1]) or words[-1].lower() in prepositions):
        words = words[:-1]  # "President of Uzbekistan" -> "President"
    positions = lexicon(annotated.lang).POSITIONS
    if not any(w.lower() in positions for w in words):
        return None
    return " ".join(words)


def _subject_position(annotated: Annotated, sentence: Sentence) -> str | None:
    """Give the position phrase that is the subject of a sentence and names no one ("The Iranian
    minister added", "Министр подчеркнул"), or None."""
    tokens = sentence.tokens
    positions = lexicon(annotated.lang).POSITIONS
    articles = {a.lower() for a in lexicon(annotated.lang).LEADING_ARTICLES}
    for i, token in enumerate(tokens):
        if (
            not token.rel.startswith("nsubj")
            or not _is_position(token, positions)
            or token.feats.get("Number") == "Plur"
        ):
            continue
        under = sorted(Tree(sentence, annotated.lang).subtree(i))
        # the phrase up to the position word and its complement, without clauses or commas
        words: list[Token] = []
        for j in under:
            t = tokens[j]
            if t.pos in ("VERB", "AUX", "PUNCT", "PRON", "SCONJ") or (j > under[0] and j - 1 not in under):
                break
            words.append(t)
        if articles and not (words and words[0].text.lower() in articles):
            return None  # English: a definite phrase only ("a minister said" names no one known)
        while words and (words[0].text.lower() in articles or words[0].pos == "DET"):
            words = words[1:]
        if not words or not any(_is_position(t, positions) for t in words):
            return None
        text = annotated.text[words[0].start : words[-1].stop]
        return _nominative_head(text, words[0].start, words, annotated.lang)
    return None


def _is_subject(sentence: Sentence, person: Mention) -> bool:
    """Tell whether a word of the person's name is the subject of the sentence."""
    return any(t.rel.startswith("nsubj") for t in sentence.tokens if person.start <= t.start < person.stop)


@rule("person.anaphoric_role", stage="people", touches=("PER",), off=None)
def anaphoric_role(annotated: Annotated, person: Mention) -> str | None:
    """A person named alone in a sentence holds the position that is the subject of one of the
    next two sentences, when no one else is named in between: "Aibek Osmonov visited the dam.
    The Kyrgyz energy minister said …" gives "Kyrgyz energy minister"; "Министр энергетики
    Айбек Осмонов … . Глава ведомства отметил …" is read by the role beside the name first."""
    index = annotated.sentence_index(person.start)
    if index is None:
        return None
    sentence = annotated.sentences[index]
    people = [s for s in annotated.spans if s.type == "PER"]
    if any(
        sentence.start <= s.start < sentence.stop and not (s.start <= person.start < s.stop) for s in people
    ):
        return None
    if not _is_subject(sentence, person):
        return None
    for following in annotated.sentences[index + 1 : index + 3]:
        if any(following.start <= s.start < following.stop for s in people):
            return None
        role = _subject_position(annotated, following)
        if role:
            return role
    return None
