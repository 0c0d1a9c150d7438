"""Convention presets: how a :class:`~casualties.figures.Figure` becomes ``(low, best, high)``.

Presets are YAML tables (``data/reference/presets/*.yaml``); their formulas ("N", "N+1",
"ceil(1.5*N)", "floor(0.9*N)", and for ranges "M" and "floor(0.5*(N+M))") are evaluated with
exact fractions so that ``ceil(1.1*10)`` is 11, not 12. A range ("between 5 and 8") is read
by the preset's ``range`` row, N the low and M the high number.

A user's conventions file written before a vague word (or the ``range`` row) existed is not
rejected: the missing rows fall back to the ``default`` preset's reading and the preset
carries a warning naming them (``Preset.warnings``, logged by clean).
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import yaml

from casualties.errors import InputError, ParameterError
from casualties.paths import REFERENCE

PRESETS_DIR = REFERENCE / "presets"
FALLBACK_PRESET = "default"
QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "more_than", "about", "nearly", "up_to")
#: The preset row of a range of two numbers (qualifier ``at_least`` with a high number).
RANGE = "range"

log = logging.getLogger("casualties.presets")

_RULE_RE = re.compile(
    r"(?:(?P<round>floor|ceil)\s*\(\s*)?(?:(?P<factor>\d+(?:\.\d+)?)\s*\*\s*)?"
    r"(?P<var>N|M|\(\s*N\s*\+\s*M\s*\))"
    r"\s*(?:(?P<sign>[+-])\s*(?P<offset>\d+))?\s*(?P<close>\))?"
)


@dataclass(frozen=True)
class Rule:
    """One cell of a preset table: ``round(factor * X + offset)``, X one of N, M, (N+M)."""

    text: str
    factor: Fraction = Fraction(1)
    offset: int = 0
    rounding: str | None = None
    var: str = "N"

    @classmethod
    def parse(cls, text: str, where: str, *, two: bool = False) -> Rule:
        match = _RULE_RE.fullmatch(str(text).strip())
        if not match or bool(match.group("round")) != bool(match.group("close")):
            raise InputError(f"{where}: cannot read formula {text!r} (use N, N+1, ceil(1.5*N))")
        var = re.sub(r"\s+", "", match.group("var"))
        if var != "N" and not two:
            raise InputError(f"{where}: {text!r}: only a range row may use M")
        factor = Fraction(match.group("factor") or "1")
        offset = int(match.group("offset") or 0) * (-1 if match.group("sign") == "-" else 1)
        if factor.denominator != 1 and not match.group("round"):
            raise InputError(f"{where}: {text!r} needs floor(...) or ceil(...)")
        return cls(str(text).strip(), factor, offset, match.group("round"), var)

    def __call__(self, n: int, m: int | None = None) -> int:
        base = {"N": n, "M": m if m is not None else n, "(N+M)": n + (m if m is not None else n)}
        x = self.factor * base[self.var] + self.offset
        return math.floor(x) if self.rounding == "floor" else math.ceil(x)


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    qualifiers: dict[str, tuple[Rule, Rule, Rule]] = field(hash=False)
    vague: dict[str, tuple[int, int, int]] = field(hash=False)
    path: Path | None = None
    warnings: tuple[str, ...] = ()


def _rules(cell, where: str, two: bool) -> tuple[Rule, Rule, Rule]:
    if not isinstance(cell, dict) or set(cell) != {"low", "best", "high"}:
        raise InputError(f"{where}: needs low, best and high")
    rules = tuple(Rule.parse(cell[k], f"{where}.{k}", two=two) for k in ("low", "best", "high"))
    for n in (*range(1, 201), 999, 1000, 12345, 10**6):
        for m in (n + 1, 2 * n + 3) if two else (None,):
            low, best, high = (rule(n, m) for rule in rules)
            if not 0 <= low <= best <= high:
                raise InputError(f"{where}: gives low={low} best={best} high={high} for N={n}")
    return rules  # type: ignore[return-value]


def _triple(cell, where: str) -> tuple[int, int, int]:
    try:
        triple = tuple(int(cell[k]) for k in ("low", "best", "high"))
    except (TypeError, KeyError, ValueError) as error:
        raise InputError(f"{where}: needs integer low, best, high") from error
    if not 0 <= triple[0] <= triple[1] <= triple[2]:
        raise InputError(f"{where}: needs 0 <= low <= best <= high")
    return triple  # type: ignore[return-value]


def _load_preset_file(path: Path) -> Preset:
    from casualties.figures import VAGUE_WORDS

    try:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise InputError(f"{path}: cannot read conventions file: {error}") from error
    if not isinstance(raw, dict) or not isinstance(raw.get("qualifiers"), dict):
        raise InputError(f"{path}: a preset needs 'qualifiers' and 'vague' tables")
    vague_raw = raw.get("vague")
    if not isinstance(vague_raw, dict):
        raise InputError(f"{path}: a preset needs a 'vague' table")
    known = (*QUALIFIERS, RANGE)
    problems = [f"qualifier {q!r} missing" for q in QUALIFIERS if q not in raw["qualifiers"]]
    problems += [f"unknown qualifier {q!r}" for q in raw["qualifiers"] if q not in known]
    problems += [f"unknown vague word {w!r}" for w in vague_raw if w not in VAGUE_WORDS]
    if problems:
        raise InputError(f"{path}: " + "; ".join(problems))
    qualifiers = {
        q: _rules(raw["qualifiers"][q], f"{path}: qualifiers.{q}", q == RANGE)
        for q in known
        if q in raw["qualifiers"]
    }
    vague = {w: _triple(vague_raw[w], f"{path}: vague.{w}") for w in VAGUE_WORDS if w in vague_raw}
    missing = [RANGE] if RANGE not in qualifiers else []
    missing += [w for w in VAGUE_WORDS if w not in vague]
    warnings: tuple[str, ...] = ()
    if missing:
        fallback_path = PRESETS_DIR / f"{FALLBACK_PRESET}.yaml"
        if path.resolve() == fallback_path.resolve():
            raise InputError(f"{path}: the fallback preset lacks {', '.join(missing)}")
        fallback = load_preset(FALLBACK_PRESET)
        for name in missing:
            if name == RANGE:
                qualifiers[RANGE] = fallback.qualifiers[RANGE]
            else:
                vague[name] = fallback.vague[name]
        warnings = (
            f"conventions {path.name} has no reading of {', '.join(repr(m) for m in missing)}: "
            f"the '{FALLBACK_PRESET}' preset's reading is used",
        )
        log.warning("%s", warnings[0])
    name = str(raw.get("name") or path.stem)
    description = str(raw.get("description", "")).strip()
    return Preset(name, description, qualifiers, vague, path, warnings)


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime: float) -> Preset:
    return _load_preset_file(Path(path))


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESETS_DIR.glob("*.yaml"))


def load_preset(name_or_path: str | Path) -> Preset:
    """A shipped preset by name (``default``, ``ucdp``, ``acled``) or a user's YAML file."""
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.parent != Path("."):
        path = candidate
    else:
        path = PRESETS_DIR / f"{name_or_path}.yaml"
        if not path.is_file():
            raise ParameterError(
                f"unknown preset {str(name_or_path)!r} (known: {', '.join(preset_names())})"
            )
    if not path.is_file():
        raise ParameterError(f"conventions file not found: {path}")
    return _load_cached(str(path.resolve()), path.stat().st_mtime)
