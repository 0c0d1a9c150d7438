"""Event words, period cues and region words (data/reference/analyse/event_words.yaml);
enemies and kinds of source are the claimant types' own (data/reference/vocabularies.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pandas as pd
import yaml

from casualties import vocabulary
from casualties.clauses import clause_bounds
from casualties.errors import CasualtiesError
from casualties.paths import REFERENCE

LEXICON_PATH = REFERENCE / "analyse" / "event_words.yaml"


@dataclass(frozen=True)
class Lexicon:
    kinds: tuple[str, ...]
    sites: tuple[str, ...]
    words: re.Pattern  # one alternation, a named group per category
    period: re.Pattern
    running: re.Pattern  # "so far": a period only without a precise date
    regions: dict[str, re.Pattern]

    @property
    def categories(self) -> tuple[str, ...]:
        return self.kinds + self.sites

    def bit(self, category: str) -> int:
        return 1 << self.categories.index(category)


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def lexicon() -> Lexicon:
    """The analyse lexicon, compiled once."""
    try:
        with open(LEXICON_PATH, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
        kinds, sites = raw["kinds"], raw["sites"]
        groups = [
            rf"(?P<{name}>{_alternation(pats)})"
            for name, pats in list(kinds.items()) + list(sites.items())
        ]
        # one boundary outside the alternation: most positions fail at once (matched on
        # lower-cased text, faster than IGNORECASE)
        words = re.compile(rf"\b(?:{'|'.join(groups)})\b")
        # matched on lower-cased text (faster than IGNORECASE)
        period = re.compile(rf"\b(?:{_alternation(raw['period_cues'])})\b")
        running = re.compile(rf"\b(?:{_alternation(raw['running_cues'])})\b")
        regions = {
            name: re.compile(rf"\b(?:{_alternation(pats)})\b", re.IGNORECASE)
            for name, pats in raw["regions"].items()
        }
    except (OSError, KeyError, TypeError, re.error, yaml.YAMLError) as error:
        raise CasualtiesError(
            f"{LEXICON_PATH}: cannot load the analyse lexicon: {error}"
        ) from error
    if len(kinds) + len(sites) > 62:
        raise CasualtiesError(f"{LEXICON_PATH}: at most 62 event-word categories")
    return Lexicon(tuple(kinds), tuple(sites), words, period, running, regions)


def event_words(quotes: pd.Series) -> pd.Series:
    """The event-word categories of each quote, ``;``-joined and sorted ("" when none).

    The distinct quotes are scanned as one string (NUL-separated): one regex pass.
    """
    lex = lexicon()
    texts = quotes.fillna("").astype(str)
    unique = pd.unique(texts.to_numpy())
    if len(unique) == 0:
        return pd.Series([], index=texts.index, dtype=str)
    lengths = np.fromiter((len(text) + 1 for text in unique), dtype=np.int64, count=len(unique))
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    joined = "\x00".join(unique).lower()
    positions, names = [], []
    for match in lex.words.finditer(joined):
        positions.append(match.start())
        names.append(match.lastgroup)
    found: list[set[str]] = [set() for _ in unique]
    for quote, name in zip(
        np.searchsorted(starts, positions, side="right") - 1, names, strict=True
    ):
        found[quote].add(name)
    joined_words = {text: ";".join(sorted(f)) for text, f in zip(unique, found, strict=True)}
    return texts.map(joined_words).astype(str)


def word_bits(words: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Bit masks (kinds, sites) of ``;``-joined categories, for vectorised comparisons."""
    lex = lexicon()
    kind_set, site_set = set(lex.kinds), set(lex.sites)
    unique = pd.unique(words.to_numpy())
    kind_of, site_of = {}, {}
    for value in unique:
        kind_bits = site_bits = 0
        for name in filter(None, str(value).split(";")):
            if name in kind_set:
                kind_bits |= lex.bit(name)
            elif name in site_set:
                site_bits |= lex.bit(name)
        kind_of[value], site_of[value] = kind_bits, site_bits
    kinds = words.map(kind_of).to_numpy(dtype=np.int64)
    sites = words.map(site_of).to_numpy(dtype=np.int64)
    return kinds, sites


def has_period_cue(texts: pd.Series, running: bool = False) -> np.ndarray:
    """True where a date phrase names a period ("in 2018", "this year"); ``running``: a
    running-toll cue instead ("since September 1", "so far")."""
    pattern = lexicon().running if running else lexicon().period
    values = texts.fillna("").astype(str)
    unique = pd.unique(values.to_numpy())
    hit = {text: bool(text) and pattern.search(text.lower()) is not None for text in unique}
    return values.map(hit).to_numpy(dtype=bool)


def figure_offset(quote: str, figure_text: str) -> int:
    """Where the figure is in the quote (-1 when not found)."""
    return quote.lower().find(figure_text.lower()) if figure_text else -1


@lru_cache(maxsize=1 << 18)
def figure_clause(quote: str, figure_text: str) -> str:
    """The clause of ``quote`` that holds ``figure_text`` (between punctuation marks).

    When a claim has no date phrase of its own, the words around its figure ("nine others
    have died since June 25") tell a period total from one event. Empty when the figure is
    not found in the quote.
    """
    where = figure_offset(quote, figure_text)
    if where < 0:
        return ""
    start = clause_bounds(quote, where)[0]
    end = clause_bounds(quote, where + len(figure_text))[1]
    return quote[start:end]


def period_cues_near_figure(
    quotes: pd.Series, figures: pd.Series, running: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """(a period cue in the figure's clause, a period cue opening the quote: "Since 2001,");
    ``running``: the running-toll cues ("so far") instead."""
    pattern = lexicon().running if running else lexicon().period
    pairs = pd.Series(list(zip(quotes.fillna("").astype(str), figures.fillna("").astype(str),
                               strict=True)), dtype=object)  # fmt: skip
    unique = pd.unique(pairs.to_numpy())
    clause = {p: pattern.search(figure_clause(*p).lower()) is not None for p in unique}
    opening = {p: pattern.match(p[0].lstrip().lower()) is not None for p in unique}
    return pairs.map(clause).to_numpy(dtype=bool), pairs.map(opening).to_numpy(dtype=bool)


def is_enemy_claim(claimant: pd.Series, victim: pd.Series) -> np.ndarray:
    """A party to the fighting claiming casualties of its opponents."""
    enemies = vocabulary.enemies()
    pairs = pd.Series(list(zip(claimant, victim, strict=True)), index=claimant.index, dtype=object)
    return pairs.map(lambda pair: pair[1] in enemies.get(pair[0], ())).to_numpy(dtype=bool)


def source_kind(claimant: pd.Series) -> pd.Series:
    """belligerent, monitor, press or unknown for each claimant type."""
    kinds = vocabulary.source_kinds()
    return claimant.map(lambda c: kinds.get(c, "unknown")).astype(str)


def region_named(text: str) -> str | None:
    """The area a phrase names: an OCHA region ("western provinces" -> "Western") before
    the whole country ("in Afghanistan" -> "Afghanistan"); None when it names neither."""
    found = [name for name, pattern in lexicon().regions.items() if pattern.search(text or "")]
    regions = [name for name in found if name != "Afghanistan"]
    # "north eastern" also matches "eastern": prefer the longest region name
    if regions:
        return max(regions, key=len)
    return "Afghanistan" if found else None
