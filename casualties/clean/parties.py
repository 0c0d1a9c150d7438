"""Claimant, victim and outcome: free text to the closed vocabularies.

A canonical column (``claimant``, ``victim``, ``outcome``) that has a value must hold a
vocabulary value: anything else is a problem. Where it is empty (or absent), the free text
(``claimant_text``, ``victim_text``) is mapped by the alias tables. A claimant text that the
tables do not know becomes ``unknown`` and is listed in a warning (never dropped); an empty
claimant is ``unknown``, an empty or unknown victim ``unspecified``.
"""

from __future__ import annotations

import pandas as pd

from casualties.aliases import map_claimant, map_victim
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
    results, messages, unknown = [], {}, {}
    for group, row in enumerate(first):
        value, free = given[1][given[0][row]], text[1][text[0][row]]
        if value:
            if value not in allowed:
                messages[group] = f"{column} {value!r} is not one of {', '.join(allowed)}"
            results.append(value)
        elif free:
            mapped = _MAPPER[column](free)
            if column == "claimant" and mapped == "unknown" and free.lower() != "unknown":
                unknown[group] = free
            results.append(mapped)
        else:
            results.append(_DEFAULT[column])
    problems.add_groups(groups, messages)
    if unknown:
        listed = Problems()
        listed.add_groups(groups, {g: repr(name) for g, name in unknown.items()})
        names = []
        for line in listed.lines():
            rows, name = line.split(": ", 1)
            names.append(f"{name} ({rows})")
        warnings.append(
            f"{len(unknown)} claimant text(s) not in the alias tables, mapped to 'unknown': "
            + "; ".join(names)
        )
    return spread(results, groups)


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
