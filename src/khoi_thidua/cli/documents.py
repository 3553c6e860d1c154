"""Writing office files for commands: the --output rule, and the year's drafts and workbooks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from khoi_thidua import i18n
from khoi_thidua.cli.options import open_bloc
from khoi_thidua.cli.output import say
from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import t, tn

if TYPE_CHECKING:
    from khoi_thidua.model import Bloc
    from khoi_thidua.plan import Plan


def check_output(output: Path, suffix: str, force: bool) -> None:
    """The one --output rule (see ``store.outputs``), plus the file type this command writes."""
    import sys

    from khoi_thidua import store

    if store.is_stdout(output):
        if sys.stdout.isatty():
            raise UsageError(
                t("this format is a binary file and cannot be shown in the terminal"),
                t("give --output FILE, or redirect: --output - > FILE"),
            )
        return
    if output.suffix.lower() != suffix and not output.is_dir():
        raise UsageError(
            t(
                "the output file must end in {suffix}, not `{found}`",
                suffix=suffix,
                found=output.suffix or output.name,
            ),
            t("e.g. --output ket-qua{suffix}", suffix=suffix),
        )
    store.output_target(output, force)


def write_document(output: Path, data: bytes, force: bool) -> bool:
    """Write the document to ``output`` (or stdout for ``-``); True when a file was written."""
    import sys

    from khoi_thidua import store

    if store.is_stdout(output):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return False
    store.write_export(output, data, force)
    return True


def year_draft_file(
    year: int, output: Path, pledge: bool, force: bool, data: Path, bloc_id: str | None
) -> None:
    """Write the pledge (``pledge``) or the six-month review of ``year`` from its plan."""
    from khoi_thidua import rotation, store
    from khoi_thidua.office.year_drafts import YearFacts, mid_year_document, pledge_document
    from khoi_thidua.store.plans import load_year

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
        chair_id = rotation.leadership_in(i18n.current(), bloc, year).chair
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
    store.write_export(target, build(i18n.current(), facts), force)
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


def scoring_workbooks(
    year: int,
    output: Path,
    kind: str,
    force: bool,
    data: Path,
    bloc_id: str | None,
) -> None:
    """Write the workbooks of ``kind`` (self, cross or pledge) of ``year`` into the folder
    ``output``, one per unit or per scorer."""
    from khoi_thidua import store
    from khoi_thidua.office.scoring_sheets import (
        cross_file_name,
        cross_workbook,
        pledge_file_name,
        pledge_workbook,
        self_file_name,
        self_workbook,
    )
    from khoi_thidua.store.plans import load_year

    if not output.is_dir():
        raise UsageError(
            t("the output folder {folder} does not exist", folder=store.display(output)),
            t("create it first, or give an existing folder with --output"),
        )
    bloc_dir, bloc = open_bloc(data, bloc_id)
    plan, _ = load_year(bloc_dir, bloc, year)
    active = [m.id for m in bloc.members if m.is_member_in(year)]
    build: Callable[[Bloc, Plan, str], bytes]
    if kind == "cross":
        names = {cross_file_name(s, year): s for s, _ in plan.assignments}
        if not names:
            raise UsageError(
                t("the plan of {year} assigns no cross-scorers", year=year),
                t("add who scores whom under [cross] in plan-{year}.toml", year=year),
            )
        build = cross_workbook
    elif kind == "pledge":
        if not plan.pledge.targets:
            raise UsageError(
                t("the plan of {year} has no pledge targets", year=year),
                t("add [[pledge.targets]] to plan-{year}.toml", year=year),
            )
        names = {pledge_file_name(unit, year): unit for unit in active}
        build = pledge_workbook
    else:
        names = {self_file_name(unit, year): unit for unit in active}
        build = self_workbook
    targets = {name: store.output_target(output / name, force) for name in names}
    for name, who in names.items():
        store.write_export(targets[name], build(bloc, plan, who), force)
    say(
        tn(
            "Wrote {count} workbook into {folder}: {files}",
            "Wrote {count} workbooks into {folder}: {files}",
            len(names),
            folder=store.display(output),
            files=", ".join(names),
        )
    )


def conference_file(year: int, output: Path, force: bool, data: Path, bloc_id: str | None) -> None:
    """Write the conference workbook of ``year``, pre-filled from its plan and scores."""
    from khoi_thidua import store
    from khoi_thidua.office.agreed_workbook import conference_workbook
    from khoi_thidua.year_flow import reconciliation_for

    check_output(output, ".xlsx", force)
    bloc_dir, bloc = open_bloc(data, bloc_id)
    reconciliation = reconciliation_for(bloc_dir, bloc, year)
    if not write_document(output, conference_workbook(bloc, reconciliation), force):
        return
    say(
        t(
            "Wrote {file}: the conference workbook for {year}; fill it in, then run "
            "`khoi import-scores {year} {file}`.",
            file=store.display(output),
            year=year,
        )
    )
