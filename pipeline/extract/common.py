"""Small pure helpers the stages share: span trimming, English name forms, NER spans -> mentions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..article import Annotated, Mention, NerSpan
from ..clean import SOCIAL_WORDS

_TRIM = " \t\n\"'«»“”„‘’`.,;:()[]{}-–—"
_ABBREVIATION_AFTER = re.compile(r"\s*\(\s*([A-ZА-ЯЁ][\w\-&.]{1,19})\s*\)")
_TRAILING_ABBREVIATION = re.compile(r"\s*\(\s*([A-ZА-ЯЁ][\w\-&.]{1,19})\s*\)\s*$")


def trim_span(text: str, start: int, stop: int) -> tuple[int, int]:
    """Give the span cut at its first line break, without surrounding quotes and punctuation."""
    line_break = text.find("\n", start, stop)
    if line_break != -1:
        stop = line_break
    while start < stop and text[start] in _TRIM:
        start += 1
    while stop > start and text[stop - 1] in _TRIM:
        if text[stop - 1] == "." and re.search(r"\b\w\.$", text[start:stop]):
            break  # keep the dot of a final initial: "Махмудов З.Х."
        if text[stop - 1] == ")" and "(" in text[start:stop]:
            break  # keep a balanced "(РЭЦЦА)"
        stop -= 1
    return start, stop


def english_name(text: str) -> str:
    """Give an English name without a leading article or a possessive ending."""
    text = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    return re.sub(r"(?:'s|’s|'|’)$", "", text).strip()


def is_chrome_name(text: str) -> bool:
    """Tell a share-button or site-chrome word taken for a name ("VK", "Telegram", "insta")."""
    words = re.findall(r"[\w.\-]+", text.lower())
    return not words or all(w in SOCIAL_WORDS for w in words)


def split_abbreviation(normal: str) -> tuple[str, str | None]:
    """Split "Региональный центр (РЭЦЦА)" into the name and the abbreviation in brackets."""
    m = _TRAILING_ABBREVIATION.search(normal)
    if m and m.start() > 0:
        return normal[: m.start()].strip(), m.group(1)
    return normal, None


def abbreviation_after(text: str, stop: int) -> str | None:
    """Give the abbreviation in brackets right after a span: "… развитию (ЮНИДО)"."""
    m = _ABBREVIATION_AFTER.match(text, stop)
    return m.group(1) if m else None


def backend_normal(span: NerSpan, surface: str) -> str:
    """Give the backend's normal form of `surface`, a trimmed part of `span`, word by word."""
    if surface == span.text:
        return span.normal
    words, normal_words = span.text.split(), span.normal.split()
    part = surface.split()
    if len(words) == len(normal_words):
        for i in range(len(words) - len(part) + 1):
            if [w.strip(_TRIM) for w in words[i : i + len(part)]] == [w.strip(_TRIM) for w in part]:
                return " ".join(normal_words[i : i + len(part)]).strip(_TRIM) or surface
    return surface


def span_mentions(
    annotated: Annotated, ner_type: str, kind: str, normalise: Callable[[NerSpan, str], str]
) -> Iterator[Mention]:
    """Yield a mention per NER span of `ner_type`, trimmed, with `normalise(span, surface)`, where
    `surface` is the trimmed text of the original `span`."""
    text = annotated.text
    for span in annotated.spans:
        if span.type != ner_type:
            continue
        start, stop = trim_span(text, span.start, span.stop)
        if stop - start < 2 or is_chrome_name(text[start:stop]):
            continue
        surface = text[start:stop]
        normal = normalise(span, surface)
        yield Mention(kind=kind, start=start, stop=stop, text=surface, normal=normal.strip() or surface)
