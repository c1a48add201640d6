"""kg.analysis: networkx projections of the mini graph and the analyses on them."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg import analysis
from kg.iri import organization_iri, policy_iri

MINI_GRAPH = Path(__file__).resolve().parents[1] / "data" / "mini_graph.trig"

CHENZHOU = policy_iri("郴政办发〔2018〕18号")
HUNAN = policy_iri("湘政办发〔2017〕84号")
MINHAN = policy_iri("民函〔2015〕280号")
HENAN = policy_iri("title:河南省老年人权益保障条例")
GONGAN = organization_iri("公安部")
MINZHENG = organization_iri("民政部")


def test_citation_graph_edges_and_based_on(mini_store):
    g = analysis.citation_graph(mini_store)
    assert g.number_of_nodes() == 7 and g.number_of_edges() == 5
    assert g.edges[CHENZHOU, HUNAN]["based_on"] is True     # 根据《…》（湘政办发〔2017〕84号）
    assert g.edges[CHENZHOU, MINHAN]["based_on"] is False   # 贯彻…《…》（民函〔2015〕280号）
    assert g.nodes[HUNAN]["label"].startswith("湖南省人民政府办公厅关于")
    assert not g.has_edge(HUNAN, CHENZHOU)


def test_issuer_graph_joins_co_issuers_through_their_policy(mini_store):
    g = analysis.issuer_graph(mini_store)
    assert set(g[MINHAN]) == {GONGAN, MINZHENG}
    assert g.nodes[GONGAN] == {"label": "公安部", "kind": "org"}


def test_region_tree_points_child_to_parent(mini_store):
    g = analysis.region_tree(mini_store)
    codes = {g.nodes[n]["code"]: n for n in g}
    assert set(codes) == {"CN", "430000", "431000", "410000"}
    assert list(g.successors(codes["431000"])) == [codes["430000"]]
    assert list(g.successors(codes["430000"])) == [codes["CN"]]
    assert g.nodes[codes["CN"]]["policies"] == 3


def test_most_cited_counts_distinct_citing_policies(mini_store):
    ranked = analysis.most_cited(mini_store)
    assert len(ranked) == 5 and all(p["cited_by"] == 1 for p in ranked)
    assert [p["title"] for p in ranked] == sorted(p["title"] for p in ranked)  # ties by title
    assert analysis.most_cited(mini_store, limit=2) == ranked[:2]


def test_shortest_path_crosses_citations_and_issuers(mini_store):
    path = analysis.shortest_path(mini_store, CHENZHOU, GONGAN)
    assert [(s["label"], s["edge"]) for s in path] == [
        ("关于全面放开养老服务市场提升养老服务质量的实施意见", None),
        ("社会福利机构消防安全管理十项规定", "cites"),
        ("公安部", "issued by"),
    ]


def test_shortest_path_none_between_components_and_keyerror_for_strangers(mini_store):
    assert analysis.shortest_path(mini_store, CHENZHOU, HENAN) is None
    with pytest.raises(KeyError):
        analysis.shortest_path(mini_store, CHENZHOU, "https://example.org/nothing")


def test_neighbourhood_grows_with_depth(mini_store):
    one = analysis.neighbourhood(mini_store, CHENZHOU, depth=1)
    two = analysis.neighbourhood(mini_store, CHENZHOU, depth=2)
    assert one.nodes[CHENZHOU]["centre"] is True
    assert {one.nodes[n]["kind"] for n in one} == {"policy", "org", "region", "directive"}
    assert HUNAN in one and GONGAN not in one
    assert GONGAN in two and set(one) < set(two)
    assert one.edges[CHENZHOU, HUNAN]["label"] in {"cites", "based on"}


def test_neighbourhood_respects_the_node_cap(mini_store):
    capped = analysis.neighbourhood(mini_store, CHENZHOU, depth=3, max_nodes=5)
    assert len(capped) == 5


def test_graph_summary(mini_store):
    assert analysis.graph_summary(analysis.citation_graph(mini_store)) == \
        {"nodes": 7, "edges": 5, "components": 2}


def test_projections_of_read_only_stores_are_built_once(tmp_path):
    from kg.store import open_store

    location = f"oxigraph:{tmp_path / 'store'}"
    with open_store(location) as store:
        store.load(MINI_GRAPH)
        first = analysis.projection(store, "citations")
        assert analysis.projection(store, "citations") is not first   # writable: rebuilt
    with open_store(location, read_only=True) as store:
        first = analysis.projection(store, "citations")
        assert analysis.projection(store, "citations") is first       # read-only: cached
        assert analysis.most_cited(store)[0]["cited_by"] == 1
        assert first.number_of_edges() == 5
