"""The JSON shape of `khoi import-results --json`, as TypedDicts that mypy checks.

It mirrors docs/schemas/import-results.schema.json (tests/test_json_shapes.py compares them).
"""

from __future__ import annotations

from typing import TypedDict

from khoi_thidua.office.results_import import ImportStatus
from khoi_thidua.render.shapes import BlocRef

# A value of a results file as a change names it: a score, a rating, a date, a flag.
Scalar = str | int | float | bool | None


class ChangeEntry(TypedDict):
    """One value the import changes: where (a member, the conference, the file), what, from, to."""

    where: str
    field: str
    old: Scalar  # None: not recorded before
    new: Scalar  # None: no longer recorded


class ImportResultsResult(TypedDict):
    """`khoi import-results YEAR FILE --json`: what the import wrote or would change."""

    schema: int
    bloc: BlocRef
    year: int
    source: str
    file: str
    status: ImportStatus
    units: int
    kept: list[str]
    existing_problem: str | None
    changes: list[ChangeEntry]
