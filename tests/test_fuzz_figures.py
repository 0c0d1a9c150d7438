"""Fuzzing the figure grammar (issue 10): casualty sentences generated from the grammar's own
tables (figure phrase x victim noun x outcome verb x attribution x dateline) go through
extract -> clean -> analyse without raising, and the figure read back is the one generated.

The expected figure is worked out here from the table entries and an independent number
renderer (``test_figures.to_words``), never by the parser under test.
"""

from __future__ import annotations

import os

import pandas as pd
from fixtures.extract.articles import make_article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_figures import to_words

from casualties.analyse import analyse
from casualties.clean import clean
from casualties.contract import CLAIM_COLUMNS
from casualties.extract import extract_article
from casualties.extract.tokens import lexicon
from casualties.figures import TABLES

#: Nouns that state an outcome themselves ("12 deaths", "among the victims"): not victims.
_OUTCOME_NOUNS = {
    w for key in ("count_nouns", "of_nouns", "among_heads") for w in lexicon("outcomes")[key]
}
VICTIM_NOUNS = sorted(
    w
    for w, group in lexicon("victims")["heads"].items()
    if w.endswith("s") and w.isalpha() and w not in _OUTCOME_NOUNS and w != "others"
)
VERBS = ["were killed", "died", "were wounded", "were injured", "were detained",
         "were arrested", "lost their lives", "were abducted"]  # fmt: skip
ATTRIBUTIONS = ["officials said", "police said", "the Taliban said", "a UN statement said",
                "according to the Interior Ministry"]  # fmt: skip
DATELINES = ["", "KABUL — ", "HERAT, Afghanistan (AP) — ", "JALALABAD: "]
PROVINCES = ["Helmand", "Kunduz", "Nangarhar", "Ghazni"]


def _number(n: int, style: int) -> str:
    """``n`` as digits, digits with separators, or words (this test's own renderer)."""
    if style == 0 and not 1900 <= n <= 2100:
        return str(n)
    if style == 1 and n >= 1000:
        return f"{n:,}"
    return to_words(n, hyphen=bool(style % 2))


@st.composite
def figures(draw) -> tuple[str, int | None, str, int | None]:
    """(phrase, value, qualifier, high) drawn from the grammar's tables."""
    kind = draw(st.sampled_from(["plain", "prefix", "suffix", "vague", "multiple", "range"]))
    n = draw(st.integers(2, 3000))
    style = draw(st.integers(0, 2))
    if kind == "plain":
        return _number(n, style), n, "exact", None
    if kind == "prefix":
        prefix, qualifier = draw(st.sampled_from(sorted(TABLES["prefixes"].items())))
        return f"{prefix} {_number(n, style)}", n, qualifier, None
    if kind == "suffix":
        suffix, qualifier = draw(
            st.sampled_from([(s, q) for s, q in sorted(TABLES["suffixes"].items()) if s != "+"])
        )
        joint = "-" if suffix == "plus" else " "
        return f"{_number(n, 0 if suffix == 'plus' else style)}{joint}{suffix}", n, \
            qualifier or "exact", None  # fmt: skip
    if kind == "vague":
        phrase, _word = draw(st.sampled_from(sorted(TABLES["vague"].items())))
        return phrase, None, "vague", None
    if kind == "multiple":
        noun, each = draw(st.sampled_from(sorted(TABLES["multipliers"].items())))
        count = draw(st.integers(2, 9))
        return f"{to_words(count, False)} {noun}", count * each, "about", None
    high = draw(st.integers(n + 1, 4000))
    template = draw(st.sampled_from(TABLES["ranges"]))
    hyphen = "}-{" in template
    low_text, high_text = (
        (f"{n:,}", f"{high:,}") if hyphen else (_number(n, style), _number(high, style))
    )
    return template.replace("{N}", low_text).replace("{M}", high_text), n, "at_least", high


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    return df.astype(object).where(df.notna(), "").astype(str)


#: Examples per run; FUZZ_EXAMPLES=500 for a longer search.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    figures(),
    st.sampled_from(VICTIM_NOUNS),
    st.sampled_from(VERBS),
    st.sampled_from(ATTRIBUTIONS),
    st.sampled_from(DATELINES),
    st.sampled_from(PROVINCES),
    st.sampled_from(["", "", *TABLES["fillers"]]),
)
def test_generated_sentences_read_back_their_figure(
    figure, noun, verb, said, dateline, where, filler
):
    phrase, value, qualifier, high = figure
    filler = f"{filler} " if filler else ""  # "another 50": extract's figure text is "50"
    start = f"{filler}{phrase}"
    sentence = f"{start[0].upper()}{start[1:]} {noun} {verb} in {where} province, {said}."
    text = f"{dateline}{sentence}\n\nThe fighting went on into the night."
    rows = extract_article(make_article(text))
    read = [r for r in rows if r["figure_text"].lower() in (phrase.lower(), start.lower())]
    assert read, (text, [(r["figure_text"], r["value"]) for r in rows])
    assert (read[0]["value"], read[0]["qualifier"]) == (value, qualifier), text
    cleaned = clean(_frame(rows))  # strict: any disagreement or unknown phrase raises
    mine = cleaned[cleaned["figure_text"].str.lower() == phrase.lower()].iloc[0]
    if high is not None:
        assert (mine["low"], mine["high"]) == (value, high)
    results = analyse(cleaned, draws=200)
    assert len(results.claims) == len(cleaned)


def test_mutation_check_over_the_corpus_never_aborts(capsys):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parents[1] / "benchmarks" / "bench_mutations.py"
    spec = importlib.util.spec_from_file_location("bench_mutations", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--articles", "24", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "aborts 0" in out and "quarantined " in out
    replaced = int(out.split("phrases replaced ")[1].split(",")[0])
    assert replaced > 100  # the corpus's figures were really replaced
