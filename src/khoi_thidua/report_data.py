"""Gathers what the HTML report shows of one bloc: the application layer's use case for it."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from khoi_thidua import rotation, workflows
from khoi_thidua.awards.proposal import Proposal, rank_results
from khoi_thidua.errors import KhoiError, MissingInputError
from khoi_thidua.model import Bloc, YearResults
from khoi_thidua.records import record
from khoi_thidua.store.packs import pack_for

PLAN_AHEAD = 5  # computed years shown after the report's year in the leadership calendar


@record
class BlocReport:
    """One bloc's report: the year's proposal, every year's results and ranks, leadership."""

    bloc: Bloc
    year: int
    proposal: Proposal
    results: dict[int, YearResults]  # every year with a results file up to ``year``
    ranks: dict[int, dict[str, int]]  # year → member id → rank in that year
    calendar: list[rotation.HistoryRow] = field(default_factory=list)
    calendar_error: str = ""  # why the calendar could not be computed, if it could not
    next_turns: dict[str, int] = field(default_factory=dict)  # member → next year as chair
    award_names: dict[str, str] = field(default_factory=dict)


def bloc_report(bloc_dir: Path, bloc: Bloc, year: int) -> BlocReport:
    """Everything a bloc's page shows for ``year``; ranking comes from the proposal code.

    Each results file is read once: the proposal gets the years its conditions can read
    from the history loaded for the charts, as ``workflows.proposal_for`` would load them.
    """
    pack = workflows.rules_in_force(bloc_dir, bloc, year)
    current = workflows.recorded_results(bloc_dir, bloc, year)
    results = workflows.history_for(bloc_dir, bloc, year)
    proposal = workflows.proposal_from(bloc_dir, bloc, year, pack, current, results)
    results[year] = current
    ranks: dict[int, dict[str, int]] = {}
    names = {a.id: a.name for a in proposal.pack.awards}
    for past, found in sorted(results.items()):
        if past == year:
            ranks[past] = {s.member: s.rank for s in proposal.standings if s.rank is not None}
            continue
        try:
            pack = pack_for(bloc_dir, bloc, past)
            tie_break = pack.tie_break
            names = {a.id: a.name for a in pack.awards} | names
        except MissingInputError:
            tie_break = ()
        ranks[past] = {r.member: k for k, r in rank_results(found.results, tie_break)}
    calendar: list[rotation.HistoryRow] = []
    calendar_error = ""
    turns: dict[str, int] = {}
    try:
        calendar = rotation.history(bloc, year + PLAN_AHEAD)
        turns = rotation.next_turns(bloc, year + 1)
    except KhoiError as exc:  # a roster nobody can lead: the rest of the page still helps
        calendar_error = exc.message
    return BlocReport(bloc, year, proposal, results, ranks, calendar, calendar_error, turns, names)
