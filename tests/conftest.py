"""Shared fixtures: models load once per session; helpers build articles from inline text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.article import Annotated, Article, Source
from pipeline.clean import prepare

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def make_article(text: str, *, lang: str | None = None, published: str | None = None) -> Article:
    """Give a cleaned Article of `text` (language detected unless given)."""
    article = prepare(Source("test", "test.txt", "0" * 64, text=text, published=published))
    if lang and article.lang != lang:
        article = Article(article.source, article.text, article.title, lang, article.published)
    return article


def bare(text: str, *, lang: str = "ru", published: str | None = None) -> Annotated:
    """Give an Annotated without model output: enough for the rule stages (dates)."""
    source = Source("test", "test.txt", "0" * 64, text=text, published=published)
    return Annotated(Article(source, text, None, lang, published), (), ())


@pytest.fixture(scope="session")
def annotate():
    """Give a function text -> Annotated through the real backends (natasha / spaCy)."""
    from pipeline.nlp import backend_for

    def run(text: str, *, lang: str | None = None, published: str | None = None) -> Annotated:
        article = make_article(text, lang=lang, published=published)
        return backend_for(article.lang).annotate(article)

    return run
