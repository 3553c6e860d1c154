"""A compact trend in the terminal: one block character per year for score and for rank."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khoi_thidua.i18n import Messages
from khoi_thidua.numbers import format_number

if TYPE_CHECKING:
    from khoi_thidua.render.shapes import MemberHistoryResult

BARS = "▁▂▃▄▅▆▇█"
GAP = "·"  # a year without results: a gap, never the lowest bar


def sparkline(
    values: list[float | None],
    inverted: bool = False,
    bounds: tuple[float, float] | None = None,
) -> str:
    """One bar per value scaled between ``bounds`` (default: the lowest and highest value);
    ``inverted`` puts low values on top, as for ranks."""
    known = [v for v in values if v is not None]
    if not known:
        return GAP * len(values)
    low, high = bounds if bounds is not None else (min(known), max(known))
    out = []
    for value in values:
        if value is None:
            out.append(GAP)
            continue
        share = 0.5 if high == low else min(1.0, max(0.0, (value - low) / (high - low)))
        if inverted:
            share = 1 - share
        out.append(BARS[round(share * (len(BARS) - 1))])
    return "".join(out)


def trend_lines(msgs: Messages, data: MemberHistoryResult) -> list[str]:
    """The trend rows of ``history --member`` data: score and rank by year, first to last."""
    years = data["years"]
    if not any(row["score"] is not None for row in years):
        return []
    lang = msgs.language
    first, last = years[0]["year"], years[-1]["year"]
    scores = [row["score"] for row in years]
    ranks = [None if row["rank"] is None else float(row["rank"]) for row in years]
    known = [s for s in scores if s is not None]
    known_ranks = [int(r) for r in ranks if r is not None]
    return [
        msgs.t(
            "Score {first}–{last}: {line}  (lowest {low}, highest {high}; · = no results)",
            first=first,
            last=last,
            line=sparkline(scores),
            low=format_number(min(known), lang),
            high=format_number(max(known), lang),
        ),
        msgs.t(
            "Rank  {first}–{last}: {line}  (best {best}, worst {worst}; taller is better)",
            first=first,
            last=last,
            # Scaled on the bloc's size, so rank 3 and 4 of 8 are neighbours, not opposites.
            line=sparkline(ranks, True, (1, max(row["members"] for row in years) or 1)),
            best=min(known_ranks),
            worst=max(known_ranks),
        ),
    ]
