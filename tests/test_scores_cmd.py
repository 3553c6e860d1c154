"""`khoi scores`: the reconciliation of a year, its final scores, --explain and golden outputs."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w

from builders import Invoke, bloc_doc, write_bloc
from khoi_thidua import i18n
from plan_builders import plan_doc
from schema_check import schema_errors

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("KHOI_UPDATE_GOLDEN") == "1"
FIXED_WIDTH = {"COLUMNS": "120", "NO_COLOR": "1"}


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Runs in-process share the language setting: leave it English for the next test."""
    yield
    i18n.set_language("en")


def _golden(name: str, output: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(output)
    assert path.exists(), f"no {path.name}: run with KHOI_UPDATE_GOLDEN=1 to create it"
    assert output.decode("utf-8") == path.read_text(encoding="utf-8")


def _cross_bloc(root: Path) -> Path:
    """A four-member bloc whose 2022 plan takes the trimmed mean of three cross scores."""
    bloc_dir = write_bloc(root, bloc_doc())
    plan = plan_doc(method={"final": "trimmed-mean", "flag_difference": 2.0})
    plan["cross"]["d"] = ["a", "b", "c"]
    (bloc_dir / "plan-2022.toml").write_text(tomli_w.dumps(plan), encoding="utf-8")
    full = {"nhiem-vu": 58, "tham-muu": 19, "dang": 19}
    scores = {
        "schema": 1,
        "year": 2022,
        "units": {
            "a": {
                "self": full,
                "cross": {
                    "b": {"nhiem-vu": 55, "tham-muu": 18, "dang": 18},
                    "c": {"nhiem-vu": 57, "tham-muu": 19, "dang": 19.5},
                },
                "bonus": {"sang-kien": 1},
            },
            "b": {
                "self": full,
                "cross": {
                    "a": {"nhiem-vu": 50, "tham-muu": 15, "dang": 15},
                    "c": {"nhiem-vu": 56, "tham-muu": 18, "dang": 18},
                    "d": {"nhiem-vu": 57, "tham-muu": 18, "dang": 18},
                },
                "mid_year": {"score": 47.5, "note": "đúng tiến độ"},
            },
        },
    }
    (bloc_dir / "scores-2022.toml").write_text(tomli_w.dumps(scores), encoding="utf-8")
    return bloc_dir


def test_the_sample_computes_the_2021_scores_it_ships(sample_data: Path, khoi: Invoke) -> None:
    """Every final and self score computed from the 2021 plan is the one results-2021 holds."""
    result = khoi("scores", "2021", "--json", "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    shipped = tomllib.loads(
        (sample_data / "khoi-co-quan-dang" / "results-2021.toml").read_text(encoding="utf-8")
    )["results"]
    computed = {u["id"]: (u["final_score"], u["self_score"]) for u in data["units"]}
    assert computed == {k: (v["score"], v["self_score"]) for k, v in shipped.items()}
    assert data["not_returned"] == []


def test_explain_shows_each_step_and_the_rounding(sample_data: Path, khoi: Invoke) -> None:
    """--explain names each deduction with its reason, the penalty, and the rounding rule."""
    result = khoi("scores", "2021", "--explain", "BDV", "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "nhiem-vu: self-score 37.5, agreed 37 ([minh họa] một nhiệm vụ" in out
    assert "− 0.5 for Gửi báo cáo chậm so với quy định" in out
    assert "rating at most Hoàn thành tốt nhiệm vụ" in out
    assert "final score 91.00" in out
    assert "rounded once, at the end, to 2 decimals, half up" in out


@pytest.mark.parametrize(
    ("name", "lang", "args"),
    [
        ("scores-2021.txt", "en", ["scores", "2021"]),
        ("scores-2021-explain-bdv.vi.txt", "vi", ["scores", "2021", "--explain", "bdv"]),
    ],
)
def test_the_sample_reconciliation_matches_golden(
    sample_data: Path,
    khoi: Invoke,
    name: str,
    lang: str,
    args: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sample's reconciliation and one explanation are exactly the golden files."""
    monkeypatch.chdir(sample_data)  # file names in the output are relative to here
    env = {**FIXED_WIDTH, "KHOI_LANG": lang}
    result = khoi(*args, "--data", str(sample_data), env=env)
    assert result.exit_code == 0, result.stderr
    _golden(name, result.stdout_bytes)


def test_a_cross_scored_year_matches_golden(bloc_root: Path, khoi: Invoke) -> None:
    """Cross means, flags, missing sheets and errors of a trimmed-mean year, as golden text."""
    bloc_dir = _cross_bloc(bloc_root)
    result = khoi("scores", "2022", "--data", str(bloc_dir), env=FIXED_WIDTH)
    assert result.exit_code == 0, result.stderr
    _golden("scores-cross-2022.txt", result.stdout_bytes)


def test_a_cross_scored_year_as_json(bloc_root: Path, khoi: Invoke) -> None:
    """The JSON gives the trimmed mean, the missing scorers and why a unit has no score."""
    bloc_dir = _cross_bloc(bloc_root)
    result = khoi("scores", "2022", "--json", "--data", str(bloc_dir))
    assert result.exit_code == 0, result.stderr
    units = {u["id"]: u for u in json.loads(result.stdout)["units"]}
    assert units["b"]["final_score"] == 92.0  # 80 and 93 left out, 92 kept
    assert units["b"]["cross_score"] == pytest.approx((80 + 92 + 93) / 3, abs=1e-4)
    assert units["b"]["mid_year"] == {"score": 47.5, "note": "đúng tiến độ"}
    assert units["a"]["final_score"] is None
    assert "needs at least 3" in units["a"]["error"]
    assert units["a"]["missing_scorers"] == ["d"]
    assert units["c"]["returned"] is False
    assert units["c"]["missing_scorers"] == ["a", "b", "d"]
    assert units["b"]["flagged"] is True


def test_explain_of_a_trimmed_mean_names_who_was_left_out(bloc_root: Path, khoi: Invoke) -> None:
    """The explanation says which scorer's total was dropped as highest and as lowest."""
    bloc_dir = _cross_bloc(bloc_root)
    result = khoi("scores", "2022", "--explain", "b", "--data", str(bloc_dir))
    assert result.exit_code == 0, result.stderr
    assert "highest left out: d (93)" in result.stdout
    assert "lowest left out: a (80)" in result.stdout


def test_a_year_without_a_plan_is_a_clear_error(sample_data: Path, khoi: Invoke) -> None:
    """Asking for the scores of a year with no plan exits 66 and says which file to create."""
    result = khoi("scores", "2020", "--data", str(sample_data))
    assert result.exit_code == 66
    assert "plan-2020.toml" in result.stderr


def test_explain_of_a_unit_not_in_the_year_is_refused(sample_data: Path, khoi: Invoke) -> None:
    """A member who was not in the bloc that year has no score to explain."""
    result = khoi("scores", "2021", "--explain", "btgdv", "--data", str(sample_data))
    assert result.exit_code == 64
    assert "not a member of the bloc in 2021" in result.stderr


def test_propose_uses_the_computed_score_and_says_so(sample_data: Path, khoi: Invoke) -> None:
    """When the plan computes a score other than the one typed, propose uses it and says where
    it came from."""
    scores = sample_data / "khoi-co-quan-dang" / "scores-2021.toml"
    text = scores.read_text(encoding="utf-8")
    changed = text.replace(
        "self = { nhiem-vu = 38.5, tham-muu = 19, xay-dung-dang = 10, doan-the = 9.5, phong-trao"
        " = 9, hoat-dong-khoi = 10 }",
        "self = { nhiem-vu = 38.5, tham-muu = 19, xay-dung-dang = 10, doan-the = 9.5, phong-trao"
        ' = 9, hoat-dong-khoi = 10 }\nagreed = { nhiem-vu = 30 }\nreasons = { nhiem-vu = "?" }',
    )
    assert changed != text
    scores.write_text(changed, encoding="utf-8")
    result = khoi("propose", "2021", "--json", "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    bnc = next(s for s in data["standings"] if s["member"]["id"] == "bnc")
    assert bnc["score"] == 87.5
    notes = [w for w in data["warnings"] if w["code"] == "computed_score"]
    assert len(notes) == 1
    assert "computed from" in notes[0]["text"] and "says 96" in notes[0]["text"]
    assert "khoi scores 2021 --explain bnc" in notes[0]["text"]
    assert schema_errors("propose", data) == []  # the computed_score detail is the published one


def test_write_puts_the_computed_scores_into_the_results(sample_data: Path, khoi: Invoke) -> None:
    """--write sets score, self_score and criteria with a note, keeps comments, and the file
    stays valid; a second run changes nothing."""
    results = sample_data / "khoi-co-quan-dang" / "results-2021.toml"
    before = results.read_text(encoding="utf-8")
    first = khoi("scores", "2021", "--write", "--data", str(sample_data))
    assert first.exit_code == 0, first.stderr
    assert "Wrote the final scores of btc, dukcq" in first.stderr
    text = results.read_text(encoding="utf-8")
    assert "[results.btc]            # Ban Tổ chức Tỉnh ủy" in text
    assert "# [bài báo] the conference date" in text
    assert "score = 98.5 # computed from" in text
    parsed = tomllib.loads(text)["results"]["btc"]
    assert parsed["criteria"]["nhiem-vu"] == 39
    assert {k: v for k, v in parsed.items() if k != "criteria"} == (
        tomllib.loads(before)["results"]["btc"]
    )
    assert khoi("check", "--data", str(sample_data)).exit_code == 0
    again = khoi("scores", "2021", "--write", "--data", str(sample_data))
    assert again.exit_code == 0
    assert "nothing changed" in again.stderr
    assert results.read_text(encoding="utf-8") == text


def test_write_refuses_a_year_without_results(bloc_root: Path, khoi: Invoke) -> None:
    """With no results-YEAR.toml, --write exits 66 and writes nothing."""
    bloc_dir = _cross_bloc(bloc_root)
    result = khoi("scores", "2022", "--write", "--data", str(bloc_dir))
    assert result.exit_code == 66
    assert not (bloc_dir / "results-2022.toml").exists()


def test_the_pledge_has_the_plans_targets_and_a_row_per_member(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """The pledge states the plan's contents and targets, one signature row per member of
    the year with the head's title blank."""
    import docx

    out = tmp_path / "giao-uoc.docx"
    result = khoi("year-draft", "2022", "--pledge", "-o", str(out), "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BẢN GIAO ƯỚC THI ĐUA" in text
    assert "Có ít nhất một mô hình, sáng kiến được công nhận" in text
    assert "tối đa 100 điểm, điểm thưởng tối đa 5 điểm" in text
    rows = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert rows[0][2] == "Chức danh người đứng đầu"
    assert [r[1] for r in rows[1:]][:2] == [
        "Ban Tổ chức Tỉnh ủy",
        "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh",
    ]
    assert len(rows) == 1 + 8  # btgdv joins only in 2025
    assert all(r[2] == "" for r in rows[1:])


def test_the_mid_year_review_gives_each_units_progress(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """The six-month review lists each unit with its mid-year score and note, or that it has
    not reported."""
    import docx

    out = tmp_path / "so-ket.docx"
    result = khoi("year-draft", "2021", "--mid-year", "-o", str(out), "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    rows = [[c.text for c in row.cells] for row in docx.Document(str(out)).tables[1].rows]
    assert rows[1][1:] == ["Ban Tổ chức Tỉnh ủy", "49", rows[1][3]]
    assert "đúng tiến độ" in rows[1][3]
    assert rows[2][2:] == ["…", "Chưa báo cáo"]


def test_year_draft_needs_exactly_one_document(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """Asking for both or neither document is a usage error."""
    out = str(tmp_path / "x.docx")
    assert khoi("year-draft", "2022", "-o", out, "--data", str(sample_data)).exit_code == 64
    both = khoi(
        "year-draft", "2022", "--pledge", "--mid-year", "-o", out, "--data", str(sample_data)
    )
    assert both.exit_code == 64


def test_propose_says_when_a_score_could_not_be_computed(sample_data: Path, khoi: Invoke) -> None:
    """A unit whose final score the plan cannot compute keeps its typed score, and the
    proposal says why."""
    scores = sample_data / "khoi-co-quan-dang" / "scores-2021.toml"
    text = scores.read_text(encoding="utf-8")
    changed = text.replace(
        "[units.bnc]              # Ban Nội chính Tỉnh ủy\nself = { nhiem-vu = 38.5, ",
        "[units.bnc]              # Ban Nội chính Tỉnh ủy\nself = { ",
    )
    assert changed != text
    scores.write_text(changed, encoding="utf-8")
    result = khoi("propose", "2021", "--json", "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    bnc = next(s for s in data["standings"] if s["member"]["id"] == "bnc")
    assert bnc["score"] == 96.0
    notes = [w for w in data["warnings"] if w["code"] == "typed_score"]
    assert len(notes) == 1
    assert "could not be computed" in notes[0]["text"]
    assert "nhiem-vu" in notes[0]["text"]
    assert schema_errors("propose", data) == []  # the typed_score detail is the published one


def test_history_of_a_member_shows_its_mid_year_review(sample_data: Path, khoi: Invoke) -> None:
    """history --member gives the unit's six-month review by year, and no column when none."""
    result = khoi("history", "--member", "btc", "--json", "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    years = {y["year"]: y for y in json.loads(result.stdout)["years"]}
    assert years[2021]["mid_year"]["score"] == 49.0
    assert "đúng tiến độ" in years[2021]["mid_year"]["note"]
    assert years[2020]["mid_year"] is None
    table = khoi("history", "--member", "btc", "--data", str(sample_data), env=FIXED_WIDTH)
    assert "Mid-year review" in table.stdout
    other = khoi("history", "--member", "tct", "--data", str(sample_data), env=FIXED_WIDTH)
    assert "Mid-year review" not in other.stdout
