"""Tests of the proposal: ranking, precedence fill, ties, regimes by year and bloc overrides."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from award_builders import (
    PACK_2003,
    PACK_2022,
    PACK_2025,
    award_doc,
    edit,
    make_pack,
    result,
    set_rules_file,
    write_toml,
    year_results,
)
from builders import make_bloc
from khoi_thidua import store, workflows
from khoi_thidua.awards.proposal import (
    HELD,
    HIGHER,
    NO_ROOM,
    NOT_ELIGIBLE,
    SEAT_HELD,
    TIE,
    Proposal,
    propose,
    rank_results,
)
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.awards.ties import HeldSeats, Tie
from khoi_thidua.errors import MissingInputError
from khoi_thidua.model import Bloc, MemberResult
from khoi_thidua.store.packs import pack_for

GOV = "co-chinh-phu"
FLAG = "co-tinh"
CERT = "bang-khen-tinh"
EXCELLENT = {"kind": "min_rating", "rating": "excellent"}
LEADER = {"kind": "max_rank", "rank": 1}


def majority(unverified: bool = False) -> dict[str, Any]:
    return {"kind": "min_vote_share", "more_than": 0.5, "unverified": unverified}


def three_awards(
    gov_seats: int = 1, flag_seats: int = 1, cert: Mapping[str, Any] | None = None, **pack: Any
) -> RulePack:
    """Government flag (leader, excellent, majority), provincial flag (excellent, majority),
    Chairman's certificate (excellent; no cap unless ``cert`` gives a quota), in that order."""
    return make_pack(
        [
            award_doc(GOV, [LEADER, EXCELLENT, majority()], {"kind": "fixed", "count": gov_seats}),
            award_doc(FLAG, [EXCELLENT, majority()], {"kind": "fixed", "count": flag_seats}),
            award_doc(CERT, [EXCELLENT], cert),
        ],
        **pack,
    )


def run(
    units: Sequence[MemberResult],
    pack: RulePack,
    *,
    members: Sequence[str] | None = None,
    history: Sequence[Any] = (),
    bloc: Bloc | None = None,
) -> Proposal:
    """Propose for 2021 in a bloc of ``members`` (default: the units) under ``pack``."""
    ids = members if members is not None else [u.member for u in units]
    bloc = bloc or make_bloc(ids)
    return propose(bloc, year_results(2021, units), {h.year: h for h in history}, pack)


def awarded(proposal: Proposal) -> dict[str, str]:
    return {s.member: s.award for s in proposal.proposed if s.award is not None}


def status(proposal: Proposal, member: str, award: str) -> tuple[str, tuple[str, ...]]:
    decision = next(d for d in proposal.standing(member).decisions if d.award == award)
    return decision.status, decision.others


def codes(proposal: Proposal) -> list[str]:
    return [n.code for n in proposal.notices]


# -- precedence ------------------------------------------------------------------------------


class TestPrecedence:
    def test_each_unit_takes_the_highest_award_with_room(self) -> None:
        """The leader takes the Government flag, the next unit voted for the flag takes it."""
        units = [
            result("a", 98, votes={GOV: 8, FLAG: 8}),
            result("b", 97, votes={FLAG: 7}),
            result("c", 96),
        ]
        proposal = run(units, three_awards())
        assert awarded(proposal) == {"a": GOV, "b": FLAG, "c": CERT}

    def test_a_unit_takes_at_most_one_award(self) -> None:
        """A unit that meets every award gets the highest; the lower ones say why not."""
        proposal = run([result("a", 98, votes={GOV: 8, FLAG: 8})], three_awards())
        assert awarded(proposal) == {"a": GOV}
        assert status(proposal, "a", FLAG) == (HIGHER, (GOV,))
        assert status(proposal, "a", CERT) == (HIGHER, (GOV,))

    def test_no_room_passes_down_to_the_next_award(self) -> None:
        """A unit that qualifies for a full award is offered the next one down."""
        units = [result("a", 98, votes={FLAG: 6}), result("b", 97, votes={FLAG: 6})]
        proposal = run(units, three_awards())
        assert awarded(proposal) == {"a": FLAG, "b": CERT}
        assert status(proposal, "b", FLAG) == (NO_ROOM, ("a",))

    def test_failing_the_leader_condition_passes_down(self) -> None:
        """Rank 2 with every Government-flag vote fails `max_rank = 1` and gets the flag below."""
        units = [
            result("a", 98, "good"),
            result("b", 97, votes={GOV: 8, FLAG: 8}),
        ]
        proposal = run(units, three_awards())
        assert awarded(proposal) == {"b": FLAG}
        decision = next(d for d in proposal.standing("b").decisions if d.award == GOV)
        assert decision.status == NOT_ELIGIBLE
        assert [(c.condition.kind, c.actual) for c in decision.failed] == [
            ("max_rank", {"rank": 2})
        ]
        # The leader is rated "good": nobody meets the Government flag this year.
        assert status(proposal, "a", GOV)[0] == NOT_ELIGIBLE

    def test_quota_counts_all_active_members(self) -> None:
        """A percentage quota is taken of the bloc's active members, with or without results."""
        pack = three_awards(cert={"kind": "percent", "percent": 20})
        units = [result(m, 90 - i) for i, m in enumerate("abcdef")]
        proposal = run(units, pack, members=list("abcdefghij"))
        seats = {s.award: s.seats for s in proposal.seats}
        assert seats[CERT] == 2  # 20% of 10 members
        assert awarded(proposal) == {"a": CERT, "b": CERT}
        assert status(proposal, "c", CERT) == (NO_ROOM, ("a", "b"))


# -- ranking and ties -------------------------------------------------------------------------


class TestRanking:
    def test_score_then_votes(self) -> None:
        """Equal scores are ranked by total votes received; no ranking tie is reported."""
        units = [result("a", 95, votes={CERT: 1}), result("b", 95, votes={CERT: 3})]
        ranked = [(rank, r.member) for rank, r in rank_results(tuple(units), ())]
        assert ranked == [(1, "b"), (2, "a")]
        proposal = run(units, three_awards(cert={"kind": "fixed", "count": 1}))
        assert awarded(proposal) == {"b": CERT}
        assert "ranking_tie" not in codes(proposal)
        assert proposal.ties == ()

    def test_equal_units_share_a_rank(self) -> None:
        """Equal score and votes share a rank (competition ranking 1, 1, 3), whatever the ids."""
        units = [result("zz", 95), result("aa", 95), result("mm", 90)]
        ranked = sorted((r.member, rank) for rank, r in rank_results(tuple(units), ()))
        assert ranked == [("aa", 1), ("mm", 3), ("zz", 1)]

    def test_tie_break_by_self_score(self) -> None:
        """With `tie_break = ["self_score"]` the higher self-score ranks first; without, a tie."""
        units = (result("a", 95, self_score=96), result("b", 95, self_score=98))
        assert [(k, r.member) for k, r in rank_results(units, ("self_score",))] == [
            (1, "b"),
            (2, "a"),
        ]
        assert {k for k, _ in rank_results(units, ())} == {1}

    def test_missing_self_score_ranks_last_among_equals(self) -> None:
        """Under the self-score tie-break, a unit with no self-score comes after one with it."""
        units = (result("a", 95), result("b", 95, self_score=80))
        assert [r.member for _, r in rank_results(units, ("self_score",))] == ["b", "a"]


class TestTies:
    def test_tie_at_the_quota_boundary_is_reported(self) -> None:
        """Two equal leaders for one Government flag: a Tie, status "tie", nobody proposed."""
        units = [
            result("a", 98, votes={GOV: 5}),
            result("b", 98, votes={GOV: 5}),
            result("c", 90, votes={FLAG: 6}),
        ]
        proposal = run(units, three_awards())
        assert proposal.ties == (Tie(GOV, 1, ("a", "b"), 1),)
        assert status(proposal, "a", GOV) == (TIE, ("b",))
        assert status(proposal, "b", GOV) == (TIE, ("a",))
        assert proposal.standing("a").award is None
        assert proposal.standing("b").award is None
        tie_notices = [n.detail for n in proposal.notices if n.code == "tie"]
        assert tie_notices == [{"award": GOV, "rank": 1, "members": ["a", "b"], "seats_left": 1}]

    def test_tied_units_are_not_placed_lower(self) -> None:
        """While their tie is unsettled the tied units are held, and the one provincial flag is
        kept for whichever the conference does not choose, not given to the unit below."""
        units = [
            result("a", 98, votes={GOV: 5, FLAG: 8}),
            result("b", 98, votes={GOV: 5, FLAG: 8}),
            result("c", 90, votes={FLAG: 6}),
        ]
        proposal = run(units, three_awards())
        assert status(proposal, "a", FLAG) == (SEAT_HELD, (GOV,))
        assert status(proposal, "b", CERT) == (HELD, (GOV,))
        assert status(proposal, "c", FLAG) == (NO_ROOM, ())
        assert proposal.standing("c").decisions[1].held_for == ("a", "b")
        assert proposal.held == (HeldSeats(FLAG, (GOV,), ("a", "b"), 1),)
        assert awarded(proposal) == {"c": CERT}

    def test_a_tied_unit_that_cannot_take_the_lower_award_keeps_no_seat(self) -> None:
        """Only tied units that meet the lower award's conditions have a seat kept for them."""
        units = [
            result("a", 98, votes={GOV: 5}),
            result("b", 98, votes={GOV: 5}),
            result("c", 90, votes={FLAG: 6}),
        ]
        proposal = run(units, three_awards())
        assert status(proposal, "a", FLAG) == (HELD, (GOV,))
        assert proposal.held == ()
        assert awarded(proposal) == {"c": FLAG}

    def test_warnings_do_not_contradict(self) -> None:
        """Units in an unresolved quota tie get no second notice saying no quota depends on it."""
        units = [
            result("a", 98, votes={GOV: 5, FLAG: 8}),
            result("b", 98, votes={GOV: 5, FLAG: 8}),
        ]
        proposal = run(units, three_awards())
        assert "tie" in codes(proposal)
        assert "ranking_tie" not in codes(proposal)
        assert "held_seat" in codes(proposal)

    def test_quota_rounding_to_zero_is_said(self) -> None:
        """A percentage quota that rounds down to no seat is a notice with its figures."""
        units = [result(m, 90 - i) for i, m in enumerate("abcd")]
        proposal = run(units, three_awards(cert={"kind": "percent", "percent": 20}))
        zero = [n.detail for n in proposal.notices if n.code == "quota_zero"]
        assert zero == [{"award": CERT, "percent": 20.0, "member_count": 4}]

    def test_tie_inside_the_quota_is_no_tie(self) -> None:
        """Two equal units for two seats both get one: the tie decides nothing."""
        units = [result("a", 98, votes={FLAG: 5}), result("b", 98, votes={FLAG: 5})]
        proposal = run(units, three_awards(flag_seats=2))
        assert awarded(proposal) == {"a": FLAG, "b": FLAG}
        assert proposal.ties == ()
        ranking = [n.detail for n in proposal.notices if n.code == "ranking_tie"]
        assert ranking == [{"rank": 1, "members": ["a", "b"]}]

    def test_seats_left_for_the_conference(self) -> None:
        """Two seats, one clear winner and three equal units: one seat is left to settle."""
        units = [result("a", 99, votes={FLAG: 8})]
        units += [result(m, 95, votes={FLAG: 6}) for m in ("b", "c", "d")]
        proposal = run(units, three_awards(flag_seats=2))
        assert proposal.ties == (Tie(FLAG, 2, ("b", "c", "d"), 1),)
        assert awarded(proposal) == {"a": FLAG}
        assert status(proposal, "c", FLAG) == (TIE, ("b", "d"))

    def test_tie_among_non_qualifying_units_is_no_quota_tie(self) -> None:
        """Equal units of which only one qualifies: the qualifying one is proposed, no Tie."""
        units = [result("a", 98, "good", votes={GOV: 5}), result("b", 98, votes={GOV: 5})]
        proposal = run(units, three_awards())
        assert awarded(proposal) == {"b": GOV}
        assert proposal.ties == ()


# -- members ---------------------------------------------------------------------------------


class TestMembers:
    def test_active_member_without_results_is_listed(self) -> None:
        """An active member with no results is listed unranked, with a no_results notice."""
        proposal = run([result("a", 95)], three_awards(), members=["a", "b"])
        standing = proposal.standing("b")
        assert (standing.rank, standing.result, standing.award) == (None, None, None)
        assert standing.decisions == ()
        assert {"member": "b"} in [n.detail for n in proposal.notices if n.code == "no_results"]
        assert proposal.members == 2

    def test_former_and_future_members_are_not_listed(self) -> None:
        """A member that left before the year, or joins after it, is not in the proposal."""
        bloc = make_bloc(["a", "b", "c"], left={"b": 2021}, joined={"c": 2022})
        proposal = run([result("a", 95)], three_awards(), bloc=bloc)
        assert [s.member for s in proposal.standings] == ["a"]
        assert proposal.members == 1

    def test_unit_without_votes_gets_a_notice(self) -> None:
        """A unit whose results have no `votes` at all is named in a no_votes notice."""
        proposal = run([result("a", 95, votes_recorded=False)], three_awards())
        assert {"member": "a"} in [n.detail for n in proposal.notices if n.code == "no_votes"]


# -- unverified defaults ---------------------------------------------------------------------


class TestUnverifiedNotices:
    def test_named_when_relied_upon(self) -> None:
        """An unverified quota or condition the proposal used is named in a notice."""
        pack = make_pack(
            [
                award_doc(
                    FLAG,
                    [EXCELLENT, majority(unverified=True)],
                    {"kind": "fixed", "count": 1, "unverified": True, "basis": "quan sát"},
                ),
                award_doc(CERT, [EXCELLENT], {"kind": "fixed", "count": 1}),
            ]
        )
        proposal = run([result("a", 95)], pack)
        unverified = [
            (n.detail["award"], n.detail["what"])
            for n in proposal.notices
            if n.code == "unverified"
        ]
        assert unverified == [(FLAG, "quota"), (FLAG, "min_vote_share")]

    def test_pack_notes_are_passed_on(self) -> None:
        """The pack's notes reach the conference as pack_note notices."""
        pack = three_awards(
            notes=[
                "Ghi chú của gói quy tắc.",
                {"vi": "Ghi chú hai thứ tiếng.", "en": "A note in both languages."},
            ]
        )
        proposal = run([result("a", 95)], pack)
        notes = [n.detail for n in proposal.notices if n.code == "pack_note"]
        assert notes == [
            {"text": "Ghi chú của gói quy tắc.", "text_en": "Ghi chú của gói quy tắc."},
            {"text": "Ghi chú hai thứ tiếng.", "text_en": "A note in both languages."},
        ]


# -- the sample bloc, the regime by year and the bloc's override file -------------------------


def sample_proposal(bloc_dir: Path, year: int = 2021) -> Proposal:
    return workflows.proposal_for(bloc_dir, store.load_bloc(bloc_dir), year)


def unverified_of(proposal: Proposal) -> set[tuple[str, str]]:
    return {
        (n.detail["award"], n.detail["what"]) for n in proposal.notices if n.code == "unverified"
    }


class TestSample:
    def test_the_seed_proposal(self, sample_bloc_dir: Path) -> None:
        """2021: Government flag → btc, provincial flag → dukcq, Chairman's certificate → bnc."""
        proposal = sample_proposal(sample_bloc_dir)
        assert proposal.pack.id == PACK_2003
        assert awarded(proposal) == {"btc": GOV, "dukcq": FLAG, "bnc": CERT}

    def test_seats_follow_the_quotas(self, sample_bloc_dir: Path) -> None:
        """8 members: 1 Government flag, 1 PM certificate, 2 flags (8–12), 1 certificate (20%)."""
        proposal = sample_proposal(sample_bloc_dir)
        assert proposal.members == 8
        assert [(s.award, s.seats) for s in proposal.seats] == [
            (GOV, 1),
            ("bang-khen-thu-tuong", 1),
            (FLAG, 2),
            (CERT, 1),
        ]

    def test_equal_scores_broken_by_votes(self, sample_bloc_dir: Path) -> None:
        """btg and ubkt both score 94.0; btg has one vote, ubkt none: 5th and 6th."""
        proposal = sample_proposal(sample_bloc_dir)
        assert (proposal.standing("btg").rank, proposal.standing("ubkt").rank) == (5, 6)
        assert "ranking_tie" not in codes(proposal)

    def test_tct_is_short_of_votes_and_years(self, sample_bloc_dir: Path) -> None:
        """tct (rank 3) had 1 of 8 votes for the flag and was rated "good" in 2020."""
        proposal = sample_proposal(sample_bloc_dir)
        assert proposal.standing("tct").award is None
        flag = next(d for d in proposal.standing("tct").decisions if d.award == FLAG)
        assert [(c.condition.kind, c.actual) for c in flag.failed] == [
            ("min_vote_share", {"votes": 1, "ballots": 8, "of": "valid"})
        ]
        cert = next(d for d in proposal.standing("tct").decisions if d.award == CERT)
        assert [c.condition.kind for c in cert.failed] == ["consecutive_years", "min_vote_share"]


class TestRegimeByYear:
    @pytest.mark.parametrize(
        ("year", "pack_id"),
        [
            (2018, PACK_2003),
            (2021, PACK_2003),
            (2023, PACK_2003),
            (2024, PACK_2022),
            (2025, PACK_2025),
            (2030, PACK_2025),
        ],
    )
    def test_pack_in_force(self, sample_bloc_dir: Path, year: int, pack_id: str) -> None:
        """With no conference date, the results year picks the pack (2003 Law to 2023, then
        Decree 98/2023 for 2024 and Decree 152/2025 from 2025)."""
        pack = pack_for(sample_bloc_dir, store.load_bloc(sample_bloc_dir), year)
        assert pack.id == pack_id
        assert pack.covers(year)

    def test_year_before_any_pack(self, sample_bloc_dir: Path) -> None:
        """2017 has no shipped pack: a MissingInputError that names the year and the ranges."""
        with pytest.raises(MissingInputError) as caught:
            pack_for(sample_bloc_dir, store.load_bloc(sample_bloc_dir), 2017)
        assert "2017" in caught.value.message
        assert "2018–2023 (luat-2003-nd91)" in caught.value.hint
        assert "2024–2024 (luat-2022-nd98)" in caught.value.hint
        assert "2025–… (luat-2022-nd152)" in caught.value.hint

    def test_results_of_2024_are_judged_under_the_2022_law(self, sample_bloc_dir: Path) -> None:
        """The same results filed for 2024 and proposed in January 2025 are proposed under the
        2022 Law's pack with Decree 98/2023."""
        text = (sample_bloc_dir / "results-2021.toml").read_text(encoding="utf-8")
        text = text.replace("year = 2021", "year = 2024").replace("2022-01-07", "2025-01-10")
        (sample_bloc_dir / "results-2024.toml").write_text(text, encoding="utf-8")
        proposal = sample_proposal(sample_bloc_dir, 2024)
        assert proposal.pack.id == PACK_2022
        # No results for 2023: the two-year streak of bnc is broken, so no certificate.
        assert awarded(proposal) == {"btc": GOV, "dukcq": FLAG}


def file_results(bloc_dir: Path, year: int, conference: str | None) -> None:
    """The sample's 2021 results filed again for ``year``, held on ``conference`` (or no date)."""
    text = (bloc_dir / "results-2021.toml").read_text(encoding="utf-8")
    text = text.replace("year = 2021", f"year = {year}")
    if conference is None:
        text = "\n".join(
            line for line in text.splitlines() if not line.startswith("date = 2022-01-07")
        )
    else:
        text = text.replace("date = 2022-01-07", f"date = {conference}")
    (bloc_dir / f"results-{year}.toml").write_text(text + "\n", encoding="utf-8")


class TestRegimeByDate:
    """The conference date of the year's results picks the pack; the year only without one."""

    @pytest.mark.parametrize(
        ("year", "conference", "pack_id"),
        [
            (2023, "2023-12-28", PACK_2003),  # proposed while the 2003 Law was in force
            (2023, "2024-01-12", PACK_2022),  # results of 2023 proposed in January 2024
            (2024, "2025-06-30", PACK_2022),  # last day before Decree 152/2025
            (2024, "2025-07-01", PACK_2025),  # results of 2024 proposed from 1 July 2025
            (2024, "2026-01-09", PACK_2025),  # a late proposal
        ],
    )
    def test_date_decides(
        self, sample_bloc_dir: Path, year: int, conference: str, pack_id: str
    ) -> None:
        """The pack whose proposal dates hold the conference date applies, whatever the year."""
        file_results(sample_bloc_dir, year, conference)
        proposal = sample_proposal(sample_bloc_dir, year)
        assert proposal.pack.id == pack_id
        assert proposal.pack.choice is not None
        assert (proposal.pack.choice.by, proposal.pack.choice.date) == ("date", conference)

    def test_no_date_falls_back_to_the_year(self, sample_bloc_dir: Path) -> None:
        """Without a conference date, results of 2023 stay under the 2003 Law's pack."""
        file_results(sample_bloc_dir, 2023, None)
        proposal = sample_proposal(sample_bloc_dir, 2023)
        assert proposal.pack.id == PACK_2003
        assert proposal.pack.choice is not None
        assert (proposal.pack.choice.by, proposal.pack.choice.date) == ("year", None)


class TestOverrideFile:
    """The bloc's own values in rules.toml (named by `rules` in bloc.toml) replace the pack's."""

    def with_rules(self, bloc_dir: Path, doc: Mapping[str, Any]) -> Proposal:
        set_rules_file(bloc_dir)
        write_toml(bloc_dir / "rules.toml", {"schema": 1, **doc})
        return sample_proposal(bloc_dir)

    def test_threshold_override(self, sample_bloc_dir: Path) -> None:
        """Lowering the flag's vote share to 10% lets tct (1 of 8) take the second flag."""
        doc = {"awards": {FLAG: {"conditions": {"min_vote_share": {"at_least": 0.1}}}}}
        proposal = self.with_rules(sample_bloc_dir, doc)
        assert awarded(proposal) == {"btc": GOV, "dukcq": FLAG, "tct": FLAG, "bnc": CERT}
        assert proposal.pack.sources[-1].endswith("rules.toml")

    def test_quota_override(self, sample_bloc_dir: Path) -> None:
        """With the flag capped at 1, tct meets the lowered share but finds no room."""
        doc = {
            "awards": {
                FLAG: {
                    "quota": {"kind": "fixed", "count": 1},
                    "conditions": {"min_vote_share": {"at_least": 0.1}},
                }
            }
        }
        proposal = self.with_rules(sample_bloc_dir, doc)
        assert awarded(proposal) == {"btc": GOV, "dukcq": FLAG, "bnc": CERT}
        assert status(proposal, "tct", FLAG) == (NO_ROOM, ("dukcq",))

    def test_dropped_condition(self, sample_bloc_dir: Path) -> None:
        """Without the vote share and with no cap, every unit excellent in 2020 and 2021 and
        not taken higher gets the certificate: bnc, btg and vptu (tct, ubkt were "good" in 2020)."""
        doc = {
            "awards": {CERT: {"quota": {"kind": "none"}, "conditions": {"min_vote_share": False}}}
        }
        proposal = self.with_rules(sample_bloc_dir, doc)
        assert awarded(proposal) == {
            "btc": GOV,
            "dukcq": FLAG,
            "bnc": CERT,
            "btg": CERT,
            "vptu": CERT,
        }
        kinds = [c.kind for c in proposal.pack.award(CERT).conditions]
        assert "min_vote_share" not in kinds

    def test_disabled_award(self, sample_bloc_dir: Path) -> None:
        """`enabled = false` drops the Government flag; its recorded votes still load."""
        proposal = self.with_rules(sample_bloc_dir, {"awards": {GOV: {"enabled": False}}})
        assert GOV not in [s.award for s in proposal.seats]
        # btc's only votes were for the Government flag: it now meets no award.
        assert awarded(proposal) == {"dukcq": FLAG, "bnc": CERT}

    def test_disabled_award_keeps_its_history_valid(self, sample_bloc_dir: Path) -> None:
        """Switching off the flag granted for 2020 does not make 2020's results invalid."""
        proposal = self.with_rules(sample_bloc_dir, {"awards": {FLAG: {"enabled": False}}})
        assert FLAG not in [s.award for s in proposal.seats]
        assert awarded(proposal) == {"btc": GOV, "bnc": CERT}

    def test_tie_break_override(self, sample_bloc_dir: Path) -> None:
        """btg and ubkt equal on score and votes tie; `tie_break = ["self_score"]` parts them."""
        edit(
            sample_bloc_dir / "results-2021.toml",
            "votes = { bang-khen-tinh = 1 }\nstaff = { count = 24",
            "votes = {}\nstaff = { count = 24",
        )
        tied = sample_proposal(sample_bloc_dir)
        assert (tied.standing("btg").rank, tied.standing("ubkt").rank) == (5, 5)
        assert {"rank": 5, "members": ["btg", "ubkt"]} in [
            n.detail for n in tied.notices if n.code == "ranking_tie"
        ]
        parted = self.with_rules(sample_bloc_dir, {"tie_break": ["self_score"]})
        # self_score: btg 95.0, ubkt 94.5
        assert (parted.standing("btg").rank, parted.standing("ubkt").rank) == (5, 6)
        assert "ranking_tie" not in codes(parted)

    def test_unverified_notice_goes_with_the_overridden_value(self, sample_bloc_dir: Path) -> None:
        """A value the bloc sets itself is no longer reported as an unverified default."""
        before = unverified_of(sample_proposal(sample_bloc_dir))
        assert {(FLAG, "quota"), (FLAG, "min_vote_share"), (FLAG, "no_discipline")} <= before
        doc = {
            "awards": {
                FLAG: {
                    "quota": {"kind": "fixed", "count": 2},
                    "conditions": {"min_vote_share": {"more_than": 0.5}},
                }
            }
        }
        after = unverified_of(self.with_rules(sample_bloc_dir, doc))
        assert before - after == {(FLAG, "quota"), (FLAG, "min_vote_share")}
        assert (FLAG, "no_discipline") in after

    def test_override_may_keep_a_value_unverified(self, sample_bloc_dir: Path) -> None:
        """An override that marks its own value `unverified = true` is still reported."""
        doc = {
            "awards": {
                FLAG: {"conditions": {"min_vote_share": {"at_least": 0.5, "unverified": True}}}
            }
        }
        assert (FLAG, "min_vote_share") in unverified_of(self.with_rules(sample_bloc_dir, doc))
