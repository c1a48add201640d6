"""DocumentExtraction -> the quads of one document's named graph (docs/graph.md).

Pure: no I/O, no store. `build_quads` gives pyoxigraph quads for the store's
fast path; `build_graph` gives the same triples as an rdflib Graph (for SHACL
validation and rdflib users). Everything lands in the graph named after the
file's SHA-256, so replacing a document replaces exactly what it contributed.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import rdflib
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from extractors.rule_data import read_words
from extractors.schema import (
    DocumentExtraction,
    Mention,
    Obligation,
    Organization,
    Policy,
)
from kg import iri, resolve
from ontology.namespace import (
    ELI,
    HP,
    MODALITY_CLASS,
    OA,
    ODRL,
    ONTOLOGY_DIR,
    ORG,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
)

#: Characters of context kept in each `oa:TextQuoteSelector`'s prefix and suffix.
QUOTE_CONTEXT = 32
#: Words before a citation that make it a basis (`eli:based_on`), and how far back to look.
BASIS_CUES_FILE = ONTOLOGY_DIR / "data" / "basis_cues.txt"
BASIS_WINDOW = 24


@lru_cache(maxsize=1)
def basis_cues() -> re.Pattern[str]:
    """A cue (根据, 依据, 按照, …) before a mention, with no comma or stop in between.

    >>> cue = basis_cues()
    >>> bool(cue.search("根据商务部《")), bool(cue.search("按《")), bool(cue.search("根据需要，参照《"))
    (True, True, False)
    """
    words = read_words(BASIS_CUES_FILE)
    loose = "|".join(re.escape(w) for w in words if not w.endswith("《"))
    tight = "|".join(re.escape(w) for w in words if w.endswith("《"))
    gap = rf"[^。；;，,！？!?\n]{{0,{BASIS_WINDOW - 4}}}"
    return re.compile(f"(?:(?:{loose}){gap}|{tight})$")


_DATE_TYPE = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
_PRECISION = {4: "year", 7: "month", 10: "day"}


def _n(term: str) -> NamedNode:
    return NamedNode(str(term))


def _date(value: str) -> Literal | None:
    """An ISO date of any precision as a typed literal (`None` if malformed)."""
    datatype = _DATE_TYPE.get(len(value))
    return Literal(value, datatype=_n(datatype)) if datatype else None


class _Builder:
    """Accumulates the triples of one document, without duplicates, in insertion order."""

    def __init__(self, extraction: DocumentExtraction, sha256: str, base: str | None) -> None:
        self.x = extraction
        self.sha = sha256
        self.base = base
        self.graph = NamedNode(iri.graph_iri(sha256, base))
        self.doc = NamedNode(iri.document_iri(sha256, base))
        self.quads: dict[Quad, None] = {}
        self.orgs: dict[str, NamedNode] = {}  # any normalised spelling -> org node
        self.mentions: dict[NamedNode, list[Mention]] = {}  # policy node -> its spans

    def add(self, s: NamedNode, p: str, o: NamedNode | Literal | None) -> None:
        if o is not None:
            self.quads[Quad(s, _n(p), o, self.graph)] = None

    def text(self, s: NamedNode, p: str, value: str | None) -> None:
        if value:
            self.add(s, p, Literal(value))

    # ------------------------------------------------------------ nodes

    def document(self) -> None:
        d, x = self.doc, self.x
        self.add(d, RDF.type, _n(HP.SourceDocument))
        self.add(d, RDF.type, _n(PROV.Entity))
        self.text(d, RDFS.label, x.doc_id)
        self.text(d, HP.sha256, self.sha)
        self.text(d, HP.kind, x.kind)
        self.add(d, HP.text, Literal(x.text))

    def derived(self, node: NamedNode) -> None:
        self.add(node, PROV.wasDerivedFrom, self.doc)

    def region(self, code: str, name: str | None = None) -> NamedNode:
        """A region with its chain of `skos:broader` up to CN; returns the first node."""
        chain = resolve.region_ancestry(code)
        nodes = [NamedNode(iri.region_iri(c, self.base)) for c in chain]
        for i, (c, node) in enumerate(zip(chain, nodes)):
            self.add(node, RDF.type, _n(HP.Region))
            self.add(node, RDF.type, _n(SKOS.Concept))
            self.text(node, SKOS.notation, c)
            # The gazetteer's name is the label; a different written form (全国, 湖北) is
            # an altLabel, so every document gives the node the same prefLabel.
            canonical = resolve.region_name(c)
            written = name.strip() if i == 0 and name else None
            self.text(node, SKOS.prefLabel, canonical or written)
            if canonical and written and written != canonical:
                self.text(node, SKOS.altLabel, written)
            if i + 1 < len(nodes):
                self.add(node, SKOS.broader, nodes[i + 1])
        return nodes[0]

    def organization(self, org: Organization) -> NamedNode:
        label = resolve.canonical_organization(org.name)
        canonical = resolve.normalise_text(label)
        node = NamedNode(iri.organization_iri(canonical, self.base))
        self.add(node, RDF.type, _n(ORG.Organization))
        self.text(node, SKOS.prefLabel, label)
        for alias in [org.name, *org.aliases]:
            if resolve.normalise_text(alias) != canonical:
                self.text(node, SKOS.altLabel, alias.strip())
        for code in org.regions:
            self.add(node, HP.region, self.region(code))
        self.derived(node)
        for spelling in [canonical, org.name, *org.aliases]:
            self.orgs.setdefault(resolve.normalise_text(spelling), node)
        self.annotate(node, org.mentions)
        return node

    def policy_node(self, identity: str) -> NamedNode:
        return NamedNode(iri.policy_iri(identity, self.base))

    def policy(self, p: Policy, node: NamedNode, keys: dict[str, NamedNode]) -> None:
        for cls in (HP.Policy, ELI.LegalResource, SCHEMA.Legislation):
            self.add(node, RDF.type, _n(cls))
        self.text(node, ELI.title, p.title.strip() if p.title else None)
        self.text(node, ELI.id_local, resolve.normalise_doc_number(p.doc_number))
        for issuer in p.issuers:
            self.add(node, ELI.passed_by, self.organization(issuer))
        if p.date and (literal := _date(p.date)):
            self.add(node, ELI.date_document, literal)
            self.text(node, HP.datePrecision, _PRECISION[len(p.date)])
        for code in p.regions:
            self.add(node, ELI.jurisdiction, self.region(code))
        for key in p.cites:
            cited = keys.get(key) or self.cited(key)
            if cited is not None and cited != node:
                self.add(node, ELI.cites, cited)
                if self.is_basis(cited):
                    self.add(node, ELI.based_on, cited)
        if p.kind:
            doctype = NamedNode(iri.doctype_iri(p.kind, self.base))
            self.add(doctype, RDF.type, _n(SKOS.Concept))
            self.text(doctype, SKOS.prefLabel, p.kind)
            self.add(node, ELI.type_document, doctype)
        self.text(node, HP.role, p.role)
        self.derived(node)
        self.annotate(node, p.mentions)

    def is_basis(self, cited: NamedNode) -> bool:
        """Whether the text introduces the cited policy with 根据/依据/按照 somewhere."""
        text, cue = self.x.text, basis_cues()
        return any(cue.search(text[max(0, m.start - BASIS_WINDOW):m.start])
                   for m in self.mentions.get(cited, ()))

    def cited(self, key: str) -> NamedNode | None:
        """A policy known only from a citation key: a node with its number or title."""
        identity = resolve.citation_identity(key)
        if identity is None:
            return None
        node = self.policy_node(identity)
        for cls in (HP.Policy, ELI.LegalResource, SCHEMA.Legislation):
            self.add(node, RDF.type, _n(cls))
        if resolve.is_doc_number(key):
            self.text(node, ELI.id_local, identity)
        else:
            self.text(node, ELI.title, key.strip())
        self.text(node, HP.role, "mentioned")
        self.derived(node)
        self.add(self.doc, HP.describes, node)
        return node

    def directive(self, o: Obligation, imposer: NamedNode) -> None:
        node = NamedNode(iri.directive_iri(self.sha, o.start, o.end, self.base))
        self.add(node, RDF.type, _n(MODALITY_CLASS[o.modality]))
        self.add(node, HP.text, Literal(o.text))
        self.add(node, HP.imposedBy, imposer)
        if o.actor:
            self.text(node, HP.actorName, o.actor)
            actor = self.orgs.get(resolve.normalise_text(o.actor))
            if actor is None and self.x.organizations:
                canonical = resolve.organization_identity(o.actor)
                actor = self.orgs.get(canonical)
            self.add(node, ODRL.assignee, actor)
        if o.deadline:
            self.add(node, HP.deadline, _date(o.deadline))
        self.text(node, HP.target, o.target)
        self.derived(node)
        self.annotate(node, [Mention(o.start, o.end)])

    def annotate(self, body: NamedNode, mentions: Iterable[Mention]) -> None:
        text = self.x.text
        for m in mentions:
            if m.end > len(text) or m.start == m.end:
                continue  # a span outside the text cannot be shown; skip, never crash
            a = iri.annotation_iri(self.sha, m.start, m.end, body.value, self.base)
            ann, target = NamedNode(a), NamedNode(a + "#target")
            position, quote = NamedNode(a + "#position"), NamedNode(a + "#quote")
            self.add(ann, RDF.type, _n(OA.Annotation))
            self.add(ann, OA.hasBody, body)
            self.add(ann, OA.hasTarget, target)
            self.add(target, OA.hasSource, self.doc)
            self.add(target, OA.hasSelector, position)
            self.add(target, OA.hasSelector, quote)
            self.add(position, RDF.type, _n(OA.TextPositionSelector))
            self.add(position, OA.start, Literal(m.start))
            self.add(position, OA.end, Literal(m.end))
            self.add(quote, RDF.type, _n(OA.TextQuoteSelector))
            self.add(quote, OA.exact, Literal(text[m.start:m.end]))
            self.add(quote, OA.prefix, Literal(text[max(0, m.start - QUOTE_CONTEXT):m.start]))
            self.add(quote, OA.suffix, Literal(text[m.end:m.end + QUOTE_CONTEXT]))

    # ------------------------------------------------------------ document

    def build(self) -> list[Quad]:
        x = self.x
        self.document()
        for org in x.organizations:
            self.add(self.doc, HP.describes, self.organization(org))
        for r in x.regions:
            node = self.region(r.code, r.name or None)
            self.add(self.doc, HP.describes, node)
            self.annotate(node, r.mentions)
        # Every spelling of every policy (number and title) points at its node, so a
        # citation by title reaches a policy identified by its 发文字号.
        nodes: list[tuple[Policy, NamedNode]] = []
        keys: dict[str, NamedNode] = {}
        for p in x.policies:
            identity = resolve.policy_identity(p.doc_number, p.title)
            if identity is None:
                continue
            node = self.policy_node(identity)
            nodes.append((p, node))
            for key in (p.doc_number, p.title):
                if key:
                    keys.setdefault(key, node)
        for p, node in nodes:
            self.mentions.setdefault(node, []).extend(p.mentions)
        for p, node in nodes:
            self.policy(p, node, keys)
            self.add(self.doc, HP.describes, node)
        selves = [node for p, node in nodes if p.role == "self"]
        by_identity = {resolve.citation_identity(k): node for k, node in keys.items()}
        for o in x.obligations:
            imposer = (keys.get(o.policy) or by_identity.get(resolve.citation_identity(o.policy))
                       if o.policy else None)
            self.directive(o, imposer or (selves[0] if selves else self.doc))
        return list(self.quads)


def build_quads(extraction: DocumentExtraction, sha256: str,
                base: str | None = None) -> list[Quad]:
    """The quads of one document's named graph `{base}/graph/doc/{sha256}`.

    Args:
        extraction: what was extracted from the document.
        sha256: hex SHA-256 of the source file's bytes.
        base: IRI base; default `kg.settings.iri_base()`.

    Returns:
        Quads without duplicates, in a deterministic order.

    >>> from extractors.schema import DocumentExtraction, RegionMention, Mention
    >>> doc = DocumentExtraction("d", "d.txt", "郴州市", regions=[
    ...     RegionMention("431000", "郴州市", [Mention(0, 3)])])
    >>> quads = build_quads(doc, "0" * 64, base="http://x")
    >>> sorted({q.object.value for q in quads if q.predicate.value.endswith("notation")})
    ['430000', '431000', 'CN']
    """
    return _Builder(extraction, sha256, base).build()


def quads_to_graph(quads: Iterable[Quad]) -> rdflib.Graph:
    """The triples of `quads` (graph names dropped) as an rdflib Graph."""
    data = serialize((Quad(q.subject, q.predicate, q.object) for q in quads),
                     format=RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def build_graph(extraction: DocumentExtraction, sha256: str,
                base: str | None = None) -> rdflib.Graph:
    """`build_quads` as an rdflib Graph whose identifier is the document's graph IRI.

    >>> from extractors.schema import DocumentExtraction
    >>> g = build_graph(DocumentExtraction("d", "d.txt", "卫生健康"), "0" * 64, base="http://x")
    >>> str(g.identifier)[-8:], len(g) > 0
    ('00000000', True)
    """
    triples = quads_to_graph(build_quads(extraction, sha256, base))
    graph = rdflib.Graph(identifier=rdflib.URIRef(iri.graph_iri(sha256, base)))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph += triples
    return graph
