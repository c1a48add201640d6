"""One error shape for every route: ``{"error": {"status", "title", "detail"}}``.

Routes raise an :class:`APIError` subclass (the exception carries its HTTP
status); :func:`install_error_handlers` renders those, Starlette's own 404/405,
FastAPI's 422 validation errors and any unexpected exception through the same
function, so a client never sees a second shape.
"""
from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

#: Media type of every error body.
ERROR_MEDIA_TYPE = "application/json"


class APIError(Exception):
    """An error that becomes an HTTP response; subclasses fix ``status``.

    Args:
        detail: What went wrong, for a person (parser message, limit, file name).
        headers: Extra response headers (``Retry-After``, ``Allow``, ...).

    >>> str(BadRequest("查询语法错误: line 1"))
    '查询语法错误: line 1'
    """

    status: int = 500

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}

    @property
    def title(self) -> str:
        return HTTPStatus(self.status).phrase


class BadRequest(APIError):
    """400: malformed query, forbidden feature, bad parameter."""

    status = 400


class Unauthorized(APIError):
    """401: ``/update`` needs ``Authorization: Bearer <token>``."""

    status = 401

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer", **(headers or {})})


class Forbidden(APIError):
    """403: updates disabled, or a missing/wrong update token."""

    status = 403


class NotFound(APIError):
    """404: no such document, node or route."""

    status = 404


def found(value, what: str, key: str):
    """`value` when a lookup found something, else a 404 naming what was asked for.

    >>> found(None, "policy", "5c70b77a449533ce")
    Traceback (most recent call last):
    ...
    api.errors.NotFound: no policy 5c70b77a449533ce
    """
    if value is None:
        raise NotFound(f"no {what} {key}")
    return value


class NotAcceptable(APIError):
    """406: no representation matches the ``Accept`` header."""

    status = 406


class PayloadTooLarge(APIError):
    """413: request body over the configured limit."""

    status = 413


class UnsupportedMediaType(APIError):
    """415: a POST body type the endpoint does not take."""

    status = 415


class ServiceUnavailable(APIError):
    """503: deadline exceeded or too many concurrent queries; sets ``Retry-After``."""

    status = 503

    def __init__(self, detail: str, *, retry_after: int = 1,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after), **(headers or {})})


def error_body(status: int, detail: str, title: str | None = None) -> dict[str, Any]:
    """The JSON body of an error response.

    Args:
        status: HTTP status code.
        detail: Human-readable explanation.
        title: Short name of the status; defaults to the HTTP reason phrase.

    Returns:
        ``{"error": {"status": ..., "title": ..., "detail": ...}}``.

    >>> error_body(404, "没有这个文件: 000_a53f")["error"]["title"]
    'Not Found'
    """
    if title is None:
        try:
            title = HTTPStatus(status).phrase
        except ValueError:
            title = "Error"
    return {"error": {"status": status, "title": title, "detail": detail}}


def error_response(status: int, detail: str, *, title: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """A ``JSONResponse`` carrying :func:`error_body`.

    >>> error_response(400, "不支持 SERVICE").status_code
    400
    """
    return JSONResponse(error_body(status, detail, title), status_code=status,
                        headers=headers, media_type=ERROR_MEDIA_TYPE)


async def _api_error(_: Request, exc: APIError) -> JSONResponse:
    return error_response(exc.status, exc.detail, title=exc.title, headers=exc.headers)


async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    return error_response(exc.status_code, detail, headers=getattr(exc, "headers", None))


async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return error_response(422, "; ".join(parts) or "invalid request")


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, f"internal error: {type(exc).__name__}")


def install_error_handlers(app: FastAPI) -> None:
    """Render every error raised in ``app`` with the one shape.

    >>> from fastapi import FastAPI
    >>> install_error_handlers(FastAPI(title="卫生政策"))
    """
    app.add_exception_handler(APIError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
