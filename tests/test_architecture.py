"""Tests that guard the architecture: layers, commands apart, no cycles, pure core, docstrings."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

PACKAGE = "khoi_thidua"
SRC = Path(__file__).resolve().parents[1] / "src" / PACKAGE

PURE_MODULES = (
    "model",
    "results_model",
    "rotation",
    "plan",
)
FORBIDDEN_LIBRARIES = {"typer", "click", "rich", "tomlkit", "filelock"}
FORBIDDEN_PACKAGES = (f"{PACKAGE}.store", f"{PACKAGE}.cli", f"{PACKAGE}.render")
# The layers, lowest first: a module imports only from its own layer or lower ones (anywhere in
# its body, in-function imports too). Entries are the first name under khoi_thidua, or a module
# of a package ("schema.fields") where that package's modules sit in different layers.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "text",
        ("records", "i18n", "numbers", "collation", "schema.toml_lines", "text_checks", "folding"),
    ),
    ("errors", ("errors",)),
    ("model", ("model", "results_model", "schema.fields", "schema.wording", "lookup")),
    (
        "core",
        (
            "rotation",
            "awards",
            "bloc_references",
            "bloc_draft",
            "plan",
            "schema",
            "scoring",
            "reconciliation",
        ),
    ),
    ("store", ("store",)),
    ("workflows", ("workflows", "app", "report_data", "year_flow")),
    ("render", ("render", "office")),
    ("cli", ("cli", "__main__")),
)
COMMAND_MODULE = re.compile(rf"^{PACKAGE}\.cli\.\w+_cmds?$")
# Reading the clock makes an answer depend on the day it is asked.
CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic", "localtime", "gmtime"}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


ALL_FILES = sorted(SRC.rglob("*.py"))
MODULE_FILES = {module_name(path): path for path in ALL_FILES}


def pure_modules() -> list[str]:
    names = [f"{PACKAGE}.{name}" for name in PURE_MODULES]
    names += [
        name for name in MODULE_FILES if name.startswith((f"{PACKAGE}.awards", f"{PACKAGE}.schema"))
    ]
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


def layer_of(module: str) -> int | None:
    """The index of the layer ``module`` belongs to (None for the package itself)."""
    parts = module.split(".")
    if len(parts) < 2:
        return None
    for key in (".".join(parts[1:3]), parts[1]):
        for index, (_, names) in enumerate(LAYERS):
            if key in names:
                return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def upward_imports(module: str, names: set[str]) -> list[str]:
    """The project modules among ``names`` that sit in a higher layer than ``module``."""
    own = layer_of(module)
    assert own is not None
    found = []
    for name in sorted(names):
        if name in MODULE_FILES and name != PACKAGE:
            theirs = layer_of(name)
            if theirs is not None and theirs > own:
                found.append(f"{name} ({LAYERS[theirs][0]})")
    return found


LAYERED = sorted(name for name in MODULE_FILES if name != PACKAGE)
COMMAND_MODULES = sorted(name for name in MODULE_FILES if COMMAND_MODULE.match(name))


def import_graph() -> dict[str, set[str]]:
    return {
        module: {n for n in imported_names(module) if n in MODULE_FILES and n != module}
        for module in MODULE_FILES
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


class TestLayers:
    """core → store → workflows → render → cli: nothing imports from a layer above its own."""

    @pytest.mark.parametrize("module", LAYERED)
    def test_no_import_from_a_higher_layer(self, module: str) -> None:
        """A module imports only from its own layer or the ones below it."""
        assert upward_imports(module, imported_names(module)) == []

    def test_an_upward_import_is_caught(self) -> None:
        """The model importing the CLI's output, or the store a renderer, is reported."""
        assert upward_imports(f"{PACKAGE}.model", {f"{PACKAGE}.cli.output"}) == [
            f"{PACKAGE}.cli.output (cli)"
        ]
        assert upward_imports(f"{PACKAGE}.store.reading", {f"{PACKAGE}.render.problems"})
        assert upward_imports(f"{PACKAGE}.cli.output", {f"{PACKAGE}.store"}) == []

    def test_every_top_level_name_has_a_layer(self) -> None:
        """A new module or package under khoi_thidua must be placed in a layer first."""
        for module in LAYERED:
            assert layer_of(module) is not None


class TestCommands:
    """Commands never import each other: what two share lives below them."""

    def test_the_command_modules_are_found(self) -> None:
        """The pattern finds the command modules, so the check below has something to check."""
        assert f"{PACKAGE}.cli.propose_cmd" in COMMAND_MODULES
        assert f"{PACKAGE}.cli.rotation_cmds" in COMMAND_MODULES
        assert f"{PACKAGE}.cli.output" not in COMMAND_MODULES

    @pytest.mark.parametrize("module", COMMAND_MODULES)
    def test_a_command_imports_no_other_command(self, module: str) -> None:
        """A command module imports no other command module, even inside a function."""
        others = set(COMMAND_MODULES) - {module}
        assert sorted(imported_names(module) & others) == []


# What a command may not import: the core and the store (loading, ranking, walking belong to
# the application layer), and the parsing package. A name a command may take from them anyway:
THIN_ALLOWED = {
    f"{PACKAGE}.store:display": "how a path is shown in a message: text, no file touched",
}
# Commands that still reach below the application layer, each with the reason; a command leaves
# this table when it is thinned (the test below fails while an entry is no longer needed).
THIN_PENDING: dict[str, tuple[str, str]] = {
    "members_cmd": (
        "rotation",
        "calls the pure rotation core, which loads nothing; a wrapper would only add start-up",
    ),
    "rotation_cmds": (
        "rotation",
        "`rotate` calls the pure rotation core on the bloc; its start-up must not grow",
    ),
}


def below_the_application(tree: ast.Module) -> list[str]:
    """What a command's ``tree`` imports at run time (not under ``if TYPE_CHECKING``) from the
    core, the store or the parsing package, as ``module`` or ``module:name``, less
    ``THIN_ALLOWED``."""
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    targets: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                targets.add(full if full in MODULE_FILES else f"{node.module}:{alias.name}")
    low = {index for index, (name, _) in enumerate(LAYERS) if name in ("core", "store")}
    found = []
    for target in sorted(targets):
        name = target.split(":")[0]
        if not name.startswith(f"{PACKAGE}.") or target in THIN_ALLOWED:
            continue
        if layer_of(name) in low or name.startswith(f"{PACKAGE}.schema"):
            found.append(target)
    return found


class TestThinCommands:
    """A command parses options, calls the application layer and renders: it loads, ranks and
    walks nothing itself, so the report and the conference commands can reuse what it does."""

    @pytest.mark.parametrize("module", [*COMMAND_MODULES, f"{PACKAGE}.cli.member_history"])
    def test_a_command_reaches_only_the_application_layer(self, module: str) -> None:
        """Nothing from the core, the store or the parsing package, bar the listed exceptions."""
        short = module.rpartition(".")[2]
        pending = THIN_PENDING.get(short, ("", ""))[0].split()
        found = below_the_application(tree_of(module))
        assert [t for t in found if _short(t) not in pending] == []

    @pytest.mark.parametrize("short", sorted(THIN_PENDING))
    def test_an_exception_is_still_needed(self, short: str) -> None:
        """Each listed exception is still imported: a thinned command leaves the table."""
        found = {_short(t) for t in below_the_application(tree_of(f"{PACKAGE}.cli.{short}"))}
        assert set(THIN_PENDING[short][0].split()) <= found

    def test_a_command_reaching_the_store_is_caught(self) -> None:
        """A command loading a bloc, ranking or reading a plan is reported; a type-only import,
        a path's display and the model's types are not."""
        source = (
            "from typing import TYPE_CHECKING\n"
            "from khoi_thidua import store, workflows\n"
            "from khoi_thidua.awards.proposal import rank_results\n"
            "from khoi_thidua.store import display\n"
            "from khoi_thidua.model import Bloc\n"
            "if TYPE_CHECKING:\n    from khoi_thidua.rotation import Leadership\n"
            "def run():\n    from khoi_thidua.store.plans import load_year\n"
        )
        assert below_the_application(ast.parse(source)) == [
            f"{PACKAGE}.awards.proposal:rank_results",
            f"{PACKAGE}.store",
            f"{PACKAGE}.store.plans:load_year",
        ]


def _short(target: str) -> str:
    """``khoi_thidua.store.plans`` → ``store.plans``; ``….ballot:name`` → ``awards.ballot``."""
    return target.split(":", maxsplit=1)[0].removeprefix(f"{PACKAGE}.")


class TestNoCycles:
    """No two project modules import each other, directly or through others."""

    def test_the_import_graph_has_no_cycle(self) -> None:
        """errors and i18n, like every other pair, do not import each other."""
        assert cycles(import_graph()) == []

    def test_a_cycle_is_caught(self) -> None:
        """Three modules importing in a ring are reported as one group."""
        ring = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
        assert cycles(ring) == [["a", "b", "c"]]

    def test_i18n_imports_no_error_class(self) -> None:
        """The message catalog sits below the errors that translate their messages."""
        assert f"{PACKAGE}.errors" not in imported_names(f"{PACKAGE}.i18n")


@cache
def _condition_kinds() -> frozenset[str]:
    """The condition kinds' names, read from the registry's modules (each class's `kind`)."""
    names = set()
    for module in MODULE_FILES:
        if module.startswith(f"{PACKAGE}.awards.kinds."):
            for node in ast.walk(tree_of(module)):
                if (
                    isinstance(node, ast.AnnAssign)
                    and isinstance(node.target, ast.Name)
                    and node.target.id == "kind"
                    and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str)
                ):
                    names.add(node.value.value)
    return frozenset(names)


def _texts(node: ast.AST) -> list[str]:
    """The string constants of ``node`` when it is one, or a set, tuple or list of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if (
        isinstance(node, ast.Set | ast.Tuple | ast.List)
        and node.elts
        and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
    ):
        return [str(e.value) for e in node.elts if isinstance(e, ast.Constant)]
    return []


def kind_dispatch(tree: ast.AST, kinds: frozenset[str]) -> list[str]:
    """Places outside the registry that decide by a condition kind's name: a comparison with
    one, a collection or dispatch table of them, a ``case`` on one."""
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Compare):
            for operand in [node.left, *node.comparators]:
                found += [f"{line}: compares with {s!r}" for s in _texts(operand) if s in kinds]
        elif isinstance(node, ast.Set | ast.Tuple | ast.List):
            texts = _texts(node)
            if texts and set(texts) <= kinds:
                found.append(f"{line}: lists {sorted(texts)}")
        elif isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            if keys and len(keys) == len(node.keys) and set(keys) <= kinds:
                found.append(f"{line}: a table keyed by kinds {sorted(map(str, keys))}")
        elif isinstance(node, ast.MatchValue):
            found += [f"{line}: case {s!r}" for s in _texts(node.value) if s in kinds]
    return sorted(found, key=lambda f: int(f.split(":")[0]))


def _message_nodes(tree: ast.AST) -> set[int]:
    """Every node inside a ``t(…)``/``tn(…)``/``msgs.t(…)`` call or a docstring: prose, not code."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in ("t", "tn"):
                inside.update(id(n) for n in ast.walk(node))
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            inside.add(id(first.value))
    return inside


DATA_FILE_NAME = re.compile(r"^[\w{}-]+\.toml$|\\\.toml")


def data_file_names(tree: ast.AST) -> list[str]:
    """Data files named in code (``"bloc.toml"``, ``f"results-{year}.toml"``, a ``\\.toml``
    pattern) rather than taken from the file-kind registry; messages and docstrings aside."""
    prose = _message_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in prose:
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values
            )
            prose.update(id(v) for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if DATA_FILE_NAME.search(text):
            found.append(f"{node.lineno}: {text!r}")
    return sorted(found, key=lambda f: int(f.split(":")[0]))


REGISTRIES = {f"{PACKAGE}.store.kinds"}


class TestOneRegistry:
    """A condition kind is one entry of awards/kinds; a kind of file is one entry of store/kinds."""

    def test_the_kinds_are_found(self) -> None:
        """The registry's kind names are read, so the checks below have names to look for."""
        kinds = _condition_kinds()
        assert {"min_rating", "min_vote_share", "prior_awards", "any_of"} <= kinds

    @pytest.mark.parametrize(
        "module", sorted(m for m in MODULE_FILES if not m.startswith(f"{PACKAGE}.awards.kinds"))
    )
    def test_no_module_decides_by_a_condition_kind(self, module: str) -> None:
        """What a kind means (on the ballot, private, what it needs beside it) is an attribute or
        method of its class, never a comparison with its name elsewhere."""
        assert kind_dispatch(tree_of(module), _condition_kinds()) == []

    def test_a_dispatch_on_a_kind_is_caught(self) -> None:
        """A comparison, a set, a table or a case on a kind's name is reported."""
        code = (
            'VOTE = frozenset({"min_vote_share"})\n'
            'if c.kind == "prior_awards": pass\n'
            'TABLE = {"min_rating": 1, "max_rank": 2}\n'
            'match k:\n    case "staff": pass\n'
            'KEYS = ("criteria", "staff")\n'  # a results key that shares a kind's name: fine
        )
        found = kind_dispatch(ast.parse(code), _condition_kinds())
        assert [f.split(":")[0] for f in found] == ["1", "2", "3", "5"]

    @pytest.mark.parametrize("module", sorted(set(MODULE_FILES) - REGISTRIES))
    def test_data_files_are_named_only_by_the_file_kind_registry(self, module: str) -> None:
        """File names and patterns of data files come from store/kinds.py alone."""
        assert data_file_names(tree_of(module)) == []

    def test_a_data_file_named_in_code_is_caught(self) -> None:
        """A literal name, an f-string name and a pattern are reported; messages are not."""
        code = (
            'BLOC = "bloc.toml"\n'
            'path = f"results-{year}.toml"\n'
            'PATTERN = r"^plan-(\\d{4})\\.toml$"\n'
            'say(t("edit results-{year}.toml", year=year))\n'
        )
        assert [f.split(":")[0] for f in data_file_names(ast.parse(code))] == ["1", "2", "3"]


MAX_LINES = 400


@pytest.mark.parametrize("path", ALL_FILES, ids=[str(p.relative_to(SRC.parent)) for p in ALL_FILES])
def test_no_module_is_over_400_lines(path: Path) -> None:
    """A module that grows past 400 lines is split by job before it lands."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines"


# What reads the run's language: the module-level t/tn/language of i18n, and i18n.current().
GLOBAL_LANGUAGE = {"t", "tn", "language", "current"}
# Given the language: the renderers, every office module (writers, import parsers, workbook
# exports) and errors.py, which words a DataError's summary and an internal error.
LANGUAGE_GIVEN = sorted(
    name
    for name in MODULE_FILES
    if name.startswith((f"{PACKAGE}.render", f"{PACKAGE}.office")) or name == f"{PACKAGE}.errors"
)


def global_language_reads(tree: ast.Module) -> list[str]:
    """``line: name`` of each import of the run's language from i18n and each call of it (as
    ``t(…)`` or ``i18n.t(…)``)."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == f"{PACKAGE}.i18n":
            names = [a.name for a in node.names if a.name in GLOBAL_LANGUAGE]
            found.extend(f"{node.lineno}: import {name}" for name in names)
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else None
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                called = func.attr if func.value.id == "i18n" else None
            if called in GLOBAL_LANGUAGE:
                found.append(f"{node.lineno}: {called}()")
    return sorted(found, key=lambda entry: int(entry.split(":")[0]))


# The pure core beyond PURE_MODULES, awards/ and schema/: what it words, it words in the
# language its caller hands it.
LANGUAGE_FREE = (
    "scoring",
    "reconciliation",
    "bloc_references",
    "bloc_draft",
    "lookup",
    "text_checks",
    "folding",
    "numbers",
    "collation",
)


def language_free_modules() -> list[str]:
    return sorted({*pure_modules(), *(f"{PACKAGE}.{name}" for name in LANGUAGE_FREE)})


class TestLanguagePassed:
    """The run's language is read only by the CLI, the application layer and the store, which
    hand it on as ``msgs: Messages``: the renderers, the office writers and the pure core
    (parsers and their errors included) are given it."""

    @pytest.mark.parametrize("module", LANGUAGE_GIVEN)
    def test_a_renderer_reads_no_global_language(self, module: str) -> None:
        """A renderer, an office module (import parsers included) and errors.py import and call
        no module-level t/tn/language, nor i18n.current()."""
        assert global_language_reads(tree_of(module)) == []

    @pytest.mark.parametrize("module", language_free_modules())
    def test_the_pure_core_never_reads_the_language(self, module: str) -> None:
        """The core — model, rotation, scoring, awards (condition kinds' parse included), the
        schema parsers — neither imports nor calls the module-level t/tn/language or
        i18n.current(): its problems and errors are worded with the ``msgs`` it is given."""
        assert global_language_reads(tree_of(module)) == []

    def test_the_office_modules_and_errors_are_covered(self) -> None:
        """The guard covers the office import parsers, the workbook exports and errors.py."""
        names = set(LANGUAGE_GIVEN)
        for short in ("results_import", "sheet_import", "grids", "values", "workbook_export"):
            assert f"{PACKAGE}.office.{short}" in names
        assert f"{PACKAGE}.errors" in names
        office = [name for name in MODULE_FILES if name.startswith(f"{PACKAGE}.office.")]
        assert len(office) > 20 and set(office) <= names

    def test_the_core_modules_are_found(self) -> None:
        """The guard covers the parsers, the condition kinds and the core's error sources."""
        names = set(language_free_modules())
        for short in ("schema.fields", "schema.pack", "awards.kinds.any_of", "rotation", "lookup"):
            assert f"{PACKAGE}.{short}" in names
        assert all(name in MODULE_FILES for name in names)

    def test_a_global_read_is_caught(self) -> None:
        """An import of t, a call of t() in a parse function, of i18n.language() and of
        i18n.current() are reported; msgs.t() and reader.t() are not."""
        source = (
            "from khoi_thidua.i18n import Messages, t\n"
            "def parse(reader, x):\n    return t('a') + reader.t('z')\n"
            "def describe(msgs):\n    return msgs.t('b') + i18n.language()\n"
            "def word():\n    return i18n.current().t('c')\n"
        )
        assert global_language_reads(ast.parse(source)) == [
            "1: import t",
            "3: t()",
            "5: language()",
            "7: current()",
        ]
