"""kg.ingest with the gold extractions: content-hash no-op, replacement, bad input, removal."""
from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from graph_samples import SAMPLES, gold_extractor

from extractors.load import LoadError
from kg import iri
from kg.ingest import (
    build,
    extract_paths,
    iter_sources,
    remove_document,
    write_extractions,
)
from kg.store import open_store

SMALL = ["002_ef9fea7081757388", "004_4013ed434cadcea2"]  # the two budget reports


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two samples (text + gold JSON) in a nested folder, plus files that must be skipped."""
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    for i, stem in enumerate(SMALL):
        target = folder / ("sub" if i else "") / f"{stem}.txt"
        shutil.copy(SAMPLES / f"{stem}.txt", target)
        shutil.copy(SAMPLES / f"{stem}.json", target.with_suffix(".json"))
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "x.txt").write_text("隐藏", encoding="utf-8")
    return folder


def test_sources_are_found_recursively(corpus: Path) -> None:
    found = list(iter_sources([corpus, corpus / "missing.txt"]))
    assert [p.name for p in found[:-1]] == [f"{SMALL[0]}.txt", f"{SMALL[1]}.txt"]
    assert isinstance(found[-1], LoadError) and "missing.txt" in str(found[-1])


def test_build_is_a_no_op_for_the_same_bytes(corpus: Path) -> None:
    with open_store("oxigraph:memory") as store:
        first = build([corpus], store, extract=gold_extractor)
        quads = set(store.quads())
        again = build([corpus], store, extract=gold_extractor)
        assert (len(first.added), len(again.added), len(again.unchanged)) == (2, 0, 2)
        assert set(store.quads()) == quads
        assert again.summary().startswith("0 added, 0 replaced, 2 unchanged, 0 failed")


def test_a_changed_file_replaces_its_graph(corpus: Path) -> None:
    path = corpus / f"{SMALL[0]}.txt"
    with open_store("oxigraph:memory") as store:
        build([corpus], store, extract=gold_extractor)
        old = iri.graph_iri(hashlib.sha256(path.read_bytes()).hexdigest())
        path.write_text(path.read_text(encoding="utf-8") + "\n附件：无", encoding="utf-8")
        report = build([corpus], store, extract=gold_extractor)
        assert report.replaced == [SMALL[0]] and report.unchanged == [SMALL[1]]
        assert old not in store.graphs() and len(store.graphs()) == 2


def test_bad_input_is_reported_and_the_rest_ingests(corpus: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (corpus / "latin1.md").write_bytes(b"\x80\x81\xff" * 10)
    progress = io.StringIO()
    with open_store("oxigraph:memory") as store:
        report = build([corpus, corpus / "missing"], store, progress=progress,
                       extract=gold_extractor)
        assert len(report.added) == 2 and len(store.graphs()) == 2
    assert sorted(e.path.name for e in report.failures) == \
        ["empty.txt", "image.txt", "latin1.md", "missing"]
    errors = [line for line in progress.getvalue().splitlines() if line.startswith("kg: error")]
    assert len(errors) == 4 and all(str(corpus) in line for line in errors)


def test_an_extractor_crash_is_a_load_error(corpus: Path) -> None:
    def crashing(text: str, doc_id: str, source: str):
        raise IndexError("span out of range")

    with open_store("oxigraph:memory") as store:
        report = build([corpus], store, extract=crashing)
    assert len(report.failures) == 2
    assert "extraction failed: IndexError: span out of range" in str(report.failures[0])


def test_remove_document_by_any_name(corpus: Path) -> None:
    with open_store("oxigraph:memory") as store:
        build([corpus], store, extract=gold_extractor)
        graphs = store.graphs()
        sha = graphs[0].rsplit("/", 1)[1]
        assert remove_document(store, sha) == graphs[0]
        assert remove_document(store, SMALL[0]) in (graphs[1], None)
        build([corpus], store, extract=gold_extractor)
        assert remove_document(store, iri.document_iri(sha)) == graphs[0]
        assert remove_document(store, "不存在的文件") is None
        assert remove_document(store, "http://example.org/other") is None


def test_eval_output_is_one_prediction_per_line(corpus: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    failures = write_extractions(extract_paths([corpus, corpus / "gone.txt"],
                                               extract=gold_extractor), "eval", out, err)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert failures == 1 and "gone.txt" in err.getvalue()
    assert [d["doc_id"] for d in lines] == SMALL
    gold = json.loads((SAMPLES / f"{SMALL[0]}.json").read_text(encoding="utf-8"))
    assert lines[0]["policies"] == gold["policies"] and lines[0]["kind"] == gold["kind"]


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_graph_output_is_what_build_stores(corpus: Path, fmt: str) -> None:
    out = io.StringIO()
    write_extractions(extract_paths([corpus], extract=gold_extractor), fmt, out)
    parsed = ox.parse(out.getvalue().encode("utf-8"),
                      format=ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.JSON_LD)
    with open_store("oxigraph:memory") as store:
        build([corpus], store, extract=gold_extractor)
        stored = {(q.subject, q.predicate, q.object) for q in store.quads()}
        if fmt == "jsonld":
            assert set(parsed) == set(store.quads())
        else:
            assert {(q.subject, q.predicate, q.object) for q in parsed} == stored


def test_parallel_extraction_builds_the_same_graphs(corpus: Path) -> None:
    """`kg build --workers 2`: the real pipeline in two spawned processes, same quads."""
    serial, parallel = open_store("oxigraph:memory"), open_store("oxigraph:memory")
    assert build([corpus], serial).summary() == build([corpus], parallel, workers=2).summary()
    assert set(serial.quads()) == set(parallel.quads())
    assert len(set(parallel.quads())) > 1000
