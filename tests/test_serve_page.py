"""The query page of `kg serve` in a real headless Chromium (Playwright, the system's Chromium): the named queries
of queries/ are offered with their parameters, the results come back through the page's own POST (its Origin is
the server's) and show prefixed names and plain literals; nothing in the page raises."""

from __future__ import annotations

import os

import pytest
from seed_store import built_seeds
from servers import serve_process, stop

from kg.viz.browser import find_chromium

if find_chromium() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must have Chromium: .ci/run installs Debian's chromium package")
    pytest.skip("no Chromium here (apt-get install chromium)", allow_module_level=True)


def test_serve_page_runs_a_named_query_with_compact_results(tmp_path_factory) -> None:
    from playwright.sync_api import sync_playwright

    process, base = serve_process(built_seeds(tmp_path_factory) / "store")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=["--no-sandbox"])
            try:
                page = browser.new_page()
                page.set_default_timeout(90_000)  # a busy machine
                errors: list[str] = []
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
                page.goto(f"{base}/", wait_until="networkidle")
                page.select_option("#named", "bodies-implementing-reform")
                page.fill("#params input[name=reform]", "一件事一次办")
                page.click("#run")
                page.wait_for_selector("#results table")
                cells = page.eval_on_selector_all("#results td", "cells => cells.map(c => c.textContent)")
                assert "agency:益阳市行政审批服务局" in cells  # a prefixed name
                assert "益阳市行政审批服务局" in cells  # a plain literal: no quotes, no language tag
                assert page.text_content("#status").startswith("2 row(s)")
                page.uncheck("#compact")
                page.click("#run")
                page.wait_for_selector('#results td >> text=/^"/')  # full literals now (no eval: the CSP)
                page.fill("#sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
                page.click("#run")
                page.wait_for_selector("#status.error")
                assert "SERVICE" in page.text_content("#status")
                assert errors == [] or all("400" in e for e in errors), errors  # the refused query's 400 only
            finally:
                browser.close()
    finally:
        stop(process)
