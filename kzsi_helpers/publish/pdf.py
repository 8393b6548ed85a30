"""Print an HTML page to PDF with a locally installed Chromium (headless, offline, reproducible).

No TeX and no browser download: the Chromium that a Debian or Ubuntu machine has from its packages
(``apt-get install chromium``), or the one named by ``$KZSI_CHROMIUM``. The page sets its own paper
size, margins and footer (CSS ``@page`` rules); Chromium's own header and footer are switched off.

Chromium's output is read as bytes and decoded as UTF-8 with ``errors="replace"``, never with the
locale's encoding: under ``LC_ALL=C`` or a Windows code page, a message that quotes a path with
``č``, ``š`` or ``ž`` must not turn into a ``UnicodeDecodeError``.

Examples
--------
>>> page_count(b"%PDF-1.4 /Type /Pages /Type /Page /Type /Page")
2
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["find_chromium", "html_to_pdf", "page_count", "decode_output"]

_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9]{14}[^)]*\)")
_PDF_NODE_ID = re.compile(rb"\(node([0-9]{8})\)")
_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def decode_output(data: bytes | None) -> str:
    r"""Decode what a subprocess printed: UTF-8, undecodable bytes shown as U+FFFD.

    Parameters
    ----------
    data : bytes or None
        The captured stdout or stderr.

    Returns
    -------
    str

    Examples
    --------
    >>> decode_output("Šolski čas".encode("utf-8") + b"\xff")
    'Šolski čas\ufffd'
    >>> decode_output(None)
    ''
    """
    return (data or b"").decode("utf-8", errors="replace")


def find_chromium() -> str | None:
    """Find a Chromium (or Chrome) to print HTML to PDF: ``KZSI_CHROMIUM``, else on the ``PATH``.

    Returns
    -------
    str or None
        The executable, or None if there is none.

    Examples
    --------
    >>> find_chromium() is None or Path(find_chromium()).exists()
    True
    """
    candidates = [os.environ.get("KZSI_CHROMIUM", "")]
    candidates += [shutil.which(name) or "" for name in
                   ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def page_count(data: bytes) -> int:
    """Count the pages of a PDF that Chromium printed (its page objects).

    Parameters
    ----------
    data : bytes
        The PDF file's content.

    Returns
    -------
    int

    Examples
    --------
    >>> page_count(b"/Type /Pages /Kids [3 0 R] /Type /Page")
    1
    """
    return len(_PDF_PAGE.findall(data))


def _fixed_date(match: re.Match[bytes]) -> bytes:
    # same length as the original, so the PDF's cross-reference offsets stay valid
    original = match.group(0)
    fixed = b"/" + match.group(1) + b" (D:19800101000000"
    return fixed + b" " * (len(original) - len(fixed) - 1) + b")"


def _reproducible_pdf(data: bytes) -> bytes:
    """Fix what varies between two prints of the same page, keeping every byte offset.

    Chromium stamps the time, and numbers the structure elements of a tagged (accessible) PDF
    after DOM node ids that can shift by one between runs; they are renumbered in order of first
    appearance, with the same width, so references between them stay consistent.

    >>> _reproducible_pdf(b"/CreationDate (D:20260101120000+00'00') (node00000042)")
    b'/CreationDate (D:19800101000000       ) (node00000001)'
    """
    data = _PDF_DATE.sub(_fixed_date, data)
    numbers: dict[bytes, bytes] = {}

    def renumber(match: re.Match[bytes]) -> bytes:
        new = numbers.setdefault(match.group(1), b"%08d" % (len(numbers) + 1))
        return b"(node" + new + b")"

    return _PDF_NODE_ID.sub(renumber, data)


def html_to_pdf(html_path: str | Path, pdf_path: str | Path, chromium: str | None = None,
                timeout: int = 120) -> Path:
    """Print an HTML file to PDF with a locally installed Chromium (headless, offline).

    The PDF's dates and structure ids are normalised, so the same page gives the same file. The
    PDF is written beside its final name and renamed into place only when complete.

    Parameters
    ----------
    html_path : str or path
        The page to print (local file).
    pdf_path : str or path
        Where to write the PDF.
    chromium : str, optional
        The browser executable (default: :func:`find_chromium`).
    timeout : int, optional
        Seconds to wait for the browser.

    Returns
    -------
    pathlib.Path
        The PDF written.

    Raises
    ------
    RuntimeError
        If no Chromium is found or printing fails (the message quotes Chromium's last words).

    Examples
    --------
    >>> html_to_pdf("no-such-page.html", "out.pdf", chromium="/no/such/chromium")
    Traceback (most recent call last):
    ...
    RuntimeError: Chromium could not be started (/no/such/chromium): FileNotFoundError
    """
    browser = chromium or find_chromium()
    if browser is None:
        raise RuntimeError("No Chromium found: install it (e.g. apt-get install chromium) or set "
                           "KZSI_CHROMIUM to its path.")
    html_path = Path(html_path).resolve()
    pdf_path = Path(pdf_path).resolve()
    partial = pdf_path.with_name(f".{pdf_path.name}.part")
    with tempfile.TemporaryDirectory(prefix="kzsi-chromium-") as profile:
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-extensions", "--no-pdf-header-footer",
            f"--user-data-dir={profile}", f"--print-to-pdf={partial}", html_path.as_uri(),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except OSError as exc:
            raise RuntimeError(f"Chromium could not be started ({browser}): "
                               f"{type(exc).__name__}") from exc
        except subprocess.TimeoutExpired as exc:
            partial.unlink(missing_ok=True)
            raise RuntimeError(f"Chromium did not print {html_path.name} within {timeout} s") from exc
    try:
        if result.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
            raise RuntimeError(f"Chromium could not print {html_path.name} to PDF "
                               f"(exit {result.returncode}): "
                               f"{decode_output(result.stderr).strip()[-500:]}")
        partial.write_bytes(_reproducible_pdf(partial.read_bytes()))
        os.replace(partial, pdf_path)
    finally:
        partial.unlink(missing_ok=True)
    return pdf_path
