"""Extraction time against paragraph length: one article whose single paragraph holds N claim
sentences (1k, 10k, 100k by default), timed with ``extract_article``; prints seconds per
sentence for each N. Linear time means a flat column: the largest N within 2x of the
smallest (issue 15; it was quadratic: per-claim scans of every place and attribution clause
of the paragraph).

    .venv/bin/python benchmarks/bench_paragraph.py                # 1000 10000 100000
    .venv/bin/python benchmarks/bench_paragraph.py --sizes 1000 4000
"""

from __future__ import annotations

import argparse
import sys
import time

#: Claim sentences of the kinds news paragraphs string together: named, pronoun and
#: elided speakers, places in and out of the sentence, quotations.
TEMPLATES = (
    "Taliban fighters killed {n} civilians in Kandahar on Thursday, police said.",
    "{n} soldiers were wounded in an attack in Nad Ali district, the ministry of defence "
    "said in a statement.",
    "He said {n} militants were detained in the operation.",
    "Zabihullah Mujahid, a Taliban spokesman, claimed that {n} Afghan soldiers were killed.",
    '"We killed {n} police officers," the group said.',
    "At least {n} people were injured, officials added.",
    "Another {n} civilians died in hospital, according to a provincial council member.",
    "The attack also killed {n} members of the security forces in a neighbouring province.",
)


def article(sentences: int, published: str = "2019-09-06"):
    """One article (``published`` may be "": undated) whose text is a single paragraph of
    ``sentences`` claim sentences."""
    from casualties.corpus import Article

    body = " ".join(TEMPLATES[i % len(TEMPLATES)].format(n=3 + i % 40) for i in range(sentences))
    return Article(
        doc_id=f"bench{sentences}",
        title="A long paragraph",
        author="Staff",
        outlet="Reuters",
        published=published,
        text=body + "\n",
        source="bench",
        language="en",
    )


def seconds_per_sentence(sentences: int, published: str = "2019-09-06") -> tuple[float, int]:
    """(CPU seconds per sentence, claims) of one run of ``extract_article``: CPU time, so
    that other processes on a shared machine do not move the ratio."""
    from casualties.extract import extract_article

    doc = article(sentences, published)
    start = time.process_time()
    claims = extract_article(doc)
    return (time.process_time() - start) / sentences, len(claims)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    args = parser.parse_args(argv)
    seconds_per_sentence(50)  # warm the caches (gazetteer, grammars)
    rows = []
    for size in args.sizes:
        per, claims = seconds_per_sentence(size)
        rows.append(per)
        print(f"{size:>7} sentences: {per * 1e6:8.1f} µs per sentence ({claims} claims)")
    ratio = max(rows) / min(rows)
    print(f"largest / smallest seconds per sentence: {ratio:.2f} (target: at most 2)")
    return 0 if ratio <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
