"""Place lookup in running text: ``Gazetteer.find_in_text`` per sentence, against a naive
scan that looks for every spelling of the gazetteer in the sentence (the baseline).

Target: well under 5 ms per sentence (extraction looks up every sentence of a corpus) and
faster than the naive scan, which grows with the gazetteer. Prints CPU milliseconds per
sentence of both, best of 5 runs, and their ratio.

    .venv/bin/python benchmarks/bench_gazetteer.py [--sentences 200]
"""

from __future__ import annotations

import argparse
import time

from casualties.gazetteer import fold, gazetteer

SENTENCES = (
    "Security forces killed 36 Taliban fighters in Baharak district of Takhar, officials said.",
    "A car bomb exploded near the Shashdarak area of Kabul on Thursday, killing 10 people.",
    "The Taliban attacked checkpoints in Musa Qala and Nad Ali overnight, police said.",
    "No place is named in this sentence, which reports that 12 people were wounded.",
)


def _best_ms(run, n: int) -> float:
    times = []
    for _ in range(5):
        start = time.process_time()
        for i in range(n):
            run(SENTENCES[i % len(SENTENCES)])
        times.append((time.process_time() - start) * 1000 / n)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200)
    args = parser.parse_args()
    gaz = gazetteer()
    spellings = sorted({*gaz.provinces, *gaz.districts}, key=len, reverse=True)
    folded = [fold(s) for s in spellings]

    def naive(sentence: str) -> list[str]:
        text = fold(sentence)
        return [s for s in folded if s in text]

    gaz.find_in_text(SENTENCES[0])  # build the pattern once
    found = _best_ms(gaz.find_in_text, args.sentences)
    scan = _best_ms(naive, args.sentences)
    print(f"spellings in the gazetteer: {len(spellings)}")
    print(f"find_in_text   {found:7.3f} ms per sentence (target < 5 ms)")
    print(f"naive scan     {scan:7.3f} ms per sentence (baseline)")
    print(f"ratio          {found / scan:7.2f} (find_in_text / naive scan; target < 1)")
    return 0 if found < 5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
