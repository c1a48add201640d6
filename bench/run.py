"""Speed and memory of healthkg, as ratios to a baseline measured side by side in one run.

    python bench/run.py [--docs N] [--corpus DIR] [--repeat R]

- extraction: our pipeline vs. spaCy's bare `blank("zh")` tokenizer on the same texts
  (how many times the cost of tokenising alone the full extraction is);
- loading: the built quads into pyoxigraph's native store vs. an rdflib in-memory Dataset;
- querying: researcher queries on both stores (the embedded store answers through the
  same `Store.query` the API uses);
- memory: peak traced allocation of building the graph, per input character.

The corpus defaults to ../shared/corpus/laws when it is beside the clone, else the
bundled samples. Figures vary between machines; the ratios are what to compare.
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from extractors.schema import DocumentExtraction
from kg.build import build_quads
from kg.ingest import extract_paths, iter_sources
from kg.store import open_store
from ontology.namespace import sparql_prologue

ROOT = Path(__file__).resolve().parent.parent

QUERIES = {
    "policies by issuer": """SELECT ?issuer (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?p a hp:Policy ; eli:passed_by ?o . ?o skos:prefLabel ?issuer } GROUP BY ?issuer ORDER BY DESC(?n)""",
    "obligations with deadline": """SELECT ?text ?deadline WHERE {
        ?d hp:text ?text ; hp:deadline ?deadline } ORDER BY ?deadline""",
    "most cited": """SELECT ?cited (COUNT(?p) AS ?n) WHERE { ?p eli:cites ?cited }
        GROUP BY ?cited ORDER BY DESC(?n) LIMIT 20""",
    "regions under a province": """SELECT ?r ?name WHERE {
        ?r skos:broader+ ?prov ; skos:prefLabel ?name . ?prov skos:notation "430000" }""",
}


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of `fn` over `repeat` runs, in seconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def corpus_files(corpus: Path, docs: int) -> list[Path]:
    files = [p for p in iter_sources([corpus]) if isinstance(p, Path)]
    return sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:docs]


def bench_extraction(files: list[Path], repeat: int) -> tuple[list[DocumentExtraction], list[str]]:
    import spacy

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    chars = sum(map(len, texts))
    extractions = [x for x in extract_paths(files) if isinstance(x, DocumentExtraction)]  # warm-up
    blank = spacy.blank("zh")
    ours = timed(lambda: list(extract_paths(files)), repeat)
    base = timed(lambda: [blank.make_doc(t) for t in texts], repeat)
    return extractions, [
        f"extraction      {len(files)} docs, {chars:,} chars: {chars / ours:,.0f} chars/s; "
        f"{ours / base:.1f}x the time of blank('zh') tokenisation alone ({chars / base:,.0f} chars/s)"]


def bench_workers(files: list[Path]) -> list[str]:
    """`kg build` with one extraction process and with two, into fresh in-memory stores."""
    from kg.ingest import build

    def run(workers: int) -> float:
        with open_store("oxigraph:memory") as store:
            return timed(lambda: build(files, store, workers=workers), 1)

    one, two = run(1), run(2)
    return [f"build           --workers 1: {one:.1f} s, --workers 2: {two:.1f} s: {one / two:.2f}x faster"]


def bench_graph(extractions: list[DocumentExtraction], repeat: int) -> list[str]:
    import rdflib

    tracemalloc.start()
    quads = [q for x in extractions
             for q in build_quads(x, hashlib.sha256(x.text.encode()).hexdigest())]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    chars = sum(len(x.text) for x in extractions)
    nquads = "\n".join(f"{q} ." for q in quads)

    def load_oxigraph():
        with open_store("oxigraph:memory") as store:
            store.add_quads(quads)

    def load_rdflib():
        rdflib.Dataset().parse(data=nquads, format="nquads")

    ox, rd = timed(load_oxigraph, repeat), timed(load_rdflib, repeat)
    lines = [f"graph build     {len(quads):,} quads; peak {peak / 2**20:.1f} MiB traced "
             f"({peak / max(chars, 1):.0f} bytes per input char)",
             f"loading         oxigraph {ox * 1000:.0f} ms vs rdflib {rd * 1000:.0f} ms: "
             f"rdflib/oxigraph = {rd / ox:.1f}x"]
    store = open_store("oxigraph:memory")
    store.add_quads(quads)
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=nquads, format="nquads")
    for name, body in QUERIES.items():
        query = sparql_prologue() + body
        ox = timed(lambda query=query: list(store.query(query)), repeat)
        rd = timed(lambda query=query: list(dataset.query(query)), repeat)
        lines.append(f"query           {name:28} oxigraph {ox * 1000:7.1f} ms, rdflib {rd * 1000:7.1f} ms:"
                     f" {rd / ox:5.1f}x")
    store.close()
    return lines


def main(argv: list[str] | None = None) -> int:
    laws = ROOT.parent / "shared" / "corpus" / "laws"
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=laws if laws.is_dir() else ROOT / "kg" / "samples")
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    files = corpus_files(args.corpus, args.docs)
    extractions, lines = bench_extraction(files, args.repeat)
    lines += bench_graph(extractions, args.repeat)
    lines += bench_workers(files)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
