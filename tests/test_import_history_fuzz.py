"""import-history on workbooks filled with arbitrary values: a clean result or a located error."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from builders import REPO_DATA
from khoi_thidua.cli import app

ENV = {"NO_COLOR": "1", "COLUMNS": "200", "KHOI_LANG": "en", "KHOI_DEBUG": None}
SHEETS = ("Kết quả các năm", "Trưởng khối các năm", "Đơn vị đã rời khối")
pytestmark = pytest.mark.slow

VALUES = st.one_of(
    st.none(),
    st.sampled_from(["btc", "bnc", "tct", "excellent", "HTXSNV", "co-tinh", "Cờ thi đua", "x y"]),
    st.integers(-5, 3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.text(max_size=12),
)
ROWS = st.lists(st.lists(VALUES, min_size=1, max_size=10), max_size=4)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data's empty history workbook."""
    root = tmp_path_factory.mktemp("history-fuzz")
    path = root / "lich-su.xlsx"
    result = CliRunner().invoke(
        app, ["import-history", "--template", "-o", str(path), "--data", str(REPO_DATA)], env=ENV
    )
    assert result.exit_code == 0, result.output
    return path


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sheets=st.tuples(ROWS, ROWS, ROWS))
def test_any_cell_values_import_or_fail_cleanly(
    template: Path, tmp_path_factory: pytest.TempPathFactory, sheets: tuple[list[list[object]], ...]
) -> None:
    """Whatever the cells hold, import-history exits 0, 1 or 65, never with a traceback."""
    root = tmp_path_factory.mktemp("run")
    shutil.copytree(REPO_DATA, root / "data")
    book = openpyxl.load_workbook(template)
    for title, rows in zip(SHEETS, sheets, strict=True):
        for number, row in enumerate(rows, start=2):
            for column, value in enumerate(row, start=1):
                typed = value
                if isinstance(value, str):  # what a workbook can hold
                    typed = "".join(ch for ch in value if ch.isprintable())
                book[title].cell(row=number, column=column, value=typed)
    path = root / "filled.xlsx"
    book.save(path)
    result = CliRunner().invoke(
        app, ["import-history", str(path), "--data", str(root / "data")], env=ENV
    )
    assert result.exit_code in (0, 1, 65), result.output
    assert "Traceback" not in result.output
