"""ontology/shapes.ttl accepts the graphs kg.build makes and rejects broken ones."""
from __future__ import annotations

import pyshacl
import pytest
import rdflib
from graph_samples import sample_extractions, shapes_graph
from rdflib import Literal, URIRef
from rdflib import namespace as rdfns

from kg.build import build_graph, quads_to_graph
from kg.stores.formats import parse_file
from ontology.namespace import ELI, HP, OA, PROV


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return shapes_graph()


@pytest.fixture(scope="module")
def sample_graph() -> rdflib.Graph:
    """The smallest sample's graph (002: a 龙岗区 budget, two policies, four directives)."""
    extraction, sha = next((x, s) for x, s in sample_extractions() if x.doc_id.startswith("002"))
    return build_graph(extraction, sha)


def conforms(graph: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, str]:
    ok, _, text = pyshacl.validate(graph, shacl_graph=shapes, advanced=True)
    return ok, text


def broken(graph: rdflib.Graph) -> rdflib.Graph:
    copy = rdflib.Graph()
    copy += graph
    return copy


def one(graph: rdflib.Graph, cls: URIRef) -> URIRef:
    return next(iter(graph.subjects(rdfns.RDF.type, cls)))


def test_built_sample_conforms(sample_graph, shapes) -> None:
    ok, text = conforms(sample_graph, shapes)
    assert ok, text


def test_mini_graph_fixture_conforms(shapes) -> None:
    """The hand-written graph the API tests use keeps to the same shape."""
    from conftest import MINI_GRAPH

    ok, text = conforms(quads_to_graph(parse_file(MINI_GRAPH)), shapes)
    assert ok, text


def test_policy_without_title_or_number_is_rejected(sample_graph, shapes) -> None:
    g = broken(sample_graph)
    policy = one(g, HP.Policy)
    g.remove((policy, ELI.title, None))
    g.remove((policy, ELI.id_local, None))
    assert not conforms(g, shapes)[0]


def test_date_must_be_typed_by_precision(sample_graph, shapes) -> None:
    g = broken(sample_graph)
    policy = one(g, HP.Policy)
    g.remove((policy, ELI.date_document, None))
    g.add((policy, ELI.date_document, Literal("2018年7月6日")))
    ok, text = conforms(g, shapes)
    assert not ok and "date_document" in text


def test_region_code_must_be_gb2260_or_cn(sample_graph, shapes) -> None:
    g = broken(sample_graph)
    region = one(g, HP.Region)
    g.set((region, rdfns.SKOS.notation, Literal("郴州市")))
    assert not conforms(g, shapes)[0]


def test_directive_needs_text_and_imposer(sample_graph, shapes) -> None:
    g = broken(sample_graph)
    directive = one(g, HP.Obligation)
    g.remove((directive, HP.imposedBy, None))
    assert not conforms(g, shapes)[0]


def test_derived_nodes_point_at_a_source_document(sample_graph, shapes) -> None:
    g = broken(sample_graph)
    policy = one(g, HP.Policy)
    g.remove((policy, PROV.wasDerivedFrom, None))
    assert not conforms(g, shapes)[0]


def test_annotation_needs_both_selectors(sample_graph, shapes) -> None:
    g = broken(sample_graph)
    quote = one(g, OA.TextQuoteSelector)
    g.remove((None, OA.hasSelector, quote))
    assert not conforms(g, shapes)[0]


def test_offsets_are_integers(sample_graph, shapes) -> None:
    g = broken(sample_graph)
    position = one(g, OA.TextPositionSelector)
    g.set((position, OA.start, Literal("12", datatype=rdfns.XSD.string)))
    assert not conforms(g, shapes)[0]
