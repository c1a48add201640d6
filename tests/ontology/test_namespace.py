"""The closed `HP` namespace declares exactly the terms of ontology/hp.ttl."""
from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF

from ontology.namespace import HP, HP_TTL, MODALITY_CLASS, PREFIXES, sparql_prologue

NS = str(HP._NS)


@pytest.fixture(scope="module")
def declared() -> set[str]:
    """Local names of the classes and properties hp.ttl declares."""
    graph = rdflib.Graph().parse(HP_TTL)
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property}
    return {str(s)[len(NS):] for s, _, o in graph.triples((None, RDF.type, None))
            if o in kinds and str(s).startswith(NS)}


def python_terms() -> set[str]:
    return set(HP.__annotations__)


def test_every_python_term_is_declared_in_hp_ttl(declared: set[str]) -> None:
    assert python_terms() - declared == set()


def test_every_hp_ttl_term_is_in_the_python_namespace(declared: set[str]) -> None:
    assert declared - python_terms() == set()


def test_terms_resolve_to_ontology_iris() -> None:
    assert str(HP.Policy) == "https://w3id.org/healthkg/ontology#Policy"
    assert str(HP.imposedBy) == NS + "imposedBy"


def test_a_typo_fails_at_once() -> None:
    with pytest.raises(AttributeError):
        HP.Polcy  # noqa: B018


def test_modalities_map_to_directive_classes(declared: set[str]) -> None:
    assert set(MODALITY_CLASS) == {"obligation", "prohibition", "permission", "encouragement"}
    assert {str(c)[len(NS):] for c in MODALITY_CLASS.values()} <= declared


def test_prologue_declares_every_prefix() -> None:
    prologue = sparql_prologue()
    for prefix, iri in PREFIXES.items():
        assert f"PREFIX {prefix}: <{iri}>" in prologue
