"""Many documents naming the same things: no endpoint may slow down with the repeats.

Oxigraph's union default graph repeats a triple once per document graph holding it, so
a region, an issuer or a much-cited policy named by N documents comes back N times; a
query joining two of its properties would see N x N rows. This store holds 150 copies of
the mini graph's documents: each copy's own documents, directives and annotations are
renamed, while the regions, document types, 民政部/公安部 and 民函〔2015〕280号 stay
shared, as they would in a real corpus. Before queries were written for this, the region
filter alone took 38 s here; the bound below is generous so the test only catches a
regression of that kind, not a slow machine.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from kg.iri import organization_iri, policy_iri
from kg.store import open_store

MINI_GRAPH = Path(__file__).resolve().parents[1] / "data" / "mini_graph.trig"
COPIES = 150
#: Seconds any one request may take on this store (the slowest is about 0.3 s).
BOUND = 3.0
SHARED = {policy_iri("民函〔2015〕280号"), organization_iri("民政部"), organization_iri("公安部")}
MINHAN = policy_iri("民函〔2015〕280号").rsplit("/", 1)[1]


def _copies(text: str, count: int) -> str:
    head, body = text.split("\n\n", 1)
    node = re.compile(r"(https://w3id\.org/healthkg/(?:id/(?:policy|org|directive|annotation|"
                      r"document)|graph/doc)/[0-9a-f-]+)")

    def rename(i: int):
        return lambda m: m.group(1) if m.group(1) in SHARED else f"{m.group(1)}c{i:03d}"

    parts = [head]
    for i in range(count):
        copy = node.sub(rename(i), body)
        copy = re.sub(r'rdfs:label "([^"]+)"', rf'rdfs:label "\1_{i:03d}"', copy)
        parts.append(copy)
    return "\n\n".join(parts)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    trig = tmp_path_factory.mktemp("scale") / "copies.trig"
    trig.write_text(_copies(MINI_GRAPH.read_text(encoding="utf-8"), COPIES), encoding="utf-8")
    store = open_store("oxigraph:memory")
    store.load(trig)
    with TestClient(create_app(Settings(store="oxigraph:memory"), store=store)) as c:
        yield c
    store.close()


@pytest.mark.parametrize("url", [
    "/api/policies", "/api/policies?region=430000", "/api/policies?issuer=民政部",
    "/api/policies?kind=意见", "/api/policies?year_from=2015&year_to=2017",
    f"/api/policies/{MINHAN}", "/api/organizations", "/api/organizations?q=民政",
    f"/api/organizations/{organization_iri('民政部').rsplit('/', 1)[1]}",
    "/api/regions/430000", "/api/regions/CN", "/api/obligations",
    "/api/obligations?actor=民政部门", "/api/documents", "/api/documents/henan_laonianren_2018_007",
    "/api/search?q=消防", "/api/analysis/most-cited", "/-/stats", "/",
    f"/policies/{MINHAN}", "/documents/001_07941aeda37bff36_042", "/obligations",
])
def test_shared_nodes_do_not_multiply_work(client, url):
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text[:300]
    assert elapsed < BOUND, f"{url} took {elapsed:.1f} s"


def test_shared_policy_is_one_node_with_every_citing_copy(client):
    p = client.get(f"/api/policies/{MINHAN}").json()
    assert len(p["cited_by"]) == COPIES
    assert [o["name"] for o in p["issuers"]] == ["公安部", "民政部"]
    assert len(p["provenance"]) == 2 * COPIES   # its title and its number, in each copy
    ranked = client.get("/api/analysis/most-cited", params={"limit": 1}).json()
    assert (ranked[0]["id"], ranked[0]["cited_by"]) == (MINHAN, COPIES)
    assert client.get("/api/policies", params={"region": "430000"}).json()["total"] == 2 * COPIES
