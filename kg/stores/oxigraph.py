"""The embedded backend: pyoxigraph on disk (`oxigraph:DIR`) or in memory (`oxigraph:memory`).

Writes use pyoxigraph's transactional paths only: `extend` for a new graph, one
`DROP …; INSERT DATA …` update when a graph replaces others, so a crash leaves
either the old graph or the new one, never half of it. Read-only opens use
`Store.read_only`, which a running server's write lock does not block.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.store import QueryResult, QuerySyntaxError, Store, StoreError, insert_data
from kg.stores import formats
from ontology.namespace import PREFIXES

MEMORY = "memory"


class OxigraphStore(Store):
    """An embedded pyoxigraph store."""

    def __init__(self, location: str, read_only: bool = False) -> None:
        self.url = f"oxigraph:{location}"
        self.read_only = read_only
        self.path = None if location == MEMORY else Path(location)
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(f"{self.path}: no store here (build one with `kg build`)")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store "
                             f"(in use by another process, or not a store?): {exc}") from None
        self._dirty = False

    # -------------------------------------------------------------- writes

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad], *,
                      drop: Sequence[str] = ()) -> None:
        self._writable()
        quads = list(quads)
        stale = [g for g in {graph_iri, *drop} if self._store.contains_named_graph(ox.NamedNode(g))]
        if not stale:
            self._store.extend(quads)  # one transaction
        else:
            drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in sorted(stale))
            self._store.update(drops + insert_data(quads))  # one transaction
        self._dirty = True

    def remove_graph(self, graph_iri: str) -> bool:
        self._writable()
        graph = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(graph):
            return False
        self._store.remove_graph(graph)
        self._dirty = True
        return True

    def update(self, sparql: str) -> None:
        self._writable()
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from None
        self._dirty = True

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        self._writable()
        self._store.extend(quads)
        self._dirty = True

    def optimize(self) -> None:
        if self.path is not None and not self.read_only and self._dirty:
            self._store.optimize()
            self._dirty = False

    def close(self) -> None:
        """Flush and release the store (and RocksDB's lock on DIR) at once."""
        store = self.__dict__.pop("_store", None)
        if store is not None and not self.read_only and self.path is not None:
            store.flush()

    # -------------------------------------------------------------- reads

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def has_graph(self, graph_iri: str) -> bool:
        graph = ox.NamedNode(graph_iri)
        return next(iter(self._store.quads_for_pattern(None, None, None, graph)), None) is not None

    def query(self, sparql: str, *, default_graph_uris: Sequence[str] | None = None,
              named_graph_uris: Sequence[str] | None = None,
              union_default: bool = True) -> QueryResult:
        options = {}
        if default_graph_uris:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graph_uris]
        else:
            options["use_default_graph_as_union"] = union_default
        if named_graph_uris:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graph_uris]
        try:
            return self._store.query(sparql, prefixes=PREFIXES, **options)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from None

    def quads(self) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)

    def quad_count(self) -> int:
        return len(self._store)

    def export(self, path: str | Path, format: str = "nquads") -> None:
        if format in ("nquads", "trig"):  # native, streaming
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._store.dump(str(path), formats.rdf_format(format),
                             prefixes=PREFIXES if format == "trig" else None)
        else:
            super().export(path, format)


def open_oxigraph(location: str, read_only: bool = False) -> OxigraphStore:
    """`oxigraph:memory` or `oxigraph:DIR` (created unless read-only)."""
    return OxigraphStore(location, read_only)
