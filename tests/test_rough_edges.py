"""Tests of the rough edges a first-time user hit in rotate, lookup, history and scores."""

from __future__ import annotations

import json
from pathlib import Path

from builders import SAMPLE_BLOC_ID, Invoke
from khoi_thidua.errors import ExitCode


def bloc_dir(data: Path) -> Path:
    return data / SAMPLE_BLOC_ID


class TestQuiet:
    def test_rotate_quiet_prints_nothing(self, khoi: Invoke, sample_data: Path) -> None:
        """`rotate --quiet` prints nothing on success, on stdout or stderr."""
        for extra in ((), ("--plan", "3"), ("--json",)):
            result = khoi("rotate", "2022", "--quiet", *extra, "--data", str(sample_data))
            assert result.exit_code == 0, result.stderr
            assert (result.stdout, result.stderr) == ("", "")

    def test_rotate_record_quiet_writes_silently(self, khoi: Invoke, sample_data: Path) -> None:
        """`rotate --record --quiet` writes the year and says nothing."""
        result = khoi("rotate", "2022", "--record", "-q", "--data", str(sample_data))
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
        assert "year = 2022" in (bloc_dir(sample_data) / "bloc.toml").read_text(encoding="utf-8")

    def test_rotate_quiet_still_reports_errors(self, khoi: Invoke, sample_data: Path) -> None:
        """--quiet keeps errors: a year before the records still fails loudly."""
        result = khoi("rotate", "2020", "--quiet", "--data", str(sample_data))
        assert result.exit_code == ExitCode.USAGE
        assert "khoi: error:" in result.stderr

    def test_rotate_help_does_not_mention_output(self, khoi: Invoke) -> None:
        """rotate has no --output, so its help does not point to one."""
        result = khoi("rotate", "--help")
        assert "--output" not in result.stdout


class TestYearBeforeRecords:
    def test_rotate_2020_is_a_usage_error_naming_2021(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """`rotate 2020` on the sample (first record 2021) exits 64 and names 2021."""
        result = khoi("rotate", "2020", "--data", str(sample_data))
        assert result.exit_code == ExitCode.USAGE
        assert "2021" in result.stderr
        assert result.stdout == ""


class TestYearAwareLookup:
    def test_fragment_matches_the_member_of_that_year(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """`propose 2021 --explain "dan van"` is Ban Dân vận, not the board that joined in 2025."""
        result = khoi("propose", "2021", "--explain", "dan van", "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("Ban Dân vận Tỉnh ủy (bdv)")

    def test_unit_of_another_year_is_only_a_hint(self, khoi: Invoke, sample_data: Path) -> None:
        """A name only a later member has is a usage error whose hint names that member."""
        result = khoi("propose", "2021", "--explain", "tuyen giao va", "--data", str(sample_data))
        assert result.exit_code == ExitCode.USAGE
        assert "no member of 2021 matches" in result.stderr
        assert "btgdv" in result.stderr and "from 2025" in result.stderr

    def test_id_of_a_later_member_is_refused(self, khoi: Invoke, sample_data: Path) -> None:
        """An id typed exactly, for a year the unit was not a member, says when it was."""
        path = bloc_dir(sample_data) / "results-2021.toml"
        before = path.read_bytes()
        result = khoi(
            "record-award", "2021", "btgdv", "co-tinh", "--decision", "Số 1/QĐ-UBND",
            "--date", "2022-03-01", "--data", str(sample_data),
        )  # fmt: skip
        assert result.exit_code == ExitCode.USAGE
        assert "not a member of the bloc in 2021" in result.stderr
        assert path.read_bytes() == before


class TestMemberHistoryGaps:
    def test_year_without_results_is_a_row(self, khoi: Invoke, sample_data: Path) -> None:
        """A year between two results files is shown with "no results", not skipped."""
        folder = bloc_dir(sample_data)
        text = (folder / "results-2021.toml").read_text(encoding="utf-8")
        (folder / "results-2024.toml").write_text(
            text.replace("year = 2021", "year = 2024"), encoding="utf-8"
        )
        result = khoi("history", "--member", "btc", "--json", "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        years = {y["year"]: y for y in json.loads(result.stdout)["years"]}
        assert sorted(years) == [2020, 2021, 2022, 2023, 2024]
        assert years[2023]["has_results"] is False
        table = khoi("history", "--member", "btc", "--data", str(sample_data)).stdout
        [row] = [line for line in table.splitlines() if "2023" in line]
        assert "no results" in row

    def test_years_outside_membership_say_so(self, khoi: Invoke, sample_data: Path) -> None:
        """A unit that joined later shows the earlier years as "not a member"."""
        result = khoi("history", "--member", "btgdv", "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        [row] = [line for line in result.stdout.splitlines() if "2021" in line]
        assert "not a member" in row


class TestScoreFormat:
    def test_history_and_propose_write_a_score_alike(self, khoi: Invoke, sample_data: Path) -> None:
        """Ban Nội chính's 96.0 reads "96.0" in both `propose` and `history --member`."""
        propose = khoi("propose", "2021", "--data", str(sample_data)).stdout
        history = khoi("history", "--member", "bnc", "--data", str(sample_data)).stdout
        [proposed] = [line for line in propose.splitlines() if "Ban Nội chính" in line][:1]
        [year] = [line for line in history.splitlines() if "2021" in line]
        assert " 96.0 " in proposed
        assert " 96.0 " in year


class TestCompactProposeTable:
    """The propose table gives one reason per unit and the votes for the award concerned."""

    def test_one_reason_line_per_unit_at_80_columns(self, khoi: Invoke, sample_data: Path) -> None:
        """The sample's 8 units fit in well under 100 lines at 80 columns (it took 142), and the
        full per-award detail is left to --explain."""
        result = khoi("propose", "2021", "--data", str(sample_data), env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert len(lines) < 80
        assert result.stdout.count("(details: --explain)") == 0
        assert "--explain MEMBER" in " ".join(result.stdout.split())
        assert sum("Unverified defaults relied on" in line for line in lines) == 1

    def test_votes_are_for_the_award_concerned(self, khoi: Invoke, sample_data: Path) -> None:
        """Trường Chính trị has 1 vote for each of two awards: the row shows 1, not the sum 2."""
        result = khoi("propose", "2021", "--json", "--data", str(sample_data))
        tct = next(s for s in json.loads(result.stdout)["standings"] if s["member"]["id"] == "tct")
        assert tct["total_votes"] == 2
        assert tct["decisive"] == {
            "award": "bang-khen-tinh",
            "reason": tct["decisive"]["reason"],
            "votes": 1,
        }
        table = khoi("propose", "2021", "--data", str(sample_data), env={"COLUMNS": "200"})
        [row] = [line for line in table.stdout.splitlines() if "Trường Chính trị" in line][:1]
        assert "│     1 │" in row

    def test_markdown_keeps_the_full_detail(self, khoi: Invoke, sample_data: Path) -> None:
        """--format markdown still lists every award's failures for a unit passed over."""
        result = khoi("propose", "2021", "--format", "markdown", "--data", str(sample_data))
        assert "Bằng khen của Thủ tướng Chính phủ: 1 consecutive year" in result.stdout
