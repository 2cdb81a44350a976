"""End to end in a real headless Chromium (Debian's `chromium`, driven by Playwright),
against the demo served by a real uvicorn: the path a reader and a reviewer take.

Screenshots of the main pages go to test-output/screenshots/. These tests never skip:
without Chromium they fail and say how to install it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator:
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "Chromium is needed for the end-to-end tests and was not found at "
            f"{CHROMIUM}: install it with `apt-get install -y chromium` (.ci/run does)."
        )
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh temporary profile (user-data-dir).
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield browser
        browser.close()


class Watch:
    """A page that records console errors, failed requests and requests to other hosts."""

    def __init__(self, browser, base: str, **context) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.base = base
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith((base, "data:"))
                else self.problems.append(f"other host: {r.url}")
            ),
        )

    def shot(self, name: str, full: bool = True) -> None:
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)

    def close(self) -> None:
        self.context.close()
        assert not self.problems, self.problems


def test_reader_goes_from_the_map_to_the_sentence(browser, demo_server):
    w = Watch(browser, demo_server.url, viewport={"width": 1280, "height": 900})
    page = w.page
    page.goto(demo_server.url + "/")
    page.wait_for_selector("#world-map[data-ready=true]")
    page.wait_for_selector("canvas[data-ready=true]")
    assert page.locator("#world-map a[data-country]").count() >= 10
    w.shot("overview")

    # Click a country on the map.
    page.locator('#world-map a[data-country="IT"]').first.click()
    page.wait_for_url("**/countries/IT")
    assert page.locator("h1").inner_text() == "Italy"
    w.shot("country-italy")

    # Its events, then a facet.
    page.get_by_role("link", name=re.compile(r"^All \d+ events$")).click()
    page.wait_for_url("**/events?country=IT")
    total = int(re.search(r"([\d,]+) events? match", page.inner_text("main")).group(1))
    page.locator('[data-facet="type"] a', has_text="Joint patrol").click()
    page.wait_for_url(re.compile(r"/events\?country=IT&type=joint_patrol"))
    rows = page.locator("table.events-table tbody tr")
    assert 0 < rows.count() < total
    for i in range(rows.count()):
        assert "Joint patrol" in rows.nth(i).inner_text()
    assert page.locator(".chip", has_text="type: Joint patrol").count() == 1
    w.shot("events-filtered")

    # An event, then one of its quotes in its document.
    rows.first.locator("a.ev-title").click()
    page.wait_for_url(re.compile(r"/events/\d+$"))
    assert page.locator(".quote").count() >= 1
    w.shot("event")
    quote = page.locator(".quote").first
    quoted = quote.locator("blockquote").inner_text().strip("“”")
    quote.locator("a.quote-link").click()
    page.wait_for_url(re.compile(r"/documents/\d+\?evidence=\d+#ev-\d+$"))
    target = page.locator("mark.target")
    assert target.count() >= 1
    assert " ".join(target.all_inner_texts()).split() == quoted.split()
    box, height = target.first.bounding_box(), page.viewport_size["height"]
    assert 0 <= box["y"] <= height, "the highlighted quote is scrolled into view"
    w.shot("document", full=False)

    for path, name in [
        ("/coverage", "coverage"),
        ("/actors/Ministry%20of%20Public%20Security", "actor"),
        ("/api/v1/docs", "api-docs"),
        ("/events/999999", "not-found"),
    ]:
        page.goto(demo_server.url + path)
        w.shot(name)
    page.goto(demo_server.url + "/actors/Ministry%20of%20Public%20Security")
    assert page.locator("svg.network circle").count() >= 2
    w.problems = [p for p in w.problems if "404" not in p]  # the not-found page, on purpose
    w.close()


def test_reviewer_signs_in_accepts_and_sees_it_in_the_history(browser, fresh_demo):
    w = Watch(browser, fresh_demo.url, viewport={"width": 1280, "height": 900})
    page = w.page
    page.goto(fresh_demo.url + "/review")
    first = page.locator(".queue-item").first
    label = first.locator("a.ev-title").inner_text()
    event_id = first.get_attribute("data-event")
    page.get_by_role("link", name="Sign in").first.click()
    page.wait_for_url("**/login?next=/review")
    page.fill("#name", "rita")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/review")
    assert "Signed in as rita" in page.inner_text(".flash")
    w.shot("review-queue")

    # Keyboard: the first item is selected; "a" accepts it.
    assert page.locator(".queue-item.current").get_attribute("data-event") == event_id
    page.keyboard.press("a")
    page.wait_for_selector(".flash")
    assert f"Event {event_id} marked accepted" in page.inner_text(".flash")
    assert page.locator(f'.queue-item[data-event="{event_id}"]').count() == 0

    page.goto(f"{fresh_demo.url}/events/{event_id}")
    history = page.locator("#history").inner_text()
    assert "accept by rita" in history
    assert page.locator("h1").inner_text() == label
    assert "accepted" in page.locator(".page-head").inner_text()

    # And with the buttons on the event page: reject the next one, with a note.
    page.goto(fresh_demo.url + "/review")
    other = page.locator(".queue-item").first.get_attribute("data-event")
    page.goto(f"{fresh_demo.url}/events/{other}")
    page.fill("#note", "not a police matter")
    page.get_by_role("button", name="Reject").click()
    page.wait_for_selector(".flash")
    assert "reject by rita" in page.locator("#history").inner_text()
    assert "not a police matter" in page.locator("#history").inner_text()
    w.shot("event-reviewed")
    w.close()


def test_pages_fit_a_phone(browser, demo_server):
    w = Watch(
        browser,
        demo_server.url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = w.page
    for path, name in [("/", "phone-overview"), ("/events?type=training", "phone-events")]:
        page.goto(demo_server.url + path)
        if path == "/":
            page.wait_for_selector("#world-map[data-ready=true]")
        # Nothing wider than the screen except inside scrollable tables.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than the phone"
        w.shot(name)
    w.close()
