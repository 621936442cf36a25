"""notebooks/explore.ipynb runs top to bottom on the seeds (nbclient, a real kernel), and its charts are real
pictures with real Chinese: every chart PNG has ink in several colours, and its Chinese title is found in it as
the CJK font draws it (template matching), while the same title drawn with a font that lacks CJK glyphs (its
missing-glyph boxes, tofu) is not. The notebook is committed without outputs."""

from __future__ import annotations

import base64
import io
import json
import warnings
from pathlib import Path

import nbformat
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import IdentityTransform
from nbclient import NotebookClient
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
TITLES = ("各地推行的改革 · reforms per city", "被引用最多的法律法规 · most cited laws",
          "已完成与计划中的工作 · planned vs achieved", "报告与学法时间线 · timeline by year",
          "改革扩散：地点 × 年度 · reform diffusion")
MATCH = 0.95
NO_CJK_FONT = "DejaVu Sans"  # ships with matplotlib; has no CJK glyphs, so it draws its missing-glyph box
SETTINGS = """import json, matplotlib.font_manager as fm
print(json.dumps({"family": FAMILY, "dpi": plt.rcParams["figure.dpi"],
                  "title_pt": fm.FontProperties(size=plt.rcParams["axes.titlesize"]).get_size_in_points(),
                  "tick_pt": fm.FontProperties(size=plt.rcParams["ytick.labelsize"]).get_size_in_points()}))"""


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> tuple[nbformat.NotebookNode, dict]:
    """The notebook run in a scratch copy of the layout it expects (notebooks/ beside seeds/)."""
    work = tmp_path_factory.mktemp("notebook")
    (work / "seeds").symlink_to(ROOT / "seeds")
    (work / "notebooks").mkdir()
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(SETTINGS))  # how the charts were drawn, for the checks
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(work / "notebooks")}}).execute()
    settings = json.loads(notebook.cells[-1].outputs[-1].text)
    return notebook, settings


def outputs(notebook: nbformat.NotebookNode) -> list[dict]:
    return [output for cell in notebook.cells[:-1] if cell.cell_type == "code" for output in cell.outputs]


def charts(notebook: nbformat.NotebookNode) -> list[np.ndarray]:
    return [np.asarray(Image.open(io.BytesIO(base64.b64decode(o["data"]["image/png"]))).convert("RGB"))
            for o in outputs(notebook) if "image/png" in o.get("data", {})]


def draw(text: str, family: str, points: float, dpi: float, shift: tuple[float, float]) -> np.ndarray:
    """``text`` in black on white as matplotlib's Agg renderer draws a label, moved by a fraction of a pixel
    (Agg positions glyphs to sub-pixels), cropped to its ink."""
    figure = Figure(figsize=(len(text) * points / 36 + 1, points / 36 + 1), dpi=dpi, facecolor="white")
    canvas = FigureCanvasAgg(figure)
    figure.text(8 + shift[0], 8 + shift[1], text, fontfamily=family, fontsize=points, color="black",
                transform=IdentityTransform())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Glyph ... missing from font(s)": wanted for the tofu picture
        canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[..., :3]
    rows, cols = np.nonzero((pixels < 255).any(axis=2))
    return pixels[rows.min():rows.max() + 1, cols.min():cols.max() + 1]


def correlation(picture: np.ndarray, template: np.ndarray) -> float:
    """The best normalised cross-correlation of ``template`` at any place in ``picture`` (1.0: identical ink),
    on grey levels, by FFT and integral images."""
    ink, mark = 255.0 - picture.mean(axis=2), 255.0 - template.mean(axis=2)
    (height, width), shape = mark.shape, (ink.shape[0] + mark.shape[0], ink.shape[1] + mark.shape[1])
    if height > ink.shape[0] or width > ink.shape[1]:
        return 0.0
    mark = mark - mark.mean()
    products = np.fft.irfft2(np.fft.rfft2(ink, shape) * np.conj(np.fft.rfft2(mark, shape)), shape)
    products = products[:ink.shape[0] - height + 1, :ink.shape[1] - width + 1]

    def window_sums(values: np.ndarray) -> np.ndarray:
        c = np.pad(values.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
        return c[height:, width:] - c[:-height, width:] - c[height:, :-width] + c[:-height, :-width]

    variance = window_sums(ink * ink) - window_sums(ink) ** 2 / mark.size
    return float((products / np.sqrt(np.maximum(variance, 1e-9) * (mark * mark).sum())).max())


def found(picture: np.ndarray, text: str, family: str, points: float, dpi: float) -> bool:
    """Is ``text``, as ``family`` draws it, somewhere in ``picture``? Tried at quarter-pixel shifts; the
    seeds' charts give 0.98-1.0 for their labels, at most 0.77 for other Chinese text, 0.51 for tofu boxes."""
    shifts = [(x / 4, y / 4) for x in range(4) for y in range(4)]
    return any(correlation(picture, draw(text, family, points, dpi, shift)) >= MATCH for shift in shifts)


def test_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


def test_notebook_runs_without_errors_or_missing_glyphs(executed) -> None:
    notebook, settings = executed
    streams = "".join(o.get("text", "") for o in outputs(notebook) if o["output_type"] == "stream")
    assert "missing from font" not in streams and "Traceback" not in streams, streams
    assert settings["family"] != NO_CJK_FONT
    tables = [o["data"]["text/html"] for o in outputs(notebook) if "text/html" in o.get("data", {})]
    assert any("益阳市行政审批服务局" in table for table in tables)  # the reports query as a DataFrame
    graph = [table for table in tables if "<iframe srcdoc=" in table]
    assert len(graph) == 1 and "new vis.Network(" in graph[0]  # the page, vis.js and all, inside the notebook


def test_notebook_charts_are_pictures(executed) -> None:
    pictures = charts(executed[0])
    assert len(pictures) == len(TITLES)
    for picture in pictures:
        height, width = picture.shape[:2]
        assert width >= 400 and height >= 200
        ink = (picture < 250).any(axis=2).mean()
        assert 0.02 < ink < 0.9
        colours = {tuple(p) for p in picture.reshape(-1, 3)[::7]}
        assert len(colours) > 20  # bars, text anti-aliasing, axes: not a flat image


def test_notebook_charts_draw_chinese_titles_with_the_cjk_font(executed) -> None:
    notebook, settings = executed
    family, points, dpi = settings["family"], settings["title_pt"], settings["dpi"]
    for title, picture in zip(TITLES, charts(notebook), strict=True):
        assert found(picture, title, family, points, dpi), f"{title!r} as {family} draws it is not in its chart"
        assert not found(picture, title, NO_CJK_FONT, points, dpi), f"{title!r} is drawn as missing-glyph boxes"


def test_notebook_chart_labels_are_the_seed_cities(executed) -> None:
    notebook, settings = executed
    reforms_per_city = charts(notebook)[0]
    for city in ("益阳市", "新余市", "监利市", "防城港市"):
        assert found(reforms_per_city, city, settings["family"], settings["tick_pt"], settings["dpi"]), city
    assert not found(reforms_per_city, "北京市", settings["family"], settings["tick_pt"], settings["dpi"])
