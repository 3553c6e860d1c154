"""Runs over every bloc (`--all`, `summary`): one bloc's bad data never stops the others."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builders import REPO_DATA, SAMPLE_BLOC_ID, Invoke


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """Five copies of the sample bloc (five bloc leaders) under one data folder."""
    root = tmp_path / "province"
    for index in range(1, 6):
        shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, root / f"khoi-{index}")
    return root


def _break(bloc_dir: Path) -> None:
    path = bloc_dir / "bloc.toml"
    text = path.read_text(encoding="utf-8").replace("[rotation]", "[rotation]\nspeed = 2", 1)
    path.write_text(text, encoding="utf-8")


def test_propose_all_gives_every_bloc(province: Path, khoi: Invoke) -> None:
    """`propose --all --json` has one entry per bloc, each with the seed's three proposals."""
    result = khoi("propose", "2021", "--all", "--json", "--data", str(province))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [b["bloc"]["id"] for b in data["blocs"]] == [f"khoi-{i}" for i in range(1, 6)]
    for entry in data["blocs"]:
        assert entry["ok"] is True
        proposed = {p["member"]["id"]: p["award"]["id"] for p in entry["proposal"]["proposed"]}
        assert proposed == {"btc": "co-chinh-phu", "dukcq": "co-tinh", "bnc": "bang-khen-tinh"}


def test_one_bad_bloc_does_not_stop_the_others(province: Path, khoi: Invoke) -> None:
    """A bloc with invalid data is reported on stderr; the others still get their proposal."""
    _break(province / "khoi-3")
    result = khoi("propose", "2021", "--all", "--json", "--data", str(province))
    assert result.exit_code == 65
    data = json.loads(result.stdout)
    by_id = {b["bloc"]["id"]: b for b in data["blocs"]}
    assert by_id["khoi-3"]["ok"] is False
    assert by_id["khoi-3"]["error"]["exit_code"] == 65
    assert all(by_id[f"khoi-{i}"]["ok"] for i in (1, 2, 4, 5))
    assert "[khoi-3]" in result.stderr and "unknown key `speed`" in result.stderr


def test_mixed_failures_exit_partial(province: Path, khoi: Invoke) -> None:
    """Blocs failing for different reasons give the PARTIAL exit code (2)."""
    _break(province / "khoi-2")
    (province / "khoi-4" / "results-2021.toml").unlink()
    result = khoi("propose", "2021", "--all", "--format", "json", "--data", str(province))
    assert result.exit_code == 2
    assert "[khoi-2]" in result.stderr and "[khoi-4]" in result.stderr


def test_a_failed_bloc_tells_its_code(province: Path, khoi: Invoke) -> None:
    """A failed bloc's entry carries the stable code of what its message tells: the one
    problem it names, else the kind of error (docs/problem-codes.md)."""
    _break(province / "khoi-2")
    (province / "khoi-4" / "results-2021.toml").unlink()
    bloc = province / "khoi-5" / "bloc.toml"
    bloc.write_text(bloc.read_text(encoding="utf-8") + "\n[[nonsense]]\nx = 1\n", "utf-8")
    _break(province / "khoi-5")
    result = khoi("propose", "2021", "--all", "--json", "--data", str(province))
    errors = {
        b["bloc"]["id"]: b["error"] for b in json.loads(result.stdout)["blocs"] if not b["ok"]
    }
    assert errors["khoi-2"]["code"] == "unknown-key"
    assert "unknown key `speed`" in errors["khoi-2"]["message"]
    assert errors["khoi-4"]["code"] == "missing-input"
    assert errors["khoi-5"]["code"] == "invalid-data"  # two problems: `khoi check` lists them
    assert set(errors) == {"khoi-2", "khoi-4", "khoi-5"}


def test_a_bloc_without_leadership_tells_its_code(province: Path, khoi: Invoke) -> None:
    """`rotate --all`: a bloc with no recorded leadership fails with its own code, not as an
    internal error."""
    bloc = province / "khoi-3" / "bloc.toml"
    text = bloc.read_text(encoding="utf-8")
    bloc.write_text(text[: text.index("[[leadership]]")], encoding="utf-8")
    result = khoi("rotate", "2022", "--all", "--json", "--data", str(province))
    errors = {
        b["bloc"]["id"]: b["error"] for b in json.loads(result.stdout)["blocs"] if not b["ok"]
    }
    assert errors["khoi-3"]["code"] == "no-leadership-record"
    assert errors["khoi-3"]["exit_code"] == 65


def test_propose_all_csv_has_a_row_per_member_and_bloc(province: Path, khoi: Invoke) -> None:
    """The CSV of `--all` starts with the BOM and prefixes each row with its bloc."""
    result = khoi("propose", "2021", "--all", "--format", "csv", "--data", str(province))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("bloc_id,bloc_name,year,rank,member_id")
    assert len(lines) == 1 + 5 * 8
    assert all(line.startswith("khoi-") for line in lines[1:])


def test_propose_all_table_lists_proposals(province: Path, khoi: Invoke) -> None:
    """The table of `--all` names each bloc's proposed units and awards."""
    result = khoi("propose", "2021", "--all", "--data", str(province))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("Cờ thi đua của Chính phủ") == 5
    assert "Ban Nội chính Tỉnh ủy" in result.stdout


def test_quiet_all_prints_nothing_and_writes_the_file(
    province: Path, tmp_path: Path, khoi: Invoke
) -> None:
    """`--quiet --output` writes the JSON file and prints nothing at all."""
    out = tmp_path / "de-nghi.json"
    result = khoi(
        "propose", "2021", "--all", "--json", "--quiet", "--output", str(out),
        "--data", str(province),
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))["blocs"]) == 5


def test_rotate_all(province: Path, khoi: Invoke) -> None:
    """`rotate --all` answers for every bloc, as JSON and as a table."""
    result = khoi("rotate", "2022", "--all", "--json", "--data", str(province))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {b["result"]["chair"]["id"] for b in data["blocs"]} == {"dukcq"}
    table = khoi("rotate", "2022", "--all", "--data", str(province))
    assert table.exit_code == 0
    assert table.stdout.count("Đảng ủy Khối các cơ quan") == 5


def test_rotate_all_refuses_record(province: Path, khoi: Invoke) -> None:
    """`--all` with `--record` is a usage error: recording is one bloc's decision."""
    result = khoi("rotate", "2022", "--all", "--record", "--data", str(province))
    assert result.exit_code == 64


def _refile(root: Path, year: int, conference: str) -> None:
    """Every bloc's 2021 results filed again for ``year``, with the conference on ``conference``."""
    for bloc_dir in sorted(root.iterdir()):
        text = (bloc_dir / "results-2021.toml").read_text(encoding="utf-8")
        text = text.replace("year = 2021", f"year = {year}").replace("2022-01-07", conference)
        (bloc_dir / f"results-{year}.toml").write_text(text, encoding="utf-8")


def test_summary_names_the_proposals_over_the_cap(province: Path, khoi: Invoke) -> None:
    """Under the 2022 Law the cap counts the bloc leaders: five allow one Government flag
    (20%, rounded down), and the five proposals are named."""
    _refile(province, 2024, "2025-01-10")
    result = khoi("summary", "2024", "--json", "--data", str(province))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    cap = next(c for c in data["caps"] if c["award"] == "co-chinh-phu")
    assert (cap["of"], cap["counted"], cap["limit"], cap["proposed"]) == ("leaders", 5, 1, 5)
    assert cap["exceeds"] is True and cap["over_by"] == 4
    assert {p["bloc"] for p in cap["proposals"]} == {f"khoi-{i}" for i in range(1, 6)}
    totals = {t["award"]: t["proposed"] for t in data["totals"]}
    assert totals == {
        "co-chinh-phu": 5,
        "bang-khen-thu-tuong": 0,
        "co-tinh": 5,
        "bang-khen-tinh": 0,
    }
    table = khoi("summary", "2024", "--data", str(province))
    assert "5 bloc leaders" in table.stdout
    assert "EXCEEDS the cap by 4" in table.stdout


def test_summary_cap_counts_the_flag_standard_under_decree_91(province: Path, khoi: Invoke) -> None:
    """Decree 91/2017 Art. 11(1): 20% of the units meeting the provincial-flag standard. In
    each sample bloc seven units do (rated HTXSNV, no discipline), so 35 units allow seven."""
    result = khoi("summary", "2021", "--json", "--data", str(province))
    assert result.exit_code == 0, result.stderr
    cap = json.loads(result.stdout)["caps"][0]
    assert (cap["of"], cap["standard"], cap["counted"]) == ("standard", "co-tinh", 35)
    assert (cap["limit"], cap["proposed"], cap["exceeds"]) == (7, 5, False)
    table = khoi("summary", "2021", "--data", str(province))
    assert "35 units meeting the standard of Cờ thi đua của UBND tỉnh" in table.stdout.replace(
        "\n", " "
    )


def test_summary_within_the_cap(tmp_path: Path, khoi: Invoke) -> None:
    """With ten leaders and only some Government-flag proposals, the cap holds."""
    root = tmp_path / "p"
    for index in range(10):
        shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, root / f"khoi-{index}")
    for index in range(2, 10):  # in eight blocs nobody gets a majority for the flag
        path = root / f"khoi-{index}" / "results-2021.toml"
        text = path.read_text(encoding="utf-8").replace("co-chinh-phu = 8", "co-chinh-phu = 3")
        path.write_text(text, encoding="utf-8")
    _refile(root, 2024, "2025-01-10")
    result = khoi("summary", "2024", "--json", "--data", str(root))
    cap = json.loads(result.stdout)["caps"][0]
    assert (cap["counted"], cap["limit"], cap["proposed"], cap["exceeds"]) == (10, 2, 2, False)


def test_summary_csv_and_markdown(province: Path, khoi: Invoke) -> None:
    """The summary also comes as CSV (with BOM) and markdown with the caps."""
    _refile(province, 2024, "2025-01-10")
    csv_result = khoi("summary", "2024", "--format", "csv", "--data", str(province))
    assert csv_result.stdout.startswith("\ufeffbloc_id,bloc_name,leader_ids")
    md = khoi("summary", "2024", "--format", "markdown", "--data", str(province))
    lines = md.stdout.splitlines()
    assert lines[0].startswith("# ")
    assert sum(line.startswith("| Khối thi đua") for line in lines) == 5
    assert any("EXCEEDS the cap by 4" in line for line in lines)


def test_summary_reports_a_bloc_without_results(province: Path, khoi: Invoke) -> None:
    """A bloc with no results for the year is listed as failed, and the exit code says so."""
    (province / "khoi-5" / "results-2021.toml").unlink()
    result = khoi("summary", "2021", "--json", "--data", str(province))
    assert result.exit_code == 66
    entries = {b["bloc"]["id"]: b for b in json.loads(result.stdout)["blocs"]}
    assert entries["khoi-5"]["ok"] is False
    assert json.loads(result.stdout)["caps"][0]["leaders"] == 4
    assert json.loads(result.stdout)["caps"][0]["counted"] == 28  # 4 blocs × 7 at the standard


def test_check_all_lists_every_bloc(province: Path, khoi: Invoke) -> None:
    """`check --all` checks each bloc and fails when one has errors."""
    _break(province / "khoi-1")
    result = khoi("check", "--all", "--json", "--data", str(province))
    assert result.exit_code == 65
    blocs = {b["bloc"]: b["ok"] for b in json.loads(result.stdout)["blocs"]}
    assert blocs == {"khoi-1": False, **{f"khoi-{i}": True for i in range(2, 6)}}


def test_no_progress_bar_when_not_a_terminal(province: Path, khoi: Invoke) -> None:
    """Outside a terminal no progress bar or control sequence reaches stderr."""
    for index in range(6, 12):
        shutil.copytree(province / "khoi-1", province / f"khoi-{index}")
    result = khoi("propose", "2021", "--all", "--json", "--data", str(province))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout
