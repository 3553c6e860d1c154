"""Pieces the Word drafts share: numbers and votes as printed, the scoring table, signatures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from khoi_thidua.numbers import format_number, format_percent
from khoi_thidua.office.docx_layout import TEXT_WIDTH_MM, Writer
from khoi_thidua.records import record

if TYPE_CHECKING:
    from khoi_thidua.render.proposal_shapes import StandingEntry

LANG = "vi"

# khoi's own flags on a legal basis ("(điều khoản chưa xác minh)") are for the people who use
# khoi; a document sent to the province cites the article and nothing else.
_FLAG = re.compile(r"\s*\([^()]*chưa xác minh[^()]*\)|\s*\[[^\[\]]*chưa xác minh[^\[\]]*\]")


@record
class Signer:
    """Who signs for the bloc in a year: the chair unit and, where recorded, its head."""

    unit: str  # the chair unit's name; "" when the year has no chair known
    title: str = ""  # e.g. "Trưởng Ban Tổ chức Tỉnh ủy"
    name: str = ""


def official(text: str) -> str:
    """``text`` without khoi's internal "chưa xác minh" flags."""
    return _FLAG.sub("", text).strip()


def number(value: float | None) -> str:
    """A score as printed: one decimal (97,0), or two when it has them (98,25)."""
    if value is None:
        return ""
    decimals = 1 if round(float(value), 1) == float(value) else 2
    return format_number(float(value), LANG, decimals)


def votes_cell(votes: int | None, ballots: int | None) -> str:
    """Votes for a table cell: "7/8" of the valid ballots, or the count alone."""
    count = votes or 0
    return str(count) if ballots is None else f"{count}/{ballots}"


def vote_phrase(votes: int | None, ballots: int | None) -> str:
    count = votes or 0
    if ballots is None:
        return f"{count} phiếu"
    return f"{count}/{ballots} phiếu, đạt {format_percent(count / ballots, LANG)}"


def widths(parts: list[float]) -> list[float]:
    """Column widths in mm, scaled so the table fills the text width."""
    total = sum(parts)
    return [TEXT_WIDTH_MM * p / total for p in parts]


def scoring_table(writer: Writer, standings: Sequence[StandingEntry]) -> None:
    """Every unit's self score, agreed score, rating and rank, in the order of the ranking."""
    rows = [
        [
            str(index),
            s["member"]["name"],
            number(s["self_score"]),
            number(s["score"]),
            s["rating_label"] or "",
            "" if s["rank"] is None else str(s["rank"]),
        ]
        for index, s in enumerate(standings, start=1)
    ]
    writer.table(
        ["STT", "Đơn vị", "Điểm tự chấm", "Điểm chấm chéo", "Mức độ hoàn thành", "Xếp hạng"],
        rows,
        widths([16, 52, 20, 20, 40, 18]),
        numeric=(2, 3, 5),
    )


def on_behalf(party: bool) -> str:
    """ "T/M" in Party documents (Hướng dẫn 36-HD/VPTW), "TM." in state ones (Decree 30)."""
    return "T/M" if party else "TM."


def signature_lines(heading: list[str], signer: Signer) -> list[str]:
    """The right-hand signature: headings, the head's title, room to sign, the name."""
    title = signer.title or signer.unit
    return [*heading, title, "", "", "", signer.name]
