"""Problems that code acts on carry a stable code, the same in every language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from builders import make_bloc
from khoi_thidua import i18n
from khoi_thidua.errors import Problem
from khoi_thidua.schema.results import VOTES_WITHOUT_BALLOTS, parse_results


@pytest.fixture
def vietnamese() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("vi")
    yield
    i18n.set_language(before)


def votes_without_ballots() -> list[Problem]:
    bloc = make_bloc(["a", "b"])
    doc = {
        "schema": 1,
        "year": 2021,
        "results": {"a": {"score": 95.0, "rating": "excellent", "votes": {"co-tinh": 3}}},
    }
    results, problems = parse_results(doc, bloc, 2021, "results-2021.toml")
    assert results is None
    return problems


class TestProblemCodes:
    """The code names the kind of problem; the message is only for people."""

    def test_votes_without_ballots(self) -> None:
        """Votes without the number of ballots cast carry their code."""
        coded = [p for p in votes_without_ballots() if p.code == VOTES_WITHOUT_BALLOTS]
        assert [p.key for p in coded] == ["results.a.votes.co-tinh"]

    @pytest.mark.usefixtures("vietnamese")
    def test_code_does_not_follow_the_language(self) -> None:
        """In Vietnamese the message changes and the code does not."""
        (coded,) = [p for p in votes_without_ballots() if p.code == VOTES_WITHOUT_BALLOTS]
        assert "ballots" not in coded.message

    def test_other_problems_have_no_code(self) -> None:
        """A problem nothing acts on has an empty code."""
        assert Problem("f.toml", "k", "message").code == ""
