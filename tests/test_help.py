"""Tests that every command of the app documents itself: help text, examples, `--help` exit 0."""

from __future__ import annotations

from typing import Any

import pytest
from typer.core import TyperGroup as Group

from builders import Invoke, loaded_app

Command = Any  # a click command, as Typer builds it


def all_commands() -> list[tuple[tuple[str, ...], Command]]:
    """Every registered command and group, with the words that invoke it."""
    root = loaded_app()
    found: list[tuple[tuple[str, ...], Command]] = []

    def walk(path: tuple[str, ...], command: Command) -> None:
        found.append((path, command))
        if isinstance(command, Group):
            for name, sub in command.commands.items():
                walk((*path, name), sub)

    walk((), root)
    return found


COMMANDS = all_commands()
LEAVES = [(path, cmd) for path, cmd in COMMANDS if not isinstance(cmd, Group)]


def ids(entries: list[tuple[tuple[str, ...], Command]]) -> list[str]:
    return [" ".join(path) or "khoi" for path, _ in entries]


def test_the_app_has_the_foundation_commands() -> None:
    """The registry walked here holds the foundation's commands, so the checks below run."""
    names = {path[-1] for path, _ in LEAVES}
    assert {"rotate", "history", "members", "check"} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=ids(COMMANDS))
def test_every_command_has_help_text(path: tuple[str, ...], command: Command) -> None:
    """Every command and group has a help text and a one-line summary."""
    assert command.help and command.help.strip()
    assert command.get_short_help_str(limit=80).strip()


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=ids(LEAVES))
def test_every_command_has_examples(path: tuple[str, ...], command: Command) -> None:
    """Every command's help has an Examples section with at least one `khoi …` line."""
    text = command.help or ""
    assert "Examples:" in text
    examples = text.split("Examples:", 1)[1]
    assert any(line.strip().startswith("khoi ") for line in examples.splitlines())


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=ids(LEAVES))
def test_every_option_has_help(path: tuple[str, ...], command: Command) -> None:
    """Every option and argument of a command says what it is for."""
    for param in command.params:
        assert getattr(param, "help", None), f"{' '.join(path)}: {param.name} has no help"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=ids(COMMANDS))
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_exits_zero(khoi: Invoke, path: tuple[str, ...], command: Command, flag: str) -> None:
    """`--help` (and `-h`) exits 0 and prints usage on stdout, nothing on stderr."""
    result = khoi(*path, flag)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    assert result.stderr == ""
    if not isinstance(command, Group):
        assert "Examples:" in result.stdout


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=ids(COMMANDS))
def test_flags_show_no_value_and_arguments_their_name(
    khoi: Invoke, path: tuple[str, ...], command: Command
) -> None:
    """A help screen never writes `--json <bool>` (a flag takes no value), and its usage line
    names the arguments in capitals, as the help texts do (`[YEAR]`, not `[year]`)."""
    result = khoi(*path, "--help", env={"COLUMNS": "200"})
    assert "<bool>" not in result.stdout
    usage = next(line for line in result.stdout.splitlines() if "Usage:" in line)
    arguments = [p.name for p in command.params if p.param_type_name == "argument"]
    for name in arguments:
        assert name.upper() in usage and f"[{name}]" not in usage, usage


def test_a_missing_argument_names_it_in_capitals(khoi: Invoke) -> None:
    """The usage line of a usage error names the argument as the help does."""
    result = khoi("template")
    assert result.exit_code == 64
    assert "khoi template [OPTIONS] {YEAR}" in result.stderr


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_app_help_lists_every_exit_code(khoi: Invoke, lang: str) -> None:
    """`khoi --help` names every exit code, so a cron job's author needs no other file."""
    import re

    from khoi_thidua.errors import ExitCode

    result = khoi("--help", env={"KHOI_LANG": lang, "COLUMNS": "400"})
    assert result.exit_code == 0
    listed = re.search(r"(Exit codes|Mã thoát): (.*?)\.\s*\n", result.stdout)
    assert listed is not None, result.stdout
    codes = [int(n) for n in re.findall(r"\b(\d+) ", listed.group(2) + " ")]
    assert codes == [int(code) for code in ExitCode]
    assert "README" not in result.stdout
