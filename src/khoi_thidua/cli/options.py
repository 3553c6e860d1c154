"""Options shared by every command, and the loading steps they all start with."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from khoi_thidua.model import MAX_YEAR, MIN_YEAR, Bloc


# Shell completion: these run only when a shell asks (the _KHOI_COMPLETE variable is set); the
# code that reads the data for them is imported then, so an ordinary run never loads it.
def complete_blocs(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Bloc ids under the data folder of the command line being completed."""
    from khoi_thidua.cli.completion import bloc_ids

    return bloc_ids(ctx, incomplete)


def complete_members(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Member ids, short names and names of the bloc (of the year, when one is given)."""
    from khoi_thidua.cli.completion import member_ids

    return member_ids(ctx, incomplete)


def complete_awards(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Award ids of the rules in force for the year given."""
    from khoi_thidua.cli.completion import award_ids

    return award_ids(ctx, incomplete)


DataOption = Annotated[
    Path,
    typer.Option(
        "--data",
        "-d",
        envvar="KHOI_DATA",
        help="Data folder holding one folder per bloc (or a bloc folder itself).",
        show_default=True,
    ),
]
BlocOption = Annotated[
    str | None,
    typer.Option(
        "--bloc",
        "-b",
        help="Bloc id (its folder name); needed when there are several.",
        autocompletion=complete_blocs,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the result as JSON (documented shape) for scripts.")
]
YearArgument = Annotated[
    int | None,
    typer.Argument(help="The year, e.g. 2022.", min=MIN_YEAR, max=MAX_YEAR, show_default=False),
]

DEFAULT_DATA = Path("data")


def open_bloc(data: Path, bloc_id: str | None) -> tuple[Path, Bloc]:
    """The bloc folder and its parsed bloc.toml."""
    from khoi_thidua import store

    bloc_dir = store.choose_bloc_dir(data, bloc_id)
    return bloc_dir, store.load_bloc(bloc_dir)


AllOption = Annotated[
    bool, typer.Option("--all", help="Run over every bloc under the data folder.")
]
# Two helps for one flag: only a command that has --output may point to it.
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print nothing but errors (for cron).")
]
QuietOutputOption = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Print nothing but errors (for cron); use --output to keep results."
    ),
]


class Format(StrEnum):
    """The output formats of the commands that export."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"


FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (atomically) instead of the terminal; - is the terminal.",
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite OUTPUT if it already exists.")
]

# The results year an office command works on (required: a workbook or draft is of one year).
RequiredYear = Annotated[
    int, typer.Argument(help="The year of the results, e.g. 2021.", min=MIN_YEAR, max=MAX_YEAR)
]
