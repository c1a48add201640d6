"""networkx projections of the graph: citations, the issuer network, the region tree.

Each projection is one SPARQL query through `Store.query` turned into a networkx graph
whose nodes are IRIs carrying `label` and `kind` (policy, org, region, directive, …).
The analyses (most cited, shortest path, neighbourhood) work on those graphs, so the
REST API, the HTML views and `kg view` agree on what a graph contains.
"""
from __future__ import annotations

import weakref
from typing import Any

import networkx as nx

from kg.queries import (
    distinct_nodes,
    labels,
    node_key,
    node_kind,
    policy_summaries,
    properties,
    select,
)

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


#: Projections of read-only stores, per store object: a read-only store cannot change
#: under the server, and rebuilding a whole-graph projection per request costs a few
#: queries over every policy. Writable stores are never cached.
_PROJECTIONS: weakref.WeakKeyDictionary[Any, dict[str, nx.Graph]] = weakref.WeakKeyDictionary()


def projection(store: Any, name: str) -> nx.Graph:
    """A shared, read-only copy of `citations`, `issuers`, `regions` or `combined` (do not
    modify it), built once per read-only store and on every call otherwise.

    >>> from kg.queries import example_store
    >>> projection(example_store(), "citations").number_of_edges()
    1
    """
    builders = {"citations": citation_graph, "issuers": issuer_graph, "regions": region_tree,
                "combined": combined_graph}
    if getattr(store, "read_only", False) is not True:
        return builders[name](store)
    try:
        cached = _PROJECTIONS.setdefault(store, {})
    except TypeError:  # not weak-referenceable: build every time
        return builders[name](store)
    if name not in cached:
        cached[name] = builders[name](store)
    return cached[name]


def _nodes_of_type(store: Any, cls: str) -> list[str]:
    return distinct_nodes(store, f"?n a {cls}", "n")


def citation_graph(store: Any) -> nx.DiGraph:
    """Policies as nodes, an edge A -> B when A cites B (`based_on` marks 根据/依据 citations).

    Args:
        store: Anything with `query(sparql)`.

    Returns:
        A DiGraph; node attributes `label`, `kind="policy"`, `doc_number`, `date`.

    >>> from kg.queries import example_store
    >>> g = citation_graph(example_store())
    >>> [(g.nodes[a]["label"], g.nodes[b]["label"]) for a, b in g.edges]
    [('郴州市养老服务实施意见', '湖南省养老服务实施意见')]
    """
    graph = nx.DiGraph()
    policies = _nodes_of_type(store, "hp:Policy")
    props = properties(store, policies, {"title": "eli:title", "number": "eli:id_local",
                                         "date": "eli:date_document"})
    for iri in policies:
        p = props.get(iri, {})
        number = (p.get("number") or [None])[0]
        graph.add_node(iri, label=(p.get("title") or [None])[0] or number or node_key(iri),
                       kind="policy", doc_number=number,
                       date=max(p.get("date", []), key=len, default=None))
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

    >>> from kg.queries import example_store
    >>> sorted(d["label"] for _, d in issuer_graph(example_store()).nodes(data=True))
    ['湖南省养老服务实施意见', '湖南省民政厅']
    """
    graph = nx.Graph()
    edges = select(store, "SELECT DISTINCT ?p ?o WHERE { ?p eli:passed_by ?o }")
    names = labels(store, {r["p"] for r in edges} | {r["o"] for r in edges})
    for r in edges:
        graph.add_node(r["p"], label=names.get(r["p"]) or node_key(r["p"]), kind="policy")
        graph.add_node(r["o"], label=names.get(r["o"]) or node_key(r["o"]), kind="org")
        graph.add_edge(r["p"], r["o"], label="issued by")
    return graph


def region_tree(store: Any) -> nx.DiGraph:
    """Regions with an edge child -> parent (`skos:broader`); `policies` counts jurisdictions.

    >>> from kg.queries import example_store
    >>> [(a.rsplit("/", 1)[1], b.rsplit("/", 1)[1]) for a, b in region_tree(example_store()).edges]
    [('430000', 'CN'), ('431000', '430000')]
    """
    graph = nx.DiGraph()
    regions = _nodes_of_type(store, "hp:Region")
    names = labels(store, regions)
    policies = {r["r"]: int(r["n"] or 0) for r in select(store, """
        SELECT ?r (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p eli:jurisdiction ?r } GROUP BY ?r""")}
    for iri in regions:
        graph.add_node(iri, label=names.get(iri) or node_key(iri), kind="region",
                       code=node_key(iri), policies=policies.get(iri, 0))
    for r in select(store, "SELECT DISTINCT ?c ?p WHERE { ?c skos:broader ?p }"):
        for node in (r["c"], r["p"]):
            if node not in graph:
                graph.add_node(node, label=node_key(node), kind="region", code=node_key(node),
                               policies=policies.get(node, 0))
        graph.add_edge(r["c"], r["p"], label="part of")
    return graph


def most_cited(store: Any, limit: int = 20) -> list[dict[str, Any]]:
    """Policies by how many distinct policies cite them, most first (ties by title).

    Args:
        store: Anything with `query(sparql)`.
        limit: How many to return.

    Returns:
        Policy summaries (as `kg.queries.policy_summaries`) with `cited_by` counts.

    >>> from kg.queries import example_store
    >>> store = example_store()
    >>> [(p["title"], p["cited_by"]) for p in most_cited(store)]
    [('湖南省养老服务实施意见', 1)]
    """
    graph = projection(store, "citations")
    ranked = sorted((n for n in graph if graph.in_degree(n) > 0),
                    key=lambda n: (-graph.in_degree(n), graph.nodes[n]["label"], n))[:limit]
    summaries = policy_summaries(store, ranked)
    for summary, iri in zip(summaries, ranked):
        summary["cited_by"] = graph.in_degree(iri)
    return summaries


def combined_graph(store: Any) -> nx.Graph:
    """Citations and the issuer network as one undirected graph (for paths between nodes).

    >>> from kg.queries import example_store
    >>> store = example_store()
    >>> combined_graph(store).number_of_edges()  # one citation, one issuer link
    2
    """
    combined = nx.Graph()
    for part in (projection(store, "citations"), projection(store, "issuers")):
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

    >>> from kg.queries import example_store
    >>> store = example_store()
    >>> [s["label"] for s in shortest_path(store, "https://w3id.org/healthkg/id/policy/a",
    ...                                     "https://w3id.org/healthkg/id/org/o")]
    ['郴州市养老服务实施意见', '湖南省养老服务实施意见', '湖南省民政厅']
    """
    graph = projection(store, "combined")
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

    >>> from kg.queries import example_store
    >>> store = example_store()
    >>> g = neighbourhood(store, "https://w3id.org/healthkg/id/policy/a", depth=1)
    >>> sorted(d["kind"] for _, d in g.nodes(data=True))
    ['directive', 'policy', 'policy', 'region']
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
    """Set `label` and `kind` on every node from the store."""
    if not graph:
        return
    names = labels(store, graph)
    directives = [n for n in graph if node_kind(n) == "directive"]
    said = properties(store, directives, {"text": "hp:text"})
    for node in graph:
        text = (said.get(node, {}).get("text") or [None])[0]
        label = names.get(node) or _shorten(text) or node_key(node) or node
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
