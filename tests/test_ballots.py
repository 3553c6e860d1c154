"""khoi draft --ballot and --count-minutes: the secret ballot and the vote-counting minutes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx  # type: ignore[import-untyped]
import pytest

from builders import SAMPLE_BLOC_ID, Invoke
from khoi_thidua import store, workflows
from khoi_thidua.awards.ballot import ballot_sections, candidates_for


def _edit(data: Path, name: str, old: str, new: str) -> None:
    path = data / SAMPLE_BLOC_ID / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _draft(khoi: Invoke, data: Path, path: Path, *args: str) -> Any:
    result = khoi("draft", "2021", *args, "--output", str(path), "--data", str(data))
    assert result.exit_code == 0, result.stderr
    return docx.Document(str(path))


class TestCandidates:
    """The ballot lists the units eligible on every condition except the vote share."""

    def test_votes_so_far_do_not_keep_a_unit_off_the_ballot(self, sample_data: Path) -> None:
        """TCT has 1 vote of 8 for the provincial flag, yet it is a candidate; BDV (rated
        good, reprimanded) is not."""
        bloc_dir = sample_data / SAMPLE_BLOC_ID
        proposal = workflows.proposal_for(bloc_dir, store.load_bloc(bloc_dir), 2021)
        sections = ballot_sections(proposal)
        assert candidates_for(sections, "co-chinh-phu") == ("btc",)
        flag = candidates_for(sections, "co-tinh")
        assert "tct" in flag and "bdv" not in flag
        assert [s.seats for s in sections if s.award == "co-chinh-phu"] == [1]


class TestBallotForms:
    """The form follows bloc.toml [documents] ballot."""

    @pytest.mark.parametrize(
        ("form", "header", "instruction"),
        [
            ("tick", ["STT", "Tên đơn vị", "Chọn"], "chọn không quá 1 đơn vị"),
            ("strike", ["STT", "Tên đơn vị"], "giữ lại không quá 1 đơn vị"),
            ("agree", ["STT", "Tên đơn vị", "Đồng ý", "Không đồng ý"], "đồng ý không quá 1"),
        ],
    )
    def test_each_form_has_its_columns_and_instruction(
        self,
        khoi: Invoke,
        sample_data: Path,
        tmp_path: Path,
        form: str,
        header: list[str],
        instruction: str,
    ) -> None:
        """Tick boxes, a plain list to strike out, or agree/disagree boxes per candidate."""
        _edit(sample_data, "bloc.toml", 'header = "party"', f'header = "party"\nballot = "{form}"')
        document = _draft(khoi, sample_data, tmp_path / "pb.docx", "--ballot")
        text = "\n".join(p.text for p in document.paragraphs)
        assert "PHIẾU BẦU SUY TÔN" in text
        assert "1. Cờ thi đua của Chính phủ" in text
        assert instruction in text
        first = document.tables[0]
        assert [c.text for c in first.rows[0].cells] == header
        assert [c.text for c in first.rows[1].cells][:2] == ["1", "Ban Tổ chức Tỉnh ủy"]

    def test_one_ballot_per_page(self, khoi: Invoke, sample_data: Path, tmp_path: Path) -> None:
        """--one-per-page: each award with candidates starts a new page with its own heading."""
        together = _draft(khoi, sample_data, tmp_path / "a.docx", "--ballot")
        apart = _draft(khoi, sample_data, tmp_path / "b.docx", "--ballot", "--one-per-page")

        def headings(document: Any) -> int:
            return sum(p.text == "PHIẾU BẦU SUY TÔN" for p in document.paragraphs)

        assert headings(together) == 1
        assert headings(apart) == len(apart.tables) == 3
        assert 'w:type="page"' in apart.element.xml
        assert 'w:type="page"' not in together.element.xml


class TestCountMinutes:
    """Biên bản kiểm phiếu: the committee, the attendance, the ballots and the votes."""

    def test_count_minutes_name_the_committee_and_every_count(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """The committee's head and members sign; each candidate's votes and share appear."""
        _edit(
            sample_data,
            "results-2021.toml",
            "attendees = 8",
            "attendees = 8\npresent = 8\nissued = 8\nreturned = 8\nspoiled = 0\n"
            'counting_head = "Trần Văn Cường"\ncounting_members = ["Phạm Thị Dung"]',
        )
        document = _draft(khoi, sample_data, tmp_path / "kp.docx", "--count-minutes")
        text = "\n".join(p.text for p in document.paragraphs)
        assert "BIÊN BẢN KIỂM PHIẾU" in text
        assert "- Trần Văn Cường, Trưởng ban;" in text
        assert "- Phạm Thị Dung, thành viên;" in text
        assert "- Số đơn vị thành viên của Khối: 8; có mặt: 8; vắng mặt: 0." in text
        assert "- Số phiếu hợp lệ: 8; số phiếu không hợp lệ: 0." in text
        government = document.tables[1]
        assert [c.text for c in government.rows[1].cells][1:4] == [
            "Ban Tổ chức Tỉnh ủy",
            "8",
            "100%",
        ]
        signatures = document.tables[-1]
        assert signatures.cell(1, 1).paragraphs[-1].text == "Trần Văn Cường"
        assert signatures.cell(1, 0).paragraphs[-1].text == "Phạm Thị Dung"

    def test_votes_for_a_unit_not_on_the_ballot_are_shown_and_marked(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """Votes for a unit that was not a candidate are kept in the count, with a note."""
        _edit(sample_data, "results-2021.toml", "votes = { co-chinh-phu = 8 }",
              "votes = { co-chinh-phu = 7 }")  # fmt: skip
        _edit(sample_data, "results-2021.toml", "votes = { co-tinh = 7 }",
              "votes = { co-tinh = 7, co-chinh-phu = 1 }")  # fmt: skip
        document = _draft(khoi, sample_data, tmp_path / "kp.docx", "--count-minutes")
        rows = [[c.text for c in r.cells] for r in document.tables[1].rows[1:]]
        assert rows[1][1:3] == ["Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh", "1"]
        assert rows[1][4] == "không có tên trên phiếu"
