"""NER span repairs, before the stages: each a registered rule for one phenomenon of one kind of
span, run in the declared order below, the spans passed through the one overlap policy
(`overlaps.filter_spans`) after each. `pipeline rules --stage spans` lists them; any of them can
be switched off for ablation.

Where a new repair goes: `places.py` (place spans, and other spans that name places), `people.py`
(person spans), `org_en.py` and `org_ru.py` (organisation spans, by language).
"""

from __future__ import annotations

from dataclasses import replace

from ...article import Annotated
from ...rules import REGISTRY
from ..overlaps import filter_spans
from . import org_en, org_ru, people, people_found, places  # noqa: F401 - imported for their registrations

# The declared order. English organisation spans are repaired first (they hide persons, places
# and portfolios), then datelines, then places (which may become organisations), people (who may
# become places or organisations), organisations that name places; Russian organisation names
# are completed last, when every place is known.
ORDER = (
    "org.en.lower_case_start",
    "org.en.photo_credit",
    "org.en.cut_short",
    "org.en.portfolio",
    "org.en.meeting",
    "org.en.numbered_event",
    "org.en.names_facility",
    "org.en.document_name",
    "org.en.title",
    "org.en.person_with_title",
    "org.en.country_and_person",
    "org.en.coordinated_portfolios",
    "org.en.head_before",
    "org.en.seat",
    "org.en.of_country",
    "org.en.bilateral_body",
    "org.en.person_at_end",
    "org.en.trailing_person",
    "org.en.trailing_position",
    "span.dateline_prefix",
    "place.admin_noun",
    "place.trailing_connective",
    "place.currency_country",
    "place.event",
    "place.compass",
    "place.nationality_word",
    "place.document_parties",
    "place.person_name_word",
    "place.institution_word",
    "place.known_body",
    "place.known_suffix",
    "person.title",
    "person.not_a_name",
    "person.leading_body",
    "person.leading_place",
    "person.title_cut_short",
    "person.nationality_words",
    "person.abbreviation",
    "person.known_organisation",
    "person.place_name",
    "person.natural_feature",
    "person.patronymic_particle",
    "person.named_as_organisation",
    "person.after_title",
    "person.initial_and_surname",
    "person.common_words",
    "person.country_in_name",
    "place.organisation_named_place",
    "place.organisation_of_places",
    "place.untagged_country",
    "place.city_of_named_country",
    "person.lone_word",
    "org.leading_position",
    "org.parent_body",
    "org.governing_phrase",
    "org.coordinated_part",
    "org.known_name_end",
    "org.complement",
    "org.body_of_place",
    "org.closing_quote",
)
# Rules run inside another one (not a pass of their own).
INNER = (
    "place.one_sense_per_article",
    "place.company_named_after_city",
    "place.state_form_name",
    "place.situated_in_place",
    "org.remit_of_position",
)


def repair_spans(annotated: Annotated) -> Annotated:
    """Give the article with its NER spans repaired by every repair of its language, in order."""
    spans = filter_spans(annotated.spans)
    for name in ORDER:
        repair = REGISTRY[name]
        if annotated.lang in repair.langs:
            repaired = repair.func(annotated, spans)
            # filter_spans gives back spans it has filtered as they are: a repair that changed
            # nothing (most, in most articles) needs no pass
            spans = spans if repaired == spans else filter_spans(repaired)
    return replace(annotated, spans=tuple(spans))
