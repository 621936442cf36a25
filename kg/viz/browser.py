"""Open a written page in the system's headless Chromium (Playwright drives it), for tests, bench and docs.

Playwright's own browser downloads are not used: it launches the Chromium the OS installed (Debian
``chromium``; .ci/run installs it), found on PATH or given by $KG_CHROMIUM. Every request the page makes is
recorded; those outside file:// (and data:) are aborted, so a page that would reach a CDN fails to render its
part and the caller sees the URL in ``OpenPage.requests``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KGError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
LOCAL_SCHEMES = ("file:", "data:")


class BrowserError(KGError):
    """No Chromium or no Playwright to open a page with."""


def find_chromium() -> str | None:
    """The Chromium executable: $KG_CHROMIUM, else the first of CHROMIUM_NAMES on PATH."""
    given = os.environ.get("KG_CHROMIUM")
    if given:
        return given if Path(given).is_file() else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


@dataclass
class OpenPage:
    page: Any  # playwright.sync_api.Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]


@contextmanager
def open_page(path: str | Path, *, width: int = 1400, height: int = 900,
              timeout_ms: int = 120_000) -> Iterator[OpenPage]:
    """Load ``path`` from file://, wait until the network is idle and the layout has stopped, yield the page."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise BrowserError("playwright is not installed: pip install playwright (the test extra has it)") from exc
    executable = find_chromium()
    if executable is None:
        raise BrowserError("no Chromium found: apt-get install chromium, or set KG_CHROMIUM to its path")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            opened = OpenPage(context.new_page())
            context.route("**/*", lambda route: _local_only(route, opened.requests))
            opened.page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
            opened.page.set_default_timeout(timeout_ms)
            opened.page.goto(Path(path).resolve().as_uri(), wait_until="networkidle")
            opened.page.wait_for_function("window.govkgReady === true")
            yield opened
        finally:
            browser.close()


def _local_only(route: Any, seen: list[str]) -> None:
    url = route.request.url
    seen.append(url)
    if url.startswith(LOCAL_SCHEMES):
        route.continue_()
    else:
        route.abort()
