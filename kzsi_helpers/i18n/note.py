"""The note near the top of a translated lesson, in its own language, from the catalogue's header.

It says how the lesson was translated, who has checked it, and how to send a correction.

Examples
--------
>>> from kzsi_helpers.i18n.language import use_language
>>> with use_language("en"):
...     text = note_text("sl", "01-x.po", {"X-Translated-By": "the course's authors"})
>>> "No native-speaking teacher has reviewed it yet." in text
True
"""

from __future__ import annotations

from nbformat.v4 import new_markdown_cell

from kzsi_helpers.i18n.messages import _

__all__ = ["NOTE_TAG", "note_text", "note_cell"]

#: The tag of the note's cell (the build adds it; the tests find it by this tag).
NOTE_TAG = "kzsi-translation-note"


def note_text(language: str, po_name: str, fields: dict[str, str]) -> str:
    """Return the note in the current language, from a catalogue's header fields.

    Parameters
    ----------
    language : str
        The lesson's language code.
    po_name : str
        The catalogue's file name (``01-three-decades-of-diplomacy.po``).
    fields : dict
        The catalogue's header fields (``X-Translated-By``, ``X-Second-Reading``,
        ``X-Native-Review``).
    """
    how = fields.get("X-Translated-By") or _("the course's authors")
    parts = [_("**About this translation.** This lesson was translated from the English original "
               "by {how}.").format(how=how)]
    second = fields.get("X-Second-Reading", "")
    if second:
        parts.append(_("A second reader compared it with the English: {who}.").format(who=second))
    else:
        parts.append(_("No second reader has compared it with the English yet."))
    review = fields.get("X-Native-Review", "")
    if review:
        parts.append(_("A native-speaking teacher has reviewed it: {who}.").format(who=review))
    else:
        parts.append(_("No native-speaking teacher has reviewed it yet."))
    parts.append(_("Found a mistake? Correct it in `translations/{language}/{file}` or describe it in "
                   "an issue in the course's repository.").format(language=language, file=po_name))
    return " ".join(parts)


def note_cell(language: str, po_name: str, fields: dict[str, str]) -> object:
    """Return the note as a Markdown cell tagged ``kzsi-translation-note``."""
    cell = new_markdown_cell(note_text(language, po_name, fields), metadata={"tags": [NOTE_TAG]})
    cell["id"] = NOTE_TAG  # a fixed id: building twice gives the same file
    return cell
