"""Commands for Excel and Word: ``template``, ``import-results`` and ``draft``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khoi_thidua import i18n
from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    BlocOption,
    DataOption,
    ForceOption,
    JsonOption,
    QuietOption,
    RequiredYear,
    open_bloc,
)
from khoi_thidua.cli.output import emit, say
from khoi_thidua.errors import RefusedError, UsageError
from khoi_thidua.i18n import current, t
from khoi_thidua.model import Bloc


def template(
    year: RequiredYear,
    output: Annotated[Path, typer.Option("--output", "-o", help="The workbook to write (.xlsx).")],
    with_results: Annotated[
        bool,
        typer.Option(
            "--with-results", help="Pre-fill the sheet with the values of results-YEAR.toml."
        ),
    ] = False,
    tally: Annotated[
        bool,
        typer.Option(
            "--tally", help="Write the tally sheet of the vote count instead (read by `count`)."
        ),
    ] = False,
    self_scoring: Annotated[
        bool,
        typer.Option(
            "--self-scoring",
            help="Write one self-scoring workbook per unit from plan-YEAR.toml into the "
            "--output folder.",
        ),
    ] = False,
    cross: Annotated[
        bool,
        typer.Option(
            "--cross",
            help="Write one cross-scoring workbook per scorer of the plan into the --output "
            "folder.",
        ),
    ] = False,
    pledge: Annotated[
        bool,
        typer.Option(
            "--pledge",
            help="Write one workbook per unit, to register its figure for each pledge target, "
            "into the --output folder.",
        ),
    ] = False,
    conference: Annotated[
        bool,
        typer.Option(
            "--conference",
            help="Write the conference workbook: agreed scores with reasons, bonus, penalty, "
            "disqualifying criteria and mid-year reviews.",
        ),
    ] = False,
    force: ForceOption = False,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
) -> None:
    """Write an Excel workbook for YEAR: the results sheet, or the workbooks of its plan.

    With --self-scoring, --cross or --pledge (the same as `khoi scoring-sheets`): the
    workbooks of plan-YEAR.toml, one per unit or per scorer, in the --output folder; the
    units fill them and `khoi import-scores YEAR FOLDER` reads them back. With --conference:
    one workbook where the conference records, per unit, the agreed score of each criterion
    with the reason for the points deducted, bonus and penalty points, the disqualifying
    criteria failed and the mid-year review, beside the self and cross scores returned so far.

    Sheet «Kết quả»: one row per member (keep the «Mã đơn vị» column as it is) and a column
    per results field: scores, rating and discipline (drop-down lists), staff figures, each
    scoring criterion, and the votes for each award of the rule pack in force. Sheet «Hội
    nghị»: the nominating conference (date, place, ballots, attendees). Fill it in Excel or
    LibreOffice, then run `khoi import-results YEAR FILE`.

    Examples:

      khoi template 2021 --output ket-qua-2021.xlsx

      khoi template 2021 -o ket-qua-2021.xlsx --with-results

      khoi template 2022 --pledge --output dang-ky

      khoi template 2022 --self-scoring --output phieu-cham

      khoi template 2022 --conference --output hoi-nghi-2022.xlsx
    """
    from khoi_thidua.cli.documents import (
        check_output,
        conference_file,
        scoring_workbooks,
        write_document,
    )
    from khoi_thidua.office.template import template_workbook
    from khoi_thidua.store import display
    from khoi_thidua.workflows import recorded_results, rules_in_force

    chosen = {"self": self_scoring, "cross": cross, "pledge": pledge, "conference": conference}
    plan_kinds = [kind for kind, on in chosen.items() if on]
    if plan_kinds and len(plan_kinds) + tally + with_results > 1:
        raise UsageError(
            t(
                "give one of --self-scoring, --cross, --pledge and --conference, without --tally "
                "or --with-results"
            )
        )
    if plan_kinds == ["conference"]:
        conference_file(year, output, force, data, bloc_id)
        return
    if plan_kinds:
        scoring_workbooks(year, output, plan_kinds[0], force, data, bloc_id)
        return
    check_output(output, ".xlsx", force)
    bloc_dir, bloc = open_bloc(data, bloc_id)
    if tally:
        _tally(bloc_dir, bloc, year, output, force)
        return
    pack = rules_in_force(bloc_dir, bloc, year)
    results = recorded_results(bloc_dir, bloc, year) if with_results else None
    if not write_document(output, template_workbook(bloc, year, pack.bloc_awards, results), force):
        return
    facts = {
        "file": display(output),
        "members": len(bloc.members_in(year)),
        "bloc": bloc.name,
        "year": year,
    }
    if with_results:
        say(
            t(
                "Wrote {file}: {members} members of {bloc} for {year}, pre-filled from the "
                "results file.",
                **facts,
            )
        )
    else:
        say(t("Wrote {file}: {members} members of {bloc} for {year}.", **facts))


def _tally(bloc_dir: Path, bloc: Bloc, year: int, output: Path, force: bool) -> None:
    from khoi_thidua.app.draft_year import ballot_of
    from khoi_thidua.cli.documents import write_document
    from khoi_thidua.office.tally import tally_workbook
    from khoi_thidua.store import display

    sections, names = ballot_of(bloc_dir, bloc, year)
    if write_document(output, tally_workbook(bloc, year, sections, names), force):
        say(t("Wrote {file}: the tally sheet for {year}.", file=display(output), year=year))


def import_results(
    year: RequiredYear,
    file: Annotated[
        Path,
        typer.Argument(help="The filled workbook (.xlsx) or a CSV file (UTF-8) with its headers."),
    ],
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Overwrite results-YEAR.toml when it holds other results."),
    ] = False,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Import a filled scoring sheet (.xlsx or .csv) into the bloc's results-YEAR.toml.

    Every cell is checked first; each problem is reported with its sheet, row and column, and
    nothing is written if any is wrong. Importing the same sheet again changes nothing. When
    results-YEAR.toml already holds different results, the changes are listed member by
    member and the command exits 1 unless --replace is given. Awards granted and the note of
    the file replaced are kept.

    Examples:

      khoi import-results 2021 ket-qua-2021.xlsx

      khoi import-results 2021 ket-qua-2021.csv --replace --json
    """
    from khoi_thidua.office.columns import results_columns
    from khoi_thidua.office.reports import field_labels, import_dict, import_view
    from khoi_thidua.office.results_import import (
        REFUSED,
        UNCHANGED,
        WRITTEN,
        apply_import,
        read_sheet,
    )
    from khoi_thidua.render.problems import problem_lines
    from khoi_thidua.workflows import bloc_award_ids, rules_in_force

    bloc_dir, bloc = open_bloc(data, bloc_id)
    pack = rules_in_force(bloc_dir, bloc, year)
    award_ids = bloc_award_ids(bloc_dir, bloc, year)
    imported = read_sheet(i18n.current(), file, bloc, year, pack.bloc_awards, award_ids)
    for warning in imported.warnings:
        say(problem_lines(current(), warning))
    outcome = apply_import(i18n.current(), bloc_dir, bloc, year, award_ids, imported, replace)
    msgs = i18n.current()
    labels = field_labels(msgs, results_columns(bloc, pack.bloc_awards))
    if not quiet or outcome.status == REFUSED:  # the changes listed are the refusal's detail
        emit(
            import_dict(bloc, year, imported, outcome),
            lambda: import_view(msgs, bloc, imported, outcome, labels),
            as_json,
        )
    if outcome.existing_problem and not quiet:
        say(t("note: {problem}", problem=outcome.existing_problem))
    if outcome.status == REFUSED:
        raise RefusedError(
            t(
                "{file} already holds different results for {year}; nothing was written",
                file=outcome.file,
                year=year,
            ),
            t("check the changes listed, then run again with --replace to overwrite it"),
        )
    units = len(imported.results.results)
    if quiet:
        return
    if outcome.status == UNCHANGED:
        say(t("{file} is unchanged: it already holds these results.", file=outcome.file))
    elif outcome.status == WRITTEN:
        say(t("Wrote {file}: results of {units} units.", file=outcome.file, units=units))
    elif outcome.kept:
        say(
            t(
                "Replaced {file}: results of {units} units (kept from the old file: {kept}).",
                file=outcome.file,
                units=units,
                kept=", ".join(f"`{key}`" for key in outcome.kept),
            )
        )
    else:
        say(t("Replaced {file}: results of {units} units.", file=outcome.file, units=units))
