"""HTML pages: home with search and facets, SPARQL editor, graph views, policy, document
(with its extracted spans highlighted), obligations, and the API docs served locally.

Pages are Jinja2 templates with autoescape on; everything they show comes from
`kg.queries` / `api.viz`, the same functions the REST API uses. No page loads anything
from outside this server: vis-network and swagger-ui are vendored under `api/static/vendor`.
"""
from __future__ import annotations

import json
from functools import lru_cache
from itertools import pairwise
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from api.deps import get_store
from api.errors import NotFound, found
from api.rest import ISO_PREFIX, KEY, REGION_CODE, resolve_node
from api.viz import STATIC, ViewError, render_view, templates
from kg import queries
from ontology.namespace import sparql_prologue

router = APIRouter(include_in_schema=False)
Store = Annotated[Any, Depends(get_store)]
#: Items per page on HTML lists.
PAGE_SIZE = 25
#: The example queries of the SPARQL editor (data, not code).
EXAMPLE_QUERIES = STATIC / "example-queries.json"


def query_string(*mappings: dict[str, Any], **params: Any) -> str:
    """A URL query from dicts and keywords (later win), dropping empty values.

    >>> query_string({"q": "养老", "kind": None}, page=2)
    'q=%E5%85%BB%E8%80%81&page=2'
    """
    merged: dict[str, Any] = {}
    for mapping in (*mappings, params):
        merged.update(mapping)
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


@lru_cache(maxsize=1)
def _env():
    env = templates()
    env.globals["qs"] = query_string
    return env


def _page(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env().get_template(name).render(standalone=False, **context))


def highlight_segments(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut `text` at every span boundary; each piece lists the spans covering it.

    Overlapping spans (浔阳区 inside 九江市浔阳区政务服务管理局) simply give a piece two
    kinds, so nothing needs nesting.

    Args:
        text: The document text.
        spans: Dicts with `start`, `end`, `kind`, `label` (as `kg.queries.get_document`).

    Returns:
        Pieces `{"text", "kinds", "labels", "anchor"}` in order; `anchor` is the offset when
        a span begins there (the target of `#s-START` links), else None.

    >>> [p["kinds"] for p in highlight_segments("郴州市民政局", [
    ...     {"start": 0, "end": 3, "kind": "region", "label": "郴州市"},
    ...     {"start": 0, "end": 6, "kind": "org", "label": "郴州市民政局"}])]
    [['org', 'region'], ['org']]
    """
    valid = [s for s in spans if 0 <= s["start"] < s["end"] <= len(text)]
    cuts = sorted({0, len(text)} | {s["start"] for s in valid} | {s["end"] for s in valid})
    pieces = []
    for a, b in pairwise(cuts):
        covering = [s for s in valid if s["start"] <= a and b <= s["end"]]
        starts_here = any(s["start"] == a for s in covering)
        pieces.append({"text": text[a:b], "kinds": sorted({s["kind"] for s in covering}),
                       "labels": sorted({f"{s['kind']}: {s['label'] or s['id']}"
                                         for s in covering}),
                       "anchor": a if starts_here else None})
    return pieces


@router.get("/", response_class=HTMLResponse)
def home(store: Store, q: Annotated[str | None, Query(max_length=200)] = None,
         kind: Annotated[str | None, Query(max_length=50)] = None,
         region: Annotated[str | None, Query(pattern=REGION_CODE)] = None,
         year: Annotated[int | None, Query(ge=0, le=9999)] = None,
         issuer: Annotated[str | None, Query(max_length=200)] = None,
         page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    """Search box, facets (type, region, year, issuer) and the matching policies."""
    filters = {"kind": kind, "region": region, "year": year, "issuer": issuer}
    policies = queries.list_policies(store, text=q or None, kind=kind, region=region,
                                     year_from=year, year_to=year, issuer=issuer,
                                     limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    hits = None
    if q:
        hits = {"organizations": queries.list_organizations(store, text=q, limit=20)["items"],
                "obligations": queries.list_obligations(store, text=q, limit=20)["items"]}
    return _page("home.html", q=q or "", filters=filters, facets=queries.facets(store),
                 policies=policies, hits=hits, page=page, page_size=PAGE_SIZE,
                 counts=queries.counts(store), documents=queries.list_documents(
                     store, limit=PAGE_SIZE)["items"])


@router.get("/query", response_class=HTMLResponse)
def query_editor() -> HTMLResponse:
    """The SPARQL editor: example queries, results rendered from `/sparql` as a table."""
    examples = json.loads(EXAMPLE_QUERIES.read_text(encoding="utf-8"))
    prologue = sparql_prologue()
    for example in examples:
        example["query"] = prologue + example["query"]
    return _page("query.html", examples=examples)


@router.get("/graph/node", response_class=HTMLResponse)
def graph_node(store: Store, iri: Annotated[str, Query(min_length=1, max_length=500)],
               depth: Annotated[int, Query(ge=0, le=3)] = 1) -> HTMLResponse:
    """The neighbourhood of one node (IRI, or kind/key such as `policy/5c70b77a449533ce`)."""
    node = resolve_node(iri)   # 400 for what cannot name a node
    try:
        return HTMLResponse(render_view(store, "node", node=node, depth=depth))
    except ViewError as missing:
        raise NotFound(str(missing)) from None


@router.get("/graph/{kind}", response_class=HTMLResponse)
def graph(store: Store, kind: Literal["citations", "issuers", "regions"]) -> HTMLResponse:
    """The citation network, the issuer network or the region tree."""
    return HTMLResponse(render_view(store, kind))


@router.get("/policies/{policy_id}", response_class=HTMLResponse)
def policy_page(store: Store, policy_id: Annotated[str, Path(pattern=KEY)]) -> HTMLResponse:
    """One policy: metadata, citations both ways, obligations, where it is mentioned."""
    return _page("policy.html", p=found(queries.get_policy(store, policy_id), "policy", policy_id))


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(store: Store,
                  document_id: Annotated[str, Path(pattern=KEY)]) -> HTMLResponse:
    """A source text with its extracted spans highlighted."""
    doc = found(queries.get_document(store, document_id), "document", document_id)
    return _page("document.html", d=doc, pieces=highlight_segments(doc["text"], doc["spans"]))


@router.get("/obligations", response_class=HTMLResponse)
def obligations_page(store: Store,
                     actor: Annotated[str | None, Query(max_length=200)] = None,
                     modality: Literal["obligation", "prohibition", "permission",
                                       "encouragement", ""] | None = None,
                     deadline_before: Annotated[str | None, Query(
                         pattern=ISO_PREFIX + "|^$")] = None,
                     deadline_after: Annotated[str | None, Query(
                         pattern=ISO_PREFIX + "|^$")] = None,
                     q: Annotated[str | None, Query(max_length=200)] = None,
                     sort: Literal["document", "deadline"] = "document",
                     page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    """What must X do, by when: filterable, each row showing the sentence."""
    form = {"actor": actor or "", "modality": modality or "",
            "deadline_before": deadline_before or "", "deadline_after": deadline_after or "",
            "q": q or "", "sort": sort}
    result = queries.list_obligations(
        store, actor=actor or None, modality=modality or None,
        deadline_before=deadline_before or None, deadline_after=deadline_after or None,
        text=q or None, sort=sort, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return _page("obligations.html", form=form, result=result, page=page, page_size=PAGE_SIZE)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI for `/openapi.json`, its JS and CSS served from `/static/vendor`."""
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url or "/openapi.json", title="healthkg API",
        swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
        swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        swagger_ui_parameters={"validatorUrl": None})
