"""People stage: NER person spans -> person mentions in the nominative, initials spelled "З. Х."."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..article import Annotated, Mention
from .common import span_mentions
from .roles import find_role

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


def extract_people(annotated: Annotated) -> Iterator[Mention]:
    """Yield person mentions with normal "Name Surname" or "I. O. Surname"."""

    for mention in span_mentions(annotated, "PER", "person"):
        if not re.search(r"[A-ZА-ЯЁ]", mention.text):
            continue
        yield replace(
            mention,
            normal=canonical_person(tidy_initials(mention.normal)),
            attrs={"role": find_role(annotated, mention)},
        )
