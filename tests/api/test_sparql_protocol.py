"""SPARQL 1.1 Protocol on /sparql and /update: operations, negotiation, dataset, errors."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from helpers import ROOT, assert_error_shape
from pyoxigraph import NamedNode, RdfFormat, parse

from api.app import create_app
from api.settings import Settings
from kg.store import open_store

MINI_GRAPH = ROOT / "tests" / "data" / "mini_graph.trig"
GRAPH_HENAN = ("https://w3id.org/healthkg/graph/doc/"
               "cf6ae60022d7fc41e4e9db4bf3cf5ca7bf381288cd33cb14d67f2a7d8dc3478a")
GRAPH_001 = ("https://w3id.org/healthkg/graph/doc/"
             "c9aae6ffd76f46d7addd6045afc5a74c36d766bf7ec69f3165556b9fe6fa3856")
TITLES = "SELECT ?title WHERE { ?p eli:title ?title } ORDER BY ?title"
SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.fixture(scope="module")
def client():
    store = open_store("oxigraph:memory")
    store.load(MINI_GRAPH)
    app = create_app(Settings(store="oxigraph:memory", update_enabled=True), store=store)
    with TestClient(app) as test_client:
        yield test_client


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [b["title"]["value"] for b in response.json()["results"]["bindings"]]


# --- the three ways to send a query ------------------------------------------------------

def test_get_query(client):
    assert "河南省老年人权益保障条例" in _titles(client.get("/sparql", params={"query": TITLES}))


def test_post_form_query(client):
    response = client.post("/sparql", data={"query": TITLES})
    assert "关于全面放开养老服务市场提升养老服务质量的实施意见" in _titles(response)


def test_post_direct_query(client):
    response = client.post("/sparql", content=TITLES.encode(),
                           headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    assert len(_titles(response)) >= 5


def test_the_default_graph_is_the_union_and_graph_reaches_one_document(client):
    union = set(_titles(client.get("/sparql", params={"query": TITLES})))
    per_doc = client.get("/sparql", params={
        "query": "SELECT ?title WHERE { GRAPH ?g { ?p eli:title ?title } }",
        "named-graph-uri": GRAPH_001})
    one = set(_titles(per_doc))
    assert one < union and "消防法" in one and "河南省老年人权益保障条例" not in one


def test_default_graph_uri_selects_a_document(client):
    response = client.get("/sparql", params={"query": TITLES, "default-graph-uri": GRAPH_HENAN})
    titles = set(_titles(response))
    assert "河南省老年人权益保障条例" in titles and "消防法" not in titles


# --- content negotiation ------------------------------------------------------------------

@pytest.mark.parametrize(("accept", "media_type"), [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("application/sparql-results+json;q=0.1, text/*", "text/csv"),
    ("text/html, application/xhtml+xml, */*;q=0.8", "application/sparql-results+json"),
])
def test_select_negotiation(client, accept, media_type):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": TITLES}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "vary" in response.headers


def test_select_bodies_parse_in_each_format(client):
    query = 'SELECT ?s ?label WHERE { VALUES (?s ?label) { (<http://x/郴州> "郴州市, \\"湖南\\""@zh) } }'
    get = lambda accept: client.get("/sparql", params={"query": query},  # noqa: E731
                                    headers={"Accept": accept}).text
    binding = json.loads(get("application/sparql-results+json"))["results"]["bindings"][0]
    assert binding["label"] == {"type": "literal", "value": '郴州市, "湖南"', "xml:lang": "zh"}
    rows = list(csv.reader(io.StringIO(get("text/csv"))))
    assert rows == [["s", "label"], ["http://x/郴州", '郴州市, "湖南"']]
    tsv = get("text/tab-separated-values").splitlines()
    assert tsv == ["?s\t?label", '<http://x/郴州>\t"郴州市, \\"湖南\\""@zh']
    xml = get("application/sparql-results+xml")
    assert '<literal xml:lang="zh">郴州市, "湖南"</literal>' in xml


@pytest.mark.parametrize("accept", ["application/sparql-results+json",
                                    "application/sparql-results+xml"])
def test_ask(client, accept):
    response = client.get("/sparql", params={"query": "ASK { ?s eli:title \"消防法\" }"},
                          headers={"Accept": accept})
    assert response.status_code == 200
    body = response.text
    assert (json.loads(body)["boolean"] is True) if "json" in accept else \
        "<boolean>true</boolean>" in body


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", RdfFormat.TURTLE),
    ("application/n-triples", RdfFormat.N_TRIPLES),
    ("application/ld+json", RdfFormat.JSON_LD),
    ("application/rdf+xml", RdfFormat.RDF_XML),
    ("application/trig", RdfFormat.TRIG),
    ("application/n-quads", RdfFormat.N_QUADS),
])
def test_construct_in_each_rdf_format(client, accept, fmt):
    query = "CONSTRUCT { ?p eli:title ?t } WHERE { ?p eli:title ?t }"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    quads = list(parse(response.content, format=fmt))
    assert "消防法" in {q.object.value for q in quads}


def test_describe_defaults_to_turtle(client):
    response = client.post("/sparql", data={"query": f"DESCRIBE <{GRAPH_001}>"})
    assert response.headers["content-type"].startswith("text/turtle")


@pytest.mark.parametrize(("query", "accept"), [
    (TITLES, "image/png"),
    (TITLES, "text/turtle"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "application/sparql-results+json"),
    (TITLES, "application/sparql-results+json;q=0"),
])
def test_406_for_what_cannot_be_produced(client, query, accept):
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert "available" in assert_error_shape(response, 406)["detail"]


# --- service description ----------------------------------------------------------------

def test_service_description_on_get_without_query(client):
    response = client.get("/sparql")
    assert response.headers["content-type"].startswith("text/turtle")
    triples = list(parse(response.content, format=RdfFormat.TURTLE))
    objects = {(t.predicate.value, getattr(t.object, "value", None)) for t in triples}
    assert (SD + "endpoint", "http://testserver/sparql") in objects
    assert (SD + "supportedLanguage", SD + "SPARQL11Query") in objects
    assert (SD + "feature", SD + "UnionDefaultGraph") in objects
    assert (SD + "resultFormat", "http://www.w3.org/ns/formats/SPARQL_Results_CSV") in objects
    assert ("https://w3id.org/healthkg/service#updateEndpoint", "http://testserver/update") \
        in objects


def test_service_description_negotiates(client):
    response = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"].startswith("application/ld+json")
    types = {t.object for t in parse(response.content, format=RdfFormat.JSON_LD)}
    assert NamedNode(SD + "Service") in types


# --- errors -------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "position"), [
    ("SELECT * WHERE { ?s ?p }", "1:"),
    ("SELECT ?政策\nWHERE {\n  ?政策 eli:title \"消防法 }", "3:"),
    ("ASK {", "1:6"),
])
def test_malformed_query_is_400_with_message_and_position(client, query, position):
    response = client.get("/sparql", params={"query": query})
    error = assert_error_shape(response, 400)
    assert f"error at {position}" in error["detail"]


def test_unknown_prefix_is_400(client):
    error = assert_error_shape(client.get("/sparql", params={"query": "SELECT * { ?s nope:x ?o }"}),
                               400)
    assert "Prefix not found" in error["detail"]


def test_empty_query_is_400(client):
    assert_error_shape(client.get("/sparql", params={"query": "  "}), 400)


def test_two_queries_are_400(client):
    response = client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert "exactly one" in assert_error_shape(response, 400)["detail"]


@pytest.mark.parametrize("content_type", ["text/plain", None, "application/sparql-update"])
def test_other_body_types_are_415(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/sparql", content=b"ASK {}", headers=headers)
    assert_error_shape(response, 415)


def test_non_utf8_charset_is_refused(client):
    response = client.post("/sparql", content="ASK {}".encode("utf-16"),
                           headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert_error_shape(response, 415)


def test_put_is_405(client):
    assert_error_shape(client.put("/sparql", params={"query": "ASK {}"}), 405)


def test_update_sent_to_the_query_service_is_400(client):
    assert_error_shape(client.post("/sparql", data={"update": "CLEAR ALL"}), 400)
    assert_error_shape(client.get("/sparql", params={"query": "CLEAR ALL"}), 400)


def test_query_sent_to_the_update_service_is_400(client):
    assert_error_shape(client.post("/update", data={"query": "ASK {}"}), 400)


def test_malformed_update_is_400_with_position(client):
    error = assert_error_shape(client.post("/update", data={"update": "CLEAR XYZ"}), 400)
    assert "error at 1:" in error["detail"]


# --- updates ------------------------------------------------------------------------------

def test_update_then_query_sees_it(client):
    graph = "http://example.org/test-update/"
    update = f'INSERT DATA {{ GRAPH <{graph}> {{ <http://x/政策> <http://x/p> "卫生健康" }} }}'
    response = client.post("/update", content=update.encode(),
                           headers={"Content-Type": "application/sparql-update"})
    assert response.status_code == 204
    ask = client.get("/sparql", params={"query": 'ASK { <http://x/政策> ?p "卫生健康" }'})
    assert ask.json()["boolean"] is True
    client.post("/update", data={"update": f"DROP GRAPH <{graph}>"})
    ask = client.get("/sparql", params={"query": 'ASK { <http://x/政策> ?p "卫生健康" }'})
    assert ask.json()["boolean"] is False


def test_relative_iris_resolve_against_the_service(client):
    response = client.get("/sparql", params={"query": "SELECT ?x { BIND(<政策> AS ?x) }"})
    assert response.json()["results"]["bindings"][0]["x"]["value"] == \
        "http://testserver/%E6%94%BF%E7%AD%96" or \
        response.json()["results"]["bindings"][0]["x"]["value"] == "http://testserver/政策"
