"""The ``rules`` command: the rules in force for a year, value by value, with their sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    BlocOption,
    DataOption,
    ForceOption,
    Format,
    FormatOption,
    OutputOption,
    QuietOutputOption,
    YearArgument,
    open_bloc,
)
from khoi_thidua.cli.output import check_output, export

if TYPE_CHECKING:
    from khoi_thidua.render.sheet import Sheet


def rules(
    year: YearArgument = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    quiet: QuietOutputOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
) -> None:
    """Show the rules in force for YEAR: the rule pack and why, each award's quota and
    conditions, the province-wide caps, each value's source and whether it is confirmed.

    YEAR defaults to the latest year with a results file. The pack is chosen by the
    conference date recorded for YEAR (else by YEAR itself, or by a pin in a rules file);
    values set by the province's quy-che.toml or the bloc's rules file are marked.

    Examples:

      khoi rules 2021

      khoi rules 2025 --json

      khoi rules 2021 --format markdown --output quy-tac-2021.md
    """
    from khoi_thidua import i18n, workflows
    from khoi_thidua.render import rules as view
    from khoi_thidua.render.rules_shapes import RulesResult

    if as_json:
        fmt = Format.json
    check_output(output, force)
    bloc_dir, bloc = open_bloc(data, bloc_id)
    target = year if year is not None else workflows.default_results_year(bloc_dir)
    pack = workflows.rules_in_force(bloc_dir, bloc, target)
    msgs = i18n.current()
    payload = view.rules_dict(msgs, bloc, pack, target)

    def markdown(data: RulesResult) -> str:
        return view.rules_markdown(msgs, data)

    def table(data: RulesResult) -> Sheet:
        return view.rules_view(msgs, data)

    export(payload, fmt, output, None, markdown, table, None, quiet, force)
