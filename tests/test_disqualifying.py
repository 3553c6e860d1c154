"""Disqualifying criteria (điểm liệt) in the proposal: a failed one caps the rating the unit is
judged on, or excludes the unit, and the proposal and its explanation say so; `scores --write`
lowers the rating only when the plan says it should."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from builders import Invoke
from schema_check import schema_errors

BLOC = "khoi-co-quan-dang"
BTC_MID_YEAR = 'mid_year = { score = 49.0, note = "[minh họa] hoàn thành đúng tiến độ'


def _fail(sample_data: Path, criterion: str) -> None:
    """Record that btc (rated excellent, Cờ thi đua của Chính phủ in 2021) failed ``criterion``."""
    scores = sample_data / BLOC / "scores-2021.toml"
    text = scores.read_text(encoding="utf-8")
    assert BTC_MID_YEAR in text
    scores.write_text(
        text.replace(BTC_MID_YEAR, f'failed = ["{criterion}"]\n{BTC_MID_YEAR}', 1),
        encoding="utf-8",
    )


def _propose(khoi: Invoke, sample_data: Path) -> dict[str, Any]:
    result = khoi("propose", "2021", "--json", "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_sample_proposal_is_unchanged(sample_data: Path, khoi: Invoke) -> None:
    """The sample's only failed criterion caps a unit already rated below it: no notice."""
    data = _propose(khoi, sample_data)
    codes = {w["code"] for w in data["warnings"]}
    assert not codes & {"rating_capped", "excluded"}


def test_a_cap_lowers_the_rating_propose_judges(sample_data: Path, khoi: Invoke) -> None:
    """A unit rated excellent that failed a `cap = "good"` criterion is judged as good: it
    loses the award that needs excellent, and a warning names the criterion and the plan."""
    before = _propose(khoi, sample_data)
    btc = next(s for s in before["standings"] if s["member"]["id"] == "btc")
    assert btc["rating"] == "excellent" and btc["award"]["id"] == "co-chinh-phu"
    _fail(sample_data, "ky-luat-ca-nhan")
    data = _propose(khoi, sample_data)
    btc = next(s for s in data["standings"] if s["member"]["id"] == "btc")
    assert btc["rating"] == "good"
    assert btc["score"] == 98.5
    notes = [w for w in data["warnings"] if w["code"] == "rating_capped"]
    assert len(notes) == 1
    assert notes[0]["detail"]["failed"] == ["ky-luat-ca-nhan"]
    assert "`ky-luat-ca-nhan`" in notes[0]["text"] and "plan-2021.toml" in notes[0]["text"]
    assert "Hoàn thành tốt nhiệm vụ" in notes[0]["text"]
    assert schema_errors("propose", data) == []  # the rating_capped detail is the published one
    assert (
        btc["decisive"]
        != next(s for s in before["standings"] if s["member"]["id"] == "btc")["decisive"]
    )


def test_the_explanation_says_the_rating_was_capped(sample_data: Path, khoi: Invoke) -> None:
    """`propose --explain` of the capped unit repeats why it is judged on a lower rating."""
    _fail(sample_data, "ky-luat-ca-nhan")
    result = khoi("propose", "2021", "--explain", "btc", "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "disqualifying criterion (điểm liệt) `ky-luat-ca-nhan`" in text


def test_an_excluding_criterion_leaves_the_unit_out(sample_data: Path, khoi: Invoke) -> None:
    """A unit that failed an `exclude` criterion has no rank and no award; the warning says
    why instead of saying its results are missing."""
    _fail(sample_data, "ky-luat-tap-the")
    data = _propose(khoi, sample_data)
    btc = next(s for s in data["standings"] if s["member"]["id"] == "btc")
    assert btc["rank"] is None and btc["award"] is None
    codes = [(w["code"], w["detail"].get("member")) for w in data["warnings"]]
    assert ("excluded", "btc") in codes
    assert ("no_results", "btc") not in codes
    assert schema_errors("propose", data) == []  # the excluded detail is the published one
    ranked = sorted((s["rank"], s["member"]["id"]) for s in data["standings"] if s["rank"])
    assert ranked[0] == (1, "dukcq")


def test_an_excluded_unit_is_not_said_to_lack_results(sample_data: Path, khoi: Invoke) -> None:
    """The table, its reason and the explanation say the unit was excluded, and by which
    criterion, instead of "no results" and a hint to add them (which were there)."""
    _fail(sample_data, "ky-luat-tap-the")
    env = {"COLUMNS": "200"}
    table = khoi("propose", "2021", "--data", str(sample_data), env=env)
    row = next(line for line in table.stdout.splitlines() if "Ban Tổ chức Tỉnh ủy" in line)
    assert "excluded" in row and "no results" not in row
    explained = khoi("propose", "2021", "--explain", "btc", "--data", str(sample_data), env=env)
    assert "excluded by the disqualifying criterion (điểm liệt) `ky-luat-tap-the`" in (
        explained.stdout
    )
    assert "no results recorded" not in explained.stdout
    assert "add [results.btc]" not in explained.stdout
    btc = next(s for s in _propose(khoi, sample_data)["standings"] if s["member"]["id"] == "btc")
    assert "ky-luat-tap-the" in btc["reason"] and "ky-luat-tap-the" in btc["decisive"]["reason"]
    public = sample_data.parent / "public.html"
    args = ("report", "2021", "--public", "--data", str(sample_data), "-o", str(public))
    assert khoi(*args).exit_code == 0
    page = public.read_text(encoding="utf-8")
    assert "ky-luat-tap-the" not in page  # the criterion is not published
    row_html = page[page.index("Ban Tổ chức Tỉnh ủy") :].split("</tr>")[0]
    assert "no results" not in row_html and "not proposed" in row_html


def test_write_keeps_the_rating_unless_the_plan_says(sample_data: Path, khoi: Invoke) -> None:
    """`scores --write` leaves the typed rating by default; with `write_rating_cap = true` in
    [method] it lowers it to the cap, with a comment naming the plan."""
    _fail(sample_data, "ky-luat-ca-nhan")
    results = sample_data / BLOC / "results-2021.toml"
    first = khoi("scores", "2021", "--write", "--data", str(sample_data))
    assert first.exit_code == 0, first.stderr
    block = results.read_text(encoding="utf-8").split("[results.btc]")[1].split("[results.")[0]
    assert 'rating = "excellent"' in block
    plan = sample_data / BLOC / "plan-2021.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("flag_difference = 1.0", "flag_difference = 1.0\n"
                                 "write_rating_cap = true", 1), encoding="utf-8")  # fmt: skip
    second = khoi("scores", "2021", "--write", "--data", str(sample_data))
    assert second.exit_code == 0, second.stderr
    assert "btc" in second.stderr
    block = results.read_text(encoding="utf-8").split("[results.btc]")[1].split("[results.")[0]
    assert 'rating = "good" # capped by a disqualifying criterion' in block
    again = khoi("scores", "2021", "--write", "--data", str(sample_data))
    assert "nothing changed" in again.stderr


def test_write_rating_cap_must_be_true_or_false(sample_data: Path, khoi: Invoke) -> None:
    """`khoi check` locates a `write_rating_cap` that is not a boolean, with its line."""
    plan = sample_data / BLOC / "plan-2021.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("flag_difference = 1.0", "flag_difference = 1.0\n"
                                 'write_rating_cap = "yes"', 1), encoding="utf-8")  # fmt: skip
    result = khoi("check", "--data", str(sample_data))
    assert result.exit_code != 0
    assert "plan-2021.toml:21 [method.write_rating_cap]" in result.stdout + result.stderr
