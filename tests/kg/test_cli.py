"""The `kg` command run as a subprocess, as a user runs it: extract, build, query, stats,
export, remove, backup, restore, and one clear line for each bad input."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from graph_samples import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
SMALL = ["002_ef9fea7081757388", "004_4013ed434cadcea2"]  # the two budget reports


def kg(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("HEALTHKG_STORE", None)
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """Two sample texts in a folder, and four bad inputs next to them."""
    work = tmp_path_factory.mktemp("cli")
    (work / "texts").mkdir()
    for stem in SMALL:
        shutil.copy(SAMPLES / f"{stem}.txt", work / "texts" / f"{stem}.txt")
    (work / "bad").mkdir()
    (work / "bad" / "empty.txt").write_bytes(b"")
    (work / "bad" / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (work / "bad" / "latin1.md").write_bytes(b"\x80\x81\xff caf\xe9" * 8)
    return work


@pytest.fixture(scope="module")
def built(workdir: Path) -> tuple[str, subprocess.CompletedProcess]:
    """`kg build` of the texts, the bad files and a missing path into oxigraph:DIR."""
    store = f"oxigraph:{workdir / 'store'}"
    result = kg("build", "texts", "bad/empty.txt", "bad/scan.txt", "bad/latin1.md",
                "missing.txt", "--store", store, cwd=workdir)
    return store, result


def test_build_reports_each_bad_input_on_one_line(built) -> None:
    _, result = built
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == 4
    for name, reason in [("empty.txt", "empty"), ("scan.txt", "binary"),
                         ("latin1.md", "undecodable"), ("missing.txt", "no such file")]:
        assert [line for line in errors if name in line and reason in line], (name, errors)
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("2 added, 0 replaced, 0 unchanged, 4 failed")


def test_building_again_is_a_no_op(built, workdir: Path) -> None:
    store, _ = built
    again = kg("build", "texts", "--store", store, cwd=workdir)
    assert again.returncode == 0 and again.stdout.startswith("0 added, 0 replaced, 2 unchanged")


def test_stats(built, workdir: Path) -> None:
    store, _ = built
    result = kg("stats", "--store", store, cwd=workdir)
    stats = dict(line.split("\t") for line in result.stdout.splitlines())
    assert result.returncode == 0 and stats["documents"] == stats["graphs"] == "2"
    assert int(stats["quads"]) > 500


QUERY = 'SELECT ?name WHERE { ?d a hp:SourceDocument ; rdfs:label ?name } ORDER BY ?name'


def test_query_formats(built, workdir: Path) -> None:
    store, _ = built
    table = kg("query", QUERY, "--store", store, cwd=workdir)
    assert table.returncode == 0
    assert table.stdout.splitlines()[2:] == [*SMALL, "(2 rows)"]
    as_json = json.loads(kg("query", QUERY, "--store", store, "--format", "json",
                            cwd=workdir).stdout)
    assert [b["name"]["value"] for b in as_json["results"]["bindings"]] == SMALL
    as_csv = list(csv.reader(io.StringIO(kg("query", QUERY, "--store", store, "--format", "csv",
                                            cwd=workdir).stdout)))
    assert as_csv == [["name"], [SMALL[0]], [SMALL[1]]]
    (workdir / "q.rq").write_text(QUERY, encoding="utf-8")
    assert kg("query", "@q.rq", "--store", store, cwd=workdir).stdout == table.stdout


def test_query_errors_are_one_line(built, workdir: Path) -> None:
    store, _ = built
    bad = kg("query", "SELEC ?x", "--store", store, cwd=workdir)
    assert bad.returncode == 2 and bad.stderr.startswith("kg: error:")
    assert len(bad.stderr.strip().splitlines()) == 1
    missing = kg("query", QUERY, "--store", f"oxigraph:{workdir / 'nowhere'}", cwd=workdir)
    assert missing.returncode == 2 and "no store here" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", ["nquads", "graphml"])
def test_export(built, workdir: Path, fmt: str) -> None:
    store, _ = built
    target = workdir / f"export.{fmt}"
    assert kg("export", "--store", store, "--format", fmt, "-o", target, cwd=workdir).returncode == 0
    text = target.read_text(encoding="utf-8")
    assert "浔阳区" in text and "https://w3id.org/healthkg/graph/doc/" in text or fmt == "graphml"
    assert "浔阳区" in text


def test_backup_remove_restore(built, workdir: Path) -> None:
    store, _ = built
    assert kg("backup", workdir / "backup", "--store", store, cwd=workdir).returncode == 0
    removed = kg("remove", SMALL[0], "--store", store, cwd=workdir)
    assert removed.returncode == 0 and removed.stdout.startswith("removed https://")
    gone = kg("remove", SMALL[0], "--store", store, cwd=workdir)
    assert gone.returncode == 2 and "no document" in gone.stderr
    assert "1\n" in kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?d a hp:SourceDocument }",
                       "--store", store, "--format", "csv", cwd=workdir).stdout
    assert kg("restore", workdir / "backup", "--store", store, cwd=workdir).returncode == 0
    stats = kg("stats", "--store", store, cwd=workdir).stdout
    assert "documents\t2" in stats


def test_extract_eval_on_a_folder(workdir: Path) -> None:
    result = kg("extract", "texts", "bad/empty.txt", "--format", "eval", cwd=workdir)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if "empty.txt" in line]
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["doc_id"] for d in docs] == SMALL
    for doc in docs:
        assert {"doc_id", "kind", "policies", "regions", "organizations", "obligations"} <= set(doc)
    assert "440307" in docs[0]["regions"]  # 深圳市龙岗区, in every line of the 002 report


def test_extract_ttl_is_a_graph(workdir: Path) -> None:
    import pyoxigraph as ox

    result = kg("extract", f"texts/{SMALL[1]}.txt", "--format", "ttl", cwd=workdir)
    assert result.returncode == 0
    triples = list(ox.parse(result.stdout.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert any(t.object == ox.Literal("360403") for t in triples)
