"""khoi draft: documents that need no hand-fixing — signer, signatures, header rules, appendix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx  # type: ignore[import-untyped]
from docx.oxml.ns import qn

from builders import SAMPLE_BLOC_ID, Invoke
from khoi_thidua.office.draft_parts import official


def _draft(khoi: Invoke, data: Path, path: Path, kind: str, year: str = "2021") -> Any:
    result = khoi("draft", year, kind, "--output", str(path), "--data", str(data))
    assert result.exit_code == 0, result.stderr
    return docx.Document(str(path))


def _text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _edit(data: Path, name: str, old: str, new: str) -> None:
    path = data / SAMPLE_BLOC_ID / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _record_signer(data: Path) -> None:
    _edit(
        data,
        "bloc.toml",
        'signer_title = "Trưởng Ban Tổ chức Tỉnh ủy"',
        'signer_title = "Trưởng Ban Tổ chức Tỉnh ủy"\nsigner = "Nguyễn Văn An"',
    )


def _state(data: Path) -> None:
    _edit(data, "bloc.toml", 'header = "party"', 'header = "state"')


class TestSigner:
    """The chair unit of the year signs for the bloc, from that year's leadership record."""

    def test_letter_signs_for_the_bloc_with_the_recorded_head(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """The letter's signature: T/M the bloc, TRƯỞNG KHỐI, the head's title, then the name."""
        _record_signer(sample_data)
        document = _draft(khoi, sample_data, tmp_path / "tt.docx", "--letter")
        signature = document.tables[2].cell(0, 1)
        lines = [p.text for p in signature.paragraphs]
        assert lines[:3] == [
            "T/M KHỐI THI ĐUA BAN, ĐƠN VỊ, CƠ QUAN ĐẢNG",
            "TRƯỞNG KHỐI",
            "Trưởng Ban Tổ chức Tỉnh ủy",
        ]
        assert lines[-1] == "Nguyễn Văn An"
        assert "đóng dấu" not in _text(document)

    def test_state_letter_uses_tm_and_leaves_an_unrecorded_name_blank(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """A state header writes "TM."; with no signer recorded the name line stays empty."""
        _state(sample_data)
        document = _draft(khoi, sample_data, tmp_path / "tt.docx", "--letter")
        lines = [p.text for p in document.tables[2].cell(0, 1).paragraphs]
        assert lines[0] == "TM. KHỐI THI ĐUA BAN, ĐƠN VỊ, CƠ QUAN ĐẢNG"
        assert lines[-1] == ""
        assert "Ban Tổ chức Tỉnh ủy" not in lines[-1]

    def test_minutes_carry_the_secretary_and_the_chair(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """Two signatures: the secretary on the left, who chaired on the right, by name."""
        _record_signer(sample_data)
        _edit(
            sample_data,
            "results-2021.toml",
            "attendees = 8",
            'attendees = 8\nsecretary = "Lê Thị Bình"',
        )
        document = _draft(khoi, sample_data, tmp_path / "bb.docx", "--minutes")
        signatures = document.tables[-1]
        headings = [c.paragraphs[0].text for c in signatures.rows[0].cells]
        names = [c.paragraphs[-1].text for c in signatures.rows[1].cells]
        assert headings == ["THƯ KÝ HỘI NGHỊ", "CHỦ TRÌ HỘI NGHỊ"]
        assert names == ["Lê Thị Bình", "Nguyễn Văn An"]  # on one row: they line up
        text = _text(document)
        assert "Thư ký hội nghị: Lê Thị Bình." in text
        assert "Chủ trì hội nghị: Nguyễn Văn An, Trưởng Ban Tổ chức Tỉnh ủy, đại diện" in text


class TestLayout:
    """Decree 30 layout details a reader sees: header rules, page numbers, whole rows."""

    def test_state_header_has_a_drawn_rule_and_a_12_pt_national_name(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """The Quốc hiệu is 12 pt bold; a paragraph border, not underscores, marks the issuer."""
        _state(sample_data)
        document = _draft(khoi, sample_data, tmp_path / "tt.docx", "--letter")
        left, right = document.tables[0].cell(0, 0), document.tables[0].cell(0, 1)
        name = right.paragraphs[0].runs[0]
        assert name.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        assert name.bold and name.font.size.pt == 12
        assert "_" not in left.text
        rule = left.paragraphs[-1]
        assert rule._p.pPr.find(qn("w:pBdr")) is not None

    def test_pages_after_the_first_are_numbered_at_the_top(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """A PAGE field in the header, and a different (empty) first-page header."""
        document = _draft(khoi, sample_data, tmp_path / "tt.docx", "--letter")
        section = document.sections[0]
        assert section.different_first_page_header_footer
        assert "PAGE" in section.header._element.xml
        assert "PAGE" not in section.first_page_header._element.xml

    def test_table_rows_never_split_and_headers_repeat(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """Every row of the bordered tables keeps together; their first row repeats."""
        document = _draft(khoi, sample_data, tmp_path / "bb.docx", "--minutes")
        bordered = [t for t in document.tables if 'w:val="single"' in t._tbl.tblPr.xml]
        assert len(bordered) == 2
        for table in bordered:
            assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
            assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


class TestOfficialText:
    """Official documents cite the article and never print khoi's internal flags."""

    def test_flags_are_removed_from_a_basis(self) -> None:
        """ "(điều khoản chưa xác minh)" goes; the article cited stays."""
        assert official("Luật 2003 và Nghị định 91/2017/NĐ-CP (điều khoản chưa xác minh)") == (
            "Luật 2003 và Nghị định 91/2017/NĐ-CP"
        )
        assert official("Nghị định 91/2017/NĐ-CP, Điều 11") == "Nghị định 91/2017/NĐ-CP, Điều 11"

    def test_the_letter_keeps_the_basis_column_without_flags(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """The basis column is there with the articles, and no "chưa xác minh" anywhere."""
        document = _draft(khoi, sample_data, tmp_path / "tt.docx", "--letter")
        table = document.tables[1]
        assert table.rows[0].cells[-1].text == "Căn cứ"
        assert "91/2017/NĐ-CP, Điều 11" in table.rows[1].cells[-1].text
        text = _text(document)
        for flag in ("chưa xác minh", "chưa đọc", "chưa đối chiếu", "rà soát"):
            assert flag not in text, flag

    def test_the_letter_ends_with_the_appendix_of_scores_and_ranking(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """Phụ lục, "Kèm theo Tờ trình số …-TTr/KTĐ", then every unit with its score and rank."""
        document = _draft(khoi, sample_data, tmp_path / "tt.docx", "--letter")
        text = _text(document)
        assert "PHỤ LỤC" in text
        assert "(Kèm theo Tờ trình số …-TTr/KTĐ ngày … tháng … năm … của" in text
        appendix = document.tables[-1]
        assert [c.text for c in appendix.rows[0].cells][-1] == "Xếp hạng"
        assert len(appendix.rows) == 1 + 8
        assert [c.text for c in appendix.rows[1].cells][1:4] == [
            "Ban Tổ chức Tỉnh ủy",
            "99,0",
            "98,5",
        ]
