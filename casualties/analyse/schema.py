"""pandera schemas of the four analyse outputs: checked before writing and after reading."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from casualties.analyse.calibration import CALIBRATION_COLUMNS
from casualties.analyse.compare import COMPARISON_COLUMNS
from casualties.analyse.incidents import INCIDENT_COLUMNS
from casualties.analyse.statements import CLAIMANT_FIGURE_COLUMNS, DERIVATIONS
from casualties.analyse.uncertainty import GROUPINGS, TOTALS_COLUMNS
from casualties.contract import CLAIM_COLUMNS, CORRECTION_COLUMNS, RANGE_COLUMNS, vocabulary
from casualties.errors import CasualtiesError
from casualties.vocabulary import SOURCE_KINDS as CLAIMANT_SOURCE_KINDS

SCOPES = ("incident", "aggregate")
GRADES = ("corroborated", "single_source", "contested", "party_only")
SOURCE_KINDS = (*CLAIMANT_SOURCE_KINDS, "unknown")
ID_PATTERN = r"^(INC|AGG)-(\d{8}|undated)-[0-9a-f]{8}(-\d+)?$"
LINKED_COLUMNS = list(CLAIM_COLUMNS + RANGE_COLUMNS + CORRECTION_COLUMNS) + [
    "incident_id", "scope", "event_words",
]  # fmt: skip


def _columns(names, **special) -> dict[str, pa.Column]:
    return {name: special.get(name, pa.Column(nullable=True)) for name in names}


def _ordered(a: str, b: str):
    return pa.Check(lambda df: df[a] <= df[b], name=f"{a} <= {b}")


CLAIMS_LINKED = pa.DataFrameSchema(
    _columns(
        LINKED_COLUMNS,
        incident_id=pa.Column(str, pa.Check.str_matches(ID_PATTERN)),
        scope=pa.Column(str, pa.Check.isin(SCOPES)),
        claim_id=pa.Column(str, unique=True),
    ),
    checks=[_ordered("low", "best"), _ordered("best", "high")],
    strict=False,  # the clean stage may add columns of its own: they are kept
    name="claims_linked",
)

INCIDENTS = pa.DataFrameSchema(
    _columns(
        INCIDENT_COLUMNS,
        incident_id=pa.Column(str, pa.Check.str_matches(ID_PATTERN), unique=True),
        scope=pa.Column(str, pa.Check.isin(SCOPES)),
        n_claims=pa.Column(int, pa.Check.ge(1)),
        n_documents=pa.Column(int, pa.Check.ge(1)),
        n_corrected=pa.Column(int, pa.Check.ge(0)),
    ),
    strict=True,
    ordered=True,
    name="incidents",
)

COMPARISON = pa.DataFrameSchema(
    _columns(
        COMPARISON_COLUMNS,
        incident_id=pa.Column(str, pa.Check.str_matches(ID_PATTERN)),
        grade=pa.Column(str, pa.Check.isin(GRADES)),
        n_claims=pa.Column(int, pa.Check.ge(1)),
        parts_exceed_total=pa.Column(bool),
    ),
    checks=[
        # a party's figure of its enemy's losses alone bounds nothing from below: 0 (Consensus)
        pa.Check(
            lambda df: (
                (df["envelope_low"] <= df["consensus_low"])
                | ((df["grade"] == "party_only") & (df["consensus_low"] == 0))
            ),
            name="envelope_low <= consensus_low, or 0 for a party's figure alone",
        ),
        _ordered("consensus_low", "consensus_best"),
        _ordered("consensus_best", "consensus_high"),
        _ordered("consensus_high", "envelope_high"),
    ],
    unique=["incident_id", "victim", "outcome"],
    strict=True,
    ordered=True,
    name="comparison",
)

TOTALS = pa.DataFrameSchema(
    _columns(
        TOTALS_COLUMNS,
        grouping=pa.Column(str, pa.Check.isin(GROUPINGS)),
        n_incidents=pa.Column(int, pa.Check.ge(0)),
    ),
    checks=[
        _ordered("low_sum", "best_sum"),
        _ordered("best_sum", "high_sum"),
        pa.Check(lambda df: df["p05"] <= df["p25"] + 1e-9, name="p05 <= p25"),
        pa.Check(lambda df: df["p25"] <= df["p50"] + 1e-9, name="p25 <= p50"),
        pa.Check(lambda df: df["p50"] <= df["p75"] + 1e-9, name="p50 <= p75"),
        pa.Check(lambda df: df["p75"] <= df["p95"] + 1e-9, name="p75 <= p95"),
    ],
    unique=["grouping", "group", "outcome", "preset"],
    strict=True,
    ordered=True,
    name="totals",
)

CLAIMANT_FIGURES = pa.DataFrameSchema(
    _columns(
        CLAIMANT_FIGURE_COLUMNS,
        incident_id=pa.Column(str, pa.Check.str_matches(ID_PATTERN)),
        claimant=pa.Column(str, pa.Check.isin(vocabulary("claimant"))),
        source_kind=pa.Column(str, pa.Check.isin(SOURCE_KINDS)),
        derivation=pa.Column(str, pa.Check.isin(DERIVATIONS)),
        n_claims=pa.Column(int, pa.Check.ge(1)),
        n_statements=pa.Column(int, pa.Check.ge(1)),
    ),
    checks=[_ordered("type_low", "type_best"), _ordered("type_best", "type_high")],
    unique=["incident_id", "victim", "outcome", "claimant"],
    strict=True,
    ordered=True,
    name="claimant_figures",
)

CALIBRATION = pa.DataFrameSchema(
    _columns(CALIBRATION_COLUMNS, toll_id=pa.Column(str), inside=pa.Column(bool)),
    checks=[_ordered("verified_low", "verified"), _ordered("verified", "verified_high")],
    strict=True,
    ordered=True,
    name="calibration",
)

SCHEMAS = {
    "claims": CLAIMS_LINKED,
    "incidents": INCIDENTS,
    "comparison": COMPARISON,
    "claimant_figures": CLAIMANT_FIGURES,
    "calibration": CALIBRATION,
    "totals": TOTALS,
}


def validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Validate one output table; a failure is a bug or a corrupt file: CasualtiesError."""
    schema = SCHEMAS[name]
    if df.empty:  # no rows: only the columns can be checked (dtypes of empty frames vary)
        missing = [c for c in schema.columns if c not in df.columns]
        if missing:
            raise CasualtiesError(f"{name} table lacks column(s) {', '.join(missing)}")
        return df
    try:
        return schema.validate(df, lazy=True)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError) as error:
        raise CasualtiesError(f"{name} table fails its schema: {error}") from error
