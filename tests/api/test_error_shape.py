"""Every error the app can produce has the one JSON shape (api/errors.py)."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from helpers import assert_error_shape

from api.errors import BadRequest, ServiceUnavailable, error_body, install_error_handlers


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/bad")
    def bad() -> None:
        raise BadRequest("查询语法错误: 第 1 行")

    @app.get("/busy")
    def busy() -> None:
        raise ServiceUnavailable("too many concurrent queries", retry_after=3)

    @app.get("/int")
    def integer(n: int) -> dict:
        return {"n": n}

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    return app


def test_error_body_has_status_title_detail():
    assert error_body(406, "no match") == {
        "error": {"status": 406, "title": "Not Acceptable", "detail": "no match"}}


def test_api_error_renders_detail():
    error = assert_error_shape(TestClient(_app()).get("/bad"), 400)
    assert "查询语法错误" in error["detail"]


def test_service_unavailable_sets_retry_after():
    response = TestClient(_app()).get("/busy")
    assert_error_shape(response, 503)
    assert response.headers["retry-after"] == "3"


def test_unknown_route_is_404_in_the_shape():
    assert_error_shape(TestClient(_app()).get("/nope"), 404)


def test_wrong_method_is_405_in_the_shape():
    assert_error_shape(TestClient(_app()).post("/bad"), 405)


def test_validation_error_is_422_in_the_shape():
    error = assert_error_shape(TestClient(_app()).get("/int", params={"n": "十"}), 422)
    assert "n" in error["detail"]


def test_unexpected_exception_is_500_without_internals():
    client = TestClient(_app(), raise_server_exceptions=False)
    error = assert_error_shape(client.get("/boom"), 500)
    assert "secret" not in error["detail"]


# --- the real app: every kind of refusal it makes has the shape ---------------------------

def _real_app(**settings):
    from api.app import create_app
    from api.settings import Settings
    from kg.store import open_store

    return create_app(Settings(store="oxigraph:memory", **settings),
                      store=open_store("oxigraph:memory"))


SPARQL_QUERY = {"Content-Type": "application/sparql-query"}
SPARQL_UPDATE = {"Content-Type": "application/sparql-update"}


def test_every_refusal_of_the_app_has_the_shape():
    cases = [
        (404, "GET", "/no/such/page", {}, None),
        (405, "PUT", "/sparql", {}, None),
        (405, "GET", "/update", {}, None),
        (400, "GET", "/sparql?query=SELECT%20*%20%7B", {}, None),
        (400, "GET", "/sparql?query=SELECT%20*%20%7B%20SERVICE%20%3Chttp://x/%3E%20%7B%7D%20%7D",
         {}, None),
        (406, "GET", "/sparql?query=ASK%20%7B%7D", {"Accept": "image/png"}, None),
        (413, "POST", "/sparql", SPARQL_QUERY, b"ASK {} #" + b"x" * 2048),
        (415, "POST", "/sparql", {"Content-Type": "text/plain"}, b"ASK {}"),
        (403, "POST", "/update", SPARQL_UPDATE, b"CLEAR ALL"),
    ]
    with TestClient(_real_app(max_body_bytes=1024)) as client:
        for status, method, url, headers, body in cases:
            response = client.request(method, url, headers=headers, content=body)
            assert_error_shape(response, status)


def test_timeouts_and_token_refusals_have_the_shape():
    runaway = "SELECT (COUNT(*) AS ?n) { " + " ".join(
        f"VALUES ?v{i} {{ {' '.join(map(str, range(100)))} }}" for i in range(5)) + " }"
    with TestClient(_real_app(timeout=0.3, update_enabled=True, update_token="t0ken")) as client:
        assert_error_shape(client.get("/sparql", params={"query": runaway}), 503)
        assert_error_shape(client.post("/update", content=b"CLEAR ALL", headers=SPARQL_UPDATE),
                           401)
