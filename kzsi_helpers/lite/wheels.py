"""The pure-Python wheels the browser edition adds to Pyodide: the course's own and its libraries'.

Pyodide has numpy, pandas and matplotlib (see :mod:`kzsi_helpers.lite.pyodide_dist`). The lessons
also import ``kzsi_helpers`` and, through it, folium and what folium needs. Those are pure Python:

- the course's own wheel is built from the course folder (``pip wheel``, with a fixed
  ``SOURCE_DATE_EPOCH`` so that two builds give the same bytes);
- folium, branca, Jinja2, requests, ... are the wheels PyPI publishes, at the versions installed on
  the building machine (so the browser runs what the desktop runs); ``pip download`` checks each
  against the sha256 that PyPI publishes;
- the xstatic wheels (Leaflet and jQuery for the maps) are copied without their source maps and
  unminified copies (:func:`trimmed_wheel`), about 1 MB that nothing reads;
- MarkupSafe has no pure wheel on PyPI (its binary Pyodide build is not to be had here), so its
  pure-Python code is packed into one from PyPI's source release; MarkupSafe runs without its
  optional C speed-ups.

Each wheel gets an entry in the site's ``pyodide-lock.json`` with its sha256 and the modules it
provides, so that ``import kzsi_helpers`` in a lesson loads it (and folium, pandas, ...) with no
install step, and the browser checks each file against that sha256 when it loads it.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata as metadata
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable
from email.parser import Parser
from pathlib import Path
from typing import Any

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from kzsi_helpers.lite.pyodide_dist import LiteBuildError, sha256_file

__all__ = ["PURE_PACKAGES", "BROWSER_ABSENT", "SOURCE_DATE_EPOCH", "XSTATIC_UNUSED", "babel_unused",
           "course_wheel",
           "pypi_wheels", "trimmed_wheel", "markupsafe_wheel", "lock_entry"]

#: Pure-Python distributions taken from PyPI, as installed here (folium's tree, xstatic, comm).
PURE_PACKAGES = ("folium", "branca", "jinja2", "xyzservices", "requests", "charset-normalizer",
                 "idna", "urllib3", "certifi", "xstatic-leaflet", "xstatic-jquery", "comm", "babel")
#: The course's requirements that have no browser build, and why the lessons do not need them there.
BROWSER_ABSENT = {
    "frictionless": "needs rpds-py; load() checks the data without it (see kzsi_helpers.data.tables)",
    "nbformat": "needs jsonschema and rpds-py; only the site and student commands use it",
    "nbconvert": "the site and handout commands only",
    "nbclient": "the execute command only",
}
#: Files of the xstatic wheels that the maps never read (:func:`kzsi_helpers.maps.offline.leaflet_files`
#: reads leaflet.js, leaflet.css, its images and jquery.min.js): source maps and unminified copies,
#: about 1 MB of the two wheels. The browser edition ships the wheels without them.
XSTATIC_UNUSED = re.compile(r"^xstatic/pkg/[a-z]+/data/(?:.*\.map|leaflet-src.*|jquery\.js|jquery\.slim.*)$"
                            r"|/__pycache__/")
#: 2024-01-01T00:00:00Z: the timestamp written into built wheels and the site's files.
SOURCE_DATE_EPOCH = 1704067200
#: Where the browser edition runs, for dependency markers.
_BROWSER_ENV = {"python_version": "3.12", "python_full_version": "3.12.7", "sys_platform": "emscripten",
                "platform_system": "Emscripten", "os_name": "posix", "implementation_name": "cpython",
                "platform_python_implementation": "CPython", "platform_machine": "wasm32",
                "extra": ""}


def _run(command: list[str], what: str, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                            errors="replace", check=False, env=env)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-4:]
        raise LiteBuildError(f"could not {what}: " + " | ".join(tail))


def course_wheel(course: Path, dest: Path) -> Path:
    """Build the course's own wheel (``kzsi_helpers`` with its packaged data) into ``dest``.

    Parameters
    ----------
    course : pathlib.Path
        The course folder (with ``pyproject.toml``).
    dest : pathlib.Path
        Where the wheel goes.

    Returns
    -------
    pathlib.Path
        The wheel.
    """
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(SOURCE_DATE_EPOCH))
    with tempfile.TemporaryDirectory() as tmp:
        _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
              "--wheel-dir", tmp, str(course)], "build the course's wheel", env)
        built = sorted(Path(tmp).glob("kzsi_helpers-*.whl"))
        if len(built) != 1:
            raise LiteBuildError(f"pip wheel left {len(built)} course wheels")
        dest.mkdir(parents=True, exist_ok=True)
        target = dest / built[0].name
        os.replace(built[0], target)
    return target


def pypi_wheels(dest: Path, names: tuple[str, ...] = PURE_PACKAGES) -> list[Path]:
    """Download PyPI's pure-Python wheels of ``names``, at the versions installed here.

    Parameters
    ----------
    dest : pathlib.Path
        Where the wheels go (a cache folder: wheels already there are not fetched again).
    names : tuple of str
        Distribution names.

    Returns
    -------
    list of pathlib.Path
        One wheel per name, in the order given.
    """
    dest.mkdir(parents=True, exist_ok=True)
    wanted = [f"{name}=={metadata.version(name)}" for name in names]
    missing = [w for w in wanted if not _find_wheel(dest, *w.split("=="))]
    if missing:
        _run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
              "--platform", "any", "--python-version", "3.12", "--implementation", "py",
              "--dest", str(dest), *missing], "download pure-Python wheels from PyPI")
    found = []
    for requirement in wanted:
        wheel = _find_wheel(dest, *requirement.split("=="))
        if wheel is None:
            raise LiteBuildError(f"no pure-Python wheel of {requirement} on PyPI")
        found.append(wheel)
    return found


def trimmed_wheel(wheel: Path, dest: Path, unused: re.Pattern[str] = XSTATIC_UNUSED) -> Path:
    r"""Copy a wheel into ``dest`` without the files whose names match ``unused``.

    Everything else is kept byte for byte, in the original order and with the original times; the
    wheel's RECORD loses the lines of the files left out. The copy keeps the wheel's name.

    Parameters
    ----------
    wheel : pathlib.Path
        A wheel (as PyPI publishes it; ``pip download`` checked its sha256).
    dest : pathlib.Path
        The folder for the copy (not the wheel's own folder).
    unused : re.Pattern
        Matched (``search``) against each file name in the wheel.

    Returns
    -------
    pathlib.Path
        The trimmed copy.

    Raises
    ------
    LiteBuildError
        If ``dest`` is the wheel's own folder, or nothing but metadata would be left.

    Examples
    --------
    >>> import tempfile, zipfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     src = Path(tmp) / "x-1-py3-none-any.whl"
    ...     with zipfile.ZipFile(src, "w") as z:
    ...         z.writestr("x/data/a.js", "a"); z.writestr("x/data/a.js.map", "m")
    ...         z.writestr("x-1.dist-info/RECORD", "x/data/a.js,,\nx/data/a.js.map,,\n")
    ...     out = trimmed_wheel(src, Path(tmp) / "out", re.compile(r"\.map$"))
    ...     with zipfile.ZipFile(out) as z:
    ...         z.namelist(), z.read("x-1.dist-info/RECORD")
    (['x/data/a.js', 'x-1.dist-info/RECORD'], b'x/data/a.js,,\n')
    """
    if dest.resolve() == wheel.parent.resolve():
        raise LiteBuildError(f"{wheel.name}: the trimmed copy must not replace the wheel itself")
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / wheel.name
    with zipfile.ZipFile(wheel) as source:
        items = [i for i in source.infolist() if not unused.search(i.filename)]
        dropped = {i.filename for i in source.infolist()} - {i.filename for i in items}
        if not any(".dist-info/" not in i.filename for i in items):
            raise LiteBuildError(f"{wheel.name}: trimming would leave only its metadata")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
            for item in items:
                data = source.read(item.filename)
                if item.filename.endswith(".dist-info/RECORD"):
                    lines = data.decode("utf-8").splitlines(keepends=True)
                    data = "".join(x for x in lines if x.split(",")[0] not in dropped).encode("utf-8")
                copy.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return target


def babel_unused(languages: Iterable[str]) -> re.Pattern[str]:
    """Match the CLDR files of Babel's wheel that the course's languages never read.

    Babel carries CLDR's data for about 1,150 locales (32 MB unpacked, 10 MB zipped); a language
    needs its own file and ``root`` (and ``global.dat``, which is not in ``locale-data``).

    Examples
    --------
    >>> pattern = babel_unused(["en", "sl"])
    >>> [bool(pattern.search(f"babel/locale-data/{n}.dat")) for n in ("sl", "root", "de", "sl_SI")]
    [False, False, True, True]
    """
    keep = "|".join(sorted({re.escape(code) for code in languages} | {"root"}))
    return re.compile(rf"^babel/locale-data/(?!(?:{keep})\.dat$)[^/]+\.dat$")


def _find_wheel(folder: Path, name: str, version: str) -> Path | None:
    stem = re.sub(r"[-_.]+", "_", name).lower()
    for wheel in sorted(folder.glob("*.whl")):
        parts = wheel.name.split("-")
        if re.sub(r"[-_.]+", "_", parts[0]).lower() == stem and parts[1] == version:
            return wheel
    return None


def markupsafe_wheel(dest: Path, cache: Path) -> Path:
    """Pack MarkupSafe's pure-Python code from PyPI's source release into a ``py3-none-any`` wheel.

    Parameters
    ----------
    dest : pathlib.Path
        Where the wheel goes.
    cache : pathlib.Path
        Where the source release is kept (fetched with ``pip download`` the first time).

    Returns
    -------
    pathlib.Path
        ``markupsafe-VERSION-py3-none-any.whl``, the same bytes on every build.
    """
    version = metadata.version("markupsafe")
    cache.mkdir(parents=True, exist_ok=True)
    sdists = sorted(cache.glob(f"[Mm]arkup[Ss]afe-{version}.tar.gz")) + sorted(
        cache.glob(f"markupsafe-{version}.tar.gz"))
    if not sdists:
        _run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary=:all:",
              "--dest", str(cache), f"markupsafe=={version}"], "download MarkupSafe's source")
        sdists = sorted(p for p in cache.glob("*.tar.gz") if p.name.lower().startswith("markupsafe-"))
    if not sdists:
        raise LiteBuildError(f"MarkupSafe {version}: no source release in {cache}")
    files: dict[str, bytes] = {}
    with tarfile.open(sdists[0]) as tar:
        for member in tar.getmembers():
            match = re.match(r"^[^/]+/src/(markupsafe/(?:[^/]+\.py|py\.typed))$", member.name)
            if match and member.isfile():
                reader = tar.extractfile(member)
                assert reader is not None
                files[match.group(1)] = reader.read()
            elif re.match(r"^[^/]+/PKG-INFO$", member.name):
                reader = tar.extractfile(member)
                assert reader is not None
                files["METADATA"] = reader.read()
    if "markupsafe/__init__.py" not in files or "METADATA" not in files:
        raise LiteBuildError(f"{sdists[0]}: not MarkupSafe's source release as expected")
    return _write_wheel(dest / f"markupsafe-{version}-py3-none-any.whl", "markupsafe", version, files)


def _write_wheel(target: Path, name: str, version: str, files: dict[str, bytes]) -> Path:
    info = f"{name}-{version}.dist-info"
    contents = {k: v for k, v in sorted(files.items()) if k != "METADATA"}
    contents[f"{info}/METADATA"] = files["METADATA"]
    contents[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: kzsi_helpers.lite\n"
                                 b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    contents[f"{info}/top_level.txt"] = f"{name}\n".encode()
    record = []
    for path, data in contents.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    contents[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = (2024, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in contents.items():
            item = zipfile.ZipInfo(path, stamp)
            item.external_attr = 0o644 << 16
            item.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(item, data)
    return target


def _wheel_metadata(wheel: Path) -> tuple[dict[str, Any], list[str]]:
    """Return (METADATA headers, top-level module names) of a wheel."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        message = Parser().parsestr(archive.read(meta_name).decode("utf-8"))
        top_name = next((n for n in names if n.endswith(".dist-info/top_level.txt")), None)
        if top_name:
            tops = archive.read(top_name).decode("utf-8").split()
        else:
            tops = sorted({n.split("/")[0].removesuffix(".py") for n in names
                           if not n.split("/")[0].endswith((".dist-info", ".data"))})
    return {"name": message["Name"], "version": message["Version"],
            "requires": message.get_all("Requires-Dist") or [],
            "license": _licence(message)}, [t.split("/")[0] for t in tops if t]


def _licence(message: Any) -> str:
    if message.get("License-Expression"):
        return str(message["License-Expression"])
    classifiers = [c.split("::")[-1].strip() for c in message.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return "; ".join(classifiers)
    text = str(message.get("License") or "").strip().splitlines()
    return text[0][:80] if text else "see the package"


def lock_entry(wheel: Path, known: set[str]) -> tuple[str, dict[str, Any], str]:
    """Describe a pure wheel as a Pyodide lock entry.

    Parameters
    ----------
    wheel : pathlib.Path
        The wheel.
    known : set of str
        Canonical names of every package the lock will hold (dependencies must be among them, or in
        :data:`BROWSER_ABSENT`).

    Returns
    -------
    tuple
        (lock key, entry, licence).

    Raises
    ------
    LiteBuildError
        If a dependency the browser needs is not shipped.
    """
    meta, imports = _wheel_metadata(wheel)
    key = canonicalize_name(meta["name"])
    depends = []
    for text in meta["requires"]:
        requirement = Requirement(text)
        if requirement.marker is not None and not Marker(str(requirement.marker)).evaluate(_BROWSER_ENV):
            continue
        name = canonicalize_name(requirement.name)
        if name in BROWSER_ABSENT:
            continue
        if name not in known:
            raise LiteBuildError(f"{wheel.name} needs {name!r}, which the browser edition does not ship")
        depends.append(name)
    entry = {"name": meta["name"], "version": meta["version"], "file_name": wheel.name,
             "install_dir": "site", "sha256": sha256_file(wheel), "package_type": "package",
             "imports": imports, "depends": sorted(set(depends)), "unvendored_tests": False,
             "shared_library": False}
    return key, entry, meta["license"]
