"""Errors a user can cause, and the one table of exit codes the CLI, the README and the tests read.

The codes are decided here once: each error class carries its member of ``ExitCode``, the CLI
returns it, ``exit_code_table()`` writes the README's table (tests/test_cli_codes.py checks the
README against it) and the tests expect ``ExitCode`` members rather than bare numbers.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What `policykg` returns to the shell; the numbers are a promise to scripts, never renumber."""

    OK = 0
    INTERNAL = 1
    USAGE = 2
    INPUT_MISSING = 3
    NOT_A_REPORT = 4
    QUERY = 5
    STORE = 6
    REMOTE = 7
    INTERRUPTED = 130


MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "success",
    ExitCode.INTERNAL: "internal error (a bug: please report it)",
    ExitCode.USAGE: "usage error (bad arguments)",
    ExitCode.INPUT_MISSING: "input file missing or unreadable",
    ExitCode.NOT_A_REPORT: "not a report: empty, binary, PDF, undecodable, or no report structure",
    ExitCode.QUERY: "query error: unknown name, bad parameter, syntax error, time limit",
    ExitCode.STORE: "store busy (another build holds it) or missing",
    ExitCode.REMOTE: "remote endpoint refused the graph or could not be reached (`push`)",
    ExitCode.INTERRUPTED: "interrupted",
}


def exit_code_table() -> str:
    """The README's "Exit codes" table (Markdown), one row per code in numeric order."""
    rows = ["| code | meaning |", "|---|---|"]
    rows += [f"| {int(code)} | {MEANINGS[code]} |" for code in ExitCode]
    return "\n".join(rows)


class PolicyKGError(Exception):
    """An error with a one-line message for the user; never shown as a traceback."""

    exit_code: ExitCode = ExitCode.INTERNAL


class UsageError(PolicyKGError):
    """Arguments the command cannot work with (the user's mistake, not the input's)."""

    exit_code = ExitCode.USAGE


class InputMissing(PolicyKGError):
    exit_code = ExitCode.INPUT_MISSING


class NotAReport(PolicyKGError):
    """Readable, but not a work report we can take apart (empty, binary, PDF, no structure)."""

    exit_code = ExitCode.NOT_A_REPORT


class QueryError(PolicyKGError):
    exit_code = ExitCode.QUERY


class StoreBusy(PolicyKGError):
    exit_code = ExitCode.STORE
