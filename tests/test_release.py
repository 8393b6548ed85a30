"""One version everywhere: the package, CITATION.cff, CHANGELOG.md, the site, the handouts, the wheel.

The version and the date are written once, in ``kzsi_helpers/course/release.py``. Expected values
here are read from the files themselves (the citation's YAML, the changelog's headings, the built
wheel's name), never from the code that writes them.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

import kzsi_helpers
from kzsi_helpers.course import release
from kzsi_helpers.course.lessons import lesson_paths
from kzsi_helpers.lite import wheels
from kzsi_helpers.publish import pages
from kzsi_helpers.publish.handouts import handout_html

ROOT = Path(__file__).resolve().parent.parent
# The Citation File Format's own schema for 1.2.0 (CC BY 4.0, from the format's repository at its
# tag 1.2.0; see tests/fixtures/README.md).
CFF_SCHEMA = ROOT / "tests" / "fixtures" / "cff-1.2.0.schema.json"


@pytest.fixture(scope="module")
def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_is_valid_citation_file_format_1_2(citation: dict) -> None:
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(citation)


def test_the_schema_check_rejects_a_broken_citation(citation: dict) -> None:
    """The validation above would fail on a citation without authors or with a date in words."""
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    assert not validator.is_valid({k: v for k, v in citation.items() if k != "authors"})
    assert not validator.is_valid(dict(citation, **{"date-released": "7 December 2026"}))


def test_citation_names_the_course_its_licences_version_and_date(citation: dict) -> None:
    assert "Kazakhstan and Slovenia since 1992" in citation["title"]
    assert citation["authors"] == [{"name": "kzsi contributors"}]
    assert sorted(citation["license"]) == ["CC-BY-4.0", "MIT"]  # as LICENSE and LICENSE-CONTENT.md say
    assert str(citation["version"]) == release.VERSION == kzsi_helpers.__version__
    assert citation["date-released"] == release.RELEASE_DATE
    datetime.date.fromisoformat(release.RELEASE_DATE)


def test_the_changelog_starts_with_this_release() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "[Keep a Changelog](https://keepachangelog.com/" in text
    headings = re.findall(r"^## \[([^\]]+)\](?: - (\S+))?$", text, flags=re.M)
    assert headings[0] == ("Unreleased", "")
    assert headings[1] == (release.VERSION, release.RELEASE_DATE)


def test_pyproject_takes_the_version_from_the_release_module() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # tomllib needs Python 3.11
    project = text.split("\n[project]\n")[1].split("\n[")[0]
    assert re.search(r'^dynamic = \["version"\]$', project, flags=re.M)
    assert not re.search(r"^version = ", project, flags=re.M), "a second version in pyproject.toml"
    assert 'version = { attr = "kzsi_helpers.course.release.VERSION" }' in text


def test_the_built_wheel_carries_the_version(tmp_path: Path) -> None:
    wheel = wheels.course_wheel(ROOT, tmp_path)
    assert wheel.name.startswith(f"kzsi_helpers-{release.VERSION}-")


def test_the_handouts_show_the_version() -> None:
    from nbformat.v4 import new_markdown_cell, new_notebook

    page = handout_html(new_notebook(cells=[new_markdown_cell("# A lesson")]), "A lesson")
    assert f"version {release.VERSION}" in page


def test_the_sites_footer_shows_the_version_and_date(real_site: Path) -> None:
    day = datetime.date.fromisoformat(release.RELEASE_DATE)
    expected = f"Version {release.VERSION}, {day.day} {day:%B} {day.year}."
    for page in ("index.html", pages.page_name(lesson_paths()[1])):
        footer = (real_site / page).read_text(encoding="utf-8").split('<footer class="kzsi-footer">')[1]
        assert expected in footer.split("</footer>")[0], page
