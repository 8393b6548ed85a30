"""figure_png: the same PNG as matplotlib's own ``bbox_inches="tight"``, for one draw instead of two."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from kzsi_helpers.charts.figures import add_source_line, figure_png  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _chart(fig: Figure) -> Figure:
    """A chart whose tight box differs from the figure: text sticks out on three sides."""
    ax = fig.subplots()
    ax.bar([2019, 2020, 2021], [3.5, 2.0, 4.25], label="imports")
    ax.set_title("A title long enough to run past the right edge of this narrow figure, and on")
    ax.set_xlabel("year")  # its descenders fall below the figure
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))  # outside the axes, on the right
    add_source_line(ax, "a made-up table")
    return fig


def _tight_png(fig: Figure) -> bytes:
    """What matplotlib itself writes for the tight crop (the expected value)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def test_png_is_byte_for_byte_matplotlibs_tight_crop() -> None:
    expected = _tight_png(_chart(plt.figure(figsize=(4, 2.5))))
    assert figure_png(_chart(plt.figure(figsize=(4, 2.5)))) == expected


def test_png_draws_the_figure_once() -> None:
    fig = _chart(plt.figure(figsize=(4, 2.5)))
    draws = []
    real_draw = fig.draw

    def counting_draw(renderer):
        draws.append(renderer)
        return real_draw(renderer)

    fig.draw = counting_draw  # savefig calls figure.draw(renderer) once per pass
    figure_png(fig)
    assert len(draws) == 1


@pytest.mark.parametrize("make", [
    pytest.param(lambda: plt.figure(figsize=(4, 2.5), layout="constrained"), id="constrained"),
    pytest.param(lambda: Figure(figsize=(4, 2.5)), id="without-pyplot"),
])
def test_figures_that_place_axes_while_drawing_or_lack_a_canvas_still_match(make) -> None:
    assert figure_png(_chart(make())) == _tight_png(_chart(make()))
