"""Claimant, victim and outcome: free text to the closed vocabularies.

A canonical column (``claimant``, ``victim``) typed by hand may hold a name the alias tables
know ("UNAMA", "Afghan MoD"): it is mapped, with a warning listing each mapping; only a value
no table knows is a problem (``outcome`` must be a vocabulary value). Where the canonical
column is empty (or absent), the free text (``claimant_text``, ``victim_text``) is mapped by
the alias tables. A claimant text that the tables do not know becomes ``unknown`` and is
listed in a warning (never dropped); an empty claimant is ``unknown``, an empty or unknown
victim ``unspecified``.
"""

from __future__ import annotations

import pandas as pd

from casualties.aliases import alias_for, map_claimant, map_victim
from casualties.clean.table import Problems, group_rows, spread, text_codes
from casualties.contract import vocabulary

_DEFAULT = {"claimant": "unknown", "victim": "unspecified"}
_MAPPER = {"claimant": map_claimant, "victim": map_victim}


def clean_party(
    df: pd.DataFrame, column: str, problems: Problems, warnings: list[str]
) -> pd.Series:
    """``claimant`` or ``victim`` for every row."""
    allowed = vocabulary(column)
    given, text = text_codes(df, column), text_codes(df, f"{column}_text")
    groups, first = group_rows([given[0], text[0]])
    results, messages, unknown, aliased = [], {}, {}, {}
    for group, row in enumerate(first):
        value, free = given[1][given[0][row]], text[1][text[0][row]]
        if value and value not in allowed:
            alias = alias_for(column, value)
            if alias is None:
                messages[group] = (
                    f"{column} {value!r} is not one of {', '.join(allowed)} and no alias "
                    f"table knows it (data/reference/aliases/)"
                )
            else:
                aliased[group] = f"{value!r} -> {alias}"
            results.append(alias or value)
        elif value:
            results.append(value)
        elif free:
            mapped = _MAPPER[column](free)
            if column == "claimant" and mapped == "unknown" and free.lower() != "unknown":
                unknown[group] = free
            results.append(mapped)
        else:
            results.append(_DEFAULT[column])
    problems.add_groups(groups, messages)
    if aliased:
        warnings.append(
            f"{len(aliased)} {column} value(s) outside the vocabulary, mapped by the alias "
            "tables: " + _with_rows(groups, aliased)
        )
    if unknown:
        named = {g: repr(name) for g, name in unknown.items()}
        warnings.append(
            f"{len(unknown)} claimant text(s) not in the alias tables, mapped to 'unknown': "
            + _with_rows(groups, named)
        )
    return spread(results, groups)


def _with_rows(groups, texts: dict[int, str]) -> str:
    """``"'UNAMA' -> un (rows 1, 3); ..."``: each group's text with its rows."""
    listed = Problems()
    listed.add_groups(groups, texts)
    names = []
    for line in listed.lines():
        rows, text = line.split(": ", 1)
        names.append(f"{text} ({rows})")
    return "; ".join(names)


def clean_outcome(df: pd.DataFrame, problems: Problems) -> pd.Series:
    """``outcome`` must be one of the vocabulary (case and surrounding spaces ignored)."""
    allowed = vocabulary("outcome")
    codes, uniques = text_codes(df, "outcome")
    results, messages = [], {}
    for index, value in enumerate(uniques):
        normal = value.lower()
        if normal not in allowed:
            messages[index] = (
                "outcome is empty"
                if not value
                else f"outcome {value!r} is not one of {', '.join(allowed)}"
            )
        results.append(normal)
    problems.add_groups(codes, messages)
    return spread(results, codes)
