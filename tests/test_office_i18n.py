"""The office commands speak the language in force; the template and drafts stay Vietnamese."""

from __future__ import annotations

import io
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from builders import SAMPLE_BLOC_ID, Invoke
from khoi_thidua import i18n
from khoi_thidua.errors import ExitCode
from khoi_thidua.office.workbook_export import proposal_workbook, summary_workbook
from office_cases.filling import cell, change, empty_workbook, encrypted_workbook, fill

YEAR = "2021"

# English words of the office messages that must never show through in a Vietnamese report.
ENGLISH_WORDS = re.compile(
    r"\b(the|is|not|of|and|or|in|at|to|with|cell|cells|column|row|sheet|workbook|file|"
    r"formula|merged|listed|twice|number|text|where|belongs|empty|type|keep|use|fix|error|"
    r"values|holds|reads|only|member|problems?|data|did|mean|unit|results?|wrote|written|"
    r"replaced|unchanged|changes|before|after)\b"
)
# Excel's own menu names, quoted in English as Vietnamese offices' guides usually write them.
EXCEL_MENUS = (
    "File → Info → Protect Workbook → Encrypt with Password",
    "File → Save As → CSV UTF-8 (Comma delimited)",
    "Paste Special → Values",
    "Merge & Center",
)
# Text only the Vietnamese catalog produces.
VIETNAMESE_ONLY = ("cách sửa", "lỗi:", "không phải", "bị gộp", "hai lần", "Đã ghi", "trống")


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Runs in-process share the language setting: leave it English for the next test."""
    yield
    i18n.set_language("en")


@pytest.fixture
def blank_data(sample_data: Path) -> tuple[Path, dict[str, Any]]:
    """Sample data without results-2021.toml, and the removed file's document."""
    target = sample_data / SAMPLE_BLOC_ID / f"results-{YEAR}.toml"
    with target.open("rb") as handle:
        doc = tomllib.load(handle)
    target.unlink()
    return sample_data, doc


@pytest.fixture
def filled(khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], tmp_path: Path) -> Path:
    """A 2021 template filled with the sample's results."""
    data, doc = blank_data
    path = tmp_path / "ket-qua-2021.xlsx"
    assert khoi("template", YEAR, "-o", str(path), "--data", str(data)).exit_code == 0
    fill(path, doc)
    return path


def _import(khoi: Invoke, lang: str, data: Path, path: Path, *extra: str) -> Any:
    return khoi(
        "import-results", YEAR, str(path), "--data", str(data), *extra, env={"KHOI_LANG": lang}
    )


def _words(text: str, *paths: Path) -> list[str]:
    """English words left in ``text`` once file names and Excel's menu names are taken out."""
    for path in paths:
        for form in (str(path), path.name):
            text = text.replace(form, "")
    for menu in EXCEL_MENUS:
        text = text.replace(menu, "")
    text = re.sub(r"results-\d{4}\.toml", "", text)
    return ENGLISH_WORDS.findall(text)


def _cells(line: str) -> list[str]:
    """The words of a table row, without rich's box-drawing borders."""
    return [word for word in line.split() if word.strip("┃│┡┩━─")]


def _bad_sheet(filled: Path) -> Path:
    """The filled sheet with a mistake of each kind khoi reports cell by cell."""
    id_btg = cell(filled, "btg", "member")
    id_vptu = cell(filled, "vptu", "member")
    score_bnc = cell(filled, "bnc", "score")
    score_dukcq = cell(filled, "dukcq", "score")
    score_tct = cell(filled, "tct", "score")
    first, last = cell(filled, "btc", "self_score"), cell(filled, "btc", "rating")

    def edit(ws: Any) -> None:
        ws[id_btg].value = "Ban Tuyen giao Tinh uy"  # a name typed where the id belongs
        ws[id_vptu].value = "btc"  # a duplicated unit
        ws[score_bnc].value = "chín mươi sáu"  # text where a number belongs
        ws[score_dukcq].value = "=95+1"  # a formula
        ws[score_tct].value = None  # a required value left empty
        ws.merge_cells(f"{first}:{last}")

    return change(filled, edit)


# -- a bad sheet in each language ------------------------------------------------------------


def test_a_bad_sheet_is_reported_in_vietnamese(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """With KHOI_LANG=vi every problem of the sheet and its fix are Vietnamese."""
    data, _ = blank_data
    path = _bad_sheet(filled)
    result = _import(khoi, "vi", data, path)
    assert result.exit_code == ExitCode.DATA
    err = result.stderr
    assert "Traceback" not in err
    assert "cách sửa: cột này ghi mã đơn vị: hãy dùng `btg`" in err
    assert "`btc` được ghi hai lần" in err
    assert "'chín mươi sáu' là chữ, trong khi ô này cần một số" in err
    assert "ô chứa công thức; khoi chỉ đọc giá trị" in err
    assert "bị gộp" in err
    assert "«Điểm chấm chéo (điểm cuối cùng)» chưa được điền" in err
    assert _words(err, path, data) == []
    assert not (data / SAMPLE_BLOC_ID / f"results-{YEAR}.toml").exists()


def test_a_bad_sheet_is_reported_in_english(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """With KHOI_LANG=en the same sheet gives the English report, with the same exit code."""
    data, _ = blank_data
    path = _bad_sheet(filled)
    english = _import(khoi, "en", data, path)
    vietnamese = _import(khoi, "vi", data, path)
    assert english.exit_code == vietnamese.exit_code == ExitCode.DATA
    err = english.stderr
    assert "fix: the column holds member ids: use `btg`" in err
    assert "`btc` is listed twice" in err
    assert "text where a number belongs" in err
    assert "the cell holds a formula; khoi reads values only" in err
    assert "merged cells" in err
    assert "«Điểm chấm chéo (điểm cuối cùng)» is empty" in err
    assert not any(phrase in err for phrase in VIETNAMESE_ONLY)
    # Each problem is reported once, at the same cells, in both languages.
    assert re.findall(r"\[([^\]]+)\]", err) == re.findall(r"\[([^\]]+)\]", vietnamese.stderr)


def test_votes_without_ballots_point_to_the_conference_sheet_in_both_languages(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """A rule of the results file is told at the sheet's cell, with the sheet's fix."""
    data, _ = blank_data
    wb = load_workbook(filled)
    ws = wb["Hội nghị"]
    for row in ws.iter_rows():
        if row[0].value == "ballots":
            row[2].value = None
    wb.save(filled)
    vietnamese = _import(khoi, "vi", data, filled)
    english = _import(khoi, "en", data, filled)
    assert vietnamese.exit_code == english.exit_code == ExitCode.DATA
    assert "cách sửa: điền «Số phiếu bầu thu về» ở trang «Hội nghị»" in vietnamese.stderr
    assert "fix: fill «Số phiếu bầu thu về» in the «Hội nghị» sheet" in english.stderr


def _ods(tmp_path: Path) -> Path:
    path = tmp_path / "bang.ods"
    path.write_text("x", encoding="utf-8")
    return path


def _text_named_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "gia.xlsx"
    path.write_text("Mã đơn vị,Điểm\nbtc,98\n", encoding="utf-8")
    return path


def _cp1258_csv(tmp_path: Path) -> Path:
    path = tmp_path / "cp1258.csv"
    path.write_bytes(b"\xd0i\xea\xd2m,Ghi ch\xfa\n")
    return path


def _header_only_csv(tmp_path: Path) -> Path:
    path = tmp_path / "khong-co-ma.csv"
    path.write_text("Tên,Điểm\nBan Tổ chức,98\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda tmp: encrypted_workbook(tmp / "mat-khau.xlsx"), ExitCode.DATA),
        (lambda tmp: empty_workbook(tmp / "trong.xlsx"), ExitCode.DATA),
        (_text_named_xlsx, ExitCode.DATA),
        (_cp1258_csv, ExitCode.DATA),
        (_header_only_csv, ExitCode.DATA),
        (_ods, ExitCode.USAGE),
        (lambda tmp: tmp / "khong-co.xlsx", ExitCode.NO_INPUT),
    ],
    ids=["encrypted", "empty", "text-as-xlsx", "not-utf8", "no-id-column", "ods", "missing"],
)
def test_a_file_khoi_cannot_read_is_refused_alike_in_both_languages(
    khoi: Invoke,
    blank_data: tuple[Path, dict[str, Any]],
    tmp_path: Path,
    make: Callable[[Path], Path],
    code: int,
) -> None:
    """Unreadable input: the same exit code in both languages, no English left in Vietnamese."""
    data, _ = blank_data
    path = make(tmp_path)
    english = _import(khoi, "en", data, path)
    vietnamese = _import(khoi, "vi", data, path)
    assert english.exit_code == vietnamese.exit_code == code
    assert english.stderr != vietnamese.stderr
    assert _words(vietnamese.stderr, path, data) == [], vietnamese.stderr
    assert not any(phrase in english.stderr for phrase in VIETNAMESE_ONLY), english.stderr


# -- what the commands say when they work ---------------------------------------------------------


def test_import_status_follows_the_language(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """Written, then unchanged: the table and the status line in Vietnamese, then in English."""
    data, _ = blank_data
    written = _import(khoi, "vi", data, filled)
    assert written.exit_code == 0, written.stderr
    assert "tệp mới" in written.stdout
    assert "Mức độ hoàn thành" in written.stdout
    assert "Đã ghi" in written.stderr and "kết quả của 8 đơn vị" in written.stderr
    again_vi = _import(khoi, "vi", data, filled)
    again_en = _import(khoi, "en", data, filled)
    assert again_vi.exit_code == again_en.exit_code == 0
    assert "không thay đổi" in again_vi.stderr
    assert "is unchanged: it already holds these results." in again_en.stderr
    assert _words(again_vi.stdout + again_vi.stderr, filled, data) == []


def test_the_table_of_changes_follows_the_language(
    khoi: Invoke, sample_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refused import lists its changes under Vietnamese or English headers; exit 1 in both."""
    # Short relative names: the table's title wraps a long temporary path at any character,
    # and a piece of the folder's name would read as an English word.
    monkeypatch.chdir(tmp_path)
    sample_data = sample_data.relative_to(tmp_path)
    path = Path("prefilled.xlsx")
    made = khoi("template", YEAR, "-o", str(path), "--with-results", "--data", str(sample_data))
    assert made.exit_code == 0, made.stderr
    ref = cell(path, "btc", "score")
    change(path, lambda ws: setattr(ws[ref], "value", 99.5))
    vietnamese = _import(khoi, "vi", sample_data, path)
    english = _import(khoi, "en", sample_data, path)
    assert vietnamese.exit_code == english.exit_code == ExitCode.REFUSED
    header_vi = next(line for line in vietnamese.stdout.splitlines() if "Trước" in line)
    assert _cells(header_vi) == ["Đơn", "vị", "Cột", "Trước", "Sau"]
    assert "Các thay đổi trong" in vietnamese.stdout
    assert "đã có kết quả khác của năm 2021; chưa ghi gì" in vietnamese.stderr
    assert "--replace" in vietnamese.stderr
    assert _words(vietnamese.stdout + vietnamese.stderr, path, sample_data) == []
    assert "99,5" in vietnamese.stdout and "99.5" in english.stdout  # the decimal mark
    header_en = next(line for line in english.stdout.splitlines() if "Before" in line)
    assert _cells(header_en) == ["Member", "Column", "Before", "After"]
    assert "already holds different results for 2021" in english.stderr


def test_template_and_draft_say_what_they_wrote_in_the_language(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """The status lines of template and draft are Vietnamese with KHOI_LANG=vi."""
    env = {"KHOI_LANG": "vi"}
    sheet = tmp_path / "bang.xlsx"
    made = khoi("template", YEAR, "-o", str(sheet), "--data", str(sample_data), env=env)
    assert made.exit_code == 0, made.stderr
    assert "Đã ghi" in made.stderr and "đơn vị thành viên" in made.stderr
    draft = tmp_path / "bien-ban.docx"
    drafted = khoi(
        "draft", YEAR, "--minutes", "-o", str(draft), "--data", str(sample_data), env=env
    )
    assert drafted.exit_code == 0, drafted.stderr
    assert "biên bản hội nghị năm 2021" in drafted.stderr
    refused = khoi("template", YEAR, "-o", str(sheet), "--data", str(sample_data), env=env)
    assert refused.exit_code == ExitCode.REFUSED
    assert "đã có; chưa ghi gì" in refused.stderr and "--force" in refused.stderr
    for result in (made, drafted, refused):
        assert _words(result.stderr, sheet, draft, sample_data) == [], result.stderr


def test_the_scoring_template_is_vietnamese_in_english_too(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """The workbook a bloc fills is an official Vietnamese form whatever the language."""
    path = tmp_path / "bang.xlsx"
    made = khoi("template", YEAR, "-o", str(path), "--data", str(sample_data))
    assert made.exit_code == 0, made.stderr
    assert "Wrote" in made.stderr
    wb = load_workbook(path)
    assert wb.sheetnames == ["Kết quả", "Hội nghị", "Hướng dẫn"]
    assert wb["Kết quả"]["A1"].value == "Mã đơn vị (không sửa)"


# -- the Excel exports of propose and summary ----------------------------------------------------


def _proposal_data(khoi: Invoke, data: Path) -> dict[str, Any]:
    import json

    result = khoi("propose", YEAR, "--json", "--data", str(data))
    assert result.exit_code == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def _header(ws: Any) -> list[Any]:
    return [c.value for c in ws[4] if c.value is not None]


def test_the_proposal_workbook_has_english_sheets_and_headers_in_english(
    khoi: Invoke, sample_data: Path
) -> None:
    """In English the sheet names and headers are English; the data stays as recorded."""
    data = _proposal_data(khoi, sample_data)
    wb = load_workbook(io.BytesIO(proposal_workbook(i18n.ENGLISH, data)))
    assert wb.sheetnames[:3] == ["Proposals", "Ranking", "Basis"]
    assert _header(wb["Proposals"]) == [
        "No.",
        "Member",
        "Rank",
        "Score",
        "Total votes",
        "Proposed award",
        "Basis",
    ]
    assert wb["Proposals"]["B5"].value == "Ban Tổ chức Tỉnh ủy"
    assert "Votes: Cờ thi đua của Chính phủ" in _header(wb["Ranking"])
    wb = load_workbook(io.BytesIO(proposal_workbook(i18n.VIETNAMESE, data)))
    assert wb.sheetnames[:3] == ["Đề nghị", "Xếp hạng", "Căn cứ"]
    assert _header(wb["Đề nghị"])[:3] == ["STT", "Đơn vị", "Hạng"]
    assert "Số phiếu: Cờ thi đua của Chính phủ" in _header(wb["Xếp hạng"])


def test_the_summary_workbook_follows_the_language(khoi: Invoke, sample_data: Path) -> None:
    """The province summary's sheets are English or Vietnamese with the language in force."""
    import json

    result = khoi("summary", YEAR, "--json", "--data", str(sample_data))
    data = json.loads(result.stdout)
    wb = load_workbook(io.BytesIO(summary_workbook(i18n.ENGLISH, data)))
    assert wb.sheetnames == ["Summary", "Counts", "Caps", "Chart"]
    assert _header(wb["Caps"])[:2] == ["Form of award", "Maximum share (%)"]
    wb = load_workbook(io.BytesIO(summary_workbook(i18n.VIETNAMESE, data)))
    assert wb.sheetnames == ["Tổng hợp", "Số lượng", "Giới hạn", "Biểu đồ"]
    assert _header(wb["Giới hạn"])[:2] == ["Hình thức", "Tỷ lệ tối đa (%)"]
