"""khoi draft: Word minutes and proposal letters laid out after Decree 30/2020/NĐ-CP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx  # type: ignore[import-untyped]
import pytest
from docx.shared import Mm

from builders import SAMPLE_BLOC_ID, Invoke
from khoi_thidua.errors import ExitCode

PROPOSED = (
    ("Ban Tổ chức Tỉnh ủy", "Cờ thi đua của Chính phủ"),
    ("Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh", "Cờ thi đua của UBND tỉnh"),
    ("Ban Nội chính Tỉnh ủy", "Bằng khen của Chủ tịch UBND tỉnh"),
)


def _draft(khoi: Invoke, data: Path, path: Path, kind: str, *extra: str, year: str = "2021") -> Any:
    result = khoi("draft", year, kind, "--output", str(path), "--data", str(data), *extra)
    assert result.exit_code == 0, result.stderr
    return docx.Document(str(path))


def _text(document: Any) -> str:
    """Every paragraph and table cell of ``document``, one per line."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _mm(*lengths: Any) -> list[float]:
    """Lengths in whole millimetres (Word stores them in twentieths of a point)."""
    return [round(length.mm) for length in lengths]


def _runs(cell: Any) -> dict[str, Any]:
    return {run.text: run for paragraph in cell.paragraphs for run in paragraph.runs}


def _use_state_header(data: Path) -> None:
    path = data / SAMPLE_BLOC_ID / "bloc.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('header = "party"', 'header = "state"'), encoding="utf-8")


def test_page_is_a4_with_decree_30_margins_and_times_new_roman(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """A4 portrait, margins 20/20/30/15 mm, body in Times New Roman 14 pt."""
    document = _draft(khoi, sample_data, tmp_path / "tt.docx", "--letter")
    section = document.sections[0]
    assert _mm(section.page_width, section.page_height) == [210, 297]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert _mm(*margins) == [20, 20, 30, 15]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14


def test_party_header_is_a_borderless_two_column_table(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """The Party bloc's letter: issuer left, "ĐẢNG CỘNG SẢN VIỆT NAM" underlined right."""
    document = _draft(khoi, sample_data, tmp_path / "tt.docx", "--letter")
    header = document.tables[0]
    assert len(header.columns) == 2
    borders = header._tbl.tblPr.xml
    assert 'w:val="nil"' in borders and 'w:val="single"' not in borders
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert "KHỐI THI ĐUA BAN, ĐƠN VỊ, CƠ QUAN ĐẢNG" in left.text
    party = _runs(right)["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert party.bold and party.underline
    assert header.cell(1, 0).text == "Số …-TTr/KTĐ"
    date = _runs(header.cell(1, 1))["Hưng Yên, ngày … tháng … năm …"]
    assert date.italic


def test_state_header_has_the_national_name_and_underlined_motto(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """With header = "state": the national name, the motto underlined, "Số: …/TTr-KTĐ"."""
    _use_state_header(sample_data)
    document = _draft(khoi, sample_data, tmp_path / "tt.docx", "--letter")
    header = document.tables[0]
    runs = _runs(header.cell(0, 1))
    assert runs["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"].bold
    motto = runs["Độc lập - Tự do - Hạnh phúc"]
    assert motto.bold and motto.underline
    assert _runs(header.cell(0, 0))["KHỐI THI ĐUA BAN, ĐƠN VỊ, CƠ QUAN ĐẢNG"].bold
    assert header.cell(1, 0).text == "Số: …/TTr-KTĐ"


def test_letter_lists_each_unit_proposed_with_award_and_basis(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """The letter's table has the three units, their awards, votes and legal basis."""
    document = _draft(khoi, sample_data, tmp_path / "tt.docx", "--letter")
    text = _text(document)
    assert "TỜ TRÌNH" in text
    assert "Kính gửi: Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ)." in text
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells][:3] == [
        "STT",
        "Tên tập thể",
        "Hình thức khen thưởng",
    ]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [(r[1], r[2]) for r in rows] == list(PROPOSED)
    assert rows[0][3:5] == ["98,5", "8/8"]
    # the flag's standard is in the 2003 Law, how it is chosen in Decree 91/2017
    assert "Luật Thi đua, Khen thưởng 2003 (sửa đổi 2013), Điều 25" in rows[0][5]
    assert "Nghị định 91/2017/NĐ-CP, Điều 11 khoản 1" in rows[0][5]
    assert "Ban Tổ chức Tỉnh ủy, Trưởng khối thi đua năm 2021" in text


def test_minutes_record_the_conference_votes_and_nominations(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """The minutes give date, place, chair, ballots, votes per award and the units nominated."""
    document = _draft(khoi, sample_data, tmp_path / "bb.docx", "--minutes")
    text = _text(document)
    assert "BIÊN BẢN" in text
    assert "Hưng Yên, ngày 07 tháng 01 năm 2022" in text
    assert "Thời gian: ngày 07/01/2022." in text
    assert (
        "Chủ trì hội nghị: Ban Tổ chức Tỉnh ủy, Trưởng khối thi đua năm 2021; "
        "Phó khối: Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh." in text
    )
    assert "Số phiếu phát ra và thu về: 8 phiếu." in text
    votes = document.tables[2]
    header = [c.text for c in votes.rows[0].cells]
    assert header[2:] == [
        "Cờ thi đua của Chính phủ",
        "Bằng khen của Thủ tướng Chính phủ",
        "Cờ thi đua của UBND tỉnh",
        "Bằng khen của Chủ tịch UBND tỉnh",
    ]
    by_unit = {row.cells[1].text: [c.text for c in row.cells[2:]] for row in votes.rows[1:]}
    assert by_unit["Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh"] == ["0/8", "0/8", "7/8", "0/8"]
    assert "3. Cờ thi đua của UBND tỉnh: Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh " in text
    assert "2. Bằng khen của Thủ tướng Chính phủ: không có đơn vị." in text


def test_minutes_without_recorded_leadership_leave_the_chair_blank(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """2020 comes before the first recorded leadership: the chair is left as "…" to fill in."""
    document = _draft(khoi, sample_data, tmp_path / "bb.docx", "--minutes", year="2020")
    assert "Chủ trì hội nghị: …, Trưởng khối thi đua năm 2020." in _text(document)


def test_a_user_template_keeps_its_content_and_page_setup(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """--template: the user's letterhead and margins stay; the draft is appended after them."""
    base = docx.Document()
    base.sections[0].left_margin = Mm(35)
    base.add_paragraph("Mẫu công văn của Văn phòng Khối")
    template = tmp_path / "mau.docx"
    base.save(str(template))
    document = _draft(
        khoi, sample_data, tmp_path / "tt.docx", "--letter", "--template", str(template)
    )
    assert document.paragraphs[0].text == "Mẫu công văn của Văn phòng Khối"
    assert _mm(document.sections[0].left_margin) == [35]
    assert "TỜ TRÌNH" in _text(document)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--minutes", "--letter"], ExitCode.USAGE, "--minutes or --letter"),
        ([], ExitCode.USAGE, "--minutes or --letter"),
        (["--letter", "--template", "khong-co.docx"], ExitCode.NO_INPUT, "does not exist"),
        (["--letter", "--template", "mau.dotx"], ExitCode.USAGE, "must be a .docx"),
    ],
)
def test_bad_draft_requests_are_refused(
    khoi: Invoke, sample_data: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    """Both or neither document, or a missing or non-.docx template: a clear error, no file."""
    output = tmp_path / "out.docx"
    full = [a if not a.endswith((".docx", ".dotx")) else str(tmp_path / a) for a in args]
    result = khoi("draft", "2021", *full, "-o", str(output), "--data", str(sample_data))
    assert result.exit_code == code
    assert message in result.stderr
    assert not output.exists()


def test_a_template_that_is_not_a_word_file_is_a_data_error(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """A text file named .docx is refused as a template with how to fix it."""
    template = tmp_path / "gia.docx"
    template.write_text("không phải Word", encoding="utf-8")
    output = tmp_path / "out.docx"
    result = khoi(
        "draft", "2021", "--letter", "--template", str(template), "-o", str(output),
        "--data", str(sample_data),
    )  # fmt: skip
    assert result.exit_code == ExitCode.DATA
    assert "cannot be opened as a Word document" in result.stderr
    assert not output.exists()


def test_an_existing_draft_is_kept_without_force(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """An edited draft is not overwritten: exit 1 unless --force."""
    output = tmp_path / "tt.docx"
    output.write_bytes(b"edited")
    result = khoi("draft", "2021", "--letter", "-o", str(output), "--data", str(sample_data))
    assert result.exit_code == ExitCode.REFUSED
    assert output.read_bytes() == b"edited"
