"""Tests of shell completion: bloc, member and award ids from the data, and the shell scripts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from builders import SAMPLE_BLOC_ID, Invoke


def complete(khoi: Invoke, line: str, shell: str = "zsh", **env: str) -> list[str]:
    """The values khoi offers for the last word of ``line`` (zsh gives value:help pairs)."""
    words = dict(env)
    if shell == "bash":
        parts = line.split()
        words |= {"COMP_WORDS": line, "COMP_CWORD": str(len(parts) - (not line.endswith(" ")))}
    else:
        words["_TYPER_COMPLETE_ARGS"] = line
    result = khoi(env={"_KHOI_COMPLETE": f"complete_{shell}", **words})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    if shell == "bash":
        return result.stdout.split("\n")[:-1] if result.stdout.strip() else []
    # zsh: _arguments '*: :(("value":"help"\n"value":"help"))'
    return re.findall(r'^(?:_arguments .*?\(\()?"((?:[^"\\]|\\.)*)":', result.stdout, re.M)


class TestBlocs:
    def test_bloc_ids_come_from_the_data_on_the_command_line(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """`--bloc <Tab>` offers the bloc folders of the --data typed before it."""
        offered = complete(khoi, f"khoi rotate --data {sample_data} --bloc ")
        assert offered == [SAMPLE_BLOC_ID]

    def test_bloc_ids_come_from_khoi_data(self, khoi: Invoke, sample_data: Path) -> None:
        """Without --data, the folder named by KHOI_DATA is read."""
        offered = complete(khoi, "khoi propose 2021 -b khoi", "bash", KHOI_DATA=str(sample_data))
        assert offered == [SAMPLE_BLOC_ID]

    def test_a_missing_data_folder_offers_nothing_quietly(
        self, khoi: Invoke, tmp_path: Path
    ) -> None:
        """A data folder that does not exist offers nothing, with no error on the terminal."""
        assert complete(khoi, f"khoi rotate --data {tmp_path / 'none'} --bloc ") == []


class TestMembers:
    def test_only_members_of_the_year_are_offered(self, khoi: Invoke, sample_data: Path) -> None:
        """`propose 2021 --explain b` leaves out btgdv, which joined in 2025; 2025 offers it."""
        env = {"KHOI_DATA": str(sample_data)}
        in_2021 = complete(khoi, "khoi propose 2021 --explain b", **env)
        assert {"btc", "bnc", "btg", "bdv"} == set(in_2021)
        assert "btgdv" in complete(khoi, "khoi propose 2025 --explain btg", **env)

    def test_names_are_offered_where_the_shell_quotes_them(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """The start of a name offers the name in zsh, but only ids and short names in bash."""
        env = {"KHOI_DATA": str(sample_data)}
        assert "Ban Nội chính Tỉnh ủy" in complete(khoi, "khoi history --member Ban", **env)
        in_bash = complete(khoi, "khoi history --member B", "bash", **env)
        assert "BNC" in in_bash
        assert all(" " not in value for value in in_bash)

    def test_member_arguments_complete(self, khoi: Invoke, sample_data: Path) -> None:
        """record-award's MEMBER and scores --explain offer member ids too."""
        env = {"KHOI_DATA": str(sample_data)}
        assert "bnc" in complete(khoi, "khoi record-award 2021 bn", "bash", **env)
        assert complete(khoi, "khoi scores 2021 --explain vp", "bash", **env) == ["vptu"]


class TestAwards:
    def test_record_award_offers_the_award_ids_of_the_year(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """record-award's AWARD offers the ids of the rules in force for that year."""
        env = {"KHOI_DATA": str(sample_data)}
        offered = complete(khoi, "khoi record-award 2021 bnc ", "bash", **env)
        assert {"co-chinh-phu", "co-tinh", "bang-khen-tinh"} <= set(offered)

    def test_decide_award_is_filtered_by_what_was_typed(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """`decide 2021 --award co` offers the flags only."""
        offered = complete(khoi, "khoi decide 2021 --award co", "bash", KHOI_DATA=str(sample_data))
        assert offered == ["co-chinh-phu", "co-tinh"]


def run_khoi(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "KHOI_LANG": "en", **env}
    return subprocess.run(
        [sys.executable, "-m", "khoi_thidua", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full,
        check=False,
    )


class TestScripts:
    @pytest.mark.parametrize(
        ("shell", "marker"),
        [
            ("bash", "complete -o default -F _khoi_completion khoi"),
            ("zsh", "compdef _khoi_completion khoi"),
            ("fish", "complete --command khoi"),
            ("powershell", "Register-ArgumentCompleter -Native -CommandName khoi"),
        ],
    )
    def test_show_completion_prints_each_shells_script(self, shell: str, marker: str) -> None:
        """`khoi --show-completion SHELL` prints that shell's script calling back into khoi."""
        result = run_khoi(
            "--show-completion", shell, env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
        )
        assert result.returncode == 0, result.stderr
        assert marker in result.stdout
        assert "_KHOI_COMPLETE" in result.stdout

    def test_install_completion_writes_the_bash_script(self, tmp_path: Path) -> None:
        """`--install-completion bash` writes the script under HOME and sources it from .bashrc."""
        env = {"HOME": str(tmp_path), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
        result = run_khoi("--install-completion", "bash", env=env)
        assert result.returncode == 0, result.stderr
        script = tmp_path / ".bash_completions" / "khoi.sh"
        assert "_KHOI_COMPLETE" in script.read_text(encoding="utf-8")
        assert "khoi.sh" in (tmp_path / ".bashrc").read_text(encoding="utf-8")

    def test_an_ordinary_run_does_not_load_the_completion_code(self, sample_data: Path) -> None:
        """`khoi rotate` never imports khoi's completion module (it costs nothing at start-up)."""
        code = (
            "import sys, runpy; sys.argv = ['khoi', 'rotate', '2022', '--data', sys.argv[1]];\n"
            "try:\n    runpy.run_module('khoi_thidua', run_name='__main__')\n"
            "except SystemExit: pass\n"
            "print('completion' in ' '.join(m for m in sys.modules if m.startswith('khoi_')))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code, str(sample_data)],
            capture_output=True, text=True, encoding="utf-8", check=False,
            env={**os.environ, "KHOI_LANG": "en"},
        )  # fmt: skip
        assert result.stdout.strip().splitlines()[-1] == "False", result.stderr
