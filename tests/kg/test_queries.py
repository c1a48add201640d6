"""kg.queries on the hand-checked mini graph (two documents, seven policies)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg import queries

CHENZHOU = "5c70b77a449533ce"   # 郴政办发〔2018〕18号
HUNAN = "24b9b4d2358aca00"      # 湘政办发〔2017〕84号
MINHAN = "d225f7e6c9c59bf3"     # 民函〔2015〕280号
HENAN = "5dfd4f4a64893a36"      # 河南省老年人权益保障条例
CHENZHOU_DOC = "001_07941aeda37bff36"


def titles(result):
    return [p["title"] for p in result["items"]]


def test_literal_escapes_quotes_backslashes_and_newlines():
    assert queries.literal('郴州"市\\\n') == '"郴州\\"市\\\\\\n"'


@pytest.mark.parametrize("kind, key", [("policy", "a b"), ("policy", "x>"), ("nope", "1"),
                                       ("region", "")])
def test_node_iri_refuses_what_is_not_a_key(kind, key):
    with pytest.raises(ValueError):
        queries.node_iri(kind, key)


def test_policies_newest_first_with_undated_last(mini_store):
    result = queries.list_policies(mini_store)
    assert result["total"] == 7
    dates = [p["date"] for p in result["items"]]
    assert dates[:4] == ["2018-07-27", "2018-07-06", "2017", "2015"]
    assert dates[4:] == [None, None, None]


def test_region_filter_reaches_sub_regions(mini_store):
    # 430000 湖南省 covers 431000 郴州市 through skos:broader.
    hunan = queries.list_policies(mini_store, region="430000")
    assert {p["id"] for p in hunan["items"]} == {CHENZHOU, HUNAN}
    assert queries.list_policies(mini_store, region="431000")["total"] == 1
    assert queries.list_policies(mini_store, region="CN")["total"] == 7
    assert queries.list_policies(mini_store, region="410000")["total"] == 2


@pytest.mark.parametrize("filters, expected", [
    ({"issuer": "民政部"}, {MINHAN}),
    ({"issuer": "中华人民共和国公安部"}, {MINHAN}),            # an alias
    ({"issuer": "d9439c49a799b2e5"}, {CHENZHOU}),             # an organization id
    ({"year_from": 2017, "year_to": 2017}, {HUNAN}),
    ({"year_from": 2018}, {CHENZHOU, HENAN}),
    ({"kind": "意见"}, {CHENZHOU, HUNAN}),
    ({"text": "老年人权益"}, {HENAN, "3f4bb4ca1fb50607"}),
    ({"text": "湘政办发"}, {HUNAN}),                          # 发文字号
    ({"role": "self"}, {CHENZHOU, HENAN}),
    ({"text": '") } DROP ALL #'}, set()),                     # injection is just text
])
def test_policy_filters(mini_store, filters, expected):
    result = queries.list_policies(mini_store, **filters)
    assert {p["id"] for p in result["items"]} == expected
    assert result["total"] == len(expected)


def test_pages_do_not_overlap(mini_store):
    first = queries.list_policies(mini_store, limit=3, offset=0)["items"]
    second = queries.list_policies(mini_store, limit=3, offset=3)["items"]
    assert len(first) == 3 and len(second) == 3
    assert not {p["id"] for p in first} & {p["id"] for p in second}


def test_policy_detail(mini_store):
    p = queries.get_policy(mini_store, CHENZHOU)
    assert p["doc_number"] == "郴政办发〔2018〕18号"
    assert p["date"] == "2018-07-06" and p["date_precision"] == "day"
    assert p["dates"] == ["2018-07-06"] and p["titles"] == [p["title"]]
    assert [o["name"] for o in p["issuers"]] == ["郴州市人民政府办公室"]
    assert [r["code"] for r in p["regions"]] == ["431000"]
    cites = {c["id"]: c["based_on"] for c in p["cites"]}
    assert cites == {HUNAN: True, MINHAN: False, "242e76397cf2ed88": True}
    assert p["cited_by"] == []
    assert {o["modality"] for o in p["obligations"]} == {"obligation", "prohibition",
                                                        "encouragement"}
    spans = {(m["start"], m["end"], m["exact"]) for m in p["provenance"]}
    assert (0, 13, "郴政办发〔2018〕18号") in spans
    assert all(m["document"]["id"] == CHENZHOU_DOC for m in p["provenance"])


def test_cited_by_and_unknown_policy(mini_store):
    assert [c["id"] for c in queries.get_policy(mini_store, HUNAN)["cited_by"]] == [CHENZHOU]
    assert queries.get_policy(mini_store, "0000000000000000") is None


def test_region_with_parents_children_and_policies(mini_store):
    r = queries.get_region(mini_store, "431000")
    assert r["name"] == "郴州市"
    assert [p["code"] for p in r["parents"]] == ["430000", "CN"]
    assert r["children"] == []
    hunan = queries.get_region(mini_store, "430000")
    assert [c["name"] for c in hunan["children"]] == ["郴州市"]
    assert hunan["policies_total"] == 2
    assert queries.get_region(mini_store, "110000") is None


@pytest.mark.parametrize("filters, texts", [
    ({"actor": "民政部门"}, ["民政部门应按有关规定及时发布养老服务机构设置和规划布局调整等信息。"]),
    ({"modality": "prohibition"}, ["严禁利用养老机构的房屋、场地、设施开展与养老服务无关及改变养老机构养老服务性质的活动。",
                                   "老年人的合法权益受法律保护，任何单位和个人不得侵犯。"]),
    ({"deadline_before": "2019"}, ["本条例自2018年10月1日起施行。"]),
    ({"deadline_after": "2020"}, ["到2020年，各县市区要重点建设1-2家功能齐全、管理规范、档次较高的示范性医养结合型养老机构。"]),
    ({"deadline_before": "2020-12", "deadline_after": "2020"},
     ["到2020年，各县市区要重点建设1-2家功能齐全、管理规范、档次较高的示范性医养结合型养老机构。"]),
    ({"text": "信息服务平台"}, ["乡镇人民政府、街道办事处应当建立老年人信息服务平台，做好老年人调查统计、档案记录和服务工作，并确定专门人员负责老年人权益保障工作。"]),
])
def test_obligation_filters(mini_store, filters, texts):
    result = queries.list_obligations(mini_store, **filters)
    assert sorted(o["text"] for o in result["items"]) == sorted(texts)


def test_obligation_carries_actor_deadline_target_policy_and_span(mini_store):
    [o] = queries.list_obligations(mini_store, actor="各县市区")["items"]
    assert (o["actor"], o["deadline"], o["target"]) == ("各县市区人民政府", "2020", "1-2家")
    assert o["policy"]["doc_number"] == "郴政办发〔2018〕18号"
    doc = queries.get_document(mini_store, CHENZHOU_DOC)
    assert doc["text"][o["start"]:o["end"]] == o["text"]


def test_obligation_filters_refuse_bad_values(mini_store):
    with pytest.raises(ValueError):
        queries.list_obligations(mini_store, modality="must")
    with pytest.raises(ValueError):
        queries.list_obligations(mini_store, deadline_before="2020年")


def test_documents_and_document_spans(mini_store):
    docs = queries.list_documents(mini_store)
    assert [d["id"] for d in docs["items"]] == [CHENZHOU_DOC, "henan_laonianren_2018"]
    assert docs["items"][0]["counts"] == {"policies": 4, "organizations": 6, "regions": 3,
                                          "obligations": 4}
    doc = queries.get_document(mini_store, CHENZHOU_DOC)
    assert doc["title"] == "关于全面放开养老服务市场提升养老服务质量的实施意见"
    for span in doc["spans"]:   # every span's offsets point at what it names
        assert span["kind"] in {"policy", "org", "region", "directive"}
    kinds = {doc["text"][s["start"]:s["end"]]: s["kind"] for s in doc["spans"]}
    assert kinds["湘政办发〔2017〕84号"] == "policy"
    assert kinds["湖南省人民政府办公厅"] == "org"
    assert kinds["湖南省"] == "region"
    by_sha = queries.get_document(mini_store, doc["sha256"])
    assert by_sha["id"] == CHENZHOU_DOC
    assert queries.get_document(mini_store, "nope") is None


def test_search_spans_titles_names_and_obligations(mini_store):
    hits = queries.search(mini_store, "民政部门")
    assert hits["policies"] == []
    assert [o["name"] for o in hits["organizations"]] == ["民政部门"]
    assert len(hits["obligations"]) == 1
    assert [p["id"] for p in queries.search(mini_store, "消防")["policies"]] == \
        ["d225f7e6c9c59bf3", "242e76397cf2ed88"]


def test_organizations(mini_store):
    orgs = queries.list_organizations(mini_store, text="公安")
    assert [(o["name"], o["aliases"], o["policies_issued"]) for o in orgs["items"]] == \
        [("公安部", ["中华人民共和国公安部"], 1)]
    assert [o["name"] for o in queries.list_organizations(mini_store, region="430000")["items"]] \
        == ["湖南省人民政府办公厅", "郴州市人民政府办公室"]
    detail = queries.get_organization(mini_store, "033abf17535c09bc")   # 民政部门
    assert [o["actor"] for o in detail["obligations"]] == ["民政部门"]


def test_facets_and_counts(mini_store):
    f = queries.facets(mini_store)
    assert {"value": "意见", "count": 2} in f["kind"]
    assert f["year"][0] == {"value": "2018", "count": 2}
    assert queries.counts(mini_store) == {"documents": 2, "policies": 7, "organizations": 8,
                                          "regions": 4, "annotations": 29, "obligations": 7}


def test_properties_in_chunks_equal_one_query(mini_store, monkeypatch):
    policies = [p["iri"] for p in queries.list_policies(mini_store)["items"]]
    whole = queries.properties(mini_store, policies, {"title": "eli:title",
                                                      "issuer": "eli:passed_by"})
    monkeypatch.setattr(queries, "VALUES_CHUNK", 2)
    assert queries.properties(mini_store, policies, {"title": "eli:title",
                                                     "issuer": "eli:passed_by"}) == whole
    assert whole[queries.node_iri("policy", MINHAN)]["issuer"] == sorted(
        [queries.node_iri("org", "485b4cb9d7120899"), queries.node_iri("org", "dfc0dcd0627e25c8")])


def test_obligations_by_soonest_deadline(mini_store):
    ordered = queries.list_obligations(mini_store, sort="deadline")["items"]
    assert [o["deadline"] for o in ordered][:2] == ["2018", "2020"]
    assert all(o["deadline"] is None for o in ordered[2:])
    with pytest.raises(ValueError):
        queries.list_obligations(mini_store, sort="random")


def test_the_fixture_is_a_valid_built_graph():
    """The queries are tested on what the builder must produce: each document graph of
    tests/data/mini_graph.trig passes ontology/shapes.ttl."""
    import pyshacl
    import rdflib

    from ontology.namespace import SHAPES_TTL

    dataset = rdflib.Dataset()
    dataset.parse(Path(__file__).resolve().parents[1] / "data" / "mini_graph.trig", format="trig")
    shapes = rdflib.Graph().parse(SHAPES_TTL)
    graphs = [g for g in dataset.graphs() if len(g)]
    assert len(graphs) == 2
    for graph in graphs:
        ok, _, report = pyshacl.validate(graph, shacl_graph=shapes, advanced=True)
        assert ok, report
