"""The REST API: JSON a frontend or a notebook can use directly.

Every route is a thin layer over `kg.queries` / `kg.analysis` (plain dicts), validated
into the pydantic models below so that `/openapi.json` documents every field and every
status, errors included (one shape, `api.errors`). Routes are plain `def`s: FastAPI runs
them in its thread pool, so a slow store never blocks the event loop.
"""
from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from api.deps import get_store
from api.errors import BadRequest, NotFound, found
from kg import analysis, queries

Modality = Literal["obligation", "prohibition", "permission", "encouragement"]
T = TypeVar("T")

#: Most items one page may hold.
MAX_PAGE = 500
#: Pattern of a node key (policy, organization or directive id).
KEY = r"^[0-9A-Za-z_.\-]{1,128}$"
#: Pattern of a region code: GB/T 2260 (six digits) or CN.
REGION_CODE = r"^(CN|\d{6})$"
#: Pattern of a node reference: an IRI, kind/key (`org/d9439c49a799b2e5`) or a policy key.
#: IRIs are limited to RFC 3986's ASCII characters: `\s` means different things to Python's
#: and to JSON Schema's (ECMA-262) regexes, so a client could be told a valid value is invalid.
NODE_REF = (r"^(https?://[0-9A-Za-z\-._~:/?#\[\]@!$&'()*+,;=%]+|"
            r"((policy|org|region|directive|document|doctype)/)?[0-9A-Za-z_.\-]{1,128})$")
#: Pattern of an ISO date prefix used by deadline filters.
ISO_PREFIX = r"^\d{4}(-\d{2}(-\d{2})?)?$"


# ----------------------------------------------------------------- response models

class ErrorDetail(BaseModel):
    status: int = Field(description="HTTP status code", examples=[404])
    title: str = Field(description="HTTP reason phrase", examples=["Not Found"])
    detail: str = Field(description="what went wrong", examples=["no policy 5c70b77a449533cf"])


class ErrorResponse(BaseModel):
    """The one error shape of every route."""

    error: ErrorDetail


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _error("a parameter is well-formed but cannot be used"),
    422: _error("a parameter is missing or malformed"),
    500: _error("unexpected server error"),
    503: _error("the store is not open"),
}
NOT_FOUND = {404: _error("no such node")}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OrgRef(Model):
    id: str = Field(examples=["d9439c49a799b2e5"])
    iri: str
    name: str | None = Field(examples=["郴州市人民政府办公室"])


class RegionRef(Model):
    code: str = Field(examples=["431000"])
    iri: str
    name: str | None = Field(examples=["郴州市"])


class PolicyRef(Model):
    id: str = Field(examples=["5c70b77a449533ce"])
    iri: str
    title: str | None
    doc_number: str | None = Field(examples=["郴政办发〔2018〕18号"])


class DocumentRef(Model):
    id: str = Field(description="doc_id (file stem) of the source document",
                    examples=["001_07941aeda37bff36"])
    sha256: str | None


class PolicySummary(Model):
    id: str = Field(examples=["5c70b77a449533ce"])
    iri: str
    title: str | None = Field(examples=["关于全面放开养老服务市场提升养老服务质量的实施意见"])
    doc_number: str | None = Field(description="发文字号", examples=["郴政办发〔2018〕18号"])
    date: str | None = Field(description="ISO date at its precision", examples=["2018-07-06"])
    date_precision: Literal["year", "month", "day"] | None
    year: int | None
    kind: str | None = Field(description="document type (通知, 意见, 条例, …)", examples=["意见"])
    roles: list[str] = Field(description="self and/or mentioned, over all documents")
    issuers: list[OrgRef]
    regions: list[RegionRef] = Field(description="jurisdiction")


class CitedPolicy(PolicySummary):
    based_on: bool = Field(description="cited as the basis (根据/依据/按照)")


class MostCited(PolicySummary):
    cited_by: int = Field(description="how many policies cite it")


class Mention(Model):
    document: DocumentRef
    start: int = Field(description="offset into the document's text")
    end: int
    exact: str | None = Field(description="the text of the span")


class Obligation(Model):
    id: str
    iri: str
    modality: Modality
    text: str = Field(examples=["民政部门应按有关规定及时发布养老服务机构设置和规划布局调整等信息。"])
    actor: str | None = Field(description="the actor as written", examples=["民政部门"])
    assignees: list[OrgRef]
    deadline: str | None = Field(examples=["2020"])
    target: str | None = Field(examples=["不低于30%"])
    policy: PolicyRef | None = Field(description="the policy imposing it")
    document: DocumentRef | None
    start: int | None
    end: int | None


class PolicyDetail(PolicySummary):
    titles: list[str] = Field(description="every title the documents give it")
    dates: list[str] = Field(description="every date the documents give it; `date` is the "
                                         "most precise")
    cites: list[CitedPolicy]
    cited_by: list[PolicySummary]
    obligations: list[Obligation]
    provenance: list[Mention] = Field(description="every span naming this policy")


class Organization(Model):
    id: str
    iri: str
    name: str | None
    aliases: list[str]
    regions: list[RegionRef]
    policies_issued: int


class OrganizationDetail(Organization):
    policies: list[PolicySummary]
    obligations: list[Obligation]


class Region(Model):
    code: str
    iri: str
    name: str | None
    parents: list[RegionRef] = Field(description="nearest first, up to CN")
    children: list[RegionRef]
    policies_total: int = Field(description="policies with this region or a sub-region")
    policies: list[PolicySummary]


class DocumentCounts(Model):
    policies: int
    organizations: int
    regions: int
    obligations: int


class DocumentSummary(Model):
    id: str
    iri: str
    sha256: str | None
    kind: str | None = Field(examples=["policy"])
    length: int = Field(description="characters of text")
    title: str | None
    policy: PolicyRef | None = Field(description="the policy this document is")
    counts: DocumentCounts


class Span(Model):
    start: int
    end: int
    kind: str = Field(description="policy, org, region, directive, …")
    modality: Modality | None
    id: str | None
    iri: str | None
    label: str | None


class DocumentDetail(DocumentSummary):
    text: str
    spans: list[Span]


class Page(Model, Generic[T]):
    total: int = Field(description="items matching, over all pages")
    limit: int
    offset: int
    items: list[T]


class SearchResult(Model):
    query: str
    policies: list[PolicySummary]
    organizations: list[Organization]
    obligations: list[Obligation]


class PathStep(Model):
    iri: str
    id: str | None
    kind: str | None
    label: str | None
    edge: str | None = Field(description="the link from the previous step")


class PathResult(Model):
    source: str
    target: str
    connected: bool
    length: int | None = Field(description="number of links; null when not connected")
    nodes: list[PathStep]


class Health(Model):
    status: Literal["ok"]


class GraphSize(Model):
    nodes: int
    edges: int
    components: int


class Stats(Model):
    documents: int
    policies: int
    organizations: int
    regions: int
    obligations: int
    annotations: int
    citation_graph: GraphSize
    issuer_graph: GraphSize


# ----------------------------------------------------------------- routes

router = APIRouter(responses=ERROR_RESPONSES)
Store = Annotated[Any, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Text = Annotated[str | None, Query(max_length=200, description="text contained in it")]


def _page(result: dict[str, Any], limit: int, offset: int) -> dict[str, Any]:
    return {"total": result["total"], "limit": limit, "offset": offset, "items": result["items"]}


@router.get("/api/policies",
            summary="List policies (filters: issuer, region with sub-regions, years, type, text)",
            response_model=Page[PolicySummary], tags=["policies"])
def policies(store: Store, limit: Limit = 50, offset: Offset = 0,
             issuer: Annotated[str | None, Query(
                 max_length=200, description="organization id, or text in an issuer's name")] = None,
             region: Annotated[str | None, Query(
                 pattern=REGION_CODE, description="GB/T 2260 code; sub-regions included")] = None,
             year_from: Annotated[int | None, Query(ge=0, le=9999)] = None,
             year_to: Annotated[int | None, Query(ge=0, le=9999)] = None,
             kind: Annotated[str | None, Query(
                 max_length=50, description="document type: 通知, 意见, 条例, …")] = None,
             q: Text = None,
             role: Literal["self", "mentioned"] | None = None) -> dict[str, Any]:
    """Policies, newest first, filtered by issuer, region (with sub-regions), years, type, text."""
    return _page(queries.list_policies(store, issuer=issuer, region=region, year_from=year_from,
                                       year_to=year_to, kind=kind, text=q, role=role,
                                       limit=limit, offset=offset), limit, offset)


@router.get("/api/policies/{policy_id}",
            summary="One policy: issuers, date, region, cites, cited-by, obligations, provenance",
            response_model=PolicyDetail, tags=["policies"],
            responses=NOT_FOUND)
def policy(store: Store, policy_id: Annotated[str, Path(pattern=KEY)]) -> dict[str, Any]:
    """One policy: issuers, dates, region, cites, cited-by, obligations, provenance spans."""
    return found(queries.get_policy(store, policy_id), "policy", policy_id)


@router.get("/api/organizations",
            summary="List organizations (filters: text in a name or alias, region)",
            response_model=Page[Organization], tags=["organizations"])
def organizations(store: Store, limit: Limit = 50, offset: Offset = 0, q: Text = None,
                  region: Annotated[str | None, Query(pattern=REGION_CODE)] = None
                  ) -> dict[str, Any]:
    """Organizations by name, filtered by text in a name or alias and by region."""
    return _page(queries.list_organizations(store, text=q, region=region, limit=limit,
                                            offset=offset), limit, offset)


@router.get("/api/organizations/{org_id}",
            summary="One organization: policies issued, directives assigned",
            response_model=OrganizationDetail,
            tags=["organizations"], responses=NOT_FOUND)
def organization(store: Store, org_id: Annotated[str, Path(pattern=KEY)]) -> dict[str, Any]:
    """One organization with the policies it issued and the directives assigned to it."""
    return found(queries.get_organization(store, org_id), "organization", org_id)


@router.get("/api/regions/{code}",
            summary="One region (GB/T 2260): parents, children, policies",
            response_model=Region, tags=["regions"], responses=NOT_FOUND)
def region(store: Store, code: Annotated[str, Path(pattern=REGION_CODE)],
           limit: Limit = 100) -> dict[str, Any]:
    """A region with its parents, children and policies (sub-regions included)."""
    return found(queries.get_region(store, code, limit=limit), "region", code)


@router.get("/api/obligations",
            summary="List obligations: what must X do, by when",
            response_model=Page[Obligation], tags=["obligations"])
def obligations(store: Store, limit: Limit = 50, offset: Offset = 0,
                actor: Annotated[str | None, Query(
                    max_length=200, description="text in the actor or assignee name")] = None,
                modality: Modality | None = None,
                deadline_before: Annotated[str | None, Query(
                    pattern=ISO_PREFIX, description="deadline on or before (2020, 2020-06)")] = None,
                deadline_after: Annotated[str | None, Query(
                    pattern=ISO_PREFIX, description="deadline on or after")] = None,
                q: Text = None,
                policy: Annotated[str | None, Query(pattern=KEY)] = None,
                document: Annotated[str | None, Query(pattern=KEY)] = None,
                sort: Literal["document", "deadline"] = "document") -> dict[str, Any]:
    """What must X do, by when: directives filtered by actor, modality, deadline and text,
    in document order or soonest deadline first."""
    return _page(queries.list_obligations(
        store, actor=actor, modality=modality, deadline_before=deadline_before,
        deadline_after=deadline_after, text=q, policy=policy, document=document, sort=sort,
        limit=limit, offset=offset), limit, offset)


@router.get("/api/documents",
            summary="List source documents",
            response_model=Page[DocumentSummary], tags=["documents"])
def documents(store: Store, limit: Limit = 50, offset: Offset = 0,
              kind: Annotated[str | None, Query(max_length=50)] = None,
              q: Text = None) -> dict[str, Any]:
    """Source documents with their kind, own title and extraction counts."""
    return _page(queries.list_documents(store, kind=kind, text=q, limit=limit, offset=offset),
                 limit, offset)


@router.get("/api/documents/{document_id}",
            summary="One source document: text and extracted spans",
            response_model=DocumentDetail, tags=["documents"],
            responses=NOT_FOUND)
def document(store: Store, document_id: Annotated[str, Path(pattern=KEY)]) -> dict[str, Any]:
    """A document's text and every extracted span in it (doc_id or sha256)."""
    return found(queries.get_document(store, document_id), "document", document_id)


@router.get("/api/search",
            summary="Search titles, 发文字号, organization names and obligation text",
            response_model=SearchResult, tags=["search"])
def search(store: Store, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    """Policies (title, 发文字号), organizations (names) and obligations (sentence) containing q."""
    return queries.search(store, q, limit=limit)


@router.get("/api/analysis/most-cited",
            summary="Most cited policies (citation graph in-degree)",
            response_model=list[MostCited], tags=["analysis"])
def most_cited(store: Store, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20
               ) -> list[dict[str, Any]]:
    """Policies by in-degree in the citation graph."""
    return analysis.most_cited(store, limit=limit)


def resolve_node(ref: str) -> str:
    """`kg.queries.resolve_node`, a bad reference answered with 400.

    >>> resolve_node("org/d9439c49a799b2e5").endswith("/id/org/d9439c49a799b2e5")
    True
    """
    try:
        return queries.resolve_node(ref)
    except ValueError as bad:
        raise BadRequest(str(bad)) from None


@router.get("/api/analysis/path",
            summary="Shortest path between two nodes over citations and issuers",
            response_model=PathResult, tags=["analysis"],
            responses=NOT_FOUND)
def path(store: Store,
         source: Annotated[str, Query(alias="from", max_length=500, pattern=NODE_REF,
                                      description="IRI, kind/key (org/…) or policy id")],
         target: Annotated[str, Query(alias="to", max_length=500, pattern=NODE_REF,
                                      description="IRI, kind/key (org/…) or policy id")]
         ) -> dict[str, Any]:
    """The shortest chain of citations and issuers between two policies or organizations."""
    a, b = resolve_node(source), resolve_node(target)
    try:
        nodes = analysis.shortest_path(store, a, b)
    except KeyError as missing:
        raise NotFound(f"{missing.args[0]} is in neither the citation nor the issuer graph") \
            from None
    return {"source": a, "target": b, "connected": nodes is not None,
            "length": len(nodes) - 1 if nodes else None, "nodes": nodes or []}


@router.get("/-/health",
            summary="Health check",
            response_model=Health, tags=["meta"])
def health(store: Store) -> dict[str, str]:
    """Whether the server is up and its store answers."""
    store.query("ASK { }")
    return {"status": "ok"}


@router.get("/-/stats",
            summary="Counts and graph sizes",
            response_model=Stats, tags=["meta"])
def stats(store: Store) -> dict[str, Any]:
    """How many documents, policies, organizations, regions, obligations; graph sizes."""
    return {**queries.counts(store),
            "citation_graph": analysis.graph_summary(analysis.projection(store, "citations")),
            "issuer_graph": analysis.graph_summary(analysis.projection(store, "issuers"))}


__all__ = ["ErrorResponse", "resolve_node", "router"]
