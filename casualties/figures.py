"""Figure phrases: find them in text, parse them to value + qualifier, turn them into ranges.

One grammar (``_FIGURE_RE``) serves both :func:`parse_figure` (a whole phrase such as
"more than 350", "50-plus", "a dozen", "tens of", "no") and :func:`find_figures` (every
figure phrase in running text, with offsets). Number words are read by a small table-driven
parser (``_words_to_int``) rather than ``word2number``: that package is unmaintained, accepts
ill-formed input ("two three" -> 5) and knows neither "a hundred" nor hyphenated tens; a
40-line state machine over fixed tables rejects what it does not understand, which is what
"an unknown phrase is an error, never a guess" needs.

``find_figures`` does not return dates ("Sept. 29", "29 June", "9/11"), years ("2019"),
ages ("Ahmad, 34,", "34-year-old", "aged 34"), times ("10:30", "10 a.m."), ordinals
("fourth", "3rd Brigade"), percentages, money, or durations and distances ("two days",
"10 km"): they are dropped, not marked. Bare articles ("a", "an") are returned only with
``articles=True``; "no"/"none"/"nobody"/"no one" and a negated "any" ("did not kill any") are
returned as 0 exact.

Presets (``data/reference/presets/*.yaml``) turn a :class:`Figure` into ``(low, best, high)``;
their formulas ("N", "N+1", "ceil(1.5*N)", "floor(0.9*N)") are evaluated with exact fractions
so that ``ceil(1.1*10)`` is 11, not 12.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import yaml

from casualties.errors import InputError, ParameterError
from casualties.paths import REFERENCE

PRESETS_DIR = REFERENCE / "presets"

QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "more_than", "about", "nearly", "up_to")
VAGUE_WORDS: tuple[str, ...] = (
    "a couple",
    "a few",
    "several",
    "a number of",
    "dozens",
    "tens of",
    "scores",
    "hundreds",
    "thousands",
    "tens of thousands",
)


class FigureError(ValueError):
    """A figure phrase the grammar does not know (never guessed)."""


@dataclass(frozen=True)
class Figure:
    value: int | None
    qualifier: str
    vague: str | None = None


@dataclass(frozen=True)
class FigureMention:
    start: int
    end: int
    text: str
    figure: Figure


# --- number words --------------------------------------------------------------------------
# The one home of the number-word tables: extract's token reader and the date grammar use
# them too.

NUMBER_UNITS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
NUMBER_TENS: dict[str, int] = {
    w: 10 * i
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
NUMBER_SCALES: dict[str, int] = {"thousand": 1_000, "million": 1_000_000}


def _words_to_int(text: str) -> int:
    """'two hundred and fifty' -> 250, 'fifty-two' -> 52, 'a hundred' -> 100; else FigureError."""
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t]
    total, current, last, last_scale = 0, 0, "start", 10**12
    for token in tokens:
        if token in ("a", "an") and last == "start":
            current, last = 1, "article"
        elif token == "and" and last in ("hundred", "scale"):
            last = "and"
        elif token in NUMBER_UNITS and (
            last in ("start", "hundred", "scale", "and")
            or (last == "tens" and NUMBER_UNITS[token] < 10 and NUMBER_UNITS[token] > 0)
        ):
            current += NUMBER_UNITS[token]
            last = "unit"
        elif token in NUMBER_TENS and last in ("start", "hundred", "scale", "and"):
            current += NUMBER_TENS[token]
            last = "tens"
        elif token == "hundred" and last in ("unit", "article") and 0 < current < 100:
            current *= 100
            last = "hundred"
        elif token in NUMBER_SCALES and last in ("unit", "tens", "hundred", "article"):
            scale = NUMBER_SCALES[token]
            if scale >= last_scale or current == 0:
                raise FigureError(f"not a number: {text!r}")
            total += current * scale
            current, last, last_scale = 0, "scale", scale
        else:
            raise FigureError(f"not a number: {text!r}")
    if last in ("start", "and", "article"):
        raise FigureError(f"not a number: {text!r}")
    return total + current


def _number_value(text: str) -> tuple[int, bool]:
    """The integer a number phrase states, and whether it is approximate ('a dozen')."""
    text = re.sub(r"\s+", " ", text.lower().strip())
    dozen = re.fullmatch(r"(.+?)[\s-]dozen", text)
    if dozen:
        head = dozen.group(1)
        twelves = Fraction(1, 2) if head == "half a" else Fraction(_number_value(head)[0])
        return int(twelves * 12), True
    digits = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?: (hundred|thousand|million))?", text)
    if digits:
        number = Fraction(digits.group(1).replace(",", ""))
        number *= {None: 1, "hundred": 100, "thousand": 1_000, "million": 1_000_000}[
            digits.group(2)
        ]
        if number.denominator != 1:
            raise FigureError(f"not a whole number: {text!r}")
        return int(number), False
    if text in ("a", "an"):
        return 1, False
    return _words_to_int(text), False


# --- the grammar ---------------------------------------------------------------------------

_WORD_ALT = "|".join(
    sorted([*NUMBER_UNITS, *NUMBER_TENS, "hundred", *NUMBER_SCALES], key=len, reverse=True)
)
_W = rf"(?:{_WORD_ALT})\b"
_WORDNUM = rf"(?:(?:an?\s+)(?=(?:hundred|thousand|million)\b))?{_W}(?:(?:\s+and\s+|[\s-]+){_W})*"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:hundred|thousand|million)\b)?"
_DOZEN = rf"(?:half\s+a|an?|{_DIGITS}|{_WORDNUM})[\s-]+dozen\b"
_NUMBER = rf"(?:{_DOZEN}|{_DIGITS}|{_WORDNUM})"

_PREFIXES = {
    "at least": "at_least",
    "a minimum of": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "about": "about",
    "around": "about",
    "some": "about",
    "roughly": "about",
    "approximately": "about",
    "an estimated": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "up to": "up_to",
    "as many as": "up_to",
}
#: "N more" is "another N": the number N, no qualifier.
_SUFFIXES = {
    "plus": "more_than",
    "+": "more_than",
    "or more": "at_least",
    "or so": "about",
    "more": None,
}
_VAGUE = {
    "tens of thousands": "tens of thousands",
    "several thousand": "thousands",
    "a few thousand": "thousands",
    "several hundred": "hundreds",
    "a few hundred": "hundreds",
    "several dozen": "dozens",
    "a few dozen": "dozens",
    "tens of": "tens of",
    "a number of": "a number of",
    "a couple of": "a couple",
    "a couple": "a couple",
    "a few": "a few",
    "several": "several",
    "dozens of": "dozens",
    "dozens": "dozens",
    "scores of": "scores",
    "scores": "scores",
    "hundreds of": "hundreds",
    "hundreds": "hundreds",
    "thousands of": "thousands",
    "thousands": "thousands",
}
_ZERO = ("no one", "nobody", "none", "not a single", "no", "any")
_ONE = ("a single", "an", "a")


def _alt(words) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_EXTRA = r"(?:another|a\s+further|an\s+additional|a\s+total\s+of)"
_FIGURE_RE = re.compile(
    rf"""(?:
      (?:{_EXTRA}\s+)?(?:(?P<prefix>{_alt(_PREFIXES)})\s+)?(?:{_EXTRA}\s+)?
      (?P<number>{_NUMBER})
      (?P<suffix>\s*-?\s*plus\b|\+|\s+or\s+more\b|\s+or\s+so\b|\s+more\b(?!\s+than))?
      (?![\w-])
    | (?P<vague>{_alt(_VAGUE)})\b
    | (?P<zero>{_alt(_ZERO)})\b
    | (?P<one>{_alt(_ONE)})\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def _figure_from_match(match: re.Match) -> Figure:
    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s.lower().strip(" -"))

    if match.group("vague"):
        return Figure(None, "vague", _VAGUE[norm(match.group("vague"))])
    if match.group("zero"):
        return Figure(0, "exact")
    if match.group("one"):
        return Figure(1, "exact")
    value, approximate = _number_value(match.group("number"))
    qualifiers = set()
    if match.group("prefix"):
        qualifiers.add(_PREFIXES[norm(match.group("prefix"))])
    if match.group("suffix"):
        qualifiers.add(_SUFFIXES[norm(match.group("suffix"))])
        qualifiers.discard(None)
    if len(qualifiers) > 1:
        raise FigureError(f"two qualifiers in one figure: {match.group(0)!r}")
    qualifier = qualifiers.pop() if qualifiers else ("about" if approximate else "exact")
    return Figure(value, qualifier)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text).replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip().strip(".,;:!?\"'()[]“”")


def parse_figure(text: str) -> Figure:
    """A whole figure phrase to value + qualifier; ``FigureError`` when it is not one."""
    phrase = _normalise(text)
    match = _FIGURE_RE.fullmatch(phrase)
    if not match:
        raise FigureError(f"unknown figure phrase: {text!r}")
    return _figure_from_match(match)


# --- finding figures in running text -------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_MONTH_AFTER = _MONTH.replace("|may|", "|may(?=\\s*[\\d,.]|\\s*$)|")
_BEFORE_DATE = re.compile(rf"(?:{_MONTH}\s*|[\w$€£#/.:-]|[$€£#]\s+|\b(?:aged?|no\.)\s+)$", re.I)
_AFTER_NOT_FIGURE = re.compile(
    rf"""^(?:\s*{_MONTH_AFTER}|\s*(?:%|per\s*cent|percent)|[/:.]\d|\s*[ap]\.?m\b\.?|\s*o'clock
    |\s+(?:years?|months?|weeks?|days?|nights?|hours?|minutes?|seconds?|decades?|centuries
    |km|kilometers?|kilometres?|miles?|meters?|metres?|feet|dollars?|afghanis?)\b
    |\s+years?\s+old)""",
    re.I | re.VERBOSE,
)
_AGE = re.compile(r"[A-Za-z]\s*,\s*$")
_NEGATION = re.compile(
    r"(?:\b(?:not|never|no|without|nor|neither)\b|n['’]t\b)[^.;:!?]{0,40}$", re.I
)
_NOT_A_ZERO = frozenset(
    "longer doubt comment immediate immediately matter means way sign signs reason more less "
    "further other one's sooner".split()
)


def _is_figure(text: str, match: re.Match, articles: bool) -> bool:
    before, after = text[: match.start()], text[match.end() :]
    if match.group("one"):
        return articles
    if match.group("zero"):
        word = match.group("zero").lower()
        if word == "any":
            return bool(_NEGATION.search(before))
        if word == "no":
            following = re.match(r"\s+([A-Za-z']+)", after)
            return bool(following) and following.group(1).lower() not in _NOT_A_ZERO
        return True
    if _AFTER_NOT_FIGURE.match(after):
        return False
    if match.group("number") is None:
        return True
    number = match.group("number")
    if match.start("number") == match.start() and _BEFORE_DATE.search(before):
        return False
    if re.fullmatch(r"\d+", number):
        if 1900 <= int(number) <= 2099 and not match.group("prefix"):
            return False  # a year
        if int(number) < 120 and _AGE.search(before) and re.match(r"\s*,", after):
            return False  # "Ahmad, 34, said"
    return True


def find_figures(text: str, *, articles: bool = False) -> list[FigureMention]:
    """Every figure phrase in ``text`` with its offsets (see the module docstring for what is
    left out). ``articles=True`` also returns bare "a"/"an" as 1 exact."""
    mentions = []
    for match in _FIGURE_RE.finditer(text):
        if not _is_figure(text, match, articles):
            continue
        try:
            figure = _figure_from_match(match)
        except FigureError:
            continue
        mentions.append(FigureMention(match.start(), match.end(), match.group(0), figure))
    return mentions


# --- presets -------------------------------------------------------------------------------

_RULE_RE = re.compile(
    r"(?:(?P<round>floor|ceil)\s*\(\s*)?(?:(?P<factor>\d+(?:\.\d+)?)\s*\*\s*)?N"
    r"\s*(?:(?P<sign>[+-])\s*(?P<offset>\d+))?\s*(?P<close>\))?"
)


@dataclass(frozen=True)
class Rule:
    """One cell of a preset table: ``round(factor * N + offset)``."""

    text: str
    factor: Fraction = Fraction(1)
    offset: int = 0
    rounding: str | None = None

    @classmethod
    def parse(cls, text: str, where: str) -> Rule:
        match = _RULE_RE.fullmatch(str(text).strip())
        if not match or bool(match.group("round")) != bool(match.group("close")):
            raise InputError(f"{where}: cannot read formula {text!r} (use N, N+1, ceil(1.5*N))")
        factor = Fraction(match.group("factor") or "1")
        offset = int(match.group("offset") or 0) * (-1 if match.group("sign") == "-" else 1)
        if factor.denominator != 1 and not match.group("round"):
            raise InputError(f"{where}: {text!r} needs floor(...) or ceil(...)")
        return cls(str(text).strip(), factor, offset, match.group("round"))

    def __call__(self, n: int) -> int:
        x = self.factor * n + self.offset
        return math.floor(x) if self.rounding == "floor" else math.ceil(x)


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    qualifiers: dict[str, tuple[Rule, Rule, Rule]] = field(hash=False)
    vague: dict[str, tuple[int, int, int]] = field(hash=False)
    path: Path | None = None


def _load_preset_file(path: Path) -> Preset:
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
    problems = [f"qualifier {q!r} missing" for q in QUALIFIERS if q not in raw["qualifiers"]]
    problems += [f"vague word {w!r} missing" for w in VAGUE_WORDS if w not in vague_raw]
    problems += [f"unknown qualifier {q!r}" for q in raw["qualifiers"] if q not in QUALIFIERS]
    problems += [f"unknown vague word {w!r}" for w in vague_raw if w not in VAGUE_WORDS]
    if problems:
        raise InputError(f"{path}: " + "; ".join(problems))
    qualifiers = {}
    for q in QUALIFIERS:
        cell = raw["qualifiers"][q]
        where = f"{path}: qualifiers.{q}"
        if not isinstance(cell, dict) or set(cell) != {"low", "best", "high"}:
            raise InputError(f"{where}: needs low, best and high")
        rules = tuple(Rule.parse(cell[k], f"{where}.{k}") for k in ("low", "best", "high"))
        for n in (*range(1, 201), 999, 1000, 12345, 10**6):
            low, best, high = (rule(n) for rule in rules)
            if not 0 <= low <= best <= high:
                raise InputError(f"{where}: gives low={low} best={best} high={high} for N={n}")
        qualifiers[q] = rules
    vague = {}
    for word in VAGUE_WORDS:
        cell = vague_raw[word]
        try:
            triple = tuple(int(cell[k]) for k in ("low", "best", "high"))
        except (TypeError, KeyError, ValueError) as error:
            raise InputError(f"{path}: vague.{word}: needs integer low, best, high") from error
        if not 0 <= triple[0] <= triple[1] <= triple[2]:
            raise InputError(f"{path}: vague.{word}: needs 0 <= low <= best <= high")
        vague[word] = triple
    name = str(raw.get("name") or path.stem)
    return Preset(name, str(raw.get("description", "")).strip(), qualifiers, vague, path)


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


def to_range(figure: Figure, preset: Preset) -> tuple[int, int, int]:
    """(low, best, high) of a figure under a preset; high >= best >= low always."""
    if figure.qualifier == "vague":
        if figure.vague not in preset.vague:
            raise FigureError(f"preset {preset.name!r} has no reading of {figure.vague!r}")
        return preset.vague[figure.vague]
    if figure.qualifier not in preset.qualifiers:
        raise FigureError(f"unknown qualifier {figure.qualifier!r}")
    if figure.value is None or figure.value < 0:
        raise FigureError(f"a {figure.qualifier} figure needs a non-negative value")
    low, best, high = (rule(figure.value) for rule in preset.qualifiers[figure.qualifier])
    # Only "more than 0"-like corner cases can cross; keep the range well formed.
    return min(low, best), best, max(high, best)
