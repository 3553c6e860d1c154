"""`khoi check` reads plans: the bloc's own and the data root's, the bloc's winning."""

from __future__ import annotations

from pathlib import Path

from builders import Invoke
from khoi_thidua.store.plans import load_plan, plan_file
from khoi_thidua.store.reading import load_bloc


def test_the_shipped_plan_is_valid(sample_data: Path, khoi: Invoke) -> None:
    """The sample's plans and scores pass check."""
    result = khoi("check", "--data", str(sample_data))
    assert result.exit_code == 0, result.stdout
    assert "no problems" in result.stdout


def test_check_reports_a_broken_plan(
    sample_bloc_dir: Path, sample_data: Path, khoi: Invoke
) -> None:
    """A plan where a unit cross-scores itself fails check, naming the file, key and line."""
    plan = sample_bloc_dir / "plan-2022.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace('btc = ["dukcq", "tct"]', 'btc = ["btc", "tct"]'), encoding="utf-8"
    )
    result = khoi("check", "--data", str(sample_data))
    assert result.exit_code == 65
    assert "plan-2022.toml" in result.stdout
    assert "cross.btc" in result.stdout
    assert "its own unit" in result.stdout


def test_a_plan_at_the_data_root_applies_to_the_bloc(sample_bloc_dir: Path) -> None:
    """Without a plan of its own, a bloc uses the data root's plan for that year."""
    (sample_bloc_dir / "plan-2022.toml").rename(sample_bloc_dir.parent / "plan-2022.toml")
    bloc = load_bloc(sample_bloc_dir)
    plan = load_plan(sample_bloc_dir, bloc, 2022)
    assert plan is not None
    assert plan_file(sample_bloc_dir, 2022) == sample_bloc_dir.parent / "plan-2022.toml"


def test_the_blocs_own_plan_wins(sample_bloc_dir: Path) -> None:
    """A bloc's own plan is used even when the data root has one for the same year."""
    (sample_bloc_dir.parent / "plan-2022.toml").write_text("not toml at all", encoding="utf-8")
    bloc = load_bloc(sample_bloc_dir)
    plan = load_plan(sample_bloc_dir, bloc, 2022)
    assert plan is not None
    assert plan_file(sample_bloc_dir, 2022) == sample_bloc_dir / "plan-2022.toml"


def test_a_year_without_a_plan_has_none(sample_bloc_dir: Path) -> None:
    """A year with no plan anywhere keeps working from its typed scores."""
    bloc = load_bloc(sample_bloc_dir)
    assert load_plan(sample_bloc_dir, bloc, 2020) is None


def test_a_root_plan_with_a_syntax_error_is_reported(
    sample_bloc_dir: Path, sample_data: Path, khoi: Invoke
) -> None:
    """A broken plan at the data root is a problem of check for the bloc that sees it."""
    (sample_data / "plan-2023.toml").write_text("schema = 1\nyear = \n", encoding="utf-8")
    result = khoi("check", "--data", str(sample_data))
    assert result.exit_code == 65
    assert "plan-2023.toml" in result.stdout


def test_scores_without_a_plan_are_reported(
    sample_bloc_dir: Path, sample_data: Path, khoi: Invoke
) -> None:
    """A scores file for a year that has no plan is a problem of check, naming the fix."""
    (sample_bloc_dir / "scores-2020.toml").write_text("schema = 1\nyear = 2020\n", encoding="utf-8")
    result = khoi("check", "--data", str(sample_data))
    assert result.exit_code == 65
    assert "scores-2020.toml" in result.stdout
    assert "no plan for that year" in result.stdout


def test_a_broken_plan_stops_scores_with_its_problems(
    sample_bloc_dir: Path, sample_data: Path, khoi: Invoke
) -> None:
    """`khoi scores` and `propose` for a year whose plan is invalid exit 65 naming its key."""
    plan = sample_bloc_dir / "plan-2021.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('final = "agreed"', 'final = "median"'),
        encoding="utf-8",
    )
    result = khoi("scores", "2021", "--data", str(sample_data))
    assert result.exit_code == 65
    assert "method.final" in result.stderr
    # propose, which takes that year's scores from the plan, stops on the same problem.
    assert khoi("propose", "2021", "--data", str(sample_data)).exit_code == 65
