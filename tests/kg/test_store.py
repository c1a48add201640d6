"""kg.store with the embedded Oxigraph backend (memory and disk)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from graph_samples import sample_extractions

from kg import iri
from kg.build import build_quads
from kg.store import BACKUP_FILE, QuerySyntaxError, StoreError, open_store
from kg.stores.formats import FormatError, parse_file

ROOT = Path(__file__).resolve().parents[2]
G1 = "https://w3id.org/healthkg/graph/doc/" + "1" * 64
G2 = "https://w3id.org/healthkg/graph/doc/" + "2" * 64
CHENZHOU = ox.NamedNode("https://w3id.org/healthkg/id/region/431000")
NOTATION = ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation")
LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")


def quads(graph: str, label: str = "郴州市") -> list[ox.Quad]:
    g = ox.NamedNode(graph)
    return [ox.Quad(CHENZHOU, NOTATION, ox.Literal("431000"), g),
            ox.Quad(CHENZHOU, LABEL, ox.Literal(label), g)]


def labels(store) -> list[str]:
    return sorted(r["l"].value for r in store.query(
        "SELECT DISTINCT ?l WHERE { ?r skos:prefLabel ?l }"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """An on-disk store holding the two budget samples, 002 (深圳 龙岗) and 004 (九江 浔阳),
    built once; open it read-only."""
    location = tmp_path_factory.mktemp("store") / "db"
    with open_store(f"oxigraph:{location}") as store:
        for extraction, sha in sample_extractions()[2::2]:
            store.replace_graph(iri.graph_iri(sha), build_quads(extraction, sha))
        store.optimize()
    return location


def test_unknown_urls_are_refused_with_the_choices() -> None:
    for url in ("http://localhost:7878/query", "fuseki:x", "oxigraph:", "data/healthkg"):
        with pytest.raises(StoreError, match="oxigraph:"):
            open_store(url)


def test_read_only_open_of_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(f"oxigraph:{tmp_path / 'nothing'}", read_only=True)


def test_replace_graph_replaces_and_drops_older_versions() -> None:
    with open_store("oxigraph:memory") as store:
        store.replace_graph(G1, quads(G1, "郴州"))
        store.replace_graph(G1, quads(G1))
        assert labels(store) == ["郴州市"] and store.graphs() == [G1]
        store.replace_graph(G2, quads(G2, "郴州市（新）"), drop=[G1])
        assert store.graphs() == [G2] and labels(store) == ["郴州市（新）"]
        assert store.remove_graph(G2) and not store.remove_graph(G2)
        assert store.graphs() == []


def test_a_failure_while_building_leaves_the_previous_graph() -> None:
    def failing():
        yield quads(G2)[0]
        raise RuntimeError("extraction crashed")

    with open_store("oxigraph:memory") as store:
        store.replace_graph(G1, quads(G1))
        with pytest.raises(RuntimeError):
            store.replace_graph(G2, failing(), drop=[G1])
        assert store.graphs() == [G1] and labels(store) == ["郴州市"]


def test_a_killed_process_leaves_the_previous_graph(tmp_path: Path) -> None:
    """SIGKILL in the middle of a replacement: the store still holds the old version."""
    location = tmp_path / "db"
    script = textwrap.dedent(f"""
        import os, signal, sys
        import pyoxigraph as ox
        from kg.store import open_store
        G1, G2 = {G1!r}, {G2!r}
        def quads(graph):
            s = ox.NamedNode("https://w3id.org/healthkg/id/region/431000")
            p = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
            return [ox.Quad(s, p, ox.Literal("郴州市"), ox.NamedNode(graph))]
        store = open_store("oxigraph:{location}")
        if sys.argv[1] == "first":
            store.replace_graph(G1, quads(G1))
            store.close()
        else:
            def dying():
                yield from quads(G2)
                os.kill(os.getpid(), signal.SIGKILL)
            store.replace_graph(G2, dying(), drop=[G1])
    """)
    first = subprocess.run([sys.executable, "-c", script, "first"], cwd=ROOT, check=False)
    second = subprocess.run([sys.executable, "-c", script, "second"], cwd=ROOT, check=False)
    assert first.returncode == 0 and second.returncode == -9
    with open_store(f"oxigraph:{location}", read_only=True) as store:
        assert store.graphs() == [G1] and labels(store) == ["郴州市"]


def test_union_default_graph_and_graph_selection() -> None:
    with open_store("oxigraph:memory") as store:
        store.replace_graph(G1, quads(G1, "郴州"))
        store.replace_graph(G2, quads(G2))
        assert labels(store) == ["郴州", "郴州市"]
        one = store.query("SELECT ?l WHERE { ?r skos:prefLabel ?l }", default_graph_uris=[G2])
        assert [r["l"].value for r in one] == ["郴州市"]
        none = store.query("SELECT ?l WHERE { ?r skos:prefLabel ?l }", union_default=False)
        assert list(none) == []
        named = store.query("SELECT ?g WHERE { GRAPH ?g { ?r skos:prefLabel \"郴州\" } }",
                            named_graph_uris=[G1, G2])
        assert [r["g"].value for r in named] == [G1]


def test_queries_return_pyoxigraph_results_and_syntax_errors() -> None:
    with open_store("oxigraph:memory") as store:
        store.update(f'INSERT DATA {{ GRAPH <{G1}> {{ <http://x/r> skos:prefLabel "浔阳区" }} }}')
        assert isinstance(store.query("SELECT * WHERE { ?s ?p ?o }"), ox.QuerySolutions)
        assert isinstance(store.query("ASK { ?s ?p ?o }"), ox.QueryBoolean)
        assert isinstance(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), ox.QueryTriples)
        with pytest.raises(QuerySyntaxError):
            store.query("SELEC ?s WHERE { ?s ?p ?o }")
        with pytest.raises(SyntaxError):  # what pyoxigraph users already catch
            store.update("INSERT DAT { }")


def test_read_only_store_refuses_writes(built: Path) -> None:
    with open_store(f"oxigraph:{built}", read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.update("CLEAR ALL")
        with pytest.raises(StoreError, match="read-only"):
            store.replace_graph(G1, quads(G1))


def test_stats_count_the_samples(built: Path) -> None:
    with open_store(f"oxigraph:{built}", read_only=True) as store:
        stats = store.stats()
    assert stats["graphs"] == stats["documents"] == 2
    assert stats["quads"] > 2000 and stats["policies"] >= 3 and stats["directives"] >= 60
    assert set(stats) >= {"organizations", "regions", "annotations", "store"}


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_dataset_exports_keep_every_quad(built: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"all.{fmt}"
    with open_store(f"oxigraph:{built}", read_only=True) as store:
        store.export(target, fmt)
        expected = set(store.quads())
    assert set(parse_file(target, fmt)) == expected


def test_turtle_export_is_the_union(built: Path, tmp_path: Path) -> None:
    with open_store(f"oxigraph:{built}", read_only=True) as store:
        store.export(tmp_path / "all.ttl", "ttl")
        triples = {(q.subject, q.predicate, q.object) for q in store.quads()}
    parsed = parse_file(tmp_path / "all.ttl")
    assert {(q.subject, q.predicate, q.object) for q in parsed} == triples
    assert len(parsed) == len(triples)


def test_graphml_export(built: Path, tmp_path: Path) -> None:
    with open_store(f"oxigraph:{built}", read_only=True) as store:
        store.export(tmp_path / "all.graphml", "graphml")
    graph = nx.read_graphml(tmp_path / "all.graphml")
    xunyang = graph.nodes["https://w3id.org/healthkg/id/region/360403"]
    assert xunyang["skos:prefLabel"] == "浔阳区" and "hp:Region" in xunyang["type"]
    assert graph.has_edge("https://w3id.org/healthkg/id/region/360403",
                          "https://w3id.org/healthkg/id/region/360400")


def test_backup_and_restore(built: Path, tmp_path: Path) -> None:
    with open_store(f"oxigraph:{built}", read_only=True) as store:
        written = store.backup(tmp_path / "backup")
        expected = set(store.quads())
    assert written == tmp_path / "backup" / BACKUP_FILE
    with open_store(f"oxigraph:{tmp_path / 'restored'}") as target:
        target.replace_graph(G1, quads(G1, "被覆盖"))
        assert target.restore(tmp_path / "backup") == len(expected)
        assert set(target.quads()) == expected
    with pytest.raises(StoreError, match="no backup"):
        open_store("oxigraph:memory").restore(tmp_path)


def test_load_rdf_files(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_text('<http://x/r> <http://www.w3.org/2004/02/skos/core#prefLabel> '
                                    '"郴州市" .', encoding="utf-8")
    (tmp_path / "b.trig").write_text(f'<{G2}> {{ <http://x/r> <http://x/p> "1" }}',
                                     encoding="utf-8")
    with open_store("oxigraph:memory") as store:
        assert store.load(tmp_path / "a.ttl") == 1 and store.load(tmp_path / "b.trig") == 1
        assert store.graphs() == [G2]
        assert labels(store) == ["郴州市"]  # the Turtle triple is in the default graph


BOMB = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="http://x/">
<rdf:Description rdf:about="http://x/s"><x:p>&c;</x:p></rdf:Description></rdf:RDF>"""


def test_load_refuses_entities_remote_contexts_and_unknown_formats(tmp_path: Path) -> None:
    (tmp_path / "bomb.rdf").write_text(BOMB, encoding="utf-8")
    (tmp_path / "remote.jsonld").write_text(
        '{"@context": "http://example.com/context.jsonld", "name": "郴州"}', encoding="utf-8")
    (tmp_path / "data.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "bad.ttl").write_text("<http://x/s> <http://x/p> .", encoding="utf-8")
    with open_store("oxigraph:memory") as store:
        with pytest.raises(FormatError, match="DTD or entities"):
            store.load(tmp_path / "bomb.rdf")
        with pytest.raises(FormatError, match="remote.jsonld"):
            store.load(tmp_path / "remote.jsonld")
        with pytest.raises(FormatError, match="unknown RDF format"):
            store.load(tmp_path / "data.xlsx")
        with pytest.raises(FormatError, match="bad.ttl"):
            store.load(tmp_path / "bad.ttl")
        assert list(store.quads()) == []


def test_rdfxml_without_entities_loads(tmp_path: Path) -> None:
    (tmp_path / "ok.rdf").write_text(BOMB.split("<rdf:RDF")[0].split("<!DOCTYPE")[0]
                                     + "<rdf:RDF" + BOMB.split("<rdf:RDF")[1].replace("&c;", "郴州"),
                                     encoding="utf-8")
    with open_store("oxigraph:memory") as store:
        assert store.load(tmp_path / "ok.rdf") == 1


def test_closing_releases_the_directory(tmp_path: Path) -> None:
    """A closed on-disk store can be opened again for writing in the same process."""
    with open_store(f"oxigraph:{tmp_path / 'db'}") as store:
        store.replace_graph(G1, quads(G1))
    with open_store(f"oxigraph:{tmp_path / 'db'}") as again:
        assert again.graphs() == [G1]
