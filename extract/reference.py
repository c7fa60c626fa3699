"""The one loader of the reference data that ships in the package (lexicons, gazetteers).

Each word list lives in a TOML or JSON file next to the code that uses it (``extract/data/``, or
beside a graph module) and is read through importlib.resources, so an installed wheel works the
same as a checkout. Reading and parsing are decided here once; each module keeps only its own step
from the raw table to its typed lexicon (and caches that).
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser as a package
    import tomli as tomllib  # type: ignore[no-redef]

EXTRACT = "policykg.extract"
DATA = "data"


def read_text(name: str, package: str = EXTRACT, folder: str = DATA) -> str:
    """The text of a data file: ``package/folder/name`` (folder "" for a file beside the modules)."""
    root = files(package)
    return (root / folder / name if folder else root / name).read_text(encoding="utf-8")


@cache
def load_toml(name: str, package: str = EXTRACT, folder: str = DATA) -> dict[str, Any]:
    """A TOML data file, parsed once per process and shared: callers read it and never change it."""
    return tomllib.loads(read_text(name, package, folder))


def load_json(name: str, package: str = EXTRACT, folder: str = DATA) -> Any:
    """A JSON data file, parsed on each call: the large gazetteers are kept only in their owners' shape."""
    return json.loads(read_text(name, package, folder))
