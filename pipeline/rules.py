"""Rules registered by name, so that they can be listed, switched off and measured one by one
(in the manner of spaCy's `registry` and `@Language.component`).

A rule is a function a stage calls: a span repair (annotated article, spans -> spans), a filter
(a mention -> whether to drop it) or a decision (-> a value). `@rule(name, ...)` registers it with
the stage that calls it, the languages it serves, the kinds of span it reads or changes, and what
it gives when it is switched off (`off`): a repair then gives its spans back unchanged, a filter
drops nothing, a decision gives its neutral value. `pipeline extract --disable NAME` and
`pipeline ablate` switch rules off; nothing else does.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

STAGES = ("spans", "dates", "places", "people", "organisations", "documents", "merge")
LANGS = ("ru", "en")


class _Unchanged:
    """The `off` value of a repair: the spans it was given (its second argument), unchanged."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()


@dataclass(frozen=True)
class Computed:
    """An `off` value computed from the rule's arguments: `Computed(lambda groups: (groups, set()))`."""

    give: Callable


_caches: list[Callable] = []


def cached(func: Callable) -> Callable:
    """Mark a cached function (functools.cache / lru_cache) whose results depend on rules: its
    cache is cleared whenever the rules switched off change."""
    _caches.append(func)
    return func


@dataclass(frozen=True)
class Rule:
    """A registered rule: its name, where it runs, what it touches and what it does."""

    name: str
    stage: str
    langs: tuple[str, ...]
    touches: tuple[str, ...]
    doc: str
    func: Callable = None  # type: ignore[assignment]
    off: Any = UNCHANGED


REGISTRY: dict[str, Rule] = {}
_disabled: frozenset[str] = frozenset()


def rule(
    name: str,
    *,
    stage: str,
    langs: Iterable[str] = LANGS,
    touches: Iterable[str] = (),
    off: Any = UNCHANGED,
) -> Callable[[Callable], Callable]:
    """Register the decorated function as rule `name`; switched off, it gives `off` (by default
    the spans it was given, for a repair)."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r} for rule {name!r}")
    langs = tuple(langs)
    if not set(langs) <= set(LANGS):
        raise ValueError(f"unknown language in {langs!r} for rule {name!r}")

    def register(func: Callable) -> Callable:
        if name in REGISTRY:
            raise ValueError(f"rule {name!r} is registered twice")

        @functools.wraps(func)
        def run(*args, **kwargs):
            if name in _disabled:
                if off is UNCHANGED:
                    return args[1]
                return off.give(*args, **kwargs) if isinstance(off, Computed) else off
            return func(*args, **kwargs)

        doc = (func.__doc__ or "").strip().split("\n\n")[0]
        REGISTRY[name] = Rule(name, stage, langs, tuple(touches), " ".join(doc.split()), run, off)
        run.rule_name = name
        return run

    return register


def enabled(name: str) -> bool:
    """Tell whether rule `name` is on (registered and not switched off)."""
    if name not in REGISTRY:
        raise KeyError(f"no rule named {name!r}")
    return name not in _disabled


def rules(*, stage: str | None = None, lang: str | None = None) -> Iterator[Rule]:
    """Give the registered rules (of one stage, serving one language) in registration order."""
    _load_all()
    for r in REGISTRY.values():
        if (stage is None or r.stage == stage) and (lang is None or lang in r.langs):
            yield r


def disabled_rules() -> frozenset[str]:
    return _disabled


def check_names(names: Iterable[str]) -> frozenset[str]:
    """Give `names` as a set, each one checked to be a registered rule (or a prefix ending in "."
    that names a family of rules: "org." switches every rule whose name starts so)."""
    _load_all()
    out: set[str] = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        family = [r for r in REGISTRY if name.endswith(".") and r.startswith(name)]
        if name not in REGISTRY and not family:
            raise KeyError(f"no rule named {name!r} (see `pipeline rules`)")
        out |= set(family) if family else {name}
    return frozenset(out)


def set_disabled(names: Iterable[str]) -> None:
    """Switch off the rules named (and switch on every other one), for this process."""
    global _disabled
    names = check_names(names)
    if names != _disabled:
        for cache in _caches:
            cache.cache_clear()
    _disabled = names


@contextmanager
def disabled(names: Iterable[str]) -> Iterator[None]:
    """Switch off the rules named while the block runs."""
    before = _disabled
    set_disabled(names)
    try:
        yield
    finally:
        set_disabled(before)


def _load_all() -> None:
    """Import every module that registers rules, so that the registry is complete."""
    from . import extract, identity, merge  # noqa: F401 - imported for their registrations
