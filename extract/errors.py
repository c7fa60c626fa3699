"""Errors a user can cause, each with the exit code the CLI documents."""

from __future__ import annotations


class PolicyKGError(Exception):
    """An error with a one-line message for the user; never shown as a traceback."""

    exit_code = 1


class InputMissing(PolicyKGError):
    exit_code = 3


class NotAReport(PolicyKGError):
    """Readable, but not a work report we can take apart (empty, binary, PDF, no structure)."""

    exit_code = 4


class QueryError(PolicyKGError):
    exit_code = 5


class StoreBusy(PolicyKGError):
    exit_code = 6
