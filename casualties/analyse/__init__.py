"""Analyse: link claims into incidents, compare claimants, total with uncertainty.

``analyse(clean)`` -> ``AnalysisResults`` (claims_linked, incidents, comparison, totals);
``write_results`` / ``load_results`` move them to and from ``data/processed``. The
notebook helpers return DataFrames; their columns are listed in docs/analysis.md.
"""

from casualties.stage import lazy_stage

__all__ = lazy_stage(
    __name__,
    {
        "AnalysisResults": "results",
        "FILES": "files",
        "calibration_table": "calibration",
        "calibration_summary": "calibration",
        "read_verified": "calibration",
        "analyse": "results",
        "load_results": "results",
        "write_results": "results",
        "aggregates_vs_components": "aggregates",
        "claimant_figures": "statements",
        "statement_figures": "statements",
        "combined_per_incident": "compare",
        "compare_claims": "compare",
        "side_by_side": "compare",
        "toll_evolution": "compare",
        "incidents_table": "incidents",
        "link_incidents": "link",
        "compare_ucdp": "reference",
        "compare_unama": "reference",
        "read_clean": "table",
        "typed_clean": "table",
        "GROUPINGS": "uncertainty",
        "claimant_bias": "uncertainty",
        "monte_carlo_totals": "uncertainty",
        "preset_sensitivity": "uncertainty",
        "register_cli": "cli",
    },
    main="analyse",
)
