"""The conference workbook (`template --conference`): made from the plan and the scores returned,
filled by the conference, read back by `import-scores`; every mistake is located by sheet and
cell, and nothing is written."""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from builders import Invoke

BLOC = "khoi-co-quan-dang"
AGREED = "Thống nhất"  # row 6: btc nhiem-vu (self 39.5, agreed 39); row 7: btc tham-muu (self 20)
ADJUST = "Thưởng, trừ"  # row 6: btc penalty bao-cao-cham (max 2); row 7: vang-hoat-dong (max 5)
FAILED = "Điểm liệt"  # row 6: btc ky-luat-tap-the; row 7: btc ky-luat-ca-nhan
MID = "Sơ kết 6 tháng"  # row 6: btc; row 7: dukcq
Change = Callable[[Any], None]


def _workbook(sample_data: Path, khoi: Invoke, tmp_path: Path, change: Change | None) -> Path:
    path = tmp_path / "hoi-nghi-2021.xlsx"
    made = khoi("template", "2021", "--conference", "-o", str(path), "--data", str(sample_data))
    assert made.exit_code == 0, made.stderr
    if change is not None:
        wb = load_workbook(path)
        change(wb)
        wb.save(path)
    return path


def _import(khoi: Invoke, sample_data: Path, *paths: Path) -> Any:
    return khoi("import-scores", "2021", *map(str, paths), "--json", "--data", str(sample_data))


def _set(sheet: str, cell: str, value: object) -> Change:
    def change(wb: Any) -> None:
        wb[sheet][cell].value = value

    return change


def _all(*changes: Change) -> Change:
    def change(wb: Any) -> None:
        for one in changes:
            one(wb)

    return change


def test_the_workbook_as_made_changes_nothing(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """The workbook comes pre-filled with what scores-2021.toml records: importing it as it is
    leaves the file byte for byte as it was."""
    scores = sample_data / BLOC / "scores-2021.toml"
    before = scores.read_bytes()
    path = _workbook(sample_data, khoi, tmp_path, None)
    wb = load_workbook(path)
    row = [c.value for c in wb[AGREED][6]]
    assert row[:3] == ["btc", "Ban Tổ chức Tỉnh ủy", "nhiem-vu"]
    assert row[5:8] == [39.5, None, 39]
    assert "chậm" in row[8]
    assert [c.value for c in wb[MID][6]][2] == 49
    result = _import(khoi, sample_data, path)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["status"] == "unchanged"
    assert data["conference"]["units"][:2] == ["btc", "dukcq"]
    assert scores.read_bytes() == before


def test_the_conference_decisions_reach_the_final_scores(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """An agreed score with its reason, a penalty, a failed criterion and a mid-year review typed
    in the workbook are recorded, and `scores` computes with them; a second import changes
    nothing."""
    change = _all(
        _set(AGREED, "H7", 19),
        _set(AGREED, "I7", "thiếu một đề án"),
        _set(ADJUST, "G7", 1),
        _set(FAILED, "F7", "x"),
        _set(MID, "C7", 47.5),
        _set(MID, "D7", "đúng tiến độ"),
    )
    path = _workbook(sample_data, khoi, tmp_path, change)
    result = _import(khoi, sample_data, path)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "written"
    text = (sample_data / BLOC / "scores-2021.toml").read_text(encoding="utf-8")
    assert 'reasons = {nhiem-vu = "[minh họa]' in text and 'tham-muu = "thiếu một đề án"' in text
    assert 'failed = ["ky-luat-ca-nhan"]' in text
    assert 'mid_year = {score = 47.5, note = "đúng tiến độ"}' in text
    scores = json.loads(khoi("scores", "2021", "--json", "--data", str(sample_data)).stdout)
    btc = next(u for u in scores["units"] if u["id"] == "btc")
    assert btc["final_score"] == 98.5 - 1 - 1  # one point agreed off tham-muu, one of penalty
    assert btc["rating_cap"] == "good"
    again = _import(khoi, sample_data, path)
    assert json.loads(again.stdout)["status"] == "unchanged"


def test_clearing_a_decision_removes_it(sample_data: Path, khoi: Invoke, tmp_path: Path) -> None:
    """A decision cleared in the workbook is removed from scores-2021.toml: the self-score
    stands again."""
    path = _workbook(
        sample_data, khoi, tmp_path, _all(_set(AGREED, "H6", None), _set(AGREED, "I6", None))
    )
    assert _import(khoi, sample_data, path).exit_code == 0
    scores = json.loads(khoi("scores", "2021", "--json", "--data", str(sample_data)).stdout)
    btc = next(u for u in scores["units"] if u["id"] == "btc")
    assert btc["final_score"] == 99.0


def _insert_row(wb: Any) -> None:
    wb[FAILED].insert_rows(2)


def _delete_sheet(wb: Any) -> None:
    del wb[MID]


MISTAKES = [
    (_set(AGREED, "H7", 21), f"{AGREED}!H7", "outside 0–20"),
    (_set(AGREED, "H7", -1), f"{AGREED}!H7", "outside 0–20"),
    (_set(AGREED, "H7", "mười chín"), f"{AGREED}!H7", "number"),
    (_set(AGREED, "H7", 18), f"{AGREED}!I7", "deducted from the self-score of `tham-muu`"),
    (_set(AGREED, "I7", "vì sao"), f"{AGREED}!I7", "which has no agreed score"),
    (_set(AGREED, "C7", "tham-muu-2"), f"{AGREED}!C7", "`tham-muu-2` is not in the plan"),
    (_set(AGREED, "C7", "nhiem-vu"), f"{AGREED}!C7", "also in another row"),
    (_set(AGREED, "A7", "btgdv"), f"{AGREED}!A7", "not a member of the bloc"),
    (_set(ADJUST, "G6", 3), f"{ADJUST}!G6", "outside 0–2"),
    (_set(ADJUST, "C6", "phạt"), f"{ADJUST}!C6", "neither `thưởng` nor `trừ`"),
    (_set(ADJUST, "D6", "sang-kien"), f"{ADJUST}!D6", "`sang-kien` is not in the plan"),
    (_set(FAILED, "F7", "có lẽ"), f"{FAILED}!F7", "does not say whether `btc` failed"),
    (_set(FAILED, "C7", "ky-luat"), f"{FAILED}!C7", "`ky-luat` is not in the plan"),
    (_insert_row, f"{FAILED}!A5", "header row"),
    (_set(MID, "C6", -2), f"{MID}!C6", "outside 0–100"),
    (_set(MID, "A7", "btc"), f"{MID}!A7", "`btc` is also in another row"),
    (_delete_sheet, MID, f"sheet `{MID}` is missing"),
    (_set("khoi", "B3", 2022), "khoi!B3", "is for 2022"),
]


@pytest.mark.parametrize(("change", "where", "words"), MISTAKES)
def test_each_mistake_is_located_and_nothing_written(
    sample_data: Path, khoi: Invoke, tmp_path: Path, change: Change, where: str, words: str
) -> None:
    """A conference workbook with one mistake is refused, naming the file and cell; the scores
    file is left as it was."""
    scores = sample_data / BLOC / "scores-2021.toml"
    before = scores.read_bytes()
    path = _workbook(sample_data, khoi, tmp_path, change)
    result = _import(khoi, sample_data, path)
    assert result.exit_code == 65, result.stdout
    assert path.name in result.stderr
    assert f"[{where}]" in result.stderr and words in result.stderr, result.stderr
    assert scores.read_bytes() == before


def test_every_mistake_is_reported_at_once(sample_data: Path, khoi: Invoke, tmp_path: Path) -> None:
    """Mistakes in several sheets are all listed in one run."""
    change = _all(_set(AGREED, "H7", 21), _set(ADJUST, "G6", 3), _set(MID, "C6", -2))
    path = _workbook(sample_data, khoi, tmp_path, change)
    result = _import(khoi, sample_data, path)
    assert result.exit_code == 65
    for where in (f"{AGREED}!H7", f"{ADJUST}!G6", f"{MID}!C6"):
        assert f"[{where}]" in result.stderr


def test_two_conference_workbooks_are_refused(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """Only one conference workbook can be imported at a time: a second one is refused."""
    path = _workbook(sample_data, khoi, tmp_path, None)
    copy = tmp_path / "ban-sao.xlsx"
    copy.write_bytes(path.read_bytes())
    result = _import(khoi, sample_data, path, copy)
    assert result.exit_code == 65
    assert "a second conference workbook" in result.stderr


def _fill_self(path: Path, less: float) -> None:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if ws.title == "khoi":
            continue
        row = 6
        while ws.cell(row=row, column=1).value:
            ws.cell(row=row, column=5).value = ws.cell(row=row, column=4).value - less
            row += 1
    wb.save(path)


def test_the_order_of_files_does_not_matter(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """Returned workbooks imported together in one order, or one by one in the reverse order,
    record the same scores and give the same reconciliation (the units of scores-2022.toml are
    listed in the order they came in)."""
    out = tmp_path / "phieu"
    out.mkdir()
    for flag in ("--self-scoring", "--cross"):
        made = khoi("template", "2022", flag, "-o", str(out), "--data", str(sample_data))
        assert made.exit_code == 0, made.stderr
    files = [out / "tu-cham-btc-2022.xlsx", out / "tu-cham-dukcq-2022.xlsx"]
    files += [out / "cham-cheo-ubkt-2022.xlsx", out / "cham-cheo-btc-2022.xlsx"]
    for index, path in enumerate(files):
        _fill_self(path, 0.25 * (index + 1))
    other = tmp_path / "other"
    shutil.copytree(sample_data, other)
    together = khoi("import-scores", "2022", *map(str, files), "--data", str(sample_data))
    assert together.exit_code == 0, together.stderr
    for path in reversed(files):
        one = khoi("import-scores", "2022", str(path), "--data", str(other))
        assert one.exit_code == 0, one.stderr
    first = tomllib.loads((sample_data / BLOC / "scores-2022.toml").read_text(encoding="utf-8"))
    second = tomllib.loads((other / BLOC / "scores-2022.toml").read_text(encoding="utf-8"))
    assert first == second
    assert set(first["units"]["btc"]["cross"]) == {"ubkt"}
    shown = [
        json.loads(khoi("scores", "2022", "--json", "--data", str(data)).stdout)["units"]
        for data in (sample_data, other)
    ]
    assert shown[0] == shown[1]
    assert next(u for u in shown[0] if u["id"] == "btc")["self_score"] == 98.5
