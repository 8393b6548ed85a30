"""Feedback speaks the current language: its label and a question's hint come from the catalogue."""

import pytest

import kzsi_helpers.i18n.messages as messages_module
from kzsi_helpers.exercises.checkers import equals
from kzsi_helpers.exercises.core import Feedback, Question
from kzsi_helpers.i18n.language import use_language
from kzsi_helpers.i18n.messages import N_

PO = '''msgid ""
msgstr ""
"Language: sl\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Hint"
msgstr "Namig"

msgid "Count the days from the first to the second."
msgstr "Preštej dneve od prvega do drugega."
'''


@pytest.fixture
def slovenian_catalogue(tmp_path, monkeypatch):
    """A two-entry Slovenian messages catalogue in place of the shipped one."""
    po = tmp_path / "messages.po"
    po.write_text(PO, encoding="utf-8")
    monkeypatch.setattr(messages_module, "catalog_path", lambda language, domain="messages": po)
    messages_module.messages.cache_clear()
    yield po
    messages_module.messages.cache_clear()


def _question():
    return Question("days", equals(2), [N_("Count the days from the first to the second.")],
                    "days = 2")


def test_label_and_hint_in_slovenian(slovenian_catalogue):
    with use_language("sl"):
        shown = _question().hint()
        assert repr(shown) == "Namig: Preštej dneve od prvega do drugega."
        assert "<strong style=\"color: #1a1a1a;\">Namig:</strong> Preštej dneve" in shown._repr_html_()
        # a sentence with no entry in the catalogue stays English
        assert repr(Feedback("correct", "Well done.")) == "Correct: Well done."
        # the label is not doubled when the message starts with it in Slovenian
        assert repr(Feedback("hint", "Namig: preštej dneve.")) == "Namig: Preštej dneve."


def test_english_unchanged(slovenian_catalogue):
    with use_language("en"):
        shown = _question().hint()
        assert repr(shown) == "Hint: Count the days from the first to the second."
        assert "<strong style=\"color: #1a1a1a;\">Hint:</strong> Count the days" in shown._repr_html_()
        assert repr(_question().check(2)) == "Correct: Well done.\nYour answer: 2"
