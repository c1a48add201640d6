"""Where the graph lives: one `Store` interface, backends chosen by URL.

- `oxigraph:DIR` (default) and `oxigraph:memory`: embedded pyoxigraph;
- `sparql:QUERY_URL[,UPDATE_URL]`: any SPARQL 1.1 Query/Update server (Oxigraph
  server, Fuseki, GraphDB, Virtuoso, …); without UPDATE_URL it is read-only.

Backends are plugins: `BACKENDS` maps a URL scheme to `module:function`, and
packages may add more through the `healthkg.stores` entry-point group. Queries
return pyoxigraph result objects (`QuerySolutions`, `QueryBoolean`, `QueryTriples`)
whatever the backend, and raise `QuerySyntaxError` (a `SyntaxError`) when malformed.
"""
from __future__ import annotations

import importlib
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from pyoxigraph import DefaultGraph, Quad, QueryBoolean, QuerySolutions, QueryTriples

from kg.stores import formats

QueryResult = QuerySolutions | QueryBoolean | QueryTriples

#: URL scheme -> "module:factory"; each factory takes (location, read_only).
BACKENDS: dict[str, str] = {
    "oxigraph": "kg.stores.oxigraph:open_oxigraph",
    "sparql": "kg.stores.sparql:open_sparql",
}
#: The file a backup directory holds.
BACKUP_FILE = "healthkg.nq"
#: Quads per INSERT DATA request when loading into a remote store.
INSERT_CHUNK = 5000


class StoreError(RuntimeError):
    """A store that cannot be opened, reached or written, with the reason (a
    `RuntimeError`, as pyoxigraph's evaluation errors are, so one handler fits both)."""


class QuerySyntaxError(StoreError, SyntaxError):
    """A malformed SPARQL query or update (also a `SyntaxError`, as pyoxigraph raises).

    >>> str(QuerySyntaxError("error at 1:1: expected SELECT"))
    'error at 1:1: expected SELECT'
    """

    def __init__(self, message: str) -> None:
        SyntaxError.__init__(self, message)

    def __str__(self) -> str:
        return str(self.msg)


def insert_data(quads: Iterable[Quad]) -> str:
    """The quads as one SPARQL `INSERT DATA` body (terms in N-Triples syntax).

    >>> from pyoxigraph import NamedNode, Literal
    >>> q = Quad(NamedNode("http://x/s"), NamedNode("http://x/p"), Literal("卫生"),
    ...          NamedNode("http://x/g"))
    >>> insert_data([q])
    'INSERT DATA {\\nGRAPH <http://x/g> {\\n<http://x/s> <http://x/p> "卫生" .\\n}\\n}'
    """
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        graph = "" if isinstance(q.graph_name, DefaultGraph) else str(q.graph_name)
        by_graph.setdefault(graph, []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = []
    for graph, lines in by_graph.items():
        body = "\n".join(lines)
        parts.append(f"GRAPH {graph} {{\n{body}\n}}" if graph else body)
    return "INSERT DATA {\n" + "\n".join(parts) + "\n}"


class Store(ABC):
    """A quad store holding one named graph per source document."""

    url: str
    read_only: bool

    # -------------------------------------------------------------- backend primitives

    @abstractmethod
    def replace_graph(self, graph_iri: str, quads: Iterable[Quad], *,
                      drop: Sequence[str] = ()) -> None:
        """Atomically make `graph_iri` hold exactly `quads`, also removing the graphs in
        `drop` (an older version of the same document): all of it happens or none."""

    @abstractmethod
    def remove_graph(self, graph_iri: str) -> bool:
        """Remove a named graph; `False` when there was none."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""

    @abstractmethod
    def has_graph(self, graph_iri: str) -> bool:
        """Whether a named graph with at least one triple exists."""

    @abstractmethod
    def query(self, sparql: str, *, default_graph_uris: Sequence[str] | None = None,
              named_graph_uris: Sequence[str] | None = None,
              union_default: bool = True) -> QueryResult:
        """Run a SPARQL 1.1 query; the default graph is the union of all graphs unless
        `default_graph_uris` is given. Prefixes of `ontology.namespace` are predeclared.

        Raises:
            QuerySyntaxError: malformed query.
        """

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update, in one transaction where the backend supports it."""

    @abstractmethod
    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads (for `load`/`restore`; ingestion uses `replace_graph`)."""

    @abstractmethod
    def quads(self) -> Iterator[Quad]:
        """Every quad: the named graphs' and the default graph's."""

    def optimize(self) -> None:  # noqa: B027 (an optional hook: backends override what they need)
        """Compact after a batch of writes (a no-op where the backend has nothing to do)."""

    def close(self) -> None:  # noqa: B027 (an optional hook, like optimize)
        """Release the store."""

    # -------------------------------------------------------------- built on the primitives

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.url} is opened read-only")

    def load(self, path: str | Path, format: str | None = None) -> int:
        """Add an RDF file's quads (N-Quads, TriG, Turtle, N-Triples, JSON-LD, RDF/XML).

        DTDs, XML entities and remote JSON-LD contexts are refused.

        Returns:
            The number of quads read.
        """
        self._writable()
        quads = formats.parse_file(path, format)
        self.add_quads(quads)
        return len(quads)

    def export(self, path: str | Path, format: str = "nquads") -> None:
        """Write the whole store: `nquads`/`trig`/`jsonld` keep the graphs, `ttl` is their
        union, `graphml` the networkx projection of the union."""
        formats.write(self.quads(), path, format)

    def backup(self, directory: str | Path) -> Path:
        """Write every quad to `DIRECTORY/healthkg.nq` (created; an older backup there
        is replaced only once the new one is complete)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / BACKUP_FILE
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".part", delete=False) as tmp:
            partial = Path(tmp.name)
        try:
            formats.write(self.quads(), partial, "nquads")
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        return target

    def restore(self, directory: str | Path) -> int:
        """Replace the store's content with the backup in `DIRECTORY`.

        Returns:
            The number of quads restored.
        """
        self._writable()
        source = Path(directory) / BACKUP_FILE
        if not source.is_file():
            raise StoreError(f"{directory}: no backup here (expected {BACKUP_FILE})")
        quads = formats.parse_file(source, "nquads")
        self.update("CLEAR ALL")
        self.add_quads(quads)
        self.optimize()
        return len(quads)

    def count(self, sparql_where: str, variable: str = "x") -> int:
        """`COUNT(DISTINCT ?x)` over a WHERE body, on the union of the graphs."""
        result = self.query(f"SELECT (COUNT(DISTINCT ?{variable}) AS ?n) WHERE {{ {sparql_where} }}")
        return int(next(iter(result))["n"].value)

    def stats(self) -> dict[str, Any]:
        """How much the store holds: graphs, quads and nodes of each kind."""
        return {
            "store": self.url,
            "graphs": len(self.graphs()),
            "quads": self.quad_count(),
            "documents": self.count("?x a hp:SourceDocument"),
            "policies": self.count("?x a hp:Policy"),
            "organizations": self.count("?x a org:Organization"),
            "regions": self.count("?x a hp:Region"),
            "directives": self.count("VALUES ?c { hp:Obligation hp:Prohibition hp:Permission "
                                     "hp:Encouragement } ?x a ?c"),
            "annotations": self.count("?x a oa:Annotation"),
        }

    def quad_count(self) -> int:
        """Quads in the named graphs and the default graph."""
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION "
                            "{ ?s ?p ?o } }", union_default=False)
        return int(next(iter(result))["n"].value)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _factory(scheme: str) -> Callable[[str, bool], Store] | None:
    target = BACKENDS.get(scheme)
    if target is not None:
        module, _, name = target.partition(":")
        return getattr(importlib.import_module(module), name)
    for ep in entry_points(group="healthkg.stores"):
        if ep.name == scheme:
            return ep.load()
    return None


def open_store(url: str, read_only: bool = False) -> Store:
    """Open the store a URL names.

    Args:
        url: `oxigraph:DIR`, `oxigraph:memory` or `sparql:QUERY_URL[,UPDATE_URL]`.
        read_only: refuse writes (an on-disk Oxigraph store is opened read-only, so a
            server may hold it at the same time).

    Raises:
        StoreError: unknown scheme, missing store for read-only use, or unreachable.

    >>> from pyoxigraph import Literal, NamedNode
    >>> g = "https://w3id.org/healthkg/graph/doc/1"
    >>> with open_store("oxigraph:memory") as store:
    ...     store.replace_graph(g, [Quad(NamedNode("http://x/郴州"), NamedNode("http://x/p"),
    ...                                  Literal("郴州市"), NamedNode(g))])
    ...     store.graphs()
    ['https://w3id.org/healthkg/graph/doc/1']
    """
    scheme, sep, location = url.partition(":")
    factory = _factory(scheme) if sep else None
    if factory is None or not location:
        known = ", ".join(f"{s}:…" for s in BACKENDS)
        raise StoreError(f"unknown store URL {url!r}; use {known} "
                         "(e.g. oxigraph:data/healthkg, oxigraph:memory, "
                         "sparql:http://host/query,http://host/update)")
    return factory(location, read_only)


__all__ = [
    "BACKENDS",
    "BACKUP_FILE",
    "QueryResult",
    "QuerySyntaxError",
    "Store",
    "StoreError",
    "insert_data",
    "open_store",
]
