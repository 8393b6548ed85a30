"""``site --lite ADDRESS`` puts ADDRESS on every lesson page: only http, https or relative ones."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kzsi_helpers.publish.pages import SiteError
from kzsi_helpers.publish.site import cli, lite_lesson_urls

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("address", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x",
                                     "file:///etc/passwd", "java\tscript:alert(1)", "vbscript:x"])
def test_other_kinds_of_address_are_refused(address: str) -> None:
    with pytest.raises(SiteError, match=r"give the browser edition's address as http://"):
        lite_lesson_urls(address, ["01-a"])


@pytest.mark.parametrize(("address", "expected"), [
    ("../lite", "../lite/lab/index.html?path=teacher/01-a.ipynb"),
    ("https://school.example/lite/", "https://school.example/lite/lab/index.html?path=teacher/01-a.ipynb"),
    ("HTTP://school.example/lite", "HTTP://school.example/lite/lab/index.html?path=teacher/01-a.ipynb"),
])
def test_relative_and_web_addresses_are_used(address: str, expected: str) -> None:
    assert lite_lesson_urls(address, ["01-a"]) == {"01-a": expected}


def test_the_command_refuses_it_before_building_anything(tmp_path: Path, capsys) -> None:
    args = argparse.Namespace(out=tmp_path / "site", notebooks=ROOT / "notebooks", student=False,
                              lite="javascript:alert(document.cookie)")
    assert cli(args) == 1
    err = capsys.readouterr().err
    assert "--lite 'javascript:alert(document.cookie)'" in err and "Traceback" not in err
    assert not (tmp_path / "site").exists()
