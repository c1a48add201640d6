"""The query guard: what a SPARQL request may do, and a runner that really stops it.

Two halves, both free of HTTP:

* :func:`inspect_sparql` lexes a query or update (no full parse: Oxigraph does that
  and reports syntax errors with their position) and :func:`check_query` /
  :func:`check_update` refuse what would make the server fetch or read something
  (``SERVICE``, ``LOAD``, a ``FROM``/``USING`` graph that is not already in the store).
* :class:`ForkRunner` runs one job in a forked child process with a deadline. pyoxigraph
  cannot cancel a query, so the only way to really stop a runaway one is to kill the
  process evaluating it; the server process never evaluates a query itself.
"""
from __future__ import annotations

import json
import os
import pickle
import re
import select
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

#: SPARQL keywords that start a query form.
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
#: SPARQL keywords that start an update operation.
UPDATE_OPERATIONS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE",
                     "ADD", "WITH")


class QueryRefused(ValueError):
    """The request asks for something this server never does (fetch, read a file, ...)."""


class QueryTimeout(Exception):
    """The job ran past its deadline and was killed."""


class TooBusy(Exception):
    """All evaluation slots are taken."""


class JobFailed(Exception):
    """The child process died without an answer (crash, out of memory)."""


# --- lexing ---------------------------------------------------------------------------

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# One alternative per token kind; strings and IRIs first so that nothing inside them
# is mistaken for a keyword. IRIREF excludes spaces, so `?a < ?b` stays an operator.
_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?:(?:[\w\-.:%\\\u00B7\u00C0-\uFFFF]*[\w\-:%\u00C0-\uFFFF])?)
  | (?P<word>[A-Za-z_][\w\-]*)
  | (?P<punct>[{}()\[\];,.])
  | (?P<other>\S)
""", re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    depth: int  # `{` nesting at the token


def unescape_codepoints(text: str) -> str:
    r"""Apply SPARQL's ``\uXXXX``/``\UXXXXXXXX`` escapes, as the parser does before lexing.

    Without this, ``\u0053ERVICE`` would slip past the guard and still run as SERVICE.

    >>> unescape_codepoints(r"\u0053ERVICE <http://例子.cn/>")
    'SERVICE <http://例子.cn/>'
    """
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def tokenize(text: str) -> list[Token]:
    """Split SPARQL text into tokens, skipping comments and whitespace.

    >>> [t.text for t in tokenize('SELECT ?标题 { ?s <http://x/p> "卫生 SERVICE" } # SERVICE')]
    ['SELECT', '?标题', '{', '?s', '<http://x/p>', '"卫生 SERVICE"', '}']
    """
    tokens: list[Token] = []
    depth = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "comment":
            continue
        value = match.group()
        if value == "}":
            depth = max(depth - 1, 0)
        tokens.append(Token(kind, value, match.start(), depth))
        if value == "{":
            depth += 1
    return tokens


@dataclass
class SparqlShape:
    """What the guard learnt from the text of one request.

    Attributes:
        form: ``SELECT``/``ASK``/``CONSTRUCT``/``DESCRIBE`` for a query, ``UPDATE`` for an
            update, ``None`` if no form keyword was found (the parser will say why).
        from_graphs: IRIs after ``FROM`` (or ``USING``).
        from_named_graphs: IRIs after ``FROM NAMED`` (or ``USING NAMED``).
        service: whether ``SERVICE`` occurs.
        load: whether ``LOAD`` occurs.
        with_or_using: whether an update names its dataset itself (``WITH``/``USING``).
        where_offsets: character offsets of the top-level ``WHERE`` keywords of update
            operations that may take a ``USING`` clause (not ``DELETE WHERE``).
    """

    form: str | None = None
    from_graphs: list[str] = field(default_factory=list)
    from_named_graphs: list[str] = field(default_factory=list)
    service: bool = False
    load: bool = False
    with_or_using: bool = False
    where_offsets: list[int] = field(default_factory=list)

    @property
    def dataset_graphs(self) -> list[str]:
        return self.from_graphs + self.from_named_graphs


def _resolve(ref: str, base: str | None) -> str:
    if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", ref) or not base:
        return ref
    from urllib.parse import urljoin

    return urljoin(base, ref)


def inspect_sparql(text: str, base_iri: str | None = None) -> SparqlShape:
    """Find the form, the dataset clauses and the dangerous keywords of a query or update.

    Args:
        text: The query or update string, as received.
        base_iri: Base for relative IRIs in ``FROM`` (the service IRI).

    Returns:
        A :class:`SparqlShape`; prefixed names in ``FROM`` are expanded with the
        text's own ``PREFIX`` declarations.

    >>> shape = inspect_sparql('PREFIX g: <https://w3id.org/healthkg/graph/> '
    ...                        'SELECT ?标题 FROM g:doc1 WHERE { ?p ?q ?标题 }')
    >>> shape.form, shape.from_graphs, shape.service
    ('SELECT', ['https://w3id.org/healthkg/graph/doc1'], False)
    """
    tokens = tokenize(unescape_codepoints(text))
    shape = SparqlShape()
    prefixes: dict[str, str] = {}
    base = base_iri
    previous_word = ""
    for i, tok in enumerate(tokens):
        word = tok.text.upper() if tok.kind == "word" else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if word == "PREFIX" and nxt is not None and i + 2 < len(tokens) \
                and tokens[i + 2].kind == "iri":
            prefixes[nxt.text[:-1] if nxt.text.endswith(":") else nxt.text] = \
                _resolve(tokens[i + 2].text[1:-1], base)
        elif word == "BASE" and nxt is not None and nxt.kind == "iri":
            base = _resolve(nxt.text[1:-1], base)
        elif word in QUERY_FORMS and shape.form is None:
            shape.form = word
        elif word in UPDATE_OPERATIONS and shape.form is None:
            shape.form = "UPDATE"
        if word == "SERVICE":
            shape.service = True
        elif word == "LOAD":
            shape.load = True
        elif word in ("WITH", "USING"):
            shape.with_or_using = True
        elif word == "WHERE" and tok.depth == 0 and previous_word != "DELETE":
            shape.where_offsets.append(tok.start)
        if word in ("FROM", "USING") and nxt is not None:
            named = nxt.kind == "word" and nxt.text.upper() == "NAMED"
            target = tokens[i + 2] if named and i + 2 < len(tokens) else nxt
            iri = None
            if target.kind == "iri":
                iri = _resolve(target.text[1:-1], base)
            elif target.kind == "pname":
                prefix, _, local = target.text.partition(":")
                if prefix in prefixes:
                    iri = prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
            if iri is not None:
                (shape.from_named_graphs if named else shape.from_graphs).append(iri)
        if tok.kind == "word":
            previous_word = word
    return shape


def _check_dataset(shape: SparqlShape, has_graph: Callable[[str], bool] | None,
                   keyword: str) -> None:
    if has_graph is None:
        return
    for iri in shape.dataset_graphs:
        if not has_graph(iri):
            raise QueryRefused(
                f"{keyword} <{iri}> names no graph in this store; this server never fetches "
                f"or reads a dataset from an IRI, it only selects graphs it already holds")


def check_query(text: str, *, has_graph: Callable[[str], bool] | None = None,
                base_iri: str | None = None) -> SparqlShape:
    """Refuse a query that would fetch or read anything; return its shape.

    Args:
        text: The query.
        has_graph: Tells whether the store holds a named graph; ``None`` skips the
            ``FROM`` check (for a caller that checks later, next to the store).
        base_iri: Base for relative IRIs.

    Raises:
        QueryRefused: ``SERVICE``, an update sent as a query, or ``FROM``/``FROM NAMED``
            naming a graph the store does not hold.

    >>> check_query("SELECT * { ?政策 ?p ?o }").form
    'SELECT'
    >>> check_query("SELECT * { SERVICE <http://127.0.0.1:9/> { ?政策 ?p ?o } }")
    Traceback (most recent call last):
    kg.sparql.QueryRefused: SERVICE is not allowed: this endpoint never sends requests to other services
    """
    shape = inspect_sparql(text, base_iri)
    if shape.service:
        raise QueryRefused(
            "SERVICE is not allowed: this endpoint never sends requests to other services")
    if shape.form == "UPDATE" or shape.load:
        raise QueryRefused("this is an update; send it to /update, not to the query service")
    _check_dataset(shape, has_graph, "FROM")
    return shape


def check_update(text: str, *, has_graph: Callable[[str], bool] | None = None,
                 base_iri: str | None = None) -> SparqlShape:
    """Refuse an update that would fetch or read anything; return its shape.

    Raises:
        QueryRefused: ``LOAD``, ``SERVICE``, or ``USING`` naming a graph the store does not hold.

    >>> check_update('INSERT DATA { <http://x/政策> <http://x/p> "卫生" }').form
    'UPDATE'
    >>> check_update("LOAD <file:///etc/passwd>")
    Traceback (most recent call last):
    kg.sparql.QueryRefused: LOAD is not allowed: this endpoint never fetches or reads documents
    """
    shape = inspect_sparql(text, base_iri)
    if shape.load:
        raise QueryRefused("LOAD is not allowed: this endpoint never fetches or reads documents")
    if shape.service:
        raise QueryRefused(
            "SERVICE is not allowed: this endpoint never sends requests to other services")
    _check_dataset(shape, has_graph, "USING")
    return shape


def add_using(text: str, shape: SparqlShape, graphs: Iterable[str],
              named_graphs: Iterable[str]) -> str:
    """Insert protocol ``using-graph-uri``/``using-named-graph-uri`` as ``USING`` clauses.

    pyoxigraph's ``update`` takes no dataset, so the protocol parameters become text:
    a ``USING`` clause before the ``WHERE`` of every ``INSERT``/``DELETE … WHERE``.

    >>> q = 'INSERT { ?s <http://x/p> "卫生" } WHERE { ?s ?p ?o }'
    >>> add_using(q, inspect_sparql(q), ["http://x/g"], [])
    'INSERT { ?s <http://x/p> "卫生" } USING <http://x/g> WHERE { ?s ?p ?o }'
    """
    clause = "".join(f"USING <{g}> " for g in graphs) + \
        "".join(f"USING NAMED <{g}> " for g in named_graphs)
    if not clause:
        return text
    text = unescape_codepoints(text)  # offsets were taken on the unescaped text
    for offset in reversed(shape.where_offsets):
        text = text[:offset] + clause + text[offset:]
    return text


# --- running under a deadline ---------------------------------------------------------

#: A job returns a JSON-able header and the body bytes.
Job = Callable[[], tuple[dict, bytes]]


class ForkGuard:
    """Keeps ``fork`` and threads working inside the store apart.

    pyoxigraph's in-memory store takes short internal mutexes while it reads; a child
    forked while another thread holds one inherits it locked and hangs (measured: about
    1 fork in 150 under concurrent reads). Threads that call into the store hold the
    guard *shared*; the fork holds it *exclusive* for the millisecond it takes. Waiting
    forks block new readers, so a stream of reads cannot starve them; shared holds are
    re-entrant per thread.

    >>> guard = ForkGuard()
    >>> with guard.shared(), guard.shared():
    ...     "郴州"
    '郴州'
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Fresh, unlocked state (in a forked child, whose copy may look held)."""
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._forking = False
        self._waiting_forks = 0
        self._depth = threading.local()

    @contextmanager
    def shared(self) -> Iterator[None]:
        depth = getattr(self._depth, "n", 0)
        if depth == 0:
            with self._cond:
                while self._forking or self._waiting_forks:
                    self._cond.wait()
                self._readers += 1
        self._depth.n = depth + 1
        try:
            yield
        finally:
            self._depth.n = depth
            if depth == 0:
                with self._cond:
                    self._readers -= 1
                    if self._readers == 0:
                        self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            self._waiting_forks += 1
            while self._forking or self._readers:
                self._cond.wait()
            self._waiting_forks -= 1
            self._forking = True
        try:
            yield
        finally:
            with self._cond:
                self._forking = False
                self._cond.notify_all()


def materialize(result: Any) -> Any:
    """A query result read to the end now, still a genuine pyoxigraph result object.

    pyoxigraph results are lazy: iterating them reads the store. Reading them inside
    :meth:`ForkGuard.shared` and handing back a detached copy keeps callers that
    iterate later (REST routes) out of the store while a child is forked.

    >>> from pyoxigraph import Store
    >>> rows = materialize(Store().query('SELECT ?名 WHERE { VALUES ?名 { "郴州" } }'))
    >>> [r["名"].value for r in rows]
    ['郴州']
    """
    import pyoxigraph as ox

    if isinstance(result, ox.QuerySolutions):
        data = result.serialize(format=ox.QueryResultsFormat.JSON)
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    if isinstance(result, ox.QueryTriples):
        scratch = ox.Store()
        scratch.extend(ox.Quad(t.subject, t.predicate, t.object) for t in result)
        return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
    return result


class GuardedStore:
    """A :class:`kg.store.Store` whose every call holds :class:`ForkGuard` shared.

    ``query`` results come back materialized (:func:`materialize`); methods returning
    an iterator (``quads``) return a list. ``raw`` is the store itself, for code that
    runs in a forked child (single-threaded, no guard needed).
    """

    def __init__(self, store: Any, guard: ForkGuard) -> None:
        self.raw = store
        self.guard = guard

    def query(self, sparql: str, **options: Any) -> Any:
        with self.guard.shared():
            return materialize(self.raw.query(sparql, **options))

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.raw, name)
        if not callable(attr):
            return attr

        def guarded(*args: Any, **kwargs: Any) -> Any:
            with self.guard.shared():
                value = attr(*args, **kwargs)
                return list(value) if isinstance(value, Iterator) else value

        return guarded

    def __enter__(self) -> GuardedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ForkRunner:
    """Run jobs in forked children with a deadline and a concurrency limit.

    The child sees the parent's memory as of the fork (the open store included), runs
    the job, writes ``header-json\\n`` + body to a pipe and exits with ``os._exit`` (so it
    never closes or flushes the parent's store). On timeout the child gets SIGKILL: the
    work really stops and the parent keeps serving.

    Args:
        timeout: Seconds per job.
        max_concurrent: Jobs at once; more raise :class:`TooBusy` at once.
        guard: Held exclusive around ``fork``; threads that use the store in this process
            hold it shared (:class:`GuardedStore`), so that no child starts with a store
            mutex held or an update half applied.

    >>> runner = ForkRunner(timeout=5, max_concurrent=1)
    >>> runner.run(lambda: ({"rows": 1}, "卫生".encode()))
    ({'rows': 1}, b'\\xe5\\x8d\\xab\\xe7\\x94\\x9f')
    """

    def __init__(self, timeout: float, max_concurrent: int,
                 guard: ForkGuard | None = None) -> None:
        self.timeout = timeout
        self.max_concurrent = max_concurrent
        self.guard = guard or ForkGuard()
        self._active = 0
        self._count_lock = threading.Lock()
        #: Process id of the most recent child (for tests and logs).
        self.last_pid: int | None = None

    @property
    def active(self) -> int:
        return self._active

    def run(self, job: Job, timeout: float | None = None) -> tuple[dict, bytes]:
        """Run ``job`` in a child; blocks the calling thread until it answers or dies.

        Raises:
            TooBusy: ``max_concurrent`` jobs are already running.
            QueryTimeout: the deadline passed; the child was killed.
            JobFailed: the child exited without a complete answer.
        """
        with self._count_lock:
            if self._active >= self.max_concurrent:
                raise TooBusy(f"{self._active} queries are running (limit {self.max_concurrent})")
            self._active += 1
        try:
            return self._run(job, self.timeout if timeout is None else timeout)
        finally:
            with self._count_lock:
                self._active -= 1

    def call(self, function: Callable[..., object], *args: object,
             timeout: float | None = None, **kwargs: object) -> object:
        """``function(*args, **kwargs)`` in a child under the deadline; its return value.

        For routes that compute Python data from the store (REST lists, analyses): the
        value comes back pickled (from our own child, so unpickling it is safe), and an
        exception raised in the child is raised here again.

        Raises:
            TooBusy, QueryTimeout, JobFailed: as :meth:`run`.

        >>> ForkRunner(timeout=5, max_concurrent=1).call(str.upper, "hp:policy 政策")
        'HP:POLICY 政策'
        """
        def job() -> tuple[dict, bytes]:
            try:
                return {"ok": True}, pickle.dumps(function(*args, **kwargs))
            except Exception as exc:  # travels back and is raised in the parent
                return {"ok": False}, pickle.dumps(exc)

        header, body = self.run(job, timeout)
        if "ok" not in header:
            raise JobFailed(header.get("error", "the worker failed"))
        value = pickle.loads(body)
        if not header["ok"]:
            raise value
        return value

    def _run(self, job: Job, timeout: float) -> tuple[dict, bytes]:
        deadline = time.monotonic() + timeout
        # Pipe, fork and closing our write end all happen under the guard: a child forked
        # by another thread must not inherit this pipe's write end, or our EOF would wait
        # for that other child to exit.
        with self.guard.exclusive():
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:  # child: never returns
                os.close(read_fd)
                self.guard.reset()
                _child(job, write_fd)
            os.close(write_fd)
        self.last_pid = pid
        chunks: list[bytes] = []
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
                ready, _, _ = select.select([read_fd], [], [], left)
                if not ready:
                    continue
                chunk = os.read(read_fd, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(read_fd)
            _reap(pid, kill=True)
        data = b"".join(chunks)
        head, sep, body = data.partition(b"\n")
        if not sep:
            raise JobFailed("the query worker died without answering")
        return json.loads(head), body


def _child(job: Job, write_fd: int) -> None:
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            header, body = job()
        except Exception as exc:  # the job's own errors travel to the parent as a header
            header, body = {"error": f"{type(exc).__name__}: {exc}", "status": 500}, b""
        payload = json.dumps(header, ensure_ascii=False).encode() + b"\n" + body
        view = memoryview(payload)
        while view:
            written = os.write(write_fd, view)
            view = view[written:]
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _reap(pid: int, kill: bool) -> None:
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == 0 and kill:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass
