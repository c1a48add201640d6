"""Assertions shared by every API test."""
from __future__ import annotations

from typing import Any


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    """Check ``response`` is an error with the one JSON shape and ``status``.

    Works with httpx/TestClient and requests responses. Returns the inner
    ``error`` object so a test can check the detail text.
    """
    assert response.status_code == status, (response.status_code, response.text[:500])
    content_type = response.headers.get("content-type", "")
    assert content_type.startswith("application/json"), content_type
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"status", "title", "detail"}, error
    assert error["status"] == status, error
    assert isinstance(error["title"], str) and error["title"], error
    assert isinstance(error["detail"], str) and error["detail"], error
    return error


# --- a live `kg serve` on loopback ----------------------------------------------------

import os  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
_SERVING = re.compile(r"at (http://127\.0\.0\.1:\d+)/ ")


@contextmanager
def live_server(*args: str, env: dict[str, str] | None = None,
                startup_timeout: float = 30.0) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run ``kg serve --port 0 ARGS…`` on 127.0.0.1; yield its base URL and the process.

    The server prints its URL once it listens; the process is terminated afterwards.
    """
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--host", "127.0.0.1", "--port", "0", *args]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env={**os.environ, **(env or {})})
    lines: list[str] = []
    deadline = time.monotonic() + startup_timeout
    try:
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError(f"kg serve exited ({proc.wait()}): {''.join(lines)}")
            lines.append(line)
            match = _SERVING.search(line)
            if match:
                yield match.group(1), proc
                return
        raise RuntimeError(f"kg serve did not start in {startup_timeout} s: {''.join(lines)}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
