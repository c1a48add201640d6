"""The REST API and the pages on the bundled samples, built for real (`kg.ingest.build`).

The mini graph checks exact answers; here the whole sample corpus goes through
extraction and building, and every policy, document, organization and view the
API lists must render (no 5xx, offsets inside the text, quotes matching the text).
A second store built from the gold JSON pins down answers the gold fixes.
"""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from graph_samples import gold_extractor

from api.app import create_app
from api.settings import Settings
from kg.ingest import build
from kg.iri import policy_iri
from kg.store import open_store

CHENZHOU = policy_iri("郴政办发〔2018〕18号").rsplit("/", 1)[1]


def _client(samples_dir, extract=None):
    store = open_store("oxigraph:memory")
    report = build([samples_dir], store, extract=extract)
    assert not report.failures, report.summary()
    return store, TestClient(create_app(Settings(store="oxigraph:memory"), store=store))


@pytest.fixture(scope="module")
def built(samples_dir):
    store, client = _client(samples_dir)
    with client:
        yield client
    store.close()


@pytest.fixture(scope="module")
def gold(samples_dir):
    store, client = _client(samples_dir, extract=gold_extractor)
    with client:
        yield client
    store.close()


def _all(client, url, **params):
    items, offset = [], 0
    while True:
        page = client.get(url, params={**params, "limit": 100, "offset": offset}).json()
        items += page["items"]
        offset += 100
        if offset >= page["total"]:
            return items


def test_every_document_renders_with_spans_inside_its_text(built, sample_texts):
    docs = _all(built, "/api/documents")
    assert sorted(d["id"] for d in docs) == sorted(sample_texts)
    for d in docs:
        detail = built.get(f"/api/documents/{d['id']}").json()
        assert len(detail["text"]) > 100 and detail["length"] == len(detail["text"])
        for span in detail["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(detail["text"]), span
        assert built.get(f"/documents/{d['id']}").status_code == 200


def test_every_policy_and_its_provenance_quotes(built):
    policies = _all(built, "/api/policies")
    assert len(policies) >= 5
    texts = {}
    for p in policies:
        detail = built.get(f"/api/policies/{p['id']}").json()
        for m in detail["provenance"]:
            doc = m["document"]["id"]
            texts.setdefault(doc, built.get(f"/api/documents/{doc}").json()["text"])
            assert texts[doc][m["start"]:m["end"]] == m["exact"], (p["title"], m)
        assert built.get(f"/policies/{p['id']}").status_code == 200


def test_every_organization_and_obligation_page(built):
    for org in _all(built, "/api/organizations"):
        assert built.get(f"/api/organizations/{org['id']}").status_code == 200
    obligations = _all(built, "/api/obligations")
    assert len(obligations) >= 50
    assert {o["modality"] for o in obligations} >= {"obligation", "encouragement"}
    assert built.get("/obligations", params={"modality": "obligation"}).status_code == 200


@pytest.mark.parametrize("url", ["/", "/?q=养老", "/graph/citations", "/graph/issuers",
                                 "/graph/regions", f"/graph/node?iri=policy/{CHENZHOU}&depth=2",
                                 "/api/analysis/most-cited", "/-/stats"])
def test_views_and_analysis_render(built, url):
    assert built.get(url).status_code == 200


def test_gold_graph_answers(gold):
    p = gold.get(f"/api/policies/{CHENZHOU}").json()
    assert p["title"] == "关于全面放开养老服务市场提升养老服务质量的实施意见"
    assert p["date"] == "2018-07-06"
    cited = {c["doc_number"] for c in p["cites"]}
    assert {"湘政办发〔2017〕84号", "商务部令2016年第3号", "民函〔2015〕280号"} <= cited
    hunan = gold.get("/api/policies", params={"region": "430000"}).json()
    assert CHENZHOU in {x["id"] for x in hunan["items"]}   # 郴州 is inside 湖南
    path = gold.get("/api/analysis/path",
                    params={"from": CHENZHOU, "to": policy_iri("民函〔2015〕280号")}).json()
    assert path["length"] == 1
    deadlines = gold.get("/api/obligations", params={"deadline_before": "2020",
                                                     "deadline_after": "2020"}).json()
    assert deadlines["total"] >= 10   # 到2020年 … targets in sample 001
