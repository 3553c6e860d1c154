"""The README's example outputs are exactly what the shipped data prints."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khoi_thidua.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(
    r"(<!-- example: (?P<args>[^>]*?) -->\n)(?P<body>.*?)(<!-- end example -->)", re.S
)
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "KHOI_LANG": "en", "KHOI_DATA": str(ROOT / "data")}


def _run(args: str) -> str:
    result = CliRunner().invoke(app, shlex.split(args), env=ENV)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _render(output: str) -> str:
    return "```text\n" + output.rstrip("\n") + "\n```\n"


def _examples() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    return [(m.group("args"), m.group("body")) for m in BLOCK.finditer(text)]


def test_readme_has_examples() -> None:
    """The README shows at least the full propose table and one --explain output."""
    args = [a for a, _ in _examples()]
    assert "propose 2021" in args
    assert any("--explain" in a for a in args)


@pytest.mark.parametrize(("args", "body"), _examples())
def test_readme_example_matches_output(args: str, body: str) -> None:
    """Each README example is the command's current output on the shipped data."""
    expected = _render(_run(args))
    if os.environ.get("KHOI_UPDATE_GOLDEN"):
        text = README.read_text(encoding="utf-8")
        text = BLOCK.sub(
            lambda m: (
                m.group(1) + (expected if m.group("args") == args else m.group("body")) + m.group(4)
            ),
            text,
        )
        README.write_text(text, encoding="utf-8")
        return
    assert body == expected
