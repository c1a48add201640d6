"""Every namespace healthkg uses, declared once.

`HP` is closed (`_fail = True`): a typo such as `HP.Polcy` raises at once. A test
keeps it in sync with `ontology/hp.ttl`.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

ONTOLOGY_DIR = Path(__file__).parent
HP_TTL = ONTOLOGY_DIR / "hp.ttl"
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"


class HP(DefinedNamespace):
    """The healthkg ontology, `https://w3id.org/healthkg/ontology#`."""

    _fail = True
    _NS = Namespace("https://w3id.org/healthkg/ontology#")

    # classes
    Policy: URIRef
    Region: URIRef
    SourceDocument: URIRef
    Directive: URIRef
    Obligation: URIRef
    Prohibition: URIRef
    Permission: URIRef
    Encouragement: URIRef
    # properties
    imposedBy: URIRef
    deadline: URIRef
    target: URIRef
    text: URIRef
    actorName: URIRef
    role: URIRef
    region: URIRef
    kind: URIRef
    sha256: URIRef
    datePrecision: URIRef
    describes: URIRef


ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
ODRL = Namespace("http://www.w3.org/ns/odrl/2/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

#: Prefixes bound in every graph, SPARQL prologue and serialisation.
PREFIXES: dict[str, str] = {
    "hp": str(HP._NS),
    "eli": str(ELI),
    "org": str(ORG),
    "skos": str(SKOS),
    "odrl": str(ODRL),
    "prov": str(PROV),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

#: Modality (as in the eval format) -> directive class.
MODALITY_CLASS: dict[str, URIRef] = {
    "obligation": HP.Obligation,
    "prohibition": HP.Prohibition,
    "permission": HP.Permission,
    "encouragement": HP.Encouragement,
}


def sparql_prologue() -> str:
    """`PREFIX` lines for every namespace, to prepend to a query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


__all__ = ["HP", "ELI", "ORG", "ODRL", "OA", "SCHEMA", "PROV", "SKOS", "RDF", "RDFS",
           "OWL", "XSD", "PREFIXES", "MODALITY_CLASS", "sparql_prologue"]
