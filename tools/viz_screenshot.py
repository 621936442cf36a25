"""Take the README's screenshots of the seeds' graph (docs/img/*.png) in headless Chromium.

Builds seeds/ into a temporary folder, draws the whole graph and the 2-step neighbourhood of 一件事一次办 with
its tooltip open, and saves one PNG of each. Needs Chromium (apt-get install chromium), Playwright (the test
extra) and a CJK font for legible labels (apt-get install fonts-noto-cjk).

    python tools/viz_screenshot.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from kg.build import build
from kg.viz import View, render_html
from kg.viz.browser import open_page

ROOT = Path(__file__).resolve().parent.parent
FOCUS = "一件事一次办"
SHOTS = {
    "seeds-graph.png": View(),
    "seeds-focus.png": View(focus=(FOCUS,), hops=2),
}


def shoot(page_path: Path, png: Path, hover: str | None = None) -> None:
    with open_page(page_path, width=1400, height=860) as opened:
        page = opened.page
        if hover:
            page.fill("#govkg-search", hover)
            page.dispatch_event("#govkg-search", "change")
            time.sleep(0.6)  # the zoom animation
            ids = page.evaluate("network.getSelectedNodes()")
            x, y = page.evaluate(f"(() => {{ const d = network.canvasToDOM(network.getPositions(['{ids[0]}'])"
                                 f"['{ids[0]}']); return [d.x, d.y]; }})()")
            page.mouse.move(x, y)
            page.wait_for_selector("div.vis-tooltip", state="visible")
        time.sleep(0.3)
        page.screenshot(path=str(png))


def main() -> None:
    out_dir = ROOT / "docs" / "img"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / "out"
        build([ROOT / "seeds"], built)
        for name, view in SHOTS.items():
            page_path = Path(tmp) / f"{name}.html"
            selection = render_html(built / "store", page_path, view)
            shoot(page_path, out_dir / name, hover=FOCUS if view.focus else None)
            print(f"{out_dir / name}: {selection.graph.number_of_nodes()} nodes, "
                  f"{selection.graph.number_of_edges()} edges")


if __name__ == "__main__":
    main()
