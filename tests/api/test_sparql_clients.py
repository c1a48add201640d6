"""Real SPARQL clients against a live `kg serve` on loopback: SPARQLWrapper and rdflib."""
from __future__ import annotations

import pytest
from helpers import ROOT, live_server
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, RDFXML, XML, SPARQLWrapper

MINI_GRAPH = ROOT / "tests" / "data" / "mini_graph.trig"
ELI = Namespace("http://data.europa.eu/eli/ontology#")
TITLES = "PREFIX eli: <http://data.europa.eu/eli/ontology#> SELECT ?t WHERE { ?p eli:title ?t }"
GRAPH_001 = ("https://w3id.org/healthkg/graph/doc/"
             "c9aae6ffd76f46d7addd6045afc5a74c36d766bf7ec69f3165556b9fe6fa3856")

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server_url():
    with live_server("--store", "oxigraph:memory", "--load", str(MINI_GRAPH), "--update") \
            as (url, _):
        yield url


def _wrapper(url: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{url}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_json(server_url, method):
    result = _wrapper(server_url, TITLES, JSON, method).query().convert()
    titles = {b["t"]["value"] for b in result["results"]["bindings"]}
    assert {"河南省老年人权益保障条例", "消防法"} <= titles


def test_sparqlwrapper_select_xml_and_csv(server_url):
    document = _wrapper(server_url, TITLES, XML).query().convert()
    literals = {node.firstChild.data for node in document.getElementsByTagName("literal")}
    assert "中华人民共和国老年人权益保障法" in literals
    table = _wrapper(server_url, TITLES, CSV).query().convert().decode("utf-8")
    assert table.splitlines()[0] == "t" and "消防法" in table


def test_sparqlwrapper_ask(server_url):
    query = 'ASK { ?p <http://data.europa.eu/eli/ontology#title> "消防法" }'
    assert _wrapper(server_url, query, JSON).query().convert()["boolean"] is True


@pytest.mark.parametrize("fmt", [RDFXML, JSONLD])
def test_sparqlwrapper_construct_gives_an_rdflib_graph(server_url, fmt):
    query = "CONSTRUCT WHERE { ?p <http://data.europa.eu/eli/ontology#title> ?t }"
    graph = _wrapper(server_url, query, fmt).query().convert()
    assert Literal("河南省老年人保护条例") in set(graph.objects(None, ELI.title))


def test_sparqlwrapper_update(server_url):
    sparql = SPARQLWrapper(f"{server_url}/sparql", updateEndpoint=f"{server_url}/update")
    sparql.setMethod(POST)
    sparql.setQuery('INSERT DATA { GRAPH <http://example.org/clients/> '
                    '{ <http://example.org/政策> <http://example.org/p> "卫生健康" } }')
    assert sparql.query().response.status == 204
    ask = 'ASK { <http://example.org/政策> ?p "卫生健康" }'
    assert _wrapper(server_url, ask, JSON).query().convert()["boolean"] is True


def test_rdflib_sparqlstore_reads_the_union_graph(server_url):
    graph = Graph(store=SPARQLStore(f"{server_url}/sparql"))
    titles = {str(o) for o in graph.objects(None, ELI.title)}
    assert {"河南省老年人权益保障条例", "关于全面放开养老服务市场提升养老服务质量的实施意见"} <= titles
    rows = list(graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    assert int(rows[0][0]) >= 592


def test_rdflib_sparqlstore_lists_document_graphs(server_url):
    store = SPARQLStore(f"{server_url}/sparql")
    names = {str(c.identifier if hasattr(c, "identifier") else c) for c in store.contexts()}
    assert GRAPH_001 in names


def test_rdflib_sparqlupdatestore_round_trip(server_url):
    store = SPARQLUpdateStore(f"{server_url}/sparql", f"{server_url}/update")
    graph = Graph(store=store, identifier=URIRef("http://example.org/rdflib/"))
    triple = (URIRef("http://example.org/郴州"), URIRef("http://example.org/label"),
              Literal("郴州市", lang="zh"))
    graph.add(triple)
    assert triple in set(graph.triples((None, None, None)))
    graph.remove(triple)
    assert triple not in set(graph.triples((None, None, None)))


def test_serving_a_remote_store(server_url):
    """`kg serve --store sparql:…` evaluates through the forked worker over HTTP too."""
    import httpx

    remote = f"sparql:{server_url}/sparql,{server_url}/update"
    with live_server("--store", remote) as (url, _):
        with httpx.Client(timeout=20) as client:
            for _ in range(3):  # several workers, each with its own connections
                result = _wrapper(url, TITLES, JSON).query().convert()
                assert "消防法" in {b["t"]["value"] for b in result["results"]["bindings"]}
            refused = client.post(f"{url}/update", data={"update": "CLEAR ALL"})
            assert refused.status_code == 403  # read-only unless --update
