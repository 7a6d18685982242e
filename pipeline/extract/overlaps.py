"""The one overlap policy of the pipeline, in the manner of `spacy.util.filter_spans`: spans are
taken in order of priority (by default the longest first, then the earliest) and a span that
overlaps one already taken is dropped, except where one kind of span may sit inside another (an
organisation named with its place keeps the place: "Министерство финансов [Кыргызской
Республики]"). Every span repair and the date candidates go through it."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    taken: list[tuple[int, int, T]] = []  # by start: only those that can overlap a span are compared
    longest = 0
    for span in sorted(spans, key=key):
        start, stop = bounds(span)
        here = bisect.bisect_left(taken, stop, key=_start)  # those before begin before it ends
        if all(_compatible((start, stop, span), t, nested) for t in _reaching(taken, here, start - longest)):
            taken.insert(bisect.bisect_right(taken, start, key=_start), (start, stop, span))
            longest = max(longest, stop - start)
    return [span for _, _, span in sorted(taken, key=lambda t: (t[0], t[1]))]


def _start(taken: tuple) -> int:
    return taken[0]


def _reaching(taken: list[tuple], here: int, after: int) -> Iterator[tuple]:
    """Give the spans of `taken` before index `here`, from the last back, while they begin after
    `after` (a span that begins earlier, shorter than the longest taken, ends before the new one)."""
    for i in range(here - 1, -1, -1):
        if taken[i][0] <= after:
            return
        yield taken[i]


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
