"""The ``year-draft`` command: the Word pledge (giao ước) and six-month review of a year."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khoi_thidua.cli.options import DEFAULT_DATA, BlocOption, DataOption, ForceOption, open_bloc
from khoi_thidua.cli.output import say
from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import t
from khoi_thidua.model import MAX_YEAR, MIN_YEAR


def year_draft(
    year: Annotated[
        int, typer.Argument(help="The year of the plan, e.g. 2022.", min=MIN_YEAR, max=MAX_YEAR)
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The document to write (.docx).")],
    pledge: Annotated[
        bool, typer.Option("--pledge", help="Draft the pledge (Bản giao ước thi đua).")
    ] = False,
    mid_year: Annotated[
        bool,
        typer.Option("--mid-year", help="Draft the six-month review (Báo cáo sơ kết 6 tháng)."),
    ] = False,
    force: ForceOption = False,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
) -> None:
    """Draft the Word pledge (--pledge) or six-month review (--mid-year) of YEAR from its plan.

    The pledge states the contents and targets of plan-YEAR.toml and has one signature row per
    member of that year, its head's title left blank. The review gives each unit's mid-year
    score and progress from scores-YEAR.toml. Both follow the layout of the other drafts.

    Examples:

      khoi year-draft 2022 --pledge --output giao-uoc-2022.docx

      khoi year-draft 2021 --mid-year --output so-ket-2021.docx
    """
    from khoi_thidua import rotation, store
    from khoi_thidua.office.year_drafts import YearFacts, mid_year_document, pledge_document
    from khoi_thidua.store.plans import load_year

    if pledge == mid_year:
        raise UsageError(t("say which document to draft: --pledge or --mid-year (one of them)"))
    if output.suffix.lower() != ".docx":
        raise UsageError(
            t(
                "the output file must end in {suffix}, not `{found}`",
                suffix=".docx",
                found=output.suffix or output.name,
            ),
            t("e.g. --output ket-qua{suffix}", suffix=".docx"),
        )
    target = store.output_target(output, force)
    bloc_dir, bloc = open_bloc(data, bloc_id)
    plan, scores = load_year(bloc_dir, bloc, year)
    try:
        chair_id = rotation.leadership_in(bloc, year).chair
    except rotation.RotationError:
        chair_id = None  # no record to rotate from: the name is left for the secretariat
    # A vacant, to-be-elected or to-be-appointed year has no chair either.
    chair = bloc.member(chair_id).name if chair_id else None
    facts = YearFacts(
        bloc=bloc,
        plan=plan,
        members=tuple(bloc.member(m) for m in bloc.order if bloc.member(m).is_member_in(year)),
        chair=chair,
        mid_year=scores.mid_year,
        pledged=scores.pledged,
    )
    build = pledge_document if pledge else mid_year_document
    store.write_export(target, build(facts), force)
    file = store.display(output)
    if pledge:
        say(
            t(
                "Wrote {file}: the pledge for {year}; fill in the “…” before signing.",
                file=file,
                year=year,
            )
        )
    else:
        say(
            t(
                "Wrote {file}: the six-month review for {year}; fill in the “…” before signing.",
                file=file,
                year=year,
            )
        )
