"""The frame every report page shares: the document, its inline stylesheet, tables and charts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from html import escape
from importlib import resources

from khoi_thidua import __version__
from khoi_thidua.i18n import Messages
from khoi_thidua.numbers import format_number
from khoi_thidua.render.html.svg import Axis, Series, line_chart, swatch

NUM = ' class="num"'


@cache
def stylesheet() -> str:
    """The report's stylesheet, shipped beside this module and inlined in every page."""
    return (resources.files("khoi_thidua.render.html") / "style.css").read_text(encoding="utf-8")


def e(value: object) -> str:
    """Text made safe for HTML content and attribute values."""
    return escape(str(value), quote=True)


def prose(value: str) -> str:
    """A sentence of khoi's or a pack's (a legal basis, a warning) made safe for HTML, with the
    `backquoted` keys and commands it names set as code, as the terminal and markdown show them."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", e(value))


def number(msgs: Messages, value: float | None) -> str:
    """A number in the report's language, or a dash when there is none."""
    if value is None:
        return "—"
    return _number(msgs, value)


def score(msgs: Messages, value: float | None) -> str:
    """A score written as every command writes it (97.0, 98.5), or a dash."""
    from khoi_thidua.awards.kinds.words import score_text

    return "—" if value is None else score_text(msgs, value)


def _number(msgs: Messages, value: float) -> str:
    if abs(value) < 1000:  # no thousands separator: a quicker path for the charts' tables
        text = str(int(value)) if float(value).is_integer() else f"{value:.10g}"
        return text.replace(".", ",") if msgs.language == "vi" else text
    return format_number(value, msgs.language)


def document(msgs: Messages, title: str, body: str) -> str:
    """A whole self-contained page: no script, no external file, no network."""
    footer = msgs.t("Made with khoi {version} from the bloc data files.", version=__version__)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{msgs.language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="khoi {e(__version__)}">\n'
        f"<title>{e(title)}</title>\n<style>\n{stylesheet()}</style>\n</head>\n<body>\n"
        f"{body}\n<footer>{e(footer)}</footer>\n</body>\n</html>\n"
    )


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    caption: str = "",
    numeric: Iterable[int] = (),
    row_headers: bool = False,
) -> str:
    """A table with header cells; cells are HTML already escaped by the caller."""
    right = set(numeric)
    out = ["<table>"]
    if caption:
        out.append(f"<caption>{e(caption)}</caption>")
    out.append(
        "<thead><tr>"
        + "".join(
            f'<th scope="col"{NUM if i in right else ""}>{e(h)}</th>' for i, h in enumerate(headers)
        )
        + "</tr></thead><tbody>"
    )
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            css = NUM if i in right else ""
            if row_headers and i == 0:
                cells.append(f'<th scope="row"{css}>{cell}</th>')
            else:
                cells.append(f"<td{css}>{cell}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def chart(
    msgs: Messages,
    title: str,
    years: list[int],
    series: list[Series],
    axis: Axis,
    unit: str,
    lead_in: str = "",
) -> str:
    """A chart with its legend and, under it, the same figures as a table (the text alternative).

    ``lead_in`` (a section heading) is kept on the same printed page as the chart.
    """
    decimal = "," if msgs.language == "vi" else "."
    svg = line_chart(title, years, series, axis, msgs.t("Year"), decimal)
    legend = "".join(f"<li>{swatch(i)}<span>{e(s.label)}</span></li>" for i, s in enumerate(series))
    rows = [[e(s.label)] + [e(number(msgs, s.values.get(y))) for y in years] for s in series]
    data = table(
        [msgs.t("Member"), *[str(y) for y in years]],
        rows,
        caption=msgs.t("{title} ({unit}); — marks a year without results", title=title, unit=unit),
        numeric=range(1, len(years) + 1),
        row_headers=True,
    )
    return (
        f'<div class="chart-figure" role="figure" aria-label="{e(title)}">'
        f'<div class="keep">{lead_in}<p class="chart-title">{e(title)}</p>{svg}'
        f'<ul class="legend">{legend}</ul></div>'
        f'<div class="chart-data">{data}</div></div>'
    )
