"""Tests for merged units: a successor's conditions count the predecessors the bloc names."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from award_builders import award_doc, make_pack, result, year_results
from builders import bloc_doc, make_bloc
from khoi_thidua import store
from khoi_thidua.awards.proposal import AwardDecision, Proposal, propose
from khoi_thidua.errors import KhoiError
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.model import Bloc, YearResults

FLAG = "co-tinh"
CERT = "bang-khen-tinh"
STREAK = {"kind": "consecutive_years", "rating": "excellent", "years": 3}
PRIOR = {"kind": "prior_awards", "awards": [FLAG], "within_years": 2}


def merged_bloc(history_from: Sequence[str]) -> Bloc:
    """``s`` joined in 2021 as the successor of ``p1`` and ``p2``, which left then; ``o`` stays."""
    bloc = make_bloc(
        ["o", "s", "p1", "p2"],
        joined={"s": 2021},
        left={"p1": 2021, "p2": 2021},
        merged_into={"p1": "s", "p2": "s"},
    )
    members = tuple(
        dataclasses.replace(m, history_from=tuple(history_from)) if m.id == "s" else m
        for m in bloc.members
    )
    return dataclasses.replace(bloc, members=members)


def history(
    p2_2020: str = "excellent", granted: Sequence[tuple[str, str]] = ()
) -> list[YearResults]:
    return [
        year_results(2019, [result("o", 90.0), result("p1", 91.0), result("p2", 92.0)]),
        year_results(
            2020,
            [result("o", 90.0), result("p1", 91.0), result("p2", 92.0, p2_2020)],
            granted=granted,
        ),
    ]


def decision(proposal: Proposal, award: str) -> AwardDecision:
    return next(d for d in proposal.standing("s").decisions if d.award == award)


def run(
    history_from: Sequence[str], past: list[YearResults], conditions: list[dict[str, Any]]
) -> Proposal:
    pack = make_pack(
        [award_doc(FLAG, [{"kind": "min_score", "score": 100.0}]), award_doc(CERT, conditions)]
    )
    this_year = year_results(2021, [result("o", 90.0), result("s", 95.0)])
    return propose(merged_bloc(history_from), this_year, {h.year: h for h in past}, pack)


class TestConsecutiveYears:
    def test_counted_predecessors_carry_the_run(self) -> None:
        """Years before the merger count when every named predecessor met the rating."""
        proposal = run(["p1", "p2"], history(), [STREAK])
        check = decision(proposal, CERT).checks[0]
        assert check.met
        assert check.actual == {"streak": 3, "via_predecessors": [2020, 2019]}
        assert "2019, 2020 counted from the predecessors p1, p2" in check.seen.observed(
            ENGLISH, proposal.pack
        )

    def test_one_predecessor_short_breaks_the_year(self) -> None:
        """A year counts only if every named predecessor met it: p2 rated good breaks 2020."""
        proposal = run(["p1", "p2"], history(p2_2020="good"), [STREAK])
        check = decision(proposal, CERT).checks[0]
        assert not check.met
        assert check.actual == {
            "streak": 1,
            "broken_at": 2020,
            "broken_by": "rating",
            "rating": "good",
            "predecessor": "p2",
        }

    def test_history_not_named_is_not_counted_and_said(self) -> None:
        """Without `history_from`, the run stops at the merger and the explanation says the
        predecessors' history was not counted (today it only said "no result")."""
        proposal = run([], history(), [STREAK])
        check = decision(proposal, CERT).checks[0]
        assert not check.met
        assert check.actual["uncounted_predecessors"] == ["p1", "p2"]
        assert "the history of p1, p2, merged into it, is not counted" in check.seen.observed(
            ENGLISH, proposal.pack
        )


class TestPriorAwards:
    def test_a_predecessors_award_counts(self) -> None:
        """An award granted to a named predecessor counts for the successor, and says so."""
        proposal = run(["p1"], history(granted=[("p1", FLAG)]), [PRIOR])
        check = decision(proposal, CERT).checks[0]
        assert check.met
        assert check.actual["found"][0]["predecessor"] == "p1"
        assert "granted to its predecessor p1" in check.seen.observed(ENGLISH, proposal.pack)

    def test_an_unnamed_predecessors_award_does_not(self) -> None:
        """An award of a predecessor the bloc did not name does not count, and that is said."""
        proposal = run(["p2"], history(granted=[("p1", FLAG)]), [PRIOR])
        check = decision(proposal, CERT).checks[0]
        assert not check.met
        assert check.actual["found"] == []
        assert check.actual["uncounted_predecessors"] == ["p1"]


class TestBlocFile:
    def write(self, build_bloc: Callable[..., Path], history_from: list[str]) -> Path:
        doc = bloc_doc()
        doc["members"].append({"id": "e", "name": "Ban E", "left": 2022, "merged_into": "a"})
        doc["rotation"]["order"].append("e")
        doc["members"][0]["history_from"] = history_from
        return build_bloc(doc)

    def test_history_from_is_read(self, build_bloc: Callable[..., Path]) -> None:
        """`history_from` on a member names the predecessors whose history counts."""
        bloc = store.load_bloc(self.write(build_bloc, ["e"]))
        assert bloc.members[0].history_from == ("e",)

    def test_history_from_must_name_a_predecessor(self, build_bloc: Callable[..., Path]) -> None:
        """Naming a member that was not merged into this one is refused, with the key."""
        try:
            store.load_bloc(self.write(build_bloc, ["b"]))
        except KhoiError as error:
            assert "members[0].history_from[0]" in error.message
            assert "`b` is no member merged into `a`" in error.message
        else:
            raise AssertionError("history_from naming a non-predecessor was accepted")
