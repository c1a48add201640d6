"""A processed `Doc` -> `DocumentExtraction`, the plain value the graph builder reads.

Every component left its results in `doc.spans[...]` (offsets) and, where a span
label cannot hold them, plain values in `doc.user_data[...]`. This module only
regroups them: regions by code, organizations by canonical name, dates with the
issue date of the self policy marked `issued`, policies and obligations as made.
"""
from __future__ import annotations

from spacy.tokens import Doc

from extractors.dates import DateHit
from extractors.doc_text import document_text
from extractors.organizations import OrgHit, collect_organizations
from extractors.schema import (
    DateMention,
    DocumentExtraction,
    Mention,
    Policy,
    RegionMention,
)


def _regions(doc: Doc) -> list[RegionMention]:
    by_code: dict[str, RegionMention] = {}
    for span in doc.spans.get("hp_regions", []):
        region = by_code.setdefault(span.label_, RegionMention(code=span.label_, name=span.text))
        region.mentions.append(Mention(span.start_char, span.end_char))
    return list(by_code.values())


def _dates(doc: Doc, policies: list[Policy]) -> list[DateMention]:
    header = doc.user_data.get("hp_header")
    issued = {(header.date.start, header.date.end)} if header is not None and header.date else set()
    if not any(p.role == "self" for p in policies):
        issued = set()
    hits: list[DateHit] = doc.user_data.get("hp_dates", [])
    out = []
    for hit in hits:
        role = "issued" if any(hit.start <= s and e <= hit.end for s, e in issued) else hit.role
        out.append(DateMention(value=hit.value, role=role, start=hit.start, end=hit.end))
    return out


def collect(doc: Doc, doc_id: str, source: str) -> DocumentExtraction:
    """Assemble the extraction of one processed document.

    Args:
        doc: the output of `extractors.pipeline.build_pipeline()(text)`.
        doc_id: the caller's id for the document (file stem).
        source: where the text came from (path or URL).

    Returns:
        The `DocumentExtraction` with spans into `doc.text`.

    >>> from extractors.pipeline import build_pipeline
    >>> ex = collect(build_pipeline()("根据《中华人民共和国老年人权益保障法》，制定本条例。"), "d1", "d1.txt")
    >>> [p.title for p in ex.policies]
    ['中华人民共和国老年人权益保障法']
    """
    policies: list[Policy] = doc.user_data.get("hp_policies", [])
    hits = [OrgHit(name=s.label_, surface=s.text, start=s.start_char, end=s.end_char)
            for s in doc.spans.get("hp_organizations", [])]
    return DocumentExtraction(
        doc_id=doc_id,
        source=source,
        text=document_text(doc),
        kind=doc.user_data.get("hp_kind", "other"),
        policies=policies,
        regions=_regions(doc),
        organizations=collect_organizations(hits),
        dates=_dates(doc, policies),
        obligations=list(doc.user_data.get("hp_obligations", [])),
    )
