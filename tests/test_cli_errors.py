"""One place in the command line turns any failure into a sentence and exit status 1 (issue 30)."""

from __future__ import annotations

import types

import pytest

from kzsi_helpers import cli


def fake_command(exc: BaseException):
    def run(args):
        raise exc
    return types.SimpleNamespace(cli=run)


@pytest.mark.parametrize(("exc", "said"), [
    (KeyError("year"), "error: KeyError: 'year' (an unexpected failure: please report it"),
    (PermissionError(13, "Permission denied", "data/trade_kz.csv"),
     "error: could not write data/trade_kz.csv: Permission denied"),
    (ValueError("data/places.csv, line 4, column 'lat': expected a number"),
     "error: data/places.csv, line 4, column 'lat': expected a number"),
])
def test_a_failure_ends_in_a_sentence_and_status_1(monkeypatch, capsys, exc, said) -> None:
    monkeypatch.setattr(cli, "import_module", lambda name: fake_command(exc))
    assert cli.main(["toc"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(said) and "Traceback" not in err
    assert "--debug toc" in err


def test_debug_shows_the_traceback(monkeypatch) -> None:
    monkeypatch.setattr(cli, "import_module", lambda name: fake_command(KeyError("year")))
    with pytest.raises(KeyError):
        cli.main(["--debug", "toc"])


def test_ctrl_c_stops_quietly(monkeypatch, capsys) -> None:
    monkeypatch.setattr(cli, "import_module", lambda name: fake_command(KeyboardInterrupt()))
    assert cli.main(["toc"]) == 130
    assert capsys.readouterr().err == "Stopped.\n"


def test_a_missing_course_folder_is_a_sentence(tmp_path, monkeypatch, capsys) -> None:
    """$KZSI_COURSE_DIR pointing at a missing folder: a sentence, not a traceback (execute, toc)."""
    monkeypatch.setenv("KZSI_COURSE_DIR", str(tmp_path / "no-such-course"))
    monkeypatch.chdir(tmp_path)
    for command in (["toc"], ["execute"], ["import-trade", "eurostat", str(tmp_path / "x.csv")]):
        status = cli.main(command)
        err = capsys.readouterr().err
        assert status == 1 and "Traceback" not in err and "no-such-course" in err, (command, err)
