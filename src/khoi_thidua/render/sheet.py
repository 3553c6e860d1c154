"""A view made of titled tables, borderless grids and lines of text, printed by rich or as
plain text.

A renderer that returns a ``Sheet`` describes what to print once; ``to_rich`` makes the rich
renderables a terminal gets (styles, the terminal's width), and ``render/plain_table.py``
writes the same text rich would write to a pipe or a file without loading rich's console —
about 25 ms of the start-up of ``khoi propose`` — and falls back to rich for anything it does
not reproduce exactly (tests compare the two).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from khoi_thidua.records import record

if TYPE_CHECKING:
    from rich.console import RenderableType

Justify = Literal["left", "center", "right"]


@record
class Column:
    header: str = ""
    justify: Justify = "left"
    style: str = ""  # a rich style for the column's cells, on a terminal only
    width: int | None = None  # a fixed width (a mark column); None: as wide as its cells


@record
class Row:
    cells: tuple[str, ...]
    style: str = ""  # a rich style for the row, on a terminal only: plain text has no styles
    end_section: bool = False  # a line under the row (not under the last one)


@record
class Grid:
    """A table with its title above and its caption below (either may be empty); not boxed,
    a grid of columns two spaces apart, without headers or lines."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    title: str = ""
    caption: str = ""
    boxed: bool = True
    gap: int = 2  # spaces between the columns of a grid
    indent: int = 0  # spaces before every line


@record
class Line:
    """A paragraph of text, wrapped at the width."""

    text: str
    style: str = ""  # a rich style, on a terminal only
    indent: int = 0  # spaces before every line, wrapped lines included


Part = Grid | Line


@record
class Sheet:
    parts: tuple[Part, ...]


def to_rich(sheet: Sheet) -> RenderableType:
    """The sheet as rich renderables (what a terminal shows)."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    rendered: list[RenderableType] = []
    for part in sheet.parts:
        if isinstance(part, Line):
            text = Text(part.text, style=part.style)
            rendered.append(Padding(text, (0, 0, 0, part.indent)) if part.indent else text)
            continue
        table = (
            Table(
                title=part.title or None,
                title_justify="left",
                caption=part.caption or None,
                caption_justify="left",
            )
            if part.boxed
            else Table.grid(padding=(0, part.gap))
        )
        if not part.boxed:
            table.title, table.title_justify = part.title or None, "left"
            table.caption, table.caption_justify = part.caption or None, "left"
        for column in part.columns:
            table.add_column(
                column.header,
                justify=column.justify,
                style=column.style or None,
                width=column.width,
            )
        for row in part.rows:
            table.add_row(*row.cells, style=row.style or None, end_section=row.end_section)
        rendered.append(Padding(table, (0, 0, 0, part.indent)) if part.indent else table)
    return Group(*rendered)
