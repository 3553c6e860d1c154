"""Years with ratings only: a result may have no score, and nothing that ranks pretends it has."""

from __future__ import annotations

from typing import Any

from builders import make_bloc
from khoi_thidua.awards.kinds.standing import MinScore
from khoi_thidua.awards.proposal import rank_results
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.model import MemberResult, Rating
from khoi_thidua.schema.results import parse_results


def _doc(**extra: Any) -> dict[str, Any]:
    return {"schema": 1, "year": 2020, "results": {"a": {"rating": "excellent"}}, **extra}


def test_a_result_without_a_score_is_valid_in_a_year_without_votes() -> None:
    """A unit with a rating only parses, its score None."""
    results, problems = parse_results(ENGLISH, _doc(), make_bloc(["a", "b"]), 2020, "r.toml")
    assert results is not None, problems
    assert results.results[0].score is None
    assert results.results[0].rating is Rating.EXCELLENT


def test_a_year_with_a_conference_needs_every_score() -> None:
    """With ballots recorded, a missing score is an error at its key."""
    doc = _doc(conference={"ballots": 2})
    results, problems = parse_results(ENGLISH, doc, make_bloc(["a", "b"]), 2020, "r.toml")
    assert results is None
    assert any(p.key == "results.a.score" for p in problems)


def test_import_results_needs_every_score() -> None:
    """require_scores (the scoring sheet's import) refuses a result without a score."""
    results, problems = parse_results(
        ENGLISH, _doc(), make_bloc(["a", "b"]), 2020, "r.toml", require_scores=True
    )
    assert results is None
    assert any(p.key == "results.a.score" for p in problems)


def test_a_unit_without_a_score_has_no_rank() -> None:
    """Ranking leaves an unscored unit out and ranks the others as usual."""
    results = (
        MemberResult("a", None, Rating.EXCELLENT),
        MemberResult("b", 90.0, Rating.GOOD),
        MemberResult("c", 95.0, Rating.GOOD),
    )
    assert [(rank, r.member) for rank, r in rank_results(results, ())] == [(1, "c"), (2, "b")]


def test_min_score_fails_without_a_score_and_says_so() -> None:
    """min_score is not met by a result without a score, and the observation says why."""
    seen = MinScore(90.0).evaluate(None, MemberResult("a", None, Rating.EXCELLENT), None)  # type: ignore[arg-type]
    assert not seen.met
    assert seen.observed(ENGLISH, None) == "no score recorded"  # type: ignore[arg-type]
