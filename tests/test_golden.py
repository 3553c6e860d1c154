"""Golden files: `khoi propose 2021` on the sample data, byte for byte, in every text format.

Refresh them deliberately after a change to the rendering, then read the diff:

    KHOI_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builders import Invoke

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("KHOI_UPDATE_GOLDEN") == "1"
# The table is laid out for 120 columns: the width khoi uses for a pipe or a file.
FIXED_WIDTH = {"COLUMNS": "120", "NO_COLOR": "1"}
OUTPUTS = [
    ("propose-2021.txt", []),
    ("propose-2021.csv", ["--format", "csv"]),
    ("propose-2021.md", ["--format", "markdown"]),
    ("propose-2021.json", ["--format", "json"]),
]


@pytest.mark.parametrize(("name", "args"), OUTPUTS, ids=[name for name, _ in OUTPUTS])
def test_propose_2021_matches_golden(
    khoi: Invoke, sample_data: Path, name: str, args: list[str]
) -> None:
    """The output is exactly the golden file (rewritten instead when KHOI_UPDATE_GOLDEN=1)."""
    result = khoi("propose", "2021", "--data", str(sample_data), *args, env=FIXED_WIDTH)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(result.stdout_bytes)
    assert path.exists(), f"no {path.name}: run with KHOI_UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes()
    if result.stdout_bytes != expected:
        # Show a readable diff rather than two walls of bytes.
        assert result.stdout_bytes.decode("utf-8") == expected.decode("utf-8")
    assert result.stdout_bytes == expected
