"""`kg demo`: build the bundled sample corpus into a store and serve it."""
from __future__ import annotations

import sys
from pathlib import Path

#: The five development texts (and their gold annotations) shipped with the package.
SAMPLES_DIR = Path(__file__).parent / "samples"
DEMO_STORE = "oxigraph:data/demo"


def demo(store_url: str | None = None, host: str = "127.0.0.1", port: int = 8000,
         serve: bool = True) -> int:
    """Build `kg/samples/*.txt` into `store_url` (default `oxigraph:data/demo`), then serve it.

    Returns:
        The exit status: non-zero when a sample failed to ingest or the server failed.
    """
    from kg.ingest import build
    from kg.store import open_store

    store_url = store_url or DEMO_STORE
    with open_store(store_url) as store:
        report = build([SAMPLES_DIR], store, progress=sys.stderr)
        print(report.summary(), file=sys.stderr)
        if report.failures or not serve:
            return 1 if report.failures else 0
    from api.app import serve as serve_app
    from api.settings import Settings

    return serve_app(Settings(store=store_url, host=host, port=port))
