"""The console entry point: the language taken from anywhere on the line, then the app."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from khoi_thidua.cli import main
from khoi_thidua.cli.language import split_lang_argument
from khoi_thidua.errors import ExitCode


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["khoi", *args])
    monkeypatch.setenv("KHOI_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    with pytest.raises(SystemExit) as stopped:
        main()
    out, err = capsys.readouterr()
    code = stopped.value.code
    return (code if isinstance(code, int) else 0), out, err


class TestSplitLangArgument:
    """``--lang`` is taken out of the command line wherever it stands."""

    @pytest.mark.parametrize(
        ("argv", "lang", "rest"),
        [
            (["rotate", "2022"], None, ["rotate", "2022"]),
            (["rotate", "--lang", "vi", "2022"], "vi", ["rotate", "2022"]),
            (["--lang=vi", "rotate"], "vi", ["rotate"]),
            (["rotate", "--", "--lang", "vi"], None, ["rotate", "--", "--lang", "vi"]),
            (["rotate", "--lang"], None, ["rotate", "--lang"]),
        ],
    )
    def test_lang_is_found_anywhere_before_a_double_dash(
        self, argv: list[str], lang: str | None, rest: list[str]
    ) -> None:
        """The value after ``--lang`` (or ``--lang=``) is taken; after ``--`` nothing is."""
        assert split_lang_argument(argv) == (lang, rest)


class TestMain:
    """``khoi`` as installed: exit codes and language of a whole run."""

    def test_a_result_in_json(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sample_data: Path
    ) -> None:
        """`khoi rotate 2022 --json` prints the seed's chair and exits 0."""
        code, out, _ = _run(
            monkeypatch, capsys, "rotate", "2022", "--json", "--data", str(sample_data)
        )
        assert code == 0
        assert json.loads(out)["chair"]["name"] == "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh"

    def test_lang_after_the_command_is_vietnamese(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sample_data: Path
    ) -> None:
        """`--lang vi` at the end of the line still makes the messages Vietnamese."""
        code, _, err = _run(
            monkeypatch, capsys, "rotate", "1900", "--data", str(sample_data), "--lang", "vi"
        )
        assert code == ExitCode.USAGE
        assert "Lỗi" in err and "để được hướng dẫn" in err

    def test_unknown_language_is_a_usage_error(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unknown `--lang` stops the run with EX_USAGE and names the choices."""
        code, out, err = _run(monkeypatch, capsys, "--lang", "fr", "rotate")
        assert code == ExitCode.USAGE
        assert out == ""
        assert "unknown language 'fr'" in err and "--lang en or --lang vi" in err

    def test_no_arguments_shows_help(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`khoi` alone lists the commands, with the usage exit code (nothing was run)."""
        code, out, err = _run(monkeypatch, capsys)
        assert "rotate" in out + err and "propose" in out + err
        assert code == ExitCode.USAGE
