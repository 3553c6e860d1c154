"""The ``import-history`` command: a bloc's past years, chairs and former members at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from khoi_thidua import i18n
from khoi_thidua.cli.options import DEFAULT_DATA, BlocOption, DataOption, ForceOption, open_bloc
from khoi_thidua.cli.output import emit, say, write_or_print
from khoi_thidua.errors import RefusedError, UsageError
from khoi_thidua.i18n import current, t

if TYPE_CHECKING:
    from khoi_thidua.model import Bloc


def import_history(
    file: Annotated[
        Path | None,
        typer.Argument(help="The filled history workbook (.xlsx)."),
    ] = None,
    template: Annotated[
        bool,
        typer.Option("--template", help="Write the empty history workbook to --output instead."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="With --template: the workbook to write (.xlsx)."),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Overwrite a year's results file that holds other results."),
    ] = False,
    force: ForceOption = False,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
) -> None:
    """Import the bloc's past years from one workbook, so that multi-year conditions and the
    rotation work from the first year the bloc uses khoi.

    Sheet «Kết quả các năm»: one row per unit and year: rating, score if known, discipline,
    and an award granted with its decision number, date and issuer. Sheet «Trưởng khối các
    năm»: the chair and vice-chair of each year. Sheet «Đơn vị đã rời khối»: units that have
    left or merged. Every cell is checked first, each problem is reported with its sheet and
    cell, and nothing is written if any is wrong. It writes results-YEAR.toml for each year
    (a year whose file holds other results is refused unless --replace) and adds the chairs
    and former members to bloc.toml, keeping its comments. Importing it again changes nothing.

    Examples:

      khoi import-history --template -o lich-su.xlsx

      khoi import-history lich-su.xlsx
    """
    bloc_dir, bloc = open_bloc(data, bloc_id)
    if template:
        _template(bloc, output, force)
        return
    if file is None:
        raise UsageError(
            t("give the history workbook to import, or --template to make one"),
            t("e.g. khoi import-history --template -o lich-su.xlsx"),
        )
    from khoi_thidua.office.history_apply import import_history as run
    from khoi_thidua.office.history_view import history_view

    book, outcome = run(i18n.current(), bloc_dir, bloc, file, replace)
    emit({}, history_view(current(), book, outcome), False)
    if outcome.refused:
        raise RefusedError(
            t(
                "{years}: the results files hold different results; nothing was written",
                years=", ".join(str(y.year) for y in outcome.refused),
            ),
            t("check the changes listed, then run again with --replace to overwrite them"),
        )
    say(t("Imported the history of {bloc} from {file}.", bloc=bloc.name, file=book.source))


def _template(bloc: Bloc, output: Path | None, force: bool) -> None:
    from khoi_thidua.office.history_sheet import history_template
    from khoi_thidua.store import display

    if output is None:
        raise UsageError(
            t("--template needs --output FILE.xlsx"),
            t("e.g. khoi import-history --template -o lich-su.xlsx"),
        )
    if output.suffix.lower() != ".xlsx":
        raise UsageError(
            t(
                "the output file must end in {suffix}, not `{found}`",
                suffix=".xlsx",
                found=output.suffix or output.name,
            ),
            t("e.g. --output ket-qua{suffix}", suffix=".xlsx"),
        )
    write_or_print(history_template(bloc), output, quiet=True, force=force)  # said below
    say(
        t(
            "Wrote {file}: the history workbook of {bloc}.",
            file=display(output),
            bloc=bloc.name,
        )
    )
