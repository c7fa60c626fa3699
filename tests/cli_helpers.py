"""Run the real `policykg` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def policykg_command() -> list[str]:
    """The installed console script (as a user runs it), else the module.

    `python -m` would put the working directory first on sys.path, where the source tree's
    policykg/ folder (CLI only) would shadow the installed package's extract/graph parts.
    """
    script = Path(sys.executable).with_name("policykg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "policykg.cli"]


def run_cli(*args: str | Path, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """`policykg ARGS` with the interpreter running the tests; stdout and stderr captured as text."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [*policykg_command(), *map(str, args)],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )
