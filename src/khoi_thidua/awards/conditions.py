"""Evaluates one award condition for one unit, recording what was observed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from khoi_thidua.awards.rules import AwardRule, Condition
from khoi_thidua.model import Discipline, MemberResult, Rating, YearResults


@dataclass(frozen=True)
class Facts:
    """What a condition may look at: the year's results, earlier years and the ranking."""

    year: int
    results: YearResults
    history: Mapping[int, YearResults]  # earlier years' results, by year
    ranks: Mapping[str, int]


@dataclass(frozen=True)
class ConditionCheck:
    """A condition, whether the unit meets it, and the values that decided it."""

    condition: Condition
    met: bool
    actual: dict[str, Any] = field(default_factory=dict)


def check(
    condition: Condition, award: AwardRule, result: MemberResult, facts: Facts
) -> ConditionCheck:
    evaluate = _EVALUATORS[condition.kind]
    met, actual = evaluate(condition.params, award, result, facts)
    return ConditionCheck(condition, met, actual)


Outcome = tuple[bool, dict[str, Any]]


def _min_rating(params: dict[str, Any], _a: AwardRule, r: MemberResult, _f: Facts) -> Outcome:
    need = Rating(params["rating"])
    return r.rating.at_least(need), {"rating": r.rating.value}


def _max_rank(params: dict[str, Any], _a: AwardRule, r: MemberResult, f: Facts) -> Outcome:
    rank = f.ranks[r.member]
    return rank <= params["rank"], {"rank": rank}


def _no_discipline(params: dict[str, Any], _a: AwardRule, r: MemberResult, _f: Facts) -> Outcome:
    level = Discipline(params["at_or_above"])
    return r.discipline.severity < level.severity, {"discipline": r.discipline.value}


SIMPLE_DENOMINATORS = range(2, 13)  # halves … twelfths: the shares a body writes as a fraction


def threshold(written: float) -> Fraction:
    """The share a threshold stands for, exactly.

    A decimal of three or more places that is a rounding of a simple fraction stands for that
    fraction: ``0.6667`` or ``0.667`` is two thirds, so exactly 2 votes of 3 (or 6 of 9) meet
    "at least 0.6667". Any other value is taken exactly as written (0.5, 0.55, 0.7).
    """
    text = str(written)
    exact = Fraction(text)
    places = len(text.partition(".")[2]) if "e" not in text else 0
    if places >= 3:
        half_unit = Fraction(1, 2 * 10**places)
        for denominator in SIMPLE_DENOMINATORS:
            candidate = Fraction(round(exact * denominator), denominator)
            if abs(candidate - exact) < half_unit:
                return candidate
    return exact


def _share_met(value: Fraction, params: Mapping[str, Any], more: str, least: str) -> bool:
    # Shares compare exactly, as fractions: 4 votes of 8 is not "more than half", and a
    # two-thirds rule written 0.6667 is met by exactly 2 of 3 (see ``threshold``).
    if more in params:
        return value > threshold(params[more])
    return value >= threshold(params[least])


def _min_vote_share(params: dict[str, Any], a: AwardRule, r: MemberResult, f: Facts) -> Outcome:
    ballots = f.results.ballots
    votes = r.votes_for(a.id)
    actual: dict[str, Any] = {"votes": votes, "ballots": ballots}
    if ballots is None:
        actual["missing"] = "ballots"
        return False, actual
    if votes is None:
        if not r.votes_recorded:
            actual["missing"] = "votes"  # no `votes` at all: worth a warning
        votes = 0
    return _share_met(Fraction(votes, ballots), params, "more_than", "at_least"), actual


def _min_score(params: dict[str, Any], _a: AwardRule, r: MemberResult, _f: Facts) -> Outcome:
    return r.score >= params["score"], {"score": r.score}


def _consecutive_years(params: dict[str, Any], _a: AwardRule, r: MemberResult, f: Facts) -> Outcome:
    need = Rating(params["rating"])
    years_needed: int = params["years"]
    streak = 0
    broken: dict[str, Any] = {}
    for year in range(f.year, f.year - years_needed, -1):
        results = f.results if year == f.year else f.history.get(year)
        if results is None:
            broken = {"broken_at": year, "broken_by": "no_results_file"}
            break
        past = results.result_for(r.member)
        if past is None:
            broken = {"broken_at": year, "broken_by": "no_result"}
            break
        if not past.rating.at_least(need):
            broken = {"broken_at": year, "broken_by": "rating", "rating": past.rating.value}
            break
        streak += 1
    return streak >= years_needed, {"streak": streak, **broken}


def _prior_awards(params: dict[str, Any], a: AwardRule, r: MemberResult, f: Facts) -> Outcome:
    wanted = set(params["awards"])
    first, last = prior_window(params, a, f.year, min(f.history, default=f.year))
    found: list[dict[str, Any]] = []
    for year in range(first, last + 1):
        results = f.history.get(year)
        if results is None:
            continue
        for granted in results.granted:
            if granted.member == r.member and granted.award in wanted:
                found.append({"year": year, "award": granted.award, "decision": granted.decision})
    actual = {"found": found, "from": first, "to": last}
    return len(found) >= params["min_count"], actual


def prior_window(
    params: Mapping[str, Any], award: AwardRule, year: int, oldest: int
) -> tuple[int, int]:
    """The results years (first, last) a ``prior_awards`` condition searches.

    ``window = "years"``: the ``within_years`` years before ``year``. With a run of
    consecutive years in the award (Decree 65/2014 Art. 23 wording for collectives: a
    certificate *before* the run of excellent years, a flag *within* it), ``within_run``
    searches the run's earlier years and ``before_run`` the years before the run starts,
    the ``within_years`` before it (all recorded years when not given).
    """
    window = params.get("window", "years")
    if window == "years":
        return year - params["within_years"], year - 1
    run = next(
        (int(c.params["years"]) for c in award.conditions if c.kind == "consecutive_years"), 1
    )
    start = year - run + 1
    if window == "within_run":
        return start, year - 1
    within = params.get("within_years")
    return (start - within if within else min(oldest, start - 1)), start - 1


def _staff(params: dict[str, Any], _a: AwardRule, r: MemberResult, _f: Facts) -> Outcome:
    staff = r.staff
    if staff is None:
        return False, {"missing": "staff"}
    failed: list[str] = []
    if params.get("all_completed") and not staff.all_completed:
        failed.append("all_completed")
    share = Fraction(str(staff.advanced_share))
    if ("advanced_share_at_least" in params or "advanced_share_more_than" in params) and not (
        _share_met(share, params, "advanced_share_more_than", "advanced_share_at_least")
    ):
        failed.append("advanced_share")
    if params.get("base_soldier") and not staff.has_base_soldier:
        failed.append("base_soldier")
    actual = {
        "count": staff.count,
        "advanced_share": staff.advanced_share,
        "all_completed": staff.all_completed,
        "has_base_soldier": staff.has_base_soldier,
        "failed": failed,
    }
    return not failed, actual


_EVALUATORS = {
    "min_rating": _min_rating,
    "max_rank": _max_rank,
    "no_discipline": _no_discipline,
    "min_vote_share": _min_vote_share,
    "min_score": _min_score,
    "consecutive_years": _consecutive_years,
    "prior_awards": _prior_awards,
    "staff": _staff,
}
