"""The rooms import only downward: pyproject.toml's import-linter layers contract, run by `lint-imports`.

lint-imports finds `policykg` through its import spec, and a checkout maps extract/, graph/, … under
policykg only once installed (setuptools package-dir), so an editable install would show it policykg/
alone.  The test therefore lays the sources out as the installed package does (a copy of the .py files
in a temporary folder, by pyproject's package-dir) and lints that copy, the same in every install mode.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _python_only(folder: str, names: list[str]) -> set[str]:
    """copytree's ignore: keep sub-folders and .py files, drop data and caches."""
    return {n for n in names if n == "__pycache__" or (not n.endswith(".py") and not Path(folder, n).is_dir())}


def stage(dest: Path) -> Path:
    """The package's Python sources under dest/policykg/, laid out as installed, and the contract."""
    package_dir = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-dir"
    ]
    for package, folder in sorted(package_dir.items()):  # "policykg" first, then its sub-packages
        target = dest.joinpath(*package.split("."))
        shutil.copytree(ROOT / folder, target, ignore=_python_only, dirs_exist_ok=True)
    shutil.copy(ROOT / "pyproject.toml", dest)  # lint-imports reads its contract from the folder it runs in
    return dest


def lint(staged: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(staged)}  # the staged copy, never the checkout's policykg/
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=staged,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_layers_contract_is_kept(tmp_path: Path) -> None:
    result = lint(stage(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    """The gate can fail: graph importing the web app (a layer above it) is reported by name."""
    staged = stage(tmp_path)
    module = staged / "policykg" / "graph" / "export.py"
    module.write_text(module.read_text(encoding="utf-8") + "\nimport policykg.web.server\n", encoding="utf-8")
    result = lint(staged)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "policykg.graph.export -> policykg.web.server" in result.stdout
