"""Charts with Chinese labels: pick an installed font that really has the glyphs, so matplotlib draws 益阳市
instead of empty boxes (tofu). matplotlib is optional: ``pip install 'govkg[notebook]'``.

The candidate families are data (kg/resources/charts/cjk-fonts.tsv). A family counts only if the font file
matplotlib resolves for it maps every character of ``SAMPLE`` to a glyph: a name match alone can be a fallback.
"""

from __future__ import annotations

from kg.errors import ResourceError
from kg.resources import read_words, resource_path

FONTS = "charts/cjk-fonts.tsv"
SAMPLE = "法治政府建设年度报告益阳市新余监利防城港一件事一次办"  # Simplified forms the seeds' labels use
INSTALL_HINT = "apt-get install fonts-noto-cjk (Debian/Ubuntu), or add an installed family to the list"


def missing_glyphs(family: str, text: str = SAMPLE) -> str | None:
    """The characters of ``text`` the font matplotlib finds for ``family`` has no glyph for (None: no such font)."""
    from matplotlib import font_manager

    try:
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        return None
    font = font_manager.get_font(path)
    if font.family_name != family:  # findfont may still answer with a near match
        return None
    return "".join(char for char in dict.fromkeys(text) if font.get_char_index(ord(char)) == 0)


def cjk_family() -> str:
    """The first listed family that is installed and draws every character of SAMPLE."""
    for family in read_words(FONTS):
        if missing_glyphs(family) == "":
            return family
    raise ResourceError(resource_path(FONTS), None, f"no listed font that draws Chinese is installed: {INSTALL_HINT}")


def use_cjk_font() -> str:
    """Make matplotlib draw text in the CJK family (Latin text too, so labels mixing both share one baseline)."""
    import matplotlib as mpl

    family = cjk_family()
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [family, *mpl.rcParams["font.sans-serif"]]
    mpl.rcParams["axes.unicode_minus"] = False  # the CJK fonts' minus sign is wider than the digits
    return family
