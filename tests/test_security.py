"""Issue 12: the server and the CLI cannot be turned against the person running them.

Each point is checked against the real thing: `policykg serve` on a free loopback port (with a
local listener that records any connection a query makes, and a page on another local port),
the query workers' own /proc entries, and the `policykg` command run as a subprocess.
"""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from cli_helpers import policykg_command
from server_fixtures import running_server

from policykg.extract.errors import ExitCode
from policykg.graph.tables import csv_bytes, safe_cell
from policykg.web import sparql_guard

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
FORMULA = '=HYPERLINK("http://127.0.0.1:9/x","点击")'


# --- fixtures ----------------------------------------------------------------------------------


class Listener:
    """A local HTTP endpoint that records every request and answers as a SPARQL endpoint would."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                outer.requests.append(f"{self.command} {self.path}")
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"remote"}}]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    endpoint = Listener()
    yield endpoint
    endpoint.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory, example_path) -> tuple[Path, Path, list[str]]:
    """The example with a formula after every "(N)" heading number, built by the real CLI into files and a store."""
    from policykg.graph.store import open_store, report_graphs

    root = tmp_path_factory.mktemp("security")
    text = example_path.read_text(encoding="utf-8")
    report = root / "formula.txt"
    report.write_text(re.sub(r"(?m)^(\s*[(（][一二三四五六七八九十]+[)）])", r"\1" + FORMULA, text), encoding="utf-8")
    out, store = root / "out", root / "store"
    run = subprocess.run(
        [*policykg_command(), "build", str(report), "--out", str(out), "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    graphs = list(report_graphs(open_store(store, read_only=True)))
    return out, store, graphs


@pytest.fixture(scope="module")
def server(built) -> Iterator[Any]:
    _, store, graphs = built
    with running_server(store, graphs) as srv:
        yield srv


@pytest.fixture(scope="module")
def limited(built) -> Iterator[Any]:
    """One worker capped at 1 GiB, a long time limit (a stopped query is then not a time-out)."""
    _, store, graphs = built
    with running_server(store, graphs, "--workers", "1", "--timeout", "120", "--worker-memory", "1024") as srv:
        yield srv


def worker_pids(server: Any) -> list[int]:
    """The query processes the server started (its children running policykg.web.sparql_worker)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == server.process.pid and b"sparql_worker" in cmdline:
            pids.append(int(entry.name))
    return sorted(pids)


def ask(server: Any) -> httpx.Response:
    return server.get("/sparql", params={"query": "ASK {}"})


# --- 1. no outbound requests ---------------------------------------------------------------------


def test_service_is_refused_before_any_request_leaves(server, listener):
    queries = [
        f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{listener.url}> {{ ?s ?p ?o }} }}",
        f"PREFIX e: <{listener.url}> SELECT * WHERE {{ ?s ?p ?o . SeRvIcE e: {{ ?s ?p ?o }} }} LIMIT 1",
        f"SELECT * WHERE {{ BIND(<{listener.url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    ]
    for query in queries:
        response = server.post("/sparql", data={"query": query})
        assert response.status_code == 400, (query, response.text)
        assert response.text.startswith("SERVICE") and "refused" in response.text
        assert response.text.count("\n") == 1
    # the word in a string, a comment, an IRI or a prefixed name is not a SERVICE clause
    harmless = (
        'PREFIX service: <http://example.org/service#> SELECT ?x WHERE { BIND("SERVICE <http://x/>" AS ?x) '
        "OPTIONAL { ?x service:SERVICE <http://example.org/SERVICE> } } # SERVICE <http://x/>"
    )
    assert server.post("/sparql", data={"query": harmless}).json()["results"]["bindings"][0]["x"]["value"]
    assert listener.requests == []


def test_allow_service_lets_exactly_the_listed_endpoint_through(built, listener):
    _, store, graphs = built
    other = listener.url.replace("/sparql", "/other")
    with running_server(store, graphs, "--allow-service", listener.url) as srv:
        query = f"SELECT ?x WHERE {{ SERVICE <{listener.url}> {{ ?x ?p ?o }} }}"
        response = srv.post("/sparql", data={"query": query})
        assert response.status_code == 200, response.text
        assert response.json()["results"]["bindings"][0]["x"]["value"] == "remote"
        seen = len(listener.requests)
        assert seen >= 1
        refused = srv.post("/sparql", data={"query": query.replace(listener.url, other)})
        assert refused.status_code == 400 and len(listener.requests) == seen
    listener.requests.clear()


def test_workers_run_without_a_network_when_no_service_is_allowed(server):
    """Defence in depth: each worker sits in its own empty network namespace (Linux)."""
    own = os.readlink(f"/proc/{server.process.pid}/ns/net")
    namespaces = {os.readlink(f"/proc/{pid}/ns/net") for pid in worker_pids(server)}
    if namespaces == {own}:
        pytest.skip("this system forbids unprivileged network namespaces; the SERVICE check still applies")
    assert namespaces and own not in namespaces


def test_the_guard_reads_past_strings_comments_and_iris():
    tokens, depth = sparql_guard.scan("SELECT ('''a } SERVICE \"x''' AS ?s) WHERE { ?s <http://a/#x> ?o } # {{ SERVICE")
    assert [t.value for t in tokens if t.kind == "keyword"] == ["SELECT", "AS", "WHERE"]
    assert depth == 1
    assert sparql_guard.is_update(sparql_guard.scan("PREFIX a: <http://a/> BASE <http://b/> INSERT DATA {}")[0])
    assert not sparql_guard.is_update(sparql_guard.scan("PREFIX insert: <http://a/> SELECT * {}")[0])
    with pytest.raises(sparql_guard.Refused):  # less-than, not an IRI: the SERVICE after it counts
        sparql_guard.check("SELECT * { FILTER(?a<?b) SERVICE<http://x/>{} }")


# --- 2. Host and Origin ----------------------------------------------------------------------------


def test_only_this_servers_host_names_are_answered(server):
    port = server.url.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost"):
        assert ask(server).status_code == 200
        assert server.get("/sparql", params={"query": "ASK {}"}, headers={"Host": host}).status_code == 200
    for host in ("attacker.example", f"attacker.example:{port}", f"127.0.0.1:{int(port) + 1}", "127.0.0.1.evil"):
        response = server.get("/api/reports", headers={"Host": host})
        assert response.status_code == 421, host
        assert response.text.startswith("unknown host")


class PageOnAnotherPort:
    """A local web page on its own port, as any site the user visits could serve."""

    def __init__(self, html: str) -> None:
        body = html.encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_cross_site_posts_are_refused_plain_http(server):
    form = {"query": "ASK {}"}
    port = server.url.rsplit(":", 1)[1]
    assert server.post("/sparql", data=form).status_code == 200  # a client that is not a browser
    same = server.post("/sparql", data=form, headers={"Origin": server.url, "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 200
    for headers in (
        {"Origin": "http://127.0.0.1:1"},  # another local port: another origin
        {"Origin": f"http://localhost:{int(port) + 1}", "Sec-Fetch-Site": "same-site"},
        {"Origin": "https://attacker.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
    ):
        response = server.post("/sparql", data=form, headers=headers)
        assert response.status_code == 403, headers
        assert "refused" in response.text and response.text.count("\n") == 1
    scripted = server.get("/api/tasks", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"})
    assert scripted.status_code == 403
    followed = server.get("/query", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"})
    assert followed.status_code == 200  # a link from elsewhere still opens the workbench


def test_a_page_on_another_port_cannot_post_queries(chromium, server):
    page_html = f"""<!doctype html><body><script>
    fetch("{server.url}/sparql", {{method: "POST", mode: "no-cors",
      headers: {{"Content-Type": "application/x-www-form-urlencoded"}}, body: "query=ASK%7B%7D"}})
      .then(() => {{ document.title = "sent"; }}, () => {{ document.title = "failed"; }});
    </script></body>"""
    other = PageOnAnotherPort(page_html)
    try:
        context = chromium.new_context()
        page = context.new_page()
        statuses: list[int] = []
        page.on("response", lambda r: statuses.append(r.status) if r.url.startswith(server.url + "/sparql") else None)
        page.goto(f"http://localhost:{other.port}/")
        page.wait_for_function("() => document.title !== ''")
        page.wait_for_timeout(200)
        context.close()
    finally:
        other.close()
    assert statuses == [403]


# --- 3. memory ---------------------------------------------------------------------------------------


def test_each_worker_runs_under_the_configured_address_space_limit(limited):
    pids = worker_pids(limited)
    assert pids
    for pid in pids:
        line = next(x for x in Path(f"/proc/{pid}/limits").read_text().splitlines() if x.startswith("Max address"))
        assert line.split()[3:5] == [str(1024 * 1024 * 1024)] * 2


def test_a_query_past_the_memory_limit_kills_only_its_worker_and_answers_503(limited):
    before = worker_pids(limited)
    binds = " ".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(22))
    query = f'SELECT (STRLEN(?s22) AS ?n) WHERE {{ BIND("{"x" * 1024}" AS ?s0) {binds} }}'
    response = limited.post("/sparql", data={"query": query})
    assert response.status_code == 503, response.text
    assert response.text.startswith("the query process ended unexpectedly")
    assert ask(limited).status_code == 200
    assert worker_pids(limited) != before  # replaced


# --- 4. disconnect and per-client bound ----------------------------------------------------------


def test_a_client_that_disconnects_stops_its_query(limited):
    before = worker_pids(limited)
    host, port = limited.url.removeprefix("http://").split(":")
    body = "query=" + httpx.QueryParams({"q": RUNAWAY})["q"].replace(" ", "+")
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(
            (
                f"POST /sparql HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body.encode())}\r\n\r\n{body}"
            ).encode()
        )
        sock.settimeout(2)
        with pytest.raises(TimeoutError):
            sock.recv(100)  # the query is running
    # one worker, a 120 s limit and a 10 s queue: a query left running would make this a 503
    assert ask(limited).status_code == 200
    assert worker_pids(limited) != before


def test_one_client_cannot_queue_more_than_its_share(built):
    _, store, graphs = built
    args = ("--workers", "1", "--timeout", "3", "--max-client-queries", "1")
    with running_server(store, graphs, *args) as srv:
        results: list[int] = []
        slow = threading.Thread(target=lambda: results.append(srv.post("/sparql", data={"query": RUNAWAY}).status_code))
        slow.start()
        time.sleep(0.5)  # the runaway query takes its client's one slot first (it runs for 3 s)
        refused = []
        while slow.is_alive() and not refused:
            response = ask(srv)
            if response.status_code == 429:
                refused.append(response.text)
        slow.join()
        assert refused and refused[0].startswith("more than 1 requests at once"), results
        assert results == [504]
        assert ask(srv).status_code == 200


# --- 5. nesting ------------------------------------------------------------------------------------


def test_deep_nesting_is_refused_before_it_reaches_a_worker(server):
    before = worker_pids(server)
    for query in (
        "SELECT * WHERE " + "{" * 3000 + "}" * 3000,
        "SELECT * WHERE { BIND(" + "(" * 3000 + "1" + ")" * 3000 + " AS ?x) }",
    ):
        response = server.post("/sparql", data={"query": query})
        assert response.status_code == 400
        assert response.text.startswith("query nested 300")
        assert response.text.endswith(f"levels deep; the limit is {sparql_guard.MAX_NESTING}\n")
    fine = "SELECT * WHERE " + "{" * 50 + "}" * 50
    assert server.post("/sparql", data={"query": fine}).status_code == 200
    assert worker_pids(server) == before


# --- 6. downloads ----------------------------------------------------------------------------------


def test_the_server_names_downloads_from_the_format_it_sent(server):
    query = "SELECT ?x WHERE { BIND(1 AS ?x) }"
    for fmt, name in (("csv", "query-result.csv"), ("json", "query-result.json"), ("tsv", "query-result.tsv")):
        response = server.get("/sparql", params={"query": query, "format": fmt, "download": "invoice.html"})
        assert response.headers["content-disposition"] == f"attachment; filename*=UTF-8''{name}"
    graph = server.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "download": "x.html"})
    assert graph.headers["content-disposition"].endswith("''query-result.ttl")
    saved = server.get("/api/queries/report-metadata", params={"format": "html", "download": "1"})
    assert saved.headers["content-disposition"].endswith("''report-metadata.json")


# --- 7. CSV formula injection ------------------------------------------------------------------------


def _cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]


def _no_formula(cells: list[str]) -> None:
    assert not [c for c in cells if c != safe_cell(c)]


def test_report_text_never_becomes_a_formula_in_built_csvs(built):
    out, _, _ = built
    every = {name: _cells((out / name).read_bytes()) for name in ("tasks.csv", "sections.csv", "quantities.csv")}
    for cells in every.values():
        _no_formula(cells)
    assert any(c.startswith("'=HYPERLINK") for c in every["tasks.csv"])
    assert any(c.startswith("'=HYPERLINK") for c in every["sections.csv"])


def test_report_text_never_becomes_a_formula_in_downloads(server):
    tasks = _cells(server.get("/api/tasks.csv").content)
    _no_formula(tasks)
    assert any(c.startswith("'=HYPERLINK") for c in tasks)
    _no_formula(_cells(server.get("/api/tracking.csv").content))
    query = 'SELECT ?x ?n WHERE { VALUES (?x ?n) { ("=1+2" -3) ("@SUM(A1)" 4) } }'
    csv_download = server.get("/sparql", params={"query": query, "format": "csv", "download": "1"})
    assert _cells(csv_download.content) == ["x", "n", "'=1+2", "-3", "'@SUM(A1)", "4"]
    tsv = server.get("/sparql", params={"query": query, "format": "tsv", "download": "1"}).text
    assert '"\'=1+2"' in tsv and "\t-3" in tsv
    raw = server.get("/sparql", params={"query": query, "format": "csv"}).text  # the protocol answer is untouched
    assert "=1+2" in raw and "'=1+2" not in raw


def test_query_csv_and_tracking_csv_go_through_the_same_writer(built, tmp_path):
    _, store, _ = built
    run = subprocess.run(
        [*policykg_command(), "query", "tasks-by-lead-department", "--store", str(store), "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    _no_formula(_cells(run.stdout.encode()))
    assert any(c.startswith("'=HYPERLINK") for c in _cells(run.stdout.encode()))
    from policykg.graph.export import write_tracking_csv
    from policykg.graph.tracking import TrackingLink

    fields = dict.fromkeys(("kind", "metric", "place", "target_report", "target_period"), "x")
    link = TrackingLink(
        **fields,
        target_surface="+1 cmd",
        target_evidence=FORMULA,
        result_report="r",
        result_surface="-",
        result_evidence="@x",
        status="met",
        target_value=-2.5,
    )
    cells = _cells(write_tracking_csv([link], tmp_path / "tracking.csv").read_bytes())
    _no_formula(cells)
    assert "'" + FORMULA in cells and "-2.5" in cells
    written = csv_bytes(["h"], [["\tx"], ["\rx"], ["-1e5"], ["="]], bom=False)
    assert written == b"h\r\n'\tx\r\n\"'\rx\"\r\n-1e5\r\n=\r\n"  # a lone "=" (a comparator) computes nothing


# --- 8. CLI inputs -------------------------------------------------------------------------------------


def cli(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*policykg_command(), *args], capture_output=True, text=True, timeout=300, **kw)


def test_report_names_cannot_write_outside_or_over_each_other(tmp_path, example_path):
    text = example_path.read_bytes()
    for name in ("a/r.txt", "b/r.txt", "b/R.txt", "...txt", "tracking.csv.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(text)
    out = tmp_path / "deep" / "out"
    for pair, message in (
        (("a/r.txt", "b/r.txt"), "would write the same folder 'r'"),
        (("a/r.txt", "b/R.txt"), "would write the same folder 'R'"),
        (("a/r.txt", "...txt"), "the name '..' cannot be its output folder"),
        (("a/r.txt", "tracking.csv.txt"), "the name 'tracking.csv' cannot be its output folder"),
    ):
        run = cli("build", "--no-store", "--out", str(out), *pair, cwd=tmp_path)
        assert run.returncode == ExitCode.USAGE and message in run.stderr and run.stderr.count("\n") == 1, run.stderr
        assert not (tmp_path / "deep").exists()


def test_out_must_be_a_folder(tmp_path, example_path):
    afile = tmp_path / "afile"
    afile.write_text("x")
    for out in (str(afile), str(afile / "sub"), ""):
        run = cli("build", "--no-store", "--out", out, str(example_path), cwd=tmp_path)
        assert run.returncode == ExitCode.USAGE, run.stderr
        assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert afile.read_text() == "x" and sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_inputs_that_are_not_regular_files_are_refused_unread(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo), "/dev/stdin"):
        run = cli("build", "--no-store", "--out", str(tmp_path / "o"), path, stdin=subprocess.PIPE)
        assert run.returncode == ExitCode.INPUT_MISSING, (path, run.stderr)
        assert run.stderr == f"policykg: error: not a regular file (a pipe, device or terminal): {path}\n"


def test_control_characters_never_reach_the_terminal_raw(tmp_path):
    name = tmp_path / "\x1b]0;pwned\x07\x1b[2J\u202eevil.txt"
    run = cli("build", "--no-store", "--out", str(tmp_path / "o"), str(name))
    assert run.returncode == ExitCode.INPUT_MISSING
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr and "\u202e" not in run.stderr
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\u202eevil.txt" in run.stderr
    # stdout escapes too when it is a terminal
    import pty

    main, secondary = pty.openpty()
    code = (
        "import sys; from policykg.cli import _guarded_terminal\nwith _guarded_terminal(): print('a\\x1b[31mb', end='')"
    )
    subprocess.run([sys.executable, "-c", code], stdout=secondary, timeout=60, check=True)
    os.close(secondary)
    assert os.read(main, 100) == b"a\\x1b[31mb"
    os.close(main)


# --- 9. bad parameters ---------------------------------------------------------------------------------


def test_bad_parameters_answer_400_not_500(server):
    graph = server.graphs[0]
    cases = [
        ("/api/node", {"iri": graph + ">"}),
        ("/api/node", {"iri": "http://example.org/a b"}),
        ("/api/tasks", {"report": "http://example.org/a b"}),
        ("/api/network", {"report": "not an iri"}),
        ("/api/tasks.csv", {"report": "http://x/<"}),
        ("/sparql", {"query": "ASK {}", "default-graph-uri": "not an iri"}),
        ("/sparql", {"query": "ASK {}", "named-graph-uri": "http://a/ b"}),
        ("/api/queries/report-outline", {"report": "http://a/>"}),
    ]
    for path, params in cases:
        response = server.get(path, params=params)
        assert response.status_code == 400, (path, params, response.status_code, response.text)
    assert server.get("/api/tasks", params={"report": graph}).status_code == 200


def test_an_update_sent_as_a_query_gets_the_read_only_answer(server):
    for update in ("INSERT DATA { <http://a/> <http://b/> 1 }", "PREFIX x: <http://x/>\nDROP ALL", "load <http://x/>"):
        for response in (
            server.post("/sparql", data={"query": update}),
            server.get("/sparql", params={"query": update}),
            server.post("/sparql", content=update, headers={"Content-Type": "application/sparql-query"}),
        ):
            assert response.status_code == 403
            assert response.text == "this endpoint is read-only: SPARQL Update is not accepted\n"
