"""``casualties review``: the claims of one incident, document or claim, ready to correct.

Prints each claim with its id, reading, quote and any correction, then decision rows to
copy into the corrections file (docs/corrections.md); ``--write-template FILE`` starts a
corrections file holding those rows as comments, the current values filled in.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from casualties.corrections.options import add_corrections_option

#: What a template explains before its rows.
TEMPLATE_GUIDE = """\
# Corrections file (docs/corrections.md): one row per decision; lines starting with # are
# comments. Every decision needs analyst and reason. Kinds and the columns they use:
#   set    claim_id, field (claimant victim outcome figure place date), value
#   drop   claim_id                      (not a casualty claim)
#   add    doc_id, quote, value "claimant=...; victim=...; outcome=...; figure=..."
#          (and optionally "; place=...; date=...")
#   merge  claim_id, other_claim_id      (their incidents are one)
#   split  claim_id                      (the claim is an incident of its own)
# Uncomment a row (remove "# "), change its value, fill in analyst and reason.
"""


def register_cli(subparsers) -> None:
    parser = subparsers.add_parser(
        "review",
        help="print the claims of an incident or document, with ids, to write corrections",
        description=(
            "Prints the claims of one incident, document or claim from the analysed tables "
            "(claims_linked.csv of --processed): ids, readings, quotes and corrections, then "
            "decision rows for the corrections file (docs/corrections.md)."
        ),
    )
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument(
        "--incident", metavar="ID", help="an incident id (INC-20190905-3f9a2c1b, AGG-...)"
    )
    chosen.add_argument("--doc", metavar="ID", help="a document id")
    chosen.add_argument("--claim", metavar="ID", help="a claim id: the claims of its incident")
    parser.add_argument(
        "--processed", default=None, help="folder of the analysed tables (default data/processed)"
    )
    parser.add_argument(
        "--write-template",
        metavar="FILE",
        help="start a corrections file: the guide and, as comments, a decision row per field "
        "of each claim shown (FILE must not exist)",
    )
    add_corrections_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from casualties import paths
    from casualties.corrections import read_corrections
    from casualties.corrections.options import corrections_path
    from casualties.errors import ParameterError
    from casualties.io import write_text_atomic
    from casualties.outputs import check_output_file

    if not (args.incident or args.doc or args.claim or args.write_template):
        raise ParameterError("name an incident (--incident), a document (--doc) or a claim "
                             "(--claim), or give --write-template FILE")  # fmt: skip
    if args.write_template:
        check_output_file("--write-template", args.write_template)
        if Path(args.write_template).exists():
            raise ParameterError(
                f"--write-template: {args.write_template} exists; a template starts a new "
                "corrections file (copy its rows into yours)"
            )
    folder = Path(args.processed) if args.processed else paths.PROCESSED
    path = corrections_path(args)
    corrections = read_corrections(path) if path is not None else None
    claims, title = (
        (None, "")
        if not (args.incident or args.doc or args.claim)
        else select(folder, incident=args.incident, doc=args.doc, claim=args.claim)
    )
    if claims is not None:
        sys.stdout.write(listing(claims, title, corrections, folder, doc=args.doc))
    if args.write_template:
        write_text_atomic(template(claims, doc=args.doc), args.write_template)
        shown = 0 if claims is None else len(claims)
        print(f"review: template with {shown} claims -> {args.write_template}", file=sys.stderr)
    return 0


def select(folder: Path, *, incident=None, doc=None, claim=None):
    """The linked claims chosen (one incident, document, or a claim's incident) and a title."""
    from casualties.io import read_csv_text
    from casualties.site.params import check_choice

    hint = " (run `casualties build` or `make pipeline` first)"
    linked = read_csv_text(folder / "claims_linked.csv", missing_hint=hint)
    if claim:
        check_choice("claim id", claim, linked["claim_id"])
        incident = linked.loc[linked["claim_id"] == claim, "incident_id"].iloc[0]
    if incident:
        check_choice("incident id", incident, linked["incident_id"])
        chosen = linked[linked["incident_id"] == incident]
        label = _incident_label(folder, incident)
        claimants = ", ".join(sorted(set(chosen["claimant"])))
        documents = chosen["doc_id"].nunique()
        about = f"{len(chosen)} claims, {documents} document(s); claimants {claimants}"
        return chosen, f"incident {incident}: {label}\n  {about}"
    raw = folder / "claims.csv"
    known = set(linked["doc_id"]) | (set(read_csv_text(raw)["doc_id"]) if raw.is_file() else set())
    check_choice("document id", doc, sorted(known))
    chosen = linked[linked["doc_id"] == doc]
    return chosen, f"document {doc}\n  {len(chosen)} claims in the analysis"


def _incident_label(folder: Path, incident: str) -> str:
    from casualties.io import read_csv_text

    path = folder / "incidents.csv"
    if not path.is_file():
        return ""
    incidents = read_csv_text(path)
    found = incidents.loc[incidents["incident_id"] == incident, "label"]
    return str(found.iloc[0]) if len(found) else ""


def place_value(record: dict) -> str:
    """The claim's place as a decision's value: what the gazetteer reads back as it."""
    from casualties.corrections.decisions import resolve_place

    district, province = record.get("district", ""), record.get("province", "")
    for value in (district or province, f"{district}, {province}"):
        place = resolve_place(value) if value.strip(", ") else None
        if place is not None and not isinstance(place, str):
            same = (place.district or "") == district and place.province == province
            if same:
                return value
    return district or province


def date_value(record: dict) -> str:
    start, end = record.get("date_start", ""), record.get("date_end", "")
    return start if not end or end == start else f"{start}/{end}"


def _figure(record: dict) -> str:
    figure = f'"{record.get("figure_text", "")}"'
    if any(record.get(c, "") == "" for c in ("low", "best", "high")):
        return figure
    return f"{figure} (low {record['low']}, best {record['best']}, high {record['high']})"


def listing(claims, title: str, corrections, folder: Path, *, doc: str | None = None) -> str:
    """The text ``casualties review`` prints."""
    lines = [title, ""]
    for record in claims.to_dict("records"):
        lines += [
            f"claim {record['claim_id']}   incident {record.get('incident_id', '')}",
            f"  {record['claimant']}: {record['victim']} {record['outcome']}, figure "
            f"{_figure(record)}",
            f"  place {place_value(record) or 'none'} ({record.get('place_source') or '-'}); "
            f"date {date_value(record) or 'none'} ({record.get('date_source') or '-'})",
            f"  document {record['doc_id']}: {record.get('outlet', '')}, "
            f"{record.get('published') or 'undated'}",
            f"  quote: {record['quote']}",
        ]
        if record.get("corrected_fields"):
            lines.append(f"  corrected: {record.get('correction_note', '')}")
        lines.append("")
    if doc:
        lines += _not_analysed(folder, doc, set(claims["claim_id"]), corrections)
    lines += ["Decision rows (docs/corrections.md; --write-template FILE writes them all):",
              ",".join(_columns())]  # fmt: skip
    first = claims["claim_id"].iloc[0] if len(claims) else "CLAIM_ID"
    others = claims["claim_id"].iloc[1] if len(claims) > 1 else "OTHER_CLAIM_ID"
    examples = [
        ["set", first, "figure", "NEW FIGURE", "", "", "", "YOUR NAME", "WHY"],
        ["drop", first, "", "", "", "", "", "YOUR NAME", "WHY"],
        ["merge", first, "", "", others, "", "", "YOUR NAME", "WHY"],
        ["split", first, "", "", "", "", "", "YOUR NAME", "WHY"],
    ]
    if doc:
        fields = "claimant=...; victim=...; outcome=...; figure=..."
        examples.append(["add", "", "", fields, "", doc, "THE SENTENCE", "YOUR NAME", "WHY"])
    lines += [_csv_row(row) for row in examples]
    return "\n".join(lines) + "\n"


def _not_analysed(folder: Path, doc: str, shown: set, corrections) -> list[str]:
    """The document's extracted claims that are not in the analysis, and why."""
    from casualties.io import read_csv_text

    path = folder / "claims.csv"
    if not path.is_file():
        return []
    raw = read_csv_text(path)
    missing = raw[(raw["doc_id"] == doc) & ~raw["claim_id"].isin(shown)]
    dropped = {d.claim_id: d for d in corrections.of("drop")} if corrections else {}
    lines = []
    for record in missing.to_dict("records"):
        decision = dropped.get(record["claim_id"])
        why = (f"dropped by line {decision.line}: {decision.note('drop')}" if decision
               else "set aside by clean (claims_rejected.csv)")  # fmt: skip
        lines += [f"claim {record['claim_id']}   not analysed: {why}",
                  f"  quote: {record['quote']}", ""]  # fmt: skip
    return lines


def _columns() -> tuple[str, ...]:
    from casualties.corrections import FILE_COLUMNS

    return FILE_COLUMNS


def _csv_row(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([" ".join(str(c).split()) for c in cells])
    return out.getvalue()


def template(claims, *, doc: str | None = None) -> str:
    """A new corrections file: header, guide and, per claim, its decision rows as comments."""
    lines = [",".join(_columns()), TEMPLATE_GUIDE.rstrip("\n")]
    for record in [] if claims is None else claims.to_dict("records"):
        claim = record["claim_id"]
        lines += [
            f"# --- claim {claim} ({record.get('incident_id', '')}): {record['claimant']}, "
            f'{record["victim"]} {record["outcome"]} "{record.get("figure_text", "")}"',
            "# " + " ".join(str(record["quote"]).split()),
        ]
        current = {
            "claimant": record["claimant"], "victim": record["victim"],
            "outcome": record["outcome"], "figure": record.get("figure_text", ""),
            "place": place_value(record), "date": date_value(record),
        }  # fmt: skip
        for field, value in current.items():
            lines.append("# " + _csv_row(["set", claim, field, value, "", "", "", "", ""]))
        for kind in ("drop", "split"):
            lines.append("# " + _csv_row([kind, claim, "", "", "", "", "", "", ""]))
        lines.append("# " + _csv_row(["merge", claim, "", "", "OTHER_CLAIM_ID", "", "", "", ""]))
    if doc:
        fields = "claimant=; victim=; outcome=; figure=; place=; date="
        row = ["add", "", "", fields, "", doc, "THE SENTENCE", "", ""]
        lines += [f"# --- a claim of document {doc} the extractor missed", "# " + _csv_row(row)]
    return "\n".join(lines) + "\n"
