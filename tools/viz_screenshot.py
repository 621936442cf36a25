"""Take the README's screenshots of the graph pages (docs/img/*.png) in headless Chromium at 1400x900.

Builds seeds/ and seeds/ with the reports of ../shared/corpus (13 reports) into a temporary folder, opens the
page each build wrote as a reader would (opening view, labels by importance), and once more with 一件事一次办
found by the search box, its side panel open and one evidence sentence shown in its report. Needs Chromium (apt-get
install chromium), Playwright (the test extra) and a CJK font for legible labels (apt-get install fonts-noto-cjk).

    python tools/viz_screenshot.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from kg.build import build
from kg.viz.browser import open_page

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FOCUS = "一件事一次办"


def shoot(page_path: Path, png: Path, search: str | None = None) -> str:
    """Save the view as a PNG; with ``search``, find that node and open its first evidence sentence."""
    with open_page(page_path, width=1400, height=900) as opened:
        page = opened.page
        if search:
            page.fill("#govkg-search", search)
            page.press("#govkg-search", "Enter")
            page.locator("ol.evidence a").first.click()
        page.evaluate("network.redraw()")
        page.screenshot(path=str(png))
        return page.evaluate("document.getElementById('govkg-counts').textContent")


def main() -> None:
    out_dir = ROOT / "docs" / "img"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        seeds, corpus = Path(tmp) / "seeds", Path(tmp) / "corpus"
        build([ROOT / "seeds"], seeds)
        build([ROOT / "seeds", *sorted(CORPUS.glob("*.txt"))], corpus)
        for name, folder, search in (("seeds-graph.png", seeds, None), ("corpus-graph.png", corpus, None),
                                     ("seeds-focus.png", seeds, FOCUS)):
            counts = shoot(folder / "graph.html", out_dir / name, search)
            print(f"{out_dir / name}: {counts}")


if __name__ == "__main__":
    main()
