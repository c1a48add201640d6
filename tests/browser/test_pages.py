"""The web UI in a real headless Chromium (Debian's /usr/bin/chromium through Playwright),
against a live `kg serve` on a free loopback port.

Every request the browser makes is recorded; the test fails if any left 127.0.0.1.
Nothing here skips: without Chromium or a server the tests fail and say why.
"""
from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.server]

ROOT = Path(__file__).resolve().parents[2]
MINI_GRAPH = ROOT / "tests" / "data" / "mini_graph.trig"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
#: Seconds to wait for `kg serve` to print its URL.
SERVER_START_TIMEOUT = 60


@pytest.fixture(scope="module")
def server_url():
    """`kg serve` on port 0 (the OS picks a free one), the mini graph loaded at start.

    A thread keeps reading the server's output, so a chatty server never blocks on a
    full pipe and a server that never announces itself fails the test after a timeout
    instead of hanging it.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--store", "oxigraph:memory",
         "--host", "127.0.0.1", "--port", "0", "--load", str(MINI_GRAPH)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    seen: list[str] = []

    def drain() -> None:
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=drain, daemon=True).start()
    url = None
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while url is None and time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        match = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
        url = match.group(1) if match else None
    if url is None:
        process.kill()
        pytest.fail(f"kg serve did not announce its URL in {SERVER_START_TIMEOUT}s:\n"
                    + "".join(seen))
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        # Debian's build, not a Playwright download: ask the browser where it runs from.
        page = chromium.new_page()
        page.goto("chrome://version")
        executable = page.locator("#executable_path").inner_text()
        page.close()
        assert executable.startswith("/usr/lib/chromium/"), executable
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server_url):
    """A fresh page that records every request and every script error."""
    context = browser.new_context(base_url=server_url)
    page = context.new_page()
    page.requests = []       # type: ignore[attr-defined]
    page.script_errors = []  # type: ignore[attr-defined]
    page.missing_assets = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    page.on("response", lambda response: page.missing_assets.append(response.url)
            if "/static/" in response.url and response.status >= 400 else None)
    yield page
    hosts = {urlsplit(url).hostname for url in page.requests
             if not url.startswith(("data:", "blob:", "about:"))}
    context.close()
    assert page.requests, "the browser made no request at all"
    assert hosts == {"127.0.0.1"}, f"requests left the machine: {sorted(page.requests)}"
    assert page.script_errors == []
    assert page.missing_assets == []


def test_home_search_then_policy(page: Page):
    page.goto("/")
    expect(page.locator("h1")).to_have_text("卫生健康政策知识图谱")
    page.get_by_label("search").fill("消防")
    page.get_by_role("button", name=re.compile("搜索")).click()
    page.wait_for_url(re.compile(r"q=%E6%B6%88%E9%98%B2"))
    results = page.locator("#policy-results a")
    expect(results).to_have_count(2)
    expect(results.first).to_have_text("社会福利机构消防安全管理十项规定")
    results.first.click()
    expect(page.locator("#policy-title")).to_have_text("社会福利机构消防安全管理十项规定")
    expect(page.locator("#cited-by a")).to_have_text(
        ["关于全面放开养老服务市场提升养老服务质量的实施意见"])


def test_facet_narrows_the_list(page: Page):
    page.goto("/")
    page.locator('a[data-facet="region"]', has_text="湖南省").click()
    expect(page.locator("#policy-results li")).to_have_count(2)


def _drawn_pixels(page: Page) -> int:
    """Non-transparent pixels on the vis-network canvas."""
    return page.evaluate("""() => {
        const canvas = document.querySelector('#network canvas');
        const ctx = canvas.getContext('2d');
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) n++; }
        return n;
    }""")


@pytest.mark.parametrize("path, nodes", [("/graph/citations", 7), ("/graph/issuers", 9),
                                         ("/graph/regions", 4)])
def test_graph_view_draws_nodes_on_the_canvas(page: Page, path, nodes):
    page.goto(path)
    page.wait_for_selector('#network[data-ready="true"]', timeout=20_000)
    assert page.evaluate("window.hkgNetwork.body.data.nodes.length") == nodes
    positions = page.evaluate("Object.keys(window.hkgNetwork.getPositions()).length")
    assert positions == nodes
    assert _drawn_pixels(page) > 500


def test_node_view_opens_a_policy_on_click(page: Page):
    page.goto("/graph/node?iri=policy/5c70b77a449533ce&depth=1")
    page.wait_for_selector('#network[data-ready="true"]', timeout=20_000)
    centre = "https://w3id.org/healthkg/id/policy/24b9b4d2358aca00"
    page.evaluate(f"window.hkgNetwork.focus('{centre}', {{scale: 1.5, animation: false}})")
    point = page.evaluate(f"""() => {{
        const p = window.hkgNetwork.getPositions(['{centre}'])['{centre}'];
        const dom = window.hkgNetwork.canvasToDOM(p);
        const box = document.querySelector('#network').getBoundingClientRect();
        return {{x: box.left + dom.x, y: box.top + dom.y}};
    }}""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(re.compile(r"/policies/24b9b4d2358aca00$"))
    expect(page.locator("#policy-title")).to_contain_text("湖南省人民政府办公厅")


def test_query_editor_runs_an_example(page: Page):
    page.goto("/query")
    page.locator("button.example").nth(1).click()   # most cited policies
    expect(page.locator("#sparql")).to_have_value(re.compile("cited_by"))
    page.locator("#run").click()
    rows = page.locator("#result-table tr")
    expect(rows).to_have_count(6)   # header + the five cited policies
    expect(page.locator("#result-table th")).to_have_text(["policy", "title", "cited_by"])


def test_query_editor_shows_a_syntax_error(page: Page):
    page.goto("/query")
    page.locator("#sparql").fill("SELECT * WHERE { ?s ?p }")
    page.locator("#run").click()
    expect(page.locator("#query-status.error")).not_to_be_empty()


def test_document_page_highlights_spans(page: Page):
    page.goto("/documents/001_07941aeda37bff36#s-237")
    expect(page.locator("#doctext .hl.k-directive").first).to_be_visible()
    assert page.locator("#doctext .hl").count() > 15
    expect(page.locator("#s-237")).to_have_text("民政部门")


def test_obligations_filter_form(page: Page):
    page.goto("/obligations")
    page.get_by_label("modality").select_option("prohibition")
    page.get_by_role("button", name=re.compile("筛选")).click()
    expect(page.locator("#obligation-table tr")).to_have_count(3)
    expect(page.locator("#obligation-table")).to_contain_text("任何单位和个人不得侵犯")


def test_api_docs_render_from_local_assets(page: Page):
    page.goto("/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=20_000)
    expect(page.locator(".swagger-ui")).to_contain_text("/api/policies")


def test_the_request_recorder_sees_off_machine_requests(page: Page):
    """The no-external-request check above would catch one: prove the recorder sees it."""
    page.route("http://192.0.2.1/**", lambda route: route.abort())  # TEST-NET-1, never sent
    page.goto("/")
    page.evaluate("fetch('http://192.0.2.1/tracker.js').catch(() => null)")
    page.wait_for_timeout(200)
    assert "http://192.0.2.1/tracker.js" in page.requests
    page.requests.remove("http://192.0.2.1/tracker.js")   # so the fixture's check passes


def test_kg_view_file_draws_from_disk_with_no_server(browser, tmp_path):
    """`kg view` output opened as file://: vis-network inlined, nothing fetched at all."""
    from kg.store import open_store

    store_url = f"oxigraph:{tmp_path / 'store'}"
    with open_store(store_url) as store:
        store.load(MINI_GRAPH)
    out = tmp_path / "neighbourhood.html"

    def kg_view(node: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kg.cli", "view", "node", "--node", node,
                               "--depth", "2", "--store", store_url, "-o", str(out)],
                              check=False, cwd=ROOT, capture_output=True, text=True)

    missing = kg_view("policy/0000000000000000")
    assert missing.returncode == 2 and missing.stderr.startswith("kg: error: no node")
    status = kg_view("policy/5c70b77a449533ce")
    assert status.returncode == 0, status.stderr
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(out.as_uri())
    page.wait_for_selector('#network[data-ready="true"]', timeout=20_000)
    assert page.evaluate("window.hkgNetwork.body.data.nodes.length") == 17
    assert _drawn_pixels(page) > 500
    context.close()
    assert requests == [out.as_uri()]
