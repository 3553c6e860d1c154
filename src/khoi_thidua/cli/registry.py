"""Which module holds each command: a command's code is imported only when that command runs."""

from __future__ import annotations

import importlib
from typing import Any

import typer

from khoi_thidua.cli.boundary import KhoiCommand, KhoiGroup, plain_metavars

# name → (module under khoi_thidua.cli, function). The order is the order of `khoi --help`.
COMMANDS: dict[str, tuple[str, str]] = {
    # a bloc and its leadership
    "init": ("init_cmd", "init"),
    "members": ("members_cmd", "members"),
    "rotate": ("rotation_cmds", "rotate"),
    "history": ("rotation_cmds", "history"),
    "check": ("check_cmd", "check"),
    "rules": ("rules_cmd", "rules"),
    # the year: plan, scoring, results
    "scoring-sheets": ("scoring_cmds", "scoring_sheets"),
    "import-scores": ("scoring_cmds", "import_scores"),
    "scores": ("scores_cmd", "scores"),
    "year-draft": ("year_drafts_cmd", "year_draft"),
    "template": ("office_cmds", "template"),
    "import-results": ("office_cmds", "import_results"),
    "import-history": ("history_cmd", "import_history"),
    # the conference and what it sends up
    "count": ("conference_cmds", "count"),
    "decide": ("conference_cmds", "decide"),
    "propose": ("propose_cmd", "propose"),
    "draft": ("draft_cmd", "draft"),
    # after the decision, and the province
    "record-award": ("awards_cmds", "record_award"),
    "import-decisions": ("decisions_cmd", "import_decisions"),
    "summary": ("summary_cmd", "summary"),
    "report": ("report_cmd", "report"),
}


def load_command(name: str, markup: Any) -> Any:
    """The click command of ``name``, built by Typer from its function, in the language in force."""
    from khoi_thidua import i18n

    module, function = COMMANDS[name]
    code = importlib.import_module(f"khoi_thidua.cli.{module}")
    # A one-command Typer app gives that command itself (Typer's public ``get_command``).
    single = typer.Typer(add_completion=False, rich_markup_mode=markup)
    single.command(name, cls=KhoiCommand)(getattr(code, function))
    command = typer.main.get_command(single)
    plain_metavars(command.params)  # before parsing: the parser's errors name them too
    if i18n.language() != "en":
        from khoi_thidua.cli.language import translate_command

        translate_command(command)
    return command


class LazyGroup(KhoiGroup):
    """khoi's group of commands: each one is built from its module on first use.

    A run of ``khoi rotate`` imports the rotation commands and nothing of the office,
    proposal or summary code, so start-up does not grow as commands are added.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *(name for name in super().list_commands(ctx) if name not in COMMANDS)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in COMMANDS:
            command = load_command(cmd_name, self.rich_markup_mode)
            self.commands[cmd_name] = command
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and self.get_command(ctx, args[0]) is None:
            # A mistyped name: Typer suggests close names from the commands it holds.
            for name in COMMANDS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)
