"""Project-wide pytest set-up, run before any lesson kernel starts."""


def pytest_configure(config):
    # Build matplotlib's font cache here, once, so a lesson kernel on a fresh machine does not print
    # "Matplotlib is building the font cache" to stderr (strict nbval would see it as a change).
    import matplotlib.font_manager  # noqa: F401


# `python -m kzsi_helpers` would run the command line if pytest imported it for doctests.
collect_ignore = ["kzsi_helpers/__main__.py"]
