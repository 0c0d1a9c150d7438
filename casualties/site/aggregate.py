"""Charts that stay small at any corpus size: past a threshold, claims are aggregated.

A chart of every claim grows with the corpus (each point carries its quote for the
hover). Past ``CHART_CLAIMS`` claims a timeline shows, per claimant and week (month when the
claims span more than a year), the largest claim, and a chart of rows shows the largest
``CHART_ROWS`` rows, and a toll's evolution the largest report of each claimant, victim
group, outcome and day; the chart's title says so, and the full tables are in the site's
data/.
"""

from __future__ import annotations

import pandas as pd

from casualties.site.plotting import num

CHART_CLAIMS = 300  # claims a chart plots one by one
CHART_ROWS = 60  # rows of a chart with one row per claim


def largest_per_period(df: pd.DataFrame, dates: pd.Series) -> tuple[pd.DataFrame, str]:
    """``df`` as it is when small; else the largest claim (by best) of each claimant and
    period, with a note for the title ("" when nothing was aggregated)."""
    if len(df) <= CHART_CLAIMS:
        return df, ""
    span = (dates.max() - dates.min()).days if len(dates) else 0
    period, word = ("M", "month") if span > 366 else ("W", "week")
    keyed = df.assign(
        _period=dates.dt.to_period(period).astype(str), _rank=num(df["best"]).fillna(-1)
    )
    keyed = keyed.sort_values(["_rank", "claim_id" if "claim_id" in df else "_period"],
                              ascending=[False, True], kind="stable")  # fmt: skip
    top = keyed.drop_duplicates(["claimant", "_period"]).sort_index()
    note = f" (largest claim per claimant and {word}: {len(top):,} of {len(df):,} claims)"
    return top.drop(columns=["_period", "_rank"]), note


def largest_rows(df: pd.DataFrame, limit: int = CHART_ROWS) -> tuple[pd.DataFrame, str]:
    """The ``limit`` rows with the largest best, in their order, and a note for the title."""
    if len(df) <= limit:
        return df, ""
    order = num(df["best"]).fillna(-1).sort_values(ascending=False, kind="stable")
    top = df.loc[sorted(order.index[:limit], key=df.index.get_loc)]
    return top, f" (the {limit} largest of {len(df):,} claims)"


def largest_per_day(evolution: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """``evolution`` (``analyse.toll_evolution``) as it is when small; else the largest
    report (by best) of each claimant, victim, outcome and publication day (week, month:
    the finest that keeps the chart within ``CHART_CLAIMS`` points), and a note."""
    if len(evolution) <= CHART_CLAIMS:
        return evolution, ""
    dates = pd.to_datetime(evolution["published"], errors="coerce")
    keyed = evolution.assign(_rank=num(evolution["best"]).fillna(-1))
    keyed = keyed.sort_values("_rank", ascending=False, kind="stable")
    keys = ["claimant", "victim", "outcome", "_period"]
    for period, name in (("D", "day"), ("W", "week"), ("M", "month")):
        periods = dates.dt.to_period(period).astype(str).reindex(keyed.index)
        top, word = keyed.assign(_period=periods).drop_duplicates(keys).sort_index(), name
        if len(top) <= CHART_CLAIMS:
            break
    note = f" (largest report per claimant and {word}: {len(top):,} of {len(evolution):,})"
    return top.drop(columns=["_rank", "_period"]), note
