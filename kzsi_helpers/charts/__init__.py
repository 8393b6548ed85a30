"""Charts: the course's look for matplotlib figures, showing a figure with alt text, and the timeline.

Modules: :mod:`~kzsi_helpers.charts.figures` (palette, source line, ``show_figure``),
:mod:`~.timeline` (``plot_timeline``), :mod:`~.dates` (the events' dates: periods and words).
The trade charts live with the trade tables, in :mod:`kzsi_helpers.trade`.
"""
