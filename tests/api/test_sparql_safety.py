"""Safety of /sparql and /update, each on loopback: no fetching, deadline, limits, CORS, bombs."""
from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from helpers import ROOT, assert_error_shape, live_server

from api.app import create_app
from api.settings import Settings
from kg.store import open_store

MINI_GRAPH = ROOT / "tests" / "data" / "mini_graph.trig"
GRAPH_HENAN = ("https://w3id.org/healthkg/graph/doc/"
               "cf6ae60022d7fc41e4e9db4bf3cf5ca7bf381288cd33cb14d67f2a7d8dc3478a")
#: 100^5 = 10^10 solutions to count: minutes of work for any engine, whatever the data.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(
    f"VALUES ?v{i} {{ {' '.join(str(n) for n in range(100))} }}" for i in range(5)) + " }"
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:hp="https://w3id.org/healthkg/ontology#">
  <rdf:Description rdf:about="https://w3id.org/healthkg/id/policy/x"><hp:text>&lol9;</hp:text></rdf:Description>
</rdf:RDF>
"""


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.hits.append(self.path)
        body = b'<http://x/s> <http://x/p> "fetched" .\n'
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET  # noqa: N815

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def _recording_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def logging_server(_recording_server):
    """An HTTP server on 127.0.0.1 that records every request it gets (fresh record per test)."""
    _Recorder.hits.clear()
    yield _recording_server, _Recorder.hits


@pytest.fixture(scope="module")
def client():
    store = open_store("oxigraph:memory")
    store.load(MINI_GRAPH)
    app = create_app(Settings(store="oxigraph:memory", update_enabled=True, max_rows=5,
                              max_body_bytes=4096, cors_origins=("https://a.example",)),
                     store=store)
    with TestClient(app) as test_client:
        yield test_client


def _query(client, text: str, **kw):
    return client.post("/sparql", content=text.encode(),
                       headers={"Content-Type": "application/sparql-query", **kw})


# --- nothing is fetched or read -------------------------------------------------------

@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ service silent <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}/> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
    "SELECT * FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}/> ASK FROM r:data.ttl {{ ?s ?p ?o }}",
    "SELECT * FROM <file:///etc/passwd> WHERE {{ ?s ?p ?o }}",
    "BASE <{url}/> SELECT * FROM <data.ttl> WHERE {{ ?s ?p ?o }}",
])
def test_query_that_would_fetch_is_refused(client, logging_server, template):
    url, hits = logging_server
    response = _query(client, template.format(url=url))
    error = assert_error_shape(response, 400)
    assert "SERVICE" in error["detail"] or "never fetches" in error["detail"]
    assert hits == []


@pytest.mark.parametrize("template", [
    "LOAD <{url}/data.ttl>",
    "LOAD SILENT <{url}/data.ttl> INTO GRAPH <http://x/g>",
    "LOAD <file:///etc/passwd>",
    "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "INSERT {{ GRAPH <http://x/g> {{ ?s ?p ?o }} }} USING <{url}/data.ttl> WHERE {{ ?s ?p ?o }}",
])
def test_update_that_would_fetch_is_refused(client, logging_server, template):
    url, hits = logging_server
    response = client.post("/update", content=template.format(url=url).encode(),
                           headers={"Content-Type": "application/sparql-update"})
    assert_error_shape(response, 400)
    assert hits == []


def test_load_sent_to_the_query_service_is_refused(client, logging_server):
    url, hits = logging_server
    assert_error_shape(client.get("/sparql", params={"query": f"LOAD <{url}/x.ttl>"}), 400)
    assert hits == []


def test_from_naming_a_graph_of_the_store_selects_it(client):
    """FROM is dataset selection over graphs already held, not a fetch."""
    text = (f"SELECT ?title FROM <{GRAPH_HENAN}> "
            "WHERE { ?p <http://data.europa.eu/eli/ontology#title> ?title }")
    response = _query(client, text, Accept="application/sparql-results+json")
    assert response.status_code == 200, response.text
    titles = {b["title"]["value"] for b in response.json()["results"]["bindings"]}
    assert "河南省老年人权益保障条例" in titles
    assert "消防法" not in titles  # cited by the 郴州 document only


def test_words_inside_strings_and_iris_are_not_keywords(client):
    text = ('SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:9/> and FROM and LOAD" AS ?x) '
            "?s <http://x/SERVICE> ?o } # SERVICE in a comment")
    assert _query(client, text).status_code == 200


# --- deadline and concurrency (live server: the work must really stop) ------------------

def _children(pid: int) -> set[int]:
    children: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        children.update(int(c) for c in text)
    return children


@pytest.mark.server
def test_deadline_stops_the_query_and_the_server_keeps_answering():
    with live_server("--store", "oxigraph:memory", "--load", str(MINI_GRAPH),
                     "--timeout", "1") as (url, proc):
        started = time.monotonic()
        response = httpx.get(f"{url}/sparql", params={"query": RUNAWAY}, timeout=30)
        elapsed = time.monotonic() - started
        error = assert_error_shape(response, 503)
        assert "longer than 1 s" in error["detail"]
        assert "retry-after" in response.headers
        assert elapsed < 4, elapsed  # the runaway alone would take minutes
        # the worker evaluating the query is gone, not left burning CPU
        assert _children(proc.pid) == set()
        again = httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                          headers={"Accept": "application/sparql-results+json"}, timeout=10)
        assert again.status_code == 200 and again.json()["boolean"] is True


@pytest.mark.server
def test_queries_beyond_the_concurrency_limit_get_503_with_retry_after():
    # a wide deadline keeps the slot taken long enough to be seen on a loaded 2-core machine
    with live_server("--store", "oxigraph:memory", "--timeout", "8",
                     env={"HEALTHKG_MAX_CONCURRENT": "1"}) as (url, _):
        with ThreadPoolExecutor(1) as pool, httpx.Client(timeout=20) as client:
            slow = pool.submit(httpx.get, f"{url}/sparql", params={"query": RUNAWAY}, timeout=30)
            busy = None
            while busy is None and not slow.done():  # until the slow one holds the only slot
                response = client.get(f"{url}/sparql", params={"query": "ASK {}"})
                if response.status_code == 503:
                    busy = response
                time.sleep(0.05)
            assert busy is not None, "no request was refused while the slot was taken"
            assert_error_shape(busy, 503)
            assert "too many queries" in busy.json()["error"]["detail"]
            assert int(busy.headers["retry-after"]) >= 1
            assert slow.result().status_code == 503
            assert client.get(f"{url}/sparql", params={"query": "ASK {}"}).status_code == 200


def test_deadline_comes_from_settings():
    store = open_store("oxigraph:memory")
    app = create_app(Settings(store="oxigraph:memory", timeout=0.5), store=store)
    with TestClient(app) as test_client:
        started = time.monotonic()
        response = test_client.get("/sparql", params={"query": RUNAWAY})
        assert_error_shape(response, 503)
        assert time.monotonic() - started < 3


# --- row cap and body limit -----------------------------------------------------------

def test_row_cap_cuts_the_result_and_says_so(client):
    response = client.get("/sparql", params={"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }"},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 5
    assert response.headers["x-sparql-maxrows"] == "5"


def test_row_cap_applies_to_construct(client):
    response = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                          headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert len(response.text.strip().splitlines()) == 5
    assert response.headers["x-sparql-maxrows"] == "5"


def test_result_under_the_cap_has_no_truncation_header(client):
    response = client.get("/sparql", params={"query": "SELECT * { VALUES ?x { 1 2 3 } }"})
    assert response.status_code == 200
    assert "x-sparql-maxrows" not in response.headers


def test_row_cap_is_in_the_service_description(client):
    from pyoxigraph import NamedNode, RdfFormat, parse

    text = client.get("/sparql", headers={"Accept": "application/n-triples"}).content
    triples = list(parse(text, format=RdfFormat.N_TRIPLES))
    caps = [t.object.value for t in triples
            if t.predicate == NamedNode("https://w3id.org/healthkg/service#maxRows")]
    assert caps == ["5"]


def test_body_over_the_limit_is_413(client):
    text = "ASK { ?s ?p \"" + "卫" * 2000 + "\" }"  # 6000 bytes in UTF-8, limit 4096
    assert_error_shape(_query(client, text), 413)


def test_streamed_body_over_the_limit_is_413(client):
    def chunks():
        yield b"ASK { "
        for _ in range(100):
            yield b"?s ?p ?o . " * 10
        yield b"}"

    response = client.post("/sparql", content=chunks(),
                           headers={"Content-Type": "application/sparql-query"})
    assert "content-length" not in response.request.headers
    assert_error_shape(response, 413)


def test_default_body_limit_is_one_mebibyte():
    app = create_app(Settings(store="oxigraph:memory"), store=open_store("oxigraph:memory"))
    with TestClient(app) as test_client:
        big = "ASK {} #" + "x" * (1024 * 1024)
        assert_error_shape(_query(test_client, big), 413)
        assert _query(test_client, "ASK {} #" + "x" * 1000).status_code == 200


# --- CORS -----------------------------------------------------------------------------

def test_cors_preflight_for_an_allowed_origin(client):
    response = client.options("/sparql", headers={
        "Origin": "https://a.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "https://a.example"
    assert "POST" in response.headers["access-control-allow-methods"]


def test_cors_header_on_a_simple_get(client):
    response = client.get("/sparql", params={"query": "ASK {}"},
                          headers={"Origin": "https://a.example"})
    assert response.headers["access-control-allow-origin"] == "https://a.example"


def test_cors_refuses_other_origins(client):
    response = client.get("/sparql", params={"query": "ASK {}"},
                          headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_only_on_sparql(client):
    response = client.post("/update", content=b"CLEAR SILENT GRAPH <http://x/none>",
                           headers={"Origin": "https://a.example",
                                    "Content-Type": "application/sparql-update"})
    assert "access-control-allow-origin" not in response.headers


# --- RDF input -------------------------------------------------------------------------

def test_xml_bomb_is_rejected_fast(tmp_path):
    from kg.stores.formats import FormatError

    bomb = tmp_path / "炸弹.rdf"
    bomb.write_text(BOMB, encoding="utf-8")
    store = open_store("oxigraph:memory")
    started = time.perf_counter()
    with pytest.raises(FormatError, match="DTD"):
        store.load(bomb)
    assert time.perf_counter() - started < 0.1


@pytest.mark.server
def test_serve_refuses_to_start_on_an_xml_bomb(tmp_path):
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(BOMB, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", "oxigraph:memory",
                          "--port", "0", "--load", str(bomb)],
                         cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert run.returncode != 0
    assert f"kg serve: error: cannot load {bomb}" in run.stderr
    assert run.returncode == 2 and "Traceback" not in run.stderr


def test_json_ld_remote_context_is_not_fetched(tmp_path, logging_server):
    url, hits = logging_server
    doc = tmp_path / "remote.jsonld"
    doc.write_text('{"@context": "%s/ctx.jsonld", "@id": "http://x/政策", "name": "卫生"}' % url,
                   encoding="utf-8")
    with pytest.raises(ValueError):
        open_store("oxigraph:memory").load(doc)
    assert hits == []


# --- updates are off by default, and need a token off loopback --------------------------

def test_update_is_refused_with_403_unless_enabled():
    app = create_app(Settings(store="oxigraph:memory"), store=open_store("oxigraph:memory"))
    with TestClient(app) as test_client:
        response = test_client.post("/update", content=b"CLEAR ALL",
                                    headers={"Content-Type": "application/sparql-update"})
        assert "--update" in assert_error_shape(response, 403)["detail"]


def test_update_token_is_required_when_set():
    app = create_app(Settings(store="oxigraph:memory", update_enabled=True,
                              update_token="s3cret-token"), store=open_store("oxigraph:memory"))
    body = b'INSERT DATA { <http://x/s> <http://x/p> "v" }'
    headers = {"Content-Type": "application/sparql-update"}
    with TestClient(app) as test_client:
        assert_error_shape(test_client.post("/update", content=body, headers=headers), 401)
        wrong = {**headers, "Authorization": "Bearer nope"}
        assert_error_shape(test_client.post("/update", content=body, headers=wrong), 401)
        right = {**headers, "Authorization": "Bearer s3cret-token"}
        assert test_client.post("/update", content=body, headers=right).status_code == 204


def test_serve_off_loopback_without_token_refuses_to_start():
    env = {k: v for k, v in os.environ.items() if k != "HEALTHKG_UPDATE_TOKEN"}
    run = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", "oxigraph:memory",
                          "--host", "0.0.0.0", "--port", "0", "--update"],
                         cwd=ROOT, capture_output=True, text=True, timeout=30, env=env)
    assert run.returncode == 2
    assert "HEALTHKG_UPDATE_TOKEN" in run.stderr


def test_the_logging_server_does_see_requests(logging_server):
    """Control for the zero-hit assertions above: a real fetch is recorded."""
    url, hits = logging_server
    assert httpx.get(f"{url}/data.ttl").status_code == 200
    assert hits == ["/data.ttl"]


def test_host_header_cannot_inject_into_the_base():
    from starlette.requests import Request

    from api.sparql import _service_iri, with_base
    from kg.sparql import tokenize

    request = Request({"type": "http", "scheme": "http", "method": "GET", "path": "/sparql",
                       "query_string": b"", "server": ("127.0.0.1", 8000),
                       "headers": [(b"host", b"h> PREFIX p: <http://evil.example")]})
    base = _service_iri(request)
    assert not set(base) & set('<>"{}|^`\\ ')
    prologue = tokenize(with_base("ASK {}", base))
    assert [t.kind for t in prologue[:2]] == ["word", "iri"] and prologue[2].text == "ASK"
