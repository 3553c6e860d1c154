"""The province's year: every bloc's proposal, or every bloc's report, gathered for one year."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from khoi_thidua.app.blocs import BlocRun, Walk, exit_code
from khoi_thidua.awards.proposal import Proposal
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.model import Bloc
from khoi_thidua.records import record

if TYPE_CHECKING:  # `summary` never loads the report's code
    from khoi_thidua.report_data import BlocReport

T = TypeVar("T")
BlocFacts = tuple[Bloc, Proposal]  # what the province summary needs of one bloc


@record
class ProvinceRun(Generic[T]):
    """One job run on every bloc for ``year``, and the pack the province's caps come from."""

    year: int
    pack: RulePack  # the province's pack of the year (its rules file applied, its pin chosen)
    runs: list[BlocRun[T]]  # in the order of the bloc folders

    @property
    def done(self) -> list[T]:
        """What the blocs that succeeded gave."""
        return [run.value for run in self.runs if run.value is not None]

    @property
    def failed(self) -> list[BlocRun[T]]:
        """The blocs that failed, each with its error."""
        return [run for run in self.runs if run.error is not None]

    @property
    def code(self) -> int:
        """The batch's exit code: 0 when every bloc succeeded."""
        return exit_code(self.runs)


@record
class ProvinceSummary(ProvinceRun[BlocFacts]):
    """Every bloc's proposal of the year, kept as small as the summary needs."""

    @property
    def facts(self) -> list[BlocFacts]:
        return self.done


@record
class ProvinceReport(ProvinceRun["BlocReport"]):
    """Every bloc's report of the year: its page, and its part of the province page."""

    @property
    def facts(self) -> list[BlocFacts]:
        """Each bloc's proposal, for the province page's summary."""
        return [(report.bloc, report.proposal) for report in self.done]

    @property
    def province(self) -> str:
        """The province's name when every bloc names the same one, else empty."""
        provinces = sorted({report.bloc.province for report in self.done if report.bloc.province})
        return provinces[0] if len(provinces) == 1 else ""


def province_summary(data: Path, year: int, walk: Walk) -> ProvinceSummary:
    """Every bloc's proposal of ``year``, each bloc thinned to the facts the summary prints as
    soon as it is made, so that a province of any size is summed up in little memory.

    The caps are those of the packs the blocs ran under (with the province's rules file; a
    bloc's own file cannot change them); the province's pin for the year chooses the pack, and
    no pack for the year stops here, before any bloc is read.
    """
    from khoi_thidua.store.packs import province_pack_for

    pack = province_pack_for(data, year)
    return ProvinceSummary(year, pack, list(each_proposal(year, False, walk, summary_facts)))


def each_proposal(
    year: int | None, confirmed: bool, walk: Walk, then: Callable[[Bloc, Proposal], T]
) -> Iterable[BlocRun[T]]:
    """Every bloc's proposal for ``year`` (each bloc's latest results year when None), handed
    to ``then`` as soon as it is made; what ``then`` gives is the bloc's outcome, so a caller
    that writes each outcome and lets it go keeps memory flat. ``confirmed`` as in
    ``workflows.proposal_for``."""
    from khoi_thidua import store, workflows

    def work(bloc_dir: Path) -> T:
        bloc = store.load_bloc(bloc_dir)
        target = year if year is not None else workflows.default_results_year(bloc_dir)
        return then(bloc, workflows.proposal_for(bloc_dir, bloc, target, confirmed))

    return walk(work)


def province_report(data: Path, year: int, walk: Walk) -> ProvinceReport:
    """Every bloc's report of ``year`` (see ``report_data.bloc_report``), with the province's
    pack of the year for the province page's caps."""
    from khoi_thidua import store
    from khoi_thidua.report_data import bloc_report
    from khoi_thidua.store.packs import province_pack_for

    pack = province_pack_for(data, year)

    def work(bloc_dir: Path) -> BlocReport:
        return bloc_report(bloc_dir, store.load_bloc(bloc_dir), year)

    return ProvinceReport(year, pack, list(walk(work)))


def summary_facts(bloc: Bloc, proposal: Proposal) -> BlocFacts:
    """What the summary keeps of one bloc's run: the leading and proposed standings, without
    results or reasons, so that a province of any size is summed up in little memory."""
    from khoi_thidua.awards.province import meeting_standard

    # A cap may count the units meeting an award's standard (Decree 91/2017 Art. 11(1)): those
    # keep the decisions it reads; every other standing keeps only what the summary prints.
    standards = {cap.standard for cap in proposal.pack.caps if cap.of == "standard"}
    meeting = {m for award in standards for m in meeting_standard(proposal, award)}
    kept = tuple(
        replace(s, result=None, titles=())
        if s.member in meeting
        else replace(s, result=None, decisions=(), titles=())
        for s in proposal.standings
        if s.rank == 1 or s.award is not None or s.member in meeting
    )
    return bloc, replace(proposal, standings=kept, seats=(), notices=())
