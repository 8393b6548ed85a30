"""Where the course's folders are: one place that every module asks.

The course is a folder (a checkout, a copy on a USB stick, an unpacked download) that holds
``data/datapackage.json`` and ``notebooks/``. The helper package may be installed from that folder
(editable) or as a wheel anywhere, so nothing here assumes where ``kzsi_helpers`` itself lives:

1. ``$KZSI_COURSE_DIR``, if set, is the course folder;
2. otherwise the working directory or the nearest folder above it that holds ``data/datapackage.json``
   and ``notebooks/`` (so a command run anywhere inside the course folder finds it);
3. otherwise the course folder the package was installed from, if it is still there (editable
   installs).

The data have one more fallback: an installed wheel carries a copy of ``data/`` inside the package
(``kzsi_helpers/_data``), so ``load()`` works with no course folder at all (in JupyterLite, say).
``$KZSI_DATA_DIR`` points :func:`data_dir` at another data folder.

Examples
--------
>>> (data_dir() / "datapackage.json").is_file()
True
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["is_course_folder", "course_root", "data_dir", "notebooks_dir", "output_dir",
           "packaged_data_dir"]

#: Name, inside the package, of the copy of ``data/`` that a built wheel carries.
PACKAGED_DATA = "_data"


def is_course_folder(folder: str | os.PathLike[str]) -> bool:
    """Tell whether a folder is a course folder (it has ``data/datapackage.json`` and ``notebooks/``).

    Parameters
    ----------
    folder : str or path-like
        The folder to look at.

    Returns
    -------
    bool
        True if both are there.

    Examples
    --------
    >>> is_course_folder(course_root())
    True
    >>> is_course_folder(data_dir())
    False
    """
    path = Path(folder)
    return (path / "data" / "datapackage.json").is_file() and (path / "notebooks").is_dir()


def _package_folder() -> Path:
    return Path(str(resources.files("kzsi_helpers")))


def course_root(start: str | os.PathLike[str] | None = None) -> Path | None:
    """Find the course folder.

    Parameters
    ----------
    start : str or path-like, optional
        Where to start looking upwards (default: the working directory).

    Returns
    -------
    pathlib.Path or None
        The course folder, resolved; None if there is none (an installed wheel used elsewhere).

    Raises
    ------
    FileNotFoundError
        If ``$KZSI_COURSE_DIR`` is set but is not a course folder.

    Examples
    --------
    >>> (course_root() / "notebooks").is_dir()
    True
    """
    env = os.environ.get("KZSI_COURSE_DIR")
    if env:
        if not is_course_folder(env):
            raise FileNotFoundError(
                f"KZSI_COURSE_DIR={env!r} is not a course folder (it needs data/datapackage.json "
                "and notebooks/)"
            )
        return Path(env).resolve()
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_course_folder(folder):
            return folder
    installed_from = _package_folder().parent
    if is_course_folder(installed_from):
        return installed_from.resolve()
    return None


def packaged_data_dir() -> Path | None:
    """Return the copy of ``data/`` inside an installed wheel, or None (editable installs).

    Returns
    -------
    pathlib.Path or None
        ``kzsi_helpers/_data`` if it holds ``datapackage.json``.

    Examples
    --------
    >>> packaged_data_dir() is None or (packaged_data_dir() / "datapackage.json").is_file()
    True
    """
    folder = _package_folder() / PACKAGED_DATA
    return folder if (folder / "datapackage.json").is_file() else None


def data_dir() -> Path:
    """Return the data folder: ``$KZSI_DATA_DIR``, the course folder's ``data/``, or the packaged copy.

    Returns
    -------
    pathlib.Path
        The folder that should hold ``datapackage.json`` (``load()`` reports it if it does not).

    Examples
    --------
    >>> data_dir().name in ("data", "_data")
    True
    """
    env = os.environ.get("KZSI_DATA_DIR")
    if env:
        return Path(env)
    root = course_root()
    if root is not None:
        return root / "data"
    packaged = packaged_data_dir()
    if packaged is not None:
        return packaged
    return Path.cwd() / "data"


def notebooks_dir() -> Path:
    """Return the lessons folder of the course folder.

    Returns
    -------
    pathlib.Path
        ``notebooks/`` of :func:`course_root`.

    Raises
    ------
    FileNotFoundError
        If no course folder is found; the message says how to point to one.

    Examples
    --------
    >>> notebooks_dir().name
    'notebooks'
    """
    return _required_root("the folder with --notebooks") / "notebooks"


def output_dir(name: str) -> Path:
    """Return a command's default output folder, ``name`` inside the course folder.

    Parameters
    ----------
    name : str
        The folder's name: ``"site"``, ``"student"`` or ``"lite"``.

    Returns
    -------
    pathlib.Path
        ``<course folder>/<name>`` (it need not exist yet).

    Raises
    ------
    FileNotFoundError
        If no course folder is found; the message says how to point to one or to give ``--out``.

    Examples
    --------
    >>> output_dir("site") == course_root() / "site"
    True
    """
    return _required_root("--out") / name


def _required_root(instead: str) -> Path:
    root = course_root()
    if root is None:
        raise FileNotFoundError(
            f"no course folder found from {Path.cwd()} (a folder with data/datapackage.json and "
            f"notebooks/): run the command inside the course folder, set KZSI_COURSE_DIR, or give "
            f"{instead}"
        )
    return root
