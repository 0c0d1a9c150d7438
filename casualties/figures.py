"""Figure phrases: one grammar to find them in text, parse them, and turn them into ranges.

One grammar (``_FIGURE_RE``, built from the tables of ``data/reference/figures.yaml``)
serves :func:`parse_figure` (a whole phrase in a table: "more than 350", "a handful of",
"between 5 and 8"), :func:`find_figures` (every figure phrase in running text, with
offsets) and :func:`match_figure` (the phrase starting at a position: what extract calls at
each word). So whatever extract reads, clean parses back to the same value and qualifier.

Number words are read by a small table-driven parser (``_words_to_int``) rather than
``word2number``: that package is unmaintained, accepts ill-formed input ("two three" -> 5)
and knows neither "a hundred" nor hyphenated tens; a state machine over fixed tables rejects
what it does not understand, which is what "an unknown phrase is an error, never a guess"
needs.

A range ("between 5 and 8", "5 to 8", "2,000-3,000") is ``Figure(5, "at_least", high=8)``:
at least its low number (as the gold annotations read it), and presets read its ``range``
row with N = 5 and M = 8. "a dozen", "a score of", fractions ("a third of the 90") are
``about``. "eleven (11)" must agree with itself.

``find_figures`` does not return dates ("Sept. 29", "29 June", "9/11"), years ("2019"),
ages ("Ahmad, 34,", "34-year-old", "aged 34"), times ("10:30", "10 a.m."), ordinals
("fourth", "3rd Brigade"), percentages, money, or durations and distances ("two days",
"10 km"): they are dropped, not marked. Bare articles ("a", "an") are returned only with
``articles=True``; "no"/"none"/"nobody"/"no one" and a negated "any" ("did not kill any") are
returned as 0 exact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

import yaml

from casualties.months import month_pattern
from casualties.paths import REFERENCE
from casualties.presets import (  # noqa: F401  (re-exported: the figures API)
    PRESETS_DIR,
    QUALIFIERS,
    RANGE,
    Preset,
    Rule,
    load_preset,
    preset_names,
)

GRAMMAR_FILE = REFERENCE / "figures.yaml"
with open(GRAMMAR_FILE, encoding="utf-8") as _handle:
    TABLES: dict = yaml.safe_load(_handle)

#: Canonical vague words, in the order of the grammar file.
VAGUE_WORDS: tuple[str, ...] = tuple(dict.fromkeys(TABLES["vague"].values()))


class FigureError(ValueError):
    """A figure phrase the grammar does not know (never guessed)."""


@dataclass(frozen=True)
class Figure:
    value: int | None
    qualifier: str
    vague: str | None = None
    high: int | None = None  # the high number of a range ("between 5 and 8": 8)


@dataclass(frozen=True)
class FigureMention:
    start: int
    end: int
    text: str
    figure: Figure


# --- number words --------------------------------------------------------------------------
# The one home of the number-word tables: extract and the date grammar use them too.

NUMBER_UNITS: dict[str, int] = {w: i for i, w in enumerate(TABLES["units"])}
NUMBER_TENS: dict[str, int] = dict(TABLES["tens"])
HUNDRED: int = TABLES["hundred"]
NUMBER_SCALES: dict[str, int] = dict(TABLES["scales"])
_DIGIT_SCALES = {"hundred": HUNDRED, **NUMBER_SCALES}
MULTIPLIERS: dict[str, int] = dict(TABLES["multipliers"])
_COUNTS = {k: Fraction(v).limit_denominator(12) for k, v in TABLES["multiplier_counts"].items()}
_FRACTIONS = {k: Fraction(v).limit_denominator(12) for k, v in TABLES["fractions"].items()}
PREFIXES: dict[str, str] = dict(TABLES["prefixes"])
SUFFIXES: dict[str, str | None] = dict(TABLES["suffixes"])
VAGUE: dict[str, str] = dict(TABLES["vague"])


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
            current *= HUNDRED
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


def _whole(number: Fraction, text: str) -> int:
    if number.denominator != 1:
        raise FigureError(f"not a whole number: {text!r}")
    return int(number)


def _number_value(text: str) -> tuple[int, bool]:
    """The integer a number phrase states, and whether it is approximate ('a dozen')."""
    text = re.sub(r"[\s-]+", " ", text.lower().strip())
    fraction = _FRACTION_SPLIT.fullmatch(text)
    if fraction:
        whole = _number_value(fraction.group(2))[0]
        return round(_FRACTIONS[fraction.group(1)] * whole), True
    multiple = _MULTIPLE_SPLIT.fullmatch(text)
    if multiple:
        head, noun = multiple.group(1), multiple.group(2)
        count = _COUNTS.get(head)
        if count is None:
            count = Fraction(_number_value(head)[0])
        return _whole(count * MULTIPLIERS[noun], text), True
    digits = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?: (\w+))?", text)
    if digits and (digits.group(2) is None or digits.group(2) in _DIGIT_SCALES):
        number = Fraction(digits.group(1).replace(",", ""))
        return _whole(number * _DIGIT_SCALES.get(digits.group(2), 1), text), False
    return _words_to_int(text), False


# --- the grammar ---------------------------------------------------------------------------


def _alt(words) -> str:
    """A regex alternative of phrases, longest first; spaces and hyphens match any spacing."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"[\s-]+") for w in sorted(words, key=len, reverse=True)
    )


_WORD_ALT = _alt([*NUMBER_UNITS, *NUMBER_TENS, "hundred", *NUMBER_SCALES])
_W = rf"(?:{_WORD_ALT})\b"
_SCALE_ALT = _alt(_DIGIT_SCALES)
_WORDNUM = rf"(?:(?:an?\s+)(?=(?:{_SCALE_ALT})\b))?{_W}(?:(?:\s+and\s+|[\s-]+){_W})*"
_DIGITS = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s+(?:{_SCALE_ALT})\b)?"
_SIMPLE = rf"(?:{_DIGITS}|{_WORDNUM})"
_MULTIPLE = rf"(?:{_alt(_COUNTS)}|{_SIMPLE})[\s-]+(?:{_alt(MULTIPLIERS)})\b"
_OF_WHOLE = rf"\s+of\s+(?:(?:{_alt(TABLES['fraction_determiners'])})\s+)?"
_FRACTION = rf"(?:{_alt(_FRACTIONS)}){_OF_WHOLE}{_SIMPLE}"
_NUMBER = rf"(?:{_FRACTION}|{_MULTIPLE}|{_SIMPLE})"
_MULTIPLE_SPLIT = re.compile(rf"(.+?) ({'|'.join(MULTIPLIERS)})")
_FRACTION_SPLIT = re.compile(
    rf"({'|'.join(sorted(_FRACTIONS, key=len, reverse=True))}){_OF_WHOLE}(.+)"
)


def _literal(part: str) -> str:
    """The regex of a template's literal text: words at any spacing, a hyphen or dash."""
    if part.strip() == "-":
        return r"\s*[-\u2013\u2014]\s*"
    if not part.strip():
        return r"\s+" if part else ""
    lead = r"\s+" if part[:1].isspace() else ""
    tail = r"\s+" if part[-1:].isspace() else ""
    return lead + r"\s+".join(map(re.escape, part.split())) + tail


def _range_number(template: str) -> str:
    # "fifty-two" is one number: a hyphen range is of digits only ("25-30", "2,000-3,000").
    return _DIGITS if "}-{" in template.replace(" ", "") else _SIMPLE


def _template(template: str) -> tuple[str, str, str]:
    """A range template's literal head, separator and tail ("between ", " and ", "")."""
    head, rest = template.split("{N}")
    sep, tail = rest.split("{M}")
    return head, sep, tail


_RANGES = TABLES["ranges"]
_RANGE_ALT = "|".join(
    _literal(h) + _range_number(t) + _literal(m) + _range_number(t) + _literal(e)
    for t in _RANGES
    for h, m, e in [_template(t)]
)
#: Per template: (head, separator, tail, number) regexes, to split a range phrase.
_RANGE_SPLIT = [
    tuple(re.compile(x, re.I) for x in (*map(_literal, _template(t)), _range_number(t)))
    for t in _RANGES
]


_EXTRA = rf"(?:{_alt(TABLES['fillers'])})"
#: A filler at the start of a phrase ("another 50"): extract reads it as a word of its own.
FILLER_RE = re.compile(rf"{_EXTRA}\s+", re.IGNORECASE)
_SUFFIX = "(?P<suffix>{})?".format(
    "|".join(
        rf"(?:\s+|\s*-\s*)(?:{_alt([w])})\b(?!\s+than)" if w[:1].isalpha() else re.escape(w)
        for w in sorted(SUFFIXES, key=len, reverse=True)
    )
)
_PAREN = r"(?P<paren>\s*\(\s*\d{1,3}(?:,\d{3})*\s*\))?"
_NUMBER_BRANCH = rf"""
      (?:{_EXTRA}\s+)?(?:(?P<prefix>{_alt(PREFIXES)})\s+)?(?:{_EXTRA}\s+)?
      (?P<number>{_NUMBER}){_PAREN}{_SUFFIX}
      (?![\w-])"""
_OTHER_BRANCHES = rf"""
    | (?P<vague>{_alt(VAGUE)})\b
    | (?P<zero>{_alt(TABLES["zero"])})\b
    | (?P<one>{_alt(TABLES["one"])})\b"""
_FIGURE_RE = re.compile(
    rf"(?:(?P<range>{_RANGE_ALT})(?![\w-])|{_NUMBER_BRANCH}{_OTHER_BRANCHES})",
    re.IGNORECASE | re.VERBOSE,
)
#: The same grammar without ranges: "rose from 5 to 12" is not a range.
_NO_RANGE_RE = re.compile(rf"(?:{_NUMBER_BRANCH}{_OTHER_BRANCHES})", re.IGNORECASE | re.VERBOSE)
#: Words before a number that make "N to M" a change, not a range.
NOT_RANGE_BEFORE = frozenset(("from",))

#: Words a figure phrase can start with (besides digits): a fast first test for callers.
START_WORDS: frozenset[str] = frozenset(
    phrase.split()[0]
    for table in (
        PREFIXES, VAGUE, TABLES["fillers"], TABLES["zero"], TABLES["one"], _COUNTS, _FRACTIONS,
        NUMBER_UNITS, NUMBER_TENS, [t.split()[0] for t in _RANGES if not t.startswith("{")],
    )
    for phrase in table
)  # fmt: skip


def _norm_words(s: str) -> str:
    return re.sub(r"[\s-]+", " ", s.lower().strip(" -"))


def _range_figure(text: str) -> Figure:
    """A range phrase to its figure. Every split at the separator is tried, so that
    "between two and one hundred and one" is 2 to 101."""
    for head, sep, tail, number in _RANGE_SPLIT:
        start = head.match(text)
        end = tail.search(text) if tail.pattern else None
        if start is None or (tail.pattern and (end is None or end.end() != len(text))):
            continue
        body = text[start.end() : end.start() if end else len(text)]
        for cut in sep.finditer(body):
            low_text, high_text = body[: cut.start()], body[cut.end() :]
            if not (number.fullmatch(low_text) and number.fullmatch(high_text)):
                continue
            try:
                low, high = _number_value(low_text)[0], _number_value(high_text)[0]
            except FigureError:
                continue
            digits = low_text + high_text  # "1,900-1,901" is a count: years have no comma
            if digits.isdigit() and all(1900 <= v <= 2099 for v in (low, high)):
                raise FigureError(f"a span of years, not a figure: {text!r}")
            if not low < high:
                raise FigureError(f"a range needs its low number first: {text!r}")
            return Figure(low, "at_least", high=high)
    raise FigureError(f"unknown range: {text!r}")


def _figure_from_match(match: re.Match) -> Figure:
    groups = match.groupdict()
    if groups.get("range"):
        return _range_figure(re.sub(r"\s+", " ", match.group("range").strip()))
    if groups["vague"]:
        return Figure(None, "vague", VAGUE[_norm_words(groups["vague"])])
    if groups["zero"]:
        return Figure(0, "exact")
    if groups["one"]:
        return Figure(1, "exact")
    value, approximate = _number_value(groups["number"])
    if groups["paren"]:
        stated = int(re.sub(r"[^\d]", "", groups["paren"]))
        if stated != value or re.match(r"\d", groups["number"]):
            raise FigureError(f"{match.group(0)!r}: the number in brackets disagrees")
    qualifiers = set()
    if groups["prefix"]:
        qualifiers.add(PREFIXES[_norm_words(groups["prefix"])])
    if groups["suffix"]:
        qualifiers.add(SUFFIXES[_norm_words(groups["suffix"]) or "+"])
        qualifiers.discard(None)
    if len(qualifiers) > 1:
        raise FigureError(f"two qualifiers in one figure: {match.group(0)!r}")
    qualifier = qualifiers.pop() if qualifiers else ("about" if approximate else "exact")
    return Figure(value, qualifier)


_EDGE = ".,;:!?\"'[]\u201c\u201d"


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text).replace("\u2019", "'")
    text = re.sub(r"\s+", " ", text).strip()
    while True:  # outer punctuation, and brackets that are not a pair ("eleven (11)")
        stripped = text.strip(_EDGE + " ")
        if stripped.startswith("(") and ")" not in stripped:
            stripped = stripped[1:]
        if stripped.endswith(")") and "(" not in stripped:
            stripped = stripped[:-1]
        if stripped == text:
            return text
        text = stripped


def parse_figure(text: str) -> Figure:
    """A whole figure phrase to value + qualifier; ``FigureError`` when it is not one."""
    phrase = _normalise(text)
    match = _FIGURE_RE.fullmatch(phrase)
    if not match:
        raise FigureError(f"unknown figure phrase: {text!r}")
    if match.group("range"):
        try:
            return _figure_from_match(match)
        except FigureError:
            match = _NO_RANGE_RE.fullmatch(phrase)
            if not match:
                raise
    return _figure_from_match(match)


def match_figure(
    text: str, pos: int, endpos: int | None = None, *, before: str = ""
) -> tuple[int, Figure, str] | None:
    """The figure phrase starting at ``text[pos]``: (end, figure, kind) where kind is the
    branch that read it (``number``, ``range``, ``vague``, ``zero``, ``one``), or None.
    ``before`` is the word before ``pos`` ("from" 5 to 12 is not a range)."""
    regex = _NO_RANGE_RE if before.lower() in NOT_RANGE_BEFORE else _FIGURE_RE
    end = len(text) if endpos is None else endpos
    match = regex.match(text, pos, end)
    if match is None:
        return None
    try:
        figure = _figure_from_match(match)
    except FigureError:
        if regex is _NO_RANGE_RE or not match.group("range"):
            return None
        return match_figure(text, pos, endpos, before="from")  # years or a reversed range
    kind = next(k for k in ("range", "vague", "zero", "one", "number") if match.groupdict().get(k))
    return match.end(), figure, kind


# --- finding figures in running text -------------------------------------------------------

_MONTH = month_pattern()
_MONTH_AFTER = month_pattern(may=r"may(?=\s*[\d,.]|\s*$)")
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
    if match.groupdict().get("range"):
        return not _BEFORE_DATE.search(before)
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


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")


def find_figures(text: str, *, articles: bool = False) -> list[FigureMention]:
    """Every figure phrase in ``text`` with its offsets (see the module docstring for what is
    left out). ``articles=True`` also returns bare "a"/"an" as 1 exact."""
    mentions = []
    pos = 0
    while True:
        match = _FIGURE_RE.search(text, pos)
        if match is None:
            return mentions
        start = match.start()
        before = _WORD_BEFORE.search(text[max(0, start - 20) : start])
        word = before.group(1) if before and text[start - 1 : start].isspace() else ""
        try:
            if word.lower() in NOT_RANGE_BEFORE and match.group("range"):
                raise FigureError("a change, not a range")
            figure = _figure_from_match(match)
        except FigureError:
            match = _NO_RANGE_RE.match(text, start) if match.group("range") else None
            figure = _figure_from_match(match) if match else None
        if match is None or figure is None or not _is_figure(text, match, articles):
            pos = start + 1 if match is None else max(match.end(), start + 1)
            continue
        mentions.append(FigureMention(start, match.end(), match.group(0), figure))
        pos = match.end()


def to_range(figure: Figure, preset: Preset) -> tuple[int, int, int]:
    """(low, best, high) of a figure under a preset; high >= best >= low always. A range
    reads the preset's ``range`` row (N its low, M its high number)."""
    if figure.qualifier == "vague":
        if figure.vague not in preset.vague:
            raise FigureError(f"preset {preset.name!r} has no reading of {figure.vague!r}")
        return preset.vague[figure.vague]
    if figure.qualifier not in preset.qualifiers:
        raise FigureError(f"unknown qualifier {figure.qualifier!r}")
    if figure.value is None or figure.value < 0:
        raise FigureError(f"a {figure.qualifier} figure needs a non-negative value")
    if figure.high is not None:
        if figure.high <= figure.value:
            raise FigureError(f"a range needs high > low, got {figure.value}-{figure.high}")
        rules = preset.qualifiers[RANGE]
    else:
        rules = preset.qualifiers[figure.qualifier]
    low, best, high = (rule(figure.value, figure.high) for rule in rules)
    # Only "more than 0"-like corner cases can cross; keep the range well formed.
    return min(low, best), best, max(high, best)
