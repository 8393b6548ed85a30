"""Project-wide pytest set-up, run before any lesson kernel starts."""

import os


def pytest_configure(config):
    # Build matplotlib's font cache here, once, so a lesson kernel on a fresh machine does not print
    # "Matplotlib is building the font cache" to stderr (strict nbval would see it as a change).
    import matplotlib.font_manager  # noqa: F401
