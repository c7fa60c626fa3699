"""policykg: Chinese government work reports to a knowledge graph of policy commitments."""

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

try:
    __version__ = version("policykg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

# In a source checkout the sub-packages (extract/, graph/, ontology/, queries/) sit beside this
# folder and setuptools maps them under policykg on install.  When this folder is imported
# straight from the checkout (`python -m` in the repository root puts it first on sys.path),
# look for them there too, so the checkout never shadows the installed package with a half one.
_checkout = Path(__file__).resolve().parent.parent
if (_checkout / "extract" / "records.py").is_file() and str(_checkout) not in __path__:
    __path__.append(str(_checkout))
