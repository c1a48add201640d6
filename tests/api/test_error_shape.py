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
