"""Records: khoi's immutable data classes, quick to define when a command starts.

``@record`` stands where ``@dataclass(frozen=True)`` would: the class is a standard dataclass
(``dataclasses.fields``, ``replace`` and ``asdict`` work on it, ``field(...)`` sets its fields),
equal by value, hashable and printed as ``Name(field=value, ...)``. What differs is where its
immutability is checked: mypy treats a record as frozen (``dataclass_transform`` with
``frozen_default``), so assigning a field is a type error, and ``mypy --strict`` runs over the
whole package in CI; at run time nothing stops an assignment.

Why: ``dataclass(frozen=True)`` compiles six functions from source for every class (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``), about 400 µs a class on
Python 3.11, and ``khoi propose`` defines about sixty classes before it prints a line. A record
compiles only its ``__init__``, about 85 µs; its comparison, hash and representation are the
shared functions below, which read the field names the dataclass machinery recorded.
"""

from __future__ import annotations

import dataclasses
import reprlib
from typing import TypeVar, dataclass_transform

__all__ = ["record"]

_T = TypeVar("_T")

# Field names per record class, in declaration order: (compared, hashed, shown).
_NAMES = "__record_names__"


def _names(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    found: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None = cls.__dict__.get(
        _NAMES
    )
    if found is None:
        fields = dataclasses.fields(cls)
        found = (
            tuple(f.name for f in fields if f.compare),
            tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)),
            tuple(f.name for f in fields if f.repr),
        )
        setattr(cls, _NAMES, found)
    return found


def _eq(self: object, other: object) -> object:
    # As a dataclass compares: same class, then the tuples of compared fields.
    if other.__class__ is not self.__class__:
        return NotImplemented
    names = _names(self.__class__)[0]
    mine = tuple([getattr(self, n) for n in names])
    theirs = tuple([getattr(other, n) for n in names])
    return mine == theirs


def _hash(self: object) -> int:
    return hash(tuple([getattr(self, n) for n in _names(self.__class__)[1]]))


@reprlib.recursive_repr()
def _repr(self: object) -> str:
    shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in _names(self.__class__)[2])
    return f"{self.__class__.__qualname__}({shown})"


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: type[_T], /) -> type[_T]:
    """Make ``cls`` a record: a dataclass, frozen for the type checker (see the module)."""
    own = dict(cls.__dict__)  # what the body wrote, before anything is added
    made = dataclasses.dataclass(cls, repr=False, eq=False)
    if "__eq__" not in own:
        made.__eq__ = _eq  # type: ignore[method-assign, assignment]
    # As dataclass decides: a body that defines __eq__ alone gets __hash__ = None from Python,
    # which is not a hash of its own.
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if not explicit_hash:
        made.__hash__ = _hash  # type: ignore[method-assign]
    if "__repr__" not in own:
        made.__repr__ = _repr  # type: ignore[method-assign]
    return made
