"""A sheet with a native Excel chart: scores in a proposal, proposals per award in a summary.

The chart is drawn by Excel (or LibreOffice) from cells of the same sheet, so it stays live when
someone corrects a figure, and people who work in Excel see it where they work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from khoi_thidua.i18n import Messages
from khoi_thidua.office.cells import set_widths, style_header

if TYPE_CHECKING:
    from khoi_thidua.render.batch_shapes import SummaryResult
    from khoi_thidua.render.proposal_shapes import ProposalResult

CHART_ANCHOR = "D2"


def add_score_chart(msgs: Messages, wb: Any, data: ProposalResult) -> None:
    """A "chart" sheet: each ranked member's score as a bar, best first, from cells beside it."""
    from openpyxl.chart import BarChart, Reference  # type: ignore[import-untyped]

    ranked = [s for s in data["standings"] if s["score"] is not None]
    if not ranked:
        return
    ws = wb.create_sheet(msgs.t("Chart"))
    ws.append([msgs.t("Member"), msgs.t("Score")])
    for s in ranked:
        ws.append([s["member"]["short"] or s["member"]["name"], s["score"]])
    style_header(ws, 1, 2, 30.0)
    set_widths(ws, [36, 10])
    chart = BarChart()
    chart.type = "bar"  # horizontal bars: long Vietnamese names stay readable
    chart.title = msgs.t("Score by member — {year}", year=data["year"])
    chart.y_axis.title = msgs.t("Score (points)")
    chart.x_axis.title = msgs.t("Member")
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top, as in the table
    chart.legend = None
    values = Reference(ws, min_col=2, min_row=1, max_row=len(ranked) + 1)
    names = Reference(ws, min_col=1, min_row=2, max_row=len(ranked) + 1)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(names)
    low = min(score for s in ranked if (score := s["score"]) is not None)
    chart.y_axis.scaling.min = max(0, int(low) - 5)  # the differences people argue over show
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.height = max(7.5, 0.8 * len(ranked))
    chart.width = 18
    ws.add_chart(chart, CHART_ANCHOR)


def add_totals_chart(msgs: Messages, wb: Any, data: SummaryResult) -> None:
    """A "chart" sheet of the province: proposals per award, with each cap's limit beside it."""
    from openpyxl.chart import BarChart, Reference

    if not data["totals"]:
        return
    limits = {c["award"]: c["limit"] for c in data["caps"]}
    ws = wb.create_sheet(msgs.t("Chart"))
    ws.append([msgs.t("Award"), msgs.t("Number proposed"), msgs.t("Maximum number")])
    for item in data["totals"]:
        ws.append([item["name"], item["proposed"], limits.get(item["award"])])
    style_header(ws, 1, 3, 30.0)
    set_widths(ws, [40, 12, 12])
    rows = len(data["totals"]) + 1
    chart = BarChart()
    chart.type = "bar"
    chart.title = msgs.t("Number of proposals for {year}", year=data["year"])
    chart.y_axis.title = msgs.t("Number proposed")
    chart.x_axis.scaling.orientation = "maxMin"
    chart.add_data(
        Reference(ws, min_col=2, max_col=3, min_row=1, max_row=rows), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=rows))
    chart.y_axis.scaling.min = 0
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.width = 18
    ws.add_chart(chart, "E2")
