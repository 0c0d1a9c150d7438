"""Mutation check (issue 10): the embedded corpus with its figure phrases replaced at random
by phrases of the figure grammar, through extract -> clean -> analyse.

    .venv/bin/python benchmarks/bench_mutations.py                # 300 mutated articles
    .venv/bin/python benchmarks/bench_mutations.py --articles 1000 --seed 7

Every figure phrase ``casualties.figures.find_figures`` finds in an article is replaced by
one drawn from the grammar's own tables (``data/reference/figures.yaml``: number words and
digits, qualifier prefixes and suffixes, vague words, multipliers, fractions, ranges) or,
one time in ten, by a phrase outside the grammar ("umpteen", "a great many"). The pipeline
must never abort: a claim clean cannot read is quarantined, and the count is printed.
Exit status 1 if anything aborted.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casualties.figures import NUMBER_TENS, NUMBER_UNITS, TABLES, find_figures  # noqa: E402

#: Phrases outside the grammar: read as nothing, or quarantined, never an abort.
ODD = ["umpteen", "a great many", "countless", "a slew of", "a dozen or two", "1.5", "x"]
_UNITS = list(NUMBER_UNITS)
_TENS = {v: k for k, v in NUMBER_TENS.items()}


def _words(n: int) -> str:
    """A number below 100 in words (enough for mutations; the grammar's tables only)."""
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens * 10] + (f"-{_UNITS[unit]}" if unit else "")


def _number(rng: random.Random) -> str:
    n = rng.randint(2, 99)
    return rng.choice([str(n), _words(n), f"{rng.randint(1, 9)},{rng.randint(0, 999):03d}"])


def mutation(rng: random.Random) -> str:
    """A random figure phrase built from the grammar's tables (or, rarely, an odd one)."""
    kind = rng.randrange(10)
    if kind == 0:
        return rng.choice(ODD)
    if kind == 1:
        return rng.choice(list(TABLES["vague"]))
    if kind == 2:
        return f"{rng.choice(list(TABLES['prefixes']))} {_number(rng)}"
    if kind == 3:
        suffix = rng.choice([s for s in TABLES["suffixes"] if s != "+"])
        return f"{rng.randint(2, 99)}{'-' if suffix == 'plus' else ' '}{suffix}"
    if kind == 4:
        count = rng.choice([*TABLES["multiplier_counts"], _words(rng.randint(2, 9))])
        return f"{count} {rng.choice(list(TABLES['multipliers']))}"
    if kind == 5:
        return f"{rng.choice(list(TABLES['fractions']))} of the {rng.randint(2, 99) * 12}"
    if kind == 6:
        low = rng.randint(2, 500)
        template = rng.choice(TABLES["ranges"])
        return template.replace("{N}", str(low)).replace("{M}", str(low + rng.randint(1, 500)))
    return _number(rng)


def mutate(text: str, rng: random.Random) -> tuple[str, int]:
    """``text`` with every figure phrase replaced; and how many were replaced."""
    mentions = find_figures(text)
    parts, at = [], 0
    for mention in mentions:
        parts += [text[at : mention.start], mutation(rng)]
        at = mention.end
    parts.append(text[at:])
    return "".join(parts), len(mentions)


def run(n_articles: int, seed: int) -> dict:
    import pandas as pd

    from casualties.analyse import analyse
    from casualties.clean import clean_quarantine
    from casualties.contract import CLAIM_COLUMNS
    from casualties.corpus import read_articles
    from casualties.extract import extract_article

    rng = random.Random(seed)
    corpus = read_articles()
    start = time.perf_counter()
    rows, aborts, replaced = [], [], 0
    for k in range(n_articles):
        article = corpus[k % len(corpus)]
        text, count = mutate(article.text, rng)
        replaced += count
        mutated = replace(article, doc_id=f"{article.doc_id}-m{k}", text=text)
        try:
            rows.extend(extract_article(mutated))
        except Exception as error:  # an abort: what this check exists to find
            aborts.append(f"extract {mutated.doc_id}: {error!r}")
    claims = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    claims = claims.astype(object).where(claims.notna(), "").astype(str)
    quarantined = 0
    try:
        cleaned, rejected = clean_quarantine(claims)
        quarantined = len(rejected)
        analyse(cleaned, draws=1000)
    except Exception as error:
        aborts.append(f"clean/analyse: {error!r}")
    return {
        "articles": n_articles,
        "phrases replaced": replaced,
        "claims": len(claims),
        "quarantined": quarantined,
        "aborts": len(aborts),
        "seconds": round(time.perf_counter() - start, 1),
        "abort details": aborts[:5],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="mutated articles (300)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    args = parser.parse_args(argv)
    import logging

    logging.disable(logging.WARNING)  # quarantine warnings: the count below says it all
    result = run(args.articles, args.seed)
    details = result.pop("abort details")
    print("mutation check: " + ", ".join(f"{k} {v}" for k, v in result.items()))
    for line in details:
        print(f"  abort: {line}")
    return 1 if result["aborts"] else 0


if __name__ == "__main__":
    sys.exit(main())
