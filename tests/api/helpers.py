"""Assertions shared by every API test."""
from __future__ import annotations

from typing import Any


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    """Check ``response`` is an error with the one JSON shape and ``status``.

    Works with httpx/TestClient and requests responses. Returns the inner
    ``error`` object so a test can check the detail text.
    """
    assert response.status_code == status, (response.status_code, response.text[:500])
    content_type = response.headers.get("content-type", "")
    assert content_type.startswith("application/json"), content_type
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"status", "title", "detail"}, error
    assert error["status"] == status, error
    assert isinstance(error["title"], str) and error["title"], error
    assert isinstance(error["detail"], str) and error["detail"], error
    return error
