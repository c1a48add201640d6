"""The REST API over the mini graph, through the real app (create_app + TestClient)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from helpers import assert_error_shape

from api.app import create_app
from api.settings import Settings

CHENZHOU = "5c70b77a449533ce"   # 郴政办发〔2018〕18号
HUNAN = "24b9b4d2358aca00"      # 湘政办发〔2017〕84号
GONGAN = "dfc0dcd0627e25c8"     # 公安部


@pytest.fixture(scope="module")
def client(mini_store):
    with TestClient(create_app(Settings(store="oxigraph:memory"), store=mini_store)) as c:
        yield c


def test_policies_page_shape_and_filters(client):
    body = client.get("/api/policies", params={"limit": 2}).json()
    assert (body["total"], body["limit"], body["offset"], len(body["items"])) == (7, 2, 0, 2)
    hunan = client.get("/api/policies", params={"region": "430000"}).json()
    assert {p["id"] for p in hunan["items"]} == {CHENZHOU, HUNAN}
    assert client.get("/api/policies", params={"issuer": "公安部", "year_from": 2015,
                                               "year_to": 2015}).json()["total"] == 1
    assert client.get("/api/policies", params={"kind": "条例", "q": "河南"}).json()["total"] == 2


def test_policy_detail(client):
    p = client.get(f"/api/policies/{CHENZHOU}").json()
    assert p["doc_number"] == "郴政办发〔2018〕18号"
    assert p["issuers"][0]["name"] == "郴州市人民政府办公室"
    assert {c["doc_number"] for c in p["cites"]} == {"湘政办发〔2017〕84号", "民函〔2015〕280号", None}
    assert len(p["obligations"]) == 4
    assert p["provenance"][0]["document"]["id"] == "001_07941aeda37bff36"
    assert client.get(f"/api/policies/{HUNAN}").json()["cited_by"][0]["id"] == CHENZHOU


def test_organizations_regions_documents(client):
    orgs = client.get("/api/organizations", params={"q": "民政部"}).json()
    assert {o["name"] for o in orgs["items"]} == {"民政部", "民政部门"}
    org = client.get(f"/api/organizations/{GONGAN}").json()
    assert [p["doc_number"] for p in org["policies"]] == ["民函〔2015〕280号"]
    region = client.get("/api/regions/431000").json()
    assert [r["name"] for r in region["parents"]] == ["湖南省", "中国"]
    docs = client.get("/api/documents").json()
    assert docs["total"] == 2
    doc = client.get("/api/documents/001_07941aeda37bff36").json()
    assert doc["text"].startswith("郴政办发〔2018〕18号")
    assert {s["kind"] for s in doc["spans"]} == {"policy", "org", "region", "directive"}


def test_obligations_filters(client):
    body = client.get("/api/obligations", params={"actor": "民政部门"}).json()
    assert [o["text"] for o in body["items"]] == [
        "民政部门应按有关规定及时发布养老服务机构设置和规划布局调整等信息。"]
    assert client.get("/api/obligations", params={"modality": "encouragement"}).json()["total"] == 1
    dated = client.get("/api/obligations", params={"deadline_after": "2019",
                                                   "deadline_before": "2021"}).json()
    assert [o["deadline"] for o in dated["items"]] == ["2020"]


def test_search_and_analysis(client):
    hits = client.get("/api/search", params={"q": "消防"}).json()
    assert len(hits["policies"]) == 2 and hits["query"] == "消防"
    ranked = client.get("/api/analysis/most-cited", params={"limit": 3}).json()
    assert len(ranked) == 3 and ranked[0]["cited_by"] == 1
    path = client.get("/api/analysis/path", params={"from": CHENZHOU, "to": f"org/{GONGAN}"}).json()
    assert path["connected"] and path["length"] == 2
    assert [s["kind"] for s in path["nodes"]] == ["policy", "policy", "org"]
    apart = client.get("/api/analysis/path",
                       params={"from": CHENZHOU, "to": "5dfd4f4a64893a36"}).json()
    assert (apart["connected"], apart["length"], apart["nodes"]) == (False, None, [])


def test_meta(client):
    assert client.get("/-/health").json() == {"status": "ok"}
    stats = client.get("/-/stats").json()
    assert (stats["documents"], stats["policies"], stats["obligations"]) == (2, 7, 7)
    assert stats["citation_graph"] == {"nodes": 7, "edges": 5, "components": 2}


@pytest.mark.parametrize("url, params, status", [
    (f"/api/policies/{'0' * 16}", {}, 404),
    ("/api/policies/has space", {}, 422),
    ("/api/regions/999999", {}, 404),
    ("/api/regions/湖南", {}, 422),
    ("/api/organizations/0000000000000000", {}, 404),
    ("/api/documents/nope", {}, 404),
    ("/api/policies", {"limit": 0}, 422),
    ("/api/policies", {"limit": 501}, 422),
    ("/api/policies", {"year_from": "二〇一八"}, 422),
    ("/api/policies", {"region": "43"}, 422),
    ("/api/obligations", {"modality": "must"}, 422),
    ("/api/obligations", {"deadline_before": "2020年"}, 422),
    ("/api/search", {}, 422),
    ("/api/analysis/path", {"from": "a b", "to": CHENZHOU}, 422),
    ("/api/analysis/path", {"from": "foo/bar", "to": CHENZHOU}, 422),
    ("/api/analysis/path", {"from": "https://example.org/x", "to": CHENZHOU}, 404),
    ("/api/nothing-here", {}, 404),
])
def test_every_error_has_the_one_shape(client, url, params, status):
    assert_error_shape(client.get(url, params=params), status)


def test_openapi_documents_every_route_and_the_error_shape(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/policies", "/api/policies/{policy_id}", "/api/organizations",
                 "/api/regions/{code}", "/api/obligations", "/api/documents", "/api/search",
                 "/api/analysis/most-cited", "/api/analysis/path", "/-/health", "/-/stats"):
        responses = schema["paths"][path]["get"]["responses"]
        assert "200" in responses, path
        assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/ErrorResponse"), path
    assert "404" in schema["paths"]["/api/policies/{policy_id}"]["get"]["responses"]
    assert not any(p.startswith(("/graph", "/documents/", "/query")) for p in schema["paths"])


def test_docs_page_loads_swagger_from_this_server(client):
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/redoc").status_code == 404


def test_a_frontend_on_another_origin_may_read_the_api(client):
    response = client.get("/api/policies", headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/api/search?q=x", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    page = client.get("/", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in page.headers   # HTML pages stay same-origin
