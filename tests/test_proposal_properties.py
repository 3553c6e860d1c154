"""Properties of `propose` over generated blocs, results, histories and quotas (hypothesis)."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from award_builders import PACK_2003, override, result, year_results
from builders import make_bloc
from khoi_thidua.awards.conditions import Facts, check
from khoi_thidua.awards.proposal import NO_ROOM, PROPOSED, TIE, Proposal, propose
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.model import Bloc, MemberResult, YearResults
from khoi_thidua.store.packs import shipped_packs

YEAR = 2021
BLOC_AWARDS = ("co-chinh-phu", "bang-khen-thu-tuong", "co-tinh", "bang-khen-tinh")
SCORES = (90.0, 92.5, 95.0, 97.5, 99.0)  # few values, so that equal scores are common
RATINGS = ("excellent", "excellent", "excellent", "good", "done")
DISCIPLINES = ("none", "none", "none", "khien-trach", "canh-cao")

PROPERTY_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def base_pack() -> RulePack:
    return next(p for p in shipped_packs() if p.id == PACK_2003)


quotas = st.one_of(
    st.builds(lambda n: {"kind": "fixed", "count": n}, st.integers(0, 3)),
    st.builds(lambda p: {"kind": "percent", "percent": p}, st.sampled_from([10, 20, 34, 50])),
    st.just({"kind": "none"}),
    st.just({"kind": "bracket", "brackets": [{"up_to": 3, "count": 1}, {"count": 2}]}),
)


@st.composite
def packs(draw: st.DrawFn) -> RulePack:
    """The 2003 pack, with generated quotas, vote shares and tie-break."""
    awards: dict[str, Any] = {}
    for award in BLOC_AWARDS:
        change: dict[str, Any] = {}
        if draw(st.booleans()):
            change["quota"] = draw(quotas)
        if draw(st.booleans()):
            share = draw(st.sampled_from([0.0, 0.25, 0.5, 0.6667]))
            form = draw(st.sampled_from(["at_least", "more_than"]))
            change["conditions"] = {"min_vote_share": {form: share}}
        if change:
            awards[award] = change
    tie_break = draw(st.sampled_from([[], ["self_score"]]))
    return override(base_pack(), {"awards": awards, "tie_break": tie_break})


@st.composite
def unit_results(draw: st.DrawFn, member: str, ballots: int) -> MemberResult:
    if draw(st.booleans()):
        # all ballots for one award, or none: equal totals, hence ties, are common
        award = draw(st.sampled_from([None, *BLOC_AWARDS]))
        votes = {} if award is None else {award: ballots}
    else:
        votes = {
            award: draw(st.integers(0, ballots))
            for award in draw(st.sets(st.sampled_from(BLOC_AWARDS)))
        }
    return result(
        member,
        draw(st.sampled_from(SCORES)),
        draw(st.sampled_from(RATINGS)),
        votes=votes,
        self_score=draw(st.one_of(st.none(), st.sampled_from(SCORES))),
        discipline=draw(st.sampled_from(DISCIPLINES)),
    )


@dataclasses.dataclass(frozen=True)
class Case:
    bloc: Bloc
    results: YearResults
    history: dict[int, YearResults]
    pack: RulePack


@st.composite
def cases(draw: st.DrawFn) -> Case:
    size = draw(st.integers(1, 10))
    ids = [f"m{i}" for i in range(size)]
    ballots = draw(st.integers(1, size))
    with_results = [m for m in ids if draw(st.integers(0, 9)) > 0]  # about 1 in 10 has none
    this = [draw(unit_results(m, ballots)) for m in with_results]
    history: dict[int, YearResults] = {}
    for year in (2019, 2020):
        past = [
            result(m, 90.0, draw(st.sampled_from(RATINGS)))
            for m in ids
            if draw(st.integers(0, 4)) > 0
        ]
        granted = [
            (r.member, draw(st.sampled_from(["co-tinh", "bang-khen-tinh"])))
            for r in past
            if draw(st.integers(0, 3)) == 0
        ]
        history[year] = year_results(year, past, ballots=ballots, granted=granted)
    return Case(
        bloc=make_bloc(ids),
        results=year_results(YEAR, this, ballots=ballots),
        history=history,
        pack=draw(packs()),
    )


def run(case: Case) -> Proposal:
    return propose(case.bloc, case.results, case.history, case.pack)


def canonical(proposal: Proposal) -> dict[str, Any]:
    """Everything a proposal decides, keyed so that the order of the input cannot show."""
    return {
        "standings": {
            s.member: (
                s.rank,
                tuple(sorted(s.tied_with)),
                s.award,
                tuple((d.award, d.status, tuple(sorted(d.others))) for d in s.decisions),
                tuple((d.award, d.status) for d in s.titles),
            )
            for s in proposal.standings
        },
        "seats": proposal.seats,
        "ties": sorted(
            (t.award, t.rank, tuple(sorted(t.members)), t.seats_left) for t in proposal.ties
        ),
        "notices": Counter(
            (n.code, json.dumps(n.detail, sort_keys=True, default=str)) for n in proposal.notices
        ),
    }


@PROPERTY_SETTINGS
@given(cases())
def test_no_award_over_its_quota(case: Case) -> None:
    """No award is proposed to more units than its quota allows."""
    proposal = run(case)
    counts = Counter(s.award for s in proposal.proposed)
    for seat in proposal.seats:
        if seat.seats is not None:
            assert counts[seat.award] <= seat.seats, seat


@PROPERTY_SETTINGS
@given(cases())
def test_no_unit_twice(case: Case) -> None:
    """A unit is proposed for one award at most, and its award is the one decided `proposed`."""
    proposal = run(case)
    for standing in proposal.standings:
        proposed = [d.award for d in standing.decisions if d.status == PROPOSED]
        assert len(proposed) <= 1
        assert standing.award == (proposed[0] if proposed else None)
    members = [s.member for s in proposal.standings]
    assert len(members) == len(set(members)) == proposal.members


@PROPERTY_SETTINGS
@given(cases())
def test_every_proposed_unit_meets_every_condition(case: Case) -> None:
    """Each proposed unit meets each condition of its award, checked again from scratch."""
    proposal = run(case)
    ranks = {s.member: s.rank for s in proposal.standings if s.rank is not None}
    facts = Facts(YEAR, case.results, case.history, ranks, leaders=proposal.leading.members)
    for standing in proposal.proposed:
        assert standing.award is not None and standing.result is not None
        award = case.pack.award(standing.award)
        for condition in award.conditions:
            assert check(condition, award, standing.result, facts).met, (standing, condition)


@PROPERTY_SETTINGS
@given(cases())
def test_ties_are_never_broken_silently(case: Case) -> None:
    """Two qualifying units of equal rank never split into one proposed and one left out."""
    proposal = run(case)
    for award in case.pack.bloc_awards:
        by_status: dict[str, set[int]] = {PROPOSED: set(), NO_ROOM: set(), TIE: set()}
        for standing in proposal.standings:
            for decision in standing.decisions:
                if decision.award == award.id and decision.status in by_status:
                    assert standing.rank is not None
                    by_status[decision.status].add(standing.rank)
        assert not by_status[PROPOSED] & by_status[NO_ROOM], award.id
        assert not by_status[PROPOSED] & by_status[TIE], award.id
    for tie in proposal.ties:
        for member in tie.members:
            decision = next(d for d in proposal.standing(member).decisions if d.award == tie.award)
            assert decision.status == TIE


@PROPERTY_SETTINGS
@given(cases())
def test_no_room_means_the_seats_are_taken(case: Case) -> None:
    """A qualifying unit is left out only when proposed units and open ties fill the quota."""
    proposal = run(case)
    for seat in proposal.seats:
        left_out = [
            s
            for s in proposal.standings
            for d in s.decisions
            if d.award == seat.award and d.status == NO_ROOM
        ]
        if left_out:
            taken = sum(1 for s in proposal.proposed if s.award == seat.award)
            open_seats = sum(t.seats_left for t in proposal.ties if t.award == seat.award)
            assert taken + open_seats == seat.seats


@PROPERTY_SETTINGS
@given(cases(), st.data())
def test_input_order_does_not_matter(case: Case, data: st.DataObject) -> None:
    """Reordering the members in bloc.toml and the results in the file changes nothing."""
    members = data.draw(st.permutations(case.bloc.members))
    results = data.draw(st.permutations(case.results.results))
    shuffled = Case(
        bloc=dataclasses.replace(case.bloc, members=tuple(members)),
        results=dataclasses.replace(case.results, results=tuple(results)),
        history=case.history,
        pack=case.pack,
    )
    assert canonical(run(shuffled)) == canonical(run(case))
