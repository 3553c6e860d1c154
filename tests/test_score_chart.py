"""The Excel exports carry a native chart: members' scores for a proposal, counts for a summary."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.chart import BarChart

from builders import Invoke


def chart_sheet(path: Path, name: str = "Chart") -> object:
    wb = load_workbook(path)
    assert name in wb.sheetnames
    return wb[name]


def test_proposal_workbook_has_a_bar_chart_of_the_scores(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """propose --format xlsx adds a Chart sheet: one bar per ranked member, best first."""
    out = tmp_path / "de-nghi.xlsx"
    result = khoi("propose", "2021", "-f", "xlsx", "-o", str(out), "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(out)
    ws = wb["Chart"]
    assert ws["A1"].value == "Member"
    assert ws["B2"].value == 98.5  # Ban Tổ chức Tỉnh ủy, rank 1
    assert ws.max_row == 9  # the header and the bloc's eight members
    # openpyxl reads charts back only through the drawing part: check the file's XML instead.
    import zipfile

    with zipfile.ZipFile(out) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = archive.read(charts[0]).decode("utf-8")
    assert "<barChart>" in xml
    assert "Chart!$B$2:$B$9" in xml.replace("'", "")


def test_summary_workbook_has_a_chart_of_proposals_per_award(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """summary --format xlsx adds a Chart sheet with the proposals per award and the caps."""
    out = tmp_path / "tong-hop.xlsx"
    result = khoi("summary", "2021", "-f", "xlsx", "-o", str(out), "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    ws = load_workbook(out)["Chart"]
    assert [c.value for c in ws[1]] == ["Award", "Number proposed", "Maximum number"]
    import zipfile

    with zipfile.ZipFile(out) as archive:
        assert any(n.startswith("xl/charts/chart") for n in archive.namelist())


def test_chart_module_builds_a_bar_chart() -> None:
    """add_score_chart puts a BarChart on a new sheet, skipping members without results."""
    from openpyxl import Workbook

    from khoi_thidua import i18n
    from khoi_thidua.office.score_chart import add_score_chart

    wb = Workbook()
    data = {
        "year": 2021,
        "standings": [
            {"member": {"short": "A", "name": "Đơn vị A"}, "score": 95.0},
            {"member": {"short": "", "name": "Đơn vị B"}, "score": None},
        ],
    }
    add_score_chart(i18n.ENGLISH, wb, data)
    ws = wb["Chart"]
    assert ws.max_row == 2
    assert isinstance(ws._charts[0], BarChart)
    buffer = io.BytesIO()
    wb.save(buffer)
    assert buffer.getvalue()[:2] == b"PK"
