"""Measure the claim extractor against hand-annotated gold claims.

Three sets (see ``tests/fixtures/gold/README.md``): the embedded corpus, an "unseen news"
set of hand-written news-style articles, and a "heldout" set of the same kind kept apart to
re-measure the extractor after it was tuned on the first two (``--set heldout``).
Extracted claims are matched one-to-one to gold claims on (document, victim, outcome,
value); ``value`` is empty for vague figures and an empty value matches only an empty value.
The script prints precision, recall and claimant accuracy (on matched claims) per set, then
the misses and false positives so that the extractor can be improved.

    .venv/bin/python benchmarks/eval_extract.py            # a measurement: always exits 0
    .venv/bin/python benchmarks/eval_extract.py --check    # exits 1 below the targets

It never changes the extractor; ``--claims-embedded`` / ``--claims-unseen`` /
``--claims-heldout`` score a claims CSV written earlier instead of running
``casualties.extract.extract``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
EMBEDDED_CORPUS = ROOT / "data" / "raw" / "000_1560744f44b8fd0a.txt"

GOLD_COLUMNS = (
    "doc_key",
    "victim",
    "outcome",
    "value",
    "qualifier",
    "figure_text",
    "claimant",
    "province",
    "district",
    "date_start",
    "date_end",
    "quote_contains",
    "note",
)
KEY_COLUMNS = ("doc_key", "victim", "outcome", "value")

#: Targets of ``--check``: (precision, recall) per set, and claimant accuracy for both.
#: the news sets, each a JSON Lines corpus ``<name>_articles.jsonl`` + gold ``<name>_claims.csv``
NEWS_SETS = ("unseen", "heldout", "heldout2", "heldout3")
TARGETS = {"embedded": (0.90, 0.90), **{name: (0.80, 0.80) for name in NEWS_SETS}}
CLAIMANT_TARGET = 0.85

#: A tag in the gold ``note`` column, e.g. "[part]" or "[singular]".
TAG = re.compile(r"\[([a-z_]+)\]")


class GoldError(ValueError):
    """A gold file that does not follow the annotation format (names file and row)."""


#: Typographic quotes folded to ASCII: the corpus reader straightens them in titles and text.
QUOTE_FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


def normalize_key(text: object) -> str:
    """Key / quote text: NFKC, quotes straightened, whitespace collapsed, lower case."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).translate(QUOTE_FOLD)
    return re.sub(r"\s+", " ", folded).strip().lower()


def canonical_value(value: object) -> str:
    """A figure value as compared: "350" for 350 / 350.0 / "350", "" for vague/missing."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if not text or text.lower() in {"nan", "<na>", "none"}:
            return ""
        try:
            number = float(text)
        except ValueError:
            return text
    else:
        try:
            if pd.isna(value):
                return ""
        except (TypeError, ValueError):
            pass
        number = float(value)
    return str(int(number)) if number == int(number) else str(number)


def load_gold(path: str | Path) -> pd.DataFrame:
    """Read a gold CSV and check its columns and vocabularies (GoldError names the row)."""
    from casualties.contract import vocabularies

    path = Path(path)
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise GoldError(f"{path}: missing columns {missing}")
    vocab = vocabularies()
    problems = []
    for i, row in enumerate(gold.itertuples(index=False), start=2):
        for column in ("victim", "outcome", "qualifier", "claimant"):
            if getattr(row, column) not in vocab[column]:
                problems.append(f"{path}:{i}: {column}={getattr(row, column)!r} not in vocabulary")
        value = canonical_value(row.value)
        if (row.qualifier == "vague") != (value == ""):
            problems.append(f"{path}:{i}: value must be empty exactly when qualifier is vague")
        if value and not value.isdigit():
            problems.append(f"{path}:{i}: value {row.value!r} is not a whole number")
        if not row.doc_key.strip():
            problems.append(f"{path}:{i}: empty doc_key")
    if problems:
        raise GoldError("\n".join(problems))
    gold = gold.copy()
    gold["doc_key"] = gold["doc_key"].map(normalize_key)
    gold["value"] = gold["value"].map(canonical_value)
    return gold


def gold_tags(note: str) -> list[str]:
    return TAG.findall(note or "")


@dataclass(frozen=True)
class MatchResult:
    """Pairs of (gold row, extracted row) positions, and the rows left over on each side."""

    gold: pd.DataFrame
    extracted: pd.DataFrame
    pairs: tuple[tuple[int, int], ...]
    misses: tuple[int, ...]
    false_positives: tuple[int, ...]


def _pair_weight(gold_row: pd.Series, extracted_row: pd.Series) -> float:
    # Every pair in a key group is a valid match; the weight only chooses WHICH rows pair
    # up (the true sentence first, then the same claimant), so counts do not depend on it.
    quote = str(extracted_row.get("quote", "") or "")
    needle = normalize_key(gold_row.get("quote_contains", ""))
    same_sentence = bool(needle) and needle in normalize_key(quote)
    same_claimant = gold_row.get("claimant") == extracted_row.get("claimant")
    return 2.0 * same_sentence + 1.0 * same_claimant


def match_claims(gold: pd.DataFrame, extracted: pd.DataFrame) -> MatchResult:
    """One-to-one matching on (doc_key, victim, outcome, value).

    Both frames need ``doc_key, victim, outcome, value`` (values canonical strings);
    ``gold`` may have ``claimant, quote_contains``, ``extracted`` ``claimant, quote``.
    Within a key group the number of matches is min(#gold, #extracted); a gold claim
    stated twice needs two extracted claims.
    """
    gold = gold.reset_index(drop=True)
    extracted = extracted.reset_index(drop=True)
    for name, frame in (("gold", gold), ("extracted", extracted)):
        missing = [c for c in KEY_COLUMNS if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} claims lack columns {missing}")
    gold_groups = gold.groupby(list(KEY_COLUMNS), sort=True).indices
    extracted_groups = extracted.groupby(list(KEY_COLUMNS), sort=True).indices
    pairs: list[tuple[int, int]] = []
    for key, gold_idx in gold_groups.items():
        extracted_idx = extracted_groups.get(key)
        if extracted_idx is None:
            continue
        weights = np.array(
            [
                [_pair_weight(gold.iloc[g], extracted.iloc[e]) for e in extracted_idx]
                for g in gold_idx
            ]
        )
        rows, cols = linear_sum_assignment(weights, maximize=True)
        pairs.extend(
            (int(gold_idx[r]), int(extracted_idx[c])) for r, c in zip(rows, cols, strict=True)
        )
    pairs.sort()
    matched_gold = {g for g, _ in pairs}
    matched_extracted = {e for _, e in pairs}
    misses = tuple(i for i in range(len(gold)) if i not in matched_gold)
    false_positives = tuple(i for i in range(len(extracted)) if i not in matched_extracted)
    return MatchResult(gold, extracted, tuple(pairs), misses, false_positives)


@dataclass(frozen=True)
class Scores:
    gold: int
    extracted: int
    matched: int
    precision: float
    recall: float
    f1: float
    claimant_correct: int
    claimant_accuracy: float


def score(result: MatchResult) -> Scores:
    """Precision, recall, F1 and claimant accuracy on the matched pairs."""
    n_gold, n_extracted, matched = len(result.gold), len(result.extracted), len(result.pairs)
    precision = matched / n_extracted if n_extracted else (1.0 if not n_gold else 0.0)
    recall = matched / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    correct = sum(
        result.gold.iloc[g].get("claimant") == result.extracted.iloc[e].get("claimant")
        for g, e in result.pairs
    )
    accuracy = correct / matched if matched else 0.0
    return Scores(n_gold, n_extracted, matched, precision, recall, f1, correct, accuracy)


def recall_by_tag(result: MatchResult) -> dict[str, tuple[int, int]]:
    """(matched, total) gold claims per note tag, plus "untagged"."""
    matched = {g for g, _ in result.pairs}
    counts: dict[str, list[int]] = {}
    for i, note in enumerate(result.gold.get("note", pd.Series([""] * len(result.gold)))):
        for tag in gold_tags(note) or ["untagged"]:
            entry = counts.setdefault(tag, [0, 0])
            entry[0] += i in matched
            entry[1] += 1
    return {tag: (m, t) for tag, (m, t) in sorted(counts.items())}


def per_document(result: MatchResult) -> list[tuple[str, int, int, int]]:
    """(doc_key, #gold, #extracted, #matched) for every document seen on either side."""
    gold_counts = Counter(result.gold["doc_key"])
    extracted_counts = Counter(result.extracted["doc_key"])
    matched_counts = Counter(result.gold.iloc[g]["doc_key"] for g, _ in result.pairs)
    docs = sorted(set(gold_counts) | set(extracted_counts))
    return [(d, gold_counts[d], extracted_counts[d], matched_counts[d]) for d in docs]


def field_agreement(result: MatchResult, column: str) -> tuple[int, int]:
    """(agreeing, compared) matched pairs for ``column`` where gold fills it."""
    agree = compared = 0
    for g, e in result.pairs:
        expected = str(result.gold.iloc[g].get(column, "") or "")
        if not expected:
            continue
        got = result.extracted.iloc[e].get(column, "")
        got = "" if got is None or (not isinstance(got, str) and pd.isna(got)) else str(got)
        compared += 1
        agree += normalize_key(expected) == normalize_key(got)
    return agree, compared


def prepare_extracted(claims: pd.DataFrame, doc_key: Callable[[pd.Series], str]) -> pd.DataFrame:
    """Extracted claims with ``doc_key`` and canonical ``value`` for matching."""
    frame = claims.copy()
    if frame.empty:
        frame = pd.DataFrame(columns=[*claims.columns, "doc_key"])
    frame["doc_key"] = [doc_key(row) for _, row in frame.iterrows()] if len(frame) else []
    frame["value"] = frame["value"].map(canonical_value) if len(frame) else []
    for column in ("victim", "outcome", "claimant", "quote"):
        if column not in frame.columns:
            frame[column] = ""
        frame[column] = frame[column].fillna("").astype(str)
    return frame


def embedded_key(row: pd.Series) -> str:
    return normalize_key(row.get("title", ""))


def unseen_key_function(jsonl: Path) -> Callable[[pd.Series], str]:
    """Key by ``doc_id`` when it is a JSONL ``id``, else by the article's title."""
    ids: set[str] = set()
    by_title: dict[str, str] = {}
    with open(jsonl, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                ids.add(str(record["id"]))
                by_title[normalize_key(record.get("title", ""))] = str(record["id"])

    def key(row: pd.Series) -> str:
        doc_id = str(row.get("doc_id", ""))
        if doc_id in ids:
            return doc_id
        return by_title.get(normalize_key(row.get("title", "")), f"?{doc_id}")

    return key


def _snippet(text: str, width: int = 90) -> str:
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(name: str, result: MatchResult, scores: Scores, max_list: int = 200) -> str:
    lines = [
        f"== {name} ==",
        f"gold {scores.gold}  extracted {scores.extracted}  matched {scores.matched}",
        f"precision {scores.precision:.3f}  recall {scores.recall:.3f}  F1 {scores.f1:.3f}",
        f"claimant accuracy (matched) {scores.claimant_accuracy:.3f}"
        f"  ({scores.claimant_correct}/{scores.matched})",
    ]
    for column in ("qualifier", "province"):
        agree, compared = field_agreement(result, column)
        if compared:
            lines.append(f"{column} agreement (matched, gold filled) {agree}/{compared}")
    lines.append("per document (gold / extracted / matched):")
    for doc, gold_n, extracted_n, matched_n in per_document(result):
        lines.append(f"   {doc[:60]:<60} {gold_n:>4} {extracted_n:>4} {matched_n:>4}")
    tags = recall_by_tag(result)
    lines.append("recall by gold tag: " + ", ".join(f"{t} {m}/{n}" for t, (m, n) in tags.items()))
    wrong = [
        (g, e)
        for g, e in result.pairs
        if result.gold.iloc[g].claimant != result.extracted.iloc[e].claimant
    ]
    sections = (
        ("claimant disagreements (gold -> extracted)", wrong),
        ("misses (gold not extracted)", result.misses),
        ("false positives (extracted, not in gold)", result.false_positives),
    )
    for title, items in sections:
        lines.append(f"-- {title}: {len(items)}")
        for item in list(items)[:max_list]:
            if isinstance(item, tuple):
                g, e = result.gold.iloc[item[0]], result.extracted.iloc[item[1]]
                lines.append(
                    f"   {g.doc_key[:40]} | {g.victim} {g.outcome} {g.value or '(vague)'} | "
                    f"{g.claimant} -> {e.claimant} | {_snippet(e.quote)}"
                )
            elif title.startswith("misses"):
                g = result.gold.iloc[item]
                lines.append(
                    f"   {g.doc_key[:40]} | {g.victim} {g.outcome} {g.value or '(vague)'} "
                    f"[{g.claimant}] | {_snippet(g.quote_contains)}"
                )
            else:
                e = result.extracted.iloc[item]
                lines.append(
                    f"   {e.doc_key[:40]} | {e.victim} {e.outcome} {e.value or '(vague)'} "
                    f"[{e.claimant}] | {_snippet(e.quote)}"
                )
        if len(items) > max_list:
            lines.append(f"   ... {len(items) - max_list} more")
    return "\n".join(lines)


def meets_targets(name: str, scores: Scores) -> list[str]:
    """Targets this set misses (empty list: all met)."""
    precision_target, recall_target = TARGETS[name]
    failures = []
    if scores.precision < precision_target:
        failures.append(f"{name}: precision {scores.precision:.3f} < {precision_target}")
    if scores.recall < recall_target:
        failures.append(f"{name}: recall {scores.recall:.3f} < {recall_target}")
    if scores.claimant_accuracy < CLAIMANT_TARGET:
        failures.append(
            f"{name}: claimant accuracy {scores.claimant_accuracy:.3f} < {CLAIMANT_TARGET}"
        )
    return failures


def _run_extractor(inputs: list[Path]) -> pd.DataFrame:
    from casualties.extract import extract

    return extract(inputs)


def evaluate_set(
    name: str, gold_path: Path, inputs: list[Path], key: Callable, claims_csv: Path | None
) -> tuple[MatchResult, Scores, float] | str:
    """Scores for one set, or a message saying why it could not be measured."""
    gold = load_gold(gold_path)
    started = time.perf_counter()
    if claims_csv is not None:
        claims = pd.read_csv(claims_csv, dtype=str, keep_default_na=False)
    else:
        try:
            claims = _run_extractor(inputs)
        except ImportError as error:
            return f"extractor missing: cannot import casualties.extract.extract ({error})"
        except Exception as error:  # a measurement reports failures, it does not crash
            return f"extractor failed on {name}: {type(error).__name__}: {error}"
    seconds = time.perf_counter() - started
    result = match_claims(gold, prepare_extracted(claims, key))
    return result, score(result), seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("embedded", *NEWS_SETS, "all"), default="all")
    parser.add_argument("--check", action="store_true", help="exit 1 when below the targets")
    parser.add_argument("--max-list", type=int, default=200, help="rows listed per section")
    parser.add_argument("--gold-dir", type=Path, default=GOLD_DIR)
    parser.add_argument("--claims-embedded", type=Path, help="score this claims CSV instead")
    for name in NEWS_SETS:
        parser.add_argument(f"--claims-{name}", type=Path, help="score this claims CSV instead")
    parser.add_argument("--json", type=Path, help="also write the scores as JSON here")
    args = parser.parse_args(argv)
    if args.max_list < 0:
        parser.error("--max-list must be >= 0")

    sets = {
        "embedded": (
            args.gold_dir / "embedded_claims.csv",
            [EMBEDDED_CORPUS],
            embedded_key,
            args.claims_embedded,
        ),
    }
    for name in NEWS_SETS:
        jsonl = args.gold_dir / f"{name}_articles.jsonl"
        sets[name] = (
            args.gold_dir / f"{name}_claims.csv",
            [jsonl],
            unseen_key_function(jsonl) if jsonl.exists() else embedded_key,
            getattr(args, f"claims_{name}"),
        )
    chosen = list(sets) if args.set == "all" else [args.set]
    failures: list[str] = []
    summary: dict[str, dict] = {}
    for name in chosen:
        outcome = evaluate_set(name, *sets[name])
        if isinstance(outcome, str):
            print(f"== {name} ==\n{outcome}\n")
            failures.append(f"{name}: not measured ({outcome})")
            summary[name] = {"error": outcome}
            continue
        result, scores, seconds = outcome
        print(format_report(name, result, scores, args.max_list))
        print(f"(extraction + matching {seconds:.2f} s)\n")
        failures.extend(meets_targets(name, scores))
        summary[name] = asdict(scores)
    if args.json:
        from casualties.io import write_text_atomic

        write_text_atomic(json.dumps(summary, indent=2, sort_keys=True) + "\n", args.json)
    if failures:
        print("below target:\n  " + "\n  ".join(failures))
    else:
        print("all targets met")
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
