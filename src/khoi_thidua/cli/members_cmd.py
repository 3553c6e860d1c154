"""The ``members`` command."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from khoi_thidua import i18n, rotation
from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    BlocOption,
    DataOption,
    JsonOption,
    YearArgument,
    open_bloc,
)
from khoi_thidua.cli.output import emit
from khoi_thidua.i18n import current
from khoi_thidua.render import members as view


class Sort(StrEnum):
    order = "order"
    name = "name"


def members(
    year: YearArgument = None,
    sort: Annotated[
        Sort,
        typer.Option(
            "--sort",
            help="Order of the list: order (the rotation order) or name "
            "(Vietnamese alphabetical order).",
        ),
    ] = Sort.order,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    as_json: JsonOption = False,
) -> None:
    """The bloc's members and their status in YEAR: active, left, merged into, excused.

    YEAR defaults to the year after the latest recorded leadership. The list follows the
    rotation order, or the Vietnamese alphabet with --sort name.

    Examples:

      khoi members 2025

      khoi members --sort name

      khoi members --json
    """
    _, bloc = open_bloc(data, bloc_id)
    target = year if year is not None else rotation.default_year(i18n.current(), bloc)
    by_name = sort is Sort.name
    turns = rotation.next_turns(bloc, target)
    emit(
        view.members_dict(current(), bloc, target, by_name, turns),
        lambda: view.members_view(current(), bloc, target, by_name, turns),
        as_json,
    )
