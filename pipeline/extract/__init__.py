"""The five extractor stages, run in order over one annotated article.

Each stage is a generator over the `Annotated` article; `documents` also reads what the
earlier stages found. `extract_all` runs them and gives an `Extraction`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..article import Annotated, DocumentRecord, Mention
from .dates import extract_dates, publication
from .documents import extract_documents
from .organisations import extract_organisations
from .people import extract_people
from .places import extract_places
from .repairs import repair_spans

__all__ = ["Extraction", "extract_all"]


@dataclass(frozen=True)
class Extraction:
    published: str | None
    dates: tuple[Mention, ...]
    places: tuple[Mention, ...]
    organisations: tuple[Mention, ...]
    people: tuple[Mention, ...]
    documents: tuple[tuple[DocumentRecord, Mention], ...]
    published_source: str | None = None  # how the publication date was found (`published.SOURCES`)
    documents_reported: int | None = None  # documents reported without their types ("17 documents")


def extract_all(annotated: Annotated) -> Extraction:
    """Give every stage's mentions for one article, after the NER spans are repaired."""
    annotated = repair_spans(annotated)
    published, published_source = publication(annotated)
    dates = tuple(extract_dates(annotated, published=published))
    places = tuple(extract_places(annotated))
    people = tuple(extract_people(annotated))
    organisations = tuple(extract_organisations(annotated, people=people))
    documents = extract_documents(
        annotated, places=places, organisations=organisations, dates=dates, people=people
    )
    return Extraction(
        published,
        dates,
        places,
        organisations,
        people,
        documents.records,
        published_source,
        documents.reported,
    )
