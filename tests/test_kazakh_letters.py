"""The Kazakh letters (ә ғ қ ң ө ұ ү һ і) show in the Kazakh edition's charts and map popups.

A chart drawn with matplotlib's default font (DejaVu Sans) must raise no missing-glyph warning for
them; a map's popups must carry them as text (not lost, mangled or turned into entities). The
handouts' PDFs are checked in ``tests/test_student_languages.py``.
"""

from __future__ import annotations

import re
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kzsi_helpers import load, memorial_map, plot_timeline, plot_trade  # noqa: E402
from kzsi_helpers.i18n.language import use_language  # noqa: E402

KAZAKH = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def _texts(fig) -> str:
    return " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def _draw_without_missing_glyphs(fig) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(w.message) for w in caught if "missing from" in str(w.message).lower()
            or "glyph" in str(w.message).lower()]


def test_the_font_draws_every_kazakh_letter():
    fig, ax = plt.subplots()
    ax.set_title("әғқңөұүһі ӘҒҚҢӨҰҮҺІ")
    assert _draw_without_missing_glyphs(fig) == []
    plt.close(fig)


@pytest.mark.parametrize("draw", [
    lambda: plot_timeline(load("events")),
    lambda: plot_trade(load("trade_kz")),
])
def test_a_kazakh_chart_has_kazakh_letters_and_no_missing_glyph(draw):
    with use_language("kk"):
        result = draw()
    fig = result.figure if hasattr(result, "figure") else result
    text = _texts(fig)
    assert KAZAKH & set(text), text[:200]
    assert _draw_without_missing_glyphs(fig) == []
    plt.close(fig)


def test_a_kazakh_map_popup_carries_the_kazakh_letters():
    with use_language("kk"):
        html = memorial_map(load("places")).get_root().render()
    # folium writes each popup's HTML into an element whose id starts with "html_"
    popups = re.findall(r'<div id="html_[^"]*"[^>]*>(.*?)</div>', html, flags=re.S)
    assert popups, "no popup found"
    with_kazakh = [p for p in popups if KAZAKH & set(p)]
    assert len(with_kazakh) == len(popups), [p[:80] for p in popups if p not in with_kazakh]
