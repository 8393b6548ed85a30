"""The house: rooms by job, imports that flow one way, no cycles, no second doors, small modules.

``docs/maintainers.md`` describes the rooms; these tests hold the package to that description.
Imports are read from the source (``ast``), including those inside functions and the lazy ones
written as strings (``import_module("kzsi_helpers.x")``, the top package's export table), because a
cycle or a wrong-way import hidden in a function still ties two rooms together.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import kzsi_helpers

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kzsi_helpers"
MAINTAINERS = ROOT / "docs" / "maintainers.md"

# The rooms from the top down: a room may import only the rooms after it (and itself). The same
# order, with each room's job, is in docs/maintainers.md.
LAYERS = ["cli", "lite", "publish", "exercises", "trade", "maps", "charts", "data", "i18n", "course"]
# Entry points above every room: the package's lazy exports and ``python -m kzsi_helpers``.
ENTRY = {"kzsi_helpers", "kzsi_helpers.__main__"}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def resolve(target: str) -> str | None:
    """The package module a dotted import target lands in (``a.b.name`` -> ``a.b``)."""
    while target:
        if target in MODULES:
            return target
        target = target.rpartition(".")[0]
    return None


def imports_of(path: Path) -> set[str]:
    """Every package module that the file imports, anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            pytest.fail(f"{path.relative_to(ROOT)}: relative import; the house uses absolute imports")
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            targets = re.findall(r"^kzsi_helpers(?:\.\w+)+$", node.value)
        for target in targets:
            if target.split(".")[0] == "kzsi_helpers":
                module = resolve(target)
                if module and module != module_name(path):
                    found.add(module)
    return found


GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_the_rooms_are_the_ones_documented() -> None:
    rooms = {room(m) for m in MODULES if m not in ENTRY}
    assert rooms == set(LAYERS)
    text = MAINTAINERS.read_text(encoding="utf-8")
    for name in LAYERS[1:]:
        assert f"`kzsi_helpers/{name}/`" in text, f"docs/maintainers.md does not describe the room {name}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m not in ENTRY))
def test_a_room_imports_only_the_rooms_below_it(module: str) -> None:
    allowed = set(LAYERS[LAYERS.index(room(module)):])
    wrong = sorted(t for t in GRAPH[module] if t in ENTRY or room(t) not in allowed)
    assert not wrong, f"{module} imports {wrong}, above its room {room(module)!r} ({' > '.join(LAYERS)})"


def test_no_import_cycles() -> None:
    """Depth-first search over the module graph; a back edge is a cycle, reported as its path."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        stack.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[module] = 2
        return None

    for module in sorted(GRAPH):
        if module not in state and (cycle := visit(module)):
            pytest.fail("import cycle: " + " -> ".join(cycle))


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The graph is read right: the package imports its rooms, and a room's modules import each other."""
    assert "kzsi_helpers.data.tables" in GRAPH["kzsi_helpers"]  # a lazy export, written as a string
    assert "kzsi_helpers.data.schema" in GRAPH["kzsi_helpers.data.tables"]
    assert "kzsi_helpers.publish.site" in GRAPH["kzsi_helpers.cli"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_is_small(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by job (at most {MAX_LINES})"


def defined_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


# The two doors the lessons use on purpose: the package (lazy exports) and the exercises, whose
# lesson modules gather their questions (lesson05 takes q4 from lesson05_charts).
DOORS = {"kzsi_helpers.exercises", "kzsi_helpers.exercises.lesson05"}


@pytest.mark.parametrize("module", sorted(set(MODULES) - DOORS - ENTRY))
def test_one_door_per_name(module: str) -> None:
    """A module's public names (``__all__``) are defined in it, not re-exported from elsewhere."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    public: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            public = [e.value for e in node.value.elts]  # type: ignore[attr-defined]
    borrowed = sorted(set(public) - defined_names(tree))
    assert not borrowed, f"{module} re-exports {borrowed}; import them from where they are defined"
    has_code = defined_names(tree) - {"__all__"}
    docstring_only = len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr)
    assert has_code or docstring_only, f"{module} only imports and re-exports: remove it"


def test_every_name_a_lesson_imports_is_in_the_maintainers_table() -> None:
    """docs/maintainers.md gives each lesson-facing name with its module: one step to its room."""
    text = MAINTAINERS.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| `(kzsi_helpers(?:\.\w+)+)` \|", text, flags=re.M))
    exports = {name: module for name, module in kzsi_helpers._EXPORTS.items()}
    assert rows == exports
    for name, module in rows.items():
        assert name in defined_names(ast.parse(MODULES[module].read_text(encoding="utf-8"))), (name, module)
