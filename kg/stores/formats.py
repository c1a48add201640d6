"""RDF file formats for load/export: names, safe parsing, and the GraphML projection.

Parsing never expands XML entities, reads DTDs or fetches remote JSON-LD
contexts: a 695-byte RDF/XML entity bomb crashes pyoxigraph, so RDF/XML is
first checked with defusedxml.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import DefaultGraph, Literal, Quad, RdfFormat, parse

from ontology.namespace import PREFIXES

if TYPE_CHECKING:
    import networkx as nx

#: Format names accepted on the command line and by `Store.load`/`Store.export`.
FORMATS: dict[str, RdfFormat] = {
    "nquads": RdfFormat.N_QUADS, "nq": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "ttl": RdfFormat.TURTLE, "turtle": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES, "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD, "json-ld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML, "xml": RdfFormat.RDF_XML, "rdf": RdfFormat.RDF_XML,
    "owl": RdfFormat.RDF_XML,
}
#: Formats whose files carry named graphs.
DATASET_FORMATS = frozenset({RdfFormat.N_QUADS, RdfFormat.TRIG, RdfFormat.JSON_LD})


class FormatError(ValueError):
    """An unknown format name or a file whose content is not the RDF it claims."""


def rdf_format(name: str | None, path: str | Path | None = None) -> RdfFormat:
    """The pyoxigraph format for a name (`ttl`, `nquads`, …), else for the file suffix.

    >>> rdf_format("ttl")
    <RdfFormat Turtle>
    >>> rdf_format(None, "政策.nq")
    <RdfFormat N-Quads>
    """
    key = (name or (Path(path).suffix.lstrip(".") if path else "")).lower()
    if key not in FORMATS:
        raise FormatError(f"{path or ''}: unknown RDF format {key!r}; "
                          f"use one of {', '.join(sorted(set(FORMATS)))}".lstrip(": "))
    return FORMATS[key]


def _check_xml(data: bytes, path: str | Path) -> None:
    """Refuse DTDs and entities before pyoxigraph's RDF/XML parser sees the bytes."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FormatError(f"{path}: refused RDF/XML with a DTD or entities ({exc})") from None
    except (ParseError, ValueError) as exc:
        raise FormatError(f"{path}: not well-formed XML: {exc}") from None


def parse_file(path: str | Path, format: str | None = None) -> list[Quad]:
    """Every quad of an RDF file; triples formats land in the default graph.

    Args:
        path: the file.
        format: a name from `FORMATS`; default: from the suffix.

    Raises:
        FormatError: unknown format, refused or malformed content.
        OSError: unreadable file.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".ttl", delete=False) as f:
    ...     _ = f.write('<http://x/s> <http://x/p> "卫生" .')
    >>> [q.object.value for q in parse_file(f.name)]
    ['卫生']
    """
    fmt = rdf_format(format, path)
    data = Path(path).read_bytes()
    if fmt == RdfFormat.RDF_XML:
        _check_xml(data, path)
    try:
        return list(parse(data, format=fmt))
    except SyntaxError as exc:
        raise FormatError(f"{path}: not valid {fmt.name}: {exc}") from None


def compact(iri: str) -> str:
    """`prefix:local` for a known namespace, else the IRI itself.

    >>> compact("http://www.w3.org/2004/02/skos/core#prefLabel")
    'skos:prefLabel'
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def to_triples(quads: Iterable[Quad]) -> Iterator[Quad]:
    """The union of the graphs: each triple once, in the default graph."""
    seen: set[tuple] = set()
    for q in quads:
        key = (q.subject, q.predicate, q.object)
        if key not in seen:
            seen.add(key)
            yield Quad(q.subject, q.predicate, q.object, DefaultGraph())


def to_networkx(quads: Iterable[Quad]) -> nx.MultiDiGraph:
    """The union graph as networkx: IRI objects become edges, literals node attributes.

    Attribute names are compacted predicates (`skos:prefLabel`); several values are
    joined with ` | `; `rdf:type` becomes the `type` attribute; each edge carries
    its predicate as `predicate` and its key.
    """
    import networkx as nx  # only exports need it; keeps `kg query` start-up short

    graph = nx.MultiDiGraph()
    rdf_type = PREFIXES["rdf"] + "type"
    attrs: dict[str, dict[str, list[str]]] = {}
    for q in to_triples(quads):
        s, p = q.subject.value, q.predicate.value
        graph.add_node(s)
        node_attrs = attrs.setdefault(s, {})
        if p == rdf_type:
            node_attrs.setdefault("type", []).append(compact(q.object.value))
        elif isinstance(q.object, Literal):
            node_attrs.setdefault(compact(p), []).append(q.object.value)
        else:
            graph.add_edge(s, q.object.value, key=compact(p), predicate=compact(p))
    for node, values in attrs.items():
        graph.nodes[node].update({k: " | ".join(v) for k, v in values.items()})
    return graph


def write(quads: Iterable[Quad], path: str | Path, format: str) -> None:
    """Write quads as `nquads`, `trig`, `jsonld` (graphs kept), `ttl`/`nt` (union of
    the graphs) or `graphml` (the networkx projection)."""
    from pyoxigraph import serialize

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if format == "graphml":
        from networkx import write_graphml

        write_graphml(to_networkx(quads), path)
        return
    fmt = rdf_format(format)
    items: Iterable[Quad] = quads if fmt in DATASET_FORMATS else \
        (q.triple for q in to_triples(quads))
    prefixes = PREFIXES if fmt in (RdfFormat.TRIG, RdfFormat.TURTLE) else None
    with path.open("wb") as out:
        serialize(items, out, fmt, prefixes=prefixes)


__all__ = [
    "FORMATS",
    "FormatError",
    "compact",
    "parse_file",
    "rdf_format",
    "to_networkx",
    "to_triples",
    "write",
]
