"""policykg: Chinese government work reports to a knowledge graph of policy commitments."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policykg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
