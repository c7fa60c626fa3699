"""The `policykg` command: build, query, queries, track, chart, serve, explain, list, remove.

Errors a user can cause end in one line on stderr and the exit code their class carries
(extract/errors.py: ExitCode, the one table the README's is generated from).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from policykg.extract.errors import ExitCode, PolicyKGError
from policykg.web.options import add_security_options

DEFAULT_OUT = Path("policykg-out")


class _Parser(argparse.ArgumentParser):
    """argparse prints its usage block before the message; the promise is one line and the usage code."""

    def error(self, message: str) -> NoReturn:
        self.exit(ExitCode.USAGE, f"policykg: error: {_one_line(message)} (see `{self.prog} --help`)\n")


def _folder(text: str) -> Path:
    """An --out value: an empty one would silently mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a folder, not an empty name")
    return Path(text)


def _parser() -> argparse.ArgumentParser:
    from policykg import __version__

    ap = _Parser(
        prog="policykg",
        description="Turn Chinese government work reports into a knowledge graph of policy commitments.",
        epilog="With no command, builds the bundled example report into ./policykg-out and the default store.",
    )
    ap.add_argument("--version", action="version", version=f"policykg {__version__}")
    sub = ap.add_subparsers(dest="command")

    b = sub.add_parser("build", help="extract reports into the store and write Turtle, CSV and HTML")
    b.add_argument("reports", nargs="*", type=Path, help="report files (.txt in UTF-8/GB18030, or saved .html)")
    b.add_argument("--out", type=_folder, default=DEFAULT_OUT, help="output folder (default: ./policykg-out)")
    b.add_argument("--store", type=Path, default=None, help="store folder (default: the user data folder)")
    b.add_argument("--no-store", action="store_true", help="write files only, do not touch the store")
    b.add_argument("--jobs", type=int, default=0, help="worker processes for many reports (default: cores)")
    b.add_argument("--jsonld", action="store_true", help="also write graph.jsonld (compact JSON-LD)")

    q = sub.add_parser("query", help="run a saved query (see `policykg queries`), a .rq file or any SPARQL")
    q.add_argument("query", nargs="?", help="saved query name, path of a query file, SPARQL text, or - for stdin")
    q.add_argument("-e", "--expression", default=None, metavar="SPARQL", help="the query text itself")
    q.add_argument("--param", action="append", default=[], metavar="K=V", help="bind a query parameter")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.add_argument("--excel", action="store_true", help="CSV that Excel and WPS open as UTF-8 (byte-order mark)")
    q.add_argument("--store", type=Path, default=None)
    q.add_argument("--data", type=Path, default=None, help="query a Turtle file instead of the store")
    q.add_argument("--endpoint", default=None, help="query a remote SPARQL endpoint instead")
    q.add_argument("--timeout", type=float, default=30.0, help="seconds before the query is stopped")

    sub.add_parser("queries", help="list the saved queries")

    t = sub.add_parser("track", help="check report N's targets and projects against report N+1's review")
    t.add_argument("old", type=Path, help="report N")
    t.add_argument("new", type=Path, help="a later report of the same government")
    t.add_argument("--out", type=_folder, default=DEFAULT_OUT, help="folder for tracking.csv")

    c = sub.add_parser("chart", help="charts of one government's promises over its reports: target vs result, record")
    c.add_argument("reports", nargs="+", type=Path, help="two or more reports of one government (any order)")
    c.add_argument("--out", type=_folder, default=DEFAULT_OUT, help="folder for charts.html and charts.json")

    s = sub.add_parser("serve", help="the browser workbench and a SPARQL 1.1 endpoint over the store")
    s.add_argument("--store", type=Path, default=None)
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    s.add_argument("--port", type=int, default=8000, help="port (0 picks a free one)")
    s.add_argument("--workers", type=int, default=2, help="query worker processes")
    s.add_argument("--timeout", type=float, default=10.0, help="seconds before a query is stopped")
    s.add_argument("--max-result-bytes", type=int, default=32 * 1024 * 1024, help="largest result sent")
    add_security_options(s)

    e = sub.add_parser("explain", help="show what was extracted from one sentence and which rules fired")
    e.add_argument("report", type=Path)
    e.add_argument("text", help="a sentence or part of one, as written in the report")

    pu = sub.add_parser("push", help="send report graphs to a SPARQL 1.1 Graph Store Protocol endpoint")
    pu.add_argument("--endpoint", required=True, help="Graph Store endpoint, e.g. http://127.0.0.1:7878/store")
    pu.add_argument("--graph", action="append", default=[], help="only this report graph IRI (repeatable)")
    pu.add_argument("--store", type=Path, default=None)

    ls = sub.add_parser("list", help="list the reports in the store")
    ls.add_argument("--store", type=Path, default=None)

    rm = sub.add_parser("remove", help="remove reports from the store")
    rm.add_argument("graphs", nargs="+", help="report graph IRIs or source file names")
    rm.add_argument("--store", type=Path, default=None)
    return ap


# C0 and C1 controls but TAB and LF, DEL, and the bidi overrides that can make text read backwards
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Text as a terminal should show it: controls from file names or report text as \\xNN escapes.

    An ESC in a report could otherwise retitle the window, rewrite earlier lines or hide text.
    CR is kept only as part of CRLF (CSV lines).
    """
    return "\r\n".join(_UNSAFE.sub(_escape, part) for part in text.split("\r\n"))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}"


class _SafeStream:
    """A text stream that escapes control characters before they reach the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(terminal_safe(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


@contextlib.contextmanager
def _guarded_terminal() -> Iterator[None]:
    """stderr always (one-line messages for people), stdout when it is a terminal (files stay byte-exact)."""
    saved = sys.stdout, sys.stderr
    sys.stderr = _SafeStream(sys.stderr)  # type: ignore[assignment]
    if sys.stdout.isatty():
        sys.stdout = _SafeStream(sys.stdout)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def main(argv: Sequence[str] | None = None) -> int:
    with _guarded_terminal():
        return _main(argv)


def _main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "query" and args.query is None and args.expression is None:
        parser.error("query needs a saved query name, a query file, SPARQL text, -e TEXT or - (standard input)")
    try:
        if args.command in (None, "build"):
            from policykg.build import build_command

            if args.command is None:
                args = _parser().parse_args(["build"])
            return build_command(args)
        if args.command == "query":
            from policykg.querycli import query_command

            return query_command(args)
        if args.command == "queries":
            from policykg.querycli import list_command

            return list_command()
        if args.command == "track":
            from policykg.track import track_command

            return track_command(args)
        if args.command == "chart":
            from policykg.chart import chart_command

            return chart_command(args)
        if args.command == "serve":
            from policykg.web.server import serve_command

            return serve_command(args)
        if args.command == "push":
            from policykg.graph.remote import push_command

            return push_command(args)
        if args.command == "explain":
            from policykg.explain import explain_command

            return explain_command(args)
        if args.command in ("list", "remove"):
            from policykg.build import list_command, remove_command

            return list_command(args) if args.command == "list" else remove_command(args)
    except PolicyKGError as err:
        print(f"policykg: error: {_one_line(str(err))}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("policykg: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return ExitCode.OK
    except Exception as err:
        print(
            f"policykg: internal error: {type(err).__name__}: {_one_line(str(err))} (please report it)", file=sys.stderr
        )
        return ExitCode.INTERNAL
    return ExitCode.USAGE


def _one_line(message: str, limit: int = 400) -> str:
    """Parser messages span lines; the promise is one line on stderr."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


if __name__ == "__main__":
    sys.exit(main())
