"""The extraction pipeline: `spacy.blank("zh")` plus our rule components, and its entry point.

`blank("zh")` segments per character, so every regex hit falls on token
boundaries and `doc.char_span` never fails. Components, in order:

1. `hp_document`  the document's header, kind and home region (`doc.user_data`),
   which later components read (relative names such as 市政府 need the home region);
2. `hp_regions`, `hp_organizations` (regions/organizations helpers);
3. `hp_doc_numbers`, `hp_dates`, `hp_policies` (this module's neighbours);
4. `hp_obligations`, given the issuer, kind, region and self-policy key.

`extract_text` is the one function the rest of the system calls.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractors import dates as _dates  # noqa: F401  (registers hp_dates)
from extractors import doc_numbers as _doc_numbers  # noqa: F401  (registers hp_doc_numbers)
from extractors import obligations as _obligations
from extractors import organizations as _organizations  # noqa: F401  (registers hp_organizations)
from extractors import policies as _policies  # noqa: F401  (registers hp_policies)
from extractors import regions as _regions
from extractors.collect import collect
from extractors.doc_kind import document_kind
from extractors.doc_text import document_text
from extractors.headers import read_header
from extractors.schema import DocumentExtraction

COMPONENTS = ("hp_document", "hp_regions", "hp_organizations", "hp_doc_numbers", "hp_dates",
              "hp_policies", "hp_obligation_context", "hp_obligations")
MAX_LENGTH = 20_000_000  # characters; rule components keep no per-token state


class DocumentReader:
    """Reads the header, kind and home region into `doc.user_data` for later components."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = document_text(doc)
        header = read_header(text)
        doc.user_data["hp_header"] = header
        doc.user_data["hp_kind"] = document_kind(text, header)
        doc.user_data["home_region"] = _home_region(text, header)
        return doc


def _home_region(text: str, header) -> str | None:
    """The region the document speaks from: its issuer's, else its opening lines'."""
    for issuer in header.issuers:
        codes = _regions.regions_in_name(issuer.value)
        if codes and codes[-1] != _regions.CN:
            return codes[-1]
    return _regions.home_region(text)


class ObligationContextSetter:
    """Hands the self policy's issuer and key, the kind and home region to `hp_obligations`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        policies = doc.user_data.get("hp_policies", [])
        selves = [p for p in policies if p.role == "self"]
        main = selves[-1] if selves else None
        issuer = main.issuers[0].name if main and main.issuers else None
        header = doc.user_data.get("hp_header")
        addressee = header.addressee if header is not None else None
        doc.user_data[_obligations.CONTEXT_KEY] = _obligations.ObligationContext(
            issuer=issuer, home_region=doc.user_data.get("home_region"),
            kind=doc.user_data.get("hp_kind", "other"), policy=main.key if main else None,
            addressee=addressee.value if addressee else None, body_start=addressee.end if addressee else 0)
        return doc


@Language.factory("hp_document", assigns=["doc.user_data"])
def make_document_reader(nlp: Language, name: str) -> DocumentReader:
    """Factory of the `hp_document` component."""
    return DocumentReader(nlp, name)


@Language.factory("hp_obligation_context", assigns=["doc.user_data"])
def make_obligation_context_setter(nlp: Language, name: str) -> ObligationContextSetter:
    """Factory of the `hp_obligation_context` component."""
    return ObligationContextSetter(nlp, name)


def build_pipeline() -> Language:
    """A fresh `spacy.blank("zh")` pipeline with every healthkg component.

    >>> build_pipeline().pipe_names[:3]
    ['hp_document', 'hp_regions', 'hp_organizations']
    """
    nlp = spacy.blank("zh")
    nlp.max_length = MAX_LENGTH
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def _shared_pipeline() -> Language:
    return build_pipeline()


def extract_text(text: str, doc_id: str, source: str) -> DocumentExtraction:
    """Extract everything from one decoded document.

    Args:
        text: the decoded text (offsets in the result index into it).
        doc_id: the caller's id (usually the file stem).
        source: where the text came from.

    Returns:
        The document's `DocumentExtraction`.

    >>> ex = extract_text("郴政办发〔2018〕18号\\n郴州市人民政府办公室\\n关于全面放开养老服务市场的实施意见\\n"
    ...                   "各县市区人民政府：\\n根据《消防法》，制定本意见。\\n郴州市人民政府办公室\\n2018年7月6日\\n",
    ...                   "d1", "d1.txt")
    >>> [(p.title, p.role, p.cites) for p in ex.policies]
    [('关于全面放开养老服务市场的实施意见', 'self', ['消防法']), ('消防法', 'mentioned', [])]
    """
    doc = _shared_pipeline()(text)
    return collect(doc, doc_id, source)
