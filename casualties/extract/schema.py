"""The claims table as a pandera schema: column order, types and closed vocabularies."""

from __future__ import annotations

from functools import cache

import pandas as pd
import pandera.pandas as pa

from casualties.contract import CLAIM_COLUMNS, vocabulary
from casualties.errors import CasualtiesError

ISO_OR_EMPTY = r"^(\d{4}-\d{2}-\d{2})?$"


@cache
def claims_schema() -> pa.DataFrameSchema:
    text = {c: pa.Column(str) for c in CLAIM_COLUMNS}
    text.update(
        claim_id=pa.Column(str, pa.Check.str_length(min_value=1), unique=True),
        doc_id=pa.Column(str, pa.Check.str_length(min_value=1)),
        published=pa.Column(str, pa.Check.str_matches(ISO_OR_EMPTY)),
        char_start=pa.Column("int64", pa.Check.ge(0)),
        char_end=pa.Column("int64", pa.Check.ge(0)),
        claimant=pa.Column(str, pa.Check.isin(vocabulary("claimant"))),
        victim=pa.Column(str, pa.Check.isin(vocabulary("victim"))),
        outcome=pa.Column(str, pa.Check.isin(vocabulary("outcome"))),
        qualifier=pa.Column(str, pa.Check.isin(vocabulary("qualifier"))),
        value=pa.Column("Int64", pa.Check.ge(0), nullable=True),
        date_start=pa.Column(str, pa.Check.str_matches(ISO_OR_EMPTY)),
        date_end=pa.Column(str, pa.Check.str_matches(ISO_OR_EMPTY)),
        statement_id=pa.Column(str, pa.Check.str_length(min_value=1)),
        role=pa.Column(str, pa.Check.isin(vocabulary("role"))),
        place_source=pa.Column(str, pa.Check.isin(("", *vocabulary("place_source")))),
        date_source=pa.Column(str, pa.Check.isin(("", *vocabulary("date_source")))),
    )
    return pa.DataFrameSchema(
        text,
        strict=True,
        ordered=True,
        checks=[
            pa.Check(lambda df: df["char_start"] <= df["char_end"], name="start<=end"),
            pa.Check(
                lambda df: df["value"].isna() == (df["qualifier"] == "vague"),
                name="value empty exactly when vague",
            ),
            pa.Check(
                lambda df: df["quote"].str.len() == df["char_end"] - df["char_start"],
                name="quote length = offsets",
            ),
        ],
    )


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows as a DataFrame with exactly ``CLAIM_COLUMNS`` and the contract's dtypes."""
    frame = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    for column in CLAIM_COLUMNS:
        if column in ("char_start", "char_end"):
            frame[column] = frame[column].astype("int64")
        elif column == "value":
            frame[column] = pd.array(
                [None if v is None or v == "" or pd.isna(v) else int(v) for v in frame[column]],
                dtype="Int64",
            )
        else:
            frame[column] = frame[column].fillna("").astype(str)
    return frame


def validate_claims(frame: pd.DataFrame) -> pd.DataFrame:
    """Validate against the contract; a failure is a bug here, reported as CasualtiesError."""
    try:
        return claims_schema().validate(frame, lazy=True)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError) as error:
        raise CasualtiesError(f"extracted claims break the contract: {error}") from error
