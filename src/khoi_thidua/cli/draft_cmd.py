"""The ``draft`` command: the Word documents of a year, from the pledge to the letter."""

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
    RequiredYear,
    open_bloc,
)
from khoi_thidua.cli.output import say
from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import current, t


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
    pledge: Annotated[
        bool,
        typer.Option(
            "--pledge", help="Draft the year's pledge (Bản giao ước thi đua) from its plan."
        ),
    ] = False,
    mid_year: Annotated[
        bool,
        typer.Option(
            "--mid-year", help="Draft the six-month review (Báo cáo sơ kết 6 tháng) of the year."
        ),
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
    """Draft a Word document of YEAR: pledge, six-month review, ballot, minutes or letter.

    --pledge is the bloc's Bản giao ước thi đua from plan-YEAR.toml: its contents and targets,
    and a signature row per member of that year; --mid-year is the six-month review (Báo cáo
    sơ kết 6 tháng) with each unit's mid-year score and progress from scores-YEAR.toml.

    --ballot lists, for each award, the units eligible on every condition but the vote share,
    with the seats, in the form of [documents] ballot (tick, strike or agree). --count-minutes
    is the vote-counting committee's report (biên bản kiểm phiếu). The minutes give the
    conference's attendance, ballots, every unit's scores and votes, and the units nominated;
    the letter lists the units proposed with award and legal basis, with the scoring table as
    an appendix, and is refused while a tie is open. The chair unit of YEAR signs for the bloc.
    Layout after Decree 30/2020/NĐ-CP (state header) or Hướng dẫn 36-HD/VPTW (Party header).

    Examples:

      khoi draft 2022 --pledge --output giao-uoc-2022.docx

      khoi draft 2021 --mid-year --output so-ket-2021.docx

      khoi draft 2021 --minutes --output bien-ban-2021.docx

      khoi draft 2021 --letter -o to-trinh-2021.docx --template mau-cong-van.docx

      khoi draft 2023 --ballot --one-per-page -o phieu-bau-2023.docx
    """
    from khoi_thidua.app.draft_year import draft_year
    from khoi_thidua.cli.documents import check_output, write_document, year_draft_file
    from khoi_thidua.cli.output import to_stdout
    from khoi_thidua.office.ballots import ballot_document, count_minutes_document
    from khoi_thidua.office.draft_parts import Signer
    from khoi_thidua.office.drafts import DraftFacts, letter_document, minutes_document
    from khoi_thidua.render.proposal import proposal_dict
    from khoi_thidua.store import display

    if sum((minutes, letter, ballot, count_minutes, pledge, mid_year)) != 1:
        raise UsageError(
            t(
                "say which document to draft (one of them): --pledge, --mid-year, --ballot, "
                "--count-minutes, --minutes or --letter"
            )
        )
    if pledge or mid_year:
        if template_file is not None or to_stdout(output):
            raise UsageError(
                t("--pledge and --mid-year take neither --template nor --output -"),
                t("give --output FILE.docx"),
            )
        year_draft_file(year, output, pledge, force, data, bloc_id)
        return
    check_output(output, ".docx", force)
    base = _read_template(template_file) if template_file is not None else None
    bloc_dir, bloc = open_bloc(data, bloc_id)
    # The letter is written after the conference: an open tie refuses it, with the reason.
    loaded = draft_year(bloc_dir, bloc, year, confirmed=letter)
    proposal = loaded.proposal
    facts = DraftFacts(
        bloc=bloc,
        year=year,
        results=loaded.results,
        proposal=proposal_dict(current(), bloc, proposal),
        chair=loaded.chair,
        vice_chair=loaded.vice_chair,
        signer=Signer(unit=loaded.chair or "", title=loaded.signer_title, name=loaded.signer),
    )
    source = display(template_file) if template_file is not None else ""
    sections = loaded.sections
    if ballot:
        document = ballot_document(i18n.current(), facts, sections, one_per_page)
    elif count_minutes:
        document = count_minutes_document(i18n.current(), facts, sections, base, source)
    else:
        document = (minutes_document if minutes else letter_document)(
            i18n.current(), facts, base, source
        )
    if not write_document(output, document, force):
        return
    file = display(output)
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
    return read_template(i18n.current(), path, display(path))
