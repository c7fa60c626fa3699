"""`policykg serve`: a SPARQL 1.1 Protocol endpoint and a browser workbench over the store.

Routes
  /sparql            SPARQL 1.1 Protocol (query operation only; updates are refused with 403)
  /network /query /tasks /tracking /charts   the workbench pages (policykg/web/pages: each extends base.html), HTML + JS, no CDN
  /api/...           JSON (and CSV/XLSX) the pages read, built with SPARQL over the same store
  /static/... /vendor/vis-network/... /vendor/plotly/...   the pages' JS/CSS (static/, and SHARED_STATIC from
                     graph/static, which charts.html shares); vis-network is served
                     from the installed pyvis package and plotly.js from the installed plotly package,
                     so the app needs nothing from the network

Every query, from a client or from a page, goes through one QueryPool (policykg/web/sparql_pool.py):
a time limit that kills the query, a memory cap per worker, a result-size limit, a bounded queue
and a bound on the queries one client may have running or waiting.  Query texts pass
policykg/web/sparql_guard.py first (no updates, no SERVICE calls, bounded nesting), and every request
passes SameOriginGuard (only this server's host names, no cross-site POSTs).  README: SECURITY.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import re
import socket
import sys
from collections.abc import AsyncIterator, Callable, Collection
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

from starlette.applications import Starlette
from starlette.datastructures import Headers, QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from policykg.extract.errors import ExitCode
from policykg.graph import tables
from policykg.graph.layout import SCREEN
from policykg.queries import Query
from policykg.web import conneg, sparql_guard, workbench
from policykg.web.saved_queries import as_json, bind_parameters, saved_queries
from policykg.web.sparql_pool import QueryLimits, QueryPool, default_memory_mb
from policykg.web.sparql_worker import QueryJob, QueryOutcome

MAX_BODY_BYTES = 1024 * 1024
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"
# plotly.js (the 图表 Charts page) adds two <style> elements when it loads: an empty one it then fills
# through the CSSOM (allowed), and maplibre's fixed rules.  Their hashes let exactly those two in, for the
# plotly release pinned in pyproject.toml; tests/test_charts.py fails on any CSP error in the console.
PLOTLY_STYLE_HASHES = (
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",  # the empty <style id="plotly.js-style-global">
    "'sha256-ji27qzEtxXZW+7dun6UwjHXJ18e6WAin1VvNtkzIE/o='",  # maplibre-gl's stylesheet inside plotly.min.js
)
CSP = (
    f"default-src 'none'; script-src 'self'; style-src 'self' {' '.join(PLOTLY_STYLE_HASHES)}; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# the workbench pages: path -> (template in pages/, title); each extends pages/base.html, which holds
# the head and the navigation (NAV, in this order) once
PAGES = {
    "/network": ("network.html", "政策图谱 · 网络"),
    "/query": ("query.html", "查询 Query"),
    "/tasks": ("tasks.html", "分工表 Tasks"),
    "/tracking": ("tracking.html", "核查 Tracking"),
    "/charts": ("charts.html", "图表 Charts"),
}
NAV = (
    ("/network", "网络 Network"),
    ("/tasks", "分工表 Tasks"),
    ("/tracking", "核查 Tracking"),
    ("/charts", "图表 Charts"),
    ("/query", "查询 Query"),
)
# /static/ files that live in graph/static, because `policykg chart`'s offline charts.html inlines them
# too (graph/charts.py); every other /static/ file is this package's own static/
SHARED_STATIC = ("app.css", "charts.css", "charts.js")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
MAX_CLIENT_QUERIES = 6  # queries one client address may have running or waiting at once
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*")
# file extension of a download, by the media type the query's result was written in
EXTENSIONS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdf",
    "text/n3": "n3",
}


def web_dir() -> Path:
    return Path(str(files("policykg.web")))


@functools.cache
def page_html(path: str) -> str:
    """A workbench page as served: its template rendered once, with the navigation marking it."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(web_dir() / "pages"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
    )
    template, title = PAGES[path]
    return env.get_template(template).render(title=title, nav=NAV, here=path)


def shared_static_dir() -> Path:
    """graph/static: the files /static/ serves from the layer below (see SHARED_STATIC)."""
    return Path(str(files("policykg.graph") / "static"))


def vis_network_dir() -> Path:
    """vis-network as shipped inside the installed pyvis wheel (loaded at run time, not copied)."""
    return Path(str(files("pyvis") / "templates" / "lib" / "vis-9.1.2"))


def _screen(params: Any) -> tuple[int, int]:
    """The canvas the network page fits its first view into (?width=&height=, clamped; else a 16:9 screen)."""
    size = []
    for name, default in zip(("width", "height"), SCREEN, strict=True):
        value = str(params.get(name) or "")
        size.append(min(max(int(value), 200), 8000) if value.isdigit() and len(value) < 6 else default)
    return size[0], size[1]


class SecurityHeaders:
    """CSP and friends on every response: report text is untrusted, scripts come only from us."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _host_name(value: str) -> tuple[str, str]:
    """("name", "port") of a Host header value or an origin's authority; IPv6 names keep brackets."""
    value = value.strip().lower()
    if value.startswith("["):
        name, _, rest = value.partition("]")
        return name + "]", rest[1:] if rest.startswith(":") else rest
    name, _, port = value.partition(":")
    return name, port


class SameOriginGuard:
    """Answer only requests addressed to this server, and only same-origin POSTs.

    Host: a DNS-rebinding page reaches 127.0.0.1 under its own host name, so any other name is
    refused (421).  Origin / Sec-Fetch-Site: a page on another origin (another site, or another
    port of localhost) may not POST queries or make scripted calls to /sparql and /api (403).
    Clients that are not browsers send neither header and are not affected.
    """

    def __init__(self, app: ASGIApp, hosts: Collection[str]) -> None:
        self.app = app
        self.hosts = {_host_name(h)[0] for h in hosts}

    def _ours(self, authority: str, port: object) -> bool:
        name, given_port = _host_name(authority)
        return name in self.hosts and (not given_port or port is None or given_port == str(port))

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers = Headers(scope=scope)
        port = (scope.get("server") or (None, None))[1]
        host = headers.get("host", "")
        if not self._ours(host, port):
            return 421, f"unknown host {host[:100]!r}: this server answers only to {', '.join(sorted(self.hosts))}"
        site = headers.get("sec-fetch-site", "")
        origin = headers.get("origin")
        unsafe = scope["method"] not in ("GET", "HEAD", "OPTIONS")
        scripted = scope["path"].startswith(("/sparql", "/api/")) and headers.get("sec-fetch-mode") != "navigate"
        if (unsafe or scripted) and site not in ("", "same-origin", "none"):
            return 403, f"cross-site request refused (Sec-Fetch-Site: {site[:40]})"
        if unsafe and origin is not None:
            scheme, _, authority = origin.partition("://")
            if scheme not in ("http", "https") or not self._ours(authority, port):
                return 403, f"cross-origin request refused (Origin: {origin[:100]})"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = self.refusal(scope) if scope["type"] == "http" else None
        if refused is None:
            await self.app(scope, receive, send)
            return
        await error(*refused)(scope, receive, send)


def is_iri(value: str) -> bool:
    """An absolute IRI as SPARQL writes one between < > (no spaces, quotes or angle brackets)."""
    return bool(_IRI.fullmatch(value))


def error(status: int, message: str) -> PlainTextResponse:
    """One line of plain text, the way SPARQL clients show it."""
    return PlainTextResponse(message.splitlines()[0] + "\n" if message else "\n", status_code=status)


def outcome_response(outcome: QueryOutcome, download: str = "", bom: bool = False) -> Response:
    """The query's answer; `download` (a base name we chose) saves it as base.EXT of the format sent.

    A download, or an answer asked for with a byte-order mark (`bom=1`, for Excel), is a file for
    people: its CSV/TSV is rewritten by the one table writer (graph/tables.py), which writes the BOM
    and defuses cells a spreadsheet would run as a formula, as in every other CSV we write. The
    protocol answer itself (neither) stays as the SPARQL engine wrote it.
    """
    if outcome.status != 200:
        return error(outcome.status, outcome.message)
    body, media_type = outcome.body, outcome.media_type
    if media_type.startswith("text/") or media_type.endswith(("json", "xml")):
        media_type += "; charset=utf-8"
    headers = {"Vary": "Accept"}
    if download:
        name = f"{download}.{EXTENSIONS.get(outcome.media_type, 'txt')}"
        headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    if download or bom:
        if outcome.media_type == "text/csv":
            body = tables.safe_csv(body, bom=bom)
        elif outcome.media_type == "text/tab-separated-values":
            body = tables.safe_tsv(body, bom=bom)
    return Response(body, media_type=media_type, headers=headers)


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body larger than {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request body larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _accepted(params: Any, accept_header: str | None) -> list[str]:
    return conneg.accept_from_format(params.get("format") or params.get("output")) or conneg.parse_accept(accept_header)


class Workbench:
    """The app's state: the pool and the handlers that use it."""

    def __init__(
        self, store_dir: Path, pool_size: int, limits: QueryLimits, max_client_queries: int = MAX_CLIENT_QUERIES
    ) -> None:
        self.store_dir = Path(store_dir)
        self.limits = limits
        self.pool = QueryPool(self.store_dir, pool_size, limits)
        self.max_client_queries = max(1, max_client_queries)
        self.active: dict[str, int] = {}  # client address -> requests with queries running or waiting
        self.holding: dict[int, int] = {}  # request -> its queries running or waiting (one page call runs several)

    async def run(self, request: Request, job: QueryJob) -> QueryOutcome:
        """Run a job for this request's client: bounded per client, stopped if the client leaves.

        The bound counts requests, not queries: one workbench call runs several queries side by side,
        and a page that fires a few calls at once must not be refused by its own server.
        """
        client = request.client.host if request.client else ""
        key = id(request.scope)
        if key not in self.holding:
            if self.active.get(client, 0) >= self.max_client_queries:
                return QueryOutcome(
                    429, message=f"more than {self.max_client_queries} requests at once from this client"
                )
            self.active[client] = self.active.get(client, 0) + 1
        self.holding[key] = self.holding.get(key, 0) + 1
        try:
            return await self.pool.run(job, gone=request.is_disconnected)
        finally:
            self.holding[key] -= 1
            if not self.holding[key]:
                del self.holding[key]
                self.active[client] -= 1
                if not self.active[client]:
                    del self.active[client]

    # --- SPARQL 1.1 Protocol -----------------------------------------------------------

    async def sparql(self, request: Request) -> Response:
        url_params = request.query_params
        if request.method == "GET":
            if "update" in url_params:
                return error(403, READ_ONLY)
            params: dict[str, list[str]] = {k: url_params.getlist(k) for k in url_params}
        else:
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media == SPARQL_UPDATE:
                return error(403, READ_ONLY)
            body = await read_body(request)
            if media == FORM:
                params = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                if "update" in params:
                    return error(403, READ_ONLY)
                for key in url_params:
                    params.setdefault(key, url_params.getlist(key))
            elif media == SPARQL_QUERY:
                params = {k: url_params.getlist(k) for k in url_params}
                try:
                    params["query"] = [body.decode("utf-8")]
                except UnicodeDecodeError:
                    return error(400, "the query is not UTF-8")
            else:
                return error(415, f"POST a query as {FORM} or {SPARQL_QUERY}, not {media or 'no content type'}")
        queries = params.get("query", [])
        if not queries:
            if request.method == "GET" and conneg.wants_html(request.headers.get("accept")):
                return RedirectResponse("/query", status_code=303)
            return error(400, "missing the query parameter")
        if len(queries) > 1:
            return error(400, "more than one query parameter")
        query = queries[0]
        if len(query) > self.limits.max_query_chars:
            return error(413, f"query longer than {self.limits.max_query_chars} characters")
        try:
            sparql_guard.check(query, self.limits.allowed_services)
        except sparql_guard.Refused as refused:
            return error(refused.status, str(refused))
        for key in ("default-graph-uri", "named-graph-uri"):
            bad = next((g for g in params.get(key, []) if not is_iri(g)), None)
            if bad is not None:
                return error(400, f"{key} is not an absolute IRI: {bad[:100]!r}")
        single = QueryParams({k: v[0] for k, v in params.items() if v})
        accepted = _accepted(single, request.headers.get("accept"))
        job = QueryJob(
            query=query,
            solution_format=conneg.choose_solutions(accepted),
            graph_format=conneg.choose_graph(accepted),
            default_graphs=tuple(params["default-graph-uri"]) if "default-graph-uri" in params else None,
            named_graphs=tuple(params["named-graph-uri"]) if "named-graph-uri" in params else None,
            max_bytes=self.limits.max_result_bytes,
        )
        outcome = await self.run(request, job)
        download = "query-result" if single.get("download") else ""
        return outcome_response(outcome, download, single.get("bom") == "1")

    # --- workbench data ----------------------------------------------------------------

    def selector(self, request: Request) -> workbench.Select:
        """The workbench's named queries, run on behalf of `request`'s client."""

        async def select(name: str, bindings: dict[str, tuple[str, str, str]]) -> list[workbench.Row]:
            text = workbench.workbench_query(name)
            job = QueryJob(text, substitutions=bindings, max_bytes=self.limits.max_result_bytes)
            outcome = await self.run(request, job)
            if outcome.status != 200:
                raise HTTPException(outcome.status, outcome.message)
            return workbench.solution_rows(outcome.body)

        return select

    async def reports(self, request: Request) -> Response:
        return JSONResponse(await self.selector(request)("reports", {}))

    @staticmethod
    def _filters(request: Request) -> workbench.Filters:
        filters = workbench.Filters.from_params(request.query_params)
        if filters.report and not is_iri(filters.report):
            raise HTTPException(400, "give the report as ?report=<absolute IRI>")
        return filters

    async def _tasks(self, request: Request) -> tuple[workbench.Filters, list[workbench.TaskRow]]:
        """Every task the filters ask for (downloads and facets): report by report, each from its own graph."""
        filters = self._filters(request)
        select = self.selector(request)
        reports = [filters.report] if filters.report else [row["graph"] for row in await select("reports", {})]
        tasks: list[workbench.TaskRow] = []
        for report in reports:
            tasks.extend(await workbench.load_tasks(select, report))
        return filters, tasks

    async def facets(self, request: Request) -> Response:
        _, tasks = await self._tasks(request)
        return JSONResponse(workbench.facets(tasks))

    async def network(self, request: Request) -> Response:
        filters = self._filters(request)
        select = self.selector(request)
        if not filters.report:
            reports = await select("reports", {})
            if reports:  # one report at a time by default: the whole store can be thousands of nodes
                filters = workbench.Filters(**{**filters.__dict__, "report": reports[0]["graph"]})
        tasks = await workbench.load_tasks(select, filters.report)
        layers = [x for x in request.query_params.get("layers", ",".join(workbench.DEFAULT_LAYERS)).split(",") if x]
        statuses = workbench.tracking_statuses(await workbench.load_tracking(select, filters.report), filters.report)
        data = workbench.network(tasks, filters, layers, statuses=statuses, screen=_screen(request.query_params))
        data["report"] = filters.report
        data["facets"] = workbench.facets(tasks)
        return JSONResponse(data)

    async def node(self, request: Request) -> Response:
        node = request.query_params.get("iri", "")
        if not node.startswith(("http://", "https://", "urn:")) or not is_iri(node):
            return JSONResponse({"error": "give the node as ?iri=<absolute IRI>"}, status_code=400)
        report = request.query_params.get("report", "")
        if report and not is_iri(report):
            return JSONResponse({"error": "give the report as &report=<absolute IRI>"}, status_code=400)
        return JSONResponse(await workbench.node_details(self.selector(request), node, report))

    async def tasks(self, request: Request) -> Response:
        """A page of the 分工表: one report's tasks, or the corpus a few reports at a time (`from`, `next`)."""
        filters = self._filters(request)
        try:
            start = int(request.query_params.get("from") or 0)
        except ValueError:
            return error(400, "from must be a whole number (the `next` of the previous page)")
        page = await workbench.load_task_page(self.selector(request), filters, start)
        rows = [t.as_table_row() for t in page.tasks if filters.keep(t)]
        return JSONResponse(
            {
                "columns": workbench.TABLE_COLUMNS,
                "rows": rows,
                "facets": workbench.facets(page.tasks),
                "next": page.next_report,
                "reports_total": page.reports_total,
            }
        )

    async def tasks_download(self, request: Request) -> Response:
        filters, tasks = await self._tasks(request)
        rows = [t.as_table_row() for t in tasks if filters.keep(t)]
        kind = request.path_params["kind"]
        if kind == "csv":
            body, media = tables.csv_table(workbench.TABLE_COLUMNS, rows), "text/csv; charset=utf-8"
        else:
            try:
                body = tables.xlsx_table(workbench.TABLE_COLUMNS, rows, sheet="分工表")
            except ImportError:
                return error(501, "XLSX export needs openpyxl (pip install openpyxl)")
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        name = f"分工表.{kind}"
        return Response(
            body, media_type=media, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
        )

    async def _tracking_table(self, request: Request) -> list[dict[str, object]]:
        filters = workbench.TrackingFilters.from_params(request.query_params)
        if filters.report and not is_iri(filters.report):
            raise HTTPException(400, "give the report as ?report=<absolute IRI>")
        return workbench.tracking_table(await workbench.load_tracking(self.selector(request), filters.report), filters)

    async def tracking(self, request: Request) -> Response:
        table = await self._tracking_table(request)
        select = self.selector(request)
        checked = [row["promised_in"] for row in await select("tracking-reports", {})]
        names = {row["graph"]: workbench.report_name(row) for row in await select("reports", {})}
        return JSONResponse(
            {
                "columns": workbench.TRACKING_COLUMNS,
                "rows": table,
                "reports": checked,
                "report_labels": {report: names.get(report, report) for report in checked},
                "statuses": workbench.STATUSES,
                "labels": workbench.VALUE_LABELS,
            }
        )

    async def tracking_download(self, request: Request) -> Response:
        table = await self._tracking_table(request)
        body = tables.csv_table(workbench.TRACKING_COLUMNS, table)
        name = "tracking.csv"
        return Response(
            body,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
        )

    async def _saved_rows(self, request: Request, name: str, params: dict[str, str]) -> list[workbench.Row]:
        """Rows of a saved query (the charts read the very queries a user can run), run on the pool."""
        query = saved_queries()[name]
        try:
            bindings = bind_parameters(query, params)
        except ValueError as err:
            raise HTTPException(400, str(err)) from None
        outcome = await self.run(
            request, QueryJob(query.text, substitutions=bindings, max_bytes=self.limits.max_result_bytes)
        )
        if outcome.status != 200:
            raise HTTPException(outcome.status, outcome.message)
        return workbench.solution_rows(outcome.body)

    async def charts(self, request: Request) -> Response:
        """One government's chart data (graph/series.chart_data) from the saved queries
        promise-record, promise-record-by-domain and target-vs-result; the first government by default."""
        from policykg.graph import series

        record = series.typed_rows("record", await self._saved_rows(request, "promise-record", {}))
        names = series.governments({"record": record})
        wanted = request.query_params.get("government", "").strip()
        if wanted and wanted not in names:
            return JSONResponse({"error": f"no checked promises of {wanted!r} in the store"}, status_code=404)
        gov = wanted or (names[0] if names else "")
        if not gov:
            return JSONResponse({"governments": [], "chart": None})
        params = {"government": gov}
        tables = {
            "record": record,
            "domains": series.typed_rows(
                "domains", await self._saved_rows(request, "promise-record-by-domain", params)
            ),
            "metrics": series.typed_rows("metrics", await self._saved_rows(request, "target-vs-result", params)),
        }
        return JSONResponse({"governments": names, "chart": series.chart_data(tables, gov)})

    # --- saved queries -----------------------------------------------------------------

    async def queries(self, request: Request) -> Response:
        return JSONResponse([as_json(q) for q in saved_queries().values()])

    async def run_saved(self, request: Request) -> Response:
        query: Query | None = saved_queries().get(request.path_params["name"])
        if query is None:
            return error(404, f"no saved query named {request.path_params['name']!r}")
        try:
            bindings = bind_parameters(query, request.query_params)
        except ValueError as err:
            return error(400, str(err))
        accepted = _accepted(request.query_params, request.headers.get("accept"))
        job = QueryJob(
            query.text,
            conneg.choose_solutions(accepted),
            conneg.choose_graph(accepted),
            substitutions=bindings,
            max_bytes=self.limits.max_result_bytes,
        )
        outcome = await self.run(request, job)
        download = query.name if request.query_params.get("download") else ""
        return outcome_response(outcome, download, request.query_params.get("bom") == "1")

    # --- pages ---------------------------------------------------------------------------

    async def page(self, request: Request) -> Response:
        return HTMLResponse(page_html(request.url.path))


async def _plotly_js(request: Request) -> Response:
    """plotly.js from the installed plotly package (loaded at run time, not copied into the project)."""
    from policykg.graph.charts import plotly_js_path

    return FileResponse(plotly_js_path(), media_type="text/javascript; charset=utf-8")


async def _shared_static(request: Request) -> Response:
    """One of SHARED_STATIC, from graph/static."""
    return FileResponse(shared_static_dir() / request.url.path.rpartition("/")[2])


async def _http_error(request: Request, exc: Exception) -> Response:
    """JSON for the pages' data calls, one line of text everywhere else."""
    assert isinstance(exc, HTTPException)
    path = request.url.path
    if path.startswith("/api/") and not path.startswith(("/api/tasks.", "/api/tracking.", "/api/queries/")):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return error(exc.status_code, str(exc.detail))


def create_app(
    store_dir: Path,
    *,
    workers: int = 2,
    limits: QueryLimits | None = None,
    hosts: Collection[str] = (),
    max_client_queries: int = MAX_CLIENT_QUERIES,
) -> Starlette:
    """The ASGI app over the store at `store_dir` (opened read-only by each query worker).

    `hosts`: host names the server answers to besides the loopback names (the --host value, and
    the names a reverse proxy forwards).
    """
    store_dir = Path(store_dir)
    if not store_dir.exists():
        raise FileNotFoundError(f"no store at {store_dir}: run `policykg build` first")
    bench = Workbench(store_dir, workers, limits or QueryLimits(), max_client_queries)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await bench.pool.start()
        try:
            yield
        finally:
            await bench.pool.close()

    routes = [
        Route("/", lambda request: RedirectResponse("/network", status_code=307)),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/sparql", bench.sparql, methods=["GET", "POST"]),
        *(Route(path, bench.page) for path in PAGES),
        Route("/api/reports", bench.reports),
        Route("/api/facets", bench.facets),
        Route("/api/network", bench.network),
        Route("/api/node", bench.node),
        Route("/api/tasks", bench.tasks),
        Route("/api/tasks.{kind:str}", bench.tasks_download),
        Route("/api/tracking", bench.tracking),
        Route("/api/tracking.csv", bench.tracking_download),
        Route("/api/charts", bench.charts),
        Route("/api/queries", bench.queries),
        Route("/api/queries/{name:str}", bench.run_saved),
        *(Route(f"/static/{name}", _shared_static) for name in SHARED_STATIC),
        Mount("/static", StaticFiles(directory=web_dir() / "static")),
        Mount("/vendor/vis-network", StaticFiles(directory=vis_network_dir())),
        Route("/vendor/plotly/plotly.min.js", _plotly_js),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: _http_error})
    app.state.workbench = bench
    names = [*LOOPBACK_NAMES, *(f"[{h}]" if ":" in h and not h.startswith("[") else h for h in hosts if h)]
    app.add_middleware(SameOriginGuard, hosts=names)
    app.add_middleware(SecurityHeaders)
    return app


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind first (port 0 = a free port), so the address can be printed before serving."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def serve(
    store_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    workers: int = 2,
    limits: QueryLimits | None = None,
    announce: Callable[[str], None] | None = None,
    log_level: str = "warning",
    hosts: Collection[str] = (),
    max_client_queries: int = MAX_CLIENT_QUERIES,
) -> None:
    """Run the server until interrupted; `announce` gets the base URL once the port is bound."""
    import uvicorn

    app = create_app(
        store_dir, workers=workers, limits=limits, hosts=[host, *hosts], max_client_queries=max_client_queries
    )
    sock = bind_socket(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    if announce is not None:
        announce(f"http://{shown}:{bound_port}")
    # no colour codes: the CLI escapes control characters on the terminal (README: Security)
    config = uvicorn.Config(app, log_level=log_level, lifespan="on", use_colors=False)
    uvicorn.Server(config).run(sockets=[sock])


def serve_command(args: argparse.Namespace) -> int:
    """`policykg serve [--store DIR] [--host H] [--port P]`: print the address, serve until Ctrl-C."""
    from policykg.graph.store import default_store_dir

    store_dir = Path(getattr(args, "store", None) or default_store_dir())
    if not store_dir.exists():
        print(f"policykg: error: no store at {store_dir}: run `policykg build` first", file=sys.stderr)
        return ExitCode.STORE
    memory = getattr(args, "worker_memory", None)
    limits = QueryLimits(
        timeout=float(getattr(args, "timeout", None) or QueryLimits.timeout),
        max_result_bytes=int(getattr(args, "max_result_bytes", None) or QueryLimits.max_result_bytes),
        memory_mb=default_memory_mb() if memory is None else max(0, int(memory)),
        allowed_services=tuple(getattr(args, "allow_service", None) or ()),
    )
    bad = [iri for iri in limits.allowed_services if not is_iri(iri)]
    if bad:
        print(f"policykg: error: --allow-service takes an absolute IRI, not {bad[0]!r}", file=sys.stderr)
        return ExitCode.USAGE

    def announce(url: str) -> None:
        print(f"policykg: serving {store_dir} at {url}/ (SPARQL endpoint {url}/sparql); Ctrl-C stops", flush=True)

    serve(
        store_dir,
        getattr(args, "host", None) or "127.0.0.1",
        int(getattr(args, "port", 8000) if getattr(args, "port", None) is not None else 8000),
        workers=int(getattr(args, "workers", None) or 2),
        limits=limits,
        announce=announce,
        log_level="info",
        hosts=tuple(getattr(args, "allow_host", None) or ()),
        max_client_queries=int(getattr(args, "max_client_queries", None) or MAX_CLIENT_QUERIES),
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m policykg.web.server --store DIR [--port 0]` (the same as `policykg serve`)."""
    from policykg.web.options import add_security_options

    parser = argparse.ArgumentParser(prog="python -m policykg.web.server", description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="store directory (default: the per-user store)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--workers", type=int, default=2, help="query processes")
    parser.add_argument("--timeout", type=float, help="seconds a query may run (default 10)")
    parser.add_argument("--max-result-bytes", type=int, help="largest serialised result (default 32 MiB)")
    add_security_options(parser)
    return serve_command(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
