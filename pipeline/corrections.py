"""An analyst's corrections, applied by the merger to every article they concern, on every run.

A corrections file is a CSV (comma, semicolon or tab; UTF-8, a BOM allowed) with the columns
`action,kind,name,target`; `#` lines and blank lines are skipped. `kind` is `person`,
`organisation` or `place`; `name` and `target` are names (any spelling that `keys.name_key` makes
equal) or entity ids (`org-…`). Rules apply in the order of the file:

- `alias`: mentions whose normal form is `name` belong to the entity `target`;
- `merge`: the entity `name` (with every form of it) is the entity `target`;
- `rename`: the entity `name` keeps its id and is called `target`;
- `reject`: the entity `name` is no entity: its rows and mentions go, and it is no party of a document.

An entity `target` is the article's entity of that name or id when it has one, else the entity the
gazetteer or the name itself identifies (as the merger would).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .article import Entity, Mention
from .keys import name_key

ACTIONS = ("alias", "merge", "rename", "reject")
KINDS = ("person", "organisation", "place")
COLUMNS = ("action", "kind", "name", "target")
_ID = re.compile(r"^(?:per|org|loc)-[0-9a-f]{12}$")


class CorrectionsError(ValueError):
    """A corrections file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Correction:
    action: str
    kind: str
    name: str
    target: str = ""

    @property
    def key(self) -> str:
        """Give the rule's identity, as the manifest and the state record it."""
        return json.dumps([self.action, self.kind, self.name, self.target], ensure_ascii=False)

    def names(self) -> Iterable[str]:
        """Give the names and ids the rule reads or writes (for what a change of it touches)."""
        for value in (self.name, self.target):
            if value:
                yield value if _ID.match(value) else name_key(value)


def read_corrections(path: Path) -> Corrections:
    """Give the corrections of a CSV file; raise CorrectionsError saying what is wrong and where."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{path}: cannot read corrections: {exc}") from None
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return Corrections(())
    try:
        dialect = csv.Sniffer().sniff(lines[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO("\n".join(lines)), dialect=dialect)
    header = [c.strip().lower() for c in reader.fieldnames or ()]
    missing = [c for c in COLUMNS[:3] if c not in header]
    if missing:
        raise CorrectionsError(
            f"{path}: the header needs the columns {', '.join(COLUMNS)}; missing: {missing}"
        )
    reader.fieldnames = header
    rules = []
    for number, row in enumerate(reader, start=2):
        cells = {c: (row.get(c) or "").strip() for c in COLUMNS}
        rule = Correction(cells["action"].lower(), cells["kind"].lower(), cells["name"], cells["target"])
        where = f"{path}: rule {number - 1} ({', '.join(cells.values())})"
        if rule.action not in ACTIONS:
            raise CorrectionsError(f"{where}: action must be one of {', '.join(ACTIONS)}")
        if rule.kind not in KINDS:
            raise CorrectionsError(f"{where}: kind must be one of {', '.join(KINDS)}")
        if not rule.name or (rule.action != "reject" and not rule.target):
            raise CorrectionsError(f"{where}: `name` is needed, and `target` for {rule.action}")
        rules.append(rule)
    return Corrections(tuple(rules))


@dataclass(frozen=True)
class Corrections:
    rules: tuple[Correction, ...]

    def __bool__(self) -> bool:
        return bool(self.rules)

    def keys(self) -> list[str]:
        return [r.key for r in self.rules]

    def apply(self, entities: Sequence[Entity], *, lang: str) -> tuple[list[Entity], list[str]]:
        """Give the article's entities corrected, and the keys of the rules that changed them."""
        entities, applied = list(entities), []
        for rule in self.rules:
            corrected = _APPLY[rule.action](rule, entities, lang)
            if corrected is not None:
                entities = corrected
                applied.append(rule.key)
        return entities, applied

    def rejects_party(self, name: str, kind: str | None) -> bool:
        """Tell whether a document party that is no entity of the article (of `kind`, when it has a
        mention) is one a rule rejects, by name or by id."""
        for r in self.rules:
            if r.action != "reject" or r.kind == "person" or kind not in (None, r.kind):
                continue
            if _ID.match(r.name):
                if kind is not None and _identity(kind, name, "en")[0] == r.name:  # ids hold in any language
                    return True
            elif name_key(r.name) == name_key(name):
                return True
        return False


def digest(keys: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


# --- the actions ---------------------------------------------------------------------------------------


def _matches(entity: Entity, value: str, lang: str) -> bool:
    """Tell whether `value` (an id or a name) names `entity`."""
    if _ID.match(value):
        return entity.entity_id == value
    key = name_key(value)
    return (
        key in {name_key(n) for n in (entity.name, *entity.aliases)}
        or entity.entity_id == _identity(entity.kind, value, lang)[0]
    )


def _identity(kind: str, value: str, lang: str) -> tuple[str, str, dict]:
    from .merge import identity

    return identity(kind, value, lang=lang)


def _join(into: Entity, moved: Sequence[Mention], forms: Sequence[str]) -> Entity:
    """Give `into` with the mentions `moved` and their forms as aliases."""
    mentions = tuple(sorted({(m.start, m.stop, m.kind): m for m in (*into.mentions, *moved)}.values(),
                            key=lambda m: (m.start, m.stop)))  # fmt: skip
    seen = {name_key(into.name), *map(name_key, into.aliases)}
    aliases = list(into.aliases)
    for form in forms:
        if name_key(form) not in seen:
            seen.add(name_key(form))
            aliases.append(form)
    return replace(into, mentions=mentions, aliases=tuple(aliases))


def _target(rule: Correction, entities: list[Entity], lang: str, like: Entity) -> tuple[int | None, Entity]:
    """Give the index of the article's entity that `rule.target` names (None when none) and that entity
    (or a new one, identified as the merger would, with the attributes of `like`)."""
    for i, e in enumerate(entities):
        if e.kind == rule.kind and _matches(e, rule.target, lang):
            return i, e
    if _ID.match(rule.target):
        return None, replace(like, entity_id=rule.target, mentions=(), aliases=())
    entity_id, name, attrs = _identity(rule.kind, rule.target, lang)
    return None, replace(
        like, entity_id=entity_id, name=name, mentions=(), aliases=(), attrs={**like.attrs, **attrs}
    )


def _moved(
    entities: list[Entity], source: int, into: Entity, target: int | None, moved, forms
) -> list[Entity]:
    """Give the entities with `moved` mentions joined to `into` (at `target`, else where `source` was)."""
    joined = _join(into, moved, forms)
    out = list(entities)
    if target is None:
        out[source] = joined
    else:
        out[target] = joined
        del out[source]
    return out


def _merge(rule: Correction, entities: list[Entity], lang: str) -> list[Entity] | None:
    for i, e in enumerate(entities):
        if e.kind == rule.kind and _matches(e, rule.name, lang):
            j, into = _target(rule, entities, lang, e)
            if j == i:
                return None
            return _moved(entities, i, into, j, e.mentions, [e.name, *e.aliases])
    return None


def _alias(rule: Correction, entities: list[Entity], lang: str) -> list[Entity] | None:
    key = name_key(rule.name)
    for i, e in enumerate(entities):
        if e.kind != rule.kind:
            continue
        moved = [m for m in e.mentions if key in (name_key(m.normal), name_key(m.text))]
        if not moved:
            continue
        j, into = _target(rule, entities, lang, e)
        if j == i:
            return None
        if len(moved) == len(e.mentions):  # the entity is named only so: all of it moves
            return _moved(entities, i, into, j, moved, [m.normal for m in moved])
        rest = replace(e, mentions=tuple(m for m in e.mentions if m not in moved),
                       aliases=tuple(a for a in e.aliases if name_key(a) != key))  # fmt: skip
        out = list(entities)
        out[i] = rest
        joined = _join(into, moved, [m.normal for m in moved])
        if j is None:
            out.insert(i + 1, joined)
        else:
            out[j] = joined
        return out
    return None


def _rename(rule: Correction, entities: list[Entity], lang: str) -> list[Entity] | None:
    for i, e in enumerate(entities):
        if e.kind == rule.kind and _matches(e, rule.name, lang) and e.name != rule.target:
            aliases = tuple(a for a in (e.name, *e.aliases) if name_key(a) != name_key(rule.target))
            out = list(entities)
            out[i] = replace(e, name=rule.target, aliases=aliases)
            return out
    return None


def _reject(rule: Correction, entities: list[Entity], lang: str) -> list[Entity] | None:
    kept = [e for e in entities if not (e.kind == rule.kind and _matches(e, rule.name, lang))]
    return kept if len(kept) < len(entities) else None


_APPLY = {"alias": _alias, "merge": _merge, "rename": _rename, "reject": _reject}


# --- incremental runs ------------------------------------------------------------------------------------


def touched_articles(out: Path, before: Sequence[str], now: Corrections) -> set[str]:
    """Give the ids of the previous run's articles that a change of rules from `before` (their keys) to
    `now` concerns: those a removed rule changed, and those with an entity a new rule names."""
    import pyarrow.parquet as pq

    from .write import STATE_DIR

    added = [r for r in now.rules if r.key not in set(before)]
    removed = set(before) - set(now.keys())
    touched: set[str] = set()
    state = Path(out) / STATE_DIR
    if removed:
        applied = pq.read_table(state / "corrections_applied.parquet").to_pylist()
        touched |= {row["article_id"] for row in applied if row["rule"] in removed}
    if added:
        names = {n for rule in added for n in rule.names()}
        for row in pq.read_table(
            state / "entity_refs.parquet", columns=["article_id", "entity_id", "names"]
        ).to_pylist():
            if row["entity_id"] in names or any(name_key(n) in names for n in row["names"] or ()):
                touched.add(row["article_id"])
    return touched
