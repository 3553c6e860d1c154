"""Tests of the command line's edges: plural forms, --quiet on every command, parser errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from builders import Invoke, loaded_app
from khoi_thidua import i18n
from khoi_thidua.errors import ExitCode


def leaves() -> dict[str, Any]:
    """Every command of the app by name (they are all one level below khoi)."""
    return dict(loaded_app().commands)


def option_names(command: Any) -> set[str]:
    return {name for param in command.params for name in getattr(param, "opts", [])}


class TestPlural:
    def test_english_has_one_and_other(self) -> None:
        """English uses the singular for exactly 1 and the plural for 0, 2 and 1.5."""
        forms = ("{count} seat left", "{count} seats left")
        assert i18n.tn(*forms, 1) == "1 seat left"
        assert [i18n.tn(*forms, n) for n in (0, 2, 1.5)] == [
            "0 seats left",
            "2 seats left",
            "1.5 seats left",
        ]

    def test_vietnamese_has_one_form(self) -> None:
        """Vietnamese takes the one form catalogued under the English singular, for any count."""
        i18n.set_language("vi")
        forms = ("{count} problem in the data:", "{count} problems in the data:")
        assert i18n.tn(*forms, 1) == "1 lỗi trong dữ liệu:"
        assert i18n.tn(*forms, 3) == "3 lỗi trong dữ liệu:"

    def test_other_fields_are_filled(self) -> None:
        """Fields other than {count} come from the keyword values; the count picks the form."""
        text = i18n.tn("{n} vote for {a}", "{n} votes for {a}", 2, n="2", a="Cờ")
        assert text == "2 votes for Cờ"

    def test_check_counts_one_error_in_the_singular(
        self, khoi: Invoke, sample_bloc_dir: Path
    ) -> None:
        """`check --all` on a bloc with one problem says "1 error", not "1 error(s)"."""
        path = sample_bloc_dir / "bloc.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "\nbogus_key = 1\n", encoding="utf-8")
        result = khoi("check", "--all", "--data", str(sample_bloc_dir.parent))
        assert result.exit_code == ExitCode.DATA
        assert f"✗ {sample_bloc_dir.name}: 1 error, 0 warnings" in result.stdout


# Arguments that make each command with --quiet succeed on the shipped sample.
QUIET_RUNS: dict[str, tuple[tuple[str, ...], ...]] = {
    "check": ((), ("--all",), ("--json",)),
    "propose": (("2021",), ("2021", "--all"), ("2021", "--explain", "bnc"), ("2021", "--json")),
    "summary": (("2021",), ("2021", "--json")),
    "report": (("2021", "--output", "{tmp}/r"),),
    "rotate": (("2022",), ("2022", "--json"), ("2022", "--all")),
    "rules": ((), ("--json",)),
    # commands that write: the first run writes, the second finds it done; both are silent
    "record-award": (
        ("2021", "bnc", "bang-khen-tinh", "--decision", "Số 600/QĐ-UBND", "--date", "2022-03-01"),
        ("2021", "bnc", "bang-khen-tinh", "--decision", "Số 600/QĐ-UBND", "--date", "2022-03-01",
         "--json"),
    ),
    "decide": (
        ("2021", "--award", "bang-khen-tinh", "--hold-back", "bnc", "--reason", "Xin rút"),
        ("2021", "--award", "bang-khen-tinh", "--hold-back", "bnc", "--reason", "Xin rút",
         "--json"),
    ),
    "count": (("2021", "--present", "8"), ("2021", "--present", "8")),
    "scores": (("2021",), ("2021", "--write"), ("2021", "--explain", "btc", "--json")),
    "import-results": (("2021", "{tmp}/ket-qua.xlsx", "--replace"),
                       ("2021", "{tmp}/ket-qua.xlsx", "--json")),
    "import-scores": (("2021", "{tmp}/phieu"), ("2021", "{tmp}/phieu", "--json")),
    "import-decisions": (("2021", "{tmp}/qd.csv"), ("2021", "{tmp}/qd.csv", "--json")),
}  # fmt: skip
DECISION_CSV = (
    "Số quyết định,Ngày quyết định,Cấp quyết định,Hình thức khen thưởng,Đơn vị,Khối thi đua\n"
    "Số 600/QĐ-UBND,2022-03-20,,bang-khen-tinh,BNC,\n"
)


def prepare(khoi: Invoke, name: str, data: Path, tmp: Path) -> None:
    """The input files an import reads: a filled sheet, returned workbooks, a decision list."""
    if name == "import-results":
        made = khoi("template", "2021", "--with-results", "-o", str(tmp / "ket-qua.xlsx"),
                    "--data", str(data))  # fmt: skip
        assert made.exit_code == 0, made.stderr
    elif name == "import-scores":
        (tmp / "phieu").mkdir()
        made = khoi("scoring-sheets", "2021", "-o", str(tmp / "phieu"), "--data", str(data))
        assert made.exit_code == 0, made.stderr
    elif name == "import-decisions":
        (tmp / "qd.csv").write_text(DECISION_CSV, encoding="utf-8")


class TestQuiet:
    def test_every_command_with_quiet_is_checked(self) -> None:
        """The runs below cover every command that takes --quiet, so a new one is checked too."""
        with_quiet = {name for name, cmd in leaves().items() if "--quiet" in option_names(cmd)}
        assert with_quiet == set(QUIET_RUNS)

    @pytest.mark.parametrize("name", sorted(QUIET_RUNS))
    def test_quiet_prints_nothing_on_success(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path, name: str
    ) -> None:
        """Each command with --quiet prints nothing on stdout or stderr when it succeeds."""
        prepare(khoi, name, sample_data, tmp_path)
        for args in QUIET_RUNS[name]:
            filled = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
            result = khoi(name, *filled, "--quiet", "--data", str(sample_data))
            assert result.exit_code == 0, (args, result.stderr)
            assert (result.stdout, result.stderr) == ("", ""), args

    def test_quiet_keeps_errors(self, khoi: Invoke, tmp_path: Path, sample_data: Path) -> None:
        """--quiet still reports an error and its exit code."""
        result = khoi("check", "--quiet", "--data", str(tmp_path / "none"))
        assert result.exit_code != 0
        assert "khoi: error:" in result.stderr
        args = ("2021", "--award", "bang-khen-tinh", "--hold-back", "vptu", "--reason", "x")
        result = khoi("decide", *args, "--quiet", "--data", str(sample_data))
        assert result.exit_code == ExitCode.DATA
        assert "khoi: error:" in result.stderr and result.stdout == ""

    def test_import_decisions_quiet_still_lists_rows_not_recorded(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """A row that matches no unit is an error: --quiet still shows the list and exits 65."""
        path = tmp_path / "qd.csv"
        path.write_text(DECISION_CSV.replace(",BNC,", ",Ban không có,"), encoding="utf-8")
        result = khoi("import-decisions", "2021", str(path), "-q", "--data", str(sample_data))
        assert result.exit_code == ExitCode.DATA
        assert "Ban không có" in result.stdout

    def test_quiet_writes_all_the_same(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """`record-award --quiet` prints nothing but still records the award."""
        args = (
            "2021",
            "bnc",
            "bang-khen-tinh",
            "--decision",
            "Số 600/QĐ-UBND",
            "--date",
            "2022-03-01",
        )
        result = khoi("record-award", *args, "-q", "--data", str(sample_bloc_dir))
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
        text = (sample_bloc_dir / "results-2021.toml").read_text(encoding="utf-8")
        assert "Số 600/QĐ-UBND" in text

    @pytest.mark.parametrize("name", sorted(leaves()))
    def test_help_mentions_output_only_when_there_is_one(self, name: str) -> None:
        """An option's help that points to --output belongs to a command that has --output."""
        command = leaves()[name]
        pointing = [p.name for p in command.params if "--output" in (getattr(p, "help", "") or "")]
        if "--output" in (command.help or ""):
            pointing.append("(the command's help)")
        if pointing:
            assert "--output" in option_names(command), (name, pointing)

    def test_check_help_says_only_what_quiet_does(self, khoi: Invoke) -> None:
        """`check --help` (no --output) describes --quiet without sending the user to --output."""
        result = khoi("check", "--help")
        assert "--quiet" in result.stdout
        assert "--output" not in result.stdout


# (command line, what click says in English, what khoi says under --lang vi)
PARSER_ERRORS = [
    (("foo",), "No such command 'foo'.", "Không có lệnh 'foo'."),
    (("rotte",), "Did you mean 'rotate'?", "Có phải ý bạn là 'rotate'?"),
    (("rotate", "abc"), "Invalid value for 'YEAR'", "Giá trị không hợp lệ cho 'YEAR': không phải"),
    (("rotate", "1800"), "Invalid value for 'YEAR'", "phải từ 1945 trở lên"),
    (("record-award", "2021"), "Missing argument 'MEMBER'.", "Thiếu đối số 'MEMBER'."),
    (("decide", "2021"), "Missing option '--award'.", "Thiếu tùy chọn '--award'."),
    (
        ("propose", "2021", "--explai", "x"),
        "No such option: --explai",
        "Không có tùy chọn --explai",
    ),
    (("rotate", "--bloc"), "Option '--bloc' requires an argument.", "Tùy chọn '--bloc' cần có"),
    (("propose", "2021", "-f", "xyz"), "'xyz' is not one of", "'xyz' không thuộc các giá trị"),
    (("rotate", "2021", "2022"), "Got unexpected extra argument (2022)", "Có đối số thừa"),
]


def flat(text: str) -> str:
    """``text`` with the error panel's borders and line breaks taken out."""
    return " ".join(text.replace("│", " ").split())


class TestParserErrors:
    @pytest.mark.parametrize(("args", "english", "vietnamese"), PARSER_ERRORS)
    def test_vietnamese_parser_errors(
        self, khoi: Invoke, tmp_path: Path, args: tuple[str, ...], english: str, vietnamese: str
    ) -> None:
        """Under --lang vi the parser's error is Vietnamese, exits 64, and its usage line too."""
        result = khoi("--lang", "vi", args[0], "--data", str(tmp_path), *args[1:])
        assert result.exit_code == ExitCode.USAGE
        text = flat(result.stderr)
        assert vietnamese in text
        assert english not in text
        if "Usage" in result.stderr or "Cách dùng" in result.stderr:
            assert "Usage:" not in result.stderr and "Cách dùng: khoi" in result.stderr

    @pytest.mark.parametrize(("args", "english", "vietnamese"), PARSER_ERRORS)
    def test_english_parser_errors_stay_clicks(
        self, khoi: Invoke, tmp_path: Path, args: tuple[str, ...], english: str, vietnamese: str
    ) -> None:
        """In English the parser's own wording is kept (an extra argument is no longer "(s)")."""
        result = khoi(args[0], "--data", str(tmp_path), *args[1:])
        assert result.exit_code == ExitCode.USAGE
        assert english in flat(result.stderr)
        assert "(s)" not in result.stderr

    def test_no_such_command_has_a_vietnamese_usage_and_hint(self, khoi: Invoke) -> None:
        """`khoi --lang vi foo`: usage line, help hint and panel title are all Vietnamese."""
        result = khoi("--lang", "vi", "foo")
        assert result.stderr.startswith("Cách dùng: khoi ")
        assert "Xem 'khoi -h' để được hướng dẫn." in result.stderr
        assert "Lỗi" in result.stderr and "Try" not in result.stderr

    def test_vietnamese_help_screens_have_a_vietnamese_usage_line(self, khoi: Invoke) -> None:
        """`khoi --lang vi rotate -h` starts with "Cách dùng:"; the English one with "Usage:"."""
        vietnamese = khoi("--lang", "vi", "rotate", "-h")
        assert "Cách dùng: khoi rotate" in vietnamese.stdout
        assert "Usage:" not in vietnamese.stdout
        assert "Usage: khoi rotate" in khoi("rotate", "-h").stdout
