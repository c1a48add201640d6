"""The FastAPI application: factory, lifespan (store open/close, ``--load``) and ``serve``.

Nothing is created at import time: :func:`create_app` builds an app from a
:class:`api.settings.Settings`, and tests pass their own store.
"""
from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import PayloadTooLarge, error_response, install_error_handlers
from api.settings import Settings
from kg.sparql import ForkGuard, ForkRunner, GuardedStore

log = logging.getLogger(__name__)

#: Paths browsers on other origins may call (CORS).
CORS_PATHS = ("/sparql",)
#: Path prefixes browsers on other origins may call too: the read-only REST API.
CORS_PREFIXES = ("/api/",)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, by header or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        detail = f"the request body is larger than {self.max_bytes} bytes"
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await error_response(413, detail, headers={"Connection": "close"})(
                    scope, receive, send)
                return
        received = 0

        async def limited() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:  # chunked upload without Content-Length
                    raise PayloadTooLarge(detail)
            return message

        await self.app(scope, limited, send)


class PathCORS:
    """CORS headers (and preflight answers) only on :data:`CORS_PATHS` and
    :data:`CORS_PREFIXES`."""

    def __init__(self, app: ASGIApp, origins: tuple[str, ...]) -> None:
        self.app = app
        self.cors = CORSMiddleware(app, allow_origins=list(origins),
                                   allow_methods=["GET", "POST"],
                                   allow_headers=["Content-Type", "Accept"],
                                   expose_headers=["X-SPARQL-MaxRows", "Retry-After"])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (scope["path"].rstrip("/") in CORS_PATHS
                                        or scope["path"].startswith(CORS_PREFIXES)):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


class LoadError(Exception):
    """A ``--load`` file that could not be read into the store."""


def load_files(store: Any, settings: Settings) -> int:
    """Load the ``--load`` files into ``store``; the number of quads read.

    Raises:
        LoadError: naming the file (unreadable, unknown format, refused XML, bad syntax).
    """
    total = 0
    for path in settings.load:
        try:
            count = store.load(path)
        except Exception as exc:
            raise LoadError(f"cannot load {path}: {exc}") from exc
        log.info("loaded %d quads from %s", count, path)
        total += count
    return total


def create_app(settings: Settings, store: Any = None) -> FastAPI:
    """Build the app.

    Args:
        settings: Server settings.
        store: An open :class:`kg.store.Store` to serve, owned by the caller (tests,
            :func:`serve`). Without it the lifespan opens ``settings.store``, loads
            ``settings.load`` into it and closes it on shutdown.

    >>> app = create_app(Settings(store="oxigraph:memory"))
    >>> app.url_path_for("sparql_get"), app.url_path_for("sparql_update")
    ('/sparql', '/update')
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from kg.store import open_store

        own = store is None
        opened = open_store(settings.store, read_only=not (settings.update_enabled
                                                             or settings.load)) if own else store
        try:
            if own:
                load_files(opened, settings)
            guard = ForkGuard()
            # every route sees the guarded store: no thread is inside it when a query forks
            app.state.store = GuardedStore(opened, guard)
            app.state.query_runner = ForkRunner(settings.timeout, settings.max_concurrent, guard)
            yield
        finally:
            app.state.store = None
            if own:
                opened.close()

    # docs_url/redoc_url off: FastAPI's own pages load swagger-ui/redoc from a CDN;
    # api.views serves /docs with the copies vendored under api/static/vendor.
    app = FastAPI(title="healthkg", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Chinese health-policy knowledge graph: SPARQL 1.1 endpoint, "
                              "REST API and graph views.")
    app.state.settings = settings
    install_error_handlers(app)

    from api import rest, sparql, views

    app.include_router(sparql.router)
    app.include_router(rest.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=Path(views.__file__).parent / "static"),
              name="static")
    app.add_middleware(PathCORS, origins=settings.cors_origins)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


def serve(settings: Settings) -> int:
    """Run the app with uvicorn until interrupted; print the URL first.

    Returns:
        The exit status: 2 when the settings, the store or a ``--load`` file is refused.
    """
    try:
        settings.check_update_exposure()
    except ValueError as exc:
        print(f"kg serve: error: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per remote-store request
    from kg.store import open_store

    # Opened here rather than in the lifespan so that a missing store or a refused
    # --load file ends `kg serve` with one line instead of uvicorn's traceback.
    try:
        store = open_store(settings.store,
                           read_only=not (settings.update_enabled or settings.load))
    except Exception as exc:
        print(f"kg serve: error: {exc}", file=sys.stderr)
        return 2
    try:
        load_files(store, settings)
    except LoadError as exc:
        print(f"kg serve: error: {exc}", file=sys.stderr)
        store.close()
        return 2
    try:
        return _run(settings, store)
    finally:
        store.close()


def _run(settings: Settings, store: Any) -> int:
    import uvicorn

    app = create_app(settings, store)
    config = uvicorn.Config(app, host=settings.host, port=settings.port,
                            log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    host = f"[{settings.host}]" if ":" in settings.host else settings.host

    original_startup = server.startup

    async def startup(sockets: Any = None) -> None:
        await original_startup(sockets=sockets)
        if server.started:  # the real port when --port 0
            port = server.servers[0].sockets[0].getsockname()[1] if server.servers \
                else settings.port
            print(f"healthkg serving {settings.store} at http://{host}:{port}/ "
                  f"(SPARQL endpoint http://{host}:{port}/sparql)", flush=True)

    server.startup = startup  # type: ignore[method-assign]
    server.run()
    return 0 if server.started else 1
