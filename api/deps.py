"""FastAPI dependencies: the settings and the open store, both set by :func:`api.app.create_app`."""
from __future__ import annotations

from typing import Any

from fastapi import Request

from api.errors import ServiceUnavailable
from api.settings import Settings


def get_settings(request: Request) -> Settings:
    """The :class:`Settings` the app was created with (override in tests via ``dependency_overrides``)."""
    return request.app.state.settings


def get_store(request: Request) -> Any:
    """The store opened in the app's lifespan.

    Raises:
        ServiceUnavailable: the app is not started (no lifespan ran) or the store is closed.
    """
    store = getattr(request.app.state, "store", None)
    if store is None:
        raise ServiceUnavailable("the store is not open")
    return store


def get_query_runner(request: Request) -> Any:
    """The :class:`kg.sparql.QueryRunner` that runs queries under the deadline and row cap.

    REST routes that evaluate SPARQL should use it (``await runner.run(...)``) so that
    their queries are bounded too.
    """
    runner = getattr(request.app.state, "query_runner", None)
    if runner is None:
        raise ServiceUnavailable("the query runner is not started")
    return runner
