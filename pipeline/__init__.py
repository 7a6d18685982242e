"""Information extraction from Russian and English news: the library behind `pipeline`."""

from .article import Article, DateRecord, DocumentRecord, Entity, Mention, Result, Source
from .run import Summary, extract_folder, process

__all__ = [
    "Article", "DateRecord", "DocumentRecord", "Entity", "Mention", "Result", "Source",
    "Summary", "extract_folder", "process",
]  # fmt: skip
