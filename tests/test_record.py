"""Tests of `khoi rotate --record`: writing a year's leadership into bloc.toml safely."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from filelock import FileLock

from builders import Invoke
from khoi_thidua import store
from khoi_thidua.errors import ExitCode, RefusedError
from khoi_thidua.model import LeadershipRecord
from khoi_thidua.store.records import record_leadership

OVERRIDE_2022 = '\n[[leadership]]\nyear = 2022\nchair = "tct"\nvice_chair = "bnc"\n'


def comments(text: str) -> list[str]:
    """Every comment in a TOML text (whole-line and trailing), in order."""
    return [match.group(0).rstrip() for match in re.finditer(r"#[^\n]*", text)]


def is_subsequence(small: list[str], big: list[str]) -> bool:
    remaining = iter(big)
    return all(any(item == other for other in remaining) for item in small)


def recorded(bloc_dir: Path, year: int) -> dict[str, object]:
    doc = tomllib.loads((bloc_dir / "bloc.toml").read_text(encoding="utf-8"))
    [entry] = [e for e in doc["leadership"] if e["year"] == year]
    return dict(entry)


class TestWrite:
    def test_records_the_computed_year(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """`rotate 2022 --record` adds a [[leadership]] entry with the computed chair and vice."""
        result = khoi("rotate", "2022", "--record", "--data", str(sample_bloc_dir.parent))
        assert result.exit_code == 0, result.stderr
        entry = recorded(sample_bloc_dir, 2022)
        assert (entry["chair"], entry["vice_chair"]) == ("dukcq", "tct")
        assert "circular rotation from 2021" in str(entry["note"])
        assert "Recorded 2022" in result.stderr
        assert "(recorded)" in result.stdout
        bloc = store.load_bloc(sample_bloc_dir)
        assert bloc.recorded(2022) is not None

    def test_keeps_every_comment_and_line(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """Recording keeps every comment of the sample, and every original line in order."""
        path = sample_bloc_dir / "bloc.toml"
        before = path.read_text(encoding="utf-8")
        assert len(comments(before)) > 20
        khoi("rotate", "2022", "--record", "--data", str(sample_bloc_dir.parent))
        after = path.read_text(encoding="utf-8")
        assert comments(after) == comments(before)
        assert is_subsequence(before.splitlines(), after.splitlines())
        assert len(after.splitlines()) > len(before.splitlines())

    def test_note_option_is_stored(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """--note is stored with the record, in Vietnamese as typed."""
        note = "Hội nghị ngày 10/01/2022"
        result = khoi(
            "rotate", "2022", "--record", "--note", note, "--data", str(sample_bloc_dir.parent)
        )
        assert result.exit_code == 0
        assert recorded(sample_bloc_dir, 2022)["note"] == note

    def test_json_reports_status(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """With --json the answer carries record_status: written, then unchanged."""
        args = ("rotate", "2022", "--record", "--json", "--data", str(sample_bloc_dir.parent))
        first = json.loads(khoi(*args).stdout)
        second = json.loads(khoi(*args).stdout)
        assert (first["record_status"], second["record_status"]) == ("written", "unchanged")
        assert first["recorded"] is True
        assert first["chair"]["id"] == "dukcq"

    def test_later_year_steps_from_the_previous_record(
        self, khoi: Invoke, sample_bloc_dir: Path
    ) -> None:
        """Recording 2023 after an override of 2022 steps from the override."""
        with (sample_bloc_dir / "bloc.toml").open("a", encoding="utf-8") as handle:
            handle.write(OVERRIDE_2022)
        result = khoi("rotate", "2023", "--record", "--data", str(sample_bloc_dir.parent))
        assert result.exit_code == 0, result.stderr
        entry = recorded(sample_bloc_dir, 2023)
        assert (entry["chair"], entry["vice_chair"]) == ("bnc", "btg")


class TestIdempotent:
    def test_second_run_changes_nothing(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """Recording the same year twice leaves the file's bytes as they were and says so."""
        path = sample_bloc_dir / "bloc.toml"
        args = ("rotate", "2022", "--record", "--data", str(sample_bloc_dir.parent))
        khoi(*args)
        once = path.read_bytes()
        result = khoi(*args)
        assert result.exit_code == 0
        assert path.read_bytes() == once
        assert "nothing changed" in result.stderr

    def test_recording_the_first_record_changes_nothing(
        self, khoi: Invoke, sample_bloc_dir: Path
    ) -> None:
        """Recording the starting year, already recorded, is a no-op."""
        path = sample_bloc_dir / "bloc.toml"
        before = path.read_bytes()
        result = khoi("rotate", "2021", "--record", "--data", str(sample_bloc_dir.parent))
        assert result.exit_code == 0
        assert path.read_bytes() == before
        assert "nothing changed" in result.stderr


class TestRefusals:
    def test_different_record_is_refused(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """When another leadership is recorded for the year, --record exits 1 and writes nothing."""
        path = sample_bloc_dir / "bloc.toml"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(OVERRIDE_2022)
        before = path.read_bytes()
        result = khoi("rotate", "2022", "--record", "--data", str(sample_bloc_dir.parent))
        assert result.exit_code == ExitCode.REFUSED
        assert path.read_bytes() == before
        assert "khoi: error:" in result.stderr
        assert "already records 2022" in result.stderr
        assert "Traceback" not in result.stderr
        assert result.stdout == ""

    def test_store_refuses_a_conflicting_record(self, sample_bloc_dir: Path) -> None:
        """record_leadership refuses a record that conflicts with the one in the file."""
        path = sample_bloc_dir / "bloc.toml"
        before = path.read_bytes()
        with pytest.raises(RefusedError) as info:
            record_leadership(sample_bloc_dir, lambda bloc: LeadershipRecord(2021, "tct", "bnc"))
        assert info.value.exit_code == ExitCode.REFUSED
        assert path.read_bytes() == before

    def test_year_without_start_writes_nothing(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """A year before any record cannot be recorded; the file is untouched."""
        path = sample_bloc_dir / "bloc.toml"
        before = path.read_bytes()
        result = khoi("rotate", "2019", "--record", "--data", str(sample_bloc_dir.parent))
        assert result.exit_code == ExitCode.USAGE
        assert path.read_bytes() == before

    def test_record_with_plan_is_a_usage_error(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """--record records one year, so combining it with --plan is a usage error."""
        path = sample_bloc_dir / "bloc.toml"
        before = path.read_bytes()
        result = khoi("rotate", "--record", "--plan", "3", "--data", str(sample_bloc_dir.parent))
        assert result.exit_code == ExitCode.USAGE
        assert path.read_bytes() == before

    def test_locked_data_is_a_temporary_failure(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """While another run holds the lock, --record exits 75 on timeout, writing nothing."""
        path = sample_bloc_dir / "bloc.toml"
        before = path.read_bytes()
        with FileLock(str(sample_bloc_dir / ".khoi.lock")):
            result = khoi(
                "rotate",
                "2022",
                "--record",
                "--data",
                str(sample_bloc_dir.parent),
                env={"KHOI_LOCK_TIMEOUT": "0.2"},
            )
        assert result.exit_code == ExitCode.TEMP_FAIL
        assert "locked" in result.stderr
        assert path.read_bytes() == before


def test_record_note_is_stored_in_nfc(sample_data: Path, khoi: Invoke) -> None:
    """A note typed with separate accent marks (NFD) is written in NFC."""
    import unicodedata

    note = unicodedata.normalize("NFD", "Hội nghị ngày 10/01/2022")
    result = khoi("rotate", "2022", "--record", "--note", note, "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    text = (sample_data / "khoi-co-quan-dang" / "bloc.toml").read_text(encoding="utf-8")
    assert 'note = "Hội nghị ngày 10/01/2022"' in text
    assert unicodedata.normalize("NFC", text) == text


def test_history_until_before_the_first_record_is_empty(sample_data: Path, khoi: Invoke) -> None:
    """`history --until` before the first recorded year lists no year."""
    result = khoi("history", "--until", "2019", "--json", "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["years"] == []
