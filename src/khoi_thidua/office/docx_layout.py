"""Word layout after Decree 30/2020/NĐ-CP: A4 page, Times New Roman, header block, tables."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from khoi_thidua.errors import DataError, Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.office.docx_xml import (
    add_page_field,
    add_top_border,
    clear_cell,
    keep_row_whole,
    repeat_header_row,
    set_borders,
)
from khoi_thidua.records import record

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
SMALL_PT = 12
# Decree 30/2020/NĐ-CP, Appendix I: A4; margins top and bottom 20–25 mm, left 30–35 mm,
# right 15–20 mm; body text 13–14 pt.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]

STATE_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
STATE_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
LEFT_SHARE = 0.38  # the issuer's column; the national line needs the wider right one
SIGNING_LINES = 3  # blank lines left for the handwritten signature
CELL_PADDING_MM = 3.8  # Word's default left and right cell margins, together


@record
class HeaderBlock:
    """The two-column header: issuing body and number on the left, national line on the right."""

    kind: str  # "state" or "party"
    issuer: str
    number: str  # "Số: …/TTr-KTĐ"
    place_date: str  # "Hưng Yên, ngày … tháng … năm …"


class Writer:
    """Appends paragraphs and tables to a document, formatted unless a user template decides."""

    def __init__(self, msgs: Messages, base: bytes | None, source: str = "") -> None:
        from docx import Document

        self.own_styles = base is None
        if base is None:
            self.doc = Document()
            self._set_up_page()
        else:
            try:
                self.doc = Document(io.BytesIO(base))
            except Exception as exc:  # python-docx raises several kinds for a non-Word file
                raise DataError(
                    msgs,
                    [
                        Problem(
                            source,
                            "",
                            msgs.t(
                                "the template cannot be opened as a Word document ({error})",
                                error=type(exc).__name__,
                            ),
                            msgs.t(
                                "give a .docx file (a .dotx template or .doc file must be "
                                "saved as .docx first)"
                            ),
                            code="not-a-document",
                        )
                    ],
                ) from None

    def _set_up_page(self) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt

        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin = Mm(MARGINS_MM["top"])
        section.bottom_margin = Mm(MARGINS_MM["bottom"])
        section.left_margin = Mm(MARGINS_MM["left"])
        section.right_margin = Mm(MARGINS_MM["right"])
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        self.doc.core_properties.author = "khoi"

    # -- paragraphs ----------------------------------------------------------------------
    def paragraph(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        size: int | None = None,
        align: str = "justify",
        indent: bool = False,
        container: Any = None,
        space_after: int | None = None,
        keep_with_next: bool = False,
    ) -> Any:
        """A paragraph of one run; ``align`` is left, center, right or justify.

        ``keep_with_next`` keeps a heading on the page of what follows it (a table).
        """
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm, Pt

        target = self.doc if container is None else container
        paragraph = target.add_paragraph()
        paragraph.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
        if indent:
            paragraph.paragraph_format.first_line_indent = Mm(10)
        if space_after is not None:
            paragraph.paragraph_format.space_after = Pt(space_after)
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        if text:
            self.run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
        return paragraph

    def run(
        self,
        paragraph: Any,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        size: int | None = None,
    ) -> Any:
        from docx.shared import Pt

        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        run.underline = underline or None
        if size is not None and self.own_styles:
            run.font.size = Pt(size)
        return run

    # -- header block --------------------------------------------------------------------
    def header(self, block: HeaderBlock) -> None:
        """Decree 30 header: a borderless two-column table, left body and right national line.

        The Quốc hiệu is 12 pt bold on one line (Decree 30 allows 12–13 pt; 13 pt wraps in the
        right column of an A4 page); a drawn rule, not typed characters, goes under the issuer.
        """
        table = self.doc.add_table(rows=2, cols=2)
        set_borders(table, visible=False)
        widths = [TEXT_WIDTH_MM * LEFT_SHARE, TEXT_WIDTH_MM * (1 - LEFT_SHARE)]
        self._widths(table, widths)
        left, right = table.cell(0, 0), table.cell(0, 1)
        clear_cell(left)
        clear_cell(right)
        self.paragraph(
            block.issuer.upper(), bold=True, size=13, align="center", container=left, space_after=0
        )
        if block.kind == "party":
            # Hướng dẫn 36-HD/VPTW: an asterisk under the issuing body.
            self.paragraph("*", align="center", container=left, space_after=0)
            self.paragraph(
                PARTY_NAME, bold=True, underline=True, size=15, align="center", container=right
            )
        else:
            # Decree 30/2020: a rule under the issuing body, a third to a half of its line.
            self.rule(left, widths[0], widths[0] * 0.4)
            self.paragraph(
                STATE_NAME, bold=True, size=12, align="center", container=right, space_after=0
            )
            # The motto's underline is as long as the motto itself.
            self.paragraph(
                STATE_MOTTO, bold=True, underline=True, size=13, align="center", container=right
            )
        number, date = table.cell(1, 0), table.cell(1, 1)
        clear_cell(number)
        clear_cell(date)
        self.paragraph(block.number, size=13, align="center", container=number)
        self.paragraph(block.place_date, italic=True, size=14, align="center", container=date)
        self.paragraph(space_after=0)
        if self.own_styles:
            self._page_numbers()

    def rule(self, container: Any, width_mm: float, length_mm: float) -> None:
        """A centred horizontal line ``length_mm`` long: a paragraph's top border, indented."""
        from docx.shared import Mm, Pt

        paragraph = self.paragraph(container=container, space_after=0)
        side = max((width_mm - CELL_PADDING_MM - length_mm) / 2, 0)
        paragraph.paragraph_format.left_indent = Mm(side)
        paragraph.paragraph_format.right_indent = Mm(side)
        paragraph.paragraph_format.space_before = Pt(2)
        paragraph.paragraph_format.line_spacing = Pt(4)
        add_top_border(paragraph)

    def _page_numbers(self) -> None:
        """Page numbers at the top centre from the second page on (Decree 30, Appendix I)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        run.font.size = Pt(TABLE_PT)
        add_page_field(run)

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- tables --------------------------------------------------------------------------
    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_mm: Sequence[float],
        numeric: Sequence[int] = (),
        centred: Sequence[int] = (),
    ) -> Any:
        """A bordered table with a bold header row; ``numeric`` columns align right, ``centred``
        ones centre (tick boxes)."""
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        set_borders(table, visible=True)
        self._widths(table, widths_mm)
        for row in table.rows:
            keep_row_whole(row)  # before tblHeader: the schema orders a row's properties
        repeat_header_row(table.rows[0])
        for column, text in enumerate(header):
            cell = table.cell(0, column)
            clear_cell(cell)
            self.paragraph(
                text, bold=True, size=TABLE_PT, align="center", container=cell, space_after=0
            )
        for index, row in enumerate(rows, start=1):
            for column, text in enumerate(row):
                cell = table.cell(index, column)
                clear_cell(cell)
                align = "right" if column in numeric else "left"
                align = "center" if column in centred else align
                self.paragraph(text, size=TABLE_PT, align=align, container=cell, space_after=0)
        self.paragraph(space_after=0)
        return table

    def _widths(self, table: Any, widths_mm: Sequence[float]) -> None:
        from docx.shared import Mm

        table.autofit = False
        # Word reads the cell widths, LibreOffice the table grid: set both.
        for column, width in zip(table.columns, widths_mm, strict=False):
            column.width = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=False):
                cell.width = Mm(width)

    def signatures(
        self,
        left: Sequence[tuple[str, bool, bool]],
        right: Sequence[str],
        recipients: bool = True,
    ) -> None:
        """A borderless two-column block: left lines (text, bold, italic), right signature.

        With ``recipients`` the left side is the "Nơi nhận" list (12 pt heading, 11 pt lines,
        Decree 30); otherwise it is a second signature, centred like the right one, and the
        names (the lines after the blank ones) sit on one row so that they line up.
        """
        if recipients:
            table = self._signature_table(1)
            for text, bold, italic in left:
                self.paragraph(
                    text, bold=bold, italic=italic, size=SMALL_PT if bold else 11,
                    align="left", container=table.cell(0, 0), space_after=0,
                )  # fmt: skip
            self._signer(table.cell(0, 1), list(right))
            return
        table = self._signature_table(2)
        left_head, left_names = _split_names([text for text, _, _ in left])
        right_head, right_names = _split_names(list(right))
        for cell, head in ((table.cell(0, 0), left_head), (table.cell(0, 1), right_head)):
            for index, text in enumerate(head):
                self.paragraph(
                    text, bold=index < 2, italic=text.startswith("("), align="center",
                    container=cell, space_after=0, keep_with_next=True,
                )  # fmt: skip
        for cell, names in ((table.cell(1, 0), left_names), (table.cell(1, 1), right_names)):
            for _ in range(SIGNING_LINES):
                self.paragraph(container=cell, space_after=0, keep_with_next=True)
            for name in names or [""]:
                self.paragraph(name, bold=True, align="center", container=cell, space_after=0)

    def _signature_table(self, rows: int) -> Any:
        table = self.doc.add_table(rows=rows, cols=2)
        set_borders(table, visible=False)
        for row in table.rows:
            keep_row_whole(row)  # a signature block is never cut by a page break
        self._widths(table, [TEXT_WIDTH_MM * 0.5, TEXT_WIDTH_MM * 0.5])
        for row in table.rows:
            for cell in row.cells:
                clear_cell(cell)
        return table

    def _signer(self, cell: Any, lines: list[str]) -> None:
        for index, text in enumerate(lines):
            self.paragraph(
                text, bold=index < 2 or index == len(lines) - 1, italic=text.startswith("("),
                align="center", container=cell, space_after=0,
            )  # fmt: skip

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _split_names(lines: list[str]) -> tuple[list[str], list[str]]:
    """Headings (before the first blank line) and names (the lines after the blank ones)."""
    blank = lines.index("") if "" in lines else len(lines)
    return lines[:blank], [text for text in lines[blank:] if text]


def date_line(place: str, iso: str | None) -> str:
    """ "Hưng Yên, ngày 07 tháng 01 năm 2022": days below 10 and months 1–2 take a leading 0
    (Decree 30/2020/NĐ-CP, Appendix I); without a date, dots to fill in by hand."""
    where = place or "…"
    if not iso:
        return f"{where}, ngày … tháng … năm …"
    year, month, day = (int(part) for part in iso.split("-"))
    month_text = f"{month:02d}" if month < 3 else str(month)
    return f"{where}, ngày {day:02d} tháng {month_text} năm {year}"
