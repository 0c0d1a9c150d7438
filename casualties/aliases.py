"""Free text to the claimant and victim vocabularies, by ordered pattern rules kept as data.

The rules live in ``data/reference/aliases/claimants.csv`` and ``victims.csv`` (their headers
explain the matching and the choices made). Each row is a regular expression over normalised
text (lower case, periods and apostrophes removed, other punctuation to spaces) and the value
it maps to; rules are tried in file order, most specific first, so noun phrases with modifiers
work ("36 Taliban fighters", "Afghan security forces", "a Romanian soldier").

* claimants: the first rule found anywhere in the text wins; no rule -> ``"unknown"``.
* victims: each rule claims the words it matches and later rules cannot reuse them; exactly
  one specific group named -> that group; none, or two different groups ("civilians and
  soldiers"), -> ``"unspecified"``.

A text that already is a vocabulary value maps to itself, so mapping is idempotent.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from casualties.contract import vocabulary
from casualties.errors import InputError
from casualties.paths import REFERENCE

ALIASES_DIR = REFERENCE / "aliases"


@dataclass(frozen=True)
class AliasRule:
    pattern: re.Pattern
    value: str
    line: int


def normalise(text: str) -> str:
    """Lower case, accents dropped, "U.S." -> "us", "Governor's" -> "governors"."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[.'\u2019`]", "", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def load_rules(path: Path, column: str) -> tuple[AliasRule, ...]:
    """Rules of one alias file; every value must be in the column's vocabulary."""
    allowed = set(vocabulary(column))
    rules, problems = [], []
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    for (number, _), row in zip(lines[1:], reader, strict=False):
        value = (row.get(column) or "").strip()
        if value not in allowed:
            problems.append(f"line {number}: {value!r} is not a {column}")
            continue
        try:
            pattern = re.compile(rf"(?<!\w)(?:{row['pattern'].strip()})(?!\w)")
        except re.error as error:
            problems.append(f"line {number}: bad pattern: {error}")
            continue
        rules.append(AliasRule(pattern, value, number))
    if problems:
        raise InputError(f"{path}: " + "; ".join(problems))
    return tuple(rules)


@cache
def _rules(kind: str) -> tuple[AliasRule, ...]:
    column = {"claimants": "claimant", "victims": "victim"}[kind]
    return load_rules(ALIASES_DIR / f"{kind}.csv", column)


@lru_cache(maxsize=65_536)
def map_claimant(text: str) -> str:
    """Who made a claim ("Taliban spokesman Zabihullah Mujahid") -> claimant vocabulary;
    ``"unknown"`` when no rule knows the text (clean lists those in a warning)."""
    if text is None or text != text:  # None or NaN
        return "unknown"
    if str(text).strip() in vocabulary("claimant"):
        return str(text).strip()
    return _claimant_rule(normalise(text)) or "unknown"


def _claimant_rule(normal: str) -> str | None:
    for rule in _rules("claimants"):
        if rule.pattern.search(normal):
            return rule.value
    return None


@lru_cache(maxsize=65_536)
def map_victim(text: str) -> str:
    """Who suffered ("36 Taliban fighters", "women and children") -> victim vocabulary;
    ``"unspecified"`` for unknown, generic or mixed groups."""
    if text is None or text != text:
        return "unspecified"
    if str(text).strip() in vocabulary("victim"):
        return str(text).strip()
    return _victim_rules(normalise(text)) or "unspecified"


def _victim_rules(normal: str) -> str | None:
    """The victim group the rules give, or None when no rule matches at all."""
    taken = [False] * len(normal)
    groups, matched = set(), False
    for rule in _rules("victims"):
        for match in rule.pattern.finditer(normal):
            if any(taken[match.start() : match.end()]):
                continue
            matched = True
            taken[match.start() : match.end()] = [True] * (match.end() - match.start())
            if rule.value != "unspecified":
                groups.add(rule.value)
    if not matched:
        return None
    return groups.pop() if len(groups) == 1 else "unspecified"


def alias_for(column: str, text: str) -> str | None:
    """``text`` (a hand-typed ``claimant`` or ``victim`` such as "UNAMA", "Afghan MoD") to
    its vocabulary value by the alias tables, or None when no rule of the tables knows it
    (then it is an error, not a guess)."""
    if str(text).strip() in vocabulary(column):
        return str(text).strip()
    rules = {"claimant": _claimant_rule, "victim": _victim_rules}[column]
    return rules(normalise(text))
