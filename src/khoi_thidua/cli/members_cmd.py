"""The ``members`` command."""

from __future__ import annotations

from khoi_thidua import rotation
from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    BlocOption,
    DataOption,
    JsonOption,
    YearArgument,
    open_bloc,
)
from khoi_thidua.cli.output import emit
from khoi_thidua.render import members as view


def members(
    year: YearArgument = None,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    as_json: JsonOption = False,
) -> None:
    """The bloc's members and their status in YEAR: active, left, merged into, excused.

    YEAR defaults to the year after the latest recorded leadership.

    Examples:

      khoi members 2025

      khoi members --json
    """
    _, bloc = open_bloc(data, bloc_id)
    target = year if year is not None else rotation.default_year(bloc)
    emit(view.members_dict(bloc, target), lambda: view.members_view(bloc, target), as_json)
