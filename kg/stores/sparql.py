"""The remote backend: any SPARQL 1.1 Query/Update server (`sparql:QUERY_URL[,UPDATE_URL]`).

Queries go out as SPARQL 1.1 Protocol form POSTs; SELECT/ASK answers come back as
SPARQL JSON and CONSTRUCT/DESCRIBE answers as N-Triples, parsed into the same
pyoxigraph result objects the embedded store returns. Writes are single update
requests (`DROP …; INSERT DATA …`), which servers such as Oxigraph, Fuseki and
GraphDB apply in one transaction. The union default graph is asked for with
Oxigraph's `union-default-graph` parameter; other servers need it configured
(Fuseki `unionDefaultGraph`, Virtuoso's default behaviour).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

import httpx
import pyoxigraph as ox

from kg.store import (
    INSERT_CHUNK,
    QueryResult,
    QuerySyntaxError,
    Store,
    StoreError,
    insert_data,
)
from ontology.namespace import sparql_prologue

#: Seconds to wait for a server's answer.
TIMEOUT = 120.0
_ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, "
           "text/turtle;q=0.8")


def _triples_result(triples: Iterable[ox.Triple]) -> ox.QueryTriples:
    """Wrap parsed triples as a genuine `QueryTriples` (pyoxigraph has no constructor)."""
    scratch = ox.Store()
    scratch.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return scratch.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


class SparqlStore(Store):
    """A store behind SPARQL 1.1 Query and (optionally) Update endpoints."""

    def __init__(self, query_url: str, update_url: str | None, read_only: bool = False) -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.url = "sparql:" + ",".join(u for u in (query_url, update_url) if u)
        self.read_only = read_only or update_url is None
        self._http = httpx.Client(timeout=TIMEOUT, follow_redirects=False)

    def after_fork(self) -> None:
        """In a forked child (the server's query worker): use a connection pool of its own.

        The inherited pool's keep-alive sockets are shared with the parent; writing a
        request on one of them from both processes would interleave on the wire.
        """
        self._http = httpx.Client(timeout=TIMEOUT, follow_redirects=False)

    # -------------------------------------------------------------- protocol

    def _post(self, url: str, **kwargs) -> httpx.Response:
        try:
            response = self._http.post(url, **kwargs)
        except httpx.HTTPError as exc:
            raise StoreError(f"{url}: cannot reach the SPARQL server: {exc}") from None
        if response.status_code == 400:
            raise QuerySyntaxError(f"{url}: {response.text.strip()[:500]}")
        if response.status_code >= 300:
            raise StoreError(f"{url}: HTTP {response.status_code}: "
                             f"{response.text.strip()[:500]}")
        return response

    def query(self, sparql: str, *, default_graph_uris: Sequence[str] | None = None,
              named_graph_uris: Sequence[str] | None = None,
              union_default: bool = True) -> QueryResult:
        form: dict[str, str | list[str]] = {"query": sparql_prologue() + sparql}
        if default_graph_uris:
            form["default-graph-uri"] = list(default_graph_uris)
        elif union_default:
            form["union-default-graph"] = ""
        if named_graph_uris:
            form["named-graph-uri"] = list(named_graph_uris)
        response = self._post(self.query_url, data=form, headers={"Accept": _ACCEPT})
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if media == "application/sparql-results+json":
            return ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
        if media == "application/sparql-results+xml":
            return ox.parse_query_results(response.content, ox.QueryResultsFormat.XML)
        try:
            fmt = ox.RdfFormat.from_media_type(media)
        except ValueError:
            fmt = None
        if fmt is None:
            raise StoreError(f"{self.query_url}: unexpected answer type {media!r}")
        return _triples_result(q.triple for q in ox.parse(response.content, format=fmt))

    def update(self, sparql: str) -> None:
        self._writable()
        self._post(self.update_url, content=(sparql_prologue() + sparql).encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    # -------------------------------------------------------------- writes

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad], *,
                      drop: Sequence[str] = ()) -> None:
        self._writable()
        drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in sorted({graph_iri, *drop}))
        self.update(drops + insert_data(quads))

    def remove_graph(self, graph_iri: str) -> bool:
        self._writable()
        if not self.has_graph(graph_iri):
            return False
        self.update(f"DROP SILENT GRAPH <{graph_iri}>")
        return True

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        self._writable()
        it = iter(quads)
        while chunk := list(islice(it, INSERT_CHUNK)):
            self.update(insert_data(chunk))

    # -------------------------------------------------------------- reads

    def graphs(self) -> list[str]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"].value for row in result)

    def has_graph(self, graph_iri: str) -> bool:
        return bool(self.query(f"ASK {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"))

    def quads(self) -> Iterator[ox.Quad]:
        result = self.query("SELECT ?s ?p ?o ?g WHERE { { GRAPH ?g { ?s ?p ?o } } UNION "
                            "{ ?s ?p ?o } }", union_default=False)
        for row in result:
            graph = row["g"] if row["g"] is not None else ox.DefaultGraph()
            yield ox.Quad(row["s"], row["p"], row["o"], graph)

    def close(self) -> None:
        self._http.close()


def open_sparql(location: str, read_only: bool = False) -> SparqlStore:
    """`QUERY_URL[,UPDATE_URL]`; without an update URL the store is read-only."""
    query_url, _, update_url = location.partition(",")
    if not query_url.startswith(("http://", "https://")):
        raise StoreError(f"sparql:{location}: the query URL must be http(s)://…")
    return SparqlStore(query_url, update_url or None, read_only)
