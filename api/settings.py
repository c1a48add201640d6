"""Server settings: one frozen value built from `kg serve` flags and the environment.

No settings object exists at import time; :func:`api.app.create_app` receives one
and the :func:`api.deps.get_settings` dependency hands it to routes.
"""
from __future__ import annotations

import argparse
import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

from kg.settings import DEFAULT_STORE, iri_base

#: Env var holding the bearer token `/update` requires (mandatory off loopback).
UPDATE_TOKEN_ENV = "HEALTHKG_UPDATE_TOKEN"
#: Seconds a query may run before it is killed and answered with 503.
DEFAULT_TIMEOUT = 10.0
#: Most solutions (or triples) one query returns; more are cut and the cut is signalled.
DEFAULT_MAX_ROWS = 10_000
#: Largest request body accepted (413 beyond).
DEFAULT_MAX_BODY_BYTES = 1024 * 1024
#: Queries evaluated at once; more get 503 with Retry-After.
DEFAULT_MAX_CONCURRENT = 4


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"environment variable {name}={raw!r} is not an integer") from None


def _env_origins(default: tuple[str, ...]) -> tuple[str, ...]:
    raw = os.environ.get("HEALTHKG_CORS_ORIGINS")
    if raw is None:
        return default
    return tuple(o.strip() for o in raw.split(",") if o.strip())


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    """Everything the HTTP server needs to know.

    Attributes:
        store: Store URL for :func:`kg.store.open_store` (``oxigraph:memory``, ``oxigraph:DIR``,
            ``sparql:URL``).
        host: Interface to bind.
        port: TCP port (0 picks a free one).
        load: RDF files loaded into the store at start-up.
        update_enabled: Whether ``/update`` accepts SPARQL Update (403 otherwise).
        update_token: Bearer token ``/update`` requires; ``None`` means none (loopback only).
        timeout: Seconds per query before it is killed (503).
        max_rows: Row cap per query result.
        max_body_bytes: Request body limit (413 beyond).
        max_concurrent: Queries evaluated at once (503 + Retry-After beyond).
        cors_origins: Origins allowed to call ``/sparql`` from a browser (``*`` for any).
        base: IRI base of the data (``https://w3id.org/healthkg``).

    >>> Settings(store="oxigraph:memory").max_rows
    10000
    """

    store: str = DEFAULT_STORE
    host: str = "127.0.0.1"
    port: int = 8000
    load: tuple[Path, ...] = ()
    update_enabled: bool = False
    update_token: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_concurrent: int = DEFAULT_MAX_CONCURRENT
    cors_origins: tuple[str, ...] = ("*",)
    base: str = field(default_factory=iri_base)

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError(f"timeout must be positive, got {self.timeout}")
        if self.max_rows < 1:
            raise ValueError(f"max_rows must be at least 1, got {self.max_rows}")
        if self.max_body_bytes < 1:
            raise ValueError(f"max_body_bytes must be at least 1, got {self.max_body_bytes}")
        if self.max_concurrent < 1:
            raise ValueError(f"max_concurrent must be at least 1, got {self.max_concurrent}")

    @classmethod
    def from_cli(cls, args: argparse.Namespace) -> Settings:
        """Settings from the ``kg serve`` namespace plus environment variables.

        Flags win; ``HEALTHKG_MAX_BODY_BYTES``, ``HEALTHKG_MAX_CONCURRENT``,
        ``HEALTHKG_CORS_ORIGINS`` (comma-separated) and ``HEALTHKG_UPDATE_TOKEN``
        fill the rest.

        >>> ns = argparse.Namespace(store="oxigraph:memory", host="127.0.0.1", port=0,
        ...                         load=[Path("卫生.nq")], update=True, timeout=2.5, max_rows=None)
        >>> s = Settings.from_cli(ns)
        >>> s.timeout, s.max_rows, s.load
        (2.5, 10000, (PosixPath('卫生.nq'),))
        """
        timeout = getattr(args, "timeout", None)
        max_rows = getattr(args, "max_rows", None)
        max_body = getattr(args, "max_body_bytes", None)
        max_concurrent = getattr(args, "max_concurrent", None)
        origins = getattr(args, "cors_origin", None)
        return cls(
            store=args.store,
            host=args.host,
            port=args.port,
            load=tuple(Path(p) for p in (getattr(args, "load", None) or ())),
            update_enabled=bool(getattr(args, "update", False)),
            update_token=os.environ.get(UPDATE_TOKEN_ENV) or None,
            timeout=DEFAULT_TIMEOUT if timeout is None else float(timeout),
            max_rows=DEFAULT_MAX_ROWS if max_rows is None else int(max_rows),
            max_body_bytes=max_body if max_body is not None
            else _env_int("HEALTHKG_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
            max_concurrent=max_concurrent if max_concurrent is not None
            else _env_int("HEALTHKG_MAX_CONCURRENT", DEFAULT_MAX_CONCURRENT),
            cors_origins=tuple(origins) if origins else _env_origins(("*",)),
        )

    def check_update_exposure(self) -> None:
        """Refuse to serve ``/update`` off loopback without a token.

        Raises:
            ValueError: ``--update`` on a non-loopback host and no ``HEALTHKG_UPDATE_TOKEN``.

        >>> Settings(store="oxigraph:memory", host="0.0.0.0", update_enabled=True,
        ...          update_token="卫生").check_update_exposure()
        """
        if self.update_enabled and not self.update_token and not is_loopback(self.host):
            raise ValueError(
                f"--update on {self.host} needs a token: set {UPDATE_TOKEN_ENV} "
                "(clients then send 'Authorization: Bearer <token>')")
