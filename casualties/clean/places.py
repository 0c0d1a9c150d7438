"""Places: province / district names, P-codes or free ``place_text`` to COD names and P-codes.

Order of evidence, most exact first:

1. ``district_pcode`` / ``province_pcode`` (a clean table has them): taken as they are; a
   name beside them must name the same place.
2. ``district`` (any spelling the gazetteer knows): a district fixes its province; a
   district name found in two provinces (Baharak) is resolved by ``province`` when given.
   An unknown or unresolvable name in a canonical column is a problem.
3. ``province`` alone: the province.
4. ``place_text`` (free text such as "Baharak district of Takhar"): looked up whole, else
   scanned for place names; an unknown or ambiguous text is only a warning, and the place
   columns stay empty.
"""

from __future__ import annotations

import pandas as pd

from casualties.clean.table import Problems, group_rows, spread, text_codes
from casualties.gazetteer import Place, gazetteer

PLACE_COLUMNS = ("province", "province_pcode", "district", "district_pcode")


def _from_text(text: str) -> Place | None:
    gaz = gazetteer()
    place = gaz.lookup(text)
    if place is not None:
        return place
    mentions = [m.place for m in gaz.find_in_text(text)]
    districts = {p.district_pcode: p for p in mentions if p.district_pcode}
    provinces = {p.province_pcode for p in mentions if p.province_pcode}
    if len(districts) == 1 and len(provinces) <= 1:
        return next(iter(districts.values()))
    if not districts and len(provinces) == 1:
        return next(p for p in mentions if p.province_pcode)
    if any(p.ambiguous for p in mentions) and len(mentions) == 1:
        return mentions[0]
    return None


def resolve_place(
    province: str, ppcode: str, district: str, dpcode: str, text: str
) -> tuple[Place | None, str | None, str | None]:
    """(place, problem, warning) for one combination of the place columns."""
    gaz = gazetteer()
    hint_pcode = None
    if ppcode:
        found = gaz.by_pcode(ppcode)
        if found is None or found.district_pcode:
            return None, f"unknown province_pcode {ppcode!r}", None
        hint_pcode = ppcode
    if province:
        named = gaz.province_pcode(province)
        if named is None:
            return None, f"unknown province {province!r}", None
        if hint_pcode and named != hint_pcode:
            return None, f"province {province!r} does not match province_pcode {ppcode}", None
        hint_pcode = named
    if dpcode:
        place = gaz.by_pcode(dpcode)
        if place is None or place.district_pcode is None:
            return None, f"unknown district_pcode {dpcode!r}", None
        if district:
            named = gaz.lookup(f"{district} district", place.province_pcode)
            if named is None or named.district_pcode != place.district_pcode:
                return None, f"district {district!r} does not match district_pcode {dpcode}", None
    elif district:
        place = gaz.lookup(f"{district} district", hint_pcode) or gaz.lookup(district, hint_pcode)
        if place is None or (place.district is None and not place.ambiguous):
            return None, f"unknown district {district!r}", None
        if place.ambiguous:
            provinces = ", ".join(c.province for c in place.candidates)
            return None, f"district {district!r} is in {provinces}: give the province", None
    elif hint_pcode:
        return gaz.by_pcode(hint_pcode), None, None
    elif text:
        place = _from_text(text)
        if place is None:
            return None, None, f"place_text {text!r} is not a known place"
        if place.ambiguous:
            provinces = ", ".join(c.province for c in place.candidates)
            return None, None, f"place_text {text!r} is ambiguous ({provinces})"
        return place, None, None
    else:
        return None, None, None
    if hint_pcode and place.province_pcode != hint_pcode:
        where = gaz.by_pcode(hint_pcode).province
        return None, f"district {place.district!r} is not in province {where!r}", None
    return place, None, None


def clean_places(df: pd.DataFrame, problems: Problems, warnings: list[str]) -> dict[str, pd.Series]:
    """``province, province_pcode, district, district_pcode`` for every row."""
    columns = [text_codes(df, c) for c in (*PLACE_COLUMNS, "place_text")]
    groups, first = group_rows([codes for codes, _ in columns])
    results: dict[str, list[str]] = {c: [] for c in PLACE_COLUMNS}
    messages, notes = {}, {}
    for group, row in enumerate(first):
        province, ppcode, district, dpcode, text = (u[c[row]] for c, u in columns)
        place, problem, warning = resolve_place(
            province, ppcode.upper(), district, dpcode.upper(), text
        )
        if problem:
            messages[group] = problem
        if warning:
            notes[group] = warning
        for column in PLACE_COLUMNS:
            results[column].append((getattr(place, column) or "") if place else "")
    problems.add_groups(groups, messages)
    if notes:
        listed = Problems()
        listed.add_groups(groups, notes)
        warnings.extend(f"{line} (place left empty)" for line in listed.lines())
    return {column: spread(values, groups) for column, values in results.items()}
