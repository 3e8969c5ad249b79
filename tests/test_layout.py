"""The package's folders are its stages, and imports only run forwards.

Every ``import`` in the package's source (at module top, inside functions and under
``TYPE_CHECKING``) is read with :mod:`ast`. A module may import the foundation, the stages
before its own and its own stage; the front doors (CLI, Python API, pipeline, watcher) may import
anything, and nothing imports them. No modules import each other in a loop, directly or
through others (imports under ``TYPE_CHECKING`` aside: they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventwire"

#: The pipeline's stages in the order a text goes through them; the folder of each is its name.
STAGES = ("ingest", "geo", "analysis", "extraction", "linking", "store", "output", "web", "engines")
#: Modules every stage may use: the records, the errors, the settings, the taxonomy table.
FOUNDATION = ("errors", "settings", "cache", "taxonomy", "records", "version", "tempfiles")
#: The ways in: they put the stages together and may import any of them.
FRONT = ("__init__", "api", "cli", "cli_model", "cli_store", "pipeline", "recode", "watch")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    """0 for the foundation, 1.. for the stages in order, one more for the front doors."""
    parts = module.split(".")
    if len(parts) == 1:
        return len(STAGES) + 1  # the package itself: its lazy API is a front door
    if parts[1] in FOUNDATION and len(parts) == 2:
        return 0
    if parts[1] in STAGES:
        return 1 + STAGES.index(parts[1])
    if parts[1] in FRONT and len(parts) == 2:
        return len(STAGES) + 1
    raise AssertionError(f"{module} is in no stage: put it in a stage's folder or name it in test_layout.py")


def _target(module: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The package's modules one import statement reads."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = module.split(".")
        if node.level:
            is_package = MODULES[module].name == "__init__.py"
            base = base[: len(base) - node.level + (1 if is_package else 0)]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module or ""
        names = [f"{source}.{a.name}" if f"{source}.{a.name}" in MODULES else source for a in node.names]
    found = []
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name.startswith("eventwire"):
            found.append(name)
    return found


def _type_only(tree: ast.Module) -> set[int]:
    """Line numbers of the imports under ``if TYPE_CHECKING:``."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(n.lineno for n in ast.walk(inner) if isinstance(n, ast.Import | ast.ImportFrom))
    return lines


def imports() -> dict[str, list[tuple[str, int, bool]]]:
    """For each module: (imported module, line, whether the import runs) of each import."""
    graph: dict[str, list[tuple[str, int, bool]]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = _type_only(tree)
        graph[module] = [(target, node.lineno, node.lineno not in typing_only)
                         for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
                         for target in _target(module, node) if target != module]
    return graph


GRAPH = imports()


def test_every_module_is_in_a_stage() -> None:
    for module in MODULES:
        layer(module)
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(STAGES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_forwards(module: str) -> None:
    own = layer(module)
    backward = [f"{module}:{line} imports {target}" for target, line, _ in GRAPH[module]
                if layer(target) > own or (layer(target) == own == 0 and target != module
                                           and target.split(".")[1] not in FOUNDATION)]
    assert not backward, "a stage imports a later one:\n" + "\n".join(backward)


def test_no_import_loop() -> None:
    running = {m: sorted({t for t, _, runs in edges if runs}) for m, edges in GRAPH.items()}
    loops: list[list[str]] = []
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in running[module]:
            if state.get(target) == 1:
                loops.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(running):
        if module not in state:
            visit(module)
    assert not loops, "modules import each other in a loop:\n" + "\n".join(" -> ".join(loop) for loop in loops)


def test_the_check_sees_a_backward_import(tmp_path: Path) -> None:
    """The checks can fail: an analysis module importing the store is caught."""
    tree = ast.parse("from eventwire.store.database import Store\n")
    node = tree.body[0]
    assert isinstance(node, ast.ImportFrom)
    assert _target("eventwire.analysis.dates", node) == ["eventwire.store.database"]
    assert layer("eventwire.store.database") > layer("eventwire.analysis.dates")


TESTS = Path(__file__).resolve().parent


def test_the_tests_mirror_the_stages() -> None:
    """The tests of a stage's modules live in the stage's folder of tests/ (``tests/extraction/``
    for ``eventwire/extraction/``); tests/ itself holds the tests of the front doors and of the
    package as a whole (quality gates, wheel, style, faults). A test folder is a stage, and every
    stage has its tests."""
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and any(p.glob("test_*.py"))}
    assert folders <= set(STAGES), f"test folders that are no stage: {sorted(folders - set(STAGES))}"
    assert set(STAGES) <= folders, f"stages without a test folder: {sorted(set(STAGES) - folders)}"
    flat = sorted(p.stem for p in TESTS.glob("test_*.py"))
    staged = {m.stem for stage in STAGES for m in (PACKAGE / stage).rglob("*.py")} - set(FRONT)
    stray = [name for name in flat if name.removeprefix("test_").split("_")[0] in STAGES
             or name.removeprefix("test_") in staged]
    assert not stray, f"tests of a stage outside its folder: {stray}"
