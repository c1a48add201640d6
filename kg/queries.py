"""The SPARQL behind the REST API and the HTML views, as small functions returning plain dicts.

Every read goes through `Store.query` (any object whose `query(sparql)` returns
pyoxigraph-style solutions), so the same code serves the embedded Oxigraph store and
a remote SPARQL server. Identifiers in the API are the last segment of a node's IRI
(`policy/5c70b77a449533ce` -> `5c70b77a449533ce`, `region/431000` -> `431000`);
documents are named by their `rdfs:label` (the file stem) or their sha256.

User input never reaches a query unescaped: strings go through `literal()`, IRIs are
built from keys checked against `KEY_PATTERN`.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterable

from kg.settings import iri_base
from ontology.namespace import HP, MODALITY_CLASS, ORG, sparql_prologue

#: What a key (the last IRI segment) may look like; anything else cannot name a node.
KEY_PATTERN = re.compile(r"^[0-9A-Za-z_.\-]{1,128}$")
#: An ISO date prefix as used for filters: 2020, 2020-06, 2020-06-30.
ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

#: Directive class IRI -> modality word of the eval format.
CLASS_MODALITY: dict[str, str] = {str(iri): word for word, iri in MODALITY_CLASS.items()}

#: Kinds of node an annotation can point at, by IRI path segment.
NODE_KINDS = ("policy", "org", "region", "directive", "document", "doctype")


# ----------------------------------------------------------------- plumbing

def literal(text: str) -> str:
    """`text` as a SPARQL string literal, every quote, backslash and control character escaped.

    >>> literal('郴州"市')
    '"郴州\\\\"市"'
    """
    return json.dumps(text, ensure_ascii=False)


def node_iri(kind: str, key: str) -> str:
    """The IRI of a node from its kind and key, or ValueError when the key is not one.

    >>> node_iri("region", "431000").endswith("/id/region/431000")
    True
    """
    if kind not in NODE_KINDS or not KEY_PATTERN.match(key):
        raise ValueError(f"not a {kind} key: {key!r}")
    return f"{iri_base()}/id/{kind}/{key}"


def node_key(iri: str | None) -> str | None:
    """The last path segment of an IRI: the id the API uses.

    >>> node_key("https://w3id.org/healthkg/id/region/431000")
    '431000'
    """
    return iri.rsplit("/", 1)[-1] if iri else None


def node_kind(iri: str) -> str | None:
    """`policy`, `org`, `region`, … for a healthkg data IRI, else None.

    >>> node_kind("https://w3id.org/healthkg/id/org/0ddbed18e0065637")
    'org'
    """
    parts = iri.rsplit("/", 2)
    return parts[-2] if len(parts) == 3 and parts[-2] in NODE_KINDS else None


def _value(term: Any) -> str | None:
    if term is None:
        return None
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)


def select(store: Any, sparql: str) -> list[dict[str, str | None]]:
    """Run a SELECT (prefixes prepended) and return its rows as {variable: lexical value}.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> select(store, "SELECT ?t WHERE { ?p eli:cites/eli:title ?t }")
    [{'t': '湖南省养老服务实施意见'}]
    """
    results = store.query(sparql_prologue() + sparql)
    names = [getattr(v, "value", str(v)).lstrip("?") for v in results.variables]
    return [{n: _value(solution[n]) for n in names} for solution in results]


def _int(value: str | None) -> int:
    return int(value) if value else 0


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }}"


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split("\x1f") if v]


def _page(limit: int, offset: int) -> str:
    return f"LIMIT {int(limit)} OFFSET {int(offset)}"


def _year_of(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


# ----------------------------------------------------------------- policies

def _policy_filters(issuer: str | None, region: str | None, year_from: int | None,
                    year_to: int | None, kind: str | None, text: str | None,
                    role: str | None) -> str:
    """Graph patterns restricting ?p; every value escaped or checked first."""
    parts: list[str] = []
    if issuer:  # an organization id, or text in an issuer's name or alias
        by_id = f"?f_org = <{node_iri('org', issuer)}> || " if KEY_PATTERN.match(issuer) else ""
        parts.append("?p eli:passed_by ?f_org . FILTER(" + by_id + "EXISTS { "
                     "?f_org skos:prefLabel|skos:altLabel ?f_on "
                     f"FILTER(CONTAINS(?f_on, {literal(issuer)})) }})")
    if region:
        parts.append(f"?p eli:jurisdiction/skos:broader* <{node_iri('region', region)}> .")
    if year_from is not None or year_to is not None:
        parts.append("?p eli:date_document ?f_d . "
                     "BIND(xsd:integer(SUBSTR(STR(?f_d), 1, 4)) AS ?f_y)")
        if year_from is not None:
            parts.append(f"FILTER(?f_y >= {int(year_from)})")
        if year_to is not None:
            parts.append(f"FILTER(?f_y <= {int(year_to)})")
    if kind:
        parts.append(f"?p eli:type_document/skos:prefLabel {literal(kind)} .")
    if role:
        parts.append(f"?p hp:role {literal(role)} .")
    if text:
        parts.append("FILTER EXISTS { { ?p eli:title ?f_t } UNION { ?p eli:id_local ?f_t } "
                     f"FILTER(CONTAINS(?f_t, {literal(text)})) }}")
    return "\n".join(parts)


def list_policies(store: Any, *, issuer: str | None = None, region: str | None = None,
                  year_from: int | None = None, year_to: int | None = None,
                  kind: str | None = None, text: str | None = None, role: str | None = None,
                  limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Policies matching every given filter, newest first.

    Args:
        store: Anything with `query(sparql)`.
        issuer: An organization id, or text contained in an issuer's name or alias.
        region: A GB/T 2260 code; sub-regions count (`430000` finds 郴州 policies).
        year_from: Earliest year of `eli:date_document` (inclusive).
        year_to: Latest year (inclusive).
        kind: Document type word (通知, 意见, 条例, …).
        text: Text contained in the title or 发文字号.
        role: `self` (the document is the policy) or `mentioned`.
        limit: Page size.
        offset: Items to skip.

    Returns:
        `{"total": int, "items": [policy summary, …]}`.

    Raises:
        ValueError: `region` is not a region code.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> [p["title"] for p in list_policies(store, text="郴州")["items"]]
    ['郴州市养老服务实施意见']
    """
    where = "?p a hp:Policy .\n" + _policy_filters(issuer, region, year_from, year_to, kind,
                                                    text, role)
    total = select(store, f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {where} }}")
    rows = select(store, f"""
        SELECT ?p (MAX(?d) AS ?date) (MIN(?t) AS ?title) WHERE {{
          {{ SELECT DISTINCT ?p WHERE {{ {where} }} }}
          OPTIONAL {{ ?p eli:date_document ?d0 BIND(STR(?d0) AS ?d) }}
          OPTIONAL {{ ?p eli:title ?t }}
        }} GROUP BY ?p ORDER BY DESC(?date) ?title ?p {_page(limit, offset)}""")
    items = policy_summaries(store, [r["p"] for r in rows])
    return {"total": _int(total[0]["n"]) if total else 0, "items": items}


def policy_summaries(store: Any, iris: list[str]) -> list[dict[str, Any]]:
    """Title, 发文字号, date, type, issuers and regions of each policy, in the order given.

    >>> policy_summaries(None, [])
    []
    """
    if not iris:
        return []
    rows = select(store, f"""
        SELECT ?p (MIN(?t) AS ?title) (MIN(?num) AS ?doc_number) (MAX(STR(?d)) AS ?date)
               (MAX(?prec) AS ?precision) (MIN(?kl) AS ?kind)
               (GROUP_CONCAT(DISTINCT ?role; separator="\x1f") AS ?roles)
        WHERE {{ {_values('p', iris)}
          OPTIONAL {{ ?p eli:title ?t }} OPTIONAL {{ ?p eli:id_local ?num }}
          OPTIONAL {{ ?p eli:date_document ?d }} OPTIONAL {{ ?p hp:datePrecision ?prec }}
          OPTIONAL {{ ?p eli:type_document/skos:prefLabel ?kl }} OPTIONAL {{ ?p hp:role ?role }}
        }} GROUP BY ?p""")
    issuers = _linked(store, iris, "eli:passed_by", "skos:prefLabel")
    regions = _linked(store, iris, "eli:jurisdiction", "skos:prefLabel")
    by_iri = {r["p"]: r for r in rows}
    out = []
    for iri in iris:
        r = by_iri.get(iri, {})
        out.append({
            "id": node_key(iri), "iri": iri, "title": r.get("title"),
            "doc_number": r.get("doc_number"), "date": r.get("date"),
            "date_precision": r.get("precision"), "year": _year_of(r.get("date")),
            "kind": r.get("kind"), "roles": sorted(_split(r.get("roles"))),
            "issuers": [{"id": node_key(o), "iri": o, "name": n} for o, n in issuers.get(iri, [])],
            "regions": [{"code": node_key(g), "iri": g, "name": n} for g, n in regions.get(iri, [])],
        })
    return out


def _linked(store: Any, iris: list[str], predicate: str,
            label: str) -> dict[str, list[tuple[str, str | None]]]:
    """subject -> [(object IRI, label)] for one predicate, objects sorted by label."""
    rows = select(store, f"""
        SELECT DISTINCT ?s ?o ?l WHERE {{ {_values('s', iris)}
          ?s {predicate} ?o . OPTIONAL {{ ?o {label} ?l }} }} ORDER BY ?l ?o""")
    out: dict[str, list[tuple[str, str | None]]] = {}
    seen: set[tuple[str, str]] = set()
    for r in rows:
        if (r["s"], r["o"]) not in seen:  # several labels: keep the first in order
            seen.add((r["s"], r["o"]))
            out.setdefault(r["s"], []).append((r["o"], r["l"]))
    return out


def get_policy(store: Any, policy_id: str) -> dict[str, Any] | None:
    """One policy with its issuers, dates, region, cites, cited-by, obligations and provenance.

    Args:
        store: Anything with `query(sparql)`.
        policy_id: The policy key (`5c70b77a449533ce` for 郴政办发〔2018〕18号).

    Returns:
        The policy as a dict, or None when no policy has that id.

    Raises:
        ValueError: `policy_id` is not a key.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> [c["title"] for c in get_policy(store, "b")["cited_by"]]
    ['郴州市养老服务实施意见']
    """
    iri = node_iri("policy", policy_id)
    if not select(store, f"SELECT ?x WHERE {{ <{iri}> a hp:Policy BIND(1 AS ?x) }} LIMIT 1"):
        return None
    policy = policy_summaries(store, [iri])[0]
    titles = select(store, f"SELECT DISTINCT ?t WHERE {{ <{iri}> eli:title ?t }} ORDER BY ?t")
    policy["titles"] = [r["t"] for r in titles]
    cites = select(store, f"""
        SELECT ?o (COUNT(?b) AS ?based) WHERE {{ <{iri}> eli:cites ?o .
          OPTIONAL {{ <{iri}> eli:based_on ?b FILTER(?b = ?o) }} }} GROUP BY ?o""")
    based = {r["o"] for r in cites if _int(r["based"])}
    policy["cites"] = [dict(p, based_on=p["iri"] in based)
                       for p in policy_summaries(store, sorted(r["o"] for r in cites))]
    cited_by = select(store, f"SELECT DISTINCT ?s WHERE {{ ?s eli:cites <{iri}> }} ORDER BY ?s")
    policy["cited_by"] = policy_summaries(store, [r["s"] for r in cited_by])
    policy["obligations"] = list_obligations(store, policy=policy_id, limit=1000)["items"]
    policy["provenance"] = mentions_of(store, iri)
    return policy


def mentions_of(store: Any, iri: str) -> list[dict[str, Any]]:
    """Every annotated span naming `iri`: document, offsets and the exact text.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> mentions_of(store, "https://w3id.org/healthkg/id/policy/a")  # no annotations here
    []
    """
    rows = select(store, f"""
        SELECT DISTINCT ?doc ?label ?start ?end ?exact WHERE {{
          ?a oa:hasBody <{iri}> ; oa:hasTarget ?t . ?t oa:hasSource ?doc ; oa:hasSelector ?pos .
          ?pos oa:start ?start ; oa:end ?end .
          OPTIONAL {{ ?t oa:hasSelector ?q . ?q oa:exact ?exact }}
          OPTIONAL {{ ?doc rdfs:label ?label }}
        }} ORDER BY ?label ?start""")
    return [{"document": {"id": r["label"] or node_key(r["doc"]), "sha256": node_key(r["doc"])},
             "start": _int(r["start"]), "end": _int(r["end"]), "exact": r["exact"]}
            for r in rows]


# ----------------------------------------------------------------- organizations, regions

def list_organizations(store: Any, *, text: str | None = None, region: str | None = None,
                       limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Organizations by name, each with aliases, regions and how many policies it issued.

    Args:
        store: Anything with `query(sparql)`.
        text: Text contained in the name or an alias (`卫健委`).
        region: GB/T 2260 code of a region written in the name (sub-regions count).
        limit: Page size.
        offset: Items to skip.

    Returns:
        `{"total": int, "items": [organization, …]}`.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> [(o["name"], o["policies_issued"]) for o in list_organizations(store, text="民政")["items"]]
    [('湖南省民政厅', 1)]
    """
    where = "?o a org:Organization .\n"
    if text:
        where += ("FILTER EXISTS { ?o skos:prefLabel|skos:altLabel ?f_n "
                  f"FILTER(CONTAINS(?f_n, {literal(text)})) }}\n")
    if region:
        where += f"?o hp:region/skos:broader* <{node_iri('region', region)}> .\n"
    total = select(store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {where} }}")
    rows = select(store, f"""
        SELECT ?o (MIN(?name) AS ?n) WHERE {{ {{ SELECT DISTINCT ?o WHERE {{ {where} }} }}
          OPTIONAL {{ ?o skos:prefLabel ?name }} }} GROUP BY ?o ORDER BY ?n ?o {_page(limit, offset)}""")
    return {"total": _int(total[0]["n"]) if total else 0,
            "items": organization_summaries(store, [r["o"] for r in rows])}


def organization_summaries(store: Any, iris: list[str]) -> list[dict[str, Any]]:
    """Name, aliases, regions and issued-policy count of each organization, in order.

    >>> organization_summaries(None, [])
    []
    """
    if not iris:
        return []
    rows = select(store, f"""
        SELECT ?o (MIN(?name) AS ?n)
               (GROUP_CONCAT(DISTINCT ?alt; separator="\x1f") AS ?alts)
               (COUNT(DISTINCT ?p) AS ?issued)
        WHERE {{ {_values('o', iris)}
          OPTIONAL {{ ?o skos:prefLabel ?name }} OPTIONAL {{ ?o skos:altLabel ?alt }}
          OPTIONAL {{ ?p eli:passed_by ?o }} }} GROUP BY ?o""")
    regions = _linked(store, iris, "hp:region", "skos:prefLabel")
    by_iri = {r["o"]: r for r in rows}
    return [{"id": node_key(i), "iri": i, "name": by_iri.get(i, {}).get("n"),
             "aliases": sorted(_split(by_iri.get(i, {}).get("alts"))),
             "regions": [{"code": node_key(g), "iri": g, "name": n} for g, n in regions.get(i, [])],
             "policies_issued": _int(by_iri.get(i, {}).get("issued"))} for i in iris]


def get_organization(store: Any, org_id: str) -> dict[str, Any] | None:
    """One organization with the policies it issued and the directives assigned to it.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> [p["title"] for p in get_organization(store, "o")["policies"]]
    ['湖南省养老服务实施意见']
    """
    iri = node_iri("org", org_id)
    if not select(store, f"SELECT ?x WHERE {{ <{iri}> a org:Organization BIND(1 AS ?x) }} LIMIT 1"):
        return None
    org = organization_summaries(store, [iri])[0]
    issued = list_policies(store, issuer=org_id, limit=1000)
    org["policies"] = issued["items"]
    org["obligations"] = list_obligations(store, assignee=org_id, limit=1000)["items"]
    return org


def get_region(store: Any, code: str, *, limit: int = 100) -> dict[str, Any] | None:
    """A region with its parents (nearest first), children and policies (sub-regions included).

    Args:
        store: Anything with `query(sparql)`.
        code: GB/T 2260 code (`431000`) or `CN`.
        limit: Most policies to list; `policies_total` counts them all.

    Returns:
        The region as a dict, or None when no such region is in the graph.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> [r["name"] for r in get_region(store, "430000")["parents"]]
    ['中国']
    """
    iri = node_iri("region", code)
    rows = select(store, f"SELECT (MIN(?l) AS ?name) (COUNT(?t) AS ?n) WHERE {{ "
                         f"<{iri}> a ?t . OPTIONAL {{ <{iri}> skos:prefLabel ?l }} }}")
    if not rows or not _int(rows[0]["n"]):
        return None
    parents = select(store, f"""
        SELECT ?r (MIN(?l) AS ?name) (COUNT(DISTINCT ?mid) AS ?depth) WHERE {{
          <{iri}> skos:broader+ ?r . <{iri}> skos:broader* ?mid . ?mid skos:broader+ ?r .
          OPTIONAL {{ ?r skos:prefLabel ?l }} }} GROUP BY ?r ORDER BY ?depth""")
    children = select(store, f"""
        SELECT ?r (MIN(?l) AS ?name) WHERE {{ ?r skos:broader <{iri}> .
          OPTIONAL {{ ?r skos:prefLabel ?l }} }} GROUP BY ?r ORDER BY ?r""")
    policies = list_policies(store, region=code, limit=limit)
    return {"code": code, "iri": iri, "name": rows[0]["name"],
            "parents": [{"code": node_key(r["r"]), "iri": r["r"], "name": r["name"]} for r in parents],
            "children": [{"code": node_key(r["r"]), "iri": r["r"], "name": r["name"]}
                         for r in children],
            "policies_total": policies["total"], "policies": policies["items"]}


# ----------------------------------------------------------------- obligations

def list_obligations(store: Any, *, actor: str | None = None, modality: str | None = None,
                     deadline_before: str | None = None, deadline_after: str | None = None,
                     text: str | None = None, policy: str | None = None,
                     assignee: str | None = None, document: str | None = None,
                     limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Directives (what must X do, by when), in document order.

    Args:
        store: Anything with `query(sparql)`.
        actor: Text contained in the actor as written or the assignee's name (`民政部门`).
        modality: obligation, prohibition, permission or encouragement.
        deadline_before: ISO prefix (2020, 2020-06, 2020-06-30); deadlines on or before it.
        deadline_after: ISO prefix; deadlines on or after it.
        text: Text contained in the sentence.
        policy: Key of the imposing policy.
        assignee: Key of the assigned organization.
        document: doc_id (file stem) or sha256 of the source document.
        limit: Page size.
        offset: Items to skip.

    Returns:
        `{"total": int, "items": [directive, …]}`.

    Raises:
        ValueError: an unknown modality, a malformed date prefix or key.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> [o["actor"] for o in list_obligations(store, deadline_before="2020")["items"]]
    ['民政部门']
    """
    # Selective patterns (a given policy, assignee or document) come first: Oxigraph
    # joins largely in the order written, and all directives is the biggest set.
    where: list[str] = []
    if policy:
        where.append(f"?x hp:imposedBy <{node_iri('policy', policy)}> .")
    if assignee:
        where.append(f"?x odrl:assignee <{node_iri('org', assignee)}> .")
    if document:
        if re.fullmatch(r"[0-9a-f]{64}", document):
            where.append(f"?x prov:wasDerivedFrom <{node_iri('document', document)}> .")
        else:
            where.append(f"?f_doc rdfs:label {literal(document)} . "
                         "?x prov:wasDerivedFrom ?f_doc .")
    where.append("?x a ?cls . ?x hp:text ?text .")
    where.append("VALUES ?cls { " + " ".join(f"<{c}>" for c in CLASS_MODALITY) + " }")
    if modality:
        if modality not in MODALITY_CLASS:
            raise ValueError(f"unknown modality {modality!r}; one of {sorted(MODALITY_CLASS)}")
        where.append(f"FILTER(?cls = <{MODALITY_CLASS[modality]}>)")
    if actor:
        where.append("FILTER EXISTS { { ?x hp:actorName ?f_a } UNION "
                     "{ ?x odrl:assignee/(skos:prefLabel|skos:altLabel) ?f_a } "
                     f"FILTER(CONTAINS(?f_a, {literal(actor)})) }}")
    # Compare the deadline cut to the bound's precision: 2020-05 is "on or before 2020".
    for var, bound, op in (("f_before", deadline_before, "<="), ("f_after", deadline_after, ">=")):
        if bound:
            if not ISO_PREFIX.match(bound):
                raise ValueError(f"not an ISO date prefix: {bound!r}")
            where.append(f"?x hp:deadline ?{var} . "
                         f"FILTER(SUBSTR(STR(?{var}), 1, {len(bound)}) {op} {literal(bound)})")
    if text:
        where.append(f"FILTER(CONTAINS(?text, {literal(text)}))")
    body = "\n".join(where)
    total = select(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {body} }}")
    rows = select(store, f"""
        SELECT ?x ?cls ?text ?doc ?label ?start ?end WHERE {{ {body}
          OPTIONAL {{ ?x prov:wasDerivedFrom ?doc OPTIONAL {{ ?doc rdfs:label ?label }} }}
          OPTIONAL {{ ?a oa:hasBody ?x ; oa:hasTarget/oa:hasSelector ?pos .
                     ?pos oa:start ?start ; oa:end ?end }}
        }} ORDER BY ?label xsd:integer(?start) ?x {_page(limit, offset)}""")
    return {"total": _int(total[0]["n"]) if total else 0, "items": _directive_details(store, rows)}


def _directive_details(store: Any, rows: list[dict[str, str | None]]) -> list[dict[str, Any]]:
    if not rows:
        return []
    iris = [r["x"] for r in rows]
    extra = select(store, f"""
        SELECT ?x (MIN(?an) AS ?actor) (MIN(STR(?dl)) AS ?deadline) (MIN(?tg) AS ?target)
               (MIN(?pol) AS ?policy) WHERE {{ {_values('x', iris)}
          OPTIONAL {{ ?x hp:actorName ?an }} OPTIONAL {{ ?x hp:deadline ?dl }}
          OPTIONAL {{ ?x hp:target ?tg }} OPTIONAL {{ ?x hp:imposedBy ?pol . ?pol a hp:Policy }}
        }} GROUP BY ?x""")
    assignees = _linked(store, iris, "odrl:assignee", "skos:prefLabel")
    by_iri = {r["x"]: r for r in extra}
    policies = {p["iri"]: p for p in policy_summaries(
        store, sorted({r["policy"] for r in extra if r["policy"]}))}
    out = []
    for r in rows:
        e = by_iri.get(r["x"], {})
        pol = policies.get(e.get("policy") or "")
        out.append({
            "id": node_key(r["x"]), "iri": r["x"], "modality": CLASS_MODALITY[r["cls"]],
            "text": r["text"], "actor": e.get("actor"),
            "assignees": [{"id": node_key(o), "iri": o, "name": n}
                          for o, n in assignees.get(r["x"], [])],
            "deadline": e.get("deadline"), "target": e.get("target"),
            "policy": {"id": pol["id"], "iri": pol["iri"], "title": pol["title"],
                       "doc_number": pol["doc_number"]} if pol else None,
            "document": {"id": r["label"] or node_key(r["doc"]), "sha256": node_key(r["doc"])}
            if r["doc"] else None,
            "start": _int(r["start"]) if r["start"] else None,
            "end": _int(r["end"]) if r["end"] else None,
        })
    return out


# ----------------------------------------------------------------- documents

def _document_match(pattern: str, var: str, document: str) -> str:
    """`pattern` plus a restriction of `var` to the document named by label or sha256."""
    if re.fullmatch(r"[0-9a-f]{64}", document):
        return f"{pattern} FILTER({var} = <{node_iri('document', document)}>)"
    return f"{pattern} {var} rdfs:label {literal(document)} ."


def list_documents(store: Any, *, kind: str | None = None, text: str | None = None,
                   limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Source documents with their kind, own title and how much was extracted from them.

    Args:
        store: Anything with `query(sparql)`.
        kind: `hp:kind` of the document (policy, report, budget, notice, other).
        text: Text contained in the document's name or the title of a policy it is.
        limit: Page size.
        offset: Items to skip.

    Returns:
        `{"total": int, "items": [document, …]}`.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> list_documents(store)["total"]  # no hp:SourceDocument in this tiny graph
    0
    """
    where = "?d a hp:SourceDocument .\n"
    if kind:
        where += f"?d hp:kind {literal(kind)} .\n"
    if text:
        where += ("FILTER EXISTS { { ?d rdfs:label ?f_t } UNION { ?d hp:describes ?f_p . "
                  "?f_p hp:role \"self\" ; eli:title ?f_t } "
                  f"FILTER(CONTAINS(?f_t, {literal(text)})) }}\n")
    total = select(store, f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ {where} }}")
    rows = select(store, f"""
        SELECT ?d (MIN(?l) AS ?label) WHERE {{ {{ SELECT DISTINCT ?d WHERE {{ {where} }} }}
          OPTIONAL {{ ?d rdfs:label ?l }} }} GROUP BY ?d ORDER BY ?label ?d {_page(limit, offset)}""")
    return {"total": _int(total[0]["n"]) if total else 0,
            "items": document_summaries(store, [r["d"] for r in rows])}


def document_summaries(store: Any, iris: list[str]) -> list[dict[str, Any]]:
    """Label, kind, sha256, self policy and extraction counts of each document, in order.

    >>> document_summaries(None, [])
    []
    """
    if not iris:
        return []
    rows = select(store, f"""
        SELECT ?d (MIN(?l) AS ?label) (MIN(?k) AS ?kind) (MIN(?sha) AS ?sha256)
               (MIN(STRLEN(?txt)) AS ?length)
        WHERE {{ {_values('d', iris)}
          OPTIONAL {{ ?d rdfs:label ?l }} OPTIONAL {{ ?d hp:kind ?k }} OPTIONAL {{ ?d hp:sha256 ?sha }}
          OPTIONAL {{ ?d hp:text ?txt }}
        }} GROUP BY ?d""")
    # hp:role is per document graph: the policy a document *is* has role "self" there.
    selves = select(store, f"""
        SELECT ?d (MIN(?p) AS ?policy) WHERE {{ {_values('d', iris)}
          ?d hp:describes ?p . GRAPH ?g {{ ?d a hp:SourceDocument . ?p hp:role "self" }}
        }} GROUP BY ?d""")
    described = select(store, f"""
        SELECT ?d ?type (COUNT(DISTINCT ?n) AS ?count) WHERE {{ {_values('d', iris)}
          VALUES ?type {{ hp:Policy org:Organization hp:Region }}
          ?d hp:describes ?n . ?n a ?type }} GROUP BY ?d ?type""")
    directives = select(store, f"""
        SELECT ?d (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {_values('d', iris)}
          OPTIONAL {{ ?x prov:wasDerivedFrom ?d ; hp:text ?t }} }} GROUP BY ?d""")
    kinds = {str(HP.Policy): "policies", str(ORG.Organization): "organizations",
             str(HP.Region): "regions"}
    tallies: dict[str, dict[str, int]] = {}
    for r in described:
        tallies.setdefault(r["d"], {})[kinds[r["type"]]] = _int(r["count"])
    self_of = {r["d"]: r["policy"] for r in selves}
    counts = {r["d"]: _int(r["n"]) for r in directives}
    self_policies = {p["iri"]: p for p in policy_summaries(store, sorted(set(self_of.values())))}
    by_iri = {r["d"]: r for r in rows}
    out = []
    for iri in iris:
        r = by_iri.get(iri, {})
        pol = self_policies.get(self_of.get(iri) or "")
        tally = tallies.get(iri, {})
        out.append({
            "id": r.get("label") or node_key(iri), "iri": iri, "sha256": r.get("sha256"),
            "kind": r.get("kind"), "length": _int(r.get("length")),
            "title": pol["title"] if pol else None,
            "policy": {"id": pol["id"], "iri": pol["iri"], "title": pol["title"],
                       "doc_number": pol["doc_number"]} if pol else None,
            "counts": {"policies": tally.get("policies", 0),
                       "organizations": tally.get("organizations", 0),
                       "regions": tally.get("regions", 0), "obligations": counts.get(iri, 0)},
        })
    return out


def find_document(store: Any, document: str) -> str | None:
    """The IRI of the document named by its doc_id (file stem) or sha256, else None.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> find_document(store, "001_07941aeda37bff36") is None
    True
    """
    if not KEY_PATTERN.match(document):
        return None
    rows = select(store, "SELECT ?d WHERE { "
                  + _document_match("?d a hp:SourceDocument .", "?d", document) + " } LIMIT 1")
    return rows[0]["d"] if rows else None


def get_document(store: Any, document: str) -> dict[str, Any] | None:
    """A source document with its text and every annotated span in it.

    Args:
        store: Anything with `query(sparql)`.
        document: doc_id (`001_07941aeda37bff36`) or sha256.

    Returns:
        The summary plus `text` and `spans` (`start`, `end`, `kind` of the node, its `id`,
        `iri` and `label`), sorted by start; None when no such document.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> get_document(store, "001_07941aeda37bff36") is None
    True
    """
    iri = find_document(store, document)
    if iri is None:
        return None
    doc = document_summaries(store, [iri])[0]
    text = select(store, f"SELECT ?t WHERE {{ <{iri}> hp:text ?t }} LIMIT 1")
    doc["text"] = text[0]["t"] if text else ""
    rows = select(store, f"""
        SELECT ?body ?start ?end (COALESCE(MIN(?title), MIN(?name), MIN(?num), MIN(?said))
                                  AS ?label) (MIN(?cls) AS ?type) WHERE {{
          ?a oa:hasBody ?body ; oa:hasTarget ?t . ?t oa:hasSource <{iri}> ; oa:hasSelector ?pos .
          ?pos oa:start ?start ; oa:end ?end .
          OPTIONAL {{ ?body eli:title ?title }} OPTIONAL {{ ?body skos:prefLabel ?name }}
          OPTIONAL {{ ?body eli:id_local ?num }} OPTIONAL {{ ?body hp:text ?said }}
          OPTIONAL {{ ?body a ?cls }}
        }} GROUP BY ?body ?start ?end ORDER BY xsd:integer(?start) DESC(xsd:integer(?end))""")
    doc["spans"] = []
    for r in rows:
        kind = node_kind(r["body"] or "") or "other"
        doc["spans"].append({
            "start": _int(r["start"]), "end": _int(r["end"]), "kind": kind,
            "modality": CLASS_MODALITY.get(r["type"] or "") if kind == "directive" else None,
            "id": node_key(r["body"]), "iri": r["body"], "label": r["label"]})
    if any(s["kind"] == "directive" for s in doc["spans"]):  # MIN(?cls) may miss the modality
        modalities = {d["iri"]: d["modality"] for d in
                      list_obligations(store, document=document, limit=100000)["items"]}
        for s in doc["spans"]:
            if s["kind"] == "directive":
                s["modality"] = modalities.get(s["iri"], s["modality"])
    return doc


# ----------------------------------------------------------------- search and stats

def search(store: Any, text: str, *, limit: int = 20) -> dict[str, Any]:
    """Policies (title, 发文字号), organizations (name, alias) and obligations (sentence)
    containing `text`.

    Args:
        store: Anything with `query(sparql)`.
        text: What to look for (`养老`).
        limit: Most hits per kind.

    Returns:
        `{"query": text, "policies": […], "organizations": […], "obligations": […]}`.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> hits = search(store, "民政")
    >>> [o["name"] for o in hits["organizations"]], [o["text"] for o in hits["obligations"]]
    (['湖南省民政厅'], ['民政部门应于2020年底前完成改造'])
    """
    return {
        "query": text,
        "policies": list_policies(store, text=text, limit=limit)["items"],
        "organizations": list_organizations(store, text=text, limit=limit)["items"],
        "obligations": list_obligations(store, text=text, limit=limit)["items"],
    }


def facets(store: Any) -> dict[str, list[dict[str, Any]]]:
    """Counts of policies by document type, jurisdiction, year and issuer (the home page facets).

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> facets(store)["issuer"]
    [{'value': 'o', 'label': '湖南省民政厅', 'count': 1}]
    """
    kinds = select(store, """SELECT ?v (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?p a hp:Policy ; eli:type_document/skos:prefLabel ?v } GROUP BY ?v ORDER BY DESC(?n) ?v""")
    regions = select(store, """SELECT ?r (MIN(?l) AS ?v) (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?p a hp:Policy ; eli:jurisdiction ?r . OPTIONAL { ?r skos:prefLabel ?l } }
        GROUP BY ?r ORDER BY DESC(?n) ?v LIMIT 30""")
    years = select(store, """SELECT ?v (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?p a hp:Policy ; eli:date_document ?d BIND(SUBSTR(STR(?d), 1, 4) AS ?v) }
        GROUP BY ?v ORDER BY DESC(?v)""")
    issuers = select(store, """SELECT ?o (MIN(?l) AS ?v) (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?p a hp:Policy ; eli:passed_by ?o . OPTIONAL { ?o skos:prefLabel ?l } }
        GROUP BY ?o ORDER BY DESC(?n) ?v LIMIT 30""")
    return {
        "kind": [{"value": r["v"], "count": _int(r["n"])} for r in kinds],
        "region": [{"value": node_key(r["r"]), "label": r["v"], "count": _int(r["n"])}
                   for r in regions],
        "year": [{"value": r["v"], "count": _int(r["n"])} for r in years],
        "issuer": [{"value": node_key(r["o"]), "label": r["v"], "count": _int(r["n"])}
                   for r in issuers],
    }


def counts(store: Any) -> dict[str, int]:
    """How many documents, policies, organizations, regions, directives and annotations.

    >>> from kg.store import open_store
    >>> store = open_store("oxigraph:memory")
    >>> store.update('''INSERT DATA { GRAPH <urn:doc> {
    ...   <https://w3id.org/healthkg/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
    ...       eli:cites <https://w3id.org/healthkg/id/policy/b> .
    ...   <https://w3id.org/healthkg/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
    ...       eli:passed_by <https://w3id.org/healthkg/id/org/o> .
    ...   <https://w3id.org/healthkg/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
    ...   <https://w3id.org/healthkg/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
    ...       skos:broader <https://w3id.org/healthkg/id/region/CN> .
    ...   <https://w3id.org/healthkg/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
    ...   <https://w3id.org/healthkg/id/directive/x> a hp:Obligation ;
    ...       hp:text "民政部门应于2020年底前完成改造" ; hp:actorName "民政部门" ;
    ...       hp:deadline "2020"^^xsd:gYear ; hp:imposedBy <https://w3id.org/healthkg/id/policy/a> .
    ... } }''')
    >>> counts(store)["policies"], counts(store)["obligations"]
    (2, 1)
    """
    classes = {"documents": "hp:SourceDocument", "policies": "hp:Policy",
               "organizations": "org:Organization", "regions": "hp:Region",
               "annotations": "oa:Annotation"}
    rows = select(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES ?c { "
                  + " ".join(classes.values()) + " } ?s a ?c } GROUP BY ?c")
    by_class = {r["c"]: _int(r["n"]) for r in rows}
    from ontology.namespace import PREFIXES  # local: only needed to expand the names above

    def expand(curie: str) -> str:
        prefix, name = curie.split(":")
        return PREFIXES[prefix] + name

    out = {key: by_class.get(expand(c), 0) for key, c in classes.items()}
    directives = select(store, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { VALUES ?c { "
                        + " ".join(f"<{c}>" for c in CLASS_MODALITY) + " } ?x a ?c }")
    out["obligations"] = _int(directives[0]["n"]) if directives else 0
    return out
