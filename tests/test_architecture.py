"""Tests that guard the architecture: the pure core's imports, and a docstring on every module."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = "khoi_thidua"
SRC = Path(__file__).resolve().parents[1] / "src" / PACKAGE

PURE_MODULES = (
    "model",
    "rotation",
    "fields",
    "bloc_schema",
    "results_schema",
    "plan",
    "plan_schema",
)
FORBIDDEN_LIBRARIES = {"typer", "click", "rich", "tomlkit", "filelock"}
FORBIDDEN_PACKAGES = (f"{PACKAGE}.store", f"{PACKAGE}.cli", f"{PACKAGE}.render")
# Reading the clock makes an answer depend on the day it is asked.
CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic", "localtime", "gmtime"}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


ALL_FILES = sorted(SRC.rglob("*.py"))
MODULE_FILES = {module_name(path): path for path in ALL_FILES}


def pure_modules() -> list[str]:
    names = [f"{PACKAGE}.{name}" for name in PURE_MODULES]
    names += [name for name in MODULE_FILES if name.startswith(f"{PACKAGE}.awards")]
    return sorted(names)


@cache
def tree_of(module: str) -> ast.Module:
    return ast.parse(MODULE_FILES[module].read_text(encoding="utf-8"))


def imported_names(module: str) -> set[str]:
    """Every module ``module`` imports, anywhere in its body, as absolute dotted names."""
    path = MODULE_FILES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree_of(module)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join([*base, node.module] if node.module else base)
            else:
                prefix = node.module or ""
            names.add(prefix)
            # `from khoi_thidua import store` imports the module khoi_thidua.store
            names.update(
                f"{prefix}.{alias.name}"
                for alias in node.names
                if f"{prefix}.{alias.name}" in MODULE_FILES
            )
    return names


def closure(module: str) -> dict[str, str]:
    """Every name imported by ``module`` or by the project modules it imports, with the importer."""
    seen: dict[str, str] = {}
    todo = [module]
    visited: set[str] = set()
    while todo:
        current = todo.pop()
        if current in visited:
            continue
        visited.add(current)
        for name in imported_names(current):
            seen.setdefault(name, current)
            if name in MODULE_FILES:
                todo.append(name)
    return seen


def test_the_pure_modules_exist() -> None:
    """Every module named as pure core is in the source tree, so the checks below cover it."""
    for name in PURE_MODULES:
        assert f"{PACKAGE}.{name}" in MODULE_FILES


@pytest.mark.parametrize("module", pure_modules())
def test_pure_core_imports_no_io_or_ui_library(module: str) -> None:
    """A pure module, and what it imports from the project, never imports UI or file libraries."""
    for name, importer in closure(module).items():
        top = name.split(".")[0]
        assert top not in FORBIDDEN_LIBRARIES, f"{importer} imports {name}"


@pytest.mark.parametrize("module", pure_modules())
def test_pure_core_does_not_reach_the_store_cli_or_render(module: str) -> None:
    """A pure module never depends on the store, the CLI or the renderers, even indirectly."""
    for name, importer in closure(module).items():
        assert not name.startswith(FORBIDDEN_PACKAGES), f"{importer} imports {name}"


@pytest.mark.parametrize("module", pure_modules())
def test_pure_core_does_not_read_the_clock(module: str) -> None:
    """A pure module never calls now(), today() or time(): the year is always an argument."""
    for node in ast.walk(tree_of(module)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            assert node.func.attr not in CLOCK_CALLS, (
                f"{module}:{node.lineno} calls .{node.func.attr}()"
            )


def test_import_checker_sees_imports() -> None:
    """The import parser finds absolute, relative and in-function imports of a known module."""
    names = imported_names(f"{PACKAGE}.cli.boundary")
    assert "typer" in names
    assert f"{PACKAGE}.errors" in names
    assert f"{PACKAGE}.render.problems" in names  # imported inside a function
    assert any(n.startswith("typer") for n in closure(f"{PACKAGE}.cli")), "closure follows"


@pytest.mark.parametrize("path", ALL_FILES, ids=[str(p.relative_to(SRC.parent)) for p in ALL_FILES])
def test_every_module_has_a_docstring(path: Path) -> None:
    """Every module in src opens with a docstring whose first line says its job."""
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert docstring, f"{path.name} has no module docstring"
    assert docstring.splitlines()[0].strip()
