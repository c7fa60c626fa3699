"""The command-line options of the server's limits, kept here so that policykg.web never imports the CLI.

Only argparse: the CLI imports this while building its parser, before it knows the command is `serve`.
"""

from __future__ import annotations

import argparse


def add_security_options(parser: argparse.ArgumentParser) -> None:
    """`serve`'s limits and allow-lists (README: SECURITY), for `policykg serve` and `python -m policykg.web.server`."""
    parser.add_argument(
        "--worker-memory",
        type=int,
        metavar="MIB",
        help="address-space cap per query worker in MiB, 0 = none (default: $POLICYKG_WORKER_MEMORY_MB or 2048)",
    )
    parser.add_argument(
        "--max-client-queries", type=int, help="requests one client may have running or waiting (default 6)"
    )
    parser.add_argument("--allow-host", action="append", metavar="NAME", help="another host name to answer to")
    parser.add_argument(
        "--allow-service", action="append", metavar="IRI", help="an endpoint queries may call with SERVICE"
    )
