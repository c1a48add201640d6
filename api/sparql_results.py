"""Content negotiation and result serialisation for the SPARQL endpoint.

Solutions are written here rather than by pyoxigraph's serialiser because the row
cap cuts the stream after ``max_rows`` solutions, and a ``QuerySolutions`` cannot be
rebuilt from a list. Graph results go through ``pyoxigraph.serialize``.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

from ontology.namespace import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Format:
    """One representation: the media type sent, the names it is asked for by, a key."""

    key: str
    media_type: str
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8"


#: Formats for SELECT and ASK, in order of preference (the first is the default).
RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
#: Formats for CONSTRUCT, DESCRIBE and the service description.
GRAPH_FORMATS = (
    Format("turtle", "text/turtle", ("application/x-turtle",)),
    Format("ntriples", "application/n-triples", ("text/plain",)),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml")),
    Format("trig", "application/trig"),
    Format("nquads", "application/n-quads"),
)
RDF_FORMATS = {
    "turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML, "trig": RdfFormat.TRIG, "nquads": RdfFormat.N_QUADS,
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an ``Accept`` header with their q-values (parameters dropped).

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json")
    [('text/csv', 0.5), ('application/sparql-results+json', 1.0)]
    """
    ranges = []
    for part in (header or "").split(","):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(media: str, names: Sequence[str], ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching ``media`` (or one of its aliases)."""
    kind = media.split("/")[0]
    best_specificity, best_q = -1, 0.0
    for rng, q in ranges:
        if rng == media:
            specificity = 3
        elif rng in names:  # an alias such as application/json
            specificity = 2
        elif rng == f"{kind}/*":  # wildcards match the type we send, not its aliases
            specificity = 1
        elif rng in ("*/*", "*"):
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, best_q = specificity, q
    return best_q


def negotiate(accept: str | None, offers: Sequence[Format]) -> Format | None:
    """The offer the client prefers most; the first offer when it states no preference.

    Returns:
        The chosen format, or ``None`` when every offer is unacceptable (406).

    >>> negotiate("text/csv, application/sparql-results+json;q=0.9", RESULT_FORMATS).key
    'csv'
    >>> negotiate(None, GRAPH_FORMATS).key
    'turtle'
    >>> negotiate("image/png", RESULT_FORMATS) is None
    True
    """
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        q = _quality(offer.media_type, (offer.media_type, *offer.aliases), ranges)
        if q > best_q:
            best, best_q = offer, q
    return best


# --- terms ----------------------------------------------------------------------------

def _json_term(term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def _xml_term(term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        attrs = ""
        if term.language:
            attrs = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            attrs = f" datatype={quoteattr(term.datatype.value)}"
        return f"<literal{attrs}>{escape(term.value)}</literal>"
    if isinstance(term, Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject>"
                f"<predicate>{_xml_term(term.predicate)}</predicate>"
                f"<object>{_xml_term(term.object)}</object></triple>")
    raise TypeError(f"not an RDF term: {term!r}")


def _csv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, (NamedNode, Literal)):
        return term.value
    return str(term)  # blank node `_:b0`, quoted triple in N-Triples syntax


# --- whole results --------------------------------------------------------------------

def write_solutions(variables: Sequence[str], rows: Iterable[Sequence], key: str) -> bytes:
    """SELECT results in the SPARQL 1.1 Results format ``key`` (json, xml, csv, tsv).

    Args:
        variables: Variable names without ``?``.
        rows: One sequence of terms (or ``None`` for unbound) per solution.
        key: A :data:`RESULT_FORMATS` key.

    >>> write_solutions(["标题"], [[Literal("养老服务")]], "csv").decode()
    '标题\\r\\n养老服务\\r\\n'
    """
    if key == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None}
                    for row in rows]
        return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode()
    if key == "xml":
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
               '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head><results>")
        for row in rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                    for v, t in zip(variables, row) if t is not None]
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode()
    if key == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([_csv_term(t) for t in row])
        return buffer.getvalue().encode()
    if key == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"unknown results format {key!r}")


def write_boolean(value: bool, key: str) -> bytes:
    """ASK results in format ``key``.

    >>> write_boolean(True, "json")
    b'{"head": {}, "boolean": true}'
    """
    if key == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if key == "xml":
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    if key in ("csv", "tsv"):
        return b"true\n" if value else b"false\n"
    raise ValueError(f"unknown results format {key!r}")


def write_triples(triples: Iterable[Triple], key: str,
                  extra_prefixes: dict[str, str] | None = None) -> bytes:
    """CONSTRUCT/DESCRIBE results (or any triples) in the RDF format ``key``.

    >>> t = Triple(NamedNode("http://x/政策"), NamedNode("http://x/p"), Literal("卫生"))
    >>> write_triples([t], "ntriples").decode()
    '<http://x/政策> <http://x/p> "卫生" .\\n'
    """
    fmt = RDF_FORMATS[key]
    prefixes = {**PREFIXES, **(extra_prefixes or {})} \
        if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
    return serialize(list(triples), format=fmt, prefixes=prefixes)
