"""End-to-end tests of `khoi rotate`, `history`, `members` and `check` on copies of the data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from builders import (
    SAMPLE_BLOC_ID,
    Invoke,
    assert_clean_error,
    bloc_doc,
    write_bloc,
    write_bloc_text,
)
from khoi_thidua.errors import ExitCode

DUKCQ = "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh"
TCT = "Trường Chính trị Nguyễn Văn Linh"
BTGDV = "Ban Tuyên giáo và Dân vận Tỉnh ủy"
SAMPLE_NAME = "Khối thi đua Ban, đơn vị, cơ quan Đảng"
ROTATE_KEYS = [
    "schema",
    "bloc",
    "year",
    "chair",
    "vice_chair",
    "recorded",
    "status",
    "note",
    "start_year",
    "skipped",
    "explanation",
]


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def row(text: str, first: str) -> str:
    """The one line of a table or grid whose first cell starts with ``first``."""
    [line] = [line for line in text.splitlines() if line.strip("│┃ ").startswith(first)]
    return line


# -- rotate ----------------------------------------------------------------------------------


class TestRotate:
    def test_seed_year_as_text(self, khoi: Invoke, sample_data: Path) -> None:
        """`rotate 2022` names the Party bloc committee as chair and the Political School vice."""
        result = khoi("rotate", "2022", "--data", str(sample_data))
        assert result.exit_code == 0
        assert result.stderr == ""
        assert DUKCQ in row(result.stdout, "Trưởng khối")
        assert TCT in row(result.stdout, "Phó khối")
        assert "computed from 2021" in result.stdout
        assert "\x1b[" not in result.stdout

    def test_seed_year_as_json(self, khoi: Invoke, sample_data: Path) -> None:
        """`rotate 2022 --json` has the documented shape, with both names and ids."""
        data = as_json(khoi("rotate", "2022", "--json", "--data", str(sample_data)))
        assert list(data) == ROTATE_KEYS
        assert data["schema"] == 1
        assert data["bloc"] == {"id": SAMPLE_BLOC_ID, "name": SAMPLE_NAME, "policy": "circular"}
        assert data["year"] == 2022
        assert data["chair"] == {"id": "dukcq", "name": DUKCQ, "short": "ĐUK"}
        assert data["vice_chair"] == {"id": "tct", "name": TCT, "short": "TCT"}
        assert data["recorded"] is False
        assert data["start_year"] == 2021
        assert data["skipped"] == []
        assert all(isinstance(line, str) and line for line in data["explanation"])
        assert any("Phó khối in 2021" in line for line in data["explanation"])

    def test_default_year_is_next_to_decide(self, khoi: Invoke, sample_data: Path) -> None:
        """Without a year, rotate answers for the year after the latest record."""
        data = as_json(khoi("rotate", "--json", "--data", str(sample_data)))
        assert data["year"] == 2022

    def test_recorded_year(self, khoi: Invoke, sample_data: Path) -> None:
        """A recorded year is shown as recorded, with its note."""
        data = as_json(khoi("rotate", "2021", "--json", "--data", str(sample_data)))
        assert data["recorded"] is True
        assert data["chair"]["id"] == "btc"
        assert "08/01/2022" in data["note"]

    def test_merge_year_explains_who_was_passed_over(self, khoi: Invoke, sample_data: Path) -> None:
        """In 2025 the merged board is passed over and its successor chairs, with the reason."""
        data = as_json(khoi("rotate", "2025", "--json", "--data", str(sample_data)))
        assert data["chair"]["id"] == "btgdv"
        skipped = {(s["member"]["id"], s["role"], s["reason"]) for s in data["skipped"]}
        assert ("btg", "chair", "merged") in skipped
        assert any("merged into " + BTGDV in line for line in data["explanation"])

    def test_plan_five_years(self, khoi: Invoke, sample_data: Path) -> None:
        """`--plan 5` gives five consecutive years from the default year."""
        data = as_json(khoi("rotate", "--plan", "5", "--json", "--data", str(sample_data)))
        assert [y["year"] for y in data["years"]] == [2022, 2023, 2024, 2025, 2026]
        assert data["bloc"]["id"] == SAMPLE_BLOC_ID
        chairs = [y["chair"]["id"] for y in data["years"]]
        vices = [y["vice_chair"]["id"] for y in data["years"]]
        assert chairs == ["dukcq", "tct", "bnc", "btgdv", "ubkt"]
        assert vices == ["tct", "bnc", "btg", "ubkt", "vptu"]

    def test_plan_as_table(self, khoi: Invoke, sample_data: Path) -> None:
        """The plan table lists every year of the plan with its chair."""
        result = khoi("rotate", "2022", "--plan", "3", "--data", str(sample_data))
        assert result.exit_code == 0
        assert DUKCQ in row(result.stdout, "2022")
        assert TCT in row(result.stdout, "2023")
        assert "2025" not in result.stdout

    def test_until(self, khoi: Invoke, sample_data: Path) -> None:
        """`--until` gives every year from YEAR to UNTIL inclusive."""
        data = as_json(
            khoi("rotate", "2023", "--until", "2027", "--json", "--data", str(sample_data))
        )
        assert [y["year"] for y in data["years"]] == list(range(2023, 2028))

    def test_plan_and_until_together(self, khoi: Invoke, sample_data: Path) -> None:
        """Asking for both --plan and --until is a usage error."""
        result = khoi("rotate", "--plan", "2", "--until", "2030", "--data", str(sample_data))
        assert_clean_error(result, ExitCode.USAGE)

    def test_until_before_year(self, khoi: Invoke, sample_data: Path) -> None:
        """An --until before the year is a usage error naming both years."""
        result = khoi("rotate", "2024", "--until", "2023", "--data", str(sample_data))
        assert_clean_error(result, ExitCode.USAGE)
        assert "2023" in result.stderr
        assert "2024" in result.stderr

    def test_year_before_records(self, khoi: Invoke, sample_data: Path) -> None:
        """A year before the first record of valid data is a usage error (64) that names the
        first recorded year and shows how to record an earlier one."""
        result = khoi("rotate", "2019", "--data", str(sample_data))
        assert_clean_error(result, ExitCode.USAGE)
        assert "2021" in result.stderr
        assert "[[leadership]]" in result.stderr
        assert "year = 2019" in result.stderr

    @pytest.mark.parametrize("year", ["20222", "202", "abc"])
    def test_impossible_year(self, khoi: Invoke, sample_data: Path, year: str) -> None:
        """A year that is not a plausible year is a usage error, without a traceback."""
        result = khoi("rotate", year, "--data", str(sample_data))
        assert result.exit_code == ExitCode.USAGE
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        assert "Invalid value for 'YEAR'" in result.stderr


# -- members and history ---------------------------------------------------------------------


class TestMembers:
    def test_members_2025_shows_merges(self, khoi: Invoke, sample_data: Path) -> None:
        """`members 2025` shows the merged boards, their successor, and the successor active."""
        data = as_json(khoi("members", "2025", "--json", "--data", str(sample_data)))
        status = {m["id"]: m for m in data["members"]}
        assert status["btg"]["status"] == "merged"
        assert status["bdv"]["status"] == "merged"
        assert BTGDV in status["btg"]["detail"]
        assert status["btgdv"]["status"] == "active"
        assert status["btc"]["status"] == "active"
        assert data["year"] == 2025

    def test_members_as_table(self, khoi: Invoke, sample_data: Path) -> None:
        """The members table shows each merged board with the unit it merged into."""
        result = khoi("members", "2025", "--data", str(sample_data))
        assert result.exit_code == 0
        [line] = [line for line in result.stdout.splitlines() if "│ bdv " in line]
        assert f"merged into {BTGDV} in 2025" in line

    def test_successor_not_yet_a_member_before_merge(self, khoi: Invoke, sample_data: Path) -> None:
        """Before 2025 the successor board is not yet a member and the old boards are active."""
        data = as_json(khoi("members", "2024", "--json", "--data", str(sample_data)))
        status = {m["id"]: m["status"] for m in data["members"]}
        assert status["btgdv"] == "not_joined"
        assert status["btg"] == status["bdv"] == "active"


class TestHistory:
    def test_history_of_sample(self, khoi: Invoke, sample_data: Path) -> None:
        """History lists 2021 as recorded and 2022 as computed, with no departure."""
        data = as_json(khoi("history", "--json", "--data", str(sample_data)))
        years = [(y["year"], y["recorded"], y["departs_from_rotation"]) for y in data["years"]]
        assert years == [(2021, True, False), (2022, False, False)]

    def test_history_marks_an_override(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """A recorded year that differs from rotation is flagged with what rotation would give."""
        with (sample_bloc_dir / "bloc.toml").open("a", encoding="utf-8") as handle:
            handle.write('\n[[leadership]]\nyear = 2022\nchair = "tct"\nvice_chair = "bnc"\n')
        data = as_json(
            khoi("history", "--until", "2023", "--json", "--data", str(sample_bloc_dir.parent))
        )
        by_year = {y["year"]: y for y in data["years"]}
        assert by_year[2022]["departs_from_rotation"] is True
        assert by_year[2022]["rotation_would_give"]["chair"]["id"] == "dukcq"
        assert by_year[2023]["chair"]["id"] == "bnc"
        text = khoi("history", "--data", str(sample_bloc_dir.parent)).stdout
        assert "departs from rotation" in row(text, "2022")


# -- check -----------------------------------------------------------------------------------


class TestCheck:
    def test_sample_is_valid(self, khoi: Invoke, sample_data: Path) -> None:
        """`check` exits 0 on the sample and says there is no problem."""
        result = khoi("check", "--data", str(sample_data))
        assert result.exit_code == 0
        assert f"{SAMPLE_BLOC_ID}: no problems" in result.stdout

    def test_every_problem_listed(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """On a broken copy `check` exits 65 and lists every problem with key and line."""
        path = sample_bloc_dir / "bloc.toml"
        edit(path, 'organiser = "Ủy ban nhân dân tỉnh"', "organiser = 5")
        edit(path, "max = 100 ", 'max = "100" ')
        edit(path, 'header = "party"', 'header = "parti"')
        edit(path, 'short = "BNC"', 'shrot = "BNC"')
        result = khoi("check", "--data", str(sample_bloc_dir.parent))
        assert result.exit_code == ExitCode.DATA
        assert "4 errors" in result.stdout
        for key in ("[organiser]", "[scoring.max]", "[documents.header]", "[members[3].shrot]"):
            assert key in result.stdout
        assert "did you mean `party`?" in result.stdout
        assert "did you mean `short`?" in result.stdout

    def test_check_json(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """`check --json` reports ok false and each problem with its key and line."""
        edit(sample_bloc_dir / "bloc.toml", 'vice_chair = "dukcq"', 'vice_chair = "btc"')
        result = khoi("check", "--json", "--data", str(sample_bloc_dir.parent))
        assert result.exit_code == ExitCode.DATA
        data = json.loads(result.stdout)
        assert data["ok"] is False
        [problem] = data["blocs"][0]["problems"]
        assert problem["key"] == "leadership[0].vice_chair"
        assert isinstance(problem["line"], int)
        assert problem["severity"] == "error"

    def test_malformed_toml(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """`check` on malformed TOML exits 65 naming the line."""
        path = sample_bloc_dir / "bloc.toml"
        edit(path, "schema = 1", "schema = = 1")
        lines = path.read_text(encoding="utf-8").splitlines()
        line = lines.index("schema = = 1") + 1
        result = khoi("check", "--data", str(sample_bloc_dir.parent))
        assert result.exit_code == ExitCode.DATA
        assert f"bloc.toml:{line}" in result.stdout
        assert "not valid TOML" in result.stdout

    def test_warnings_pass_unless_strict(self, khoi: Invoke, bloc_root: Path) -> None:
        """A warning alone exits 0, and 65 with --strict."""
        doc = bloc_doc()
        doc["name"] = "Kho\u0302\u0301i thử"  # accents typed as separate marks
        write_bloc(bloc_root, doc)
        assert khoi("check", "--data", str(bloc_root)).exit_code == 0
        assert khoi("check", "--strict", "--data", str(bloc_root)).exit_code == ExitCode.DATA


# -- errors at the edge ----------------------------------------------------------------------


class TestNoTraceback:
    def test_broken_data_on_rotate(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """Rotating on broken data lists every error on stderr and exits 65, without traceback."""
        path = sample_bloc_dir / "bloc.toml"
        edit(path, 'organiser = "Ủy ban nhân dân tỉnh"', "organiser = 5")
        edit(path, 'header = "party"', 'header = "parti"')
        result = khoi("rotate", "2022", "--data", str(sample_bloc_dir.parent))
        assert_clean_error(result, ExitCode.DATA)
        assert "2 problems" in result.stderr
        assert "[organiser]" in result.stderr
        assert "[documents.header]" in result.stderr

    def test_missing_data_folder(self, khoi: Invoke, tmp_path: Path) -> None:
        """A data folder that does not exist exits 66 with a hint about --data and KHOI_DATA."""
        result = khoi("rotate", "--data", str(tmp_path / "nowhere"))
        assert_clean_error(result, ExitCode.NO_INPUT)
        assert "KHOI_DATA" in result.stderr

    def test_folder_without_blocs(self, khoi: Invoke, tmp_path: Path) -> None:
        """A data folder holding no bloc folder exits 66."""
        result = khoi("members", "--data", str(tmp_path))
        assert_clean_error(result, ExitCode.NO_INPUT)

    def test_unknown_option(self, khoi: Invoke, sample_data: Path) -> None:
        """An unknown option is a usage error (64) without a traceback."""
        result = khoi("rotate", "--bogus", "--data", str(sample_data))
        assert result.exit_code == ExitCode.USAGE
        assert "Traceback" not in result.stderr
        assert result.stdout == ""

    def test_closed_pipe_is_not_an_internal_error(self, sample_data: Path) -> None:
        """When the reader of stdout goes away (`khoi … | head`), khoi stops quietly: no bug."""
        env = {k: v for k, v in os.environ.items() if k != "KHOI_DEBUG"}
        command = [sys.executable, "-m", "khoi_thidua", "rotate", "--plan", "50", "--json"]
        proc = subprocess.Popen(
            [*command, "--data", str(sample_data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # before the child can start writing
        err = proc.stderr.read().decode("utf-8")
        code = proc.wait(timeout=60)
        assert err == ""
        assert code != ExitCode.SOFTWARE

    # The `khoi` fixture holds no state between runs, so sharing it across examples is safe.
    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(raw=st.binary(max_size=300), command=st.sampled_from(["check", "rotate", "history"]))
    def test_any_bytes_give_a_clean_answer(self, khoi: Invoke, raw: bytes, command: str) -> None:
        """Any bytes given as bloc.toml produce a result or a clean error, never a traceback."""
        with tempfile.TemporaryDirectory() as folder:
            bloc_dir = Path(folder) / "khoi-thu"
            bloc_dir.mkdir()
            (bloc_dir / "bloc.toml").write_bytes(raw)
            result = khoi(command, "--data", folder)
        assert result.exit_code in {0, ExitCode.DATA}
        assert "Traceback" not in result.output
        assert "internal error" not in result.stderr


# -- choosing the data -----------------------------------------------------------------------


class TestDataLocation:
    def test_env_var(self, khoi: Invoke, sample_data: Path) -> None:
        """KHOI_DATA names the data folder when --data is not given."""
        data = as_json(khoi("rotate", "2022", "--json", env={"KHOI_DATA": str(sample_data)}))
        assert data["chair"]["id"] == "dukcq"

    def test_option_beats_env_var(self, khoi: Invoke, sample_data: Path, tmp_path: Path) -> None:
        """--data wins over KHOI_DATA."""
        result = khoi(
            "rotate",
            "2022",
            "--json",
            "--data",
            str(sample_data),
            env={"KHOI_DATA": str(tmp_path / "nowhere")},
        )
        assert as_json(result)["chair"]["id"] == "dukcq"

    def test_default_is_data_in_working_folder(
        self, khoi: Invoke, sample_data: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without --data or KHOI_DATA, khoi reads ./data."""
        monkeypatch.chdir(sample_data.parent)
        assert as_json(khoi("rotate", "2022", "--json"))["vice_chair"]["id"] == "tct"

    def test_bloc_folder_itself(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """--data may point at a bloc folder itself."""
        data = as_json(khoi("rotate", "2022", "--json", "--data", str(sample_bloc_dir)))
        assert data["bloc"]["id"] == SAMPLE_BLOC_ID

    def test_several_blocs_need_bloc_option(self, khoi: Invoke, sample_data: Path) -> None:
        """With several blocs, khoi asks for --bloc (64) and lists them; --bloc picks one."""
        write_bloc(sample_data, bloc_doc(), "khoi-thu")
        result = khoi("rotate", "2022", "--data", str(sample_data))
        assert_clean_error(result, ExitCode.USAGE)
        assert "--bloc" in result.stderr
        assert SAMPLE_BLOC_ID in result.stderr
        assert "khoi-thu" in result.stderr
        picked = as_json(
            khoi("rotate", "2021", "--json", "--bloc", "khoi-thu", "--data", str(sample_data))
        )
        assert picked["chair"]["id"] == "b"
        assert picked["bloc"]["id"] == "khoi-thu"

    def test_unknown_bloc(self, khoi: Invoke, sample_data: Path) -> None:
        """An unknown --bloc is a usage error listing the blocs there are."""
        result = khoi("history", "--bloc", "khoi-khac", "--data", str(sample_data))
        assert_clean_error(result, ExitCode.USAGE)
        assert SAMPLE_BLOC_ID in result.stderr

    def test_bloc_folder_without_file(self, khoi: Invoke, sample_data: Path) -> None:
        """--bloc naming a folder without bloc.toml exits 66 naming the missing file."""
        (sample_data / "khoi-rong").mkdir()
        result = khoi("members", "--bloc", "khoi-rong", "--data", str(sample_data))
        assert_clean_error(result, ExitCode.NO_INPUT)
        assert "bloc.toml" in result.stderr

    def test_empty_bloc_file(self, khoi: Invoke, bloc_root: Path) -> None:
        """An empty bloc.toml is a clean data error."""
        write_bloc_text(bloc_root, "")
        result = khoi("rotate", "--data", str(bloc_root))
        assert_clean_error(result, ExitCode.DATA)
        assert "empty" in result.stderr
