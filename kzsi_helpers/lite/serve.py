"""Serve a built folder over HTTP: JupyterLite does not run from ``file://``.

Browsers block the scripts of a page opened from a file (JupyterLite needs web workers and
``fetch``), so the browser edition needs a web server, even one on the teacher's own laptop. This is
the standard library's server with the right types for ``.wasm`` and ``.mjs`` files, on 127.0.0.1
unless told otherwise (``--host 0.0.0.0`` serves the classroom network).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import threading
import webbrowser
from pathlib import Path

__all__ = ["make_server", "cli"]

_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
          ".json": "application/json", ".whl": "application/octet-stream",
          ".ipynb": "application/json", ".webmanifest": "application/manifest+json"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve files inside the folder only: no link out of it, no folder listings."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **_TYPES}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base's name)
        """Keep the console quiet: a class of thirty makes thousands of requests."""

    def log_error(self, format: str, *args: object) -> None:  # noqa: A002 (the base's name)
        """Say each refused request in one line (the address, the answer)."""
        sys.stderr.write(f"serve: {self.address_string()} {format % args}\n")

    def translate_path(self, path: str) -> str:
        """Map a request to a file of the folder, or to a name that does not exist (a 404).

        A NUL byte, or a path that leaves the folder through a symbolic link, never reaches the
        file system's other folders.
        """
        if "\x00" in path or "%00" in path:
            return os.path.join(self.directory, "\x01missing")
        translated = super().translate_path(path)
        root = os.path.realpath(self.directory)
        real = os.path.realpath(translated)
        if real != root and not real.startswith(root + os.sep):
            return os.path.join(self.directory, "\x01missing")
        return translated

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """Refuse folder listings: the site's pages link every file they need."""
        self.send_error(404, "No such page")
        return None


def make_server(folder: str | os.PathLike[str], host: str = "127.0.0.1",
                port: int = 8000) -> http.server.ThreadingHTTPServer:
    """Make (but do not start) a threaded HTTP server for ``folder``.

    Parameters
    ----------
    folder : str or path-like
        The built site (``index.html`` at its top).
    host : str, optional
        The address to listen on (default: this computer only).
    port : int, optional
        The port; 0 picks a free one.

    Returns
    -------
    http.server.ThreadingHTTPServer
        Call ``serve_forever()`` to serve; ``server_address`` tells the port.

    Raises
    ------
    FileNotFoundError
        If ``folder`` has no ``index.html``.
    ValueError
        If ``port`` is not a port number.

    Examples
    --------
    >>> import tempfile, threading, urllib.request, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = pathlib.Path(tmp, "index.html").write_text("hello")
    ...     server = make_server(tmp, port=0)
    ...     thread = threading.Thread(target=server.serve_forever, daemon=True)
    ...     thread.start()
    ...     url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    ...     print(urllib.request.urlopen(url).read().decode())
    ...     server.shutdown(); server.server_close()
    hello
    """
    if not 0 <= port <= 65535:
        raise ValueError(f"port {port} is not a port number: use one from 1024 to 65535 (or 0 for "
                         "any free one)")
    root = Path(folder).resolve()
    if not (root / "index.html").is_file():
        raise FileNotFoundError(f"{root}: no index.html here; build the site first "
                                "(python -m kzsi_helpers lite)")
    handler = functools.partial(_Handler, directory=str(root))
    return http.server.ThreadingHTTPServer((host, port), handler)


def cli(args: argparse.Namespace) -> int:
    """Run ``python -m kzsi_helpers serve [DIR]`` until Ctrl+C.

    Parameters
    ----------
    args : argparse.Namespace
        ``folder``, ``host``, ``port`` and ``no_browser``.

    Returns
    -------
    int
        0 when stopped with Ctrl+C, 1 if the folder is not a built site or the port is taken.
    """
    try:
        server = make_server(args.folder, args.host, args.port)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    host, port = str(server.server_address[0]), int(server.server_address[1])
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    url = f"http://{shown}:{port}/"
    print(f"Serving {Path(args.folder).resolve()} at {url}  (Ctrl+C stops)")
    if host in ("0.0.0.0", ""):
        print("Students on the same network open http://THIS-COMPUTER'S-ADDRESS:" f"{port}/")
    if not args.no_browser:
        threading.Timer(0.5, webbrowser.open, [url]).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.server_close()
    return 0
