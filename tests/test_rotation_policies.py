"""Tests of rotation policies (circular, elected, appointed) and vacant years."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from builders import Invoke, bloc_doc, make_bloc, write_bloc
from khoi_thidua import rotation
from khoi_thidua.errors import ExitCode
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.model import Bloc, Policy
from khoi_thidua.rotation import Status

ABCD = ("a", "b", "c", "d")
START = 2020


def with_policy(bloc: Bloc, policy: Policy) -> Bloc:
    from dataclasses import replace

    return replace(bloc, policy=policy)


def everyone_excused(order: tuple[str, ...], years: list[int]) -> list[tuple[str, int, str]]:
    return [(m, y, "sáp nhập") for y in years for m in order]


# -- vacant years ----------------------------------------------------------------------------


class TestVacantYears:
    def test_year_everyone_is_excused_is_vacant(self) -> None:
        """A year in which every member is excused is VACANT, listing each member passed over."""
        bloc = make_bloc(ABCD, [(START, "a", "b")], excused=everyone_excused(ABCD, [2022]))
        answer = rotation.leadership_in(ENGLISH, bloc, 2022)
        assert answer.status is Status.VACANT
        assert answer.chair is None and answer.vice_chair is None
        assert {s.member for s in answer.skipped} == set(ABCD)

    def test_rotation_resumes_from_the_last_leaders(self) -> None:
        """After a vacant year, the vice-chair of the last led year chairs."""
        bloc = make_bloc(ABCD, [(START, "a", "b")], excused=everyone_excused(ABCD, [2022]))
        answers = rotation.plan(bloc, 2021, 2024)
        assert [(a.year, a.chair, a.vice_chair) for a in answers] == [
            (2021, "b", "c"),
            (2022, None, None),
            (2023, "c", "d"),
            (2024, "d", "a"),
        ]
        assert answers[2].previous == ("b", "c")
        assert answers[2].previous_year == 2021

    def test_bloc_with_nobody_yet_is_vacant_until_members_join(self) -> None:
        """Before any member has joined the bloc the years are vacant, then the circle goes on."""
        bloc = make_bloc(
            ABCD, [(START, "a", "b")], left={"a": 2021, "b": 2021, "c": 2021}, joined={"d": 2023}
        )
        answers = rotation.plan(bloc, 2021, 2023)
        assert [a.status for a in answers] == [Status.VACANT, Status.VACANT, Status.COMPUTED]
        assert (answers[2].chair, answers[2].vice_chair) == ("d", None)

    @given(
        st.integers(min_value=1, max_value=7),
        st.lists(st.integers(min_value=START + 1, max_value=START + 15), max_size=5),
    )
    def test_vacant_year_never_breaks_the_cycle(self, size: int, vacant: list[int]) -> None:
        """With vacant years removed, the led years follow the same cycle as with none."""
        order = tuple(f"m{i}" for i in range(size))
        vice = order[1] if size > 1 else None
        plain = make_bloc(order, [(START, order[0], vice)])
        gapped = make_bloc(
            order, [(START, order[0], vice)], excused=everyone_excused(order, sorted(set(vacant)))
        )
        last = START + 20
        led = [(a.chair, a.vice_chair) for a in rotation.plan(gapped, START, last) if a.leads]
        expected = [(a.chair, a.vice_chair) for a in rotation.plan(plain, START, last)]
        assert led == expected[: len(led)]
        assert len(led) == last - START + 1 - len(set(vacant))

    @given(
        st.integers(min_value=2, max_value=6),
        st.lists(st.integers(min_value=START + 1, max_value=START + 12), max_size=4),
        st.dictionaries(
            st.integers(min_value=0, max_value=5), st.integers(START + 1, START + 12), max_size=3
        ),
    )
    def test_last_vice_chair_chairs_the_next_led_year(
        self, size: int, vacant: list[int], leaving: dict[int, int]
    ) -> None:
        """Across vacant years, the last led year's vice-chair chairs the next led computed
        year whenever it can lead then."""
        order = tuple(f"m{i}" for i in range(size))
        left = {order[i]: year for i, year in leaving.items() if i < size}
        bloc = make_bloc(
            order,
            [(START, order[0], order[1])],
            left=left,
            excused=everyone_excused(order, sorted(set(vacant))),
        )
        led = [a for a in rotation.plan(bloc, START, START + 15) if a.leads]
        for this, following in itertools.pairwise(led):
            if following.recorded or this.vice_chair is None:
                continue
            if rotation.ineligibility(bloc, this.vice_chair, following.year, "chair") is None:
                assert following.chair == this.vice_chair


# -- elected and appointed -------------------------------------------------------------------


@st.composite
def elected_blocs(draw: st.DrawFn) -> Bloc:
    """A bloc that elects or is appointed, with random records, leaves and excusals."""
    size = draw(st.integers(min_value=1, max_value=6))
    order = tuple(f"m{i}" for i in range(size))
    years = st.integers(min_value=START, max_value=START + 10)
    left = draw(st.dictionaries(st.sampled_from(order), years))
    excused = draw(st.lists(st.tuples(st.sampled_from(order), years, st.just("lý do")), max_size=4))
    records = []
    for year in sorted(set(draw(st.lists(years, max_size=4)))):
        chair = draw(st.sampled_from(order))
        records.append((year, chair, None))
    bloc = make_bloc(order, records, left=left, excused=list(dict.fromkeys(excused)))
    return with_policy(bloc, draw(st.sampled_from([Policy.ELECTED, Policy.APPOINTED])))


class TestElectedAndAppointed:
    @given(elected_blocs())
    def test_elected_bloc_never_invents_a_leader(self, bloc: Bloc) -> None:
        """Under election or appointment, every leader shown is a recorded one."""
        for answer in rotation.plan(bloc, START - 2, START + 12):
            record = bloc.recorded(answer.year)
            if record is None:
                assert (answer.chair, answer.vice_chair) == (None, None)
                assert answer.status in {
                    Status.TO_BE_ELECTED,
                    Status.TO_BE_APPOINTED,
                    Status.VACANT,
                }
            else:
                assert (answer.chair, answer.vice_chair) == (record.chair, record.vice_chair)

    def test_unrecorded_year_is_to_be_elected(self) -> None:
        """An elected bloc's year after its last record is to be elected, not computed."""
        bloc = with_policy(make_bloc(ABCD, [(START, "a", "b")]), Policy.ELECTED)
        answer = rotation.leadership_in(ENGLISH, bloc, START + 1)
        assert answer.status is Status.TO_BE_ELECTED
        assert rotation.leadership_in(ENGLISH, bloc, START).status is Status.RECORDED

    def test_appointed_needs_no_starting_record(self) -> None:
        """An appointed bloc answers any year, even with nothing recorded."""
        bloc = with_policy(make_bloc(ABCD), Policy.APPOINTED)
        assert rotation.leadership_in(ENGLISH, bloc, 2019).status is Status.TO_BE_APPOINTED

    def test_no_turns_without_rotation(self) -> None:
        """Members of an elected bloc have no computed turn as chair."""
        bloc = with_policy(make_bloc(ABCD, [(START, "a", "b")]), Policy.ELECTED)
        assert rotation.next_turns(bloc, START + 1) == {}


# -- end to end ------------------------------------------------------------------------------


def policy_data(tmp_path: Path, policy: str, **extra: object) -> Path:
    doc = bloc_doc()
    doc["rotation"]["policy"] = policy
    doc.update(extra)
    write_bloc(tmp_path / "data", doc)
    return tmp_path / "data"


class TestCommands:
    def test_rotate_elected_says_to_be_elected(self, khoi: Invoke, tmp_path: Path) -> None:
        """`rotate` on an elected bloc says the year is to be elected, and exits 0."""
        data = policy_data(tmp_path, "elected")
        result = khoi("rotate", "2021", "--data", str(data))
        assert result.exit_code == 0, result.stderr
        assert "to be elected" in result.stdout
        payload = json.loads(khoi("rotate", "2021", "--json", "--data", str(data)).stdout)
        assert payload["status"] == "to_be_elected"
        assert payload["chair"] is None
        assert payload["bloc"]["policy"] == "elected"

    def test_rotate_appointed_shows_the_record(self, khoi: Invoke, tmp_path: Path) -> None:
        """An appointed bloc's recorded year is shown as recorded."""
        data = policy_data(tmp_path, "appointed")
        result = khoi("rotate", "2020", "--json", "--data", str(data))
        payload = json.loads(result.stdout)
        assert (payload["status"], payload["chair"]["id"]) == ("recorded", "a")
        assert "to be appointed" in khoi("rotate", "--data", str(data)).stdout

    def test_record_refused_for_an_elected_year(self, khoi: Invoke, tmp_path: Path) -> None:
        """--record cannot compute an election: a usage error, and bloc.toml is untouched."""
        data = policy_data(tmp_path, "elected")
        before = (data / "khoi-thu" / "bloc.toml").read_bytes()
        result = khoi("rotate", "2021", "--record", "--data", str(data))
        assert result.exit_code == ExitCode.USAGE
        assert "[[leadership]]" in result.stderr
        assert (data / "khoi-thu" / "bloc.toml").read_bytes() == before

    def test_unknown_policy_is_a_data_error(self, khoi: Invoke, tmp_path: Path) -> None:
        """A policy khoi does not know is reported with the allowed values."""
        data = policy_data(tmp_path, "lottery")
        result = khoi("check", "--data", str(data))
        assert result.exit_code == ExitCode.DATA
        assert "appointed" in result.stdout + result.stderr

    def test_plan_shows_vacant_and_early_years(self, khoi: Invoke, tmp_path: Path) -> None:
        """A plan over a year before the records and a vacant year shows a row for each."""
        excused = [{"member": m, "year": 2022, "reason": "sáp nhập"} for m in "abcd"]
        data = policy_data(tmp_path, "circular", excused=excused)
        result = khoi("rotate", "2019", "--until", "2023", "--data", str(data))
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert any("2019" in line and "cannot say" in line for line in lines)
        assert any("2022" in line and "VACANT" in line for line in lines)
        payload = json.loads(
            khoi("rotate", "2019", "--until", "2023", "--json", "--data", str(data)).stdout
        )
        statuses = [y["status"] for y in payload["years"]]
        assert statuses == ["before_records", "recorded", "computed", "vacant", "computed"]
        assert payload["years"][4]["chair"]["id"] == "c"
        explained = " ".join(payload["years"][4]["explanation"])
        assert "resumes from the leaders of 2021" in explained

    def test_elected_bloc_needs_no_order(self, khoi: Invoke, tmp_path: Path) -> None:
        """An elected bloc may leave out `order`; members then follow the list, with no turns."""
        doc = bloc_doc()
        doc["rotation"] = {"policy": "elected"}
        write_bloc(tmp_path / "data", doc)
        data = tmp_path / "data"
        assert khoi("check", "--data", str(data)).exit_code == 0
        members = khoi("members", "2021", "--data", str(data))
        assert members.exit_code == 0, members.stderr
        assert "Next turn" not in members.stdout
        circular = policy_data(tmp_path / "c", "circular")
        assert "Next turn" in khoi("members", "2021", "--data", str(circular)).stdout

    def test_members_and_history_keep_working(self, khoi: Invoke, tmp_path: Path) -> None:
        """`members` and `history` run on an elected bloc and on a bloc with a vacant year."""
        excused = [{"member": m, "year": 2021, "reason": "sáp nhập"} for m in "abcd"]
        for data in (
            policy_data(tmp_path / "e", "elected"),
            policy_data(tmp_path / "v", "circular", excused=excused),
        ):
            assert khoi("members", "--data", str(data)).exit_code == 0
            history = khoi("history", "--until", "2023", "--data", str(data))
            assert history.exit_code == 0, history.stderr

    def test_rotate_all_with_an_elected_bloc(self, khoi: Invoke, tmp_path: Path) -> None:
        """`rotate --all` lists an elected bloc's unrecorded year as to be elected."""
        data = tmp_path / "data"
        elected = bloc_doc()
        elected["rotation"]["policy"] = "elected"
        write_bloc(data, elected, "khoi-bau")
        write_bloc(data, bloc_doc(), "khoi-vong")
        result = khoi("rotate", "2021", "--all", "--data", str(data))
        assert result.exit_code == 0, result.stderr
        assert "to be elected" in result.stdout
        assert "computed from 2020" in result.stdout

    def test_record_an_election(self, khoi: Invoke, tmp_path: Path) -> None:
        """`--record --chair --vice-chair` writes the elected pair, matched among that year's
        members; rotate then shows it as recorded."""
        data = policy_data(tmp_path, "elected")
        result = khoi(
            "rotate", "2021", "--record", "--chair", "c", "--vice-chair", "Ban thử nghiệm D",
            "--data", str(data),
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        text = (data / "khoi-thu" / "bloc.toml").read_text(encoding="utf-8")
        assert 'chair = "c"' in text and 'vice_chair = "d"' in text
        assert "Decided by the bloc (elected)" in text
        payload = json.loads(khoi("rotate", "2021", "--json", "--data", str(data)).stdout)
        assert (payload["status"], payload["chair"]["id"]) == ("recorded", "c")

    def test_record_a_different_election_is_refused(self, khoi: Invoke, tmp_path: Path) -> None:
        """A year already recorded with another pair is never overwritten by --chair."""
        data = policy_data(tmp_path, "elected")
        before = (data / "khoi-thu" / "bloc.toml").read_bytes()
        result = khoi("rotate", "2020", "--record", "--chair", "c", "--data", str(data))
        assert result.exit_code == ExitCode.REFUSED
        assert (data / "khoi-thu" / "bloc.toml").read_bytes() == before

    def test_chair_without_record_is_a_usage_error(self, khoi: Invoke, tmp_path: Path) -> None:
        """--chair only makes sense with --record."""
        data = policy_data(tmp_path, "elected")
        result = khoi("rotate", "2021", "--chair", "c", "--data", str(data))
        assert result.exit_code == ExitCode.USAGE
