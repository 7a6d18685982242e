"""spaCy adapter: an English pipeline (en_core_web_* by name) -> our types."""

from __future__ import annotations

import functools

import spacy

from ..article import NerSpan, Sentence, Token
from . import Backend, ModelNotInstalled

# spaCy labels -> ours. FAC (buildings, airports) are not places; NORP (nationalities, "Kazakh",
# "Iranian") stays NORP: the repairs ask it whether a word is a nationality word.
LABELS = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "DATE": "DATE",
    "LAW": "LAW",
    "NORP": "NORP",
}


class SpacyBackend(Backend):
    lang = "en"

    def __init__(self, model: str) -> None:
        try:
            self.nlp = spacy.load(model)
        except OSError as exc:
            raise ModelNotInstalled(
                f"spaCy pipeline {model!r} is not installed in this environment; install it "
                f"(e.g. `.venv/bin/pip install {model}`) or pass --en-model with an installed one"
            ) from exc

    def annotate_piece(self, text: str, offset: int) -> tuple[list[Sentence], list[NerSpan]]:
        doc = self.nlp(text)
        sentences = []
        for sent in doc.sents:
            tokens = tuple(
                Token(
                    start=tok.idx + offset,
                    stop=tok.idx + len(tok.text) + offset,
                    text=tok.text,
                    lemma=tok.lemma_.lower(),
                    pos=tok.pos_,
                    feats=tok.morph.to_dict(),
                    head=-1 if tok.head.i == tok.i else tok.head.i - sent.start,
                    rel=tok.dep_,
                )
                for tok in sent  # whitespace tokens stay (POS "SPACE") so head indices hold
            )
            sentences.append(Sentence(sent.start_char + offset, sent.end_char + offset, tokens))
        spans = [
            NerSpan(ent.start_char + offset, ent.end_char + offset, LABELS[ent.label_], ent.text, ent.text)
            for ent in doc.ents
            if ent.label_ in LABELS
        ]
        return sentences, spans


def dictionary_word(lemma: str) -> bool:
    """Tell whether a lower-case lemma is an English dictionary word (a noun, verb, adjective or
    adverb of the lemmatiser's WordNet index in the default spaCy pipeline): "resource", "water";
    not "tammam" or "askhat"."""
    words, plurals = _dictionary()
    # a plural the tagger left unlemmatised as part of a name ("Resources"): the noun rules' singular
    return lemma in words or any(
        lemma.endswith(old) and lemma[: len(lemma) - len(old)] + new in words for old, new in plurals
    )


@functools.cache
def _dictionary() -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    from . import DEFAULT_EN_MODEL, backend_for

    backend = backend_for("en", DEFAULT_EN_MODEL)
    try:
        lookups = backend.nlp.get_pipe("lemmatizer").lookups
        index, rules = lookups.get_table("lemma_index"), lookups.get_table("lemma_rules")
    except (KeyError, ValueError):  # a pipeline without a rule lemmatiser: no dictionary
        return frozenset(), ()
    return (
        frozenset(word for words in index.values() for word in words),
        tuple((old, new) for old, new in rules.get("noun", ())),
    )
