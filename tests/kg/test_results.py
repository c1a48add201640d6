"""kg.results: tables for people, SPARQL 1.1 JSON and CSV for programs."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from kg.results import format_results


@pytest.fixture
def store() -> ox.Store:
    s = ox.Store()
    region = ox.NamedNode("https://w3id.org/healthkg/id/region/431000")
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    s.add(ox.Quad(region, label, ox.Literal("郴州市")))
    s.add(ox.Quad(region, ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation"),
                  ox.Literal("431000")))
    s.add(ox.Quad(region, ox.NamedNode("https://w3id.org/healthkg/ontology#text"),
                  ox.Literal("各县市区人民政府，市直有关单位：" * 10)))
    return s


SELECT = "SELECT ?r ?label WHERE { ?r <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"


def test_table_aligns_wide_characters_and_compacts_iris(store) -> None:
    lines = format_results(store.query(SELECT), "table").splitlines()
    header, rule, row = lines[0], lines[1], lines[2]
    assert [c.strip() for c in header.split("|")] == ["r", "label"]
    assert row.index("|") == header.index("|") == rule.index("+")
    assert row.endswith("郴州市") and lines[-1] == "(1 row)"
    predicates = format_results(store.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o } ORDER BY ?p"),
                                "table").splitlines()[2:5]
    assert sorted(predicates) == ["hp:text", "skos:notation", "skos:prefLabel"]


def test_long_cells_are_cut(store) -> None:
    table = format_results(store.query("SELECT ?t WHERE { ?s <https://w3id.org/healthkg/ontology#text> ?t }"), "table")
    assert "…" in table and max(len(line) for line in table.splitlines()) < 80


def test_json_is_sparql_results_json(store) -> None:
    data = json.loads(format_results(store.query(SELECT), "json"))
    assert data["head"]["vars"] == ["r", "label"]
    assert data["results"]["bindings"][0]["label"] == {"type": "literal", "value": "郴州市"}
    assert json.loads(format_results(store.query("ASK { ?s ?p ?o }"), "json")) == \
        {"head": {}, "boolean": True}


def test_csv(store) -> None:
    rows = list(csv.reader(io.StringIO(format_results(store.query(SELECT), "csv"))))
    assert rows == [["r", "label"], ["https://w3id.org/healthkg/id/region/431000", "郴州市"]]


def test_graph_results(store) -> None:
    construct = "CONSTRUCT WHERE { ?s <http://www.w3.org/2004/02/skos/core#notation> ?o }"
    assert 'skos:notation "431000"' in format_results(store.query(construct), "table")
    assert json.loads(format_results(store.query(construct), "json"))[0]["@id"].endswith("431000")
    assert format_results(store.query(construct), "csv").splitlines()[1].endswith(",431000")
    assert format_results(store.query("ASK { ?s ?p 1 }"), "table") == "false\n"
