"""What `kg build` stores is what `kg extract --format eval` prints, checked through SPARQL.

The samples go through the real pipeline once; each document's named graph must hold
its extraction's policies (title, 发文字号, date, jurisdiction, issuers, cites), regions,
organizations and directives (modality class, text, span, deadline, target).
"""
from __future__ import annotations

import pytest

from extractors.schema import DocumentExtraction
from kg.ingest import build, extract_paths, read_source
from kg.iri import graph_iri
from kg.store import open_store
from ontology.namespace import MODALITY_CLASS


@pytest.fixture(scope="module")
def built(samples_dir):
    extractions = [x for x in extract_paths([samples_dir]) if isinstance(x, DocumentExtraction)]
    store = open_store("oxigraph:memory")
    assert not build([samples_dir], store).failures
    yield store, extractions
    store.close()


def graph_of(x: DocumentExtraction) -> str:
    from pathlib import Path

    return graph_iri(read_source(Path(x.source)).sha256)


def values(store, graph: str, where: str, var: str = "v") -> set[str]:
    rows = store.query(f"SELECT DISTINCT ?{var} WHERE {{ GRAPH <{graph}> {{ {where} }} }}")
    return {row[var].value for row in rows}


def test_policies_and_their_facts(built):
    store, extractions = built
    for x in extractions:
        g = graph_of(x)
        assert values(store, g, "?p a hp:Policy ; eli:title ?v") == {p.title for p in x.policies if p.title}
        assert values(store, g, "?p eli:id_local ?v") == {p.doc_number for p in x.policies if p.doc_number}
        assert values(store, g, "?p eli:date_document ?v") == {p.date for p in x.policies if p.date}
        assert values(store, g, "?p eli:jurisdiction/skos:notation ?v") == \
            {code for p in x.policies for code in p.regions}
        assert values(store, g, "?p eli:passed_by/skos:prefLabel ?v") == \
            {o.name for p in x.policies for o in p.issuers}
        cites = sum(len(p.cites) for p in x.policies)
        cited = values(store, g, "?p eli:cites ?c . BIND(CONCAT(STR(?p), STR(?c)) AS ?v)")
        assert len(cited) <= cites and (cites == 0) == (not cited), x.doc_id


def test_regions_and_organizations(built):
    store, extractions = built
    for x in extractions:
        g = graph_of(x)
        described = "<%s> hp:describes ?n . ?n %s ?v"
        doc = values(store, g, "?d a hp:SourceDocument . BIND(STR(?d) AS ?v)").pop()
        assert values(store, g, described % (doc, "skos:notation")) >= {r.code for r in x.regions}
        assert values(store, g, "?o a org:Organization ; skos:prefLabel ?v") >= \
            {o.name for o in x.organizations}


def test_directives_keep_modality_span_deadline_and_target(built):
    store, extractions = built
    for x in extractions:
        g = graph_of(x)
        rows = store.query(f"""SELECT ?class ?text ?start ?end ?deadline ?target WHERE {{ GRAPH <{g}> {{
            ?d a ?class ; hp:text ?text . FILTER(?class IN (hp:Obligation, hp:Prohibition, hp:Permission,
            hp:Encouragement))
            ?a oa:hasBody ?d ; oa:hasTarget/oa:hasSelector ?s . ?s oa:start ?start ; oa:end ?end .
            OPTIONAL {{ ?d hp:deadline ?deadline }} OPTIONAL {{ ?d hp:target ?target }} }} }}""")
        stored = {(r["class"].value, r["text"].value, int(r["start"].value), int(r["end"].value),
                   r["deadline"].value if r["deadline"] else None,
                   r["target"].value if r["target"] else None) for r in rows}
        expected = {(MODALITY_CLASS[o.modality].toPython(), o.text, o.start, o.end, o.deadline, o.target)
                    for o in x.obligations}
        assert stored == expected, x.doc_id
        assert all(x.text[s:e] == t for _, t, s, e, _, _ in stored)
