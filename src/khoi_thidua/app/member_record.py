"""One unit's record by year (`history --member`): its results, rank, role and awards granted."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from khoi_thidua import i18n
from khoi_thidua.model import Bloc, GrantedAward, MemberResult
from khoi_thidua.plan import MidYear
from khoi_thidua.records import record
from khoi_thidua.rotation import Role


@record
class YearRecord:
    """What one year holds for a unit."""

    year: int
    result: MemberResult | None
    rank: int | None
    members: int
    granted: tuple[GrantedAward, ...]
    award_names: dict[str, str]
    role: Role | None
    is_member: bool = True  # False for a year before the unit joined or after it left
    mid_year: MidYear | None = None  # the six-month review, from scores-YYYY.toml


@record
class MemberRecord:
    """The unit ``member_id`` names, and every year from the first to the last the bloc
    holds anything for."""

    member_id: str
    years: list[YearRecord]


def member_record(bloc_dir: Path, bloc: Bloc, query: str) -> MemberRecord:
    """The record by year of the unit ``query`` names (id, short name or part of the name).

    A year without results is a row that says so, never silently left out of the record;
    each year's rank is under that year's tie-break, its awards named by that year's regime.
    """
    from khoi_thidua import store, workflows, year_flow

    member_id = workflows.resolve_member(bloc, query)
    years = store.result_years(bloc_dir)
    known = set(years) | {r.year for r in bloc.leadership}
    span = range(min(known), max(known) + 1) if known else range(0)
    rows = [_year(bloc_dir, bloc, member_id, year, year in years) for year in span]
    reviews = year_flow.mid_year_reviews(bloc_dir, bloc, member_id)  # scores-YYYY.toml
    rows = [dataclasses.replace(r, mid_year=reviews.get(r.year)) for r in rows]
    return MemberRecord(member_id, rows)


def _year(bloc_dir: Path, bloc: Bloc, member_id: str, year: int, has_results: bool) -> YearRecord:
    from khoi_thidua import rotation, store
    from khoi_thidua.awards.proposal import rank_results
    from khoi_thidua.errors import KhoiError, MissingInputError
    from khoi_thidua.store.packs import added_award_ids, pack_for, shipped_pack_for

    member = bloc.member(member_id)
    role: Role | None = None
    try:
        lead = rotation.leadership_in(i18n.current(), bloc, year)
        roles: dict[str | None, Role] = {lead.chair: "chair", lead.vice_chair: "vice_chair"}
        role = roles.get(member_id)
    except KhoiError:
        pass
    members = len(bloc.members_in(year))
    if not has_results:
        return YearRecord(year, None, None, members, (), {}, role, member.is_member_in(year))
    try:
        regime = shipped_pack_for(year)  # every award id, even ones the bloc switched off
        ids: list[str] | None = [a.id for a in regime.awards] + added_award_ids(bloc_dir, bloc)
        names = {a.id: a.name for a in regime.awards}
        tie_break = pack_for(bloc_dir, bloc, year).tie_break
    except MissingInputError:
        ids, names, tie_break = None, {}, ()
    results = store.load_results(bloc_dir, bloc, year, ids)
    ranks = {r.member: k for k, r in rank_results(results.results, tie_break)}
    return YearRecord(
        year,
        results.result_for(member_id),
        ranks.get(member_id),
        members,
        tuple(g for g in results.granted if g.member == member_id),
        names,
        role,
        member.is_member_in(year),
    )
