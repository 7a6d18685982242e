"""The one overlap policy of the pipeline, in the manner of `spacy.util.filter_spans`: spans are
taken in order of priority (by default the longest first, then the earliest) and a span that
overlaps one already taken is dropped, except where one kind of span may sit inside another (an
organisation named with its place keeps the place: "Министерство финансов [Кыргызской
Республики]"). Every span repair and the date candidates go through it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

# (outer type, inner type): an inner span of this type may lie inside an outer one.
NESTED = frozenset({("ORG", "LOC")})


def _bounds(span: Any) -> tuple[int, int]:
    return span.start, span.stop


def filter_spans(
    spans: Iterable[T],
    *,
    key: Callable[[T], Any] | None = None,
    bounds: Callable[[T], tuple[int, int]] = _bounds,
    nested: frozenset[tuple[str, str]] = NESTED,
) -> list[T]:
    """Give the spans that survive, in text order: each taken in order of `key` (by default the
    longest first, then the earliest) unless it overlaps a span taken before (a span of an allowed
    `nested` pair may lie inside the other)."""

    def longest_first(span: T) -> tuple[int, int]:
        start, stop = bounds(span)
        return -(stop - start), start

    key = key or longest_first
    taken: list[T] = []
    for span in sorted(spans, key=key):
        start, stop = bounds(span)
        if all(_compatible((start, stop, span), (*bounds(t), t), nested) for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: (bounds(s)[0], bounds(s)[1]))


def _compatible(a: tuple, b: tuple, nested: frozenset) -> bool:
    a_start, a_stop, a_span = a
    b_start, b_stop, b_span = b
    if a_stop <= b_start or b_stop <= a_start:
        return True
    a_type, b_type = getattr(a_span, "type", None), getattr(b_span, "type", None)
    if b_start <= a_start and a_stop <= b_stop and (b_type, a_type) in nested:
        return True  # a inside b
    return a_start <= b_start and b_stop <= a_stop and (a_type, b_type) in nested


def overlaps(span: Any, others: Sequence[Any]) -> bool:
    """Tell whether a span overlaps any of `others`."""
    start, stop = _bounds(span)
    return any(start < o.stop and o.start < stop for o in others)
