"""The application layer's use cases, called without the CLI: leadership, conference, new bloc."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from builders import REPO_DATA, SAMPLE_BLOC_ID
from khoi_thidua import store
from khoi_thidua.app.blocs import each_bloc
from khoi_thidua.errors import UsageError

TODAY = dt.date(2026, 1, 9)


class TestLeadership:
    """``app/leadership``: each bloc's leaders of a year, and recording a year."""

    def test_each_leadership_hands_over_each_bloc(self, tmp_path: Path) -> None:
        """Every readable bloc's leaders reach ``then``; a broken bloc is its own failure."""
        from khoi_thidua.app.leadership import each_leadership

        for name in ("khoi-a", "khoi-b"):
            shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, tmp_path / name)
        (tmp_path / "khoi-b" / "bloc.toml").write_text("schema = [", encoding="utf-8")
        runs = list(each_leadership(2022, each_bloc(tmp_path), lambda b, lead: lead.chair))
        assert [(r.bloc_id, r.value) for r in runs] == [("khoi-a", "dukcq"), ("khoi-b", None)]
        assert runs[1].error is not None

    def test_record_the_circle(self, sample_bloc_dir: Path) -> None:
        """Recording 2022 writes what the circle gives, with a note saying when; again, nothing."""
        from khoi_thidua.app.leadership import record_leadership

        done = record_leadership(sample_bloc_dir, 2022, None, (None, None), TODAY)
        assert done.outcome.status == "written"
        assert (done.leadership.chair, done.leadership.recorded) == ("dukcq", True)
        assert "09/01/2026" in done.outcome.record.note
        again = record_leadership(sample_bloc_dir, 2022, None, (None, None), TODAY)
        assert again.outcome.status == "unchanged"

    def test_record_a_decision_refuses_one_unit_twice(self, sample_bloc_dir: Path) -> None:
        """The bloc's choice names two different units, or nothing is written."""
        from khoi_thidua.app.leadership import record_leadership

        before = (sample_bloc_dir / store.BLOC_FILE).read_bytes()
        with pytest.raises(UsageError):
            record_leadership(sample_bloc_dir, 2027, "Bầu", ("btc", "btc"), TODAY)
        assert (sample_bloc_dir / store.BLOC_FILE).read_bytes() == before


class TestConference:
    """``app/conference``: a decision and a count, checked before anything is written."""

    def test_unknown_award_is_refused(self, sample_bloc_dir: Path) -> None:
        """An award id the year does not know is refused, naming the ids it does."""
        from khoi_thidua.app.conference import decide

        bloc = store.load_bloc(sample_bloc_dir)
        with pytest.raises(UsageError) as caught:
            decide(sample_bloc_dir, bloc, 2022, "co-nowhere", "hold_back", "btc", "x", "")
        assert "co-tinh" in caught.value.hint

    def test_a_count_needs_something(self, sample_bloc_dir: Path) -> None:
        """No figure, name or vote: nothing to record."""
        from khoi_thidua.app.conference import record_count

        bloc = store.load_bloc(sample_bloc_dir)
        with pytest.raises(UsageError):
            record_count(sample_bloc_dir, bloc, 2022, {}, {}, [], {})

    def test_typed_votes_are_read(self, sample_bloc_dir: Path) -> None:
        """``AWARD:UNIT=N`` with the unit as people name it is recorded under its id, and a
        committee member's name typed with spaces around is stored trimmed."""
        from khoi_thidua.app.conference import record_count

        bloc = store.load_bloc(sample_bloc_dir)
        typed = {"secretary": " Lê Thị B "}
        outcome = record_count(sample_bloc_dir, bloc, 2022, {}, typed, ["co-tinh:noi chinh=7"], {})
        assert outcome.status == "written"
        text = store.results_file(sample_bloc_dir, 2022).read_text(encoding="utf-8")
        assert 'secretary = "Lê Thị B"' in text
        result = store.load_results(sample_bloc_dir, bloc, 2022, None).result_for("bnc")
        assert result is not None
        assert dict(result.votes)["co-tinh"] == 7


class TestNewBloc:
    """``app/new_bloc``: a bloc folder from init's answers."""

    def test_create_bloc(self, tmp_path: Path) -> None:
        """The written bloc.toml loads back with the members, order and leadership given."""
        from khoi_thidua.app import new_bloc
        from khoi_thidua.model import Policy

        members = new_bloc.draft_members([("", "Ban Tổ chức", "BTC"), ("", "Ban Dân vận", "")])
        ids = tuple(m.id for m in members)
        path = new_bloc.create_bloc(
            tmp_path,
            new_bloc.folder_name("Khối Số 3"),
            "Khối thi đua số 3",
            "UBND tỉnh",
            "",
            members,
            ids,
            Policy.CIRCULAR,
            (2025, ids[0], ids[1]),
        )
        assert path == tmp_path / "khoi-so-3" / store.BLOC_FILE
        bloc = store.load_bloc(path.parent)
        assert [m.id for m in bloc.members] == list(ids)
        assert (bloc.leadership[0].year, bloc.leadership[0].chair) == (2025, ids[0])


class TestMemberRecord:
    """``app/member_record``: one unit's record by year."""

    def test_every_year_with_rank_and_role(self, sample_bloc_dir: Path) -> None:
        """The unit named in part gets a row per year, its rank, its role and the review."""
        from khoi_thidua.app.member_record import member_record

        bloc = store.load_bloc(sample_bloc_dir)
        record = member_record(sample_bloc_dir, bloc, "to chuc")
        assert record.member_id == "btc"
        rows = [(y.year, y.rank, y.role, y.mid_year is not None) for y in record.years]
        assert rows == [(2020, 1, None, False), (2021, 1, "chair", True), (2022, 1, None, False)]

    def test_a_year_without_results_is_a_row(self, sample_bloc_dir: Path) -> None:
        """A year between two results files is a row without results, not left out."""
        from khoi_thidua.app.member_record import member_record

        store.results_file(sample_bloc_dir, 2021).unlink()
        bloc = store.load_bloc(sample_bloc_dir)
        years = member_record(sample_bloc_dir, bloc, "btc").years
        assert [(y.year, y.result is None) for y in years] == [
            (2020, False),
            (2021, True),
            (2022, False),
        ]
