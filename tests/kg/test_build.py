"""kg.build: the samples' gold extractions become valid graphs in the shape of docs/graph.md."""
from __future__ import annotations

import pyshacl
import pytest
from graph_samples import sample_extractions, shapes_graph

from extractors.schema import (
    DocumentExtraction,
    Mention,
    Obligation,
    Organization,
    Policy,
    RegionMention,
)
from kg import iri
from kg.build import build_graph, build_quads
from kg.store import open_store


@pytest.fixture(scope="module")
def samples() -> list[tuple[DocumentExtraction, str]]:
    return sample_extractions()


@pytest.fixture(scope="module")
def store(samples):
    with open_store("oxigraph:memory") as s:
        for extraction, sha in samples:
            s.replace_graph(iri.graph_iri(sha), build_quads(extraction, sha))
        yield s


def rows(store, sparql: str) -> list[tuple]:
    return [tuple(None if t is None else t.value for t in row) for row in store.query(sparql)]


def test_one_named_graph_per_document(store, samples) -> None:
    assert store.graphs() == sorted(iri.graph_iri(sha) for _, sha in samples)
    assert rows(store, "SELECT (COUNT(?d) AS ?n) WHERE { ?d a hp:SourceDocument }") == [("5",)]


def test_self_policy_of_the_chenzhou_opinion(store) -> None:
    found = rows(store, """
        SELECT ?title ?date ?dt ?precision ?issuer ?region ?role WHERE {
          ?p eli:id_local "郴政办发〔2018〕18号" ; eli:title ?title ; eli:date_document ?date ;
             hp:datePrecision ?precision ; eli:passed_by/skos:prefLabel ?issuer ;
             eli:jurisdiction/skos:notation ?region ; hp:role ?role .
          BIND(DATATYPE(?date) AS ?dt) }""")
    assert found == [("关于全面放开养老服务市场提升养老服务质量的实施意见", "2018-07-06",
                      "http://www.w3.org/2001/XMLSchema#date", "day", "郴州市人民政府办公室",
                      "431000", "self")]


def test_citations_reach_the_cited_policy(store) -> None:
    cited = {r[0] for r in rows(store, """
        SELECT ?number WHERE { ?p eli:id_local "郴政办发〔2018〕18号" ; eli:cites/eli:id_local ?number }""")}
    assert {"湘政办发〔2017〕84号", "商务部令2016年第3号", "民函〔2015〕280号"} <= cited
    # 消防法 is cited by title only: its node carries the title.
    assert bool(store.query('ASK { ?p eli:id_local "郴政办发〔2018〕18号" ; '
                            'eli:cites/eli:title "消防法" }'))


def test_based_on_is_the_cited_basis(store) -> None:
    """根据《消防法》 and 根据…（湘政办发〔2017〕84号） are bases; 贯彻…（民函〔2015〕280号） only a citation."""
    based = {r[0] for r in rows(store, """SELECT ?key WHERE {
        ?p eli:id_local "郴政办发〔2018〕18号" ; eli:based_on ?c .
        OPTIONAL { ?c eli:id_local ?n } OPTIONAL { ?c eli:title ?t } BIND(COALESCE(?n, ?t) AS ?key) }""")}
    assert {"湘政办发〔2017〕84号", "消防法", "郴服改发〔2017〕59号"} <= based
    assert "民函〔2015〕280号" not in based
    assert not store.query("ASK { ?p eli:based_on ?c FILTER NOT EXISTS { ?p eli:cites ?c } }")


def test_year_only_dates_are_gyear(store) -> None:
    found = rows(store, """SELECT ?d ?precision WHERE { ?p eli:id_local "湘政办发〔2017〕84号" ;
                             eli:date_document ?d ; hp:datePrecision ?precision .
                             FILTER(DATATYPE(?d) = xsd:gYear) }""")
    assert found == [("2017", "year")]


def test_region_hierarchy_up_to_the_nation(store) -> None:
    # DISTINCT: Oxigraph's union default graph repeats a triple once per graph holding it.
    chain = rows(store, f"""SELECT DISTINCT ?code WHERE {{ <{iri.region_iri("360403")}>
                                skos:broader* ?r . ?r skos:notation ?code }}""")
    assert sorted(c for (c,) in chain) == ["360000", "360400", "360403", "CN"]
    assert rows(store, """SELECT DISTINCT ?name WHERE { ?r skos:notation "360403" ;
                                                          skos:prefLabel ?name }""") \
        == [("浔阳区",)]


def test_directives_have_modality_text_and_imposer(store, samples) -> None:
    total = sum(len(x.obligations) for x, _ in samples)
    counted = rows(store, """SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {
        VALUES ?c { hp:Obligation hp:Prohibition hp:Permission hp:Encouragement }
        ?d a ?c ; hp:text ?t ; hp:imposedBy ?by ; prov:wasDerivedFrom ?doc }""")
    assert counted == [(str(total),)]


def test_annotation_quotes_match_the_document_text(store, samples) -> None:
    texts = {iri.document_iri(sha): x.text for x, sha in samples}
    found = rows(store, """SELECT ?doc ?start ?end ?exact WHERE {
        ?a a oa:Annotation ; oa:hasTarget ?t . ?t oa:hasSource ?doc ;
           oa:hasSelector [ oa:start ?start ; oa:end ?end ] , [ oa:exact ?exact ] }""")
    assert len(found) > 500
    for doc, start, end, exact in found:
        assert texts[doc][int(start):int(end)] == exact


@pytest.mark.parametrize("index", range(5))
def test_every_sample_graph_conforms_to_the_shapes(samples, index) -> None:
    extraction, sha = samples[index]
    ok, _, report = pyshacl.validate(build_graph(extraction, sha), shacl_graph=shapes_graph())
    assert ok, report


def test_rebuilding_gives_the_identical_graph(samples) -> None:
    extraction, sha = samples[1]
    first, again = build_quads(extraction, sha), build_quads(extraction, sha)
    assert first == again
    assert build_graph(extraction, sha).isomorphic(build_graph(extraction, sha))


def test_quads_are_unique_and_in_the_documents_graph(samples) -> None:
    extraction, sha = samples[0]
    quads = build_quads(extraction, sha)
    assert len(quads) == len(set(quads))
    assert {q.graph_name.value for q in quads} == {iri.graph_iri(sha)}


# ------------------------------------------------------------------ cross-document identity

REPORT = "2024年9月 国家卫生健康委、财政部、国家中医药局、国家疾控局 关于做好2024年基本公共卫生服务工作的通知"
NOTICE = "国家卫健委等部门印发《关于做好2024年基本公共卫生服务工作的通知》（国卫基层发[2024]31号）。"


def extraction(doc_id: str, text: str, org: str, number: str) -> DocumentExtraction:
    start = text.index(org)
    policy = Policy(title="关于做好2024年基本公共卫生服务工作的通知", doc_number=number,
                    issuers=[Organization(org)], date="2024-09", regions=["CN"])
    return DocumentExtraction(
        doc_id, f"{doc_id}.txt", text, kind="notice", policies=[policy],
        organizations=[Organization(org, mentions=[Mention(start, start + len(org))])],
        regions=[RegionMention("CN", "中国")])


@pytest.fixture(scope="module")
def two_documents():
    a = extraction("a", REPORT, "国家卫生健康委", "国卫基层发〔2024〕31号")
    b = extraction("b", NOTICE, "国家卫健委", "国卫基层发[2024]31号")
    with open_store("oxigraph:memory") as s:
        for x, sha in ((a, "a" * 64), (b, "b" * 64)):
            s.replace_graph(iri.graph_iri(sha), build_quads(x, sha))
        yield s


def test_same_doc_number_in_two_documents_is_one_node(two_documents) -> None:
    found = rows(two_documents, """SELECT ?p (COUNT(DISTINCT ?g) AS ?graphs) WHERE {
        GRAPH ?g { ?p a hp:Policy ; eli:id_local "国卫基层发〔2024〕31号" } } GROUP BY ?p""")
    assert len(found) == 1 and found[0][1] == "2"


def test_alias_and_canonical_name_are_one_organization(two_documents) -> None:
    found = rows(two_documents, """SELECT DISTINCT ?o ?name WHERE { ?o a org:Organization ;
                                     skos:prefLabel ?name }""")
    assert [name for _, name in found] == ["国家卫生健康委员会"]
    labels = {r[0] for r in rows(two_documents, "SELECT ?l WHERE { ?o skos:altLabel ?l }")}
    assert {"国家卫健委", "国家卫生健康委"} <= labels


def test_directive_actor_resolves_to_an_organization() -> None:
    text = "二、民政部门应加强对养老机构的监管。"
    clause = "民政部门应加强对养老机构的监管。"
    start = text.index(clause)
    x = DocumentExtraction("c", "c.txt", text, kind="policy",
                           organizations=[Organization("民政部门", mentions=[Mention(2, 6)])],
                           obligations=[Obligation(clause, "obligation", start,
                                                   start + len(clause), actor="民政部门",
                                                   deadline="2020", target="不低于30%")])
    with open_store("oxigraph:memory") as s:
        s.replace_graph(iri.graph_iri("c" * 64), build_quads(x, "c" * 64))
        found = rows(s, """SELECT ?actor ?name ?deadline ?by WHERE { ?d a hp:Obligation ;
            odrl:assignee/skos:prefLabel ?actor ; hp:actorName ?name ; hp:deadline ?deadline ;
            hp:imposedBy ?by }""")
    # No policy is known, so the document itself imposes the directive.
    assert found == [("民政部门", "民政部门", "2020", iri.document_iri("c" * 64))]
