"""Small pure helpers over one sentence's dependency tree (natasha or spaCy, as our Tokens hold it)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property

from ...article import Sentence, Token
from ...lexicon import Lexicon, lexicon

OPENING_QUOTES = {"«", "„", "“"}
CLOSING_QUOTES = {"»", "“", "”"}
NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET", "X"}


def lemma(token: Token) -> str:
    return token.lemma.lower()


def is_verb(token: Token) -> bool:
    """Tell a predicate: a verb, a participle, or an auxiliary standing as the head of a clause."""
    return token.pos in ("VERB", "AUX")


def is_finite(token: Token) -> bool:
    return token.pos in ("VERB", "AUX") and token.feats.get("VerbForm") == "Fin"


def is_participle(token: Token) -> bool:
    return token.pos in ("VERB", "ADJ") and token.feats.get("VerbForm") == "Part"


def is_plural(token: Token, lex: Lexicon) -> bool:
    if token.feats.get("Number") == "Plur":
        return True
    # the plural of a document noun the tagger takes for a singular name: "MoUs", "MOU's", "memoranda"
    text = token.text.lower()
    return any(
        text.endswith(plural) and text[: -len(plural)] + singular in lex.DOCUMENT_TYPES
        for plural, singular in lex.PLURAL_SUFFIXES
    )


@cache
def _forms(word: str) -> tuple[dict, ...]:
    """Give every reading pymorphy has of a Russian word form (its case is often ambiguous)."""
    from ...nlp.morph import morph_vocab

    return tuple(form.feats for form in morph_vocab().parse(word))


def agrees(participle: Token, noun: Token) -> bool:
    """Tell whether a Russian participle agrees with a noun in case, number and gender, in any
    reading of its form ("подписанных" is genitive, locative or accusative plural; the tagger picks
    one); masculine and neuter share their oblique forms ("подписанного Протокола / Соглашения")."""
    readings = [participle.feats, *(f for f in _forms(participle.text.lower()) if f.get("Case"))]
    return any(_agree(p, noun.feats) for p in readings)


def _agree(p: dict, n: dict) -> bool:
    if not p.get("Case") or not n.get("Case") or p["Case"] != n["Case"]:
        return False
    if p.get("Number") == "Plur":
        return True
    if n.get("Number") == "Plur":
        return False
    genders = {p.get("Gender"), n.get("Gender")}
    return (
        len(genders) == 1
        or None in genders
        or (genders == {"Masc", "Neut"} and p["Case"] not in ("Nom", "Acc"))
    )


@dataclass(frozen=True)
class Tree:
    """One sentence with its children lists; indices are token positions in the sentence."""

    sentence: Sentence
    lang: str = "ru"
    folded: bool = False  # read a sentence in capitals in the case of running text

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        if self.folded and self.sentence.folded:
            return self.sentence.folded
        return self.sentence.tokens

    @property
    def lex(self) -> Lexicon:
        """The lexicon of the sentence's language."""
        return lexicon(self.lang)

    @cached_property
    def children(self) -> list[list[int]]:
        out: list[list[int]] = [[] for _ in self.tokens]
        for i, token in enumerate(self.tokens):
            if 0 <= token.head < len(self.tokens) and token.head != i:
                out[token.head].append(i)
        return out

    @cached_property
    def depth(self) -> list[int]:
        """Give each token's depth inside «…» quotes (a title's words are deeper than its law's)."""
        out, level = [], 0
        for token in self.tokens:
            if token.text in OPENING_QUOTES:
                level += 1
            out.append(level)
            if token.text in CLOSING_QUOTES or (token.text == '"' and level):
                level = max(0, level - 1)
        return out

    def head(self, i: int) -> int:
        h = self.tokens[i].head
        return h if 0 <= h < len(self.tokens) and h != i else -1

    def heads(self, i: int) -> Iterator[int]:
        """Yield the heads above token `i`, nearest first (cycles cut)."""
        seen = {i}
        h = self.head(i)
        while h >= 0 and h not in seen:
            yield h
            seen.add(h)
            h = self.head(h)

    def subtree(self, i: int) -> set[int]:
        out, todo = set(), [i]
        while todo:
            j = todo.pop()
            if j not in out:
                out.add(j)
                todo.extend(self.children[j])
        return out

    def child_lemmas(self, i: int, rels: tuple[str, ...] | None = None) -> set[str]:
        return {
            lemma(self.tokens[c])
            for c in self.children[i]
            if rels is None or self.tokens[c].rel.startswith(rels)
        }

    def child_texts(self, i: int) -> set[str]:
        return {self.tokens[c].text.lower() for c in self.children[i]}

    def conjuncts(self, i: int) -> list[int]:
        """Give `i` and the tokens coordinated with it ("Iran, Turkmenistan and Kazakhstan")."""
        out = [i]
        for c in self.children[i]:
            if self.tokens[c].rel == "conj":
                out.extend(self.conjuncts(c))
        return sorted(out)

    def first_conjunct(self, i: int) -> int:
        """Give the first of the tokens coordinated with `i` (the one the others hang on)."""
        while self.tokens[i].rel == "conj" and self.head(i) >= 0:
            i = self.head(i)
        return i

    def case_words(self, i: int) -> set[str]:
        """Give the prepositions of a noun: its `case` children ("в", "с", "between")."""
        return {
            self.tokens[c].text.lower()
            for c in self.children[i]
            if self.tokens[c].rel in ("case", "prep", "mark")
        } | (
            {self.tokens[self.head(i)].text.lower()}
            if self.tokens[i].rel == "pobj" and self.head(i) >= 0
            else set()
        )

    def index_at(self, offset: int) -> int | None:
        for i, token in enumerate(self.tokens):
            if token.start <= offset < token.stop:
                return i
        return None
