"""Article text is untrusted: how it goes into a spreadsheet cell or an HTML page.

- `csv_cell`: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
  leading apostrophe, so Excel and LibreOffice show it as text instead of running it as a formula
  (OWASP's "CSV injection" advice); a list is joined with " | ", a missing item as an empty string.
  Numbers stay numbers; Parquet and the database keep every value as it is. It is the one guard
  of every CSV cell the pipeline writes (`write.py`).
- `html_text`, `html_url`: every string from an article that goes into a page (text, names,
  titles, attribute values) is escaped, quotes included; a link keeps only http, https and mailto
  URLs, so "javascript:" or "data:" never becomes one. Any HTML the pipeline writes escapes the
  same way: the review pages (`review/`) through Jinja2's autoescape (MarkupSafe escapes the same
  five characters) and displaCy, which escapes the text it marks; no template puts an article's
  URL in a link. tests/test_safe.py builds them from hostile articles.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from .schema import LIST_SEPARATOR

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINK_SCHEMES = ("http", "https", "mailto")


def csv_cell(value: object) -> object:
    """Give the CSV cell of a value: "" for None, a list joined with " | " (a missing item empty,
    never "None"), a text that a spreadsheet would take for a formula behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def html_text(value: object) -> str:
    """Give a value as HTML text or attribute value: <, >, &, " and ' escaped."""
    return html.escape("" if value is None else str(value), quote=True)


def html_url(url: object) -> str | None:
    """Give an escaped URL for an href when its scheme is http, https or mailto, else None."""
    text = "" if url is None else str(url).strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return None
    return html_text(text) if scheme in LINK_SCHEMES else None
