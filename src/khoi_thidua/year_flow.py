"""Loads a year's plan and recorded scores from the store and reconciles them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from khoi_thidua import i18n
from khoi_thidua.awards.notices import (
    ComputedScoreDetail,
    ExcludedDetail,
    Notice,
    NoticeOf,
    PlanNotice,
    RatingCappedDetail,
    TypedScoreDetail,
)
from khoi_thidua.awards.proposal import Proposal
from khoi_thidua.errors import KhoiError
from khoi_thidua.model import Bloc, MemberResult, YearResults

if TYPE_CHECKING:  # a year without a plan never loads the scoring code
    from khoi_thidua.plan import MidYear
    from khoi_thidua.reconciliation import Reconciliation
    from khoi_thidua.store.score_records import ScoresOutcome


def reconciliation_for(bloc_dir: Path, bloc: Bloc, year: int) -> Reconciliation:
    """The reconciliation of ``year``: its plan (required) and the scores returned so far."""
    from khoi_thidua.reconciliation import reconcile
    from khoi_thidua.store.plans import load_year

    plan, scores = load_year(bloc_dir, bloc, year)
    return reconcile(i18n.current(), bloc, plan, scores)


def computed_scores(
    bloc_dir: Path, bloc: Bloc, results: YearResults
) -> tuple[YearResults, list[PlanNotice]]:
    """``results`` with each score the year's plan computes, and a notice where it differs.

    A year without a plan, or without recorded scores, keeps its typed scores. A unit whose
    score cannot be computed yet (sheets missing) keeps its typed score too. A unit that failed
    a disqualifying criterion (điểm liệt) is judged on a rating no better than the plan's cap,
    or left out of the results when the plan excludes it; a notice says which.
    """
    from khoi_thidua.store.plans import load_plan, scores_file

    plan = load_plan(bloc_dir, bloc, results.year)
    if plan is None or not scores_file(bloc_dir, results.year).is_file():
        return results, []
    reconciliation = reconciliation_for(bloc_dir, bloc, results.year)
    notices: list[PlanNotice] = []
    updated = []
    for result in results.results:
        line = reconciliation.unit(result.member)
        final = line.final if line is not None else None
        if final is None:
            if line is not None and (line.returned or line.error):
                notices.append(
                    NoticeOf(
                        "typed_score",
                        TypedScoreDetail(member=result.member, plan=plan.source, error=line.error),
                    )
                )
            updated.append(result)
            continue
        score = float(final.score)
        if score != result.score:
            notices.append(
                NoticeOf(
                    "computed_score",
                    ComputedScoreDetail(
                        member=result.member, computed=score, typed=result.score, plan=plan.source
                    ),
                )
            )
        self_score = float(final.self_score) if final.self_score is not None else None
        updated.append(replace(result, score=score, self_score=self_score or result.self_score))
    kept = [r for r in (_disqualified(reconciliation, r, notices) for r in updated) if r]
    return replace(results, results=tuple(kept)), notices


def _disqualified(
    reconciliation: Reconciliation, result: MemberResult, notices: list[PlanNotice]
) -> MemberResult | None:
    """``result`` with its rating capped by the disqualifying criteria it failed, or None when
    one of them excludes the unit; a notice for each change."""
    from khoi_thidua.scoring import ScoringError, disqualification

    plan = reconciliation.plan
    inputs = reconciliation.scores.unit(result.member)
    failed = tuple(sorted(set(inputs.failed))) if inputs is not None else ()
    if not failed:
        return result
    try:
        excluded, cap = disqualification(i18n.current(), plan, failed)
    except ScoringError:
        return result  # an unknown criterion: `khoi check` and `khoi scores` report it
    if excluded:
        detail = ExcludedDetail(member=result.member, failed=list(failed), plan=plan.source)
        notices.append(NoticeOf("excluded", detail))
        return None
    if cap is not None and cap.rank > result.rating.rank:
        capped = RatingCappedDetail(
            member=result.member,
            failed=list(failed),
            plan=plan.source,
            rating=result.rating.value,
            cap=cap.value,
        )
        notices.append(NoticeOf("rating_capped", capped))
        return replace(result, rating=cap)
    return result


def with_notices(proposal: Proposal, notices: list[PlanNotice]) -> Proposal:
    """``proposal`` with the notices of its computed scores added after its own; an excluded
    unit's notice replaces the one saying it has no results."""
    if not notices:
        return proposal
    excluded = {n.detail["member"] for n in notices if n.code == "excluded"}
    own: list[Notice] = [
        n
        for n in proposal.notices
        if not (n.code == "no_results" and n.detail["member"] in excluded)
    ]
    return replace(proposal, notices=(*own, *notices))


def mid_year_reviews(bloc_dir: Path, bloc: Bloc, member_id: str) -> dict[int, MidYear]:
    """``member_id``'s six-month review by year, from every readable scores file.

    A plan or scores file with problems is left out here: `khoi check` reports it.
    """
    from khoi_thidua.store.plans import load_year, scores_years

    reviews: dict[int, MidYear] = {}
    for year in scores_years(bloc_dir):
        try:
            _, scores = load_year(bloc_dir, bloc, year)
        except KhoiError:
            continue
        review = dict(scores.mid_year).get(member_id)
        if review is not None:
            reviews[year] = review
    return reviews


def write_final_scores(bloc_dir: Path, bloc: Bloc, reconciliation: Reconciliation) -> ScoresOutcome:
    """Write each final score the reconciliation computed (with the self-score, the counted
    criteria and, when the plan says so, the rating cap) into results-YEAR.toml."""
    from khoi_thidua.store.score_records import ComputedScore, write_scores

    write_cap = reconciliation.plan.write_rating_cap
    computed = [
        ComputedScore(
            unit.unit,
            float(unit.final.score),
            float(unit.final.self_score) if unit.final.self_score is not None else None,
            tuple((cid, float(points)) for cid, points in unit.final.criteria),
            unit.final.rating_cap.value if write_cap and unit.final.rating_cap else None,
        )
        for unit in reconciliation.units
        if unit.final is not None
    ]
    return write_scores(bloc_dir, bloc, reconciliation.year, computed, reconciliation.plan.source)
