"""The ``report`` command: a static HTML report of a bloc, or of the province with --all."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    AllOption,
    BlocOption,
    DataOption,
    ForceOption,
    QuietOutputOption,
    YearArgument,
    open_bloc,
)
from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import current, t

INDEX = "index.html"


def report(
    year: YearArgument = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=(
                "A folder for index.html and one page per bloc (new or empty unless --force), "
                "or one FILE.html; - prints one page. Default: bao-cao-YEAR/."
            ),
        ),
    ] = None,
    public: Annotated[
        bool,
        typer.Option(
            "--public", help="For an intranet: leave out discipline, vote counts and notes."
        ),
    ] = False,
    force: ForceOption = False,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    all_blocs: AllOption = False,
    quiet: QuietOutputOption = False,
) -> None:
    """Write a self-contained HTML report of YEAR, with charts, to open in any browser.

    For one bloc: the ranking and proposal with each unit's reason, the leadership calendar,
    each member's score and rank over the years as charts (with tables under them), ratings
    and awards granted, and the rules in force. With --all: a province page (leaders,
    proposals, totals, caps, blocs that failed) linking to one page per bloc. No server and
    no network: styles and charts are inside the pages. --lang chooses the language.

    Examples:

      khoi report 2021 --output bao-cao/

      khoi report 2021 --output bao-cao-2021.html --public

      khoi report 2025 --all --output bao-cao-tinh/

      khoi --lang en report 2021 --output report-2021.html
    """
    from khoi_thidua import workflows
    from khoi_thidua.cli.output import check_pages_target, write_pages

    if all_blocs and year is None:
        raise UsageError(
            t("--all needs the year, e.g. khoi report 2025 --all"),
        )
    if all_blocs and bloc_id is not None:
        raise UsageError(t("--all covers every bloc; drop --bloc"))
    if not all_blocs:
        bloc_dir, bloc = open_bloc(data, bloc_id)
        year = year if year is not None else workflows.default_results_year(bloc_dir)
    target: Path = output if output is not None else Path(f"bao-cao-{year}")
    single = check_pages_target(target, force)
    if year is None:  # only --all comes here without a year, and it was refused above
        raise UsageError(t("--all needs the year, e.g. khoi report 2025 --all"))
    if all_blocs:
        pages, code = _province_pages(data, year, public, single, quiet)
    else:
        from khoi_thidua.render.html.bloc_page import bloc_page
        from khoi_thidua.report_data import bloc_report

        pages = {INDEX: bloc_page(current(), bloc_report(bloc_dir, bloc, year), public, None)}
        code = 0
    write_pages(pages, INDEX, target, single, quiet, force)
    if code:
        raise typer.Exit(code)


def _province_pages(
    data: Path, year: int, public: bool, single: bool, quiet: bool
) -> tuple[dict[str, str], int]:
    """The province page and one page per bloc (or one book), and the batch's exit code."""
    from khoi_thidua.app.province import province_report
    from khoi_thidua.cli import batch
    from khoi_thidua.i18n import current
    from khoi_thidua.render import summary as summary_view
    from khoi_thidua.render.html.province_page import province_pages

    found = province_report(data, year, batch.walk(data, quiet))
    failed = [batch.failed_entry(run) for run in found.failed]
    # The province page sums the year up as `summary` does.
    summary = summary_view.province_summary(year, found.pack, found.facts, failed)
    pages = province_pages(current(), summary, found.province, found.done, public, single, INDEX)
    return pages, found.code
