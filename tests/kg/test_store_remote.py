"""kg.store's `sparql:` backend against a live Oxigraph server on loopback.

The server is the PyPI `oxigraph` binary, started on a free port; the samples are
built into it through SPARQL 1.1 Update and must answer every query exactly as
the embedded store does.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from graph_samples import sample_extractions

from kg import iri
from kg.build import build_quads
from kg.store import QuerySyntaxError, StoreError, open_store

pytestmark = pytest.mark.server

# The venv's bin directory first: tests may run as .venv/bin/python without activation.
OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or \
    shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """`oxigraph serve` on 127.0.0.1:PORT; yields `http://127.0.0.1:PORT`."""
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server binary (pip install oxigraph) is not installed")
    port = free_port()
    location = tmp_path_factory.mktemp("server") / "db"
    log = (tmp_path_factory.getbasetemp() / "oxigraph.log").open("wb")
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None:
                    pytest.fail(f"oxigraph serve exited with {process.returncode}")
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not start within 10 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def remote(server: str):
    with open_store(f"sparql:{server}/query,{server}/update") as store:
        for extraction, sha in sample_extractions():
            store.replace_graph(iri.graph_iri(sha), build_quads(extraction, sha))
        yield store


@pytest.fixture(scope="module")
def embedded():
    with open_store("oxigraph:memory") as store:
        for extraction, sha in sample_extractions():
            store.replace_graph(iri.graph_iri(sha), build_quads(extraction, sha))
        yield store


def answers(result) -> object:
    """A comparable form of any query result."""
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return sorted(str(t) for t in result)
    return sorted(tuple(str(row[v]) if row[v] is not None else None
                        for v in result.variables) for row in result)


QUERIES = [
    # policies with number, issuer and date
    """SELECT ?p ?number ?issuer ?date WHERE { ?p a hp:Policy ; eli:id_local ?number .
       OPTIONAL { ?p eli:passed_by/skos:prefLabel ?issuer } OPTIONAL { ?p eli:date_document ?date } }""",
    # the region tree
    "SELECT DISTINCT ?r ?up WHERE { ?r skos:broader ?up }",
    # directives by modality, per document graph
    """SELECT ?g ?c (COUNT(?d) AS ?n) WHERE { GRAPH ?g { ?d a ?c ; hp:imposedBy ?by } }
       GROUP BY ?g ?c""",
    "ASK { ?p eli:id_local \"郴政办发〔2018〕18号\" ; eli:cites ?c }",
    "CONSTRUCT { ?r skos:prefLabel ?l } WHERE { ?r a hp:Region ; skos:prefLabel ?l }",
    # a literal with quotes, newlines and Chinese punctuation survives the round trip
    "SELECT ?t WHERE { ?d a hp:SourceDocument ; hp:text ?t }",
]


@pytest.mark.parametrize("sparql", QUERIES)
def test_same_answers_as_the_embedded_store(remote, embedded, sparql: str) -> None:
    assert answers(remote.query(sparql)) == answers(embedded.query(sparql))


def test_stats_and_graphs_agree(remote, embedded) -> None:
    assert remote.graphs() == embedded.graphs()
    assert {k: v for k, v in remote.stats().items() if k != "store"} == \
        {k: v for k, v in embedded.stats().items() if k != "store"}


def test_graph_selection_parameters(remote, embedded) -> None:
    first = embedded.graphs()[0]
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    for kwargs in ({"default_graph_uris": [first]}, {"union_default": False}):
        assert answers(remote.query(sparql, **kwargs)) == answers(embedded.query(sparql, **kwargs))


def test_replace_and_remove_through_update(server: str) -> None:
    g = "https://w3id.org/healthkg/graph/doc/" + "9" * 64
    old = "https://w3id.org/healthkg/graph/doc/" + "8" * 64
    node, label = ox.NamedNode("http://x/r"), ox.NamedNode(
        "http://www.w3.org/2004/02/skos/core#prefLabel")
    with open_store(f"sparql:{server}/query,{server}/update") as store:
        store.replace_graph(old, [ox.Quad(node, label, ox.Literal("郴州"), ox.NamedNode(old))])
        store.replace_graph(g, [ox.Quad(node, label, ox.Literal("郴州市\n\"新\""),
                                        ox.NamedNode(g))], drop=[old])
        assert not store.has_graph(old) and store.has_graph(g)
        found = store.query("SELECT ?l WHERE { <http://x/r> skos:prefLabel ?l }")
        assert [r["l"].value for r in found] == ["郴州市\n\"新\""]
        assert store.remove_graph(g) and not store.remove_graph(g)


def test_export_and_backup_from_the_server(remote, embedded, tmp_path: Path) -> None:
    remote.export(tmp_path / "remote.nq", "nquads")
    embedded.export(tmp_path / "embedded.nq", "nquads")
    def parse(p):
        return set(ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS))

    assert parse(tmp_path / "remote.nq") == parse(tmp_path / "embedded.nq")
    backup = remote.backup(tmp_path / "backup")
    with open_store("oxigraph:memory") as restored:
        restored.restore(backup.parent)
        assert restored.stats()["quads"] == embedded.stats()["quads"]


def test_malformed_query_is_a_syntax_error(remote) -> None:
    with pytest.raises(QuerySyntaxError):
        remote.query("SELEC ?s WHERE { ?s ?p ?o }")


def test_without_update_url_the_store_is_read_only(server: str) -> None:
    with open_store(f"sparql:{server}/query") as store:
        assert store.read_only
        with pytest.raises(StoreError, match="read-only"):
            store.update("CLEAR ALL")


def test_unreachable_server_is_a_store_error() -> None:
    with open_store(f"sparql:http://127.0.0.1:{free_port()}/query") as store, \
            pytest.raises(StoreError, match="cannot reach"):
        store.graphs()


def test_load_into_the_default_graph(server: str, tmp_path: Path) -> None:
    (tmp_path / "extra.ttl").write_text(
        '<http://x/r> <http://www.w3.org/2004/02/skos/core#prefLabel> "浔阳区" .', encoding="utf-8")
    with open_store(f"sparql:{server}/query,{server}/update") as store:
        before = store.quad_count()
        try:
            assert store.load(tmp_path / "extra.ttl") == 1
            assert store.quad_count() == before + 1
            assert ox.Quad(ox.NamedNode("http://x/r"),
                           ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
                           ox.Literal("浔阳区")) in set(store.quads())
        finally:
            store.update("CLEAR DEFAULT")
