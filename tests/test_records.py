"""Records behave as frozen dataclasses do: equal, hashed and printed alike, and frozen for mypy."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khoi_thidua.records import record


@record
class Point:
    x: int
    label: str = ""
    note: str = dataclasses.field(default="", compare=False)
    hidden: tuple[int, ...] = dataclasses.field(default=(), repr=False)
    salt: int = dataclasses.field(default=0, hash=False)


@dataclasses.dataclass(frozen=True)
class FrozenPoint:
    x: int
    label: str = ""
    note: str = dataclasses.field(default="", compare=False)
    hidden: tuple[int, ...] = dataclasses.field(default=(), repr=False)
    salt: int = dataclasses.field(default=0, hash=False)


@record
class Twin:
    x: int
    label: str = ""
    note: str = ""
    hidden: tuple[int, ...] = ()
    salt: int = 0


values = st.tuples(
    st.integers(-3, 3),
    st.sampled_from(["", "Sở Y tế", "a"]),
    st.sampled_from(["", "ghi chú"]),
    st.sampled_from([(), (1,), (1, 2)]),
    st.integers(0, 2),
)


@given(values, values)
def test_equal_hashed_and_printed_as_a_frozen_dataclass(a: tuple, b: tuple) -> None:  # type: ignore[type-arg]
    mine, theirs = Point(*a), Point(*b)
    frozen_a, frozen_b = FrozenPoint(*a), FrozenPoint(*b)
    assert (mine == theirs) == (frozen_a == frozen_b)
    assert (mine != theirs) == (frozen_a != frozen_b)
    assert hash(mine) == hash(frozen_a)
    assert repr(mine) == repr(frozen_a).replace("FrozenPoint(", "Point(")


def test_not_equal_to_another_class_with_the_same_fields() -> None:
    assert Point(1) != Twin(1)
    assert Point(1) != (1, "", "", (), 0)
    assert Point(1).__eq__(Twin(1)) is NotImplemented


def test_the_dataclass_functions_work() -> None:
    p = Point(1, "a", hidden=(2,))
    assert [f.name for f in dataclasses.fields(p)] == ["x", "label", "note", "hidden", "salt"]
    assert dataclasses.replace(p, x=5) == Point(5, "a", hidden=(2,))
    assert dataclasses.asdict(p)["hidden"] == (2,)
    assert dataclasses.is_dataclass(p)
    assert Point.__match_args__ == ("x", "label", "note", "hidden", "salt")
    assert {Point(1), Point(1), Point(2)} == {Point(1), Point(2)}


def test_a_class_keeps_the_methods_it_writes() -> None:
    @record
    class Own:  # noqa: PLW1641 (the record gives it a hash, as a dataclass would)
        x: int

        def __repr__(self) -> str:
            return "own"

        def __eq__(self, other: object) -> bool:
            return True

    assert repr(Own(1)) == "own"
    assert Own(1) == 5
    # Python gives a class that writes __eq__ alone __hash__ = None; as a dataclass, the
    # record hashes its fields instead.
    assert hash(Own(1)) == hash((1,))

    @record
    class Unhashable:
        x: int
        __hash__ = None  # type: ignore[assignment]

    with pytest.raises(TypeError):
        hash(Unhashable(1))


def test_a_recursive_record_prints() -> None:
    @record
    class Node:
        children: list[object]

    node = Node([])
    node.children.append(node)
    assert repr(node) == "test_a_recursive_record_prints.<locals>.Node(children=[...])"


def test_mypy_refuses_an_assignment_to_a_field(tmp_path: Path) -> None:
    """The frozenness a record keeps is mypy's: assigning a field must be a type error."""
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        textwrap.dedent(
            """
            from khoi_thidua.records import record

            @record
            class Unit:
                id: str

            unit = Unit("so-y-te")
            unit.id = "so-tu-phap"
            Unit("a", "b")
            """
        ),
        encoding="utf-8",
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--follow-imports=silent",
            str(snippet),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert 'Property "id" defined in "Unit" is read-only' in run.stdout, run.stdout
    assert 'Too many arguments for "Unit"' in run.stdout, run.stdout


def test_the_package_defines_its_frozen_classes_as_records() -> None:
    """A ``@dataclass(frozen=True)`` in the package would cost start-up for nothing."""
    src = Path(__file__).resolve().parents[1] / "src" / "khoi_thidua"
    found = []
    for path in sorted(src.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for decorator in node.decorator_list:
                    if isinstance(decorator, ast.Call) and any(
                        k.arg == "frozen" for k in decorator.keywords
                    ):
                        found.append(f"{path.relative_to(src)}:{node.lineno} {node.name}")
    assert found == [], "use @record (khoi_thidua.records) instead of a frozen dataclass"
