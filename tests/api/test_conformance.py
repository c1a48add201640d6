"""The W3C SPARQL 1.1 Protocol suite (rdf-tests sparql11/protocol) against a live `kg serve`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import live_server

SUITE = Path(__file__).resolve().parents[1] / "data" / "conformance" / "sparql-protocol"


@pytest.mark.server
def test_protocol_suite_passes_34_of_34():
    with live_server("--store", "oxigraph:memory", "--load", str(SUITE / "proto_data.nq"),
                     "--update") as (url, _):
        run = subprocess.run(
            [sys.executable, "proto_runner.py", f"{url}/sparql", f"{url}/update"],
            cwd=SUITE, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    failures = [line for line in lines if line.startswith("FAIL")]
    assert failures == []
    assert lines[-1] == "34 passed, 0 failed"
