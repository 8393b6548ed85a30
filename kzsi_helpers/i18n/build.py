"""The commands ``translate`` (update a language's catalogues) and ``execute --lang`` (build, run).

``python -m kzsi_helpers translate [--lang sl]`` reads the English lessons, the data tables and the
helper package, and brings every catalogue of the language up to date: new pieces are added
untranslated, changed ones keep their old translation marked fuzzy, removed ones become obsolete.
It prints, per catalogue, how many entries are new, changed (fuzzy) and untranslated.

``python -m kzsi_helpers execute --lang sl`` checks every catalogue (a broken file or a translation
that loses a number, a code span, a link, a source id, a placeholder or a heading stops it, naming
the file and line, before anything is written), writes the translated lessons to
``notebooks/sl/`` and runs them there.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from kzsi_helpers.course import paths, toc
from kzsi_helpers.course.execute import DEFAULT_TIMEOUT, LessonFailed, execute_notebook
from kzsi_helpers.course.folders import write_notebook
from kzsi_helpers.course.lessons import START_HERE, lesson_paths
from kzsi_helpers.i18n.catalog import (
    CatalogError,
    catalog_fields,
    is_translated,
    new_catalog,
    read_catalog,
    write_catalog,
)
from kzsi_helpers.i18n.datatext import TEXT_COLUMNS, data_template
from kzsi_helpers.i18n.formats import format_number
from kzsi_helpers.i18n.invariants import differences
from kzsi_helpers.i18n.language import TRANSLATED, check_language, use_language
from kzsi_helpers.i18n.lessons import heading_anchors, lesson_template, rewrite_anchors, translate_notebook
from kzsi_helpers.i18n.messages import _, catalog_path, messages
from kzsi_helpers.i18n.note import note_cell

__all__ = ["Count", "translations_dir", "lesson_catalog_path", "package_template",
           "update_catalog", "update_language", "catalog_problems", "build_lessons", "language_folder"]

PACKAGE = Path(__file__).resolve().parents[1]


@dataclass
class Count:
    """What one catalogue holds after an update."""

    path: Path
    entries: int
    new: int
    fuzzy: int
    untranslated: int
    obsolete: int

    def line(self) -> str:
        """One line for the terminal."""
        return (f"{_show(self.path)}: {self.entries} entries, {self.new} new, {self.fuzzy} changed "
                f"(fuzzy), {self.untranslated} untranslated, {self.obsolete} obsolete")


def _show(path: Path) -> str:
    root = paths.course_root()
    try:
        return str(path.resolve().relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


def translations_dir(language: str) -> Path:
    """Return the folder of a language's lesson catalogues (``translations/<lang>/``)."""
    root = paths.course_root()
    if root is None:
        raise FileNotFoundError("no course folder found (run this inside the course's folder)")
    return root / "translations" / check_language(language)


def lesson_catalog_path(language: str, lesson: Path) -> Path:
    """Return the catalogue of one lesson (``translations/sl/01-three-decades-of-diplomacy.po``)."""
    return translations_dir(language) / f"{lesson.stem}.po"


def language_folder(language: str, notebooks: Path | None = None) -> Path:
    """Return the folder of a language's lessons (``notebooks/sl/``)."""
    return (notebooks or paths.notebooks_dir()) / check_language(language)


def package_template(language: str) -> Catalog:
    """Return the template of the helper package's words (everything inside ``_()`` or ``N_()``)."""
    catalog = new_catalog(language)
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python"), ("**/templates/**.j2", "jinja2")],
                             keywords={"_": None, "N_": None, "gettext": None},
                             comment_tags=("Translators:",), strip_comment_tags=True)
    for filename, _lineno, message, comments, context in sorted(found, key=lambda f: f[0]):
        if isinstance(message, str) and message:
            catalog.add(message, "", locations=[(f"kzsi_helpers/{filename}", None)],  # type: ignore[list-item]
                        auto_comments=comments, context=context)
    return catalog


def _data_tables() -> dict[str, list[dict[str, str]]]:
    folder = paths.data_dir()
    tables = {}
    for table in TEXT_COLUMNS:
        with open(folder / f"{table}.csv", encoding="utf-8", newline="") as handle:
            tables[table] = list(csv.DictReader(handle))
    return tables


def update_catalog(template: Catalog, path: Path, language: str) -> Count:
    """Bring one catalogue up to date with its template, and write it."""
    if path.is_file():
        catalog = read_catalog(path, language)
        before = {(m.id, m.context) for m in catalog if m.id}
        catalog.update(template, update_header_comment=False)
    else:
        catalog, before = template, set()
    write_catalog(catalog, path)
    entries = [m for m in catalog if m.id]
    return Count(path, len(entries), sum((m.id, m.context) not in before for m in entries),
                 sum(bool(m.fuzzy) for m in entries), sum(not m.string for m in entries),
                 len(catalog.obsolete))


def update_language(language: str) -> list[Count]:
    """Update every catalogue of a language: each lesson's, the data's and the package's words."""
    import pandas as pd

    counts = []
    for lesson in lesson_paths(paths.notebooks_dir()):
        template = lesson_template(nbformat.read(lesson, as_version=4), lesson.name, language)
        counts.append(update_catalog(template, lesson_catalog_path(language, lesson), language))
    tables = {name: pd.DataFrame(rows) for name, rows in _data_tables().items()}
    counts.append(update_catalog(data_template(tables, language), catalog_path(language, "data"),
                                 language))
    counts.append(update_catalog(package_template(language), catalog_path(language), language))
    messages.cache_clear()
    return counts


def catalog_problems(path: Path, language: str) -> list[str]:
    """List every translated entry of a catalogue that breaks a rule (``file:line: what``)."""
    catalog = read_catalog(path, language)
    return [f"{_show(path)}:{m.lineno}: {problem}" for m in catalog
            if m.id and is_translated(m) for problem in differences(str(m.id), str(m.string))]


def build_lessons(language: str, notebooks: Path | None = None) -> tuple[list[Path], int, int]:
    """Write a language's lessons from the catalogues; return (paths, pieces missing, pieces).

    Raises
    ------
    CatalogError
        Listing every broken file, rule broken (file and line) or lost heading; nothing is written.
    """
    check_language(language)
    notebooks = notebooks or paths.notebooks_dir()
    problems: list[str] = []
    for domain in ("data", "messages"):
        if catalog_path(language, domain).is_file():
            problems += catalog_problems(catalog_path(language, domain), language)
    english, translated, missing, total = {}, {}, 0, 0
    for lesson in lesson_paths(notebooks):
        po = lesson_catalog_path(language, lesson)
        catalog = read_catalog(po, language) if po.is_file() else new_catalog(language)
        nb = nbformat.read(lesson, as_version=4)
        result = translate_notebook(nb, catalog, lesson.name, _show(po))
        problems += result.problems
        missing, total = missing + result.missing, total + result.total
        english[lesson.name], translated[lesson.name] = nb, (result.notebook, po)
    anchors = {}
    for name, nb in english.items():
        before, after = heading_anchors(nb), heading_anchors(translated[name][0])
        if len(before) != len(after):
            problems.append(f"{_show(translated[name][1])}: the English lesson has {len(before)} "
                            f"headings, the translation {len(after)}: a heading was lost or added")
        anchors[name] = dict(zip(before, after, strict=False))
    if problems:
        raise CatalogError("the translation breaks these rules; nothing was built:\n  "
                           + "\n  ".join(problems))
    messages.cache_clear()
    out, written = language_folder(language, notebooks), []
    out.mkdir(parents=True, exist_ok=True)
    for name, (nb, po) in translated.items():
        rewrite_anchors(nb, anchors, name)
        with use_language(language):
            nb.cells.insert(1, note_cell(language, po.name, catalog_fields(po)))
        nb.metadata["kzsi"] = {"language": language, "source": f"../{name}"}
        written.append(write_notebook(nb, out / name))
    # lesson 00's table of lessons is generated from the translated lessons themselves
    start = out / START_HERE
    nb = nbformat.read(start, as_version=4) if start.is_file() else None
    marked = [c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith(toc.BEGIN)] \
        if nb is not None else []
    if marked:
        with use_language(language):
            marked[0].source = _localized_table(toc.lessons_table(out))
        write_notebook(nb, start)
    return written, missing, total


def _localized_table(table: str) -> str:
    """Put the fixed words of lesson 00's generated table into the current language."""
    table = table.replace("| No. | Lesson | Time to learn | After it you can |",
                          _("| No. | Lesson | Time to learn | After it you can |"))
    table = re.sub(r"\| (\d+) minutes \|", lambda m: "| " + _("{n} minutes").format(n=m.group(1)) + " |",
                   table)

    def total(match: re.Match[str]) -> str:
        return _("**Total**: {count} lessons, {minutes} minutes (about {hours} hours) plus this "
                 "introduction.").format(count=match.group(1), minutes=match.group(2),
                                         hours=format_number(float(match.group(3)), 1))

    return re.sub(r"\*\*Total\*\*: (\d+) lessons?, (\d+) minutes \(about ([\d.]+) hours\) plus this "
                  r"introduction\.", total, table)


def cli_translate(args) -> int:
    """Entry point of ``python -m kzsi_helpers translate [--lang CODE]``."""
    languages = [args.lang] if getattr(args, "lang", None) else list(TRANSLATED)
    for language in languages:
        for count in update_language(language):
            print(count.line())
    return 0


def cli_execute(args) -> int:
    """Entry point of ``python -m kzsi_helpers execute --lang CODE``: build, then run the lessons."""
    language = args.lang
    written, missing, total = build_lessons(language)
    share = f"{total - missing} of {total} pieces translated"
    print(f"{language}: {len(written)} lessons written to {_show(language_folder(language))}; {share}"
          + (f"; {missing} stay English until translated" if missing else ""))
    timeout = args.timeout or DEFAULT_TIMEOUT
    order = [p for p in written if p.name != START_HERE] + [p for p in written if p.name == START_HERE]
    chosen = {Path(p).name for p in args.paths}
    failed = []
    for path in order:
        if chosen and path.name not in chosen:
            continue
        print(f"executing {_show(path)} ...", flush=True)
        try:
            execute_notebook(path, timeout=timeout)
        except LessonFailed as exc:
            print(f"error: {exc}", file=sys.stderr, flush=True)
            failed.append(path.name)
    if failed:
        print(f"{len(failed)} lessons failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0

