"""Loads what a command needs from the store and runs the pure core on it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from khoi_thidua import i18n, store, year_flow
from khoi_thidua.awards.proposal import Proposal, propose
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.errors import MissingInputError, UsageError
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc, ConferenceDecision, Member, YearResults
from khoi_thidua.store.packs import added_award_ids, made_on, pack_for, shipped_award_ids

if TYPE_CHECKING:
    from khoi_thidua.bloc_draft import BlocDraft
    from khoi_thidua.store.count import CountOutcome
    from khoi_thidua.store.records import DecisionOutcome


def award_ids_for(year: int, made: str | None = None) -> list[str]:
    """Award ids a results file of ``year`` may name: every award of the regime, including
    any the bloc's override switches off (its recorded votes and grants stay valid)."""
    return shipped_award_ids(year, made)


def bloc_award_ids(bloc_dir: Path, bloc: Bloc, year: int) -> list[str]:
    """Award ids the bloc's results file of ``year`` may name: the regime's (chosen by the
    conference date when recorded) and those the province's or bloc's rules files add."""
    return award_ids_for(year, made_on(bloc_dir, year)) + added_award_ids(bloc_dir, bloc)


def checkable_award_ids(year: int) -> list[str] | None:
    """``award_ids_for(year)``, or None for a year no shipped pack covers: such a year is
    valid history whose award ids simply go unchecked."""
    try:
        return award_ids_for(year)
    except MissingInputError:
        return None


def covered_award_ids(bloc_dir: Path, bloc: Bloc, year: int) -> list[str] | None:
    """The award ids of the pack covering ``year`` for the bloc (pinned by a rules file, else
    shipped), or None for a year no pack covers (valid history, its award ids unchecked)."""
    from khoi_thidua.store.packs import covering_pack

    pack = covering_pack(bloc_dir, bloc, year)
    return None if pack is None else [award.id for award in pack.awards]


def look_back(pack: RulePack) -> int:
    """How many earlier years the pack's conditions can read (consecutive years, prior awards)."""
    return max(
        (c.spec.look_back(a.conditions) for a in pack.awards for c in a.conditions), default=0
    )


def history_for(
    bloc_dir: Path, bloc: Bloc, year: int, since: int | None = None
) -> dict[int, YearResults]:
    """Earlier years' results from ``since`` on (all when None), each validated under its own
    year's rule pack."""
    history: dict[int, YearResults] = {}
    for past in store.result_years(bloc_dir):
        if past < year and (since is None or past >= since):
            ids = checkable_award_ids(past)
            if ids is not None:
                ids += added_award_ids(bloc_dir, bloc)
            history[past] = store.load_results(bloc_dir, bloc, past, ids)
    return history


def default_results_year(bloc_dir: Path) -> int:
    years = store.result_years(bloc_dir)
    if not years:
        raise MissingInputError(
            t("no results file in {folder}", folder=store.display(bloc_dir)),
            t(
                "fill the sheet of `khoi template YEAR` and read it with "
                "`khoi import-results YEAR FILE`, or write results-YEAR.toml by hand "
                "(docs/data.md)"
            ),
        )
    return years[-1]


def recorded_results(bloc_dir: Path, bloc: Bloc, year: int) -> YearResults:
    """The year's results as recorded, checked against the award ids the year may name."""
    return store.load_results(bloc_dir, bloc, year, bloc_award_ids(bloc_dir, bloc, year))


def proposal_for(bloc_dir: Path, bloc: Bloc, year: int, confirmed: bool = False) -> Proposal:
    """The proposal for ``year`` from the bloc folder's files, with the conference's recorded
    decisions applied; ``confirmed`` refuses while a tie is still open."""
    pack = rules_in_force(bloc_dir, bloc, year)
    results = recorded_results(bloc_dir, bloc, year)
    # Only the years the conditions can read: a decade of files costs nothing more, and an
    # old file's problems are for `khoi check`, not a reason to refuse this year's draft.
    history = history_for(bloc_dir, bloc, year, year - look_back(pack))
    return proposal_from(bloc_dir, bloc, year, pack, results, history, confirmed)


def proposal_from(
    bloc_dir: Path,
    bloc: Bloc,
    year: int,
    pack: RulePack,
    results: YearResults,
    history: dict[int, YearResults],
    confirmed: bool = False,
) -> Proposal:
    """The proposal from results already loaded (``history`` may hold more years than the
    conditions read: a report loads every year once), with the conference's decisions."""
    results, computed = year_flow.computed_scores(bloc_dir, bloc, results)  # plan-YEAR.toml
    _refuse_unscored(bloc, results)
    since = year - look_back(pack)
    draft = propose(bloc, results, {y: r for y, r in history.items() if y >= since}, pack)
    draft = year_flow.with_notices(draft, computed)
    return _decided(bloc_dir, year, draft, results, confirmed)


def _refuse_unscored(bloc: Bloc, results: YearResults) -> None:
    """A year whose units have ratings but no scores (brought in as history) cannot be ranked."""
    unscored = [
        r.member
        for r in results.results
        if r.score is None
        and bloc.has_member(r.member)
        and bloc.member(r.member).is_member_in(results.year)
    ]
    if unscored:
        raise UsageError(
            t(
                "{year} has no score for {members}: its ranking, and so its proposal, cannot "
                "be made",
                year=results.year,
                members=", ".join(f"`{m}`" for m in unscored),
            ),
            t(
                "a year brought in with ratings only serves the later years' conditions; "
                "add each unit's `score` to results-{year}.toml to rank it",
                year=results.year,
            ),
        )


def _decided(
    bloc_dir: Path, year: int, draft: Proposal, results: YearResults, confirmed: bool = False
) -> Proposal:
    """``draft`` with the conference's decisions in ``results`` applied, or a clear error."""
    from dataclasses import replace

    from khoi_thidua.awards.ballot import count_notices
    from khoi_thidua.awards.decisions import DecisionRefused, apply_decisions
    from khoi_thidua.errors import DataError, Problem, RefusedError

    flagged = replace(draft, notices=draft.notices + count_notices(draft, results.count))
    try:
        return apply_decisions(i18n.current(), flagged, results.decisions, confirmed)
    except DecisionRefused as refused:
        if refused.index < 0:
            raise RefusedError(refused.message, refused.hint) from None
        file = store.display(store.results_file(bloc_dir, year))
        key = f"decisions[{refused.index}]"
        raise DataError(
            i18n.current(), [Problem(file, key, refused.message, refused.hint, code=refused.code)]
        ) from None


def rules_in_force(bloc_dir: Path, bloc: Bloc, year: int) -> RulePack:
    """The rules for the bloc's proposal of ``year``: the pack chosen by the conference date
    (or the year, or a pin), with the province's and the bloc's rules files applied."""
    return pack_for(bloc_dir, bloc, year, made_on(bloc_dir, year))


def resolve_member(bloc: Bloc, query: str, year: int | None = None) -> str:
    """The member id a user typed as id, short name or part of the name.

    With ``year``, the query is matched among the units that were members that year only; a
    unit of another year that the query names is mentioned in the error's hint, never chosen.
    """
    from khoi_thidua.lookup import MemberLookupError, UnknownMemberError, find_member, match_member

    if year is None:
        return find_member(i18n.current(), bloc.members, query).id
    wanted = query.strip()
    for member in bloc.members:
        if member.id == wanted and not member.is_member_in(year):
            raise UsageError(
                t(
                    "`{id}` ({name}) is not a member of the bloc in {year}",
                    id=member.id,
                    name=member.name,
                    year=year,
                ),
                t("it belongs to the bloc {span}", span=membership_span(member)),
            )
    try:
        return match_member(i18n.current(), bloc.members_in(year), query).member.id
    except UnknownMemberError as exc:
        others = [m for m in bloc.members if not m.is_member_in(year)]
        try:
            other = match_member(i18n.current(), others, query).member
        except MemberLookupError:
            raise exc from None
        raise UnknownMemberError(
            t("no member of {year} matches '{query}'", year=year, query=query),
            t(
                "'{query}' names {name} ({id}), a member {span}; "
                "`khoi members {year}` lists that year's members",
                query=query,
                name=other.name,
                id=other.id,
                span=membership_span(other),
                year=year,
            ),
            query,
            (other,),
        ) from None


def membership_span(member: Member) -> str:
    """The years ``member`` belongs to the bloc, in words: "from 2025", "until 2024"."""
    if member.joined is not None and member.left is not None:
        return t("from {joined} to {last}", joined=member.joined, last=member.left - 1)
    if member.joined is not None:
        return t("from {joined}", joined=member.joined)
    if member.left is not None:
        return t("until {last}", last=member.left - 1)
    return t("in every year")


def init_bloc(root: Path, draft: BlocDraft) -> Path:
    """Write ``draft`` as a new bloc folder under ``root``, after checking the text it
    writes the way `khoi check` will; never over an existing bloc."""
    import tomllib

    from khoi_thidua.errors import DataError
    from khoi_thidua.schema.bloc import parse_bloc
    from khoi_thidua.schema.toml_lines import key_lines
    from khoi_thidua.store.bloc_file import bloc_toml
    from khoi_thidua.store.roster import create_bloc_folder

    text = bloc_toml(draft)
    name = f"{draft.id}/{store.BLOC_FILE}"
    bloc, problems = parse_bloc(
        i18n.current(), tomllib.loads(text), draft.id, name, key_lines(text)
    )
    if bloc is None:
        raise DataError(i18n.current(), problems)
    return create_bloc_folder(root, draft.id, text)


def record_decision(
    bloc_dir: Path, bloc: Bloc, year: int, decision: ConferenceDecision
) -> DecisionOutcome:
    """Record the conference's decision in results-YEAR.toml, refused (nothing written) when
    the proposal cannot apply it."""
    from khoi_thidua.store.records import record_decision as record

    pack = pack_for(bloc_dir, bloc, year)
    history = history_for(bloc_dir, bloc, year, year - look_back(pack))

    def validate(results: YearResults) -> None:
        _decided(bloc_dir, year, propose(bloc, results, history, pack), results)

    return record(bloc_dir, bloc, year, decision, award_ids_for(year), validate)


def record_count(
    bloc_dir: Path,
    bloc: Bloc,
    year: int,
    fields: dict[str, object],
    votes: dict[tuple[str, str], int],
) -> CountOutcome:
    """Record the conference's vote count in results-YEAR.toml (see store.count)."""
    from khoi_thidua.store.count import record_count as record

    return record(bloc_dir, bloc, year, fields, votes, award_ids_for(year))
