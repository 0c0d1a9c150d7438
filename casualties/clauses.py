"""Clauses of a sentence: the stretch between punctuation marks that holds a figure.

Used by extract (which date phrase dates a figure) and analyse (a period cue next to a
figure): one definition of where a clause ends.
"""

from __future__ import annotations

import re

#: clause boundaries inside one sentence (not ".": "U.S."; not the comma of "2,400")
CLAUSE_END = re.compile(r"[;:!?\u2013\u2014()]|\s-\s|(?<!\d),|,(?!\d)")


def clause_bounds(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the clause of ``text`` that holds ``position``."""
    before = [m.end() for m in CLAUSE_END.finditer(text, 0, max(position, 0))]
    after = CLAUSE_END.search(text, max(position, 0))
    return (before[-1] if before else 0, after.start() if after else len(text))
