"""Documents stage: a document noun and a signing / adopting predicate in one sentence -> a record.

The type vocabulary and the status vocabulary live here, side by side, for both languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..article import Annotated, DocumentRecord, Mention, Sentence, Token

# Document nouns (lemmas) -> type. Two-word types name the head and the word that must go with it.
TYPE_LEMMAS = {
    "меморандум": "memorandum", "протокол": "protocol", "резолюция": "resolution",
    "декларация": "declaration", "соглашение": "agreement", "договоренность": "agreement",
    "договорённость": "agreement", "договор": "treaty", "конвенция": "convention", "коммюнике": "communique",
    "memorandum": "memorandum", "mou": "memorandum", "memorandums": "memorandum", "memoranda": "memorandum",
    "protocol": "protocol", "resolution": "resolution", "declaration": "declaration", "agreement": "agreement",
    "accord": "agreement", "treaty": "treaty", "convention": "convention", "roadmap": "roadmap",
    "communique": "communique", "communiqué": "communique",
}  # fmt: skip
TYPE_PAIRS = {  # (head lemma, companion lemma) -> type; the companion is next to the head
    ("карта", "дорожный"): "roadmap", ("план", "действие"): "plan", ("план", "работа"): "plan",
    ("программа", "рамочный"): "plan", ("заявление", "совместный"): "statement",
    ("map", "road"): "roadmap", ("plan", "action"): "plan", ("statement", "joint"): "statement",
}  # fmt: skip

# Predicates -> status, matched against each token's lemma and its lower-cased form (the tagger
# sometimes misses a verb: "ратифицировали" tagged ADV keeps its surface form as lemma).
STATUS_WORDS = {
    "signed": re.compile(
        r"подпис(?!ь).*|заключ(?:ить|ать|ил|ен|ени|ат).*|sign|signed|signing|ink|inked|conclude"
    ),
    "adopted": re.compile(r"принят.*|принял.*|приним.*|утверд.*|утвержд.*|одобр.*|adopt|approve|endorse"),
    "ratified": re.compile(r"ратифи.*|ratify|ratification|ratified"),
}
STATUS_RANK = {"ratified": 3, "signed": 2, "adopted": 1}  # the strongest predicate of a sentence wins
# Words that turn a predicate into an intention: the document is planned, not yet signed.
PLANNED = re.compile(
    r"\b(?:планиру\w*|будет|будут|намерен\w*|предстоит|предполагается|последующего\s+подписания|проект\w*"
    r"|will|shall|to\s+be\s+(?:signed|adopted)|plans?\s+to|intends?\s+to|expected\s+to|draft)\b",
    re.IGNORECASE,
)
NUMBER = re.compile(r"(?:№|No\.|N)\s?(\d[\w/.-]*)|\b([A-Z]{1,4}/RES/\d+/\d+)\b")


def _document_types(tokens: Sequence[Token]) -> list[tuple[int, str]]:
    """Give (token index, type) of each document noun in a sentence."""
    found = []
    for i, token in enumerate(tokens):
        lemma = token.lemma
        neighbours = {t.lemma for t in tokens[max(0, i - 2) : i + 3]}
        pair = next(
            (kind for (head, mate), kind in TYPE_PAIRS.items() if head == lemma and mate in neighbours), None
        )
        kind = pair or TYPE_LEMMAS.get(lemma) or TYPE_LEMMAS.get(token.text.lower())
        if kind:
            found.append((i, kind))
    return found


# "принять участие" (take part) is not "принять" (adopt): a predicate next to one of these is no predicate.
IDIOM_MATES = {"участие", "меры", "мера", "решение", "part"}


def _status(sentence: Sentence, text: str) -> str | None:
    tokens = sentence.tokens
    statuses = [
        status
        for i, t in enumerate(tokens)
        for status, words in STATUS_WORDS.items()
        if (words.fullmatch(t.lemma) or words.fullmatch(t.text.lower()))
        and not any(m.lemma in IDIOM_MATES for m in tokens[i + 1 : i + 3])
    ]
    if not statuses:
        return None
    if PLANNED.search(text[sentence.start : sentence.stop]):
        return "planned"
    return max(statuses, key=STATUS_RANK.get)


def _inside(mention: Mention, sentence: Sentence) -> bool:
    return sentence.start <= mention.start and mention.stop <= sentence.stop


def _same_document(a: DocumentRecord, b: DocumentRecord) -> bool:
    """Tell two records of one article that describe one document: a headline and its lead, or a
    sentence and the next that names the signatories. Disjoint parties mean two documents."""
    if (a.type, a.status) != (b.type, b.status):
        return False
    if a.number and b.number and a.number != b.number:
        return False
    if a.date and b.date and a.date != b.date:
        return False
    pa, pb = set(a.parties), set(b.parties)
    return not pa or not pb or bool(pa & pb)


def _merged(a: DocumentRecord, b: DocumentRecord) -> DocumentRecord:
    return replace(
        a,
        date=a.date or b.date,
        place=a.place or b.place,
        number=a.number or b.number,
        parties=tuple(dict.fromkeys(a.parties + b.parties)),
    )


def extract_documents(
    annotated: Annotated,
    *,
    places: Sequence[Mention],
    organisations: Sequence[Mention],
    dates: Sequence[Mention],
) -> Iterator[tuple[DocumentRecord, Mention]]:
    """Yield (record, evidence mention) per distinct document signed, adopted or ratified."""
    found: list[tuple[DocumentRecord, Mention]] = []
    for record, mention in _candidates(annotated, places=places, organisations=organisations, dates=dates):
        for i, (earlier, first_mention) in enumerate(found):
            if _same_document(earlier, record):
                found[i] = (_merged(earlier, record), first_mention)
                break
        else:
            found.append((record, mention))
    yield from found


def _candidates(
    annotated: Annotated,
    *,
    places: Sequence[Mention],
    organisations: Sequence[Mention],
    dates: Sequence[Mention],
) -> Iterator[tuple[DocumentRecord, Mention]]:
    """Yield a (record, mention) per document type and sentence with a signing/adopting predicate."""
    text = annotated.text
    event = next((d for d in dates if d.attrs.get("role") == "event"), None)
    seen: set[tuple] = set()
    for sentence in annotated.sentences:
        types = _document_types(sentence.tokens)
        if not types:
            continue
        status = _status(sentence, text)
        if status is None:
            continue
        sentence_text = text[sentence.start : sentence.stop]
        in_sentence_places = [p for p in places if _inside(p, sentence)]
        parties = tuple(
            dict.fromkeys(
                [o.normal for o in organisations if _inside(o, sentence)]
                + [p.normal for p in in_sentence_places if p.attrs.get("kind") == "country"]
            )
        )
        city = next((p.normal for p in in_sentence_places if p.attrs.get("kind") == "city"), None)
        own_dates = [
            d for d in dates if _inside(d, sentence) and d.attrs["value"] and d.attrs["role"] != "published"
        ]
        date = own_dates[0].attrs["value"] if own_dates else (event.attrs["value"] if event else None)
        number_match = NUMBER.search(sentence_text)
        number = (number_match.group(1) or number_match.group(2)) if number_match else None
        first_of_type: dict[str, int] = {}
        for index, kind in types:
            first_of_type.setdefault(kind, index)
        for kind, index in first_of_type.items():
            key = (kind, status, number, frozenset(parties), date)
            if key in seen:
                continue
            seen.add(key)
            token = sentence.tokens[index]
            record = DocumentRecord(
                type=kind,
                status=status,
                date=date,
                place=city,
                number=number,
                parties=parties,
                text=sentence_text.strip(),
                start=sentence.start,
                stop=sentence.stop,
            )
            yield record, Mention("document", token.start, token.stop, token.text, kind, {"status": status})
