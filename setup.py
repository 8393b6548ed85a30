"""Build hook: the wheel carries a copy of the course's ``data/`` as ``kzsi_helpers/_data``.

The data live in ``data/`` at the top of the course folder (where teachers and the lessons' text point
to them). An installed wheel has no course folder, so ``load()`` falls back to this packaged copy
(see ``kzsi_helpers/course/paths.py``); the browser edition relies on it. Everything else is in
pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithData(build_py):
    """Copy ``data/`` into the built package as ``kzsi_helpers/_data``."""

    def run(self):
        """Build as usual, then add the copy of the data."""
        super().run()
        source = HERE / "data"
        if not (source / "datapackage.json").is_file():  # building from an sdist without data/
            raise SystemExit("setup.py: data/datapackage.json not found; the wheel needs the data")
        target = Path(self.build_lib) / "kzsi_helpers" / "_data"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(cmdclass={"build_py": BuildWithData})
