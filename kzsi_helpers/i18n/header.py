"""A catalogue's header: who translated it, who read it again, and whether a teacher reviewed it.

Babel keeps only the standard header fields and stamps the time, so the course writes its own
header (the same bytes on every run) and reads these fields itself:

- ``X-Translated-By``: how the translation was made, and by whom;
- ``X-Second-Reading``: who read it once more against the English, and when (empty: nobody yet);
- ``X-Native-Review``: the native-speaking teacher who reviewed it, and when (empty: not yet).

Examples
--------
>>> text = header_text("sl", {"X-Native-Review": ""})
>>> read_header(text)["Language"]
'sl'
"""

from __future__ import annotations

import re

__all__ = ["FIELDS", "header_text", "read_header", "DEFAULTS"]

#: The course's own header fields, in order.
FIELDS = ("X-Translated-By", "X-Second-Reading", "X-Native-Review")
#: What a new catalogue says in them.
DEFAULTS = {"X-Translated-By": "", "X-Second-Reading": "", "X-Native-Review": ""}

_FIELD = re.compile(r'^"([A-Za-z-]+): (.*)\\n"$')


def header_text(language: str, fields: dict[str, str], title: str = "kzsi") -> str:
    """Return the PO header for ``language`` with the course's fields (no date, so it never churns).

    Examples
    --------
    >>> 'Language: sl' in header_text("sl", {})
    True
    """
    lines = [f"# {title}: translation into {language}. English is the source; edit the msgstr lines.",
             "# A changed English paragraph turns its entry fuzzy: check it, then remove the fuzzy flag.",
             'msgid ""', 'msgstr ""',
             '"Project-Id-Version: kzsi\\n"', f'"Language: {language}\\n"',
             '"MIME-Version: 1.0\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"',
             '"Content-Transfer-Encoding: 8bit\\n"']
    for name in FIELDS:
        value = " ".join(str(fields.get(name, DEFAULTS[name])).split()).replace('"', "'")
        lines.append(f'"{name}: {value}\\n"')
    return "\n".join(lines) + "\n"


def read_header(text: str) -> dict[str, str]:
    """Read the fields of a PO file's header (the first entry) from its text.

    Examples
    --------
    >>> read_header('msgid ""\\nmsgstr ""\\n"X-Native-Review: A. Teacher, 2027\\\\n"\\n')
    {'X-Native-Review': 'A. Teacher, 2027'}
    """
    fields: dict[str, str] = {}
    for line in text.split("\n\n", 1)[0].splitlines():
        match = _FIELD.match(line.strip())
        if match:
            fields[match.group(1)] = match.group(2).strip()
    return fields
