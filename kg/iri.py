"""Every IRI healthkg mints, in one place (see docs/graph.md, "IRIs").

IRIs are pure functions of their identity keys, so rebuilding the same input
gives the same graph and two documents naming the same thing meet on one node.
The base comes from `kg.settings.iri_base()` unless passed explicitly.
"""
from __future__ import annotations

import hashlib

from kg.settings import iri_base


def short_hash(text: str) -> str:
    """First 16 hex digits of the SHA-1 of `text` (UTF-8): the key of a named thing.

    >>> short_hash("国家卫生健康委员会")
    '0ddbed18e0065637'
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _base(base: str | None) -> str:
    return (base or iri_base()).rstrip("/")


def graph_iri(sha256: str, base: str | None = None) -> str:
    """The named graph holding everything built from one source file.

    >>> graph_iri("ab" * 32, base="https://w3id.org/healthkg")[:44]
    'https://w3id.org/healthkg/graph/doc/abababab'
    """
    return f"{_base(base)}/graph/doc/{sha256}"


def document_iri(sha256: str, base: str | None = None) -> str:
    """The source document node (`hp:SourceDocument`).

    >>> document_iri("ab" * 32, base="http://x")[:24]
    'http://x/id/document/aba'
    """
    return f"{_base(base)}/id/document/{sha256}"


def policy_iri(identity: str, base: str | None = None) -> str:
    """A policy, from `kg.resolve.policy_identity` (normalised 发文字号 or `title:…`).

    >>> policy_iri("郴政办发〔2018〕18号", base="http://x")
    'http://x/id/policy/5c70b77a449533ce'
    """
    return f"{_base(base)}/id/policy/{short_hash(identity)}"


def organization_iri(canonical_name: str, base: str | None = None) -> str:
    """An organization, from its canonical name (`kg.resolve.organization_identity`).

    >>> organization_iri("国家卫生健康委员会", base="http://x")
    'http://x/id/org/0ddbed18e0065637'
    """
    return f"{_base(base)}/id/org/{short_hash(canonical_name)}"


def region_iri(code: str, base: str | None = None) -> str:
    """A region by its GB/T 2260 code, or `CN` for the nation.

    >>> region_iri("431000", base="http://x")
    'http://x/id/region/431000'
    """
    return f"{_base(base)}/id/region/{code}"


def doctype_iri(word: str, base: str | None = None) -> str:
    """A document type (通知, 意见, 方案, …) as a SKOS concept.

    >>> doctype_iri("意见", base="http://x").startswith("http://x/id/doctype/")
    True
    """
    return f"{_base(base)}/id/doctype/{short_hash(word)}"


def directive_iri(sha256: str, start: int, end: int, base: str | None = None) -> str:
    """A directive clause: the document plus its span.

    >>> directive_iri("ab" * 32, 120, 136, base="http://x")
    'http://x/id/directive/abababababababab-120-136'
    """
    return f"{_base(base)}/id/directive/{sha256[:16]}-{start}-{end}"


def annotation_iri(sha256: str, start: int, end: int, body_iri: str,
                   base: str | None = None) -> str:
    """One mention: document + span + the node it mentions (`#target`, `#position`,
    `#quote` are appended for its parts).

    >>> annotation_iri("ab" * 32, 0, 4, "http://x/id/region/CN", base="http://x")[:44]
    'http://x/id/annotation/abababababababab-0-4-'
    """
    return f"{_base(base)}/id/annotation/{sha256[:16]}-{start}-{end}-{short_hash(body_iri)}"
