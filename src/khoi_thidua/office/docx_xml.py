"""Low-level Word XML the layout needs and python-docx lacks: borders, row flags, fields."""

from __future__ import annotations

from typing import Any


def set_borders(table: Any, visible: bool) -> None:
    """Show thin single borders on every edge, or none (whatever the table style says)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table._tbl.tblPr
    for old in properties.findall(qn("w:tblBorders")):
        properties.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    properties.append(borders)


def clear_cell(cell: Any) -> None:
    """Remove the empty paragraph a new cell starts with, so content begins at its top."""
    for paragraph in list(cell.paragraphs):
        if not paragraph.text:
            paragraph._element.getparent().remove(paragraph._element)


_AFTER_BORDERS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def keep_row_whole(row: Any) -> None:
    """A row never splits across two pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")
    keep.set(qn("w:val"), "true")
    properties.append(keep)


def repeat_header_row(row: Any) -> None:
    """Mark a table's first row as its header, repeated at the top of each page it runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def add_top_border(paragraph: Any) -> None:
    """A thin line along the top of ``paragraph``, as long as the paragraph is wide."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    # The schema orders a paragraph's properties: the borders go before these.
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDERS)


def add_page_field(run: Any) -> None:
    """A PAGE field in ``run``: the page's own number, filled in by Word or LibreOffice."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind in ("begin", None, "separate", "end"):
        if kind is None:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = " PAGE "
            run._r.append(instruction)
            continue
        field = OxmlElement("w:fldChar")
        field.set(qn("w:fldCharType"), kind)
        run._r.append(field)
        if kind == "separate":
            number = OxmlElement("w:t")
            number.text = "2"
            run._r.append(number)
