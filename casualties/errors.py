"""Exceptions that the command line turns into a message and an exit code."""

from __future__ import annotations


class CasualtiesError(Exception):
    """A problem the user can fix; the message names the file, row or line."""

    exit_code = 1


class InputError(CasualtiesError):
    """Input that fails validation: the command exits 2 and writes nothing."""

    exit_code = 2


class ParameterError(CasualtiesError):
    """A parameter (command-line flag, notebook parameter) that is not valid."""

    exit_code = 2
