"""People stage: NER person spans -> person mentions in the nominative, initials spelled "З. Х."."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..article import Annotated, Mention
from .common import canonical_person, span_mentions, tidy_initials
from .roles import find_role


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
