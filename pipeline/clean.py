"""Raw article text -> clean text and title: Unicode repair, page chrome removed, repeats dropped.

The cleaned text is `title + "\\n\\n" + body`; every offset in the output tables refers to it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .article import Article, Source
from .lang import detect_language
from .lexicon import all_lexicons, alternatives
from .lexicon.common import SHARE_WORDS, SOCIAL_NETWORKS

# --- Unicode repair ----------------------------------------------------------------------

_CHAR_MAP = {
    "\u0450": "ё",  # ѐ typed for ё (e with grave), common in Central Asian sites' fonts
    "\u0400": "Ё",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space, joiners, word joiner, BOM inside text
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\t": " ",
}
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_RUNS_OF_SPACES = re.compile(r" {2,}")

# Latin letters that look like Cyrillic ones and back; used only inside words of the other script.
_LAT_TO_CYR = str.maketrans("aceopxyACEHKMOPTXBy", "асеорхуАСЕНКМОРТХВу")
_CYR_TO_LAT = str.maketrans("асеорхуАСЕНКМОРТХВ", "aceopxyACEHKMOPTXB")
_LOOKALIKE_LAT = set("aceopxyACEHKMOPTXB")
_LOOKALIKE_CYR = set("асеорхуАСЕНКМОРТХВ")
_WORD = re.compile(r"[^\W\d_]+")


def _script(ch: str) -> str:
    if "\u0400" <= ch <= "\u04ff":
        return "cyr"
    if ch.isascii() and ch.isalpha():
        return "lat"
    return "other"


def _fix_mixed_word(match: re.Match) -> str:
    """Turn look-alike letters of the minority script into the majority script of the word."""
    word = match.group(0)
    scripts = [_script(c) for c in word]
    n_cyr, n_lat = scripts.count("cyr"), scripts.count("lat")
    if not n_cyr or not n_lat:
        return word
    if n_cyr > n_lat and all(c in _LOOKALIKE_LAT for c, s in zip(word, scripts, strict=True) if s == "lat"):
        return word.translate(_LAT_TO_CYR)
    if n_lat > n_cyr and all(c in _LOOKALIKE_CYR for c, s in zip(word, scripts, strict=True) if s == "cyr"):
        return word.translate(_CYR_TO_LAT)
    return word


def repair_unicode(text: str) -> str:
    """Give `text` in NFC with newlines, spaces, ё, soft hyphens and mixed-script words repaired."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = "".join(_CHAR_MAP.get(c, c) for c in text) if any(c in _CHAR_MAP for c in text) else text
    text = _SPACES.sub(" ", text)
    text = _WORD.sub(_fix_mixed_word, text)
    return text


# --- Page chrome ---------------------------------------------------------------------------


@cache
def _chrome_line() -> re.Pattern:
    """Give the pattern of a whole line of page chrome, in any language (cleaning comes before
    the language is known)."""
    lines = {line for lex in all_lexicons() for line in lex.CHROME_LINES}
    return re.compile(rf"^{alternatives(sorted(lines))}[\s:.!]*$", re.IGNORECASE)


def is_chrome(line: str) -> bool:
    """Tell whether a line is page chrome: share buttons, navigation, 'read also', counters."""
    stripped = line.strip()
    if not stripped:
        return False
    if _chrome_line().match(stripped):
        return True
    words = re.findall(r"[\w.\-]+", stripped.lower())
    return (
        bool(words)
        and all(w in SOCIAL_NETWORKS for w in words)
        and (len(words) >= 2 or words[0] in SHARE_WORDS)
    )


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", line.casefold()).strip()


def _find_title(lines: list[str]) -> int | None:
    """Give the index of the headline: a line near the top that the page repeats as a paragraph
    (the lines above it are then site header), else the first line if it is short enough."""
    head = [i for i, line in enumerate(lines[:15]) if line.strip()]
    keys = [_key(lines[i]) for i in head]
    for pos, i in enumerate(head):
        if len(keys[pos].split()) >= 3 and keys[pos] in keys[pos + 1 :]:
            return i
    return head[0] if head and len(lines[head[0]]) <= 300 else None


def clean_text(raw: str, *, title: str | None = None) -> tuple[str, str | None]:
    """Give (clean text, title): chrome and repeated paragraphs removed, title as the first line."""
    lines = [_RUNS_OF_SPACES.sub(" ", line).strip() for line in repair_unicode(raw).split("\n")]
    lines = [line for line in lines if not is_chrome(line)]
    if title:
        title = _RUNS_OF_SPACES.sub(" ", repair_unicode(title)).strip()
    else:
        index = _find_title(lines)
        if index is not None:
            title = lines[index]
            lines = lines[index + 1 :]
    seen = {_key(title)} if title else set()
    body: list[str] = []
    for line in lines:
        key = _key(line)
        if key:
            if key in seen:
                continue
            seen.add(key)
        if line or (body and body[-1]):
            body.append(line)
    while body and not body[-1]:
        body.pop()
    paragraphs = "\n".join(body)
    paragraphs = re.sub(r"\n{2,}", "\n\n", paragraphs).strip("\n")
    if title:
        return (f"{title}\n\n{paragraphs}" if paragraphs else title), title
    return paragraphs, None


def prepare(source: Source) -> Article:
    """Give the cleaned Article of a readable Source, with its detected language."""
    text, title = clean_text(source.text or "", title=source.title)
    return Article(
        source=source, text=text, title=title, lang=detect_language(text), published=source.published
    )
