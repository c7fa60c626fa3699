"""Headless chromium for the view tests: Debian's /usr/bin/chromium driven by Playwright.

Never ``playwright install``: the tests use the system browser and skip, with the reason, when
it is missing.  Every request that is not a file: or data: URL is aborted and recorded, so a
page that tries to reach the network fails its test instead of silently loading a CDN.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


@dataclass
class PageLog:
    """What a page did while it loaded: requests that left the machine, errors, dialogs."""

    remote_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    seconds_to_draw: float = 0.0


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless chromium for the whole session (skips when the browser or Playwright is absent)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium fonts-wqy-microhei); CI installs it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the Python package) is not installed")
    # Playwright gives the browser a fresh temporary profile itself (it refuses --user-data-dir).
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_view(browser: Any, path: Path, width: int = 1600, height: int = 900) -> tuple[Any, PageLog]:
    """Open an HTML file, wait until vis-network has drawn it, and return the page and its log."""
    log = PageLog()
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            log.remote_requests.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.page_errors.append(str(e)))

    def dialog(d: Any) -> None:
        log.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    started = time.perf_counter()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => window.policykgDrawnAt !== undefined", timeout=120_000)
    log.seconds_to_draw = time.perf_counter() - started
    return page, log
