"""Shared look of the course's charts, and showing a figure with alt text."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["PALETTE", "show_figure", "add_source_line", "figure_png"]

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
        f"Source: {text}",
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
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


class _FigureDisplay:
    """A PNG with alt text in the output metadata (JupyterLab, nbconvert and the site use it)."""

    def __init__(self, png: bytes, alt: str) -> None:
        self.png = png
        self.alt = alt

    def _repr_mimebundle_(self, include=None, exclude=None):  # noqa: D401 - IPython protocol
        data = {"image/png": self.png, "text/plain": f"[Figure: {self.alt}]"}
        metadata = {"image/png": {"alt": self.alt}}
        return data, metadata

    def __repr__(self) -> str:
        return f"[Figure: {self.alt}]"


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
        raise ValueError("show_figure needs alt text: describe what the chart shows")
    figure = fig if isinstance(fig, Figure) else fig.figure
    png = figure_png(figure)
    plt.close(figure)
    return _FigureDisplay(png, alt.strip())
