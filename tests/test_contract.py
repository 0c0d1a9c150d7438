"""The contract in code matches the contract document."""

from __future__ import annotations

import re

from casualties.contract import CLAIM_COLUMNS, vocabularies
from casualties.paths import ROOT


def _doc() -> str:
    return (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")


def test_claim_columns_match_the_documented_list():
    block = re.search(r"## Columns of an extracted claims table\s+`([^`]+)`", _doc()).group(1)
    documented = tuple(c.strip() for c in block.replace("\n", " ").split(","))
    assert CLAIM_COLUMNS == documented


def test_vocabularies_match_the_documented_tables():
    doc = _doc()
    for column, values in vocabularies().items():
        row = re.search(rf"^\| `{column}` \|(.+)\|$", doc, re.MULTILINE).group(1)
        documented = re.findall(r"(?:^|·)\s*`([a-z_]+)`", row)
        assert tuple(documented) == values, column
