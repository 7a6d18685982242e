"""Information extraction from Russian and English news: the library behind `pipeline`.

In a notebook: `pipeline.extract_text(text)` gives one article's records, `pipeline.extract_folder(path)`
a folder's tables as pandas DataFrames (nothing written); `pipeline extract PATH --out DIR` writes them.
"""

from .api import extract_folder, extract_text
from .article import Article, DateRecord, DocumentRecord, Entity, Mention, Result, Source
from .run import Summary, process

__all__ = [
    "Article", "DateRecord", "DocumentRecord", "Entity", "Mention", "Result", "Source",
    "Summary", "extract_folder", "extract_text", "process",
]  # fmt: skip
