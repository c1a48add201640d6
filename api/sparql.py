"""SPARQL 1.1 Protocol: ``/sparql`` (query, service description) and ``/update``.

Requests are checked by :mod:`kg.sparql` (no SERVICE, no LOAD, ``FROM`` only over
graphs the store holds), evaluated in a forked child under a deadline
(:class:`kg.sparql.ForkRunner`), cut at the row cap and written in the negotiated
format. Every refusal is an :class:`api.errors.APIError`, so it has the one error shape.
"""
from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from itertools import islice
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QueryTriples, Triple

from api.deps import get_query_runner, get_settings, get_store
from api.errors import (
    APIError,
    BadRequest,
    Forbidden,
    NotAcceptable,
    ServiceUnavailable,
    Unauthorized,
    UnsupportedMediaType,
)
from api.settings import Settings
from api.sparql_results import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    Format,
    negotiate,
    write_boolean,
    write_solutions,
    write_triples,
)
from kg.sparql import (
    ForkRunner,
    JobFailed,
    QueryRefused,
    QueryTimeout,
    SparqlShape,
    TooBusy,
    add_using,
    check_query,
    check_update,
)

router = APIRouter(tags=["SPARQL"])

#: Response header carrying the row cap when a result was cut (Virtuoso's name for it).
TRUNCATED_HEADER = "X-SPARQL-MaxRows"
FORM = "application/x-www-form-urlencoded"
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
#: Terms for this server's limits in the service description.
SERVICE_NS = "https://w3id.org/healthkg/service#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples",
    "jsonld": "JSON-LD", "rdfxml": "RDF_XML", "trig": "TriG", "nquads": "N-Quads",
}


# --- reading the request --------------------------------------------------------------

def _media_type(request: Request) -> tuple[str, str | None]:
    """The request's media type and its charset parameter (lower-cased)."""
    raw = request.headers.get("content-type", "")
    media, *params = [p.strip() for p in raw.split(";")]
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def _decode(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise UnsupportedMediaType(f"charset {charset} is not supported; send UTF-8")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"the request body is not UTF-8: {exc}") from None


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise BadRequest(f"{len(values)} '{name}' parameters; send exactly one")
    return values[0] if values else None


def _operation(params: dict[str, list[str]], direct: str | None, name: str) -> str | None:
    """The query or update text: the directly POSTed body or the `name` parameter, not both."""
    text = _one(params, name)
    if direct is not None:
        if text is not None:
            article = "an" if name[0] in "aeiou" else "a"
            raise BadRequest(f"the {name} is both in the body and in {article} '{name}' parameter")
        text = direct
    return text


async def _parameters(request: Request, direct_type: str) -> tuple[dict[str, list[str]], str | None]:
    """URL and form parameters merged, and the directly POSTed operation text if any."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method != "POST":
        return params, None
    media, charset = _media_type(request)
    body = await request.body()
    if media == FORM:
        for name, values in parse_qs(_decode(body, charset), keep_blank_values=True).items():
            params.setdefault(name, []).extend(values)
        return params, None
    if media == direct_type:
        return params, _decode(body, charset)
    shown = media or "no content type"
    raise UnsupportedMediaType(f"POST takes {FORM} or {direct_type}, not {shown}")


def _service_iri(request: Request) -> str:
    """The endpoint's IRI, the base of relative IRIs in operations.

    It is built from the client's Host header, so characters that could end the IRI
    in ``BASE <…>`` are percent-encoded.
    """
    iri = str(request.url.replace(query="", fragment="")).rstrip("?")
    return quote(iri, safe=":/?#[]@!$&'()*+,;=%")


# --- queries --------------------------------------------------------------------------

@dataclass(frozen=True)
class QueryJob:
    """Everything the child process needs to evaluate one query and write its answer."""

    text: str
    shape: SparqlShape
    format: Format
    default_graph_uris: tuple[str, ...] | None
    named_graph_uris: tuple[str, ...] | None
    base_iri: str
    max_rows: int


def _graph_iris(store: Any) -> set[str]:
    return {getattr(g, "value", str(g)) for g in store.graphs()}


_POSITION = re.compile(r"\b(at|line) (\d+):(\d+)")


def with_base(text: str, base_iri: str) -> str:
    """Give the operation the service IRI as its base ("which MAY be the service endpoint").

    A ``BASE`` line is prepended (every backend understands it, and the text's own
    ``BASE`` still wins); :func:`parser_message` takes that line back out of positions.

    >>> with_base("SELECT * { <政策> ?p ?o }", "http://127.0.0.1:8000/sparql")
    'BASE <http://127.0.0.1:8000/sparql>\\nSELECT * { <政策> ?p ?o }'
    """
    return f"BASE <{base_iri}>\n{text}"


def parser_message(exc: Exception, limit: int = 600) -> str:
    """The parser's message with positions in the client's own text (and not too long).

    >>> parser_message(SyntaxError("error at 2:6: expected one of \\"{\\""))
    'error at 1:6: expected one of "{"'
    """
    message = _POSITION.sub(lambda m: f"{m.group(1)} {max(int(m.group(2)) - 1, 1)}:{m.group(3)}",
                            str(exc))
    return message if len(message) <= limit else message[:limit] + " …"


def evaluate(store: Any, job: QueryJob) -> tuple[dict, bytes]:
    """Run one query and serialise at most ``job.max_rows`` rows (runs in the child).

    Returns:
        A header (``rows`` and ``truncated``, or ``status`` and ``error``) and the body.

    >>> from kg.store import open_store
    >>> text = 'SELECT ?名称 WHERE { VALUES ?名称 { "郴州市" "河南省" } }'
    >>> job = QueryJob(text, check_query(text), RESULT_FORMATS[2], None, None,
    ...                "http://127.0.0.1:8000/sparql", max_rows=1)
    >>> header, body = evaluate(open_store("oxigraph:memory"), job)
    >>> header, body.decode()
    ({'rows': 1, 'truncated': True}, '名称\\r\\n郴州市\\r\\n')
    """
    store = getattr(store, "raw", store)  # the child is single-threaded: no guard needed
    after_fork = getattr(store, "after_fork", None)
    if after_fork is not None:  # e.g. a remote store opens its own connections
        after_fork()
    try:
        if job.shape.dataset_graphs:
            known = _graph_iris(store)
            check_query(job.text, has_graph=known.__contains__, base_iri=job.base_iri)
        protocol_dataset = job.default_graph_uris is not None or job.named_graph_uris is not None
        result = store.query(
            with_base(job.text, job.base_iri),
            default_graph_uris=list(job.default_graph_uris or ()) if protocol_dataset else None,
            named_graph_uris=list(job.named_graph_uris or ()) if protocol_dataset else None,
            # the union is the default graph unless the request names its own dataset
            union_default=not protocol_dataset and not job.shape.dataset_graphs)
        if isinstance(result, QueryBoolean):
            return {"rows": 1, "truncated": False}, write_boolean(bool(result), job.format.key)
        if isinstance(result, QueryTriples):
            triples = list(islice(result, job.max_rows + 1))
            truncated = len(triples) > job.max_rows
            body = write_triples(triples[:job.max_rows], job.format.key)
            return {"rows": min(len(triples), job.max_rows), "truncated": truncated}, body
        variables = [v.value for v in result.variables]
        rows = [[solution[v] for v in variables]
                for solution in islice(result, job.max_rows + 1)]
        truncated = len(rows) > job.max_rows
        body = write_solutions(variables, rows[:job.max_rows], job.format.key)
        return {"rows": min(len(rows), job.max_rows), "truncated": truncated}, body
    except SyntaxError as exc:
        return {"status": 400, "error": parser_message(exc)}, b""
    except QueryRefused as exc:
        return {"status": 400, "error": str(exc)}, b""
    except Exception as exc:  # evaluation or store errors (I/O, remote server down)
        return {"status": 500, "error": f"query evaluation failed: {type(exc).__name__}: {exc}"}, b""


def _formats_for(shape: SparqlShape) -> tuple[Format, ...]:
    if shape.form in ("CONSTRUCT", "DESCRIBE"):
        return GRAPH_FORMATS
    return RESULT_FORMATS


async def run_job(runner: ForkRunner, work: Any, timeout: float) -> tuple[dict, bytes]:
    """Run ``work`` in the runner from async code; map the runner's failures to 503/500."""
    try:
        return await run_in_threadpool(runner.run, work, timeout)
    except TooBusy as exc:
        raise ServiceUnavailable(f"too many queries at once: {exc}; retry shortly",
                                 retry_after=1) from None
    except QueryTimeout as exc:
        raise ServiceUnavailable(str(exc), retry_after=5) from None
    except JobFailed as exc:
        raise APIError(str(exc)) from None


async def answer_query(request: Request, settings: Settings, store: Any,
                       runner: ForkRunner) -> Response:
    """Check, negotiate, evaluate under the deadline, and answer one query request."""
    params, direct = await _parameters(request, "application/sparql-query")
    if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
        raise BadRequest("this is the query service; POST updates to /update")
    text = _operation(params, direct, "query")
    if text is None:
        return service_description(request, settings)
    if not text.strip():
        raise BadRequest("the query is empty")
    base_iri = _service_iri(request)
    try:
        shape = check_query(text, base_iri=base_iri)
    except QueryRefused as exc:
        raise BadRequest(str(exc)) from None
    fmt = negotiate(request.headers.get("accept"), _formats_for(shape))
    if fmt is None:
        offered = ", ".join(f.media_type for f in _formats_for(shape))
        raise NotAcceptable(f"cannot produce {request.headers.get('accept')!r} for a "
                            f"{shape.form or 'query'}; available: {offered}")
    job = QueryJob(
        text=text, shape=shape, format=fmt, base_iri=base_iri, max_rows=settings.max_rows,
        default_graph_uris=tuple(params["default-graph-uri"])
        if "default-graph-uri" in params else None,
        named_graph_uris=tuple(params["named-graph-uri"]) if "named-graph-uri" in params else None)
    header, body = await run_job(runner, lambda: evaluate(store, job), settings.timeout)
    if "error" in header:
        status = header.get("status", 500)
        raise (BadRequest(header["error"]) if status == 400 else APIError(header["error"]))
    headers = {"Vary": "Accept"}
    if header.get("truncated"):
        headers[TRUNCATED_HEADER] = str(settings.max_rows)
    return Response(body, media_type=fmt.content_type, headers=headers)


@router.get("/sparql", summary="SPARQL 1.1 query (GET ?query=), or the service description")
async def sparql_get(request: Request, settings: Settings = Depends(get_settings),
                     store: Any = Depends(get_store),
                     runner: ForkRunner = Depends(get_query_runner)) -> Response:
    return await answer_query(request, settings, store, runner)


@router.post("/sparql", summary="SPARQL 1.1 query (form or application/sparql-query body)")
async def sparql_post(request: Request, settings: Settings = Depends(get_settings),
                      store: Any = Depends(get_store),
                      runner: ForkRunner = Depends(get_query_runner)) -> Response:
    return await answer_query(request, settings, store, runner)


# --- service description --------------------------------------------------------------

def _description(request: Request, settings: Settings) -> list[Triple]:
    sd = lambda term: NamedNode(SD + term)  # noqa: E731
    svc = lambda term: NamedNode(SERVICE_NS + term)  # noqa: E731
    service, dataset, graph = BlankNode(), BlankNode(), BlankNode()
    endpoint = NamedNode(_service_iri(request))
    triples = [
        Triple(service, RDF_TYPE, sd("Service")),
        Triple(service, sd("endpoint"), endpoint),
        Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        Triple(service, sd("defaultEntailmentRegime"),
               NamedNode("http://www.w3.org/ns/entailment/Simple")),
        Triple(service, sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, sd("Dataset")),
        Triple(dataset, sd("defaultGraph"), graph),
        Triple(graph, RDF_TYPE, sd("Graph")),
        Triple(service, svc("maxRows"), Literal(str(settings.max_rows),
                                                datatype=NamedNode(XSD + "integer"))),
        Triple(service, svc("queryTimeoutSeconds"), Literal(str(settings.timeout),
                                                           datatype=NamedNode(XSD + "decimal"))),
        Triple(service, svc("maxRequestBytes"), Literal(str(settings.max_body_bytes),
                                                        datatype=NamedNode(XSD + "integer"))),
        Triple(service, svc("maxConcurrentQueries"),
               Literal(str(settings.max_concurrent), datatype=NamedNode(XSD + "integer"))),
        Triple(service, svc("truncationHeader"), Literal(TRUNCATED_HEADER)),
    ]
    triples += [Triple(service, sd("resultFormat"), NamedNode(FORMATS_NS + FORMAT_IRIS[f.key]))
                for f in (*RESULT_FORMATS, *GRAPH_FORMATS)]
    if settings.update_enabled:
        update = NamedNode(str(request.url_for("sparql_update")))
        triples += [Triple(service, svc("updateEndpoint"), update)]
    return triples


def service_description(request: Request, settings: Settings) -> Response:
    """The ``sd:Service`` description, in the negotiated RDF format (Turtle by default).

    Browsers asking for HTML get Turtle too rather than a 406.
    """
    fmt = negotiate(request.headers.get("accept"), GRAPH_FORMATS) or GRAPH_FORMATS[0]
    prefixes = {"sd": SD, "formats": FORMATS_NS, "hks": SERVICE_NS}
    return Response(write_triples(_description(request, settings), fmt.key, prefixes),
                    media_type=fmt.content_type, headers={"Vary": "Accept"})


# --- updates --------------------------------------------------------------------------

def _authorize(request: Request, settings: Settings) -> None:
    if not settings.update_enabled:
        raise Forbidden("updates are disabled; start the server with `kg serve --update`")
    if settings.update_token:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
                given.strip().encode(), settings.update_token.encode()):
            raise Unauthorized("send 'Authorization: Bearer <token>' with the token in "
                               "HEALTHKG_UPDATE_TOKEN")


def apply_update(store: Any, runner: ForkRunner, text: str, shape: SparqlShape,
                 base_iri: str) -> None:
    """Apply an update in this process, holding the fork guard so no query forks mid-write.

    Raises:
        QueryRefused: ``USING`` names a graph the store does not hold.
        SyntaxError: the update is malformed.
    """
    with runner.guard.shared():  # no child is forked while the update is half applied
        if shape.dataset_graphs:
            check_update(text, has_graph=_graph_iris(store).__contains__, base_iri=base_iri)
        store.update(with_base(text, base_iri))


@router.post("/update", status_code=204, summary="SPARQL 1.1 Update (only with --update)")
async def sparql_update(request: Request, settings: Settings = Depends(get_settings),
                        store: Any = Depends(get_store),
                        runner: ForkRunner = Depends(get_query_runner)) -> Response:
    _authorize(request, settings)
    params, direct = await _parameters(request, "application/sparql-update")
    if "query" in params:
        raise BadRequest("this is the update service; send queries to /sparql")
    text = _operation(params, direct, "update")
    if text is None:
        raise BadRequest("no update: send an 'update' form field or an application/sparql-update body")
    base_iri = _service_iri(request)
    using = params.get("using-graph-uri", [])
    using_named = params.get("using-named-graph-uri", [])
    try:
        shape = check_update(text, base_iri=base_iri)
    except QueryRefused as exc:
        raise BadRequest(str(exc)) from None
    if (using or using_named) and shape.with_or_using:
        raise BadRequest("using-graph-uri/using-named-graph-uri cannot be combined with "
                         "USING or WITH in the update")
    with_using = add_using(text, shape, using, using_named)
    try:  # in the thread pool: a remote store answers over HTTP
        await run_in_threadpool(apply_update, store, runner, with_using, shape, base_iri)
    except SyntaxError as exc:
        raise BadRequest(parser_message(exc)) from None
    except QueryRefused as exc:
        raise BadRequest(str(exc)) from None
    except Exception as exc:  # store errors (read-only remote, I/O) keep the error shape
        raise APIError(f"update failed: {type(exc).__name__}: {exc}") from None
    return Response(status_code=204)
