"""People stage: NER person spans -> person mentions in the nominative, initials spelled "З. Х."."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..article import Annotated, Mention
from .common import canonical_person, span_mentions, tidy_initials
from .roles import anaphoric_role, find_role


def extract_people(annotated: Annotated) -> Iterator[Mention]:
    """Yield person mentions with normal "Name Surname" or "I. O. Surname"."""

    for mention in span_mentions(annotated, "PER", "person"):
        if not re.search(r"[A-ZА-ЯЁ]", mention.text):
            continue
        role = find_role(annotated, mention)
        inferred = None if role else anaphoric_role(annotated, mention)
        yield replace(
            mention,
            normal=canonical_person(tidy_initials(mention.normal)),
            attrs={"role": role or inferred, "role_inferred": inferred is not None},
        )
