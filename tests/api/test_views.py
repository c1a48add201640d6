"""HTML pages and pyvis views: content, escaping of document labels, no external resources."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from helpers import assert_error_shape

from api.app import create_app
from api.settings import Settings
from api.views import highlight_segments
from api.viz import (
    ViewError,
    network_data,
    render_view,
    script_json,
    view_graph,
    write_view,
)
from kg.cli import main as kg_main
from kg.iri import policy_iri
from kg.store import open_store

MINI_GRAPH = Path(__file__).resolve().parents[1] / "data" / "mini_graph.trig"
CHENZHOU = "5c70b77a449533ce"
PAGES = ["/", "/?q=养老", "/?kind=意见&region=430000", "/?year=2018&issuer=d9439c49a799b2e5",
         "/query", "/graph/citations", "/graph/issuers", "/graph/regions",
         f"/graph/node?iri=policy/{CHENZHOU}&depth=2", f"/policies/{CHENZHOU}",
         "/documents/001_07941aeda37bff36", "/obligations",
         "/obligations?modality=prohibition&deadline_before=&actor=", "/docs"]
#: A name an extractor could plausibly copy from a hostile page.
EVIL = '<script>alert("卫健委")</script><img src=x onerror=alert(1)>'


class Resources(HTMLParser):
    """Collects every URL a page would load (scripts, styles, images, frames)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])
        self.inline_handlers += [k for k in attrs if k.startswith("on")]


def resources(html: str) -> Resources:
    parser = Resources()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def client(mini_store):
    with TestClient(create_app(Settings(store="oxigraph:memory"), store=mini_store)) as c:
        yield c


@pytest.fixture(scope="module")
def evil_client():
    """The mini graph plus an organization and a policy whose names are markup."""
    store = open_store("oxigraph:memory")
    store.load(MINI_GRAPH)
    title = json.dumps(EVIL, ensure_ascii=False)
    store.update(f"""
        PREFIX eli: <http://data.europa.eu/eli/ontology#>
        PREFIX hp: <https://w3id.org/healthkg/ontology#>
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        INSERT DATA {{ GRAPH <https://w3id.org/healthkg/graph/doc/evil> {{
          <{policy_iri("evil")}> a hp:Policy ; eli:title {title} ; eli:id_local {title} ;
              eli:passed_by <https://w3id.org/healthkg/id/org/evil> ;
              eli:cites <{policy_iri("郴政办发〔2018〕18号")}> .
          <https://w3id.org/healthkg/id/org/evil> a org:Organization ; skos:prefLabel {title} .
        }} }}""")
    with TestClient(create_app(Settings(store="oxigraph:memory"), store=store)) as c:
        yield c
    store.close()


@pytest.mark.parametrize("url", PAGES)
def test_page_renders_and_loads_nothing_from_outside(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    found = resources(response.text)
    assert found.urls, url   # every page loads at least our CSS or vendored JS
    for src in found.urls:
        assert src.startswith("/static/"), (url, src)
        assert client.get(src).status_code == 200, src
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", response.text), url


def test_home_search_and_facets(client):
    html = client.get("/", params={"q": "消防"}).text
    assert "社会福利机构消防安全管理十项规定" in html and "/policies/d225f7e6c9c59bf3" in html
    html = client.get("/", params={"kind": "条例"}).text
    assert "河南省老年人权益保障条例" in html and "社会福利机构" not in html
    assert 'data-facet="region"' in html and "湖南省" in html


def test_policy_page_lists_cites_obligations_provenance(client):
    html = client.get(f"/policies/{CHENZHOU}").text
    assert "郴政办发〔2018〕18号" in html and "湘政办发〔2017〕84号" in html
    assert "民政部门应按有关规定及时发布养老服务机构设置和规划布局调整等信息。" in html
    assert "/documents/001_07941aeda37bff36#s-0" in html


def test_document_page_highlights_spans(client):
    html = client.get("/documents/001_07941aeda37bff36").text
    assert '<span class="hl k-policy " title="policy: 湖南省人民政府办公厅' in html
    assert 'id="s-237"' in html   # the directive starting at 237 is a link target
    assert re.search(r'class="hl k-directive k-org "[^>]*>民政部门</span>', html)


def test_obligations_page_sorts_by_deadline(client):
    html = client.get("/obligations", params={"sort": "deadline"}).text
    assert html.index("本条例自2018年10月1日起施行。") < html.index("到2020年，各县市区要重点建设")
    assert '<option value="deadline" selected>' in html


def test_obligations_page_filters(client):
    html = client.get("/obligations", params={"actor": "民政部门"}).text
    assert "1 directives" in html and "民政部门应按有关规定" in html
    assert "严禁利用养老机构" not in html


def test_query_page_offers_examples_with_prefixes(client):
    html = client.get("/query").text
    examples = json.loads(re.search(r'id="example-data" type="application/json">(.*?)</script>',
                                    html, re.DOTALL).group(1))
    assert len(examples) >= 5
    assert all("PREFIX hp: <https://w3id.org/healthkg/ontology#>" in e["query"] for e in examples)


@pytest.mark.parametrize("url", ["/?q=卫健委", "/policies/" + policy_iri("evil").rsplit("/", 1)[1],
                                 f"/policies/{CHENZHOU}", "/graph/citations", "/graph/issuers",
                                 "/graph/node?iri=org/evil&depth=1"])
def test_labels_from_documents_are_escaped(evil_client, url):
    html = evil_client.get(url).text
    assert "卫健委" in html   # the label is shown ...
    assert '<script>alert("卫健委")' not in html and "<img src=x" not in html   # ... not run
    assert not resources(html).inline_handlers


def test_graph_data_survives_markup_in_labels(evil_client):
    html = evil_client.get("/graph/issuers").text
    blob = re.search(r'id="graph-data" type="application/json">(.*?)</script>', html, re.DOTALL)
    data = json.loads(blob.group(1))
    assert any(n["title"].startswith(EVIL) for n in data["nodes"])


def test_script_json_cannot_close_a_script():
    assert "</" not in script_json({"x": "</script>"})
    assert json.loads(script_json({"x": "<!--&-->"})) == {"x": "<!--&-->"}


def test_network_data_styles_nodes_by_kind(mini_store):
    data = network_data(view_graph(mini_store, "issuers"))
    shapes = {n["group"]: n["shape"] for n in data["nodes"]}
    assert shapes == {"policy": "dot", "org": "square"}
    assert data["options"]["groups"]["org"]["color"] == "#f28e2b"   # as in the legend
    assert all(n["url"].startswith(("/policies/", "/graph/node?iri=")) for n in data["nodes"])
    assert data["directed"] is False and len(data["edges"]) == 5


def test_view_errors(client, mini_store):
    with pytest.raises(ViewError):
        view_graph(mini_store, "node")
    assert_error_shape(client.get("/graph/node", params={"iri": "policy/0000000000000000"}), 404)
    assert_error_shape(client.get("/graph/maps"), 422)
    assert_error_shape(client.get("/policies/0000000000000000"), 404)
    assert_error_shape(client.get("/documents/nope"), 404)


def test_highlight_segments_split_overlaps():
    text = "九江市浔阳区政务服务管理局应当公开"
    spans = [{"start": 0, "end": 13, "kind": "org", "label": "九江市浔阳区政务服务管理局", "id": "o"},
             {"start": 3, "end": 6, "kind": "region", "label": "浔阳区", "id": "360403"},
             {"start": 0, "end": 17, "kind": "directive", "label": None, "id": "d"}]
    pieces = highlight_segments(text, spans)
    assert "".join(p["text"] for p in pieces) == text
    assert [(p["text"], p["kinds"]) for p in pieces] == [
        ("九江市", ["directive", "org"]), ("浔阳区", ["directive", "org", "region"]),
        ("政务服务管理局", ["directive", "org"]), ("应当公开", ["directive"])]
    assert [p["anchor"] for p in pieces] == [0, 3, None, None]   # where a span begins


def test_highlight_segments_ignore_spans_outside_the_text():
    pieces = highlight_segments("卫生", [{"start": 1, "end": 9, "kind": "org", "label": "x",
                                          "id": "x"}])
    assert [p["text"] for p in pieces] == ["卫生"] and pieces[0]["kinds"] == []


@pytest.mark.parametrize("kind, node", [("citations", None), ("issuers", None),
                                        ("regions", None), ("node", policy_iri("郴政办发〔2018〕18号"))])
def test_kg_view_writes_a_standalone_file(tmp_path, mini_store, kind, node):
    out = write_view(mini_store, kind, tmp_path / f"{kind}.html", node=node, depth=2)
    html = out.read_text(encoding="utf-8")
    assert resources(html).urls == []   # vis-network and CSS are inlined
    assert "vis.Network" in html and len(html) > 400_000
    data = json.loads(re.search(r'id="graph-data" type="application/json">(.*?)</script>',
                                html, re.DOTALL).group(1))
    assert data["nodes"] and all("url" not in n for n in data["nodes"])


def test_kg_view_command(tmp_path, capsys):
    store_dir = tmp_path / "store"
    with open_store(f"oxigraph:{store_dir}") as store:
        store.load(MINI_GRAPH)
    out = tmp_path / "node.html"
    status = kg_main(["view", "node", "--node", policy_iri("湘政办发〔2017〕84号"), "--depth", "1",
                      "--store", f"oxigraph:{store_dir}", "-o", str(out)])
    assert status == 0 and capsys.readouterr().out.strip() == str(out)
    assert "湖南省人民政府办公厅" in out.read_text(encoding="utf-8")


def test_render_view_links_nodes_only_when_served(mini_store):
    served = render_view(mini_store, "citations")
    assert '<script src="/static/vendor/vis-network/vis-network.min.js">' in served
    assert '"url": "/policies/' in served


def test_every_span_link_lands_on_an_anchor(client):
    """Links from policy, obligation and search pages point at ids the document page has."""
    pages = [f"/policies/{CHENZHOU}", "/obligations", "/?q=养老"]
    links = {m for url in pages
             for m in re.findall(r'href="/documents/([^"#]+)#(s-\d+)"', client.get(url).text)}
    assert len(links) >= 5
    for document, anchor in links:
        assert f'id="{anchor}"' in client.get(f"/documents/{document}").text, (document, anchor)


def test_region_tree_is_laid_out_top_down(mini_store):
    data = network_data(view_graph(mini_store, "regions"), hierarchical=True)
    assert data["options"]["layout"]["hierarchical"]["direction"] == "DU"
    assert data["options"]["physics"] == {"enabled": False}
    assert "hierarchical" in render_view(mini_store, "regions")
