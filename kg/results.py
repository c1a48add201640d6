"""Query results as text for `kg query`: an aligned table, SPARQL 1.1 JSON, or CSV.

SELECT/ASK answers use pyoxigraph's own SPARQL results serialisers for `json`
and `csv`; graph answers (CONSTRUCT/DESCRIBE) become Turtle (`table`), JSON-LD
(`json`) or `subject,predicate,object` rows (`csv`).
"""
from __future__ import annotations

import csv
import io
import unicodedata

from pyoxigraph import (
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    serialize,
)

from kg.stores.formats import compact
from ontology.namespace import PREFIXES

FORMATS = ("table", "json", "csv")
#: Display columns a table cell may take before it is cut with `…`.
MAX_CELL = 60


def _width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, limit: int = MAX_CELL) -> str:
    text = " ".join(text.split())
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for c in text:
        used += _width(c)
        if used > limit - 1:
            break
        out.append(c)
    return "".join(out) + "…"


def _cell(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return compact(term.value)
    if isinstance(term, Literal):
        return term.value
    return str(term)


def _table(result: QuerySolutions) -> str:
    names = [v.value for v in result.variables]
    rows = [[_cut(_cell(row[name])) for name in names] for row in result]
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return " | ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()

    out = [line(names), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def format_results(result: QuerySolutions | QueryBoolean | QueryTriples, fmt: str) -> str:
    """Render a query result.

    Args:
        result: what `Store.query` returned (consumed here).
        fmt: `table`, `json` (SPARQL 1.1 Query Results JSON; JSON-LD for graphs) or `csv`.

    Returns:
        The text, ending with a newline.

    >>> from pyoxigraph import Store, Quad
    >>> s = Store()
    >>> s.add(Quad(NamedNode("http://x/r"), NamedNode("http://x/name"), Literal("郴州市")))
    >>> print(format_results(s.query("SELECT ?name WHERE { ?r ?p ?name }"), "table"), end="")
    name
    ------
    郴州市
    (1 row)
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown result format {fmt!r}; use one of {', '.join(FORMATS)}")
    if isinstance(result, QueryBoolean):
        if fmt == "json":
            return result.serialize(format=QueryResultsFormat.JSON).decode("utf-8") + "\n"
        return ("true" if result else "false") + "\n"
    if isinstance(result, QuerySolutions):
        if fmt == "table":
            return _table(result)
        qrf = QueryResultsFormat.JSON if fmt == "json" else QueryResultsFormat.CSV
        text = result.serialize(format=qrf).decode("utf-8")
        return text if text.endswith("\n") else text + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["subject", "predicate", "object"])
        for t in result:
            writer.writerow([t.subject.value, t.predicate.value, t.object.value])
        return buffer.getvalue()
    rdf = RdfFormat.TURTLE if fmt == "table" else RdfFormat.JSON_LD
    text = serialize(list(result), format=rdf, prefixes=PREFIXES if fmt == "table" else None)
    return text.decode("utf-8").rstrip("\n") + "\n"
