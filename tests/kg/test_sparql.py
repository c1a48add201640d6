"""The query guard (lexing, refusals, USING injection) and the forked deadline runner."""
from __future__ import annotations

import os
import threading
import time

import pytest

from kg.sparql import (
    ForkRunner,
    JobFailed,
    QueryRefused,
    QueryTimeout,
    TooBusy,
    add_using,
    check_query,
    check_update,
    inspect_sparql,
    tokenize,
    unescape_codepoints,
)

HENAN = "https://w3id.org/healthkg/graph/doc/henan"


@pytest.mark.parametrize(("text", "form"), [
    ("SELECT ?标题 WHERE { ?p eli:title ?标题 }", "SELECT"),
    ("PREFIX eli: <http://data.europa.eu/eli/ontology#>\nask { ?p eli:title \"消防法\" }", "ASK"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("# 注释 SELECT\nDESCRIBE <http://x/政策>", "DESCRIBE"),
    ("SELECT * { { SELECT ?s { ?s ?p ?o } } }", "SELECT"),
    ("INSERT DATA { <http://x/s> <http://x/p> \"卫生\" }", "UPDATE"),
    ("ASK {", "ASK"),
    ("这不是查询", None),
])
def test_form(text, form):
    assert inspect_sparql(text).form == form


def test_strings_comments_and_iris_hide_keywords():
    text = ('SELECT ?x WHERE { BIND("""SERVICE\n<http://a/> FROM""" AS ?x) '
            "?s <http://x/LOAD> 'LOAD' . ?SERVICE ex:SERVICE ?o } # SERVICE <http://a/>")
    shape = inspect_sparql(text)
    assert (shape.service, shape.load, shape.from_graphs) == (False, False, [])


def test_less_than_is_not_an_iri():
    tokens = [t.text for t in tokenize("FILTER(?a < ?b && ?c > 1) SERVICE")]
    assert "SERVICE" in tokens


def test_codepoint_escapes_cannot_hide_service():
    assert unescape_codepoints("\\u0053ERVICE") == "SERVICE"
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_query("SELECT * { \\U00000053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")


def test_dataset_clauses_are_resolved():
    text = ("BASE <http://b.example/dir/> PREFIX g: <https://w3id.org/healthkg/graph/doc/> "
            "SELECT * FROM g:henan FROM <rel> FROM NAMED <http://x/g2> WHERE { ?s ?p ?o }")
    shape = inspect_sparql(text)
    assert shape.from_graphs == [HENAN, "http://b.example/dir/rel"]
    assert shape.from_named_graphs == ["http://x/g2"]


def test_from_a_held_graph_passes_and_an_unknown_one_is_refused():
    held = {HENAN}.__contains__
    assert check_query(f"SELECT * FROM <{HENAN}> {{ ?s ?p ?o }}", has_graph=held).form == "SELECT"
    with pytest.raises(QueryRefused, match="never fetches"):
        check_query("SELECT * FROM NAMED <http://127.0.0.1:9/x.ttl> { ?s ?p ?o }", has_graph=held)


@pytest.mark.parametrize("text", ["LOAD <http://x/a.ttl>", "load silent <file:///etc/passwd>",
                                  "CLEAR ALL ; LOAD <http://x/a.ttl> INTO GRAPH <http://x/g>"])
def test_load_is_refused(text):
    with pytest.raises(QueryRefused, match="LOAD"):
        check_update(text)
    with pytest.raises(QueryRefused):
        check_query(text)


def test_using_is_inserted_before_each_modify_where_only():
    text = ("DELETE WHERE { ?s <http://x/old> ?o } ;\n"
            "INSERT { ?s <http://x/new> ?o } WHERE { ?s <http://x/p> ?o . FILTER EXISTS { ?s ?q ?r } }")
    shape = inspect_sparql(text)
    out = add_using(text, shape, ["http://x/g1"], ["http://x/g2"])
    assert out.count("USING <http://x/g1> USING NAMED <http://x/g2> WHERE") == 1
    assert out.startswith("DELETE WHERE {")


def test_with_and_using_are_detected():
    assert inspect_sparql("WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }").with_or_using
    assert not inspect_sparql("INSERT DATA { <http://x/s> <http://x/p> 1 }").with_or_using


# --- ForkRunner -------------------------------------------------------------------------

def _spin() -> tuple[dict, bytes]:
    while True:
        pass


def test_runner_returns_the_child_answer():
    runner = ForkRunner(timeout=5, max_concurrent=2)
    assert runner.run(lambda: ({"pid": os.getpid()}, "郴州".encode()))[1] == "郴州".encode()
    header, _ = runner.run(lambda: ({"pid": os.getpid()}, b""))
    assert header["pid"] != os.getpid()  # it really ran elsewhere


def test_runner_kills_a_runaway_job_at_the_deadline():
    runner = ForkRunner(timeout=0.3, max_concurrent=1)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="0.3 s"):
        runner.run(_spin)
    assert time.monotonic() - started < 2
    assert runner.active == 0
    with pytest.raises(ChildProcessError):  # killed and reaped: not even a zombie is left
        os.waitpid(runner.last_pid, os.WNOHANG)


def test_runner_reports_exceptions_and_crashes():
    runner = ForkRunner(timeout=5, max_concurrent=1)
    header, _ = runner.run(lambda: 1 / 0)
    assert header["status"] == 500 and "ZeroDivisionError" in header["error"]
    with pytest.raises(JobFailed):
        runner.run(lambda: os._exit(3))


def test_runner_refuses_beyond_its_limit():
    runner = ForkRunner(timeout=1, max_concurrent=1)
    thread = threading.Thread(target=lambda: pytest.raises(QueryTimeout, runner.run, _spin))
    thread.start()
    time.sleep(0.2)
    with pytest.raises(TooBusy):
        runner.run(lambda: ({}, b""))
    thread.join()
    assert runner.run(lambda: ({}, b"ok"))[1] == b"ok"


def test_large_answers_arrive_whole():
    runner = ForkRunner(timeout=5, max_concurrent=1)
    body = "养老服务".encode() * 500_000  # 6 MB: many pipe buffers
    assert runner.run(lambda: ({}, body))[1] == body


def test_call_returns_python_values_and_raises_child_exceptions():
    runner = ForkRunner(timeout=5, max_concurrent=1)
    assert runner.call(sorted, ["郴州", "河南", "北京"]) == sorted(["郴州", "河南", "北京"])
    with pytest.raises(KeyError, match="政策"):
        runner.call({}.__getitem__, "政策")
    with pytest.raises(QueryTimeout):
        runner.call(_spin, timeout=0.2)


# --- ForkGuard / GuardedStore ----------------------------------------------------------

def _mini_store():
    from pathlib import Path

    from kg.store import open_store

    store = open_store("oxigraph:memory")
    store.load(Path(__file__).resolve().parents[1] / "data" / "mini_graph.trig")
    return store


def test_guarded_store_gives_genuine_detached_results():
    from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples

    from kg.sparql import ForkGuard, GuardedStore

    store = GuardedStore(_mini_store(), ForkGuard())
    rows = store.query('SELECT ?t WHERE { ?p eli:title ?t } ORDER BY ?t')
    assert isinstance(rows, QuerySolutions) and [v.value for v in rows.variables] == ["t"]
    assert "河南省老年人权益保障条例" in {r["t"].value for r in rows}
    assert isinstance(store.query("CONSTRUCT WHERE { ?p eli:title ?t }"), QueryTriples)
    assert isinstance(store.query("ASK { ?p eli:title \"消防法\" }"), QueryBoolean)
    assert isinstance(store.quads(), list)
    assert len(store.quads()) == sum(1 for _ in store.raw.quads()) > 500
    assert store.graphs() == sorted(store.graphs()) and len(store.graphs()) == 2


def test_no_fork_hangs_while_other_threads_read_and_write():
    """Measured without the guard: about 1 fork in 150 inherited a held store mutex."""
    from kg.sparql import ForkGuard, GuardedStore

    raw = _mini_store()
    guard = ForkGuard()
    store = GuardedStore(raw, guard)
    runner = ForkRunner(timeout=2, max_concurrent=4, guard=guard)
    stop = threading.Event()

    def hammer(writer: bool) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            assert len(list(store.query("SELECT * { GRAPH ?g { ?s ?p ?o } }"))) > 500
            if writer:
                store.update(f'INSERT DATA {{ GRAPH <http://x/g> {{ <http://x/s> <http://x/p> "{n}" }} }}')

    threads = [threading.Thread(target=hammer, args=(i == 0,)) for i in range(3)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(120):
            header, _ = runner.run(lambda: ({"n": len(list(raw.query("SELECT * { ?s ?p ?o }")))},
                                            b""))
            assert header["n"] > 0
    finally:
        stop.set()
        for thread in threads:
            thread.join()
