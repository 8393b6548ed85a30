r"""Remember which table contents Frictionless has already validated, so it runs once per content.

A content key is the sha256 of the table's entry in ``datapackage.json`` (its schema, dialect, path,
...) and of the file's bytes, with a version of what is asked of Frictionless. Keys validated on this
machine are kept in ``validated.json`` in the user's cache folder (``$KZSI_CACHE_DIR``, else
``$XDG_CACHE_HOME/kzsi``, else ``~/.cache/kzsi``), written to a temporary file beside it and then
renamed; a cache that cannot be read or written is ignored (Frictionless then simply runs again).
A data folder may also carry a ``validated.json`` manifest, written when the course was packaged
(:func:`kzsi_helpers.data.tables.write_validated_manifest`): its keys are trusted the same way.

Examples
--------
>>> key = content_key({"name": "t", "path": "t.csv"}, b"a\n1\n")
>>> len(key), key == content_key({"path": "t.csv", "name": "t"}, b"a\n1\n")
(64, True)
>>> key == content_key({"name": "t", "path": "t.csv"}, b"a\n2\n")
False
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["MANIFEST", "content_key", "cache_dir", "is_validated", "remember", "write_json"]

#: The file name of the user cache and of a data folder's manifest.
MANIFEST = "validated.json"
#: Bump when what Frictionless is asked to check changes: every key then changes.
_VERSION = b"kzsi-frictionless-check-1"
_FORMAT = "kzsi-validated/1"
#: At most this many keys are kept in the user cache (the oldest are forgotten).
_KEEP = 2000
_known: dict[str, set[str]] = {}


def content_key(resource: dict[str, Any], raw: bytes) -> str:
    """Return the sha256 (hex) of a resource's descriptor entry and its file's bytes."""
    entry = json.dumps(resource, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(_VERSION + b"\0")
    digest.update(entry.encode("utf-8") + b"\0")
    digest.update(raw)
    return digest.hexdigest()


def cache_dir() -> Path:
    """Return the user's cache folder for kzsi (it may not exist yet)."""
    if os.environ.get("KZSI_CACHE_DIR"):
        return Path(os.environ["KZSI_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "kzsi"
    return Path.home() / ".cache" / "kzsi"


def _read_keys(path: Path) -> list[str]:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    keys = content.get("keys", []) if isinstance(content, dict) else []
    return [k for k in keys if isinstance(k, str)] if isinstance(keys, list) else []


def write_json(path: Path, content: dict[str, Any]) -> None:
    """Write JSON to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(content, out, indent=0, sort_keys=True)
            out.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def is_validated(key: str, folder: Path) -> bool:
    """Tell whether Frictionless validated this content here before, or when it was packaged."""
    user = str(cache_dir() / MANIFEST)
    if user not in _known:
        _known[user] = set(_read_keys(Path(user)))
    if key in _known[user]:
        return True
    return key in _read_keys(folder / MANIFEST)


def remember(key: str) -> None:
    """Record a validated key in the user cache; a cache that cannot be written is not an error."""
    path = cache_dir() / MANIFEST
    keys = [k for k in _read_keys(path) if k != key] + [key]
    _known.setdefault(str(path), set()).add(key)
    try:
        write_json(path, {"format": _FORMAT, "keys": keys[-_KEEP:]})
    except OSError:
        pass
