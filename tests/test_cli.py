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
    for stage in cli.STAGES:
        assert stage in out


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
