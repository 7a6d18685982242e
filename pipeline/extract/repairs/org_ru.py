"""Organisation span repairs, by the syntax tree: names NER cuts short, splits apart or misses.

- A body of a known international organisation named with the parent's abbreviation is one name:
  "Управления" + "ООН" -> "Управления ООН", "Парламентской Ассамблеей" + "ОБСЕ", "МПА" + "СНГ";
  when NER tagged only the parent, the institution phrase that governs it joins it ("Программы
  развития" + "ООН").
- A coordinated part of the name's complement joins it: "Союза обществ Зелёного
  Полумесяца" + "и Голубого Креста" (the second part hangs on "Полумесяца", not on "Союза": a
  second body would hang on the head).
- The complement an institution name governs, which NER cut off, joins it: a "по" phrase with its
  list ("Комиссия" + "по энергетике, транспорту и связи"), the rest of a list in the name
  ("Министерстве здравоохранения" + ", труда и социальной защиты"), and the seat of an office
  ("Региональное бюро ВОЗ" + "в Копенгагене").
- An institution that governs the place after it is that place's body: "Правительством" +
  "Санкт-Петербурга" is named "Правительство Санкт-Петербурга". The mention keeps the
  institution's own words (as the annotated corpora do: "Службы безопасности" + "Украины") and
  the place stays a place; the name runs on over the place (`NerSpan.name_stop`).
- A quoted name NER closed before its closing quote gets it: "ОАО «Чакан ГЭС" + "»".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ...article import Annotated, NerSpan, Token
from ...gazetteer import lookup_organisation
from ...lexicon import lexicon
from ...rules import rule
from ..common import english_name, phrase_in, tokens_in

# Kinds of the organisation gazetteer that have sub-bodies named with their abbreviation.
INTERNATIONAL_KINDS = {"un", "regional", "finance", "development", "intergovernmental"}
RU = lexicon("ru")  # these repairs serve Russian names, English ones only `_extend_to_known`
_MAX_EXTENSION = 16  # tokens
_QUOTES = {"«": "»", "„": "“", "“": "”"}
_PUNCTUATION = re.compile(r"[,.;:()!?]")
_WORD = re.compile(r"[^\s,.;:()«»\"]+")


def _sentence(annotated: Annotated, span: NerSpan) -> tuple[list[Token], Sequence[Token], list[int]]:
    """Give the span's tokens, its sentence's tokens and the indices of the former in the latter."""
    inside, sentence = tokens_in(annotated, span.start, span.stop)
    if not inside:
        return [], sentence, []
    # the slice's start is the first token's index; `index` compares tokens field by field
    within = annotated.sentence_at(span.start).token_slice(span.start, span.stop)
    first = within.start if within is not None else sentence.index(inside[0])
    return inside, sentence, list(range(first, first + len(inside)))


def _ancestors(sentence: Sequence[Token], i: int) -> list[int]:
    chain, seen = [], {i}
    while 0 <= (i := sentence[i].head) < len(sentence) and i not in seen:
        chain.append(i)
        seen.add(i)
    return chain


def _root(sentence: Sequence[Token], indices: list[int]) -> int | None:
    """Give the index of the span token whose head lies outside the span."""
    members = set(indices)
    return next((i for i in indices if sentence[i].head not in members), None)


def _lemma(token: Token) -> str:
    return token.lemma.lower()


def _known_international(text: str) -> bool:
    info = lookup_organisation(text)
    return info is not None and info.kind in INTERNATIONAL_KINDS


def _span(annotated: Annotated, start: int, stop: int) -> NerSpan:
    return NerSpan.of(annotated.text, start, stop, "ORG")


def _hangs_on(annotated: Annotated, dependent: NerSpan, governor: NerSpan) -> bool:
    """Tell whether the root of `dependent` depends (through its head chain) on a token of `governor`."""
    if annotated.sentence_at(dependent.start) is not annotated.sentence_at(governor.start):
        return False  # indices of two sentences are not comparable
    _, sentence, inner = _sentence(annotated, dependent)
    _, _, outer = _sentence(annotated, governor)
    root = _root(sentence, inner)
    return root is not None and bool(set(_ancestors(sentence, root)) & set(outer))


@rule("org.parent_body", stage="spans", langs=("ru",), touches=("ORG",))
def join_parent(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """Join an organisation span and the known international organisation that follows it and
    that it governs ("Управления" + "ООН"); right to left, so "Постоянной комиссии" + "МПА" +
    "СНГ" becomes one name."""
    text = annotated.text
    out = list(spans)
    i = len(out) - 2
    while i >= 0:
        a, b = out[i], out[i + 1]
        if (
            a.type == "ORG"
            and b.type == "ORG"
            and text[a.stop : b.start] in (" ", *(f" {c} " for c in RU.AND))
            and (
                lookup_organisation(text[a.start : b.stop]) is not None
                or (
                    text[a.stop : b.start] == " "
                    and _known_international(b.text)
                    and _hangs_on(annotated, b, a)
                )
            )
        ):
            out[i : i + 2] = [_span(annotated, a.start, b.stop)]
        i -= 1
    return out


def _governing_phrase(annotated: Annotated, span: NerSpan) -> int | None:
    """Give the start of the institution phrase right before a known international organisation
    that governs it ("Программы развития" of "Программы развития ООН"), or None."""
    inside, sentence, indices = _sentence(annotated, span)
    root = _root(sentence, indices)
    if root is None or not indices or indices[0] == 0:
        return None
    chain = [i for i in _ancestors(sentence, root) if i < indices[0]]
    for head in chain:
        between = sentence[head + 1 : indices[0]]
        if (
            sentence[head].text[:1].isupper()
            and _lemma(sentence[head]) in RU.HEAD_WORDS
            and all(t.text[:1].islower() and t.pos in ("NOUN", "ADJ") for t in between)
            and all(head in _ancestors(sentence, head + 1 + k) for k in range(len(between)))
        ):
            return sentence[head].start
    return None


def _known_before(annotated: Annotated, span: NerSpan, floor: int) -> int | None:
    """Give the start of the words before the span (after `floor`, on its line) that make with it
    a known organisation's name ("Программы развития" + "ООН"), or None."""
    text = annotated.text
    line_start = text.rfind("\n", 0, span.start) + 1
    words = list(_WORD.finditer(text, max(floor, line_start), span.start))[-4:]
    for word in words:
        before = text[word.start() : span.start]
        if not _PUNCTUATION.search(before) and lookup_organisation(text[word.start() : span.stop]):
            return word.start()
    return None


@rule("org.governing_phrase", stage="spans", langs=("ru",), touches=("ORG",))
def join_governing_phrase(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """The institution phrase that governs a known international organisation joins it when NER
    tagged only the parent: "Программы развития" + "ООН"."""
    out = []
    for span in spans:
        if span.type == "ORG" and _known_international(span.text):
            floor = out[-1].stop if out else 0
            start = _known_before(annotated, span, floor) or _governing_phrase(annotated, span)
            if start is not None and not (out and out[-1].stop > start):
                span = _span(annotated, start, span.stop)
        out.append(span)
    return out


@rule("org.coordinated_part", stage="spans", langs=("ru",), touches=("ORG",))
def join_coordinated_part(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """Join "… обществ Зелёного Полумесяца" + "и Голубого Креста": the second span is a conjunct
    of a dependent inside the first, not of its head."""
    text, out = annotated.text, []
    for span in spans:
        if (
            out
            and out[-1].type == "ORG"
            and span.type == "ORG"
            and text[out[-1].stop : span.start] in {f" {c} " for c in RU.AND}
        ):
            last = out[-1]
            _, sentence, outer = _sentence(annotated, last)
            _, _, inner = _sentence(annotated, span)
            root, last_root = _root(sentence, inner), _root(sentence, outer)
            if (
                root is not None
                and sentence[root].rel == "conj"
                and sentence[root].head in outer
                and sentence[root].head != last_root
            ):
                out[-1] = _span(annotated, last.start, span.stop)
                continue
        out.append(span)
    return out


def _extension(annotated: Annotated, span: NerSpan, taken: list[tuple[int, int]]) -> int | None:
    """Give the new end of an institution name whose complement NER cut off, or None."""
    inside, sentence, indices = _sentence(annotated, span)
    if not indices or not _headed(sentence, indices) or indices[-1] + 2 >= len(sentence):
        return None
    root = _root(sentence, indices)
    first, word = sentence[indices[-1] + 1], sentence[indices[-1] + 2]
    if annotated.text[span.stop : first.start] not in ("", " "):
        return None
    if first.text in RU.SEAT_PREPOSITIONS:  # the seat of an office: "Региональное бюро ВОЗ" + "в Копенгагене"
        if not any(_lemma(sentence[i]) in RU.SEATED_HEADS for i in indices):
            return None
        place = next((s for s in annotated.spans if s.type == "LOC" and s.start == word.start), None)
        return place.stop if place else None
    if first.text in RU.REMIT_PREPOSITIONS:
        if serves_remit_position(sentence, indices):
            return None
        return _syntactic_extension(annotated, sentence, indices, taken) or _po_phrase(
            sentence, indices, taken
        )
    if (first.text == "," or first.text in RU.AND) and (
        word.text[:1].islower() and word.rel == "conj" and word.head in indices and word.head != root
    ):
        return _syntactic_extension(annotated, sentence, indices, taken)
    return None


@rule("org.remit_of_position", stage="spans", langs=("ru",), touches=("ORG",), off=False)
def serves_remit_position(sentence: Sequence[Token], indices: list[int]) -> bool:
    """Tell a body's name right after a position with a remit of its own, which governs it: the
    "по" phrase after the name is the position's ("Комиссар Совета Европы по правам человека",
    "Спецпредставитель Евросоюза по Центральной Азии")."""
    if indices[0] == 0:
        return False
    return phrase_in(sentence, indices[0] - 1, RU.REMIT_POSITIONS)


def _headed(sentence: Sequence[Token], indices: list[int]) -> bool:
    """Tell a span whose head noun (its first noun: "Программный офис", "Постоянной комиссии")
    is an institution word."""
    head = next((i for i in indices if sentence[i].pos in ("NOUN", "PROPN")), None)
    return head is not None and _lemma(sentence[head]) in RU.HEAD_WORDS


def _syntactic_extension(
    annotated: Annotated, sentence: Sequence[Token], indices: list[int], taken: list[tuple[int, int]]
) -> int | None:
    """Give the end of the words after the span that hang (through their heads) on its tokens."""
    members, root, stop = set(indices), _root(sentence, indices), None
    for k in range(indices[-1] + 1, min(len(sentence), indices[-1] + 1 + _MAX_EXTENSION)):
        token = sentence[k]
        if any(start <= token.start < end for start, end in taken):
            break
        in_place = any(s.type == "LOC" and s.start <= token.start < s.stop for s in annotated.spans)
        if not (token.text[:1].islower() or token.text in (",", "-") or in_place):
            break
        if not members & set(_ancestors(sentence, k)) or (token.rel == "conj" and token.head == root):
            break
        if token.pos in ("NOUN", "PROPN", "X"):
            stop = token.stop
    return stop


def _po_phrase(sentence: Sequence[Token], indices: list[int], taken: list[tuple[int, int]]) -> int | None:
    """Give the end of a "по" phrase by its morphology when the parser hung it elsewhere: "по" +
    adjectives + a dative noun + genitive nouns with their adjectives ("по снижению риска
    бедствий"), all in lower case; an adverbial phrase ("по итогам встречи") is no name."""
    k, stop = indices[-1] + 2, None
    while k < len(sentence) and sentence[k].pos == "ADJ" and sentence[k].text[:1].islower():
        k += 1
    if k >= len(sentence) or sentence[k].pos != "NOUN" or not sentence[k].text[:1].islower():
        return None
    if _lemma(sentence[k]) in RU.ADVERBIAL_COMPLEMENTS or not _can_be(sentence[k], "Dat"):
        return None
    stop, k = sentence[k].stop, k + 1
    while k < len(sentence) and sentence[k].text[:1].islower() and sentence[k].pos in ("ADJ", "NOUN"):
        if sentence[k].pos == "NOUN":
            if not _can_be(sentence[k], "Gen"):
                break
            stop = sentence[k].stop
        k += 1
    return None if any(a < stop and sentence[indices[-1] + 1].start < b for a, b in taken) else stop


def _can_be(word: Token, case: str) -> bool:
    """Tell whether a noun can be in the UD `case` (pymorphy's readings: "безопасности" is
    genitive, dative or prepositional, whatever the tagger chose)."""
    from ...normalise import CASES, parses

    wanted = CASES.get(case)
    return word.feats.get("Case") == case or any(
        p.tag.POS == "NOUN" and p.tag.case == wanted for p in parses(word.text)
    )


def _list_extension(
    sentence: Sequence[Token], indices: list[int], taken: list[tuple[int, int]]
) -> int | None:
    """Give the new end of a name whose list NER cut at its first comma, by case agreement:
    "Министерстве здравоохранения" + ", труда и социальной защиты" (the parser often
    hangs such conjuncts elsewhere)."""
    nouns = [i for i in indices if sentence[i].pos in ("NOUN", "PROPN")]
    last = sentence[indices[-1]]
    if len(nouns) < 2 or nouns[-1] != indices[-1] or not last.text.islower():
        return None  # only a name ending with a complement of its head continues as a list
    if not (case := last.feats.get("Case")):
        return None
    stop, k = None, indices[-1] + 1
    while k + 1 < len(sentence) and (sentence[k].text == "," or sentence[k].text in RU.AND):
        j = k + 1
        while j < len(sentence) and sentence[j].pos == "ADJ" and sentence[j].text[:1].islower():
            j += 1
        word = sentence[j] if j < len(sentence) else None
        if (
            word is None
            or word.pos != "NOUN"
            or not word.text[:1].islower()
            or not _can_be(word, case)
            or _lemma(word)
            in RU.HEAD_WORDS  # "Министерства обороны" + "и пограничного комитета": another body
            or any(a <= word.start < b for a, b in taken)
        ):
            break
        stop = word.stop
        if sentence[k].text in RU.AND:
            break
        k = j + 1
    return stop


@rule("org.complement", stage="spans", langs=("ru",), touches=("ORG",))
def extend_complements(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """The complement an institution name governs, which NER cut off, joins it: a "по" phrase with
    its list, the rest of a list cut at its first comma, the seat of an office."""
    out, added = [], []
    for i, span in enumerate(spans):
        if span.type == "ORG" and lookup_organisation(span.text) is None:  # a known name is whole
            taken = [(s.start, s.stop) for s in spans[i + 1 :] if s.type != "LOC"]
            original = span.stop
            for _ in range(3):  # "по энергетике" + ", транспорту, связи и цифровизации"
                _, sentence, indices = _sentence(annotated, span)
                stop = _extension(annotated, span, taken)
                if stop is None and indices and _headed(sentence, indices):
                    stop = _list_extension(sentence, indices, taken)
                if stop is None or stop <= span.stop:
                    break
                span = _span(annotated, span.start, stop)
            if span.stop != original:
                added.append((original, span.stop))
        out.append(span)
    # a span inside an added complement is part of the name now, except a place ("в Бишкеке")
    return [s for s in out if s.type == "LOC" or not any(a <= s.start and s.stop <= b for a, b in added)]


@rule("org.body_of_place", stage="spans", langs=("ru",), touches=("ORG", "LOC"))
def body_of_place(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """Give "Правительством" + a place it governs as an organisation "Правительством Санкт-
    Петербурга" (also when NER left the institution word untagged); the place stays a place."""
    text, out = annotated.text, []
    for span in spans:
        if span.type == "LOC":
            last = out[-1] if out else None
            if (
                last is not None
                and (last.type == "ORG" or (last.type == "LOC" and _is_institution(annotated, last)))
                and text[last.stop : span.start] == " "
            ):
                governor = last
            elif (word := _word_before(annotated, span)) and (last is None or last.stop <= word.start):
                governor = _span(annotated, word.start, word.stop)
            else:
                governor = None
            if (
                governor is not None
                and _is_institution(annotated, governor)
                and _genitive_of(annotated, span, governor)
            ):
                named = replace(governor, type="ORG", name_stop=span.stop)
                if governor is last:
                    out[-1] = named
                else:
                    out.append(named)
        out.append(span)
    return out


def _is_institution(annotated: Annotated, span: NerSpan) -> bool:
    inside, sentence, indices = _sentence(annotated, span)
    return bool(inside) and _headed(sentence, indices) and inside[0].text[:1].isupper()


def _genitive_of(annotated: Annotated, place: NerSpan, governor: NerSpan) -> bool:
    """Tell a place that completes the institution's name before it: it hangs on it, or it is
    in the genitive ("… сотрудничества" + "Объединенных Арабских Эмиратов")."""
    inside, _, _ = _sentence(annotated, place)
    return _hangs_on(annotated, place, governor) or (bool(inside) and inside[0].feats.get("Case") == "Gen")


def _word_before(annotated: Annotated, span: NerSpan) -> Token | None:
    """Give the capitalised word right before a span ("Правительством"), or None."""
    _, sentence, indices = _sentence(annotated, span)
    if not indices or indices[0] == 0:
        return None
    word = sentence[indices[0] - 1]
    return word if word.stop + 1 == span.start and word.text[:1].isupper() else None


def _opens_straight_quote(span: NerSpan) -> bool:
    """Tell a span whose last straight quote '"' is left open: an odd count of them, the last
    written before a word (an opening quote: 'ООО "Памир' of 'ООО "Памир Энерджи"')."""
    inner = span.text
    last = inner.rfind('"')
    return inner.count('"') % 2 == 1 and last + 1 < len(inner) and not inner[last + 1].isspace()


@rule("org.closing_quote", stage="spans", langs=("ru",), touches=("ORG",))
def close_quote(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """Give a span with an unclosed opening quote the closing quote that follows on its line
    (typographic quotes, or a straight quote '"' left open)."""
    text, out = annotated.text, []
    for span in spans:
        opening = next((q for q in _QUOTES if span.text.count(q) > span.text.count(_QUOTES[q])), None)
        if opening is None and _opens_straight_quote(span):
            opening = '"'
        if span.type == "ORG" and opening:
            line_end = text.find("\n", span.stop)
            line_end = len(text) if line_end == -1 else line_end
            close = text.find(_QUOTES.get(opening, opening), span.stop, min(line_end, span.stop + 80))
            # a straight quote closes only where no word follows it ('"Памир"', not '"Памир "Энерджи')
            closes = opening != '"' or not text[close + 1 : close + 2].isalnum()
            if close != -1 and closes and (opening == '"' or opening not in text[span.stop : close]):
                span = _span(annotated, span.start, close + 1)
        out.append(span)
    return out


def _lookup(annotated: Annotated, name: str):
    return lookup_organisation(english_name(name) if annotated.lang == "en" else name)


@rule("org.known_name_end", stage="spans", touches=("ORG",))
def extend_to_known(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """Extend a span by the words after it that complete a known organisation's name
    ("Парламентской Ассамблеи" + "тюркских государств")."""
    text, out = annotated.text, []
    for i, span in enumerate(spans):
        if span.type == "ORG":
            limit = next((s.start for s in spans[i + 1 :] if s.type != "LOC"), len(text))
            line_end = text.find("\n", span.stop, limit)
            words = list(_WORD.finditer(text, span.stop, limit if line_end == -1 else line_end))[:4]
            current = _lookup(annotated, span.text)
            for word in reversed(words):
                found = _lookup(annotated, text[span.start : word.end()])
                if found is not None and found != current:
                    span = _span(annotated, span.start, word.end())
                    break
        out.append(span)
    return out


@rule("org.leading_position", stage="spans", langs=("ru",), touches=("ORG",))
def leading_position(annotated: Annotated, spans: list[NerSpan]) -> list[NerSpan]:
    """A position at the start of an organisation span is the title of someone, not part of the
    body's name: "[Председатель] Национального собрания" -> "Национального собрания", "[Торага]
    Жогорку Кенеша"; a span of positions only names no body."""
    positions = RU.POSITIONS | RU.TITLES

    def repair(span: NerSpan) -> list[NerSpan]:
        inside, _, _ = _sentence(annotated, span)
        words = [t for t in inside if t.pos != "PUNCT"]
        if not words or _lemma(words[0]) not in positions:
            return [span]
        rest = [t for t in words if t.text[:1].isupper() and _lemma(t) not in positions][:1]
        if not rest:
            return []
        return [_span(annotated, rest[0].start, span.stop)]

    return [out for span in spans for out in (repair(span) if span.type == "ORG" else [span])]
