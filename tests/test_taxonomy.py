"""The taxonomy table is the one place the type names are written (issue 16, item 1)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from eventwire import taxonomy

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventwire"
TYPE_NAMES = frozenset(taxonomy.NAMES) | frozenset(taxonomy.EVENT_TYPES)


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the string nodes that are docstrings (module, class, function)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def type_names_written(source: str) -> list[tuple[int, str]]:
    """(line, name) of every string constant in ``source`` that is a type name, docstrings aside."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in TYPE_NAMES
        and id(node) not in skip
    )


def test_taxonomy_has_25_sub_event_types_and_6_event_types() -> None:
    assert len(taxonomy.NAMES) == len(set(taxonomy.NAMES)) == 25
    assert len(set(taxonomy.EVENT_TYPES)) == 6
    assert {taxonomy.event_type(name) for name in taxonomy.NAMES} == set(taxonomy.EVENT_TYPES)


def test_taxonomy_scanner_sees_literals_but_not_docstrings() -> None:
    source = '"""Armed clash in a docstring."""\ndef f():\n    """Battles."""\n    return {"Armed clash": "Battles"}\n'
    assert type_names_written(source) == [(4, "Armed clash"), (4, "Battles")]


def test_taxonomy_names_are_written_only_in_the_table() -> None:
    files = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "taxonomy.py" or p.parent != PACKAGE)
    assert files, PACKAGE
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {name!r}"
        for path in files
        for line, name in type_names_written(path.read_text(encoding="utf-8"))
    ]
    assert not found, f"{len(found)} type names written outside taxonomy.py:\n" + "\n".join(found)


@pytest.mark.parametrize("name", taxonomy.NAMES)
def test_taxonomy_every_sub_event_type_has_an_event_and_disorder_type(name: str) -> None:
    assert taxonomy.event_type(name) in taxonomy.EVENT_TYPES
    assert taxonomy.disorder_type(name)
