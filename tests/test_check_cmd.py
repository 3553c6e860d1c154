"""`khoi check`: the bloc's rules override is validated, and --quiet speaks only of failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import Invoke
from khoi_thidua.errors import Problem


def _bloc(data: Path) -> Path:
    return data / "khoi-co-quan-dang"


def test_check_reports_a_broken_rules_override(sample_data: Path, khoi: Invoke) -> None:
    """An override file with an unknown condition kind fails check, naming file and key."""
    bloc = _bloc(sample_data)
    text = (bloc / "bloc.toml").read_text(encoding="utf-8")
    (bloc / "bloc.toml").write_text(
        text.replace('province = "Hưng Yên"', 'province = "Hưng Yên"\nrules = "rules.toml"', 1),
        encoding="utf-8",
    )
    (bloc / "rules.toml").write_text(
        "schema = 1\n[awards.co-tinh.conditions.min_votes]\nat_least = 0.6\n", encoding="utf-8"
    )
    result = khoi("check", "--data", str(sample_data))
    assert result.exit_code == 65
    assert "rules.toml" in result.stdout
    assert "awards.co-tinh.conditions.min_votes" in result.stdout
    assert "unknown condition kind" in result.stdout


def test_check_reports_a_missing_rules_override(sample_data: Path, khoi: Invoke) -> None:
    """A `rules` file named in bloc.toml that does not exist is a problem of check."""
    bloc = _bloc(sample_data)
    text = (bloc / "bloc.toml").read_text(encoding="utf-8")
    (bloc / "bloc.toml").write_text(
        text.replace('province = "Hưng Yên"', 'province = "Hưng Yên"\nrules = "nowhere.toml"', 1),
        encoding="utf-8",
    )
    result = khoi("check", "--data", str(sample_data))
    assert result.exit_code == 65
    assert "nowhere.toml" in result.stdout


def test_quiet_check_prints_nothing_when_valid(sample_data: Path, khoi: Invoke) -> None:
    """With --quiet a valid data folder gives exit 0 and no output at all."""
    result = khoi("check", "--quiet", "--data", str(sample_data))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == ""


def test_quiet_check_puts_problems_on_stderr(sample_data: Path, khoi: Invoke) -> None:
    """With --quiet a broken bloc's problems go to stderr and stdout stays empty."""
    path = _bloc(sample_data) / "bloc.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("[rotation]", "[rotation]\nspeed = 2", 1),
        encoding="utf-8",
    )
    result = khoi("check", "--quiet", "--data", str(sample_data))
    assert result.exit_code == 65
    assert result.stdout == ""
    assert "unknown key `speed`" in result.stderr


def test_check_all_goes_on_past_a_bloc_whose_check_fails(
    tmp_path: Path, khoi: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in one bloc's check is that bloc's problem: the others are checked and listed,
    and the run exits with the internal error's code."""
    import json
    import shutil

    from builders import REPO_DATA, SAMPLE_BLOC_ID
    from khoi_thidua.app import checks

    for index in (1, 2, 3):
        shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, tmp_path / f"khoi-{index}")
    real = checks.check_bloc_dir

    def flaky(bloc_dir: Path) -> list[Problem]:
        if bloc_dir.name == "khoi-2":
            raise RuntimeError("boom")
        return real(bloc_dir)

    monkeypatch.setattr(checks, "check_bloc_dir", flaky)
    result = khoi("check", "--all", "--json", "--data", str(tmp_path))
    assert result.exit_code == 70
    blocs = {b["bloc"]: b for b in json.loads(result.stdout)["blocs"]}
    assert [b["ok"] for b in blocs.values()] == [True, False, True]
    assert "boom" in blocs["khoi-2"]["problems"][0]["message"]
    assert "[khoi-2]" in result.stderr


class TestCheckData:
    """The application layer's check walk, without the CLI."""

    def test_one_bloc_or_all(self, tmp_path: Path) -> None:
        """Without --all the one bloc is checked; with it every bloc, in folder order."""
        import shutil

        from builders import REPO_DATA, SAMPLE_BLOC_ID
        from khoi_thidua.app.blocs import each_bloc
        from khoi_thidua.app.checks import check_data

        shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, tmp_path / "khoi-a")
        one = check_data(tmp_path, None, None)
        assert [b for b, _ in one.reports] == ["khoi-a"]
        shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, tmp_path / "khoi-b")
        (tmp_path / "khoi-b" / "bloc.toml").write_text("schema = [", encoding="utf-8")
        found = check_data(tmp_path, None, each_bloc(tmp_path))
        assert [b for b, _ in found.reports] == ["khoi-a", "khoi-b"]
        assert found.code == 0
        assert [b for b, _ in found.failing(strict=False)] == ["khoi-b"]
