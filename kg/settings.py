"""Ingestion-side settings: where the graph lives and how its IRIs are minted."""
from __future__ import annotations

import os

#: Where `kg build`/`kg query` keep the graph unless told otherwise.
DEFAULT_STORE = os.environ.get("HEALTHKG_STORE", "oxigraph:data/healthkg")

#: Base of every data IRI (`{base}/id/...`) and named graph (`{base}/graph/...`).
DEFAULT_BASE = "https://w3id.org/healthkg"


def iri_base() -> str:
    """The configured IRI base, without a trailing slash (env `HEALTHKG_BASE`)."""
    return os.environ.get("HEALTHKG_BASE", DEFAULT_BASE).rstrip("/")
