"""`khoi check`: the bloc's rules override is validated, and --quiet speaks only of failures."""

from __future__ import annotations

from pathlib import Path

from builders import Invoke


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
