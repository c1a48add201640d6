"""The `>>>` examples in the graph, store and ingestion modules run and hold."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["extractors.load", "extractors.schema", "kg.iri", "kg.resolve", "kg.build",
           "kg.store", "kg.stores.formats", "kg.results", "kg.ingest"]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
    assert result.attempted > 0
