"""Ingestion, the only module doing I/O for it: files -> extractions -> named graphs.

A document's graph is named after the SHA-256 of its bytes, so re-ingesting the
same bytes is a no-op (checked before any extraction runs), a changed file gets a
new graph that atomically replaces the old one (found by its doc_id, the file
stem), and a file that cannot be read is reported by name while the others
still ingest.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import TextIO

from pyoxigraph import Quad, RdfFormat, serialize

from extractors.load import HTML_SUFFIXES, TEXT_SUFFIXES, LoadError, decode
from extractors.schema import DocumentExtraction
from kg import iri
from kg.build import build_quads
from kg.store import Store
from kg.stores import formats
from ontology.namespace import PREFIXES

#: Suffixes picked up when a folder is given (a file given by name is always read).
SOURCE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

#: text, doc_id, source -> DocumentExtraction.
Extractor = Callable[[str, str, str], DocumentExtraction]


def default_extractor() -> Extractor:
    """`extractors.pipeline.extract_text` (imported late: spaCy loads only when needed)."""
    from extractors.pipeline import extract_text

    return extract_text


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path | LoadError]:
    """Source files under `paths`: files as given, folders searched recursively for
    .txt/.md/.html, sorted; a missing path yields a `LoadError`.

    >>> [type(x).__name__ for x in iter_sources(["不存在的目录"])]
    ['LoadError']
    """
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*")
                              if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES
                              and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            yield path
        else:
            yield LoadError(path, "no such file or directory")


@dataclass
class Source:
    """One source file read into memory: its bytes' hash and its decoded text."""

    path: Path
    sha256: str
    data: bytes

    @property
    def doc_id(self) -> str:
        return self.path.stem

    def text(self) -> str:
        return decode(self.data, self.path)


def read_source(path: Path) -> Source:
    """Read a file's bytes (not yet decoded: unchanged files are never decoded).

    Raises:
        LoadError: the file cannot be read.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(path, f"cannot read: {exc.strerror or exc}") from None
    return Source(path, hashlib.sha256(data).hexdigest(), data)


def _extract(source: Source, extract: Extractor) -> DocumentExtraction:
    text = source.text()
    if source.path.suffix.lower() in HTML_SUFFIXES:
        from extractors.load import html_to_text

        text = html_to_text(text)
    try:
        return extract(text, source.doc_id, str(source.path))
    except Exception as exc:  # one bad document must not stop a batch
        raise LoadError(source.path, f"extraction failed: {type(exc).__name__}: {exc}") from exc


def extract_paths(paths: Iterable[str | Path], extract: Extractor | None = None
                  ) -> Iterator[DocumentExtraction | LoadError]:
    """Extract every source under `paths`; unreadable ones come out as `LoadError`s.

    Args:
        paths: files or folders.
        extract: text, doc_id, source -> DocumentExtraction; default the spaCy pipeline.
    """
    extract = extract or default_extractor()
    for item in iter_sources(paths):
        if isinstance(item, LoadError):
            yield item
            continue
        try:
            yield _extract(read_source(item), extract)
        except LoadError as exc:
            yield exc


def _source_sha256(extraction: DocumentExtraction) -> str:
    """The hash that names a document's graph: of the file's bytes when it still exists."""
    path = Path(extraction.source)
    data = path.read_bytes() if path.is_file() else extraction.text.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def write_extractions(items: Iterable[DocumentExtraction | LoadError], format: str,
                      out: TextIO, err: TextIO | None = None) -> int:
    """Write extractions to `out`: `eval` = one ANNOTATION.md prediction object per line;
    `jsonld`/`ttl` = the graph `kg build` would store (ttl: the union of the graphs).

    Errors go to `err` (default stderr), one line each naming the file.

    Returns:
        How many sources failed.
    """
    err = err if err is not None else sys.stderr
    failures = 0
    quads: list[Quad] = []
    for item in items:
        if isinstance(item, LoadError):
            failures += 1
            print(f"kg: error: {item}", file=err)
        elif format == "eval":
            record = item.to_eval()
            record["doc_id"] = Path(item.source).stem if item.source else item.doc_id
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
        else:
            quads.extend(build_quads(item, _source_sha256(item)))
    if format != "eval" and quads:
        if format == "ttl":
            data = serialize((q.triple for q in formats.to_triples(quads)),
                             format=RdfFormat.TURTLE, prefixes=PREFIXES)
        else:
            data = serialize(quads, format=RdfFormat.JSON_LD)
        out.write(data.decode("utf-8"))
    return failures


@dataclass
class IngestReport:
    """What a build did, file by file."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failures: list[LoadError] = field(default_factory=list)
    quads: int = 0

    def summary(self) -> str:
        """One line: `3 added, 1 replaced, 1 unchanged, 0 failed (12993 quads written)`."""
        return (f"{len(self.added)} added, {len(self.replaced)} replaced, "
                f"{len(self.unchanged)} unchanged, {len(self.failures)} failed "
                f"({self.quads} quads written)")


def graphs_of_document(store: Store, doc_id: str) -> list[str]:
    """Named graphs holding a source document labelled `doc_id` (older versions of a file)."""
    literal = json.dumps(doc_id, ensure_ascii=False)
    result = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?d a hp:SourceDocument ; "
                         f"rdfs:label {literal} }} }}", union_default=False)
    return sorted(row["g"].value for row in result)


def _extract_or_error(source: Source, extract: Extractor) -> DocumentExtraction | LoadError:
    try:
        return _extract(source, extract)
    except LoadError as exc:
        return exc


def _extract_all(sources: list[Source], extract: Extractor, workers: int
                 ) -> Iterator[DocumentExtraction | LoadError]:
    """Each source's extraction, in order; in `workers` processes when more than one.

    Workers are spawned, not forked: the parent may hold an open store whose threads and
    locks a forked child would inherit. Each worker loads the pipeline once.
    """
    if workers <= 1 or len(sources) <= 1:
        yield from (_extract_or_error(s, extract) for s in sources)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(workers, len(sources)), mp_context=context) as pool:
        yield from pool.map(_extract_or_error, sources, repeat(extract))


def build(paths: Iterable[str | Path], store: Store, progress: TextIO | None = None,
          extract: Extractor | None = None, workers: int = 1) -> IngestReport:
    """Ingest every source under `paths` into `store`, one named graph per document.

    Args:
        paths: files or folders.
        store: where the graphs go.
        progress: a stream for one line per file and one per error (`None`: silent).
        extract: as in `extract_paths`.
        workers: processes extracting in parallel; the store is written by this one alone.

    Returns:
        What was added, replaced, left unchanged or failed.
    """
    report = IngestReport()

    def say(line: str) -> None:
        if progress is not None:
            print(line, file=progress, flush=True)

    def fail(error: LoadError) -> None:
        report.failures.append(error)
        say(f"kg: error: {error}")

    sources = list(iter_sources(paths))
    pending: list[tuple[int, Source]] = []  # changed or new: to extract
    for n, item in enumerate(sources, 1):
        try:
            source = read_source(item) if isinstance(item, Path) else None
        except LoadError as exc:
            item = exc
            source = None
        if source is None:
            fail(item)
        elif store.has_graph(iri.graph_iri(source.sha256)):
            report.unchanged.append(source.doc_id)
            say(f"[{n}/{len(sources)}] unchanged {item}")
        else:
            pending.append((n, source))
    extracted = _extract_all([s for _, s in pending], extract or default_extractor(), workers)
    for (n, source), extraction in zip(pending, extracted):
        if isinstance(extraction, LoadError):
            fail(extraction)
            continue
        graph = iri.graph_iri(source.sha256)
        quads = build_quads(extraction, source.sha256)
        older = [g for g in graphs_of_document(store, source.doc_id) if g != graph]
        store.replace_graph(graph, quads, drop=older)
        (report.replaced if older else report.added).append(source.doc_id)
        report.quads += len(quads)
        say(f"[{n}/{len(sources)}] {'replaced' if older else 'added'} {source.path} "
            f"({len(quads)} quads)")
    if report.added or report.replaced:
        store.optimize()
    return report


def remove_document(store: Store, doc: str) -> str | None:
    """Remove a document's graph, named by doc_id (file stem), sha256, or graph/document IRI.

    Returns:
        The removed graph's IRI, or `None` when no such document is stored.
    """
    if doc.startswith(("http://", "https://")):
        sha = doc.rstrip("/").rsplit("/", 1)[-1]
        candidates = [doc, iri.graph_iri(sha)]
    elif len(doc) == 64 and all(c in "0123456789abcdef" for c in doc.lower()):
        candidates = [iri.graph_iri(doc.lower())]
    else:
        candidates = graphs_of_document(store, doc)
    for graph in candidates:
        if graph.startswith(iri.graph_iri("")) and store.remove_graph(graph):
            return graph
    return None
