"""Shared fixtures: the bundled sample corpus with its gold annotations."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kg" / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The five development texts with their gold JSON (copied from ../shared/eval/dev)."""
    return SAMPLES


@pytest.fixture(scope="session")
def sample_texts() -> dict[str, str]:
    """doc_id -> decoded text of each bundled sample."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}


#: Two hand-checked documents shaped as docs/graph.md (郴州 opinion excerpt, 河南 regulation).
MINI_GRAPH = ROOT / "tests" / "data" / "mini_graph.trig"


@pytest.fixture(scope="session")
def mini_store():
    """An in-memory store holding `tests/data/mini_graph.trig` (read it, do not write to it)."""
    from kg.store import open_store

    store = open_store("oxigraph:memory")
    store.load(MINI_GRAPH)
    yield store
    store.close()
