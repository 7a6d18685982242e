"""Organisations stage: NER organisation spans -> organisation mentions with abbreviations."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..article import Annotated, Mention
from .common import (
    abbreviation_after,
    is_misfiled_place,
    span_mentions,
    split_abbreviation,
)

# Not organisations although NER often says so: diseases, and spans that are only a country adjective.
_NOT_ORGANISATION = re.compile(r"^(?:COVID(?:-19)?|коронавирус\w*|SARS-CoV-2)$", re.IGNORECASE)


def extract_organisations(annotated: Annotated) -> Iterator[Mention]:
    """Yield organisation mentions; attrs `abbreviation` holds one given in brackets."""
    text = annotated.text
    for mention in span_mentions(annotated, "ORG", "organisation"):
        if _NOT_ORGANISATION.match(mention.text) or is_misfiled_place(
            text, mention.start, mention.stop, mention.normal
        ):
            continue  # a disease, or a bare place name (the places stage takes those)
        normal, abbreviation = split_abbreviation(mention.normal)
        abbreviation = abbreviation or abbreviation_after(text, mention.stop)
        yield Mention(
            "organisation", mention.start, mention.stop, mention.text, normal, {"abbreviation": abbreviation}
        )
