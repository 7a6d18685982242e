"""A document mention's status from the predicate that governs it, its tense and its modality.

"подписали меморандум" -> signed; "будет подписан", "планируется подписать", "для последующего
подписания", "проект соглашения", "will sign" -> planned; "одобрили в трёх чтениях законопроект
«О ратификации Конвенции…»" -> ratified; "согласно Киотскому протоколу", "amendments to the Charter"
-> mentioned. Pure functions of one sentence's tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...article import Token
from ...nlp.morph import parses
from ...rules import Computed, enabled, rule
from .syntax import CLOSING_QUOTES, OPENING_QUOTES, Tree, is_finite, is_participle, is_verb, lemma

FINAL_TYPES = {"resolution", "declaration", "communique"}  # types adopted as an event's outcome
_MODIFIER_RELS = ("aux", "advmod", "amod", "mark", "neg")
# The document as a drafting verb's object or passive subject: "подготовили проект соглашения".
_OBJECT_RELS = ("obj", "dobj", "nsubj:pass", "nsubjpass", "iobj")
_CLAUSE_LINKS = ("xcomp", "ccomp", "csubj", "advcl", "conj", "acl", "obj", "obl", "nmod", "pcomp", "prep")


@dataclass(frozen=True)
class Status:
    """A status and how it was found: by a predicate (its token index), an act noun, a reference."""

    status: str | None
    predicate: int = -1  # the token that gave it (verb, participle, act noun); -1 when none
    how: str = ""  # verb | participle | action | reference | amendment | final | ratification
    indirect: bool = False  # the predicate governs the document through a preposition or a noun


NONE = Status(None)
DENIED = "denied"  # the `how` of no status for a reason: negated, refused, habitual, an idiom


def status_word(tree: Tree, i: int, doc_type: str) -> str | None:
    """Give the status word `i` gives a document as its predicate, or None: by its lemma, or (in
    Russian, where the tagger takes a form of a status verb for another part of speech,
    "ратифицировали" as an adverb) by pymorphy's verb readings of the word."""
    word = lemma(tree.tokens[i])
    text = tree.tokens[i].text.lower()
    return (
        tree.lex.STATUS_VERBS.get(word)
        or tree.lex.STATUS_VERBS.get(text)
        or tree.lex.TYPED_VERBS.get((word, doc_type))
        or ("planned" if word in tree.lex.DRAFTING_VERBS else None)
        or (_verb_reading_status(text, tree.lex) if tree.lang == "ru" else None)
    )


_VERB_TAGS = {"VERB", "INFN", "PRTF", "PRTS", "GRND"}


def _verb_reading_status(word: str, lex) -> str | None:
    return next(
        (
            lex.STATUS_VERBS[p.normal_form]
            for p in parses(word)
            if p.tag.POS in _VERB_TAGS and p.normal_form in lex.STATUS_VERBS
        ),
        None,
    )


@rule("doc.intention", stage="documents", off=False)
def is_planned(tree: Tree, v: int, *, in_title: bool = False) -> bool:
    """Tell whether predicate `v` speaks of an intention: a future tense or auxiliary, an infinitive
    under a planning verb ("планируется подписать", "plans to sign"), "to be signed"."""
    tokens = tree.tokens
    token = tokens[v]
    kids = [c for c in tree.children[v] if tokens[c].rel.startswith(_MODIFIER_RELS)]
    kid_words = {tokens[c].text.lower() for c in kids} | {lemma(tokens[c]) for c in kids}
    if (
        token.feats.get("Tense") == "Fut"
        or kid_words & tree.lex.FUTURE_AUX
        or kid_words & tree.lex.FUTURE_WORDS
    ):
        return True
    if any(lemma(tokens[c]) in tree.lex.COPULAS and tokens[c].feats.get("Tense") == "Fut" for c in kids):
        return True
    marked = bool(kid_words & tree.lex.INFINITIVE_MARKERS)  # "to sign"
    infinitive = token.feats.get("VerbForm") == "Inf" or marked
    if infinitive and _about_to(tree, v):
        return True
    for h in tree.heads(v):
        word = lemma(tokens[h])
        if (
            word in tree.lex.PLANNING_VERBS
            or word in tree.lex.FUTURE_WORDS
            or tokens[h].text.lower() in tree.lex.FUTURE_WORDS
        ):
            return True
        if infinitive and word in tree.lex.ACHIEVING_VERBS:
            return False
        if infinitive and (
            tokens[h].feats.get("Tense") == "Fut" or tree.child_lemmas(h) & tree.lex.FUTURE_AUX
        ):
            return is_verb(tokens[h])
        if (
            is_finite(tokens[h])
            or tokens[v].rel not in _CLAUSE_LINKS
            or tokens[h].pos not in ("VERB", "AUX", "ADJ", "ADP")
        ):
            break  # a noun ends the clause: "The MOU, signed …, aims to …" is no intention to sign
        v = h
    return infinitive and not in_title or (in_title and marked)


def _about_to(tree: Tree, v: int) -> bool:
    """Tell an infinitive right under "be about to" or "be set to" ("are about to sign", "is set
    to be signed"); "set up a commission and signed" is no intention."""
    tokens = tree.tokens
    h = tree.head(v)
    if h < 0 or tokens[v].rel != "xcomp" or lemma(tokens[h]) not in tree.lex.ABOUT_TO:
        return False
    near = [*tree.children[h], tree.head(h)]  # "is set" (auxiliary below), "are about" (copula above)
    return any(k >= 0 and lemma(tokens[k]) in tree.lex.COPULAS for k in near)


@rule("doc.refusal", stage="documents", off=False)
def _refused(tree: Tree, v: int) -> bool:
    """Tell a predicate under a verb that denies it: "failed to reach", "не удалось подписать"."""
    tokens = tree.tokens
    for h in tree.heads(v):
        word = lemma(tokens[h])
        if word in tree.lex.REFUSING_VERBS or (word in tree.lex.ACHIEVING_VERBS and _negated(tree, h)[0]):
            return True
        if tokens[v].rel not in ("xcomp", "ccomp", "csubj", "csubj:pass", "advcl") and tokens[v].pos != "AUX":
            return False
        v = h
    return False


@rule("doc.negation", stage="documents", off=Computed(lambda tree, v: (False, False)))
def _negated(tree: Tree, v: int) -> tuple[bool, bool]:
    """Give (negated, not yet) for predicate `v`: "не подписали", "ещё не принято", "not yet signed"."""
    words = {tree.tokens[c].text.lower() for c in tree.children[v]}
    return bool(words & tree.lex.NEGATIONS), bool(words & tree.lex.NOT_YET)


def _verb_status(tree: Tree, v: int, doc_type: str, *, in_title: bool) -> Status:
    """Give the status a status verb (or participle) `v` gives a document it governs."""
    status = status_word(tree, v, doc_type)
    if status is None:
        return NONE
    negated, not_yet = _negated(tree, v)
    if negated:
        return Status("planned", v, "verb") if not_yet else Status(None, v, DENIED)
    if _refused(tree, v):
        return Status(None, v, DENIED)
    token = tree.tokens[v]
    if status != "planned" and is_planned(tree, v, in_title=in_title):
        status = "planned"
    elif not in_title and habitual(token):
        return Status(None, v, DENIED)
    attributive = is_participle(token) and token.rel.startswith(("acl", "amod", "relcl"))
    gerund = token.feats.get("Aspect") == "Prog" and token.feats.get("VerbForm") == "Part"
    if gerund and not attributive and status != "planned":  # "discussed the issues of signing the MoU"
        status = _action_status(tree, v, status).status or status
    return Status(status, v, "participle" if attributive else "verb")


@rule("doc.habitual_present", stage="documents", off=False)
def habitual(token: Token) -> bool:
    """A verb in the imperfective present tells of a habit, not of one document: "компании
    заключают договоры"."""
    feats = token.feats
    return feats.get("Tense") == "Pres" and feats.get("Aspect") == "Imp" and feats.get("VerbForm") == "Fin"


@rule(
    "doc.ratification_law",
    stage="documents",
    off=Computed(lambda tree, h, text, *, bill_passed: Status("ratified", h, "ratification")),
)
def _law_status(tree: Tree, h: int, text: str, *, bill_passed: bool) -> Status:
    """Give the status of a document under ratification (act noun at `h`): ratified when a law on
    it exists ("Законов … «О ратификации …» от 10 июля 2017 года № 122"), or the bill was adopted
    ("приняли законопроект «О ратификации…»", not "в первом чтении"), or it is ratified outright;
    else signed (a text up for ratification was signed). The bill is the nearest law word before
    the act noun: long titles defeat the parser, the word order does not."""
    tokens = tree.tokens
    sentence = text[tree.sentence.start : tree.sentence.stop]
    carriers = tree.lex.LAW_NOUNS | tree.lex.BILL_NOUNS
    carrier = next((j for j in range(h - 1, max(-1, h - 9), -1) if lemma(tokens[j]) in carriers), None)
    if carrier is None:  # "Законов «О ратификации …» и «О ратификации …»": the law outside the quotes
        carrier = next(
            (
                j
                for j in range(h - 1, -1, -1)
                if lemma(tokens[j]) in carriers and tree.depth[j] < tree.depth[h]
            ),
            None,
        )
    if carrier is None:
        carrier = next((j for j in tree.heads(h) if lemma(tokens[j]) in carriers), None)
    if carrier is not None:
        bill = lemma(tokens[carrier]) in tree.lex.BILL_NOUNS or any(
            lemma(tokens[j]) in tree.lex.DRAFT_NOUNS for j in range(max(0, carrier - 2), carrier)
        )
        if not bill:
            return Status("ratified", h, "ratification")
        verbs = [j for j in range(carrier - 1, max(-1, carrier - 6), -1) if is_verb(tokens[j])]
        verbs += [j for j in tree.heads(carrier) if is_verb(tokens[j])][:1]
    else:
        verbs = [j for j in tree.heads(h) if is_verb(tokens[j])][:1]
    for j in verbs:
        word = lemma(tokens[j])
        if word in tree.lex.RATIFYING_VERBS or (
            word in tree.lex.PASSING_VERBS | tree.lex.APPROVING_VERBS
            and carrier is None
            and _by_legislature(tree, j)
        ):  # "Сенат одобрил ратификацию"; not "Правительство одобрило ратификацию" (it goes to parliament)
            return Status("ratified", j, "ratification")
        if word in tree.lex.PASSING_VERBS and not re.search(tree.lex.FIRST_READING, sentence):
            if not _negated(tree, j)[0] and not is_planned(tree, j):
                return Status("ratified", j, "ratification")
    return Status("ratified" if bill_passed else "signed", h, "ratification")


def _by_legislature(tree: Tree, v: int) -> bool:
    """Tell a verb whose subject or agent is a parliament, its chamber, its deputies or the president."""
    tokens = tree.tokens
    for c in tree.children[v]:
        if tokens[c].rel.startswith(("nsubj", "obl", "agent")) and tokens[c].rel != "nsubj:pass":
            if {lemma(tokens[k]) for k in tree.subtree(c)} & tree.lex.LEGISLATURES:
                return True
    return False


@rule("doc.ratification_title", stage="documents", off=None)
def ratification_act(tree: Tree, i: int) -> int | None:
    """A document named right after a ratification act noun, or in a quoted title that opens with
    one, is what the act ratifies: "О ратификации Кредитного соглашения", «О ратификации … и
    Грантового соглашения»."""
    act = _linear_act(tree, i)
    return act if act is not None else _quoted_act(tree, i)


def _linear_act(tree: Tree, i: int) -> int | None:
    """Give the act noun written right before a document ("О ратификации Финансового соглашения",
    "О присоединении Армении к Конвенции"), whatever the parse says."""
    tokens = tree.tokens
    j = i - 1
    while j >= 0 and tokens[j].pos == "ADJ":
        j -= 1
    if j >= 0 and tokens[j].text.lower() in tree.lex.ACCESSION_PREPOSITIONS:
        k = j - 1
        while (
            k >= 0
            and j - k <= 4
            and tokens[k].pos in ("PROPN", "ADJ", "NOUN")
            and lemma(tokens[k]) not in tree.lex.ACTION_NOUNS
        ):
            k -= 1
        j = k
    if j >= 0 and tree.lex.ACTION_NOUNS.get(lemma(tokens[j])) == "ratified":
        return j
    return None


def _quoted_act(tree: Tree, i: int) -> int | None:
    """Give the act noun opening the quoted title a document stands in, however deep: every document
    of «О ратификации Обменных нот …, и Грантового соглашения …» is what the bill ratifies."""
    tokens = tree.tokens
    level = 0
    for j in range(i - 1, -1, -1):
        if tokens[j].text in CLOSING_QUOTES and tokens[j].text not in OPENING_QUOTES:
            level += 1
        elif tokens[j].text in OPENING_QUOTES or tokens[j].text == '"':
            if level:
                level -= 1
                continue
            k = j + 1
            if k < len(tokens) and tokens[k].text.lower() in tree.lex.ABOUT_PREPOSITIONS:
                k += 1
            if k < len(tokens) and tree.lex.ACTION_NOUNS.get(lemma(tokens[k])) == "ratified":
                return k
            return None
    return None


@rule("doc.planned_act", stage="documents", off=False)
def planned_act(tree: Tree, word: str) -> bool:
    """An act noun under a verb of planning, scheduling or calling speaks of an intention:
    "Подписание меморандума запланировано на июнь", "призвали к скорейшему подписанию соглашения",
    "the signing of the treaty is scheduled for May"."""
    return word in tree.lex.PLANNING_VERBS


def _action_status(tree: Tree, h: int, status: str) -> Status:
    """Give the status of a document under an act noun: "подписание протокола состоялось" -> signed,
    "планируется подписание", "для последующего подписания" -> planned."""
    tokens = tree.tokens
    if tree.child_lemmas(h) & tree.lex.FUTURE_WORDS:
        return Status("planned", h, "action")
    topic = False  # a noun between the act and its verb: "обсудили вопросы подписания"
    for j in tree.heads(h):
        word = lemma(tokens[j])
        if is_verb(tokens[j]):
            planned = (
                planned_act(tree, word) or word in tree.lex.DISCUSSING_VERBS or topic or is_planned(tree, j)
            )
            return Status("planned" if planned else status, h, "action")
        if word in tree.lex.FUTURE_WORDS or word in tree.lex.PLANNING_VERBS:  # "readiness for signing"
            return Status("planned", h, "action")
        if tokens[j].pos in ("NOUN", "PROPN") and word not in tree.lex.EVENT_NOUNS:
            topic = True
    return Status("planned" if topic else status, h, "action")


@rule("doc.amendment", stage="documents", off=False)
def amended(tree: Tree, i: int) -> bool:
    """Tell a document that another one changes, read off the words before it (the parse often
    hangs it elsewhere): "Протокол о поправках к Договору", "amendments to the Charter"."""
    tokens = tree.tokens
    j = i - 1
    while j >= 0 and tokens[j].pos in ("ADJ", "DET") and tokens[j].head == i:
        j -= 1
    return (
        j >= 1
        and tokens[j].text.lower() in tree.lex.AMENDMENT_PREPOSITIONS
        and lemma(tokens[j - 1]) in tree.lex.AMENDMENT_HEADS
    )


@rule("doc.about_another", stage="documents", off=False)
def attached(tree: Tree, i: int) -> bool:
    """Tell a document that another one is written to, read off the words before it: the
    agreement of "Протокол к Соглашению", "приложение к Меморандуму", "the protocol to the
    Convention" exists already, referred to."""
    tokens = tree.tokens
    j = i - 1
    while j >= 0 and tokens[j].pos in ("ADJ", "DET") and tokens[j].head == i:
        j -= 1
    if j < 1 or tokens[j].text.lower() not in tree.lex.ANNEX_PREPOSITIONS:
        return False
    word = lemma(tokens[j - 1])
    return word in tree.lex.ANNEX_NOUNS or bool(
        tree.lex.DOCUMENT_TYPES.get(word) or tree.lex.DOCUMENT_TYPES.get(tokens[j - 1].text.lower())
    )


@rule("doc.reference", stage="documents", off=False)
def reference(tree: Tree, words: set[str]) -> bool:
    """A document governed by a word of reference is an existing one referred to: "в
    соответствии с Соглашением", "в рамках меморандума", "under the Paris Agreement"."""
    return bool(words & (tree.lex.REFERENCE_HEADS | tree.lex.REFERENCE_PREPOSITIONS))


@rule("doc.draft", stage="documents", off=False)
def draft_word(tree: Tree, word: str) -> bool:
    """A draft of a document is planned: "проект соглашения", "a draft roadmap"."""
    return word in tree.lex.DRAFT_NOUNS or word in tree.lex.DRAFT_ADJECTIVES


@rule("doc.idiom", stage="documents", off=False)
def idiom(tree: Tree, word: str) -> bool:
    """A document noun in an idiom names no document: "пришли к соглашению"."""
    return word in tree.lex.IDIOM_VERBS


def _preposition_words(tree: Tree, i: int) -> set[str]:
    """Give the words of a noun's preposition, fixed expressions included ("в соответствии с")."""
    tokens = tree.tokens
    cases = [c for c in tree.children[i] if tokens[c].rel in ("case", "fixed")]
    words = {tokens[c].text.lower() for c in cases} | {lemma(tokens[c]) for c in cases}
    for c in cases:
        words |= {lemma(tokens[f]) for f in tree.children[c] if tokens[f].rel == "fixed"}
    return words


def governing_status(
    tree: Tree, i: int, doc_type: str, text: str, *, in_title: bool = False, bill_passed: bool = False
) -> Status:
    """Give the status the predicate above document noun `i` gives it (NONE when there is none)."""
    tokens = tree.tokens
    if reference(tree, _preposition_words(tree, i)):
        return Status("mentioned", i, "reference")
    if amended(tree, i) or attached(tree, i):
        return Status("mentioned", i, "amendment")
    act = ratification_act(tree, i)
    if act is not None:
        return _law_status(tree, act, text, bill_passed=bill_passed)
    draft = any(
        draft_word(tree, w) and w in tree.lex.DRAFT_ADJECTIVES
        for w in tree.child_lemmas(i, ("amod", "compound", "nmod"))
    )
    through = bool(_preposition_words(tree, i))  # "через соглашение": a preposition of its own
    j = i
    for _ in range(12):
        if tokens[j].rel == "conj":
            j = tree.first_conjunct(j)
        h = tree.head(j)
        if h < 0:
            break
        head, word = tokens[h], lemma(tokens[h])
        if word in tree.lex.AMENDMENT_HEADS and enabled("doc.amendment"):
            return Status("mentioned", h, "amendment")
        if reference(tree, {word, head.text.lower()} & tree.lex.REFERENCE_HEADS):
            return Status("mentioned", h, "reference")
        if word in tree.lex.ACTION_NOUNS and not is_verb(head):
            if tree.lex.ACTION_NOUNS[word] == "ratified":
                return _law_status(tree, h, text, bill_passed=bill_passed)
            found = _action_status(tree, h, tree.lex.ACTION_NOUNS[word])
            return Status("planned", h, "action") if draft else found
        if word in tree.lex.DRAFT_NOUNS and not is_verb(head):
            draft = draft_word(tree, word)
        elif head.pos == "ADP" or word in tree.lex.GENERIC_DOCUMENTS or word in tree.lex.EXCHANGE_NOUNS:
            pass  # English prepositions head their noun; "a document setting the roadmap"; "signed an exchange of notes"
        elif is_verb(head) or (head.pos in ("ADJ", "ADV") and status_word(tree, h, doc_type)):
            if idiom(tree, word):
                return Status(None, h, DENIED)
            if (
                word in tree.lex.DRAFTING_VERBS
                and not draft
                and (through or tokens[j].rel not in _OBJECT_RELS)
            ):
                return NONE  # "Through the agreement …, the fund was finalized": not what was drafted
            found = replace(_verb_status(tree, h, doc_type, in_title=in_title), indirect=through)
            if found.status is None and tokens[j].rel.startswith("nsubj"):
                # the subject of "is set to be signed", "is expected to be ratified"
                x = next(
                    (
                        c
                        for c in tree.children[h]
                        if tokens[c].rel == "xcomp" and status_word(tree, c, doc_type)
                    ),
                    None,
                )
                found = _verb_status(tree, x, doc_type, in_title=in_title) if x is not None else found
            if found.status is None and head.rel in ("acl", "relcl") and not status_word(tree, h, doc_type):
                generic = tree.head(h)
                if generic >= 0 and lemma(tokens[generic]) in tree.lex.GENERIC_DOCUMENTS:
                    j = generic
                    continue
            if draft:  # "проект соглашения", "a draft roadmap was discussed": a draft is planned
                return Status("planned", h, found.how or "verb", indirect=through)
            if found.status is None and referring(tree, h):
                return Status("mentioned", h, "reference")
            return found
        elif tokens[j].rel not in ("appos", "flat", "nmod", "compound") or not head.text[:1].isupper():
            break
        through = through or word not in tree.lex.DRAFT_NOUNS
        j = h
    return Status("planned", i, "draft") if draft and draft_under_talks(tree, j) else NONE


@rule("doc.draft_under_talks", stage="documents", off=False)
def draft_under_talks(tree: Tree, j: int) -> bool:
    """A draft that no verb governs is under talks, planned: "обсуждение проекта Соглашения",
    "согласование проекта меморандума", "work on the draft roadmap" (the draft ends the chain
    at `j`, or a noun above it does)."""
    return True


@rule("doc.referring_verb", stage="documents", off=False)
def referring(tree: Tree, v: int) -> bool:
    """A document a verb of saying, holding or carrying out governs is an existing one referred
    to: "говорится в Декларации", "отражено в протоколе", "предусмотрено Соглашением", "as set
    out in the Treaty", "to implement the memorandum", "follow up on the agreements" (a phrasal
    verb with its particle)."""
    token = tree.tokens[v]
    particles = [
        tree.tokens[c].text.lower() for c in tree.children[v] if tree.tokens[c].rel in ("prt", "compound:prt")
    ]
    words = {lemma(token), token.text.lower(), *(f"{lemma(token)} {p}" for p in particles)}
    return bool(words & tree.lex.REFERRING_VERBS)


def modifier_status(tree: Tree, i: int, doc_type: str, *, in_title: bool = False) -> Status:
    """Give the status of a participle or adjective on the document itself ("the endorsed
    agreement", "подписанный в 2013 году меморандум") or of "итоговая резолюция" (an outcome)."""
    tokens = tree.tokens
    for c in tree.children[i]:
        word = lemma(tokens[c])
        if tokens[c].rel in ("amod", "acl", "acl:relcl", "relcl") and (
            is_participle(tokens[c]) or word in tree.lex.STATUS_VERBS
        ):
            found = _verb_status(tree, c, doc_type, in_title=in_title)
            if found.status:
                return Status(found.status, c, "participle")
    if (
        tree.child_lemmas(i) & tree.lex.FINAL_ADJECTIVES
        and doc_type in FINAL_TYPES
        and _past_outcome(tree, i)
    ):
        return Status("adopted", i, "final")
    return NONE


@rule("doc.final_outcome", stage="documents", off=False)
def _past_outcome(tree: Tree, i: int) -> bool:
    """Tell "итоговая резолюция форума", "the final declaration of the summit" told as the outcome of
    an event that took place: the event is named with it and no verb above makes it an intention,
    a draft or a subject of talks ("will adopt", "are working on the final declaration")."""
    tokens = tree.tokens
    below = {
        k
        for c in tree.children[i]
        if tokens[c].rel.startswith(("nmod", "poss", "prep"))
        for k in tree.subtree(c)
    }
    events = [k for k in below if lemma(tokens[k]) in tree.lex.EVENTS]
    if not events or any(
        tree.child_lemmas(k) & (tree.lex.FUTURE_WORDS | tree.lex.FUTURE_AUX) for k in events
    ):
        return False
    if tokens[i].rel.startswith("nsubj"):
        return True  # "The final declaration of the summit calls for …"
    verb = next((h for h in tree.heads(i) if is_verb(tokens[h])), None)
    if verb is None:
        return True
    word = lemma(tokens[verb])
    lex = tree.lex
    busy = lex.DRAFTING_VERBS | lex.DISCUSSING_VERBS | lex.PLANNING_VERBS | lex.WORKING_VERBS
    return word not in busy and not is_planned(tree, verb)


@rule("doc.headline_verb", stage="documents", off=NONE)
def headline_status(tree: Tree, i: int, doc_type: str) -> Status:
    """A headline's verb the tagger reads as a noun gives the document before it its status:
    "Kazakhstan and Mongolia sign agreement", "… ink 4 MOUs" (a headline in the present tells
    what was done); "to sign", "will sign" are planned."""
    tokens = tree.tokens
    for k in range(i - 1, max(-1, i - 5), -1):
        if tree.lex.DOCUMENT_TYPES.get(lemma(tokens[k])) or tokens[k].pos in ("VERB", "AUX", "ADP"):
            return NONE
        word = tree.lex.STATUS_VERBS.get(lemma(tokens[k])) or tree.lex.STATUS_VERBS.get(
            tokens[k].text.lower()
        )
        if word:
            before = tokens[k - 1].text.lower() if k else ""
            planned = before in tree.lex.INFINITIVE_MARKERS or before in tree.lex.FUTURE_AUX
            return Status("planned" if planned else word, k, "verb")
    return NONE


def participle_status(tree: Tree, p: int, doc_type: str, *, in_title: bool = False) -> Status:
    """Give the status a participle clause gives the document it agrees with ("…, подписанного
    27 января 2023 года")."""
    found = _verb_status(tree, p, doc_type, in_title=in_title)
    return Status(found.status, p, "participle") if found.status else NONE
