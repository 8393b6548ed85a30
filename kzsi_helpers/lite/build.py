"""Build the browser edition: a static JupyterLite site that runs every lesson offline.

The folder it writes holds JupyterLab (JupyterLite), Pyodide and every package the lessons import,
so any static web server (a school server, a teacher's laptop, GitHub Pages) can serve it and the
students' browsers do the computing; nothing is loaded from the network at run time.

What students see first is the **student edition** (the lessons with empty answers, at the top of
the file browser, ``00-start-here.ipynb`` opened for them); the **teacher edition** (worked answers)
is in the folder ``teacher/`` of the same site. It is one site rather than two, so a teacher can show
an answer in class; like the student edition itself, it is a learning aid, not a locked exam.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat
from packaging.utils import canonicalize_name
from packaging.version import Version

from kzsi_helpers.course.folders import BuildError, build_folder
from kzsi_helpers.course.release import VERSION
from kzsi_helpers.i18n.language import LANGUAGES
from kzsi_helpers.lite import pyodide_dist, wheels
from kzsi_helpers.lite.lessons import (
    add_browser_work_note,
    drop_stored_maps,
    lite_notebook_json,
    mark_cell_language,
    palette_images,
)
from kzsi_helpers.lite.pyodide_dist import LiteBuildError
from kzsi_helpers.lite.runall import patch_run_all

__all__ = ["build_lite", "cli", "keep_interface_languages", "TEACHER_FOLDER", "KERNEL_PLUGIN",
           "UI_LANGUAGE_PACKS"]

#: The folder of the site's file browser that holds the teacher edition.
TEACHER_FOLDER = "teacher"
#: The JupyterLite plugin whose settings point the kernel at the bundled Pyodide.
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
#: JupyterLab's news prompt covers part of the screen in a class: switched off by a setting.
_OVERRIDES = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                              "checkForUpdates": False}}
_MARKER = ".kzsi-lite"
#: JupyterLab's interface languages the site offers (Settings > Language), by locale: the PyPI
#: package of the pack and the JupyterLab release it must match (jupyterlite-core 0.6 bundles
#: JupyterLab 4.4). JupyterLab has no Slovenian or Kazakh pack: those lessons run in an English
#: (or Russian) interface.
UI_LANGUAGE_PACKS = {"ru_RU": ("jupyterlab-language-pack-ru-RU", "4.4")}
#: The translation domain of JupyterLab's own words (the packs also carry extensions the site lacks).
_UI_DOMAINS = ("jupyterlab",)


def _contents(notebooks: Path, staging: Path) -> Path:
    """Lay out what the file browser shows: the student edition, and the teacher edition in a folder."""
    from kzsi_helpers.publish.report_notebook import write_report_notebook
    from kzsi_helpers.publish.student import build_student_edition

    files = staging / "files"
    build_student_edition(notebooks, files)
    teacher = files / TEACHER_FOLDER
    teacher.mkdir()
    for lesson in sorted(notebooks.glob("[0-9][0-9]-*.ipynb")):
        shutil.copyfile(lesson, teacher / lesson.name)
    for asset in sorted(p for p in notebooks.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if asset.name != ".ipynb_checkpoints":
            shutil.copytree(asset, teacher / asset.name)
    for folder in [teacher, *sorted(p for p in teacher.iterdir() if p.is_dir() and p.name in LANGUAGES)]:
        write_report_notebook(folder, folder.name if folder != teacher else None)
    for leftover in files.rglob(".*"):
        if leftover.is_file():
            leftover.unlink()
    for path in sorted(files.rglob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if TEACHER_FOLDER not in path.relative_to(files).parts:
            add_browser_work_note(nb)
        drop_stored_maps(nb)
        palette_images(nb)
        mark_cell_language(nb)
        path.write_text(lite_notebook_json(nb), encoding="utf-8")
    return files


def _licences(notices: list[tuple[str, str, str]], target: Path) -> None:
    lines = ["# What this folder bundles, and under which terms", "",
             f"Built by `python -m kzsi_helpers lite` from kzsi {VERSION}. The course's own code is "
             "MIT-licensed and its",
             "lesson text and data are CC BY 4.0 (see the course's LICENSE files).", "",
             f"- Pyodide {pyodide_dist.PYODIDE_VERSION} (the files in `static/pyodide/` that are not "
             "wheels): MPL-2.0",
             "- JupyterLite and JupyterLab: BSD-3-Clause (their bundled third-party notices are in "
             "each extension's `third-party-licenses.json` and the `*.LICENSE.txt` files)", ""]
    lines += [f"- {name} {version}: {licence}" for name, version, licence in sorted(notices)]
    lines += ["", "JupyterLab's interface languages (`api/translations/`, the JupyterLab domain only):", ""]
    lines += [f"- {dist} {version}: BSD-3-Clause" for dist, version in _ui_packs()]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _pyodide_folder(lite_dir: Path, course: Path, pyodide: Path | None) -> None:
    """Fill ``static/pyodide``: verified Pyodide files, the course's wheels, one lock for all."""
    target = lite_dir / "static" / "pyodide"
    lock = pyodide_dist.collect_pyodide(target, pyodide)
    cache = pyodide_dist.cache_dir()
    added = [wheels.course_wheel(course, target)]
    for wheel in wheels.pypi_wheels(cache / "pypi-pure"):
        if wheel.name.startswith("xstatic_"):  # without the source maps and unminified copies
            added.append(wheels.trimmed_wheel(wheel, target))
        elif wheel.name.startswith("babel-"):  # CLDR's data for the course's languages only
            added.append(wheels.trimmed_wheel(wheel, target, wheels.babel_unused(LANGUAGES)))
        else:
            shutil.copyfile(wheel, target / wheel.name)
            added.append(target / wheel.name)
    added.append(wheels.markupsafe_wheel(target, cache / "sdist"))
    known = set(lock["packages"]) | {canonicalize_name(w.name.split("-")[0]) for w in added}
    notices = [(entry["name"], entry["version"], "see the package (built by Pyodide)")
               for entry in lock["packages"].values()]
    for wheel in added:
        key, entry, licence = wheels.lock_entry(wheel, known)
        lock["packages"][key] = entry
        notices.append((entry["name"], entry["version"], licence))
    text = json.dumps(lock, indent=1, sort_keys=True) + "\n"
    (target / "pyodide-lock.json").write_text(text, encoding="utf-8")
    _licences(notices, lite_dir / "LICENSES-bundled.md")


def _config(lite_dir: Path) -> None:
    config = {"jupyter-lite-schema-version": 0, "jupyter-config-data": {
        "appName": "Kazakhstan and Slovenia since 1992",
        # window.jupyterapp: the hand-in step's button saves and downloads through it, and the
        # browser tests drive Run All with it
        "exposeAppInBrowser": True,
        "litePluginSettings": {KERNEL_PLUGIN: {"disablePyPIFallback": True}},
    }}
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    (lite_dir / "overrides.json").write_text(json.dumps(_OVERRIDES, indent=2) + "\n", encoding="utf-8")


def _ui_packs() -> list[tuple[str, str]]:
    """Return (package, version) of each interface language pack, checked against JupyterLab 4.4."""
    import importlib.metadata as metadata

    found = []
    for dist, release in UI_LANGUAGE_PACKS.values():
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            raise LiteBuildError(f"{dist} is not installed: the browser edition offers JupyterLab in "
                                 "Russian from it; run python -m pip install -r requirements.txt") from None
        if ".".join(map(str, Version(version).release[:2])) != release:
            raise LiteBuildError(f"{dist} {version} does not match the JupyterLab inside JupyterLite "
                                 f"({release}): install {dist}=={release}.*")
        found.append((dist, version))
    return found


def keep_interface_languages(translations: Path) -> list[str]:
    """Keep only the course's interface languages in ``api/translations/``, JupyterLab's words only.

    ``jupyter lite build`` writes every language pack installed on the building machine, each with
    the words of many extensions the site does not have (Git, LSP, Dask, ...), as indented JSON
    with escaped letters (623 kB for Russian). The site keeps English, the packs of
    :data:`UI_LANGUAGE_PACKS` and, in those, the ``jupyterlab`` domain, written compactly (154 kB).

    Parameters
    ----------
    translations : pathlib.Path
        The site's ``api/translations`` folder.

    Returns
    -------
    list of str
        The locales kept, sorted.

    Raises
    ------
    LiteBuildError
        If a pack of :data:`UI_LANGUAGE_PACKS` is not there.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = Path(tmp)
    ...     names = {"en": {"displayName": "English"}, "ru_RU": {"displayName": "Russian"},
    ...              "de_DE": {"displayName": "German"}}
    ...     _ = (folder / "all.json").write_text(json.dumps({"data": names, "message": ""}))
    ...     for locale in names:
    ...         data = {"jupyterlab": {"File": ["..."]}, "jupyterlab_git": {"Git": ["..."]}}
    ...         _ = (folder / f"{locale}.json").write_text(json.dumps({"data": data, "message": ""}))
    ...     kept = keep_interface_languages(folder)
    ...     pack = json.loads((folder / "ru_RU.json").read_text())
    ...     kept, sorted(p.name for p in folder.iterdir()), pack["data"]
    (['en', 'ru_RU'], ['all.json', 'en.json', 'ru_RU.json'], {'jupyterlab': {'File': ['...']}})
    """
    index = json.loads((translations / "all.json").read_text(encoding="utf-8"))
    wanted = {"en", *UI_LANGUAGE_PACKS}
    missing = sorted(set(UI_LANGUAGE_PACKS) - set(index["data"]))
    if missing:
        raise LiteBuildError(f"jupyter lite build wrote no interface language {', '.join(missing)}: "
                             "is its language pack installed where the build runs?")
    index["data"] = {k: v for k, v in index["data"].items() if k in wanted}
    for path in sorted(translations.glob("*.json")):
        if path.name != "all.json" and path.stem not in wanted:
            path.unlink()
    for locale in sorted(UI_LANGUAGE_PACKS):
        path = translations / f"{locale}.json"
        pack = json.loads(path.read_text(encoding="utf-8"))
        pack["data"] = {k: v for k, v in pack["data"].items() if k in _UI_DOMAINS}
        path.write_text(json.dumps(pack, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                        encoding="utf-8")
    (translations / "all.json").write_text(json.dumps(index, indent=2, sort_keys=True, ensure_ascii=False)
                                           + "\n", encoding="utf-8")
    return sorted(index["data"])


def build_stamp(data_dir: Path) -> int:
    """Return the time every file of the build carries: the day the facts were checked, 00:00 UTC.

    The file browser shows it as each lesson's *Modified* date, so it says how current the course
    is; and two builds of the same course give the same files.

    Examples
    --------
    >>> from kzsi_helpers.course import paths
    >>> import datetime
    >>> datetime.datetime.fromtimestamp(build_stamp(paths.data_dir()), datetime.timezone.utc).hour
    0
    """
    from kzsi_helpers.data.freshness import facts_checked

    day = facts_checked(data_dir)
    return int(_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc).timestamp())


def _fix_times(folder: Path, stamp: int) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        os.utime(path, (stamp, stamp), follow_symlinks=False)


def _jupyter_lite(lite_dir: Path, files: Path, output: Path, stamp: int) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(stamp), JUPYTERLITE_NO_LIBARCHIVE="1")
    env.pop("JUPYTERLITE_PYODIDE_URL", None)
    command = [sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite_dir),
               "--contents", str(files), "--output-dir", str(output), "--apps", "lab",
               "--no-sourcemaps", "--no-unused-shared-packages"]
    result = subprocess.run(command, cwd=lite_dir, capture_output=True, text=True, encoding="utf-8",
                            errors="replace", env=env, check=False)
    if result.returncode != 0:
        tail = (result.stdout + result.stderr).strip().splitlines()[-8:]
        raise LiteBuildError("jupyter lite build failed:\n  " + "\n  ".join(tail))


#: Older font formats that browsers never fetch where a WOFF2 of the same font is listed first.
LEGACY_FONTS = (".eot", ".ttf", ".svg", ".woff")


def drop_legacy_fonts(build: Path) -> list[str]:
    """Remove the EOT, TTF, SVG and WOFF copies of fonts that also come as WOFF2.

    JupyterLab's icon font (Font Awesome) comes in five formats, 2.8 MB in all; every browser that
    runs JupyterLite reads the WOFF2 (0.17 MB), which the stylesheet lists before the others, so
    the others are never requested. Fonts with no WOFF2 (MathJax's WOFF) are kept.

    Parameters
    ----------
    build : pathlib.Path
        The ``build/`` folder of a JupyterLite site.

    Returns
    -------
    list of str
        The names removed, sorted.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("fa.woff2", "fa.woff", "fa.svg", "math.woff", "logo.svg"):
    ...         _ = (Path(tmp) / name).write_bytes(b"x")
    ...     drop_legacy_fonts(Path(tmp)), sorted(p.name for p in Path(tmp).iterdir())
    (['fa.svg', 'fa.woff'], ['fa.woff2', 'logo.svg', 'math.woff'])
    """
    removed = []
    for woff2 in sorted(build.glob("*.woff2")):
        for suffix in LEGACY_FONTS:
            legacy = woff2.with_suffix(suffix)
            if legacy.is_file():
                legacy.unlink()
                removed.append(legacy.name)
    return sorted(removed)


def _check_output(output: Path) -> dict[str, Any]:
    """Check that the kernel uses the site's own Pyodide, with PyPI switched off."""
    config = json.loads((output / "jupyter-lite.json").read_text(encoding="utf-8"))
    data = config.get("jupyter-config-data", {})
    settings = data.get("litePluginSettings", {}).get(KERNEL_PLUGIN, {})
    url = settings.get("pyodideUrl", "")
    if not url.startswith("./static/pyodide/") or not (output / url).is_file():
        raise LiteBuildError(f"jupyter-lite.json: the kernel's pyodideUrl is {url!r}, not the site's own "
                             "Pyodide (./static/pyodide/pyodide.js); the build would load it from a CDN")
    if settings.get("disablePyPIFallback") is not True:
        raise LiteBuildError("jupyter-lite.json: disablePyPIFallback is not set")
    return settings


def build_lite(out: str | os.PathLike[str], notebooks: str | os.PathLike[str] | None = None,
               pyodide: str | os.PathLike[str] | None = None) -> Path:
    """Build the browser edition into ``out``, whole or not at all.

    Parameters
    ----------
    out : str or path-like
        The output folder (replaced if it is an earlier browser edition).
    notebooks : str or path-like, optional
        The lessons (default: the course folder's ``notebooks/``).
    pyodide : str or path-like, optional
        A folder, tarball or zip with the official Pyodide 0.27.7 package files (default: fetched
        once into the cache, see :mod:`kzsi_helpers.lite.pyodide_dist`).

    Returns
    -------
    pathlib.Path
        ``out``.

    Raises
    ------
    LiteBuildError
        If a step fails, a file does not match its checksum, or ``out`` is a folder this command did
        not make.
    """
    from kzsi_helpers.course import paths

    lessons = Path(notebooks).resolve() if notebooks else paths.notebooks_dir()
    course = lessons.parent
    if not (course / "pyproject.toml").is_file():
        raise LiteBuildError(f"{course}: not the course folder (no pyproject.toml beside notebooks/); "
                             "the browser edition builds the course's wheel from it")
    target = Path(out).resolve()
    if target.exists() and any(target.iterdir()) and not (target / _MARKER).is_file():
        raise LiteBuildError(f"{target} exists and is not a browser edition built by this command; "
                             "choose another --out or remove it")
    with build_folder(target, _MARKER, "built by python -m kzsi_helpers lite\n") as built, \
            tempfile.TemporaryDirectory(prefix=".lite-src-", dir=target.parent) as tmp:
        staging = Path(tmp)
        lite_dir = staging / "src"
        lite_dir.mkdir()
        files = _contents(lessons, staging)
        _pyodide_folder(lite_dir, course, Path(pyodide) if pyodide else None)
        _config(lite_dir)
        stamp = build_stamp(course / "data")
        _fix_times(staging, stamp)
        site = staging / "site"  # jupyter lite builds beside its sources, then the site moves in
        _jupyter_lite(lite_dir, files, site, stamp)
        _check_output(site)
        drop_legacy_fonts(site / "build")
        patch_run_all(site)
        keep_interface_languages(site / "api" / "translations")
        shutil.copyfile(lite_dir / "LICENSES-bundled.md", site / "LICENSES-bundled.md")
        for entry in sorted(site.iterdir()):
            entry.rename(built / entry.name)
        _fix_times(built, stamp)
    return target

def cli(args: argparse.Namespace) -> int:
    """Run ``python -m kzsi_helpers lite [--out DIR] [--notebooks DIR] [--pyodide PATH]``.

    Parameters
    ----------
    args : argparse.Namespace
        ``out``, ``notebooks`` and ``pyodide`` (each may be None).

    Returns
    -------
    int
        0 on success, 1 with a one-paragraph message if the build failed (nothing is replaced).
    """
    from kzsi_helpers.course import paths

    try:
        out = args.out if args.out is not None else paths.output_dir("lite")
        target = build_lite(out, args.notebooks, args.pyodide)
    except (LiteBuildError, BuildError, FileNotFoundError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"Browser edition written to {target} ({size / 1e6:.0f} MB). Serve it with:\n"
          f"  python -m kzsi_helpers serve {target}")
    return 0
