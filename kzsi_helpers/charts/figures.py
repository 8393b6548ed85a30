"""Shared look of the course's charts, and showing a figure with alt text."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from kzsi_helpers.i18n.formats import format_number
from kzsi_helpers.i18n.language import SOURCE, current_language
from kzsi_helpers.i18n.messages import _

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

__all__ = ["PALETTE", "show_figure", "add_source_line", "figure_png", "number_ticks"]

#: Okabe-Ito colours: distinguishable with the common forms of colour blindness.
PALETTE: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}


def add_source_line(ax: Axes, text: str) -> None:
    """Write a small "Source: ..." line under a chart.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The chart.
    text : str
        The source, e.g. ``"Bureau of National Statistics of Kazakhstan [bns-trade-bulletins]"``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> add_source_line(ax, "ECB [ecb-usd-rates]")
    >>> ax.texts[-1].get_text()
    'Source: ECB [ecb-usd-rates]'
    >>> plt.close(fig)
    """
    ax.annotate(
        _("Source: {text}").format(text=text),
        xy=(0, 0),
        xycoords="figure fraction",
        xytext=(6, 4),
        textcoords="offset points",
        fontsize=8,
        color="#444444",
        ha="left",
        va="bottom",
        gid="source-line",
    )


def figure_png(fig: Figure, dpi: int = 100) -> bytes:
    r"""Render a figure to PNG bytes, without a timestamp or version in its metadata.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    dpi : int, optional
        Resolution.

    Returns
    -------
    bytes
        PNG image data; the same figure gives the same bytes on every run.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> figure_png(fig)[:4]
    b'\x89PNG'
    >>> plt.close(fig)
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches=_tight_box(fig, dpi),
                metadata={"Software": None})
    return buffer.getvalue()


def _tight_box(fig: Figure, dpi: int) -> Bbox | str:
    """Measure the box ``bbox_inches="tight"`` would crop to, without drawing the figure.

    Given ``"tight"``, ``savefig`` draws the whole figure once without output to measure it, then
    draws it again for real. Measuring the box first (with the renderer of the figure's own
    canvas) and handing it over saves that first draw: the PNG comes out byte for byte the same
    (checked on every chart of the lessons). Figures with a layout engine (constrained or tight
    layout) place their axes while drawing, and figures without a raster canvas of their own
    (``Figure()`` made without pyplot) have no renderer to measure with: those keep ``"tight"``.
    """
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if fig.get_layout_engine() is not None or not isinstance(fig.canvas, FigureCanvasAgg):
        return "tight"
    own_dpi = fig.dpi
    fig.dpi = dpi  # savefig draws at this resolution: measure at it too
    try:
        box = fig.get_tightbbox(fig.canvas.get_renderer())
    finally:
        fig.dpi = own_dpi
    return box.padded(mpl.rcParams["savefig.pad_inches"])


class _FigureDisplay:
    """A PNG with alt text in the output metadata (JupyterLab, nbconvert and the site use it)."""

    def __init__(self, png: bytes, alt: str) -> None:
        self.png = png
        self.alt = alt

    def _repr_mimebundle_(self, include=None, exclude=None):  # noqa: D401 - IPython protocol
        data = {"image/png": self.png, "text/plain": repr(self)}
        metadata = {"image/png": {"alt": self.alt}}
        return data, metadata

    def __repr__(self) -> str:
        return _("[Figure: {alt}]").format(alt=self.alt)


def show_figure(fig: Figure | Axes, alt: str) -> _FigureDisplay:
    """Show a chart in a notebook with alt text, and close it.

    Use this as the last line of a cell instead of letting matplotlib draw the figure: the
    output then carries the alt text (``metadata["image/png"]["alt"]``) and a text/plain
    description, and the figure is not shown twice.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or matplotlib.axes.Axes
        The figure, or an Axes on it.
    alt : str
        What the chart shows, in one or two sentences, for readers who cannot see it.

    Returns
    -------
    object
        Displays as the PNG image; ``.alt`` and ``.png`` hold the text and the bytes.

    Raises
    ------
    ValueError
        If ``alt`` is empty.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> shown = show_figure(fig, "An empty chart.")
    >>> shown.alt
    'An empty chart.'
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    if not alt or not alt.strip():
        raise ValueError(_("show_figure needs alt text: describe what the chart shows"))
    figure = fig if isinstance(fig, Figure) else fig.figure
    png = figure_png(figure)
    plt.close(figure)
    return _FigureDisplay(png, alt.strip())


def number_ticks(ax: Axes, axis: str = "y") -> None:
    """Write the numbers of an axis's ticks as the current language does (``1.234,5`` in Slovenian).

    English keeps matplotlib's own tick labels, untouched; any other language gets a formatter
    that writes each tick with :func:`~kzsi_helpers.i18n.formats.format_number`, with as many
    decimals as the ticks need.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The chart.
    axis : {"y", "x"}, optional
        The axis whose ticks are numbers.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from kzsi_helpers.i18n.language import use_language
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1500], [0, 2.5])
    >>> with use_language("sl"):
    ...     number_ticks(ax, "x"); number_ticks(ax, "y")
    ...     ax.xaxis.get_major_formatter()(1500), ax.yaxis.get_major_formatter().format_ticks([0, 2.5])
    ('1.500', ['0,0', '2,5'])
    >>> plt.close(fig)
    """
    if current_language() == SOURCE:
        return
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(_local_numbers()())


def _decimals(values: Sequence[float]) -> int:
    """Return the fewest decimals (at most 6) that write every value exactly."""
    return next((d for d in range(7) if all(
        abs(v - round(v, d)) <= 1e-9 * max(1.0, abs(v)) for v in values)), 6)


def _tick(value: float, decimals: int) -> str:
    return format_number(0.0 if abs(value) < 10.0 ** -(decimals + 3) else value, decimals)


@lru_cache(maxsize=1)
def _local_numbers() -> type:
    """Make the formatter class of :func:`number_ticks` (on first use: matplotlib loads late)."""
    from matplotlib.ticker import Formatter

    class LocalNumbers(Formatter):
        """Ticks through ``format_number``, all with the decimals the finest of them needs."""

        def format_ticks(self, values: Sequence[float]) -> list[str]:
            decimals = _decimals(list(values))
            return [_tick(value, decimals) for value in values]

        def __call__(self, x: float, pos: int | None = None) -> str:
            return _tick(x, _decimals([x]))

    return LocalNumbers
