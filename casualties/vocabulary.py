"""The closed vocabularies, and what each claimant type is: one file, read in one place.

``data/reference/vocabularies.yaml`` lists every value of every closed column with what it
covers (``value: description``). A value may instead be a mapping: its ``description`` and
its attributes, so that a claimant type's colour, kind of source, enemies, own forces and
roles live beside its definition and not as constants spread over the stages (adding a
claimant type: docs/architecture.md). The file is read and checked once; everything else
(``casualties.contract``, extract, analyse, the site's charts and data dictionary) asks here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from casualties.errors import CasualtiesError
from casualties.paths import REFERENCE

VOCABULARIES_PATH = REFERENCE / "vocabularies.yaml"

#: What kind of source a claimant type is (analyse's ``source_kind``; ``unknown`` when
#: the type names none).
SOURCE_KINDS = ("belligerent", "monitor", "press")
#: Roles the extractor reads a claimant type in (at most one type each): ``outlet``, the
#: outlet's own reporting when nobody is named; ``home_government``, the government of the
#: state a story is about; ``nato_military``, the NATO-led mission and its states' forces.
ROLES = ("outlet", "home_government", "nato_military")
#: The claimant of a text no alias or lexicon knows (it needs no alias, kind or colour).
UNKNOWN = "unknown"

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_PLAIN = frozenset({"description", "colour"})
_ATTRIBUTES = {
    "claimant": _PLAIN
    | {"source_kind", "enemies", "own_forces", "armed_group", "publisher", "role"},
    "victim": _PLAIN | {"armed_force", "national"},
}
#: Attributes that are true or false (false when not given).
_FLAGS = frozenset({"armed_group", "publisher", "armed_force", "national"})


@dataclass(frozen=True)
class ClaimantType:
    """One value of the claimant vocabulary and its attributes (vocabularies.yaml)."""

    name: str
    description: str
    colour: str | None = None
    source_kind: str | None = None  # belligerent / monitor / press
    enemies: frozenset[str] = frozenset()  # victim groups it claims as its enemy's losses
    own_forces: str | None = None  # the victim group of "our soldiers" in its statements
    armed_group: bool = False  # "the group said" can refer to it
    publisher: bool = False  # an outlet can be it (a press release of its own)
    role: str | None = None  # one of ROLES


@dataclass(frozen=True)
class Vocabularies:
    """Every closed vocabulary: descriptions, colours and true / false attributes by column,
    and the claimant types."""

    descriptions: dict[str, dict[str, str]]
    colours: dict[str, dict[str, str]]
    claimants: dict[str, ClaimantType]
    flags: dict[str, dict[str, tuple[str, ...]]]  # column -> flag -> values that have it


def load(path: Path = VOCABULARIES_PATH) -> Vocabularies:
    """Read and check a vocabularies file; a problem raises ``CasualtiesError`` naming it."""
    try:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise CasualtiesError(f"{path}: cannot read the vocabularies: {error}") from error
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise CasualtiesError(f"{path}: each column must map its values to descriptions")
    problems: list[str] = []
    entries = {
        str(column): {str(v): _entry(column, v, spec, problems) for v, spec in values.items()}
        for column, values in raw.items()
    }
    descriptions = {c: {v: e["description"] for v, e in vs.items()} for c, vs in entries.items()}
    colours = {
        c: {v: str(e["colour"]) for v, e in vs.items() if "colour" in e}
        for c, vs in entries.items()
    }
    claimants = {
        v: _claimant(v, e, descriptions, problems) for v, e in entries.get("claimant", {}).items()
    }
    flags = {
        c: {f: tuple(v for v, e in vs.items() if e.get(f) is True) for f in _FLAGS}
        for c, vs in entries.items()
    }
    roles = [t.role for t in claimants.values() if t.role]
    problems += [f"claimant: role {r!r} is given to two types" for r in ROLES if roles.count(r) > 1]
    if problems:
        raise CasualtiesError(f"{path}: " + "; ".join(problems))
    return Vocabularies(descriptions, colours, claimants, flags)


def _entry(column: Any, value: Any, spec: Any, problems: list[str]) -> dict[str, Any]:
    """``value: description`` or ``value: {description: ..., attribute: ...}``."""
    if not isinstance(spec, dict):
        return {"description": "" if spec is None else str(spec)}
    allowed = _ATTRIBUTES.get(column, _PLAIN)
    unknown = sorted(set(spec) - allowed)
    if unknown:
        problems.append(f"{column} {value}: unknown attribute(s) {', '.join(map(str, unknown))}")
    entry = {k: v for k, v in spec.items() if k in allowed}
    entry["description"] = str(entry.get("description") or "")
    if "colour" in entry and not _COLOUR.fullmatch(str(entry["colour"])):
        problems.append(f"{column} {value}: colour {entry['colour']!r} is not #rrggbb")
    for flag in _FLAGS & set(entry):
        if not isinstance(entry[flag], bool):
            problems.append(f"{column} {value}: {flag} must be true or false")
    return entry


def _claimant(name: str, entry: dict, descriptions: dict, problems: list[str]) -> ClaimantType:
    """A claimant type whose enemies and own forces are victim values."""
    victims = descriptions.get("victim", {})
    enemies = entry.get("enemies") or []
    own = entry.get("own_forces")
    for group in [*enemies, *([own] if own is not None else [])]:
        if group not in victims:
            problems.append(f"claimant {name}: {group!r} is not a victim value")
    kind, role = entry.get("source_kind"), entry.get("role")
    if kind is not None and kind not in SOURCE_KINDS:
        problems.append(f"claimant {name}: source_kind {kind!r} is not one of {SOURCE_KINDS}")
    if role is not None and role not in ROLES:
        problems.append(f"claimant {name}: role {role!r} is not one of {ROLES}")
    return ClaimantType(
        name,
        entry["description"],
        entry.get("colour"),
        kind,
        frozenset(map(str, enemies)),
        None if own is None else str(own),
        entry.get("armed_group", False) is True,
        entry.get("publisher", False) is True,
        role,
    )


@cache
def vocabularies() -> Vocabularies:
    """The project's vocabularies file, read once."""
    return load()


def descriptions() -> dict[str, dict[str, str]]:
    """Column -> value -> what it covers (the site's data dictionary shows them)."""
    return vocabularies().descriptions


def colours(column: str) -> dict[str, str]:
    """Value -> its colour in every chart, in vocabulary order (values with one)."""
    return vocabularies().colours.get(column, {})


def claimant_types() -> dict[str, ClaimantType]:
    """Claimant value -> its type, in vocabulary order."""
    return vocabularies().claimants


def flagged(column: str, flag: str) -> tuple[str, ...]:
    """Values of ``column`` whose attribute ``flag`` is true, in vocabulary order."""
    return vocabularies().flags.get(column, {}).get(flag, ())


def armed_groups() -> tuple[str, ...]:
    """Claimant types that are armed groups ("the group said" refers to one of them)."""
    return flagged("claimant", "armed_group")


def publishers() -> tuple[str, ...]:
    """Claimant types an outlet can be (an organisation publishing its own statements)."""
    return flagged("claimant", "publisher")


@cache
def own_forces() -> dict[str, str]:
    """Claimant type -> the victim group of its own forces ("our soldiers")."""
    return {name: t.own_forces for name, t in claimant_types().items() if t.own_forces}


@cache
def enemies() -> dict[str, frozenset[str]]:
    """Claimant type -> the victim groups it counts as its enemy (docs/analysis.md, Grades)."""
    return {name: t.enemies for name, t in claimant_types().items() if t.enemies}


@cache
def source_kinds() -> dict[str, str]:
    """Claimant type -> belligerent, monitor or press (types without one are absent)."""
    return {name: t.source_kind for name, t in claimant_types().items() if t.source_kind}


@cache
def claimant_role(role: str) -> str:
    """The claimant type read in ``role`` (one of ``ROLES``)."""
    found = [name for name, t in claimant_types().items() if t.role == role]
    if not found:
        raise CasualtiesError(f"{VOCABULARIES_PATH}: no claimant type has role {role!r}")
    return found[0]
