"""The SPARQL behind the REST API and the HTML views, as small functions returning plain dicts.

Every read goes through `Store.query` (any object whose `query(sparql)` returns
pyoxigraph-style solutions), so the same code serves the embedded Oxigraph store and
a remote SPARQL server. Identifiers in the API are the last segment of a node's IRI
(`policy/5c70b77a449533ce` -> `5c70b77a449533ce`, `region/431000` -> `431000`);
documents are named by their `rdfs:label` (the file stem) or their sha256.

Why the queries look the way they do: the default graph is the union of one graph per
document, and Oxigraph's union repeats a triple once per graph holding it. A region,
an organization or a much-cited policy is described in hundreds of graphs, so joining
two of its properties multiplies those repeats (300 x 300 rows for one node). Queries
here therefore never join two properties of a shared node: they pick distinct nodes
first, then read each property in its own `UNION` branch (`properties()`), so repeats
add up instead of multiplying, and resolve two-hop facts in two steps.

User input never reaches a query unescaped: strings go through `literal()`, IRIs are
built from keys checked against `KEY_PATTERN`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from kg.settings import iri_base
from ontology.namespace import MODALITY_CLASS, sparql_prologue

#: What a key (the last IRI segment) may look like; anything else cannot name a node.
KEY_PATTERN = re.compile(r"^[0-9A-Za-z_.\-]{1,128}$")
#: An ISO date prefix as used for filters: 2020, 2020-06, 2020-06-30.
ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: Most IRIs one query lists in a VALUES block (bigger sets go in several queries).
VALUES_CHUNK = 2000
#: A document named by its sha256 rather than its label.
SHA256 = re.compile(r"^[0-9a-f]{64}$")

#: Directive class IRI -> modality word of the eval format.
CLASS_MODALITY: dict[str, str] = {str(iri): word for word, iri in MODALITY_CLASS.items()}
DIRECTIVE_CLASSES = " ".join(f"<{c}>" for c in CLASS_MODALITY)

#: Kinds of node an annotation can point at, by IRI path segment.
NODE_KINDS = ("policy", "org", "region", "directive", "document", "doctype")

#: A tiny graph for the examples in this package's docstrings.
EXAMPLE_TRIG = """
GRAPH <urn:example:doc> {
  <{base}/id/policy/a> a hp:Policy ; eli:title "郴州市养老服务实施意见" ;
      eli:cites <{base}/id/policy/b> ; eli:jurisdiction <{base}/id/region/431000> .
  <{base}/id/policy/b> a hp:Policy ; eli:title "湖南省养老服务实施意见" ;
      eli:passed_by <{base}/id/org/o> ; eli:jurisdiction <{base}/id/region/430000> ;
      eli:date_document "2017"^^xsd:gYear .
  <{base}/id/org/o> a org:Organization ; skos:prefLabel "湖南省民政厅" .
  <{base}/id/region/431000> a hp:Region ; skos:prefLabel "郴州市" ;
      skos:broader <{base}/id/region/430000> .
  <{base}/id/region/430000> a hp:Region ; skos:prefLabel "湖南省" ;
      skos:broader <{base}/id/region/CN> .
  <{base}/id/region/CN> a hp:Region ; skos:prefLabel "中国" .
  <{base}/id/directive/x> a hp:Obligation ; hp:text "民政部门应于2020年底前完成改造" ;
      hp:actorName "民政部门" ; hp:deadline "2020"^^xsd:gYear ;
      hp:imposedBy <{base}/id/policy/a> .
}"""


def example_store() -> Any:
    """An in-memory store holding `EXAMPLE_TRIG`: two policies, one issuer, three regions.

    >>> select(example_store(), "SELECT ?t WHERE { ?p eli:cites/eli:title ?t }")
    [{'t': '湖南省养老服务实施意见'}]
    """
    from kg.store import open_store

    store = open_store("oxigraph:memory")
    store.update("INSERT DATA {" + EXAMPLE_TRIG.replace("{base}", iri_base()) + "}")
    return store


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


def resolve_node(ref: str) -> str:
    """A node IRI from an IRI, `kind/key` (`policy/5c70…`, `org/…`) or a bare policy key.

    Raises:
        ValueError: the reference is none of these.

    >>> resolve_node("region/431000").endswith("/id/region/431000")
    True
    """
    if ref.startswith(("http://", "https://")):
        if any(c in ref for c in '<>"{}|\\^` \n'):
            raise ValueError(f"not an IRI: {ref!r}")
        return ref
    kind, _, key = ref.rpartition("/")
    try:
        return node_iri(kind or "policy", key)
    except ValueError:
        raise ValueError(f"not a node: {ref!r}; give an IRI, kind/key (policy/…, org/…) "
                         "or a policy id") from None


def _value(term: Any) -> str | None:
    if term is None:
        return None
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)


def select(store: Any, sparql: str) -> list[dict[str, str | None]]:
    """Run a SELECT (prefixes prepended) and return its rows as {variable: lexical value}.

    >>> select(example_store(), "SELECT ?n WHERE { ?o skos:prefLabel ?n ; a org:Organization }")
    [{'n': '湖南省民政厅'}]
    """
    results = store.query(sparql_prologue() + sparql)
    names = [getattr(v, "value", str(v)).lstrip("?") for v in results.variables]
    return [{n: _value(solution[n]) for n in names} for solution in results]


def _int(value: str | None) -> int:
    return int(value) if value else 0


def _count(store: Any, where: str, var: str | None = None) -> int:
    """How many solutions a WHERE body has (how many distinct values of `var`, if given)."""
    counted = f"DISTINCT ?{var}" if var else "*"
    rows = select(store, f"SELECT (COUNT({counted}) AS ?n) WHERE {{ {where} }}")
    return _int(rows[0]["n"]) if rows else 0


def _page_by_label(store: Any, where: str, var: str, label: str, limit: int, offset: int) -> list[str]:
    """One page of the IRIs bound to `var` by a WHERE body, by their smallest `label`, then IRI."""
    rows = select(store, f"""
        SELECT ?{var} (MIN(?sort_label_) AS ?sort_key_)
        WHERE {{ {where} OPTIONAL {{ ?{var} {label} ?sort_label_ }} }}
        GROUP BY ?{var} ORDER BY ?sort_key_ ?{var} {_page(limit, offset)}""")
    return [r[var] for r in rows]


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }}"


def _page(limit: int, offset: int) -> str:
    return f"LIMIT {int(limit)} OFFSET {int(offset)}"


def _year_of(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def properties(store: Any, iris: Iterable[str],
               predicates: dict[str, str]) -> dict[str, dict[str, list[str]]]:
    """The distinct values of several one-hop properties of each node, sorted.

    Each property is read in its own `UNION` branch, so a node described in many
    document graphs costs the sum of its repeats, not their product.

    Args:
        store: Anything with `query(sparql)`.
        iris: The nodes.
        predicates: name -> predicate (`{"title": "eli:title"}`).

    Returns:
        node -> name -> sorted distinct values (missing names: no value).

    >>> properties(example_store(), [node_iri("policy", "b")],
    ...            {"title": "eli:title", "issuer": "eli:passed_by"})[node_iri("policy", "b")]["title"]
    ['湖南省养老服务实施意见']
    """
    nodes = sorted(set(iris))
    if not nodes:
        return {}
    branches = " UNION ".join(f"{{ ?n {pred} ?v BIND({literal(name)} AS ?k) }}"
                              for name, pred in predicates.items())
    out: dict[str, dict[str, list[str]]] = {n: {} for n in nodes}
    for i in range(0, len(nodes), VALUES_CHUNK):  # whole-graph views ask about every node
        chunk = nodes[i:i + VALUES_CHUNK]
        for r in select(store, f"SELECT DISTINCT ?n ?k ?v WHERE {{ {_values('n', chunk)} "
                               f"{branches} }}"):
            out[r["n"]].setdefault(r["k"], []).append(r["v"])
    for by_name in out.values():
        for values in by_name.values():
            values.sort()
    return out


def _first(props: dict[str, list[str]], name: str) -> str | None:
    values = props.get(name)
    return values[0] if values else None


def labels(store: Any, iris: Iterable[str]) -> dict[str, str | None]:
    """A display label per node: title, else preferred name, else 发文字号, else rdfs:label.

    >>> labels(example_store(), [node_iri("region", "430000")])[node_iri("region", "430000")]
    '湖南省'
    """
    props = properties(store, iris, {"title": "eli:title", "name": "skos:prefLabel",
                                     "number": "eli:id_local", "label": "rdfs:label"})
    return {n: _first(p, "title") or _first(p, "name") or _first(p, "number")
            or _first(p, "label") for n, p in props.items()}


def distinct_nodes(store: Any, sparql_where: str, var: str) -> list[str]:
    """Distinct IRIs bound to `var` by a WHERE body.

    >>> [node_key(r) for r in distinct_nodes(example_store(),
    ...     f"?r skos:broader* <{node_iri('region', '430000')}>", "r")]
    ['430000', '431000']
    """
    rows = select(store, f"SELECT DISTINCT ?{var} WHERE {{ {sparql_where} }} ORDER BY ?{var}")
    return [r[var] for r in rows if r[var]]


def _region_and_below(store: Any, code: str) -> list[str]:
    return distinct_nodes(store, f"?r skos:broader* <{node_iri('region', code)}>", "r")


def _orgs_named(store: Any, text: str, org_id: str | None = None) -> list[str]:
    """Organizations whose name or alias contains `text`, plus the one with id `org_id`."""
    found = distinct_nodes(store, "?o skos:prefLabel|skos:altLabel ?n "
                                  f"FILTER(CONTAINS(?n, {literal(text)}))", "o")
    if org_id and KEY_PATTERN.match(org_id):
        iri = node_iri("org", org_id)
        if select(store, f"SELECT ?x WHERE {{ <{iri}> a org:Organization BIND(1 AS ?x) }} LIMIT 1"):
            found.append(iri)
    return sorted(set(found))


# ----------------------------------------------------------------- policies

def _policy_conditions(store: Any, issuer: str | None, region: str | None,
                       year_from: int | None, year_to: int | None, kind: str | None,
                       text: str | None, role: str | None) -> list[str] | None:
    """Graph patterns on ?p, most selective first; None when a filter matches nothing."""
    conditions: list[str] = []
    if issuer:
        orgs = _orgs_named(store, issuer, org_id=issuer)
        if not orgs:
            return None
        conditions.append(f"{_values('f_org', orgs)} ?p eli:passed_by ?f_org .")
    if region:
        regions = _region_and_below(store, region)
        if not regions:
            return None
        conditions.append(f"{_values('f_region', regions)} ?p eli:jurisdiction ?f_region .")
    if kind:
        types = distinct_nodes(store, f"?t skos:prefLabel {literal(kind)}", "t")
        if not types:
            return None
        conditions.append(f"{_values('f_type', types)} ?p eli:type_document ?f_type .")
    if year_from is not None or year_to is not None:
        bounds = []
        if year_from is not None:
            bounds.append(f"?f_year >= {int(year_from)}")
        if year_to is not None:
            bounds.append(f"?f_year <= {int(year_to)}")
        conditions.append("?p eli:date_document ?f_date . BIND(xsd:integer(SUBSTR(STR("
                          f"?f_date), 1, 4)) AS ?f_year) FILTER({' && '.join(bounds)})")
    if text:
        conditions.append("{ ?p eli:title ?f_text } UNION { ?p eli:id_local ?f_text } "
                          f"FILTER(CONTAINS(?f_text, {literal(text)}))")
    if role:
        conditions.append(f"?p hp:role {literal(role)} .")
    conditions.append("?p a hp:Policy .")
    return conditions


def _matching(conditions: list[str], var: str) -> str:
    """Distinct `var` from the first condition, the others as `FILTER EXISTS` on each."""
    first, rest = conditions[0], conditions[1:]
    return (f"{{ SELECT DISTINCT ?{var} WHERE {{ {first} }} }}\n"
            + "\n".join(f"FILTER EXISTS {{ {c} }}" for c in rest))


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

    >>> [p["title"] for p in list_policies(example_store(), region="430000")["items"]]
    ['湖南省养老服务实施意见', '郴州市养老服务实施意见']
    """
    conditions = _policy_conditions(store, issuer, region, year_from, year_to, kind, text, role)
    if conditions is None:
        return {"total": 0, "items": []}
    matching = _matching(conditions, "p")
    total = _count(store, matching)
    rows = select(store, f"""
        SELECT ?p (MAX(?d) AS ?date) (MIN(?t) AS ?title) WHERE {{ {matching}
          OPTIONAL {{ {{ ?p eli:date_document ?d0 BIND(STR(?d0) AS ?d0s) }} UNION
                     {{ ?p eli:title ?t0 }} }}
          # each UNION row binds one of the two; an unbound value would void the aggregate
          BIND(COALESCE(?d0s, "") AS ?d) BIND(COALESCE(?t0, "\uFFFF") AS ?t)
        }} GROUP BY ?p ORDER BY DESC(?date) ?title ?p {_page(limit, offset)}""")
    return {"total": total,
            "items": policy_summaries(store, [r["p"] for r in rows])}


POLICY_PROPERTIES = {"title": "eli:title", "doc_number": "eli:id_local",
                     "date": "eli:date_document", "precision": "hp:datePrecision",
                     "type": "eli:type_document", "role": "hp:role",
                     "issuer": "eli:passed_by", "region": "eli:jurisdiction"}


def policy_summaries(store: Any, iris: list[str]) -> list[dict[str, Any]]:
    """Title, 发文字号, date, type, issuers and regions of each policy, in the order given.

    >>> [p["issuers"][0]["name"] for p in policy_summaries(example_store(), [node_iri("policy", "b")])]
    ['湖南省民政厅']
    """
    if not iris:
        return []
    props = properties(store, iris, POLICY_PROPERTIES)
    linked = {v for p in props.values() for k in ("issuer", "region", "type") for v in p.get(k, [])}
    names = labels(store, linked)
    out = []
    for iri in iris:
        p = props.get(iri, {})
        dates = p.get("date", [])
        date = max(dates, key=len) if dates else None   # the most precise one
        out.append({
            "id": node_key(iri), "iri": iri, "title": _first(p, "title"),
            "doc_number": _first(p, "doc_number"), "date": date,
            "date_precision": {4: "year", 7: "month", 10: "day"}.get(len(date or "")),
            "year": _year_of(date),
            "kind": next((names[t] for t in p.get("type", []) if names.get(t)), None),
            "roles": p.get("role", []),
            "issuers": sorted(({"id": node_key(o), "iri": o, "name": names.get(o)}
                               for o in p.get("issuer", [])), key=lambda o: o["name"] or ""),
            "regions": [{"code": node_key(g), "iri": g, "name": names.get(g)}
                        for g in p.get("region", [])],
        })
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

    >>> [c["title"] for c in get_policy(example_store(), "b")["cited_by"]]
    ['郴州市养老服务实施意见']
    """
    iri = node_iri("policy", policy_id)
    if not select(store, f"SELECT ?x WHERE {{ <{iri}> a hp:Policy BIND(1 AS ?x) }} LIMIT 1"):
        return None
    policy = policy_summaries(store, [iri])[0]
    own = properties(store, [iri], {"t": "eli:title", "d": "eli:date_document"})[iri]
    policy["titles"] = own.get("t", [])
    policy["dates"] = own.get("d", [])   # documents may date it differently (2017, 2017-11-28)
    cites = select(store, f"""
        SELECT DISTINCT ?o ?based WHERE {{ <{iri}> eli:cites ?o .
          BIND(EXISTS {{ <{iri}> eli:based_on ?o }} AS ?based) }} ORDER BY ?o""")
    based = {r["o"] for r in cites if r["based"] == "true"}
    policy["cites"] = [dict(p, based_on=p["iri"] in based)
                       for p in policy_summaries(store, sorted({r["o"] for r in cites}))]
    policy["cited_by"] = policy_summaries(store, distinct_nodes(store, f"?s eli:cites <{iri}>", "s"))
    policy["obligations"] = list_obligations(store, policy=policy_id, limit=1000)["items"]
    policy["provenance"] = mentions_of(store, iri)
    return policy


def mentions_of(store: Any, iri: str) -> list[dict[str, Any]]:
    """Every annotated span naming `iri`: document, offsets and the exact text.

    >>> mentions_of(example_store(), node_iri("policy", "a"))  # no annotations in the example
    []
    """
    rows = select(store, f"""
        SELECT DISTINCT ?doc ?label ?start ?end ?exact WHERE {{
          ?a oa:hasBody <{iri}> ; oa:hasTarget ?t . ?t oa:hasSource ?doc ; oa:hasSelector ?pos .
          ?pos oa:start ?start ; oa:end ?end .
          OPTIONAL {{ ?t oa:hasSelector ?q . ?q oa:exact ?exact }}
          OPTIONAL {{ ?doc rdfs:label ?label }}
        }} ORDER BY ?label xsd:integer(?start)""")
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

    >>> [(o["name"], o["policies_issued"]) for o in
    ...  list_organizations(example_store(), text="民政")["items"]]
    [('湖南省民政厅', 1)]
    """
    conditions = []
    if text:
        orgs = _orgs_named(store, text)
        if not orgs:
            return {"total": 0, "items": []}
        conditions.append(_values("o", orgs))
    if region:
        regions = _region_and_below(store, region)
        if not regions:
            return {"total": 0, "items": []}
        conditions.append(f"{_values('f_region', regions)} ?o hp:region ?f_region .")
    conditions.append("?o a org:Organization .")
    matching = _matching(conditions, "o")
    total = _count(store, matching)
    page = _page_by_label(store, matching, "o", "skos:prefLabel", limit, offset)
    return {"total": total, "items": organization_summaries(store, page)}


def organization_summaries(store: Any, iris: list[str]) -> list[dict[str, Any]]:
    """Name, aliases, regions and issued-policy count of each organization, in order.

    >>> organization_summaries(example_store(), [node_iri("org", "o")])[0]["name"]
    '湖南省民政厅'
    """
    if not iris:
        return []
    props = properties(store, iris, {"name": "skos:prefLabel", "alias": "skos:altLabel",
                                     "region": "hp:region"})
    issued = {r["o"]: _int(r["n"]) for r in select(store, f"""
        SELECT ?o (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {_values('o', iris)} ?p eli:passed_by ?o }}
        GROUP BY ?o""")}
    regions = labels(store, {g for p in props.values() for g in p.get("region", [])})
    return [{"id": node_key(i), "iri": i, "name": _first(props.get(i, {}), "name"),
             "aliases": props.get(i, {}).get("alias", []),
             "regions": [{"code": node_key(g), "iri": g, "name": regions.get(g)}
                         for g in props.get(i, {}).get("region", [])],
             "policies_issued": issued.get(i, 0)} for i in iris]


def get_organization(store: Any, org_id: str) -> dict[str, Any] | None:
    """One organization with the policies it issued and the directives assigned to it.

    >>> [p["title"] for p in get_organization(example_store(), "o")["policies"]]
    ['湖南省养老服务实施意见']
    """
    iri = node_iri("org", org_id)
    if not select(store, f"SELECT ?x WHERE {{ <{iri}> a org:Organization BIND(1 AS ?x) }} LIMIT 1"):
        return None
    org = organization_summaries(store, [iri])[0]
    issued = distinct_nodes(store, f"?p eli:passed_by <{iri}>", "p")
    org["policies"] = policy_summaries(store, issued)
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

    >>> [r["name"] for r in get_region(example_store(), "431000")["parents"]]
    ['湖南省', '中国']
    """
    iri = node_iri("region", code)
    if not select(store, f"SELECT ?x WHERE {{ <{iri}> a hp:Region BIND(1 AS ?x) }} LIMIT 1"):
        return None
    # Nearest parent first: each ancestor's depth is how many ancestors lie between.
    depths = select(store, f"""
        SELECT ?r (COUNT(DISTINCT ?mid) AS ?depth) WHERE {{
          {{ SELECT DISTINCT ?r WHERE {{ <{iri}> skos:broader+ ?r }} }}
          {{ SELECT DISTINCT ?mid WHERE {{ <{iri}> skos:broader* ?mid }} }}
          FILTER EXISTS {{ ?mid skos:broader+ ?r }}
        }} GROUP BY ?r ORDER BY ?depth""")
    parents = [r["r"] for r in depths]
    children = distinct_nodes(store, f"?r skos:broader <{iri}>", "r")
    names = labels(store, [iri, *parents, *children])
    policies = list_policies(store, region=code, limit=limit)
    return {"code": code, "iri": iri, "name": names.get(iri),
            "parents": [{"code": node_key(r), "iri": r, "name": names.get(r)} for r in parents],
            "children": [{"code": node_key(r), "iri": r, "name": names.get(r)}
                         for r in children],
            "policies_total": policies["total"], "policies": policies["items"]}


# ----------------------------------------------------------------- obligations

def list_obligations(store: Any, *, actor: str | None = None, modality: str | None = None,
                     deadline_before: str | None = None, deadline_after: str | None = None,
                     text: str | None = None, policy: str | None = None,
                     assignee: str | None = None, document: str | None = None,
                     sort: str = "document", limit: int = 50,
                     offset: int = 0) -> dict[str, Any]:
    """Directives (what must X do, by when), in document order or soonest deadline first.

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
        sort: `document` (by document, then position) or `deadline` (soonest first,
            directives without one last).
        limit: Page size.
        offset: Items to skip.

    Returns:
        `{"total": int, "items": [directive, …]}`.

    Raises:
        ValueError: an unknown modality, a malformed date prefix or key.

    >>> [o["actor"] for o in list_obligations(example_store(), deadline_before="2020")["items"]]
    ['民政部门']
    """
    if sort not in ("document", "deadline"):
        raise ValueError(f"unknown sort {sort!r}; document or deadline")
    if modality and modality not in MODALITY_CLASS:
        raise ValueError(f"unknown modality {modality!r}; one of {sorted(MODALITY_CLASS)}")
    for bound in (deadline_before, deadline_after):
        if bound and not ISO_PREFIX.match(bound):
            raise ValueError(f"not an ISO date prefix: {bound!r}")
    # Directives belong to one document graph each, so joins on them do not repeat;
    # the selective patterns still come first.
    where: list[str] = []
    if policy:
        where.append(f"?x hp:imposedBy <{node_iri('policy', policy)}> .")
    if assignee:
        where.append(f"?x odrl:assignee <{node_iri('org', assignee)}> .")
    if document:
        if SHA256.match(document):
            where.append(f"?x prov:wasDerivedFrom <{node_iri('document', document)}> .")
        else:
            where.append(f"?f_doc rdfs:label {literal(document)} . "
                         "?x prov:wasDerivedFrom ?f_doc .")
    if actor:  # as written, or the name of an assigned organization
        orgs = _orgs_named(store, actor)
        by_org = (f"UNION {{ {_values('f_org', orgs)} ?x odrl:assignee ?f_org }}" if orgs else "")
        where.append(f"{{ ?x hp:actorName ?f_actor FILTER(CONTAINS(?f_actor, {literal(actor)})) }}"
                     f" {by_org}")
    classes = f"<{MODALITY_CLASS[modality]}>" if modality else DIRECTIVE_CLASSES
    where.append(f"VALUES ?cls {{ {classes} }} ?x a ?cls ; hp:text ?text .")
    # Cut the deadline to the bound's precision: 2020-05 is "on or before 2020".
    for var, bound, op in (("f_before", deadline_before, "<="), ("f_after", deadline_after, ">=")):
        if bound:
            where.append(f"?x hp:deadline ?{var} . "
                         f"FILTER(SUBSTR(STR(?{var}), 1, {len(bound)}) {op} {literal(bound)})")
    if text:
        where.append(f"FILTER(CONTAINS(?text, {literal(text)}))")
    body = "\n".join(where)
    total = _count(store, body, "x")
    rows = select(store, f"""
        SELECT DISTINCT ?x ?cls ?text ?doc ?label ?start ?end ?when WHERE {{ {body}
          OPTIONAL {{ ?x prov:wasDerivedFrom ?doc OPTIONAL {{ ?doc rdfs:label ?label }} }}
          OPTIONAL {{ ?a oa:hasBody ?x ; oa:hasTarget/oa:hasSelector ?pos .
                     ?pos oa:start ?start ; oa:end ?end }}
          OPTIONAL {{ ?x hp:deadline ?due }} BIND(COALESCE(STR(?due), "\uFFFF") AS ?when)
        }} ORDER BY {"?when " if sort == "deadline" else ""}?label xsd:integer(?start) ?x
        {_page(limit, offset)}""")
    return {"total": total, "items": _directive_details(store, rows)}


def _directive_details(store: Any, rows: list[dict[str, str | None]]) -> list[dict[str, Any]]:
    if not rows:
        return []
    iris = [r["x"] for r in rows]
    props = properties(store, iris, {"actor": "hp:actorName", "deadline": "hp:deadline",
                                     "target": "hp:target", "imposer": "hp:imposedBy",
                                     "assignee": "odrl:assignee"})
    imposers = {v for p in props.values() for v in p.get("imposer", [])}
    policies = {p["iri"]: p for p in policy_summaries(store, sorted(
        i for i in imposers if node_kind(i) == "policy"))}
    assignees = labels(store, {v for p in props.values() for v in p.get("assignee", [])})
    out = []
    for r in rows:
        p = props.get(r["x"], {})
        pol = next((policies[i] for i in p.get("imposer", []) if i in policies), None)
        out.append({
            "id": node_key(r["x"]), "iri": r["x"], "modality": CLASS_MODALITY[r["cls"]],
            "text": r["text"], "actor": _first(p, "actor"),
            "assignees": [{"id": node_key(o), "iri": o, "name": assignees.get(o)}
                          for o in p.get("assignee", [])],
            "deadline": _first(p, "deadline"), "target": _first(p, "target"),
            "policy": {"id": pol["id"], "iri": pol["iri"], "title": pol["title"],
                       "doc_number": pol["doc_number"]} if pol else None,
            "document": {"id": r["label"] or node_key(r["doc"]), "sha256": node_key(r["doc"])}
            if r["doc"] else None,
            "start": _int(r["start"]) if r["start"] else None,
            "end": _int(r["end"]) if r["end"] else None,
        })
    return out


# ----------------------------------------------------------------- documents

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

    >>> list_documents(example_store())["total"]  # the example has no hp:SourceDocument
    0
    """
    where = "?d a hp:SourceDocument .\n"
    if kind:
        where += f"?d hp:kind {literal(kind)} .\n"
    if text:
        where += ("FILTER EXISTS { { ?d rdfs:label ?f_t } UNION { GRAPH ?f_g { "
                  "?d a hp:SourceDocument . ?f_p hp:role \"self\" ; eli:title ?f_t } } "
                  f"FILTER(CONTAINS(?f_t, {literal(text)})) }}\n")
    total = _count(store, where, "d")
    page = _page_by_label(store, where, "d", "rdfs:label", limit, offset)
    return {"total": total, "items": document_summaries(store, page)}


def document_summaries(store: Any, iris: list[str]) -> list[dict[str, Any]]:
    """Label, kind, sha256, self policy and extraction counts of each document, in order.

    >>> document_summaries(example_store(), [])
    []
    """
    if not iris:
        return []
    props = properties(store, iris, {"label": "rdfs:label", "kind": "hp:kind",
                                     "sha256": "hp:sha256"})
    lengths = {r["d"]: _int(r["n"]) for r in select(store, f"""
        SELECT ?d (MAX(STRLEN(?t)) AS ?n) WHERE {{ {_values('d', iris)} ?d hp:text ?t }}
        GROUP BY ?d""")}
    # hp:role is per document graph: the policy a document *is* has role "self" there.
    self_of = {r["d"]: r["p"] for r in select(store, f"""
        SELECT ?d (MIN(?p) AS ?p) WHERE {{ {_values('d', iris)}
          GRAPH ?g {{ ?d a hp:SourceDocument . ?p hp:role "self" }} }} GROUP BY ?d""")}
    # Kinds are read from the node IRI, not rdf:type: types of shared nodes repeat per graph.
    tallies: dict[str, dict[str, int]] = {}
    for r in select(store, f"SELECT DISTINCT ?d ?n WHERE {{ {_values('d', iris)} "
                           "?d hp:describes ?n }"):
        kind = {"policy": "policies", "org": "organizations", "region": "regions"}.get(
            node_kind(r["n"]) or "")
        if kind:
            tallies.setdefault(r["d"], {}).setdefault(kind, 0)
            tallies[r["d"]][kind] += 1
    directives = {r["d"]: _int(r["n"]) for r in select(store, f"""
        SELECT ?d (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {_values('d', iris)}
          VALUES ?cls {{ {DIRECTIVE_CLASSES} }} ?x prov:wasDerivedFrom ?d ; a ?cls }}
        GROUP BY ?d""")}
    self_policies = {p["iri"]: p for p in policy_summaries(store, sorted(set(self_of.values())))}
    out = []
    for iri in iris:
        p = props.get(iri, {})
        pol = self_policies.get(self_of.get(iri) or "")
        tally = tallies.get(iri, {})
        out.append({
            "id": _first(p, "label") or node_key(iri), "iri": iri,
            "sha256": _first(p, "sha256"), "kind": _first(p, "kind"),
            "length": lengths.get(iri, 0), "title": pol["title"] if pol else None,
            "policy": {"id": pol["id"], "iri": pol["iri"], "title": pol["title"],
                       "doc_number": pol["doc_number"]} if pol else None,
            "counts": {"policies": tally.get("policies", 0),
                       "organizations": tally.get("organizations", 0),
                       "regions": tally.get("regions", 0),
                       "obligations": directives.get(iri, 0)},
        })
    return out


def find_document(store: Any, document: str) -> str | None:
    """The IRI of the document named by its doc_id (file stem) or sha256, else None.

    >>> find_document(example_store(), "001_07941aeda37bff36") is None
    True
    """
    if not KEY_PATTERN.match(document):
        return None
    if SHA256.match(document):
        where = f"BIND(<{node_iri('document', document)}> AS ?d) ?d a hp:SourceDocument ."
    else:
        where = f"?d rdfs:label {literal(document)} ; a hp:SourceDocument ."
    rows = select(store, f"SELECT ?d WHERE {{ {where} }} LIMIT 1")
    return rows[0]["d"] if rows else None


def get_document(store: Any, document: str) -> dict[str, Any] | None:
    """A source document with its text and every annotated span in it.

    Args:
        store: Anything with `query(sparql)`.
        document: doc_id (`001_07941aeda37bff36`) or sha256.

    Returns:
        The summary plus `text` and `spans` (`start`, `end`, `kind` of the node, its `id`,
        `iri` and `label`), sorted by start; None when no such document.

    >>> get_document(example_store(), "001_07941aeda37bff36") is None
    True
    """
    iri = find_document(store, document)
    if iri is None:
        return None
    doc = document_summaries(store, [iri])[0]
    text = select(store, f"SELECT ?t WHERE {{ <{iri}> hp:text ?t }} LIMIT 1")
    doc["text"] = text[0]["t"] if text else ""
    rows = select(store, f"""
        SELECT DISTINCT ?body ?start ?end WHERE {{
          ?t oa:hasSource <{iri}> ; oa:hasSelector ?pos . ?a oa:hasTarget ?t ; oa:hasBody ?body .
          ?pos oa:start ?start ; oa:end ?end .
        }} ORDER BY xsd:integer(?start) DESC(xsd:integer(?end)) ?body""")
    bodies = {r["body"] for r in rows}
    names = labels(store, bodies)
    directive_props = properties(store, [b for b in bodies if node_kind(b) == "directive"],
                                 {"type": "rdf:type", "text": "hp:text"})
    doc["spans"] = []
    for r in rows:
        kind = node_kind(r["body"]) or "other"
        modality, label = None, names.get(r["body"])
        if kind == "directive":
            props = directive_props.get(r["body"], {})
            modality = next((CLASS_MODALITY[t] for t in props.get("type", [])
                             if t in CLASS_MODALITY), None)
            label = label or _first(props, "text")
        doc["spans"].append({"start": _int(r["start"]), "end": _int(r["end"]), "kind": kind,
                             "modality": modality, "id": node_key(r["body"]),
                             "iri": r["body"], "label": label})
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

    >>> hits = search(example_store(), "民政")
    >>> [o["name"] for o in hits["organizations"]], [o["text"] for o in hits["obligations"]]
    (['湖南省民政厅'], ['民政部门应于2020年底前完成改造'])
    """
    return {
        "query": text,
        "policies": list_policies(store, text=text, limit=limit)["items"],
        "organizations": list_organizations(store, text=text, limit=limit)["items"],
        "obligations": list_obligations(store, text=text, limit=limit)["items"],
    }


def _tally(store: Any, predicate: str, limit: int) -> list[tuple[str, int]]:
    """(object, distinct subjects) for one predicate, most first."""
    rows = select(store, f"""SELECT ?v (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p {predicate} ?v }}
        GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT {int(limit)}""")
    return [(r["v"], _int(r["n"])) for r in rows]


def facets(store: Any, limit: int = 30) -> dict[str, list[dict[str, Any]]]:
    """Counts of policies by document type, jurisdiction, year and issuer (home page facets).

    >>> facets(example_store())["region"]
    [{'value': '430000', 'label': '湖南省', 'count': 1}, {'value': '431000', 'label': '郴州市', 'count': 1}]
    """
    kinds = _tally(store, "eli:type_document", limit)
    regions = _tally(store, "eli:jurisdiction", limit)
    issuers = _tally(store, "eli:passed_by", limit)
    years = select(store, f"""SELECT ?v (COUNT(DISTINCT ?p) AS ?n) WHERE {{
        ?p eli:date_document ?d BIND(SUBSTR(STR(?d), 1, 4) AS ?v) }}
        GROUP BY ?v ORDER BY DESC(?v) LIMIT {int(limit)}""")
    names = labels(store, [v for v, _ in kinds + regions + issuers])

    def entries(pairs: list[tuple[str, int]]) -> list[dict[str, Any]]:
        rows = [{"value": node_key(v), "label": names.get(v), "count": n} for v, n in pairs]
        return sorted(rows, key=lambda e: (-e["count"], e["label"] or "", e["value"]))

    by_kind: dict[str, int] = {}
    for v, n in kinds:  # two type nodes may share a word; the facet is the word
        if names.get(v):
            by_kind[names[v]] = by_kind.get(names[v], 0) + n
    return {
        "kind": [{"value": k, "count": n}
                 for k, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))],
        "region": entries(regions),
        "year": [{"value": r["v"], "count": _int(r["n"])} for r in years],
        "issuer": entries(issuers),
    }


def counts(store: Any) -> dict[str, int]:
    """How many documents, policies, organizations, regions, directives and annotations.

    >>> counts(example_store())["policies"], counts(example_store())["obligations"]
    (2, 1)
    """
    classes = {"documents": "hp:SourceDocument", "policies": "hp:Policy",
               "organizations": "org:Organization", "regions": "hp:Region",
               "annotations": "oa:Annotation"}
    out = {key: 0 for key in classes}
    for row in select(store, "SELECT ?k (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES (?c ?k) { "
                      + " ".join(f"({c} {literal(k)})" for k, c in classes.items())
                      + " } ?s a ?c } GROUP BY ?k"):
        out[row["k"]] = _int(row["n"])
    directives = select(store, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { VALUES ?c { "
                        f"{DIRECTIVE_CLASSES} }} ?x a ?c }}")
    out["obligations"] = _int(directives[0]["n"]) if directives else 0
    return out
