"""The READMEs' example outputs are exactly what the shipped data prints.

README.md shows the English output (KHOI_LANG=en), README.vi.md the Vietnamese one
(KHOI_LANG=vi). Run with KHOI_UPDATE_GOLDEN=1 to rewrite the example blocks from the
current output instead of checking them.
"""

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
README_VI = ROOT / "README.vi.md"
# Each README and the language its examples are printed in.
READMES = [(README, "en"), (README_VI, "vi")]
BLOCK = re.compile(
    r"(<!-- example: (?P<args>[^>]*?) -->\n)(?P<body>.*?)(<!-- end example -->)", re.S
)
SECTION = re.compile(r"^## ", re.M)


def _env(lang: str) -> dict[str, str]:
    return {"COLUMNS": "100", "NO_COLOR": "1", "KHOI_LANG": lang, "KHOI_DATA": str(ROOT / "data")}


def _run(args: str, lang: str) -> str:
    result = CliRunner().invoke(app, shlex.split(args), env=_env(lang))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _render(output: str) -> str:
    return "```text\n" + output.rstrip("\n") + "\n```\n"


def _examples(readme: Path) -> list[tuple[str, str]]:
    text = readme.read_text(encoding="utf-8")
    return [(m.group("args"), m.group("body")) for m in BLOCK.finditer(text)]


def _cases() -> list[object]:
    return [
        pytest.param(readme, lang, args, body, id=f"{readme.name}:{args}")
        for readme, lang in READMES
        for args, body in _examples(readme)
    ]


@pytest.mark.parametrize(("readme", "lang"), READMES, ids=[r.name for r, _ in READMES])
def test_readme_has_examples(readme: Path, lang: str) -> None:
    """Each README shows at least the full propose table and one --explain output."""
    args = [a for a, _ in _examples(readme)]
    assert "propose 2021" in args
    assert any("--explain" in a for a in args)


def test_readmes_match_each_other() -> None:
    """Both READMEs show the same examples and have the same number of `## ` sections."""
    texts = {readme: readme.read_text(encoding="utf-8") for readme, _ in READMES}
    assert {a for a, _ in _examples(README)} == {a for a, _ in _examples(README_VI)}
    assert len(SECTION.findall(texts[README])) == len(SECTION.findall(texts[README_VI]))


@pytest.mark.parametrize(("readme", "lang", "args", "body"), _cases())
def test_readme_example_matches_output(readme: Path, lang: str, args: str, body: str) -> None:
    """Each README example is the command's current output on the shipped data, in its language."""
    expected = _render(_run(args, lang))
    if os.environ.get("KHOI_UPDATE_GOLDEN"):
        text = readme.read_text(encoding="utf-8")
        text = BLOCK.sub(
            lambda m: (
                m.group(1) + (expected if m.group("args") == args else m.group("body")) + m.group(4)
            ),
            text,
        )
        readme.write_text(text, encoding="utf-8")
        return
    assert body == expected
