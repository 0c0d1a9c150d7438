"""The ``casualties`` command: every stage is a subcommand; errors become exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from casualties import cli
from casualties.errors import InputError


def test_help_lists_every_stage(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("corpus", "extract", "clean", "analyse", "build"):
        assert command in out


def test_help_imports_no_table_or_plotting_library():
    """``casualties --help`` stays fast: each stage's cli adds its subcommand, and the
    stage packages load everything else on first use (casualties.stage.lazy_stage)."""
    code = (
        "import sys\n"
        "from casualties import cli\n"
        "cli.build_parser()\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'pandera', 'plotly', 'scipy', 'nbformat')"
        " if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_stage_package_loads_its_names_on_first_use():
    code = (
        "import sys\n"
        "import casualties.analyse as analyse\n"
        "assert 'casualties.analyse.results' not in sys.modules\n"
        "assert callable(analyse.load_results) and 'load_results' in dir(analyse)\n"
        "assert 'casualties.analyse.results' in sys.modules\n"
        "try:\n"
        "    analyse.no_such_name\n"
        "except AttributeError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "no attribute 'no_such_name'" in done.stdout


def test_module_entry_point_prints_the_version():
    done = subprocess.run(
        [sys.executable, "-m", "casualties", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.startswith("casualties ")


def test_an_input_error_is_reported_with_exit_code_2(monkeypatch, capsys):
    parser = cli.build_parser()

    def failing(args):
        raise InputError("claims.csv, row 3: unknown figure phrase 'lots'")

    args = parser.parse_args(["corpus"])
    args.func = failing
    monkeypatch.setattr(cli.argparse.ArgumentParser, "parse_args", lambda self, argv=None: args)
    assert cli.main([]) == 2
    assert "row 3" in capsys.readouterr().err


def test_stage_packages_stay_callable_after_import():
    import casualties
    import casualties.analyse
    import casualties.clean
    import casualties.extract

    for stage, function in [
        (casualties.extract, casualties.extract.extract),
        (casualties.clean, casualties.clean.clean),
        (casualties.analyse, casualties.analyse.analyse),
    ]:
        assert callable(stage)
        assert stage.__name__.startswith("casualties.")
        assert callable(function)


def test_calling_the_clean_package_cleans():
    import pandas as pd

    import casualties.clean

    df = pd.DataFrame(
        {"outcome": ["killed"], "figure_text": ["more than 350"], "claimant": ["taliban"]}
        | {"victim": ["afghan_forces"], "province": ["Takhar"], "date_start": ["2019-09-30"]}
    )
    out = casualties.clean(df, preset="default")
    assert out.loc[0, ["low", "best", "high"]].tolist() == [351, 351, 525]
