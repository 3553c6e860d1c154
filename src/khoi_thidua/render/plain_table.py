"""A ``Sheet`` as the plain text rich writes to a pipe, without loading rich's console.

It follows rich's own steps for the tables khoi prints (heavy-headed box, one space of padding,
columns justified left, right or centred, no fixed widths): measure each column, shrink the widest
wrapping columns until the table fits, wrap each cell at its column's width (words carried
over, a word too long for its column cut with "…"), then the title and caption wrapped at the
table's width. Character widths come from ``rich.cells``, so that accents, wide and zero-width
characters count as rich counts them. ``plain_text`` answers None for what it does not
reproduce (tabs, control and format characters, a narrow column, a non-UTF-8 or Windows
output, whose boxes rich draws otherwise): the caller prints through rich then.
``tests/test_plain_table.py`` compares both on generated tables.
"""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata

from rich.cells import cell_len, chop_cells, set_cell_size

from khoi_thidua.render.sheet import Grid, Justify, Line, Sheet

# Heavy-headed box: top, header row, under the header, body rows, bottom.
_TOP = ("┏", "━", "┳", "┓")
_HEAD = ("┃", "┃", "┃")
_HEAD_RULE = ("┡", "━", "╇", "┩")
_BODY = ("│", "│", "│")
_ROW_RULE = ("├", "─", "┼", "┤")
_BOTTOM = ("└", "─", "┴", "┘")
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")


def plain_text(sheet: Sheet, width: int, encoding: str) -> str | None:
    """The sheet as printed to a pipe ``width`` columns wide (lines right-stripped), or None
    when rich must print it."""
    if sys.platform == "win32" or not encoding.lower().startswith("utf"):
        return None
    lines: list[str] = []
    for part in sheet.parts:
        margin = " " * part.indent  # rich's Padding: laid out in what is left, then shifted
        if isinstance(part, Line):
            if not _plain(part.text) or width - part.indent < 1:
                return None
            lines += [
                margin + line for line in _wrap(part.text, width - part.indent, "default", True)
            ]
            continue
        table = _table(part, width - part.indent)
        if table is None:
            return None
        lines += [margin + line for line in table]
    printed = "".join(line + "\n" for line in lines)  # rich ends every line with a newline
    return "\n".join(line.rstrip() for line in printed.splitlines()) + "\n"


def _plain(text: str) -> bool:
    """Text whose wrapping is reproduced here: no tabs, no control characters but newlines,
    no line separators other than the newline (rich splits on some of them, not on others), no
    invisible format characters (a zero-width joiner starting a cell trips rich itself)."""
    return not any(
        (unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c != "\n") for c in text
    )


def _table(grid: Grid, width: int) -> list[str] | None:
    texts = [c.header for c in grid.columns] if grid.boxed else []
    texts += [cell for row in grid.rows for cell in row.cells] + [grid.title, grid.caption]
    if not grid.columns or not all(_plain(t) for t in texts):
        return None
    if any(len(row.cells) != len(grid.columns) for row in grid.rows):
        return None
    pads = _pads(grid)
    # the outer edges and the lines between columns; a grid has none
    extra = 2 + len(grid.columns) - 1 if grid.boxed else 0
    widths = _widths(grid, pads, width - extra)
    if widths is None:
        return None
    table_width = sum(widths) + extra
    out: list[str] = []
    if grid.title:
        out += _wrap(grid.title, table_width, "left", fold=True)
    columns = list(zip(grid.columns, widths, pads, strict=True))
    if grid.boxed:
        out.append(_rule(_TOP, widths))
        header = [_cell(c.header, w, pad, c.justify) for c, w, pad in columns]
        out += _row(header, widths, _HEAD, bottom=True)
        out.append(_rule(_HEAD_RULE, widths))
    for index, row in enumerate(grid.rows):
        cells = [
            _cell(text, w, pad, c.justify)
            for text, (c, w, pad) in zip(row.cells, columns, strict=True)
        ]
        out += _row(cells, widths, _BODY if grid.boxed else ("", "", ""), bottom=False)
        if row.end_section and grid.boxed and index < len(grid.rows) - 1:
            out.append(_rule(_ROW_RULE, widths))
    if grid.boxed:
        out.append(_rule(_BOTTOM, widths))
    if grid.caption:
        out += _wrap(grid.caption, table_width, "left", fold=True)
    return out


def _pads(grid: Grid) -> list[tuple[int, int]]:
    """Each column's spaces (left, right): one each side in a box; in a grid, ``gap`` between
    columns and none at the edges (rich's ``Table.grid(padding=(0, gap))``)."""
    if grid.boxed:
        return [(1, 1)] * len(grid.columns)
    return [(0, grid.gap)] * (len(grid.columns) - 1) + [(0, 0)]


def _widths(grid: Grid, pads: list[tuple[int, int]], available: int) -> list[int] | None:
    """Each column's width with its padding, as rich's Table computes it."""
    if available < 1:
        return None
    columns = [
        ([c.header] if grid.boxed else []) + [row.cells[i] for row in grid.rows]
        for i, c in enumerate(grid.columns)
    ]
    spaces = [left + right for left, right in pads]
    fixed = [c.width for c in grid.columns]
    widths = [
        _measure(cells, pad, size, available) or 1
        for cells, pad, size in zip(columns, spaces, fixed, strict=True)
    ]
    if sum(widths) > available:
        widths = _collapse(widths, [size is None for size in fixed], available)
        if sum(widths) > available:
            widths = _reduce(sum(widths) - available, [1] * len(widths), widths, widths)
        widths = [
            _measure(cells, pad, size, w)
            for cells, pad, size, w in zip(columns, spaces, fixed, widths, strict=True)
        ]
    if any(w - pad < 1 for w, pad in zip(widths, spaces, strict=True)):
        return None  # a cell with no room for text: rich's corner cases, left to rich
    return widths


def _measure(cells: list[str], pad: int, fixed: int | None, limit: int) -> int:
    """The widest cell of a column (or its fixed width), padding included, at most ``limit``."""
    if limit < 1:
        return 0
    if fixed is not None:
        return min(fixed + pad, limit)
    if not cells or limit - pad < 1:
        return limit  # a column without cells takes the room there is, as in rich
    widest = 0
    for text in cells:
        lines = text.splitlines()
        longest = max((cell_len(line) for line in lines), default=0)
        # an empty cell still measures its padding, as rich's Padding does
        widest = max(widest, min(min(longest, limit) + pad, limit))
    return min(widest, limit)


def _collapse(widths: list[int], wraps: list[bool], limit: int) -> list[int]:
    """Shrink the widest wrapping columns, then the next widest, until the table fits (rich's
    order); a fixed-width column keeps its width here."""
    total = sum(widths)
    excess = total - limit
    while any(wraps) and total and excess > 0:
        widest = max(w for w, wrap in zip(widths, wraps, strict=True) if wrap)
        second = max(
            (w for w, wrap in zip(widths, wraps, strict=True) if wrap and w != widest), default=0
        )
        difference = widest - second
        ratios = [1 if w == widest and wrap else 0 for w, wrap in zip(widths, wraps, strict=True)]
        if not difference:
            break
        widths = _reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        total = sum(widths)
        excess = total - limit
    return widths


def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            taken = min(maximum, round(ratio * remaining / total_ratio))
            result.append(value - taken)
            remaining -= taken
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _cell(text: str, width: int, pad: tuple[int, int], justify: Justify) -> list[str]:
    left, right = pad
    inner = width - left - right
    return [" " * left + _fit(line, inner) + " " * right for line in _wrap(text, inner, justify)]


def _row(
    cells: list[list[str]], widths: list[int], box: tuple[str, ...], bottom: bool
) -> list[str]:
    """One table row, its cells' lines side by side; shorter cells get blank lines (below, or
    above in the header, whose cells sit on the rule under it)."""
    height = max(len(lines) for lines in cells)
    shaped = []
    for lines, w in zip(cells, widths, strict=True):
        blank = [" " * w] * (height - len(lines))
        shaped.append(blank + lines if bottom else lines + blank)
    left, between, right = box
    return [left + between.join(c[i] for c in shaped) + right for i in range(height)]


def _rule(box: tuple[str, str, str, str], widths: list[int]) -> str:
    left, line, cross, right = box
    return left + cross.join(line * w for w in widths) + right


def _fit(text: str, width: int) -> str:
    """``text`` padded or cut to exactly ``width`` cells."""
    return set_cell_size(text, width)


def _wrap(text: str, width: int, justify: str, fold: bool = False) -> list[str]:
    """``text`` wrapped as rich's Text.wrap does: each line of it divided into words, a word
    too long for the width folded (titles, notes) or cut with an ellipsis (cells)."""
    out: list[str] = []
    for line in text.split("\n"):
        pieces = [_rstrip_end(piece, width) for piece in _divide(line, width, fold)]
        for piece in pieces:
            justified = piece
            if justify == "left":
                justified = _truncate(piece, width, fold, pad=True)
            elif justify == "right":
                cut = _truncate(piece.rstrip(), width, fold)
                justified = " " * (width - cell_len(cut)) + cut
            elif justify == "center":
                cut = _truncate(piece.rstrip(), width, fold)
                left = " " * ((width - cell_len(cut)) // 2) + cut
                justified = left + " " * (width - cell_len(left))
            out.append(_truncate(justified, width, fold))
    return out


def _divide(line: str, width: int, fold: bool) -> list[str]:
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group(0)
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            if fold:
                folded = chop_cells(word, width=width)
                for index, part in enumerate(folded):
                    if start:
                        breaks.append(start)
                    if index == len(folded) - 1:
                        offset = cell_len(part)
                    else:
                        start += len(part)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    bounds = [0, *breaks, len(line)]
    return [line[a:b] for a, b in itertools.pairwise(bounds)]


def _rstrip_end(piece: str, width: int) -> str:
    if len(piece) > width:
        found = _TRAILING_SPACE.search(piece)
        if found is not None:
            return piece[: len(piece) - min(len(found.group(0)), len(piece) - width)]
    return piece


def _truncate(piece: str, width: int, fold: bool, pad: bool = False) -> str:
    length = cell_len(piece)
    if length > width:
        return set_cell_size(piece, width) if fold else set_cell_size(piece, width - 1) + "…"
    if pad and length < width:
        return piece + " " * (width - length)
    return piece
