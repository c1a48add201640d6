"""Graph views: a networkx projection -> pyvis network data -> our own HTML.

pyvis builds the vis-network node/edge/option data (`Network.get_network_data`), but its
own page template is never used: pyvis 0.3.2 links Bootstrap from a CDN even with
`cdn_resources="in_line"`, writes node ids and the heading into the page unescaped, and
`show()`/`write_html()` write files. Here the data goes into `api/templates/graph.html`
as one JSON blob (`<`, `>`, `&` escaped, so no label can close the script), with
vis-network served from `/static/vendor` by the server, or inlined for `kg view`
so the file works from disk with no network.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from kg import analysis
from kg.queries import node_key, node_kind, resolve_node

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
VIS_JS = STATIC / "vendor" / "vis-network" / "vis-network.min.js"
VIS_CSS = STATIC / "vendor" / "vis-network" / "vis-network.css"
SITE_CSS = STATIC / "healthkg.css"

#: The views `kg view` and `/graph/{kind}` know.
VIEW_KINDS = ("citations", "issuers", "regions", "node")
#: Most nodes a whole-graph view draws (the best connected are kept).
MAX_VIEW_NODES = 1500
#: Characters of a label drawn on the canvas (the tooltip has it all).
LABEL_CHARS = 18

#: Colour and shape per node kind.
KIND_STYLE: dict[str, dict[str, str]] = {
    "policy": {"color": "#4e79a7", "shape": "dot"},
    "org": {"color": "#f28e2b", "shape": "square"},
    "region": {"color": "#59a14f", "shape": "triangle"},
    "directive": {"color": "#e15759", "shape": "diamond"},
    "document": {"color": "#76b7b2", "shape": "box"},
    "doctype": {"color": "#b07aa1", "shape": "ellipse"},
    "other": {"color": "#9c9c9c", "shape": "dot"},
}
VIEW_TITLES = {"citations": "政策引用网络 Citation network",
               "issuers": "发文机关网络 Issuer network",
               "regions": "行政区划树 Region tree",
               "node": "节点邻域 Neighbourhood"}


class ViewError(LookupError):
    """A view that cannot be drawn: unknown kind, or a node that is not in the graph."""


def view_graph(store: Any, kind: str, node: str | None = None, depth: int = 1) -> nx.Graph:
    """The networkx graph behind a view.

    Args:
        store: Anything with `query(sparql)`.
        kind: citations, issuers, regions or node.
        node: The centre (kind=node): an IRI, or `policy/…`, `org/…`, `region/431000`.
        depth: Links out from the centre (kind=node).

    Returns:
        The graph; node attributes `label` and `kind`.

    Raises:
        ViewError: unknown kind, missing node, or a node the store does not know.

    >>> view_graph(None, "地图")
    Traceback (most recent call last):
    ...
    api.viz.ViewError: unknown view '地图'; one of citations, issuers, regions, node
    """
    if kind in ("citations", "issuers", "regions"):
        return _biggest(analysis.projection(store, kind))
    if kind == "node":
        if not node:
            raise ViewError("the node view needs a node IRI (?iri=… or --node IRI)")
        try:
            node = resolve_node(node)   # also policy/…, org/…, region/431000
        except ValueError as bad:
            raise ViewError(str(bad)) from None
        graph = analysis.neighbourhood(store, node, depth=max(0, min(depth, 5)))
        if graph.number_of_edges() == 0 and graph.nodes[node]["label"] == (node_key(node) or node):
            raise ViewError(f"no node {node} in the graph")
        return graph
    raise ViewError(f"unknown view {kind!r}; one of {', '.join(VIEW_KINDS)}")


def _biggest(graph: nx.Graph, limit: int = MAX_VIEW_NODES) -> nx.Graph:
    """The `limit` best-connected nodes (all of them when the graph is small)."""
    if len(graph) <= limit:
        return graph
    keep = sorted(graph, key=lambda n: (-graph.degree(n), n))[:limit]
    return graph.subgraph(keep).copy()


def node_url(iri: str) -> str:
    """Where a click on a node goes in the web UI.

    >>> node_url("https://w3id.org/healthkg/id/policy/5c70b77a449533ce")
    '/policies/5c70b77a449533ce'
    """
    from urllib.parse import quote

    kind, key = node_kind(iri), node_key(iri)
    if kind == "policy":
        return f"/policies/{key}"
    if kind == "document":
        return f"/documents/{key}"
    return f"/graph/node?iri={quote(iri, safe='')}&depth=1"


def network_data(graph: nx.Graph, *, links: bool = True,
                 hierarchical: bool = False) -> dict[str, Any]:
    """vis-network nodes, edges and options for `graph`, built with pyvis.

    Args:
        graph: Nodes with `label` and `kind`; an optional `centre` flag.
        links: Give each node the `url` of its page in the web UI.
        hierarchical: Lay a tree out top-down (edges child -> parent, parents on top)
            instead of simulating forces.

    Returns:
        `{"nodes": [...], "edges": [...], "options": {...}, "directed": bool}`; labels are
        plain text (vis-network draws them on a canvas and sets tooltips as text).

    >>> g = nx.DiGraph(); g.add_node("p", label="关于全面放开养老服务市场的实施意见", kind="policy")
    >>> network_data(g)["nodes"][0]["label"]
    '关于全面放开养老服务市场的实施意见'
    """
    net = Network(height="100%", width="100%", directed=graph.is_directed())
    for node, attrs in graph.nodes(data=True):
        kind = attrs.get("kind") or "other"
        style = KIND_STYLE.get(kind, KIND_STYLE["other"])
        label = str(attrs.get("label") or node)
        short = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS] + "…"
        extra = {"url": node_url(node)} if links else {}
        net.add_node(node, label=short, title=f"{label}\n{node}", group=kind,
                     color=style["color"], shape=style["shape"],
                     size=14 + min(graph.degree(node), 20),
                     borderWidth=4 if attrs.get("centre") else 1, **extra)
    for a, b, attrs in graph.edges(data=True):
        net.add_edge(a, b, title=attrs.get("label") or "", label=None,
                     dashes=attrs.get("label") == "cites")
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    opts = json.loads(options)
    # Colours go in vis-network groups: pyvis drops a node's `color` once it has a `group`.
    opts["groups"] = {kind: {"color": style["color"], "shape": style["shape"]}
                      for kind, style in KIND_STYLE.items()}
    if hierarchical:
        opts["layout"] = {"hierarchical": {"direction": "DU", "sortMethod": "directed",
                                           "levelSeparation": 110, "nodeSpacing": 90}}
        opts["physics"] = {"enabled": False}
    else:
        opts["physics"] = {"solver": "forceAtlas2Based", "stabilization": {"iterations": 150}}
    opts["interaction"] = {"hover": True, "tooltipDelay": 150}
    return {"nodes": nodes, "edges": edges, "options": opts, "directed": graph.is_directed()}


def script_json(data: Any) -> str:
    """JSON safe to put inside `<script>`: no `<`, `>` or `&` survives, so no label can
    end the script or open a comment.

    >>> script_json({"label": "</script><b>卫健委</b>"})
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e卫健委\\\\u003c/b\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def templates() -> Environment:
    """The Jinja2 environment for every page (autoescape on for .html).

    >>> templates().autoescape("graph.html")
    True
    """
    env = Environment(loader=FileSystemLoader(TEMPLATES),
                      autoescape=select_autoescape(["html"], default_for_string=True))
    env.filters["script_json"] = script_json
    return env


def render_view(store: Any, kind: str, node: str | None = None, depth: int = 1, *,
                standalone: bool = False) -> str:
    """A whole HTML page drawing one view.

    Args:
        store: Anything with `query(sparql)`.
        kind: citations, issuers, regions or node.
        node: Centre IRI (kind=node).
        depth: Links out from the centre.
        standalone: Inline vis-network's JS and CSS (for a file opened from disk); otherwise
            link `/static/...` and make nodes clickable.

    Returns:
        The page as a string.

    Raises:
        ViewError: see `view_graph`.

    >>> from kg.queries import example_store
    >>> store = example_store()
    >>> "郴州市养老服务实施意见" in render_view(store, "citations")
    True
    """
    graph = view_graph(store, kind, node=node, depth=depth)
    context = {
        "title": VIEW_TITLES[kind], "kind": kind, "node": node, "depth": depth,
        "data": network_data(graph, links=not standalone, hierarchical=kind == "regions"),
        "standalone": standalone,
        "node_count": graph.number_of_nodes(), "edge_count": graph.number_of_edges(),
        "kinds": [(k, KIND_STYLE[k]["color"]) for k in sorted(
            {a.get("kind") or "other" for _, a in graph.nodes(data=True)})],
    }
    if standalone:
        context.update(vis_js=VIS_JS.read_text(encoding="utf-8"),
                       vis_css=VIS_CSS.read_text(encoding="utf-8"),
                       site_css=SITE_CSS.read_text(encoding="utf-8"))
    return templates().get_template("graph.html").render(**context)


def write_view(store: Any, kind: str, output: Path | str, node: str | None = None,
               depth: int = 1) -> Path:
    """Write a standalone view (`kg view`): one UTF-8 HTML file, scripts inlined.

    Args:
        store: Anything with `query(sparql)`.
        kind: citations, issuers, regions or node.
        output: The file to write.
        node: Centre IRI (kind=node).
        depth: Links out from the centre.

    Returns:
        The path written.

    Raises:
        ViewError: see `view_graph`.

    >>> from kg.queries import example_store
    >>> store = example_store()
    >>> import tempfile, pathlib
    >>> out = write_view(store, "citations", pathlib.Path(tempfile.mkdtemp()) / "引用.html")
    >>> "<script src=" in out.read_text(encoding="utf-8")  # everything inlined
    False
    """
    path = Path(output)
    html = render_view(store, kind, node=node, depth=depth, standalone=True)
    path.write_text(html, encoding="utf-8")
    return path
