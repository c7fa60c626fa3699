"""Send report graphs to a shared server over the SPARQL 1.1 Graph Store HTTP Protocol.

Any conforming server works: Oxigraph (`oxigraph serve`, endpoint …/store), Apache Jena Fuseki
(…/DATASET/data), GraphDB (…/repositories/REPO/rdf-graphs/service), Virtuoso
(…/sparql-graph-crud-auth, with credentials). One PUT per report graph replaces that graph on the
server, so pushing again is idempotent.
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from policykg.extract.errors import ExitCode, PolicyKGError


class PushError(PolicyKGError):
    exit_code = ExitCode.REMOTE


def graph_url(endpoint: str, graph_iri: str) -> str:
    """The GSP address of one named graph: ENDPOINT?graph=IRI (indirect identification)."""
    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph_iri})}"


def put_graph(endpoint: str, graph_iri: str, ntriples: bytes, timeout: float = 120.0) -> int:
    request = urllib.request.Request(
        graph_url(endpoint, graph_iri), data=ntriples, method="PUT", headers={"Content-Type": "application/n-triples"}
    )
    if auth := os.environ.get("POLICYKG_ENDPOINT_AUTH"):  # user:password for servers that need it
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as err:
        detail = err.read(300).decode("utf-8", "replace").strip().splitlines()
        raise PushError(
            f"{endpoint} refused graph {graph_iri}: HTTP {err.code} {detail[0] if detail else ''}"
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        raise PushError(f"cannot reach {endpoint}: {getattr(err, 'reason', err)}") from None


def graph_ntriples(store: ox.Store, graph_iri: str) -> bytes:
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri))


def push_command(args: argparse.Namespace) -> int:
    from policykg.graph.store import default_store_dir, open_store, report_graphs

    store = open_store(args.store or default_store_dir(), read_only=True)
    graphs = report_graphs(store)
    if args.graph:
        missing = sorted(set(args.graph) - set(graphs))
        if missing:
            raise PushError(f"not in the store: {', '.join(missing)}")
        graphs = sorted(args.graph)
    if not graphs:
        raise PushError("the store holds no report graphs: run `policykg build` first")
    for i, iri in enumerate(graphs, 1):
        data = graph_ntriples(store, iri)
        status = put_graph(args.endpoint, iri, data)
        triples = data.count(b"\n")
        print(f"[{i}/{len(graphs)}] {iri}: {triples} triples -> HTTP {status}", file=sys.stderr)
    return 0
