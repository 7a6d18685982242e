"""Pages nested deeper than libxml2 parses: found, and flattened so that no text is lost.

Old CMS pages leave `<div><font>…<br>` unclosed, one level per paragraph. libxml2 stops building
the tree at 256 levels (2,048 with `huge_tree`, which only moves the limit) and lxml drops the rest
of the page without an error. `too_deep(html)` tells such a page; `flatten(html)` writes its body
again as a flat list of paragraphs (one per block of text, inline markup dropped), streaming
through the standard library's HTMLParser, which has no depth limit. Keeping the first levels as
they are does not do: the main-text extractor then takes the deepest element for the article and
drops the paragraphs above it.
"""

from __future__ import annotations

import html as html_lib
from html.parser import HTMLParser

import lxml.etree
import lxml.html

LIBXML_DEPTH = 255  # levels at which libxml2 stops without huge_tree
SKIPPED = {"script", "style", "noscript", "template", "svg"}
BLOCK = {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figure", "footer", "form", "h1",
         "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td",
         "th", "tr", "ul"}  # fmt: skip


def too_deep(html: str) -> bool:
    """Tell whether libxml2 would cut `html` short: its parse reaches the depth where it stops."""
    parser = lxml.html.HTMLParser(huge_tree=True, collect_ids=False, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return False
    depth = 0
    for event, _ in lxml.etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth >= LIBXML_DEPTH:
            return True
    return False


class _Flattener(HTMLParser):
    """The head as written; the body as a flat list of paragraphs, one per block of text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head: list[str] = []
        self.paragraphs: list[str] = []
        self.block: list[str] = []
        self.in_head = False
        self.skipping = 0  # inside <script>, <style>, ...

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("head", "body"):
            self.in_head = tag == "head"
        elif self.in_head:
            self.head.append(self.get_starttag_text() or "")
        elif tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCK or tag == "br":
            self.end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        elif self.in_head:
            self.head.append(f"</{tag}>")
        elif tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK:
            self.end_block()

    def handle_data(self, data: str) -> None:
        if self.in_head:
            self.head.append(data if self.cdata_elem else html_lib.escape(data, quote=False))
        elif not self.skipping:
            self.block.append(data)

    def end_block(self) -> None:
        text = " ".join("".join(self.block).split())
        if text:
            self.paragraphs.append(text)
        self.block = []


def flatten(html: str) -> str:
    """Give `html` with its body as a flat list of paragraphs (`<p>`), every text kept."""
    parser = _Flattener()
    parser.feed(html)
    parser.close()
    parser.end_block()
    head = "".join(parser.head)
    body = "".join(f"<p>{html_lib.escape(p, quote=False)}</p>\n" for p in parser.paragraphs)
    return f"<html><head>{head}</head><body>\n{body}</body></html>"
