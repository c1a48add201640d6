"""The app skeleton: settings from `kg serve` flags, the factory, and what the server imports."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

from api.settings import Settings, is_loopback
from kg.cli import build_parser


def test_settings_from_serve_flags(monkeypatch):
    monkeypatch.setenv("HEALTHKG_UPDATE_TOKEN", "t0ken")
    args = build_parser().parse_args([
        "serve", "--store", "oxigraph:memory", "--port", "9001", "--load", "a.nq", "b.trig",
        "--update", "--timeout", "2.5", "--max-rows", "50", "--max-body-bytes", "2048",
        "--max-concurrent", "2", "--cors-origin", "https://a.example",
        "--cors-origin", "https://b.example"])
    settings = Settings.from_cli(args)
    assert settings == Settings(
        store="oxigraph:memory", host="127.0.0.1", port=9001, load=(Path("a.nq"), Path("b.trig")),
        update_enabled=True, update_token="t0ken", timeout=2.5, max_rows=50,
        max_body_bytes=2048, max_concurrent=2,
        cors_origins=("https://a.example", "https://b.example"), base=settings.base)


def test_settings_defaults_and_environment(monkeypatch):
    monkeypatch.delenv("HEALTHKG_UPDATE_TOKEN", raising=False)
    monkeypatch.setenv("HEALTHKG_MAX_CONCURRENT", "7")
    monkeypatch.setenv("HEALTHKG_CORS_ORIGINS", "https://x.example, https://y.example")
    settings = Settings.from_cli(build_parser().parse_args(["serve", "--store", "oxigraph:memory"]))
    assert (settings.timeout, settings.max_rows, settings.max_body_bytes) == (10.0, 10_000, 1 << 20)
    assert settings.max_concurrent == 7 and not settings.update_enabled
    assert settings.update_token is None
    assert settings.cors_origins == ("https://x.example", "https://y.example")


@pytest.mark.parametrize("bad", [{"timeout": 0}, {"max_rows": 0}, {"max_body_bytes": 0},
                                 {"max_concurrent": 0}])
def test_settings_refuse_nonsense_limits(bad):
    with pytest.raises(ValueError):
        Settings(store="oxigraph:memory", **bad)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("::1", True), ("localhost", True), ("0.0.0.0", False),
    ("192.168.1.10", False), ("example.org", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_update_off_loopback_needs_a_token():
    with pytest.raises(ValueError, match="HEALTHKG_UPDATE_TOKEN"):
        Settings(store="oxigraph:memory", host="0.0.0.0", update_enabled=True)\
            .check_update_exposure()
    Settings(store="oxigraph:memory", host="0.0.0.0").check_update_exposure()  # read-only: fine


def test_the_server_does_not_import_spacy():
    code = ("import sys; from api.app import create_app; from api.settings import Settings; "
            "create_app(Settings(store='oxigraph:memory')); "
            "print('spacy' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert run.stdout.strip() == "False", run.stderr


@pytest.mark.parametrize("module", ["api.errors", "api.settings", "api.app", "api.sparql",
                                    "api.sparql_results", "kg.sparql"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_serve_reports_a_missing_store_in_one_line(tmp_path):
    run = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store",
                          f"oxigraph:{tmp_path / '无'}", "--port", "0"],
                         cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert run.returncode == 2
    assert run.stderr.startswith("kg serve: error:") and "Traceback" not in run.stderr
