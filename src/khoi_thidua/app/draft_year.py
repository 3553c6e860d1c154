"""What the year's conference documents state, loaded once: the proposal, the results as
recorded, the year's chair and vice-chair, and who signs for the bloc."""

from __future__ import annotations

from pathlib import Path

from khoi_thidua import i18n, rotation, workflows
from khoi_thidua.awards.ballot import BallotSection, ballot_sections
from khoi_thidua.awards.proposal import Proposal
from khoi_thidua.model import Bloc, YearResults
from khoi_thidua.records import record


@record
class DraftYear:
    """A year of a bloc as its minutes, letter, ballot and count minutes state it."""

    proposal: Proposal
    results: YearResults  # as recorded: the conference, its count and its decisions
    chair: str | None  # the chair unit's name; None when no record gives the leadership
    vice_chair: str | None
    signer_title: str  # the chair unit's head, as recorded for the year ("" when not)
    signer: str
    sections: tuple[BallotSection, ...]  # who goes on the ballot for each award


def draft_year(bloc_dir: Path, bloc: Bloc, year: int, confirmed: bool = False) -> DraftYear:
    """The proposal of ``year`` (``confirmed`` refuses while a tie is open) from results read
    once, with the year's leadership and signer."""
    pack = workflows.rules_in_force(bloc_dir, bloc, year)
    results = workflows.recorded_results(bloc_dir, bloc, year)
    history = workflows.history_for(bloc_dir, bloc, year, year - workflows.look_back(pack))
    proposal = workflows.proposal_from(bloc_dir, bloc, year, pack, results, history, confirmed)
    try:
        leadership: rotation.Leadership | None = rotation.leadership_in(i18n.current(), bloc, year)
    except rotation.RotationError:
        leadership = None  # no record to rotate from: the names are left for the secretariat
    chair = leadership.chair if leadership else None
    vice_chair = leadership.vice_chair if leadership else None
    record = bloc.recorded(year)
    return DraftYear(
        proposal=proposal,
        results=results,
        chair=bloc.member(chair).name if chair else None,
        vice_chair=bloc.member(vice_chair).name if vice_chair else None,
        signer_title=record.signer_title if record else "",
        signer=record.signer if record else "",
        sections=ballot_sections(proposal),
    )


def ballot_of(
    bloc_dir: Path, bloc: Bloc, year: int
) -> tuple[tuple[BallotSection, ...], dict[str, str]]:
    """The year's ballot (each award's seats and candidates) and the awards' names, for the
    tally sheet."""
    proposal = workflows.proposal_for(bloc_dir, bloc, year)
    return ballot_sections(proposal), {a.id: a.name for a in proposal.pack.awards}
