"""Tests of `khoi init`: scripted with flags, driven on a pseudo-terminal, and what it writes."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import Result

from builders import Invoke
from khoi_thidua.bloc_draft import bloc_id_for, member_ids, slug
from khoi_thidua.errors import ExitCode

NAME = "Khối thi đua các cơ quan Đảng"
MEMBERS_CSV = (
    "Tên đơn vị,Tên viết tắt\n"
    "Ban Tổ chức Tỉnh ủy,BTC\n"
    "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh,ĐUK\n"
    "Trường Chính trị Nguyễn Văn Linh,TCT\n"
    "Ban Nội chính Tỉnh ủy,BNC\n"
)
RESULTS_2025 = """schema = 1
year = 2025

[conference]
date = 2026-01-08
ballots = 4

[results.btc]
score = 98.5
rating = "excellent"
votes = { co-chinh-phu = 4 }

[results.duk]
score = 96.0
rating = "excellent"
votes = { co-tinh = 3 }

[results.tct]
score = 95.0
rating = "excellent"
votes = {}

[results.bnc]
score = 90.0
rating = "good"
votes = {}
"""


def members_csv(tmp_path: Path) -> Path:
    path = tmp_path / "don-vi.csv"
    path.write_text(MEMBERS_CSV, encoding="utf-8")
    return path


def scripted(khoi: Invoke, tmp_path: Path, *extra: str) -> tuple[int, str, Path]:
    data = tmp_path / "data"
    result = khoi(
        "init", "--name", NAME, "--organiser", "Ủy ban nhân dân tỉnh",
        "--members", str(members_csv(tmp_path)), "--chair", "btc", "--vice-chair", "ĐUK",
        "--year", "2025", "--bloc", "khoi-dang", "--data", str(data), *extra,
    )  # fmt: skip
    return result.exit_code, result.stderr, data


def run_the_year(khoi: Invoke, data: Path) -> None:
    """check, rotate and propose succeed on what init wrote (plus a results file)."""
    check = khoi("check", "--data", str(data))
    assert check.exit_code == 0, check.stdout + check.stderr
    rotate = khoi("rotate", "--json", "--data", str(data))
    assert rotate.exit_code == 0, rotate.stderr
    assert '"year": 2026' in rotate.stdout
    (data / "khoi-dang" / "results-2025.toml").write_text(RESULTS_2025, encoding="utf-8")
    propose = khoi("propose", "2025", "--data", str(data))
    assert propose.exit_code == 0, propose.stderr
    assert "Ban Tổ chức Tỉnh ủy" in propose.stdout


class TestScripted:
    def test_flags_write_a_bloc_that_check_rotate_and_propose_accept(
        self, khoi: Invoke, tmp_path: Path
    ) -> None:
        """With every answer as a flag, init writes bloc.toml and the year's commands run."""
        code, err, data = scripted(khoi, tmp_path)
        assert code == 0, err
        assert "Created" in err
        run_the_year(khoi, data)
        rotate = khoi("rotate", "2026", "--data", str(data))
        assert "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh" in rotate.stdout.splitlines()[1]

    def test_excel_member_list(self, khoi: Invoke, tmp_path: Path) -> None:
        """A member list in .xlsx with an id column gives those ids."""
        from openpyxl import Workbook  # type: ignore[import-untyped]

        book = Workbook()
        sheet = book.active
        sheet.append(["Mã", "Tên đơn vị", "Tên viết tắt"])
        sheet.append(["to-chuc", "Ban Tổ chức Tỉnh ủy", "BTC"])
        sheet.append(["noi-chinh", "Ban Nội chính Tỉnh ủy", None])
        path = tmp_path / "don-vi.xlsx"
        book.save(path)
        data = tmp_path / "data"
        result = khoi(
            "init", "--name", "Khối 2", "--organiser", "UBND tỉnh", "--members", str(path),
            "--policy", "elected", "--data", str(data),
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        text = (data / "khoi-2" / "bloc.toml").read_text(encoding="utf-8")
        assert 'id = "to-chuc"' in text and 'id = "noi-chinh"' in text
        assert 'policy = "elected"' in text
        rotate = khoi("rotate", "2026", "--json", "--data", str(data))
        assert '"status": "to_be_elected"' in rotate.stdout

    def test_missing_flag_off_a_terminal_is_a_usage_error(
        self, khoi: Invoke, tmp_path: Path
    ) -> None:
        """Without a terminal, a missing --members is a usage error; nothing is created."""
        data = tmp_path / "data"
        result = khoi("init", "--name", NAME, "--organiser", "UBND", "--data", str(data))
        assert result.exit_code == ExitCode.USAGE
        assert "--members" in result.stderr
        assert not data.exists()

    def test_same_chair_and_vice_chair_is_refused(self, khoi: Invoke, tmp_path: Path) -> None:
        """The Phó khối must be another unit than the Trưởng khối; nothing is created."""
        code, err, data = scripted(khoi, tmp_path, "--vice-chair", "btc")
        assert code == ExitCode.USAGE
        assert "another member" in err
        assert not data.exists()

    def test_circular_needs_a_chair(self, khoi: Invoke, tmp_path: Path) -> None:
        """A circular bloc without --chair has nothing to rotate from: a usage error."""
        data = tmp_path / "data"
        result = khoi(
            "init", "--name", NAME, "--organiser", "UBND", "--members",
            str(members_csv(tmp_path)), "--data", str(data),
        )  # fmt: skip
        assert result.exit_code == ExitCode.USAGE
        assert "--chair" in result.stderr

    def test_never_overwrites_an_existing_bloc(self, khoi: Invoke, tmp_path: Path) -> None:
        """A second init with the same id is refused and the first bloc.toml is unchanged."""
        code, err, data = scripted(khoi, tmp_path)
        assert code == 0, err
        path = data / "khoi-dang" / "bloc.toml"
        before = path.read_bytes()
        code, err, _ = scripted(khoi, tmp_path, "--policy", "elected")
        assert code == ExitCode.USAGE
        assert "never overwrites" in err
        assert path.read_bytes() == before

    def test_bad_order_is_refused(self, khoi: Invoke, tmp_path: Path) -> None:
        """An order that leaves out a member names the missing one."""
        code, err, data = scripted(khoi, tmp_path, "--order", "btc,duk,tct")
        assert code == ExitCode.USAGE
        assert "missing: bnc" in err
        assert not (data / "khoi-dang").exists()

    def test_every_key_is_explained(self, khoi: Invoke, tmp_path: Path) -> None:
        """Every key init writes is named in a comment of the file."""
        code, err, data = scripted(khoi, tmp_path, "--province", "Hưng Yên")
        assert code == 0, err
        text = (data / "khoi-dang" / "bloc.toml").read_text(encoding="utf-8")
        comments = " ".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
        keys = set(re.findall(r"^([a-z_]+) =", text, flags=re.MULTILINE))
        assert keys == {
            "schema", "name", "organiser", "province", "policy", "order", "id", "short",
            "year", "chair", "vice_chair", "note",
        }  # fmt: skip
        lines = text.splitlines()
        for number, line in enumerate(lines):
            key = re.match(r"^([a-z_]+) =", line)
            if key is None:
                continue
            # explained above the line, on it, or by name in a section's comment
            explained = lines[number - 1].startswith("#") or "#" in line
            assert explained or key.group(1) in comments, key.group(1)

    def test_comments_follow_the_language(self, khoi: Invoke, tmp_path: Path) -> None:
        """Under --lang vi the comments are Vietnamese, and check still passes."""
        data = tmp_path / "data"
        result = khoi(
            "--lang", "vi", "init", "--name", NAME, "--organiser", "UBND tỉnh", "--members",
            str(members_csv(tmp_path)), "--chair", "btc", "--year", "2025", "--data", str(data),
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        [folder] = data.iterdir()
        text = (folder / "bloc.toml").read_text(encoding="utf-8")
        assert "Đơn vị thành viên. id: mã ngắn" in text
        assert khoi("check", "--data", str(data)).exit_code == 0


# -- the pseudo-terminal ---------------------------------------------------------------------

ANSWERS = [
    ("tên khối thi đua", NAME),
    ("đơn vị tổ chức", ""),  # the default, Ủy ban nhân dân tỉnh
    ("Province", ""),
    ("folder name", "khoi-dang"),
    ("Enter to type", "/khong/co/don-vi.csv"),  # no such file: asked again
    ("Enter to type", ""),  # type the members one by one
    ("Member 1", "Ban Tổ chức Tỉnh ủy"),
    ("Short name", "BTC"),
    ("Member 2", "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh"),
    ("Short name", "ĐUK"),
    ("Member 3", "Trường Chính trị Nguyễn Văn Linh"),
    ("Short name", "TCT"),
    ("Member 4", "Ban Nội chính Tỉnh ủy"),
    ("Short name", "BNC"),
    ("Member 5", ""),
    ("policy", "lottery"),  # not a policy: asked again
    ("policy", "circular"),
    ("order", ""),  # the order they were typed in
    ("Year", "20x5"),  # not a year: asked again
    ("Year", "2025"),
    ("Trưởng khối", "khong co"),  # no such member: asked again
    ("Trưởng khối", "ban to chuc"),
    ("Phó khối", "duk"),
]


def drive(argv: list[str], answers: list[tuple[str, str]], env: dict[str, str]) -> tuple[int, str]:
    """Run ``argv`` on a pseudo-terminal, answering each prompt once its text appears."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: the khoi process, on the terminal
        os.execve(argv[0], argv, env)
    seen = b""
    transcript = b""
    try:
        for expected, reply in answers:
            deadline = time.monotonic() + 30
            while expected.encode() not in seen:
                ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
                if not ready:
                    raise AssertionError(f"no prompt {expected!r}; got {transcript.decode()!r}")
                chunk = os.read(fd, 4096)
                seen += chunk
                transcript += chunk
            seen = b""
            os.write(fd, reply.encode() + b"\r")
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            transcript += chunk
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), transcript.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_terminal_questions_write_a_working_bloc(khoi: Invoke, tmp_path: Path) -> None:
    """On a terminal, init asks its questions; the answers make a bloc the commands accept."""
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHOI_")}
    env.update({"KHOI_LANG": "en", "NO_COLOR": "1", "COLUMNS": "200"})
    argv = [sys.executable, "-m", "khoi_thidua", "init", "--data", str(data)]
    code, transcript = drive(argv, ANSWERS, env)
    assert code == 0, transcript
    assert "choose one of: circular, elected, appointed" in transcript
    assert "20x5 is not a year" in transcript
    assert "the member list /khong/co/don-vi.csv does not exist" in transcript
    assert "no member matches 'khong co'" in transcript
    text = (data / "khoi-dang" / "bloc.toml").read_text(encoding="utf-8")
    assert 'organiser = "Ủy ban nhân dân tỉnh"' in text
    assert 'chair = "btc"' in text and 'vice_chair = "duk"' in text
    run_the_year(khoi, data)


def test_no_terminal_never_prompts(tmp_path: Path) -> None:
    """Run as a process with stdin from a pipe, init does not wait for answers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHOI_")}
    env["KHOI_LANG"] = "en"
    done = subprocess.run(
        [sys.executable, "-m", "khoi_thidua", "init", "--data", str(tmp_path / "data")],
        input="", capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == ExitCode.USAGE
    assert "--name is required" in done.stderr


# -- ids -------------------------------------------------------------------------------------


class TestIds:
    def test_slug_folds_vietnamese(self) -> None:
        """A name becomes a folder id without diacritics: đ as d, words joined by "-"."""
        assert slug("Khối thi đua Đảng") == "khoi-thi-dua-dang"
        assert bloc_id_for("Khối thi đua các cơ quan, đơn vị thuộc Ủy ban nhân dân tỉnh") == (
            "khoi-thi-dua-cac-co-quan-don-vi-thuoc-uy"
        )

    def test_member_ids_from_short_names_then_initials(self) -> None:
        """An id comes from the short name, else from the initials; clashes get a number."""
        drafted = member_ids(
            [
                ("", "Ban Tổ chức Tỉnh ủy", "BTC"),
                ("", "Ban Tuyên giáo Chính trị", ""),
                ("btc-2", "Ban khác", ""),
                ("", "Ban Thi đua Chung", "btc"),
            ]
        )
        assert [m.id for m in drafted] == ["btc", "btgct", "btc-2", "btc-3"]


class TestPointsToInit:
    def test_empty_data_folder_points_to_init(self, khoi: Invoke, tmp_path: Path) -> None:
        """An empty data folder's error tells how to create a bloc there with `khoi init`."""
        data = tmp_path / "data"
        data.mkdir()
        result = khoi("rotate", "--data", str(data))
        assert result.exit_code == ExitCode.NO_INPUT
        assert "khoi init --data" in result.stderr

    def test_unknown_data_folder_points_to_init(self, khoi: Invoke, tmp_path: Path) -> None:
        """A data folder that does not exist names `khoi init` as a way to start."""
        result = khoi("members", "--data", str(tmp_path / "nowhere"))
        assert result.exit_code == ExitCode.NO_INPUT
        assert "khoi init" in result.stderr


class TestMemberList:
    def test_headerless_semicolon_list_with_bom(self, tmp_path: Path) -> None:
        """A list without a header, separated by ";" and saved with a BOM, reads as name;short."""
        from khoi_thidua.store.roster import read_member_list

        path = tmp_path / "ds.csv"
        path.write_bytes("\ufeffBan Tổ chức Tỉnh ủy;BTC\nVăn phòng Tỉnh ủy;VP\n".encode())
        assert read_member_list(path) == [
            ("", "Ban Tổ chức Tỉnh ủy", "BTC"),
            ("", "Văn phòng Tỉnh ủy", "VP"),
        ]

    def test_row_without_a_name_names_its_line(self, tmp_path: Path) -> None:
        """A row with a short name but no unit name is reported with its line number."""
        from khoi_thidua.errors import DataError
        from khoi_thidua.store.roster import read_member_list

        path = tmp_path / "ds.csv"
        path.write_text("Tên đơn vị,Tên viết tắt\nBan Tổ chức,BTC\n,VP\n", encoding="utf-8")
        with pytest.raises(DataError) as info:
            read_member_list(path)
        assert [p.line for p in info.value.problems] == [3]

    def test_not_utf8_is_a_clean_error(self, khoi: Invoke, tmp_path: Path) -> None:
        """A list saved in a legacy encoding is a data error that says to save it as UTF-8."""
        path = tmp_path / "ds.csv"
        path.write_bytes("Ban Tổ chức,BTC\n".encode("utf-16"))
        result = khoi(
            "init", "--name", "Khối", "--organiser", "UBND", "--members", str(path),
            "--policy", "elected", "--data", str(tmp_path / "data"),
        )  # fmt: skip
        assert result.exit_code == ExitCode.DATA
        assert "UTF-8" in result.stderr
        assert "Traceback" not in result.stderr


class TestQuestionsInProcess:
    """The same questions, answered through the test runner's stdin as if it were a terminal."""

    def run(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> Result:
        from typer.testing import CliRunner

        from khoi_thidua.cli import app, init_cmd

        monkeypatch.setattr(init_cmd, "on_terminal", lambda: True)
        runner = CliRunner(env={"KHOI_LANG": "en", "NO_COLOR": "1", "KHOI_DATA": None})
        return runner.invoke(
            app, ["init", "--data", str(tmp_path / "data")], input="\n".join(answers) + "\n"
        )

    def test_list_file_and_elected_policy(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Answers naming a list file and the elected policy, with no leaders, write a bloc."""
        listing = members_csv(tmp_path)
        result = self.run(
            tmp_path,
            monkeypatch,
            [NAME, "UBND tỉnh", "Hưng Yên", "", f'"{listing}"', "elected", "", "2025", ""],
        )
        assert result.exit_code == 0, result.output
        [folder] = (tmp_path / "data").iterdir()
        text = (folder / "bloc.toml").read_text(encoding="utf-8")
        assert folder.name == "khoi-thi-dua-cac-co-quan-dang"
        assert 'policy = "elected"' in text and 'province = "Hưng Yên"' in text
        assert "[[leadership]]\n" not in text

    def test_wrong_order_is_asked_again(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An order missing a member is explained and asked again; the second one is written."""
        listing = members_csv(tmp_path)
        result = self.run(
            tmp_path,
            monkeypatch,
            [
                NAME, "", "", "khoi-dang", str(listing), "circular",
                "btc, duk", "bnc, tct, duk, btc", "2025", "bnc", "",
            ],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert "the rotation order must list every member once" in result.output
        text = (tmp_path / "data" / "khoi-dang" / "bloc.toml").read_text(encoding="utf-8")
        assert text.index('"bnc",') < text.index('"btc",')
        assert 'chair = "bnc"' in text and "vice_chair" not in text.split("\n[[leadership]]\n")[1]
