"""The article's organisation, place and person mentions, looked up by offsets, and the
countries named without a mention (nationality words, names NER left unmarked)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ...article import Mention
from ...gazetteer import demonym_country as gazetteer_demonym_country
from ...gazetteer import lookup_place
from ...keys import has_cyrillic
from .syntax import Tree

PARTY_KINDS = ("organisation", "country")


@dataclass(frozen=True)
class Names:
    """The article's organisation, place and person mentions, for look-ups by offsets."""

    mentions: tuple[Mention, ...]
    starts: tuple[int, ...] = field(default=(), compare=False)

    @classmethod
    def of(cls, *groups: Sequence[Mention]) -> Names:
        ordered = tuple(sorted((m for g in groups for m in g), key=lambda m: (m.start, -m.stop)))
        return cls(ordered, tuple(m.start for m in ordered))

    def inside(self, start: int, stop: int) -> list[Mention]:
        """Give the mentions lying inside [start, stop), outermost only."""
        i = bisect.bisect_left(self.starts, start)
        out: list[Mention] = []
        while i < len(self.mentions) and self.mentions[i].start < stop:
            m = self.mentions[i]
            if m.stop <= stop and not (out and m.start < out[-1].stop):
                out.append(m)
            i += 1
        return out

    def cities(self, start: int, stop: int) -> list[Mention]:
        """Give the cities among the mentions lying inside [start, stop)."""
        return [m for m in self.inside(start, stop) if m.kind == "place" and m.attrs.get("kind") == "city"]

    def covering(self, offset: int, kind: str | None = None) -> Mention | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        while i >= 0 and i >= bisect.bisect_right(self.starts, offset) - 8:
            m = self.mentions[i]
            if m.start <= offset < m.stop and (kind is None or m.kind == kind):
                return m
            i -= 1
        return None

    @cached_property
    def by_kind(self) -> dict[str, list[Mention]]:
        out: dict[str, list[Mention]] = {}
        for m in self.mentions:
            out.setdefault(party_kind(m), []).append(m)
        return out


def party_kind(m: Mention) -> str:
    """Give `organisation`, `country`, `person` or `place` (any other place) for a mention."""
    if m.kind == "place":
        return "country" if m.attrs.get("kind") == "country" else "place"
    return m.kind


def demonym_country(word: str) -> str | None:
    """Give the country an English nationality word names ("Iranian" -> Iran, "Tajik" -> Tajikistan)."""
    info = gazetteer_demonym_country(word)
    return info.name("en") if info else None


def known_country(tree: Tree, a: int, b: int) -> str | None:
    """Give a country named by a proper noun in tokens [a, b) that NER left unmarked ("Iran and
    Tajikistan signed…" with only Iran found)."""
    found = known_country_at(tree, a, b)
    return found[1] if found else None


def known_country_at(tree: Tree, a: int, b: int) -> tuple[int, str] | None:
    """Give (token index, name) of the first country named by a proper noun in tokens [a, b)
    that NER left unmarked."""
    for k in range(a, min(b, len(tree.tokens))):
        t = tree.tokens[k]
        if (
            t.pos == "PROPN"
            and t.text[:1].isupper()
            and (info := lookup_place(t.text))
            and info.kind == "country"
        ):
            return k, info.name("ru" if has_cyrillic(t.text) else "en")
    return None
