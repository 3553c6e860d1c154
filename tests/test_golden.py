"""Golden files: `khoi propose 2021` and `khoi rotate 2022` on the sample data, byte for byte,
in English (every text format of propose) and in Vietnamese (the tables people read).

Refresh them deliberately after a change to the rendering, then read the diff:

    KHOI_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from builders import Invoke
from khoi_thidua import i18n

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("KHOI_UPDATE_GOLDEN") == "1"
# The table is laid out for 120 columns: the width khoi uses for a pipe or a file.
FIXED_WIDTH = {"COLUMNS": "120", "NO_COLOR": "1"}
# (golden file, language, command line after `khoi`); `.vi.` files hold the Vietnamese output.
OUTPUTS = [
    ("propose-2021.txt", "en", ["propose", "2021"]),
    ("propose-2021.csv", "en", ["propose", "2021", "--format", "csv"]),
    ("propose-2021.md", "en", ["propose", "2021", "--format", "markdown"]),
    ("propose-2021.json", "en", ["propose", "2021", "--format", "json"]),
    ("propose-2021.vi.txt", "vi", ["propose", "2021"]),
    ("rotate-2022.txt", "en", ["rotate", "2022"]),
    ("rotate-2022.vi.txt", "vi", ["rotate", "2022"]),
]


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Runs in-process share the language setting: leave it English for the next test."""
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(("name", "lang", "args"), OUTPUTS, ids=[name for name, _, _ in OUTPUTS])
def test_output_matches_golden(
    khoi: Invoke, sample_data: Path, name: str, lang: str, args: list[str]
) -> None:
    """The output is exactly the golden file (rewritten instead when KHOI_UPDATE_GOLDEN=1)."""
    env = {**FIXED_WIDTH, "KHOI_LANG": lang}
    result = khoi(*args, "--data", str(sample_data), env=env)
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
