"""networkx projections of the graph: citations, the issuer network, the region tree.

Each projection is one SPARQL query through `Store.query` turned into a networkx graph
whose nodes are IRIs carrying `label` and `kind` (policy, org, region, directive, …).
The analyses (most cited, shortest path, neighbourhood) work on those graphs, so the
REST API, the HTML views and `kg view` agree on what a graph contains.
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from kg.queries import node_key, node_kind, policy_summaries, select

#: Predicates that connect two nodes in a neighbourhood view, with a short edge label.
LINK_PREDICATES: dict[str, str] = {
    "eli:cites": "cites",
    "eli:based_on": "based on",
    "eli:passed_by": "issued by",
    "eli:jurisdiction": "jurisdiction",
    "skos:broader": "part of",
    "hp:region": "region",
    "org:subOrganizationOf": "part of",
    "hp:imposedBy": "imposed by",
    "odrl:assignee": "assignee",
}
#: A neighbourhood stops growing at this many nodes, so a hub cannot flood a view.
MAX_NEIGHBOURHOOD_NODES = 400


def _label(title: str | None, number: str | None, iri: str) -> str:
    return title or number or node_key(iri) or iri


def citation_graph(store: Any) -> nx.DiGraph:
    """Policies as nodes, an edge A -> B when A cites B (`based_on` marks 根据/依据 citations).

    Args:
        store: Anything with `query(sparql)`.

    Returns:
        A DiGraph; node attributes `label`, `kind="policy"`, `doc_number`, `date`.

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
    >>> [(g.nodes[a]["label"], g.nodes[b]["label"]) for a, b in citation_graph(store).edges
    ...  for g in [citation_graph(store)]]
    [('郴州市养老服务实施意见', '湖南省养老服务实施意见')]
    """
    graph = nx.DiGraph()
    for r in select(store, """
            SELECT ?p (MIN(?t) AS ?title) (MIN(?n) AS ?num) (MAX(STR(?d)) AS ?date) WHERE {
              ?p a hp:Policy . OPTIONAL { ?p eli:title ?t } OPTIONAL { ?p eli:id_local ?n }
              OPTIONAL { ?p eli:date_document ?d } } GROUP BY ?p"""):
        graph.add_node(r["p"], label=_label(r["title"], r["num"], r["p"]), kind="policy",
                       doc_number=r["num"], date=r["date"])
    for r in select(store, """
            SELECT DISTINCT ?a ?b ?based WHERE { ?a eli:cites ?b .
              BIND(EXISTS { ?a eli:based_on ?b } AS ?based) }"""):
        for node in (r["a"], r["b"]):  # a cited IRI without a policy node still gets one
            if node not in graph:
                graph.add_node(node, label=node_key(node), kind="policy", doc_number=None,
                               date=None)
        graph.add_edge(r["a"], r["b"], label="based on" if r["based"] == "true" else "cites",
                       based_on=r["based"] == "true")
    return graph


def issuer_graph(store: Any) -> nx.Graph:
    """The issuer network: organizations and the policies they issued (bipartite, undirected).

    Two organizations that issued one policy together (民政部, 公安部 -> 民函〔2015〕280号)
    are two steps apart.

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
    >>> sorted(d["label"] for _, d in issuer_graph(store).nodes(data=True))
    ['湖南省养老服务实施意见', '湖南省民政厅']
    """
    graph = nx.Graph()
    for r in select(store, """
            SELECT ?p ?o (MIN(?t) AS ?title) (MIN(?n) AS ?num) (MIN(?l) AS ?name) WHERE {
              ?p a hp:Policy ; eli:passed_by ?o . OPTIONAL { ?p eli:title ?t }
              OPTIONAL { ?p eli:id_local ?n } OPTIONAL { ?o skos:prefLabel ?l } }
            GROUP BY ?p ?o"""):
        graph.add_node(r["p"], label=_label(r["title"], r["num"], r["p"]), kind="policy")
        graph.add_node(r["o"], label=r["name"] or node_key(r["o"]), kind="org")
        graph.add_edge(r["p"], r["o"], label="issued by")
    return graph


def region_tree(store: Any) -> nx.DiGraph:
    """Regions with an edge child -> parent (`skos:broader`); `policies` counts jurisdictions.

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
    >>> [(a.rsplit("/", 1)[1], b.rsplit("/", 1)[1]) for a, b in region_tree(store).edges]
    [('430000', 'CN')]
    """
    graph = nx.DiGraph()
    for r in select(store, """
            SELECT ?r (MIN(?l) AS ?name) (COUNT(DISTINCT ?p) AS ?n) WHERE { ?r a hp:Region .
              OPTIONAL { ?r skos:prefLabel ?l } OPTIONAL { ?p eli:jurisdiction ?r } }
            GROUP BY ?r"""):
        graph.add_node(r["r"], label=r["name"] or node_key(r["r"]), kind="region",
                       code=node_key(r["r"]), policies=int(r["n"] or 0))
    for r in select(store, "SELECT DISTINCT ?c ?p WHERE { ?c a hp:Region ; skos:broader ?p }"):
        for node in (r["c"], r["p"]):
            if node not in graph:
                graph.add_node(node, label=node_key(node), kind="region", code=node_key(node),
                               policies=0)
        graph.add_edge(r["c"], r["p"], label="part of")
    return graph


def most_cited(store: Any, limit: int = 20) -> list[dict[str, Any]]:
    """Policies by how many distinct policies cite them, most first (ties by title).

    Args:
        store: Anything with `query(sparql)`.
        limit: How many to return.

    Returns:
        Policy summaries (as `kg.queries.policy_summaries`) with `cited_by` counts.

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
    >>> [(p["title"], p["cited_by"]) for p in most_cited(store)]
    [('湖南省养老服务实施意见', 1)]
    """
    graph = citation_graph(store)
    ranked = sorted((n for n in graph if graph.in_degree(n) > 0),
                    key=lambda n: (-graph.in_degree(n), graph.nodes[n]["label"], n))[:limit]
    summaries = policy_summaries(store, ranked)
    for summary, iri in zip(summaries, ranked):
        summary["cited_by"] = graph.in_degree(iri)
    return summaries


def combined_graph(store: Any) -> nx.Graph:
    """Citations and the issuer network as one undirected graph (for paths between nodes).

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
    >>> combined_graph(store).number_of_edges()  # one citation, one issuer link
    2
    """
    combined = nx.Graph()
    for part in (citation_graph(store), issuer_graph(store)):
        combined.add_nodes_from(part.nodes(data=True))
        combined.add_edges_from(part.edges(data=True))
    return combined


def shortest_path(store: Any, source: str, target: str) -> list[dict[str, Any]] | None:
    """The shortest chain of citations and issuers linking two nodes (policies or organizations).

    Args:
        store: Anything with `query(sparql)`.
        source: IRI of a policy or organization.
        target: IRI of a policy or organization.

    Returns:
        The nodes along the path, each `{"iri", "id", "kind", "label", "edge"}` where `edge`
        names the link from the previous node; None when they are not connected.

    Raises:
        KeyError: `source` or `target` is in neither graph.

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
    >>> [s["label"] for s in shortest_path(store, "https://w3id.org/healthkg/id/policy/a",
    ...                                     "https://w3id.org/healthkg/id/org/o")]
    ['郴州市养老服务实施意见', '湖南省养老服务实施意见', '湖南省民政厅']
    """
    graph = combined_graph(store)
    for iri in (source, target):
        if iri not in graph:
            raise KeyError(iri)
    try:
        nodes = nx.shortest_path(graph, source, target)
    except nx.NetworkXNoPath:
        return None
    out = []
    for i, iri in enumerate(nodes):
        attrs = graph.nodes[iri]
        out.append({"iri": iri, "id": node_key(iri), "kind": attrs.get("kind"),
                    "label": attrs.get("label"),
                    "edge": graph.edges[nodes[i - 1], iri].get("label") if i else None})
    return out


def neighbourhood(store: Any, iri: str, depth: int = 1,
                  max_nodes: int = MAX_NEIGHBOURHOOD_NODES) -> nx.DiGraph:
    """Everything within `depth` links of `iri` over `LINK_PREDICATES`, either direction.

    Args:
        store: Anything with `query(sparql)`.
        iri: The centre node.
        depth: How many links out (1 = direct neighbours).
        max_nodes: Stop adding nodes past this many.

    Returns:
        A DiGraph (edges point subject -> object) whose nodes carry `label` and `kind`;
        the centre has `centre=True`. Empty when `iri` has no links and no label.

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
    >>> g = neighbourhood(store, "https://w3id.org/healthkg/id/policy/a", depth=1)
    >>> sorted(d["kind"] for _, d in g.nodes(data=True))
    ['directive', 'policy', 'policy']
    """
    graph = nx.DiGraph()
    frontier = {iri}
    graph.add_node(iri)
    predicates = " ".join(LINK_PREDICATES)
    for _ in range(max(0, depth)):
        if not frontier or len(graph) >= max_nodes:
            break
        values = " ".join(f"<{n}>" for n in sorted(frontier))
        rows = select(store, f"""
            SELECT DISTINCT ?s ?pred ?o WHERE {{ VALUES ?n {{ {values} }}
              VALUES ?pred {{ {predicates} }}
              {{ ?n ?pred ?o BIND(?n AS ?s) }} UNION {{ ?s ?pred ?n BIND(?n AS ?o) }}
              FILTER(isIRI(?s) && isIRI(?o)) }} ORDER BY ?s ?o""")
        new: set[str] = set()
        names = {str(v): k for k, v in _expanded(LINK_PREDICATES).items()}
        for r in rows:
            for node in (r["s"], r["o"]):
                if node not in graph:
                    if len(graph) >= max_nodes:
                        break
                    graph.add_node(node)
                    new.add(node)
            if r["s"] in graph and r["o"] in graph:
                graph.add_edge(r["s"], r["o"], label=LINK_PREDICATES[names[r["pred"]]])
        frontier = new
    _label_nodes(store, graph)
    graph.nodes[iri]["centre"] = True
    return graph


def _expanded(curies: dict[str, str]) -> dict[str, str]:
    from ontology.namespace import PREFIXES

    return {c: PREFIXES[c.split(":")[0]] + c.split(":")[1] for c in curies}


def _label_nodes(store: Any, graph: nx.Graph) -> None:
    """Set `label` and `kind` on every node from the store (one query)."""
    if not graph:
        return
    values = " ".join(f"<{n}>" for n in graph)
    rows = select(store, f"""
        SELECT ?n (MIN(?l) AS ?label) (MIN(?txt) AS ?text) WHERE {{ VALUES ?n {{ {values} }}
          OPTIONAL {{ ?n eli:title|skos:prefLabel|eli:id_local|rdfs:label ?l }}
          OPTIONAL {{ ?n hp:text ?txt FILTER NOT EXISTS {{ ?n a hp:SourceDocument }} }}
        }} GROUP BY ?n""")
    found = {r["n"]: r for r in rows}
    for node in graph:
        r = found.get(node, {})
        label = r.get("label") or _shorten(r.get("text")) or node_key(node) or node
        graph.nodes[node].update(label=label, kind=node_kind(node) or "other")


def _shorten(text: str | None, size: int = 24) -> str | None:
    if not text:
        return None
    return text if len(text) <= size else text[:size] + "…"


def graph_summary(graph: nx.Graph) -> dict[str, Any]:
    """Node and edge counts and connected components, for `/-/stats` and tests.

    >>> graph_summary(nx.path_graph(3))["components"]
    1
    """
    undirected = graph.to_undirected() if graph.is_directed() else graph
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "components": nx.number_connected_components(undirected) if len(graph) else 0}
