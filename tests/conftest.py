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
