"""One unit's record by year (`history --member`): results, rank, role and awards granted."""

from __future__ import annotations

from pathlib import Path

from khoi_thidua.cli.output import emit
from khoi_thidua.i18n import current
from khoi_thidua.model import Bloc


def member_history(bloc_dir: Path, bloc: Bloc, query: str, as_json: bool) -> None:
    """Print one unit's results, ranks, roles and awards by year."""
    import dataclasses

    from khoi_thidua import rotation, store, workflows, year_flow
    from khoi_thidua.awards.proposal import rank_results
    from khoi_thidua.errors import KhoiError, MissingInputError
    from khoi_thidua.render import member_history as view
    from khoi_thidua.store.packs import added_award_ids, pack_for, shipped_pack_for

    member_id = workflows.resolve_member(bloc, query)
    years = store.result_years(bloc_dir)
    known = set(years) | {r.year for r in bloc.leadership}
    member = bloc.member(member_id)
    rows: list[view.YearRecord] = []
    # Every year from the first to the last the bloc holds anything for: a year without
    # results is a row that says so, never silently left out of the unit's record.
    span = range(min(known), max(known) + 1) if known else range(0)
    for year in span:
        role: rotation.Role | None = None
        try:
            lead = rotation.leadership_in(bloc, year)
            roles: dict[str | None, rotation.Role] = {
                lead.chair: "chair",
                lead.vice_chair: "vice_chair",
            }
            role = roles.get(member_id)
        except KhoiError:
            pass
        if year not in years:
            rows.append(
                view.YearRecord(
                    year,
                    None,
                    None,
                    len(bloc.members_in(year)),
                    (),
                    {},
                    role,
                    member.is_member_in(year),
                )
            )
            continue
        try:
            regime = shipped_pack_for(year)  # every award id, even ones the bloc switched off
            ids: list[str] | None = [a.id for a in regime.awards] + added_award_ids(bloc_dir, bloc)
            names = {a.id: a.name for a in regime.awards}
            tie_break = pack_for(bloc_dir, bloc, year).tie_break
        except MissingInputError:
            ids, names, tie_break = None, {}, ()
        results = store.load_results(bloc_dir, bloc, year, ids)
        ranks = {r.member: k for k, r in rank_results(results.results, tie_break)}
        rows.append(
            view.YearRecord(
                year,
                results.result_for(member_id),
                ranks.get(member_id),
                len(bloc.members_in(year)),
                tuple(g for g in results.granted if g.member == member_id),
                names,
                role,
                member.is_member_in(year),
            )
        )
    reviews = year_flow.mid_year_reviews(bloc_dir, bloc, member_id)  # scores-YYYY.toml
    rows = [dataclasses.replace(r, mid_year=reviews.get(r.year)) for r in rows]
    data = view.member_history_dict(bloc, member_id, rows)
    emit(data, lambda: view.member_history_view(current(), data), as_json)
