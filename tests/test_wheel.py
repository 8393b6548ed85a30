"""The course as an installed wheel, not an editable checkout: data, maps and commands still work.

The wheel is built once (``pip wheel --no-build-isolation``, offline, as the browser edition builds
it) and unpacked into a folder that comes first on ``PYTHONPATH``, which is what ``pip install`` of
a pure wheel amounts to, so each case runs in a fresh Python that imports the wheel's
``kzsi_helpers``, from a folder outside the course (or inside it, for the lesson commands).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kzsi_helpers.lite import wheels

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    wheel = wheels.course_wheel(ROOT, work / "dist")
    target = work / "site-packages"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def _python(installed: Path, code: str, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KZSI_")}
    env["PYTHONPATH"] = str(installed)
    env["MPLBACKEND"] = "Agg"
    command = [sys.executable, "-c", code] if code else [sys.executable, *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=300, check=False)


def _rows(name: str) -> list[dict[str, str]]:
    with open(ROOT / "data" / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_load_and_a_map_work_from_another_folder(installed: Path, tmp_path: Path) -> None:
    code = (
        "import json, kzsi_helpers\n"
        "from kzsi_helpers import load, memorial_map\n"
        "from kzsi_helpers.maps.markers import marker_locations\n"
        "events = load('events')\n"
        "m = memorial_map(load('places'))\n"
        "print(json.dumps({'module': kzsi_helpers.__file__, 'events': len(events),\n"
        "                  'ids': sorted(events['id']), 'markers': len(marker_locations(m))}))\n"
    )
    result = _python(installed, code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(out["module"]).is_relative_to(installed)  # the wheel's copy, not the checkout
    events = _rows("events")
    assert out["events"] == len(events)
    assert out["ids"] == sorted(row["id"] for row in events)
    assert out["markers"] == len(_rows("places"))  # one marker per place given


def test_student_command_inside_the_course_folder(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "student"
    result = _python(installed, "", ROOT, "-m", "kzsi_helpers", "student", "--out", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    lessons = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert sorted(p.name for p in out.glob("*.ipynb")) == lessons


def test_site_command_pointed_at_the_course_from_elsewhere(installed: Path, tmp_path: Path) -> None:
    # a copy of the course (its data and two of its lessons, one with maps) that is not the
    # checkout the wheel was built from
    course = tmp_path / "course"
    shutil.copytree(ROOT / "data", course / "data")
    lessons = sorted(p for p in (ROOT / "notebooks").glob("0[04]-*.ipynb"))
    assert len(lessons) == 2
    (course / "notebooks").mkdir()
    for lesson in lessons:
        shutil.copy(lesson, course / "notebooks")
    out = tmp_path / "site"
    result = _python(installed, "", tmp_path, "-m", "kzsi_helpers", "site", "--out", str(out),
                     "--notebooks", str(course / "notebooks"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert sorted(p.stem for p in out.glob("[0-9][0-9]-*.html")) == [p.stem for p in lessons]
    assert (out / "index.html").is_file()
    assert "leaflet" in (out / f"{lessons[1].stem}.html").read_text(encoding="utf-8").lower()
