"""schemathesis against the OpenAPI schema: every REST operation, generated inputs.

Checks (schemathesis defaults): no 5xx, every status code and content type documented,
every body valid against its documented schema — errors included, so the one error
shape is what `/openapi.json` promises. Runs in-process over ASGI on the mini graph.

The schema is loaded at import (schemathesis's `from_fixture` breaks on pytest 9: it
reads `request.node._nodeid`); the store is only attached when the module's fixture runs
the app's lifespan.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from api.app import create_app
from api.settings import Settings

MINI_GRAPH = Path(__file__).resolve().parents[1] / "data" / "mini_graph.trig"
#: Operations owned by the REST API (the SPARQL endpoint has its own protocol tests).
REST_PATHS = r"^/(api|-)/"


class _LazyStore:
    """Forwards to the mini store once the module fixture has opened it."""

    target = None

    def __getattr__(self, name):
        if self.target is None:
            raise RuntimeError("the schemathesis module fixture has not opened the store")
        return getattr(self.target, name)


STORE = _LazyStore()
APP = create_app(Settings(store="oxigraph:memory"), store=STORE)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).include(path_regex=REST_PATHS)


@pytest.fixture(scope="module", autouse=True)
def running_app(mini_store):
    STORE.target = mini_store
    with TestClient(APP):   # runs the lifespan, which puts the store on app.state
        yield
    STORE.target = None


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,  # the same cases on every CI run
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_rest_api_conforms_to_its_schema(case):
    case.call_and_validate()


def test_schema_covers_every_rest_operation():
    paths = {op.ok().path for op in schema.get_all_operations()}
    assert paths == {"/api/policies", "/api/policies/{policy_id}", "/api/organizations",
                     "/api/organizations/{org_id}", "/api/regions/{code}", "/api/obligations",
                     "/api/documents", "/api/documents/{document_id}", "/api/search",
                     "/api/analysis/most-cited", "/api/analysis/path", "/-/health", "/-/stats"}
