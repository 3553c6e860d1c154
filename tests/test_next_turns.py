"""Each member's next turn as chair: when it comes, and how it moves with the roster."""

from __future__ import annotations

import json
from pathlib import Path

from builders import Invoke, make_bloc
from khoi_thidua.rotation import next_turns

ORDER = ["a", "b", "c", "d"]


def test_turns_follow_the_circle() -> None:
    """With no changes, the vice-chair of the record chairs next, then each in circle order."""
    bloc = make_bloc(ORDER, [(2021, "a", "b")])
    assert next_turns(bloc, 2022) == {"b": 2022, "c": 2023, "d": 2024, "a": 2025}


def test_a_recorded_year_counts_as_a_turn() -> None:
    """Asked from a recorded year, the recorded chair's turn is that year."""
    bloc = make_bloc(ORDER, [(2021, "a", "b")])
    assert next_turns(bloc, 2021)["a"] == 2021


def test_an_excused_member_turn_moves_on() -> None:
    """A member excused in its year is passed over; the others' turns move up one year."""
    bloc = make_bloc(ORDER, [(2021, "a", "b")], excused=[("c", 2023, "đang kiện toàn")])
    turns = next_turns(bloc, 2022)
    assert turns["d"] == 2023
    assert turns["c"] > 2023


def test_a_member_that_left_has_no_turn() -> None:
    """A member that has left never appears among the turns."""
    bloc = make_bloc(ORDER, [(2021, "a", "b")], left={"c": 2023})
    turns = next_turns(bloc, 2022)
    assert "c" not in turns
    assert turns["d"] == 2023


def test_no_turns_before_any_record() -> None:
    """Before the first recorded year nothing can be said."""
    bloc = make_bloc(ORDER, [(2021, "a", "b")])
    assert next_turns(bloc, 2019) == {}


def test_members_command_shows_next_turns(sample_data: Path, khoi: Invoke) -> None:
    """`members --json` gives each active member's next year as chair; merged ones have none."""
    result = khoi("members", "2025", "--json", "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    turns = {m["id"]: m["next_chair_year"] for m in json.loads(result.stdout)["members"]}
    assert turns["btgdv"] == 2025
    assert turns["btg"] is None and turns["bdv"] is None
    active = [y for y in turns.values() if y is not None]
    assert sorted(active) == list(range(2025, 2025 + len(active)))
