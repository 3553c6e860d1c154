"""Commands for Excel and Word: ``template``, ``import-results`` and ``draft``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    BlocOption,
    DataOption,
    ForceOption,
    JsonOption,
    open_bloc,
)
from khoi_thidua.cli.output import emit, say
from khoi_thidua.errors import RefusedError, UsageError
from khoi_thidua.i18n import t
from khoi_thidua.model import MAX_YEAR, MIN_YEAR, Bloc

RequiredYear = Annotated[
    int, typer.Argument(help="The year of the results, e.g. 2021.", min=MIN_YEAR, max=MAX_YEAR)
]


def _check_output(output: Path, suffix: str, force: bool) -> None:
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


def _write(output: Path, data: bytes, force: bool) -> bool:
    """Write the document to ``output`` (or stdout for ``-``); True when a file was written."""
    import sys

    from khoi_thidua import store

    if store.is_stdout(output):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return False
    store.write_export(output, data, force)
    return True


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
    force: ForceOption = False,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
) -> None:
    """Write an Excel scoring workbook for YEAR, with the bloc's members of that year.

    Sheet «Kết quả»: one row per member (keep the «Mã đơn vị» column as it is) and a column
    per results field: scores, rating and discipline (drop-down lists), staff figures, each
    scoring criterion, and the votes for each award of the rule pack in force. Sheet «Hội
    nghị»: the nominating conference (date, place, ballots, attendees). Fill it in Excel or
    LibreOffice, then run `khoi import-results YEAR FILE`.

    Examples:

      khoi template 2021 --output ket-qua-2021.xlsx

      khoi template 2021 -o ket-qua-2021.xlsx --with-results
    """
    from khoi_thidua import store
    from khoi_thidua.office.template import template_workbook
    from khoi_thidua.workflows import bloc_award_ids, rules_in_force

    _check_output(output, ".xlsx", force)
    bloc_dir, bloc = open_bloc(data, bloc_id)
    if tally:
        _tally(bloc_dir, bloc, year, output, force)
        return
    pack = rules_in_force(bloc_dir, bloc, year)
    results = None
    if with_results:
        results = store.load_results(bloc_dir, bloc, year, bloc_award_ids(bloc_dir, bloc, year))
    if not _write(output, template_workbook(bloc, year, pack.bloc_awards, results), force):
        return
    facts = {
        "file": store.display(output),
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
    from khoi_thidua import store, workflows
    from khoi_thidua.awards.ballot import ballot_sections
    from khoi_thidua.office.tally import tally_workbook

    proposal = workflows.proposal_for(bloc_dir, bloc, year)
    names = {a.id: a.name for a in proposal.pack.awards}
    if _write(output, tally_workbook(bloc, year, ballot_sections(proposal), names), force):
        say(t("Wrote {file}: the tally sheet for {year}.", file=store.display(output), year=year))


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
    imported = read_sheet(file, bloc, year, pack.bloc_awards, award_ids)
    for warning in imported.warnings:
        say(problem_lines(warning))
    outcome = apply_import(bloc_dir, bloc, year, award_ids, imported, replace)
    labels = field_labels(results_columns(bloc, pack.bloc_awards))
    view = import_view(bloc, imported, outcome, labels)
    emit(import_dict(bloc, year, imported, outcome), view, as_json)
    if outcome.existing_problem:
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


def draft(
    year: RequiredYear,
    output: Annotated[Path, typer.Option("--output", "-o", help="The document to write (.docx).")],
    minutes: Annotated[
        bool, typer.Option("--minutes", help="Draft the conference minutes (biên bản).")
    ] = False,
    letter: Annotated[
        bool,
        typer.Option("--letter", help="Draft the proposal letter (tờ trình) to the province."),
    ] = False,
    ballot: Annotated[
        bool, typer.Option("--ballot", help="Draft the secret ballot (phiếu bầu suy tôn).")
    ] = False,
    count_minutes: Annotated[
        bool,
        typer.Option("--count-minutes", help="Draft the count minutes (biên bản kiểm phiếu)."),
    ] = False,
    one_per_page: Annotated[
        bool,
        typer.Option("--one-per-page", help="With --ballot: each award's ballot on its own page."),
    ] = False,
    template_file: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Your own .docx to start from: its page setup, styles and content are kept "
            "and the draft is appended to it.",
        ),
    ] = None,
    force: ForceOption = False,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
) -> None:
    """Draft a Word document of YEAR's conference: ballot, count minutes, minutes or letter.

    --ballot lists, for each award, the units eligible on every condition but the vote share,
    with the seats, in the form of [documents] ballot (tick, strike or agree). --count-minutes
    is the vote-counting committee's report (biên bản kiểm phiếu). The minutes give the
    conference's attendance, ballots, every unit's scores and votes, and the units nominated;
    the letter lists the units proposed with award and legal basis, with the scoring table as
    an appendix, and is refused while a tie is open. The chair unit of YEAR signs for the bloc.
    Layout after Decree 30/2020/NĐ-CP (state header) or Hướng dẫn 36-HD/VPTW (Party header).

    Examples:

      khoi draft 2021 --minutes --output bien-ban-2021.docx

      khoi draft 2021 --letter -o to-trinh-2021.docx --template mau-cong-van.docx

      khoi draft 2023 --ballot --one-per-page -o phieu-bau-2023.docx
    """
    from khoi_thidua import rotation, store, workflows
    from khoi_thidua.awards.ballot import ballot_sections
    from khoi_thidua.office.ballots import ballot_document, count_minutes_document
    from khoi_thidua.office.draft_parts import Signer
    from khoi_thidua.office.drafts import DraftFacts, letter_document, minutes_document
    from khoi_thidua.render.proposal import proposal_dict

    if sum((minutes, letter, ballot, count_minutes)) != 1:
        raise UsageError(
            t(
                "say which document to draft (one of them): --ballot, --count-minutes, "
                "--minutes or --letter"
            )
        )
    _check_output(output, ".docx", force)
    base = _read_template(template_file) if template_file is not None else None
    bloc_dir, bloc = open_bloc(data, bloc_id)
    # The letter is written after the conference: an open tie refuses it, with the reason.
    proposal = workflows.proposal_for(bloc_dir, bloc, year, confirmed=letter)
    results = store.load_results(
        bloc_dir, bloc, year, workflows.bloc_award_ids(bloc_dir, bloc, year)
    )
    try:
        leadership: rotation.Leadership | None = rotation.leadership_in(bloc, year)
    except rotation.RotationError:
        leadership = None  # no record to rotate from: the names are left for the secretariat
    record = bloc.recorded(year)
    chair_name = bloc.member(leadership.chair).name if leadership and leadership.chair else ""
    signer = Signer(
        unit=chair_name,
        title=record.signer_title if record else "",
        name=record.signer if record else "",
    )
    facts = DraftFacts(
        bloc=bloc,
        year=year,
        results=results,
        proposal=proposal_dict(bloc, proposal),
        chair=chair_name or None,
        vice_chair=(
            bloc.member(leadership.vice_chair).name
            if leadership and leadership.vice_chair
            else None
        ),
        signer=signer,
    )
    source = store.display(template_file) if template_file is not None else ""
    sections = ballot_sections(proposal)
    if ballot:
        document = ballot_document(facts, sections, one_per_page)
    elif count_minutes:
        document = count_minutes_document(facts, sections, base, source)
    else:
        document = (minutes_document if minutes else letter_document)(facts, base, source)
    if not _write(output, document, force):
        return
    file = store.display(output)
    if ballot:
        say(t("Wrote {file}: the ballot for {year}.", file=file, year=year))
    elif count_minutes:
        say(t("Wrote {file}: the count minutes for {year}.", file=file, year=year))
    elif minutes:
        say(
            t(
                "Wrote {file}: the minutes for {year}; fill in the “…” before signing.",
                file=file,
                year=year,
            )
        )
    else:
        say(
            t(
                "Wrote {file}: the proposal letter for {year}; fill in the “…” before signing.",
                file=file,
                year=year,
            )
        )


def _read_template(path: Path) -> bytes:
    from khoi_thidua.office.docx_guard import read_template
    from khoi_thidua.store import display

    if path.suffix.lower() != ".docx":
        raise UsageError(
            t(
                "{file}: the template must be a .docx file, not `{found}`",
                file=display(path),
                found=path.suffix or path.name,
            ),
            t("open it in Word and save it as .docx"),
        )
    return read_template(path, display(path))
