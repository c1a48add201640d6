"""The bundled samples as extractions built from their gold JSON (no spaCy needed).

Graph tests use these so they check the graph code against known-good input,
independently of how well extraction performs.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import rdflib

from extractors.schema import DocumentExtraction
from ontology.namespace import SHAPES_TTL

SAMPLES = Path(__file__).resolve().parent.parent / "kg" / "samples"


def gold_extractor(text: str, doc_id: str, source: str) -> DocumentExtraction:
    """An `kg.ingest.Extractor` that reads `<doc_id>.json` next to the source file."""
    gold = json.loads(Path(source).with_suffix(".json").read_text(encoding="utf-8"))
    extraction = DocumentExtraction.from_eval(gold, text)
    extraction.source = source
    return extraction


def sample_extractions() -> list[tuple[DocumentExtraction, str]]:
    """(extraction, sha256 of the file's bytes) for each bundled sample."""
    out = []
    for txt in sorted(SAMPLES.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        out.append((gold_extractor(text, txt.stem, str(txt)),
                    hashlib.sha256(txt.read_bytes()).hexdigest()))
    return out


def shapes_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES_TTL)
