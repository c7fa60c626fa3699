"""HTTP content negotiation for SPARQL results (RFC 9110 Accept, SPARQL 1.1 Protocol §2.1).

The query form (SELECT/ASK vs CONSTRUCT/DESCRIBE) is only known once the query has been parsed,
so negotiation happens in two steps: the server parses the Accept header (or a ``format=``
shortcut) into a ranked list, and the worker that ran the query picks the first media type it
can write for the kind of result it got.  A client asking only for types we cannot write gets 406.
"""

from __future__ import annotations

# media type -> format key, per kind of result; the first entry of each is the default for */*
SOLUTION_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/xml": "xml",
}
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
    "text/n3": "n3",
}
# the canonical media type a format key is served as
SOLUTION_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_MEDIA = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "n3": "text/n3",
}
# ``?format=`` shortcuts (what SPARQLWrapper and browsers' download links send)
FORMAT_ALIASES: dict[str, tuple[str, ...]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle",),
    "ttl": ("text/turtle",),
    "n3": ("text/n3",),
    "nt": ("application/n-triples",),
    "ntriples": ("application/n-triples",),
    "json-ld": ("application/ld+json",),
    "jsonld": ("application/ld+json",),
    "rdfxml": ("application/rdf+xml",),
}


def parse_accept(header: str | None) -> list[str]:
    """Media ranges of an Accept header, best first; q=0 ranges dropped; missing header = */*."""
    if not header or not header.strip():
        return ["*/*"]
    ranked: list[tuple[float, int, int, str]] = []
    for index, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media or "/" not in media:
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        # more specific ranges win ties (text/csv before text/* before */*), then header order
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranked.append((-q, -specificity, index, media))
    return [media for *_, media in sorted(ranked)]


def accept_from_format(fmt: str | None) -> list[str] | None:
    """The ranked media types a ``format=`` value stands for (None if absent or unknown)."""
    if not fmt:
        return None
    fmt = fmt.strip().lower()
    if "/" in fmt:
        return [fmt]
    return list(FORMAT_ALIASES[fmt]) if fmt in FORMAT_ALIASES else None


def choose(accepted: list[str], offers: dict[str, str]) -> tuple[str, str] | None:
    """First (media type, format key) among `offers` matching the ranked `accepted` list."""
    for media in accepted:
        if media == "*/*":
            first = next(iter(offers))
            return first, offers[first]
        if media.endswith("/*"):
            prefix = media[:-1]
            for offer, key in offers.items():
                if offer.startswith(prefix):
                    return offer, key
        elif media in offers:
            return media, offers[media]
    return None


def choose_solutions(accepted: list[str]) -> tuple[str, str] | None:
    found = choose(accepted, SOLUTION_TYPES)
    return (SOLUTION_MEDIA[found[1]], found[1]) if found else None


def choose_graph(accepted: list[str]) -> tuple[str, str] | None:
    found = choose(accepted, GRAPH_TYPES)
    return (GRAPH_MEDIA[found[1]], found[1]) if found else None


def wants_html(header: str | None) -> bool:
    """A browser navigating to /sparql (text/html ranked above every SPARQL result type)."""
    accepted = parse_accept(header)
    return bool(accepted) and accepted[0] in ("text/html", "application/xhtml+xml")
