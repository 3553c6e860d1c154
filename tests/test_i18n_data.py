"""khoi speaks Vietnamese about bad data: every check problem and fix, in both languages."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from builders import REPO_DATA, SAMPLE_BLOC_ID, Invoke
from khoi_thidua import i18n
from khoi_thidua.errors import DataError, Problem
from khoi_thidua.store import read_toml

# English phrases of the data messages that must never show through in Vietnamese output.
ENGLISH_PHRASES = (
    "unknown key",
    "must be",
    "missing",
    "did you mean",
    "is not a member",
    "out of range",
    "not allowed",
    "one of:",
    "use one of",
    "not text",
    "text in quotes",
)


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Runs in-process share the language setting: leave it English for the next test."""
    yield
    i18n.set_language("en")


def _edit(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def broken_data(tmp_path: Path) -> Path:
    """Three broken copies of the sample bloc, each failing at a different stage of `check`.

    Field errors in bloc.toml stop the checks between sections, and a broken bloc.toml stops
    the results files from being read, so each kind of mistake needs its own bloc.
    """
    root = tmp_path / "data"
    root.mkdir()
    sample = REPO_DATA / SAMPLE_BLOC_ID
    fields, order, results = (root / name for name in ("khoi-a", "khoi-b", "khoi-c"))
    for folder in (fields, order, results):
        shutil.copytree(sample, folder)
    _edit(
        fields / "bloc.toml",
        ('short = "BNC"', 'shrot = "BNC"'),  # unknown key
        ("max = 100 ", 'max = "100"'),  # wrong type
        ("year = 2021", "year = 20222"),  # year out of range
    )
    _edit(order / "bloc.toml", ('"tct",      #', '"tcx",      #'))  # unknown member in the order
    _edit(
        results / "results-2021.toml",
        ("[results.btc]", "[results.btx]"),  # a result for a unit that is not a member
        (
            'rating = "excellent"\nvotes = { bang-khen-tinh = 6 }',
            'rating = "excelent"\nvotes = { bang-khen-tinh = 6 }',
        ),
    )
    return root


def _check(khoi: Invoke, lang: str, data: Path, *extra: str) -> tuple[int, str]:
    result = khoi("check", "--all", "--data", str(data), *extra, env={"KHOI_LANG": lang})
    assert result.stderr == ""
    return result.exit_code, result.stdout


VIETNAMESE = (
    # khoi-a: unknown key, wrong type, year out of range
    "[members[3].shrot]: lỗi: khóa `shrot` không hợp lệ",
    "cách sửa: có phải là `short`?",
    "[scoring.max]: lỗi: `max` phải là số, không phải văn bản",
    "[leadership[0].year]: lỗi: năm 20222 nằm ngoài phạm vi",
    "cách sửa: năm gồm bốn chữ số, từ 1945 đến 2100",
    # khoi-b: unknown member in the order, and the member it pushed out
    "[rotation.order[2]]: lỗi: mục `tcx` trong thứ tự luân phiên không phải mã đơn vị thành viên",
    "cách sửa: dùng một trong các mã trong [[members]]: ",
    "[rotation.order]: lỗi: thứ tự luân phiên thiếu đơn vị `tct`",
    'cách sửa: thêm "tct" vào `order` ở vị trí đến lượt của đơn vị',
    # khoi-c: results of 2021
    "[results.btx]: lỗi: có kết quả của `btx`, nhưng đó không phải mã đơn vị thành viên",
    "cách sửa: dùng một mã đơn vị có trong bloc.toml: btc, dukcq",
    "[results.bnc.rating]: lỗi: `rating` = 'excelent' không phải giá trị được phép",
    "cách sửa: có phải là `excellent`? một trong: excellent (Hoàn thành xuất sắc",
)

ENGLISH = (
    "[members[3].shrot]: error: unknown key `shrot`",
    "fix: did you mean `short`?",
    "[scoring.max]: error: `max` must be a number, not text",
    "[leadership[0].year]: error: year 20222 is out of range",
    "fix: a year is four digits between 1945 and 2100",
    "[rotation.order[2]]: error: rotation order entry `tcx` is not a member id",
    "fix: use one of the ids under [[members]]: ",
    "[rotation.order]: error: member `tct` is missing from the rotation order",
    'fix: add "tct" to `order` where it takes its turn',
    "[results.btx]: error: a result for `btx`, which is not a member id",
    "fix: use a member id from bloc.toml: btc, dukcq",
    "[results.bnc.rating]: error: `rating` = 'excelent' is not allowed",
    "fix: did you mean `excellent`? one of: excellent (Hoàn thành xuất sắc",
)


def test_check_reports_every_problem_in_vietnamese(khoi: Invoke, broken_data: Path) -> None:
    """With KHOI_LANG=vi, each problem and its fix is Vietnamese; keys and ids stay as typed."""
    code, out = _check(khoi, "vi", broken_data)
    assert code == 65
    for fragment in VIETNAMESE:
        assert fragment in out, fragment
    lowered = out.lower()
    leftovers = [phrase for phrase in ENGLISH_PHRASES if phrase in lowered]
    assert leftovers == [], out


def test_check_reports_the_same_problems_in_english(khoi: Invoke, broken_data: Path) -> None:
    """With KHOI_LANG=en, the same problems read as before the translation."""
    code, out = _check(khoi, "en", broken_data)
    assert code == 65
    for fragment in ENGLISH:
        assert fragment in out, fragment
    assert "lỗi" not in out
    assert "cách sửa" not in out


def test_check_json_locates_problems_the_same_way(khoi: Invoke, broken_data: Path) -> None:
    """`check --json` gives the same files, keys, lines and severities in both languages;
    only the sentences for people (message, hint) are translated."""
    reports = {}
    for lang in ("en", "vi"):
        code, out = _check(khoi, lang, broken_data, "--json")
        assert code == 65
        reports[lang] = json.loads(out)
    en, vi = reports["en"], reports["vi"]
    assert [b["bloc"] for b in en["blocs"]] == [b["bloc"] for b in vi["blocs"]]
    en_problems = [p for b in en["blocs"] for p in b["problems"]]
    vi_problems = [p for b in vi["blocs"] for p in b["problems"]]
    assert len(en_problems) == len(vi_problems) == 7
    for en_problem, vi_problem in zip(en_problems, vi_problems, strict=True):
        assert list(en_problem) == list(vi_problem)
        for field in ("file", "key", "line", "severity"):
            assert en_problem[field] == vi_problem[field], field
        assert en_problem["message"] != vi_problem["message"]
        assert (en_problem["hint"] == "") == (vi_problem["hint"] == "")


# -- files that cannot be read -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "english", "vietnamese"),
    [
        ("  \n", "the file is empty", "tệp trống"),
        ("name = “Khối”\n", "use straight quotes", "dùng dấu ngoặc kép thẳng"),
        ('tên = "Khối"\n', "keys are written in plain letters", "khóa chỉ viết bằng chữ cái"),
    ],
)
def test_unreadable_files_in_both_languages(
    tmp_path: Path, content: str, english: str, vietnamese: str
) -> None:
    """Empty files and TOML syntax mistakes are explained, and their fix given, in each language."""
    path = tmp_path / "bloc.toml"
    path.write_text(content, encoding="utf-8")
    for lang, expected in (("en", english), ("vi", vietnamese)):
        i18n.set_language(lang)
        with pytest.raises(DataError) as caught:
            read_toml(path)
        problem = caught.value.problems[0]
        assert expected in f"{problem.message} {problem.hint}"


def test_data_error_summary_in_vietnamese() -> None:
    """The one-line summary of several problems points to `khoi check` in the language the
    error is given, Vietnamese then English in one process."""
    problems = [
        Problem("bloc.toml", "name", "x", code="missing-key"),
        Problem("bloc.toml", "organiser", "y", code="missing-key"),
    ]
    vietnamese = DataError(i18n.VIETNAMESE, problems)
    assert str(vietnamese) == "dữ liệu có 2 lỗi (chạy `khoi check` để xem tất cả)"
    english = DataError(i18n.ENGLISH, problems)
    assert str(english) == "2 problems in the data (run `khoi check` to see them all)"
