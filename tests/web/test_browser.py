"""The web page in a real headless Chromium against the real app over the sample store.

Skipped, with the reason, where Debian's Chromium is not installed (`.ci/run` installs it).
Every request the page makes is checked to stay on the local server: no CDN, no basemap tiles.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "bench" / "screenshots" / "page.png"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 20_000
IDLE = "body[data-loaded]:not([data-loading])"


@pytest.fixture(scope="module")
def server_url(sample_store: Path) -> Iterator[str]:
    """The real app over the sample store, served by uvicorn on a free localhost port."""
    import uvicorn

    from polybius.web.app import create_app

    # Binding the socket ourselves leaves no window for another process to take the port.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(sample_store), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed (/usr/bin/chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, server_url: str) -> Iterator[Any]:
    """A fresh page that fails the test on a script error or a request leaving the local server."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def local_only(route: Any) -> None:
        if route.request.url.startswith(server_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"
    assert not outside, f"the page fetched from outside the app: {outside}"


def open_page(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(IDLE)


def rows(page: Any) -> Any:
    return page.locator("[data-testid=event-row]")


def apply(page: Any) -> None:
    page.get_by_test_id("apply-filters").click()
    page.wait_for_selector(IDLE)


def test_page_loads_and_lists_events(page: Any, server_url: str) -> None:
    open_page(page, server_url)
    assert rows(page).count() == 50  # a full first page: the sample store holds more
    assert "more available" in page.get_by_test_id("events-status").inner_text()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000


def test_load_more_appends_the_next_page(page: Any, server_url: str) -> None:
    open_page(page, server_url)
    first = rows(page).evaluate_all("rs => rs.map(r => r.dataset.eventId)")
    page.get_by_test_id("load-more").click()
    page.wait_for_function("document.querySelectorAll('[data-testid=event-row]').length > 50")
    ids = rows(page).evaluate_all("rs => rs.map(r => r.dataset.eventId)")
    assert ids[:50] == first
    assert len(set(ids)) == len(ids)  # keyset pages neither repeat nor skip into each other


def test_filter_by_plover_keeps_only_that_type(page: Any, server_url: str) -> None:
    open_page(page, server_url)
    before = rows(page).evaluate_all("rs => rs.map(r => r.dataset.eventId)")
    page.get_by_test_id("filter-plover").select_option("ASSAULT")
    apply(page)
    after = rows(page).evaluate_all("rs => rs.map(r => r.dataset.eventId)")
    plovers = rows(page).evaluate_all("rs => rs.map(r => r.dataset.plover)")
    assert after and after != before
    assert set(plovers) == {"ASSAULT"}
    assert "plover=ASSAULT" in page.url  # the filter is in the address, so the view can be shared


def test_filter_by_actor_keeps_only_events_with_that_actor(page: Any, server_url: str) -> None:
    open_page(page, server_url)
    page.get_by_test_id("filter-actor").fill("ISR")
    apply(page)
    actors = rows(page).evaluate_all(
        "rs => rs.map(r => [r.dataset.sourceCode, r.dataset.targetCode,"
        " r.dataset.sourceCountry, r.dataset.targetCountry])"
    )
    assert actors
    for source, target, source_country, target_country in actors:
        assert "ISR" in (source_country, target_country) or source.startswith("ISR") or target.startswith("ISR")


def test_bad_filter_is_explained(page: Any, server_url: str) -> None:
    open_page(page, server_url)
    page.get_by_test_id("filter-date_from").fill("2024-13")
    apply(page)
    error = page.get_by_test_id("filter-error")
    assert error.is_visible()
    assert "date_from" in error.inner_text()


def test_opening_an_event_highlights_source_trigger_target_and_rule(page: Any, server_url: str) -> None:
    open_page(page, server_url)
    row = page.locator("[data-testid=event-row]:not([data-source-code=''], [data-target-code=''])").first
    trigger = row.locator("q.trigger").inner_text()
    row.click()
    detail = page.get_by_test_id("event-detail")
    detail.get_by_test_id("event-rule").wait_for()
    for role in ("source", "trigger", "target"):
        assert detail.get_by_test_id(f"hl-{role}").inner_text().strip(), f"no {role} highlighted"
    assert detail.get_by_test_id("hl-trigger").inner_text() == trigger
    assert re.fullmatch(r"lexicon/\S+#\S+", detail.get_by_test_id("event-rule").inner_text())
    row.click()
    assert page.get_by_test_id("event-detail").count() == 0  # a second click folds it away


def test_timeline_has_stacked_bars_and_a_legend(page: Any, server_url: str) -> None:
    open_page(page, server_url)
    assert page.locator("[data-testid=timeline-svg] [data-testid=timeline-bar]").count() > 0
    bars = page.locator("[data-testid=timeline-bar]")
    classes = bars.evaluate_all("bs => [...new Set(bs.map(b => b.dataset.quadClass))]")
    assert set(classes) <= {"1", "2", "3", "4"} and len(classes) > 1
    assert page.locator("[data-testid=timeline-legend] li").count() == 4


def test_map_has_countries_and_event_circles(page: Any, server_url: str) -> None:
    open_page(page, server_url)
    assert page.locator("[data-testid=map-svg] [data-testid=map-country]").count() > 100
    assert page.locator("[data-testid=map-svg] [data-testid=map-place]").count() >= 1
    assert page.get_by_test_id("map-missing-basemap").count() == 0


def test_map_says_so_when_the_basemap_is_missing(page: Any, server_url: str) -> None:
    page.route("**/static/vendor/**", lambda route: route.fulfill(status=404, body="not found"))
    open_page(page, server_url)
    assert "Basemap not installed" in page.get_by_test_id("map-missing-basemap").inner_text()
    assert page.locator("[data-testid=map-place]").count() >= 1  # events are still placed


def test_network_has_nodes_and_edges(page: Any, server_url: str) -> None:
    open_page(page, server_url)
    assert page.locator("[data-testid=network-svg] [data-testid=network-node]").count() > 1
    assert page.locator("[data-testid=network-svg] [data-testid=network-edge]").count() > 0


def test_pasted_article_is_coded(page: Any, server_url: str) -> None:
    open_page(page, server_url)
    page.get_by_test_id("code-text").fill("Turkish troops shelled Kurdish positions near Afrin on Tuesday.")
    page.get_by_test_id("code-date").fill("2019-10-10")
    page.get_by_test_id("code-submit").click()
    page.locator("[data-testid=code-row]").first.wait_for()
    row = page.locator("[data-testid=code-row]").first
    assert row.get_attribute("data-source-code") == "TURMIL"
    assert row.get_attribute("data-plover") == "ASSAULT"
    assert "Afrin" in row.inner_text()
    assert re.fullmatch(r"\d+ events?", page.get_by_test_id("code-status").inner_text())
