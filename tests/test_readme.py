"""The READMEs and docs/ say what khoi does: example outputs are exactly what the shipped data
prints, and every command of the README runs.

README.md and docs/*.md show the English output (KHOI_LANG=en), README.vi.md and docs/*.vi.md
the Vietnamese one (KHOI_LANG=vi). Run with KHOI_UPDATE_GOLDEN=1 to rewrite the example blocks
from the current output instead of checking them.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khoi_thidua.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
README_VI = ROOT / "README.vi.md"
DOCS = ROOT / "docs"
# The research log quotes Vietnamese legal texts as read; it is kept for developers, in English.
ENGLISH_ONLY = {"rules-sources.md"}
ENGLISH_DOCS = sorted(
    p for p in DOCS.glob("*.md") if not p.name.endswith(".vi.md") and p.name not in ENGLISH_ONLY
)
# Each README or doc and the language its examples are printed in.
READMES = [
    (README, "en"),
    (README_VI, "vi"),
    *[(p, "en") for p in ENGLISH_DOCS],
    *[(p.with_name(p.stem + ".vi.md"), "vi") for p in ENGLISH_DOCS],
]
README_LINES = 200  # the README is what a newcomer reads first; the reference is in docs/
SH_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
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


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_docs_have_examples(lang: str) -> None:
    """The docs of each language show at least the full propose table and one --explain output."""
    args = [a for readme, code in READMES if code == lang for a, _ in _examples(readme)]
    assert "propose 2021" in args
    assert any("--explain" in a for a in args)


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [(README, README_VI), *[(p, p.with_name(p.stem + ".vi.md")) for p in ENGLISH_DOCS]],
    ids=lambda p: p.name,
)
def test_translations_match_each_other(english: Path, vietnamese: Path) -> None:
    """Each page and its Vietnamese twin show the same examples and have as many sections."""
    assert vietnamese.exists(), f"{vietnamese.name} is missing"
    texts = [p.read_text(encoding="utf-8") for p in (english, vietnamese)]
    assert {a for a, _ in _examples(english)} == {a for a, _ in _examples(vietnamese)}
    assert len(SECTION.findall(texts[0])) == len(SECTION.findall(texts[1]))


@pytest.mark.parametrize("readme", [README, README_VI], ids=lambda p: p.name)
def test_readme_is_short(readme: Path) -> None:
    """The README stays a first read: at most 200 lines, the reference lives in docs/."""
    assert len(readme.read_text(encoding="utf-8").splitlines()) <= README_LINES


@pytest.mark.parametrize("readme", [README, README_VI], ids=lambda p: p.name)
def test_every_readme_command_runs(
    readme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each `khoi …` line of the README's shell blocks runs, in order, on a copy of the sample."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    commands = [
        line.split("  #")[0].strip()
        for block in SH_BLOCK.findall(readme.read_text(encoding="utf-8"))
        for line in block.splitlines()
        if line.startswith("khoi ")
    ]
    assert len(commands) >= 10
    env = {**_env("en"), "KHOI_DATA": str(tmp_path / "data")}
    for command in commands:
        result = CliRunner().invoke(app, shlex.split(command)[1:], env=env)
        assert result.exit_code == 0, (command, result.stdout, result.stderr)


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
