"""Tests of what Windows users meet, simulated here: names, console encodings, files held open."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builders import REPO_DATA, SAMPLE_BLOC_ID, Invoke
from khoi_thidua.errors import ExitCode
from khoi_thidua.store import writing

FOLDER = "Thi đua khen thưởng 2021"  # a space and Vietnamese letters, as users name folders


@pytest.fixture
def spaced_data(tmp_path: Path) -> Path:
    """A copy of the sample data in a folder whose name has spaces and Vietnamese letters."""
    target = tmp_path / FOLDER / "Dữ liệu khối"
    shutil.copytree(REPO_DATA, target)
    return target


class TestPathsWithSpacesAndVietnamese:
    def test_data_folder_and_bloc_folder(self, khoi: Invoke, spaced_data: Path) -> None:
        """--data with spaces and diacritics (the data root or the bloc folder) gives the seed."""
        for data in (spaced_data, spaced_data / SAMPLE_BLOC_ID):
            result = khoi("rotate", "2022", "--json", "--data", str(data))
            assert result.exit_code == 0, result.stderr
            out = json.loads(result.stdout)
            assert out["chair"]["name"] == "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh"

    def test_output_file_named_in_vietnamese(
        self, khoi: Invoke, spaced_data: Path, tmp_path: Path
    ) -> None:
        """--output to a file with spaces and diacritics in its folder and name writes there."""
        target = tmp_path / FOLDER / "Đề nghị khen thưởng 2021.json"
        result = khoi(
            "propose", "2021", "-f", "json", "-o", str(target), "--data", str(spaced_data)
        )
        assert result.exit_code == 0, result.stderr
        assert json.loads(target.read_text(encoding="utf-8"))["year"] == 2021

    def test_template_and_import_through_vietnamese_names(
        self, khoi: Invoke, spaced_data: Path, tmp_path: Path
    ) -> None:
        """A workbook written to, then imported from, a Vietnamese file name round-trips."""
        sheet = tmp_path / FOLDER / "Bảng chấm điểm năm 2021.xlsx"
        made = khoi(
            "template", "2021", "--with-results", "-o", str(sheet), "--data", str(spaced_data)
        )
        assert made.exit_code == 0, made.stderr
        result = khoi(
            "import-results", "2021", str(sheet), "--replace", "--json", "--data", str(spaced_data)
        )
        assert result.exit_code == 0, result.stderr


def held_open(times: int, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Make the next ``times`` replaces fail as Windows fails on a file Excel holds open."""
    calls: list[Path] = []
    real = Path.replace

    def replace(self: Path, target: Path) -> Path:
        calls.append(Path(target))
        if len(calls) <= times:
            error = PermissionError(13, "The process cannot access the file", str(target))
            error.winerror = 32  # type: ignore[attr-defined]
            raise error
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    monkeypatch.setattr(writing.time, "sleep", lambda seconds: None)
    return calls


class TestFileHeldOpen:
    def test_a_short_hold_is_waited_out(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file held open for a moment is replaced once the other program lets go."""
        target = tmp_path / "de-nghi.json"
        target.write_text("old", encoding="utf-8")
        calls = held_open(2, monkeypatch)
        result = khoi(
            "propose",
            "2021",
            "-f",
            "json",
            "-o",
            str(target),
            "--force",
            "--data",
            str(sample_data),
        )
        assert result.exit_code == 0, result.stderr
        assert len(calls) == 3
        assert json.loads(target.read_text(encoding="utf-8"))["year"] == 2021

    def test_a_file_kept_open_is_a_clear_error(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file never let go: exit 73, the message says so and how to fix it, nothing changed."""
        target = tmp_path / "de-nghi.json"
        target.write_text("old", encoding="utf-8")
        calls = held_open(99, monkeypatch)
        result = khoi(
            "propose",
            "2021",
            "-f",
            "json",
            "-o",
            str(target),
            "--force",
            "--data",
            str(sample_data),
        )
        assert result.exit_code == ExitCode.CANT_CREATE
        assert "another program has it open" in result.stderr
        assert "close the file" in result.stderr
        assert len(calls) == writing.REPLACE_TRIES
        assert target.read_text(encoding="utf-8") == "old"
        assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    def test_a_posix_permission_error_is_not_retried(
        self, sample_bloc_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A refusal that is not Windows' "held open" fails at once, with the usual message."""
        calls: list[Path] = []

        def replace(self: Path, target: Path) -> Path:
            calls.append(target)
            raise PermissionError(13, "Permission denied", str(target))

        monkeypatch.setattr(Path, "replace", replace)
        path = sample_bloc_dir / "notes.txt"
        with pytest.raises(writing.WriteError, match="cannot write"):
            writing.write_atomic(path, b"x")
        assert len(calls) == 1


class TestConsoleEncoding:
    def test_output_is_utf8_whatever_the_console_says(self, sample_data: Path) -> None:
        """With a legacy console encoding (cp1252), khoi still writes its Vietnamese in UTF-8."""
        env = {**os.environ, "PYTHONIOENCODING": "cp1252", "KHOI_LANG": "vi", "NO_COLOR": "1"}
        env.pop("PYTHONUTF8", None)
        result = subprocess.run(
            [sys.executable, "-m", "khoi_thidua", "rotate", "2022", "--data", str(sample_data)],
            capture_output=True, env=env, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        text = result.stdout.decode("utf-8")
        assert "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh" in text
        assert "Trưởng khối" in text
