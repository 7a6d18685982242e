"""NewsReader MEANTIME, English (Wikinews; 120 documents in four topics; no split).

Layout: `<root>/intra_cross-doc_annotation/corpus_<topic>/<doc>.xml` (the root may also be that
folder or one topic folder). Splits: "all" (default) or one topic: "airbus", "apple", "gm", "stock".

Text is rebuilt from the `<token>` elements: tokens of a sentence joined by one space, sentences
(the `sentence` attribute; sentence 0 is the headline, 1 the dateline) by "\\n". A markable spans
from its first to its last anchored token (10 entity mentions have gaps: the tokens in between
are included). Markables without token anchors (implicit TIMEX3) are skipped.

- TIMEX3: label "TIMEX3:<type>", `value` = its value attribute; only DATE is scored.
- DCT: the value of the TIMEX3 with functionInDocument="CREATION_TIME" (2 documents have none;
  one value is in US order, "03-02-2009", and is read as 2009-02-03, in its span's value too).
  It is anchored to the dateline in the body text ("March 01 , 2008"), so it stays a span too.
- ENTITY_MENTION: its type is the `ent_type` of the ENTITY it REFERS_TO (label "PER", "ORG",
  "LOC"...); unlinked mentions are skipped. MEANTIME marks every mention, pronouns and common
  nouns included, so only names are kept: syntactic_type NAM or PRE.NAM ("US" in "US airtanker"),
  and, for the 1,986 mentions whose syntactic_type is missing or empty, those that look like a
  name (`looks_like_name`: after an optional determiner every word capitalised, not a pronoun,
  not ending in a title: "Boeing", "the Air Force", "US"; not "the company", "We", "Apple CEO");
  490 PER/ORG/LOC mentions come in this way. Extents are MEANTIME's: a name mention may include
  a determiner or title ("the Nasdaq", "President Dmitry Medvedev").
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from ._common import CorpusDoc, iso_day, kind_of, make_doc, natural_key, span, warn

NAME = "meantime"
FOLDER = "meantime_en"
LANG = "en"
TOPICS = ("airbus", "apple", "gm", "stock")
SPLITS = ("all", *TOPICS)
DEFAULT_SPLIT = "all"

TYPE_MAP: dict[str, str | None] = {
    "PER": "person",
    "ORG": "organisation",
    "LOC": "place",
    "PRO": None,  # products ("iPhone", "787 Dreamliner")
    "FIN": None,  # financial entities (contracts, indices, loans)
    "MIX": None,  # mixed-type entity (1 mention)
    "TIMEX3:DATE": "date",  # calendar dates, incl. underspecified values ("XXXX-XX-XX")
    "TIMEX3:TIME": None,  # times of day: not a calendar date
    "TIMEX3:DURATION": None,  # durations ("50 years") are not dates
    "TIMEX3:SET": None,  # recurrences ("every year")
}

NAME_TYPES = {"NAM", "PRE.NAM"}
_DETERMINERS = {"the", "a", "an"}
_INNER = {"of", "the", "for", "de", "on", "in"}  # lowercase words inside a name ("Bank of America")
_TITLES = {"CEO", "President", "Minister", "Chairman", "Director", "Secretary", "Governor", "Senator"}
_PRONOUNS = set(
    "i me my we us our ours you your he him his she her it its they them their theirs this that these "
    "those who whom whose which what itself themselves himself herself ourselves".split()
)


def _root(path: Path) -> Path:
    inner = path / "intra_cross-doc_annotation"
    return inner if inner.is_dir() else path


def load(path: Path, split: str) -> Iterator[CorpusDoc]:
    root = _root(path)
    files = sorted(root.glob("*/*.xml"), key=natural_key) or sorted(root.glob("*.xml"), key=natural_key)
    if split != "all":
        files = [f for f in files if f.parent.name in (f"corpus_{split}", split)]
    for file in files:
        try:
            yield _load_doc(file, split)
        except (OSError, ET.ParseError, ValueError, KeyError) as error:
            warn(f"{NAME}: {file}: {error}; skipped")


def _value(value: str | None) -> str | None:
    """The TIMEX3 value; the one US-order date of the corpus ("03-02-2009" for "February 03 , 2009",
    120578_Automobile_sales…) is rewritten as ISO 2009-02-03."""
    if value and (match := re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", value)):
        return f"{match[3]}-{match[1]}-{match[2]}"
    return value or None


def looks_like_name(words: list[str]) -> bool:
    """A mention without syntactic type is a name if every word (after a determiner; "of", "the"...
    allowed inside) is capitalised, it is not a pronoun, and it does not end in a title ("Apple CEO")."""
    words = [w.strip("'`") for w in words if re.search(r"\w", w)]
    words = [w for w in words if w]
    if words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    if not words or words[-1] in _TITLES:
        return False
    if len(words) == 1 and words[0].lower() in _PRONOUNS and not (len(words[0]) > 1 and words[0].isupper()):
        return False  # "We", "It"; but "US" is a name
    if not any(w[0].isupper() for w in words):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in _INNER for w in words)


def _load_doc(file: Path, split: str) -> CorpusDoc:
    root = ET.parse(file).getroot()
    pieces: list[str] = []
    where: dict[str, tuple[int, int, str]] = {}  # t_id -> (start, stop, token)
    offset, sentence = 0, None
    for token in root.iter("token"):
        word = (token.text or "").strip() or "_"  # an empty token would break the one-space rebuild
        if pieces:
            pieces.append(" " if token.get("sentence") == sentence else "\n")
            offset += 1
        sentence = token.get("sentence")
        where[token.get("t_id")] = (offset, offset + len(word), word)
        pieces.append(word)
        offset += len(word)
    text = "".join(pieces)
    markables = root.find("Markables")
    if markables is None:
        markables = ET.Element("Markables")
    entity_type = {e.get("m_id"): e.get("ent_type") for e in markables.iter("ENTITY")}
    refers: dict[str, str] = {}
    for link in root.iter("REFERS_TO"):
        target = link.find("target")
        for source in link.findall("source"):
            if target is not None:
                refers.setdefault(source.get("m_id"), target.get("m_id"))
    dct, spans = None, []
    for markable in markables:
        anchors = [where[a.get("t_id")] for a in markable.findall("token_anchor") if a.get("t_id") in where]
        if markable.tag == "TIMEX3" and markable.get("functionInDocument") == "CREATION_TIME":
            dct = dct or iso_day(_value(markable.get("value")))
        if not anchors:
            continue
        start, stop = min(a[0] for a in anchors), max(a[1] for a in anchors)
        if markable.tag == "TIMEX3":
            label = f"TIMEX3:{markable.get('type')}"
            if kind := kind_of(TYPE_MAP, label, NAME):
                spans.append(span(text, start, stop, kind, label, value=_value(markable.get("value"))))
        elif markable.tag == "ENTITY_MENTION":
            label = entity_type.get(refers.get(markable.get("m_id"), ""))
            syntactic = markable.get("syntactic_type") or ""
            words = [a[2] for a in sorted(anchors)]
            if label is None or not (syntactic in NAME_TYPES or (not syntactic and looks_like_name(words))):
                continue
            if kind := kind_of(TYPE_MAP, label, NAME):
                spans.append(span(text, start, stop, kind, label))
    return make_doc(file.stem, LANG, text, spans, dct=dct, split=split)
