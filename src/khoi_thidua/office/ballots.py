"""Word drafts for the vote: the secret ballot (phiếu bầu suy tôn) and the count minutes."""

from __future__ import annotations

from khoi_thidua.awards.ballot import BallotSection
from khoi_thidua.i18n import Messages
from khoi_thidua.model import VoteCount
from khoi_thidua.numbers import format_date, format_percent
from khoi_thidua.office.docx_layout import Writer
from khoi_thidua.office.draft_parts import LANG, widths
from khoi_thidua.office.drafts import DraftFacts

BOX = "☐"  # an empty box to tick

# What the voter is asked to do, per form of ballot (bloc.toml [documents] ballot).
INSTRUCTIONS = {
    "tick": "Đánh dấu (✓) vào ô của đơn vị được chọn",
    "strike": "Gạch tên đơn vị không chọn",
    "agree": "Đánh dấu (✓) vào cột «Đồng ý» hoặc «Không đồng ý» của từng đơn vị",
}
LIMITS = {
    "tick": "; chọn không quá {seats} đơn vị.",
    "strike": "; giữ lại không quá {seats} đơn vị.",
    "agree": "; đồng ý không quá {seats} đơn vị.",
}


def ballot_document(
    msgs: Messages, facts: DraftFacts, sections: tuple[BallotSection, ...], per_page: bool = False
) -> bytes:
    """The ballot: one section per award with its candidates; ``per_page`` prints each alone."""
    writer = Writer(msgs, None)
    form = facts.bloc.documents.ballot
    printed = [s for s in sections if s.candidates]
    for index, section in enumerate(printed):
        if index == 0 or per_page:
            if index:
                writer.page_break()
            _ballot_heading(writer, facts)
        _ballot_section(writer, facts, section, form, index + 1)
    if not printed:
        _ballot_heading(writer, facts)
        writer.paragraph("(Không có đơn vị nào đủ điều kiện để bầu.)", italic=True, indent=True)
    return writer.save()


def _ballot_heading(writer: Writer, facts: DraftFacts) -> None:
    writer.paragraph(facts.issuer.upper(), bold=True, size=13, align="left", space_after=0)
    writer.paragraph("PHIẾU BẦU SUY TÔN", bold=True, size=15, align="center", space_after=0)
    writer.paragraph(
        f"Hội nghị bình xét, suy tôn thi đua năm {facts.year} của {facts.bloc.name}",
        bold=True,
        align="center",
    )


def _ballot_section(
    writer: Writer, facts: DraftFacts, section: BallotSection, form: str, number: int
) -> None:
    name = facts.award_name(section.award)
    limit = "." if section.seats is None else LIMITS[form].format(seats=section.seats)
    writer.paragraph(f"{number}. {name}", bold=True, align="left", keep_with_next=True)
    writer.paragraph(
        INSTRUCTIONS[form] + limit,
        italic=True,
        indent=True,
        keep_with_next=True,
    )
    units = [facts.bloc.member(m).name for m in section.candidates]
    if form == "agree":
        rows = [[str(i), unit, BOX, BOX] for i, unit in enumerate(units, start=1)]
        writer.table(
            ["STT", "Tên đơn vị", "Đồng ý", "Không đồng ý"],
            rows,
            widths([14, 90, 28, 28]),
            centred=(2, 3),
        )
    elif form == "strike":
        rows = [[str(i), unit] for i, unit in enumerate(units, start=1)]
        writer.table(["STT", "Tên đơn vị"], rows, widths([14, 146]))
    else:
        rows = [[str(i), unit, BOX] for i, unit in enumerate(units, start=1)]
        writer.table(["STT", "Tên đơn vị", "Chọn"], rows, widths([14, 118, 28]), centred=(2,))


def count_minutes_document(
    msgs: Messages,
    facts: DraftFacts,
    sections: tuple[BallotSection, ...],
    base: bytes | None = None,
    source: str = "",
) -> bytes:
    """Biên bản kiểm phiếu: the committee, attendance, ballots and each candidate's votes."""
    writer = Writer(msgs, base, source)
    results = facts.results
    count = results.count or VoteCount(members=facts.proposal["members"])
    writer.header(facts.header("BB", results.conference_date or None))
    writer.paragraph("BIÊN BẢN KIỂM PHIẾU", bold=True, size=15, align="center", space_after=0)
    writer.paragraph(
        f"Bầu suy tôn thi đua năm {facts.year} của {facts.bloc.name}", bold=True, align="center"
    )
    when = format_date(results.conference_date, LANG) if results.conference_date else "…"
    writer.paragraph(
        f"Hôm nay, ngày {when}, tại hội nghị bình xét, suy tôn thi đua năm {facts.year},",
        indent=True,
    )
    writer.paragraph("Ban kiểm phiếu gồm:", indent=True, keep_with_next=True)
    writer.paragraph(f"- {count.committee_head or '…'}, Trưởng ban;", indent=True)
    for member in count.committee or ("…",):
        writer.paragraph(f"- {member}, thành viên;", indent=True)
    absent = None if count.present is None else count.members - count.present
    writer.paragraph("Kết quả kiểm phiếu như sau:", indent=True, keep_with_next=True)
    for line in (
        f"- Số đơn vị thành viên của Khối: {count.members}; có mặt: {_shown(count.present)}; "
        f"vắng mặt: {_shown(absent)}.",
        f"- Số phiếu phát ra: {_shown(count.issued)}; số phiếu thu về: {_shown(count.returned)}.",
        f"- Số phiếu hợp lệ: {_shown(count.valid)}; số phiếu không hợp lệ: "
        f"{_shown(count.spoiled)}.",
    ):
        writer.paragraph(line, indent=True)
    standings = {s["member"]["id"]: s for s in facts.proposal["standings"]}
    index = 0
    for section in sections:
        voted = [m for m, s in standings.items() if s["votes"].get(section.award)]
        members = list(section.candidates) + [m for m in voted if m not in section.candidates]
        if not members:
            continue
        index += 1
        seats = "không hạn chế" if section.seats is None else f"{section.seats} suất"
        writer.paragraph(
            f"{index}. {facts.award_name(section.award)} ({seats}):",
            bold=True,
            align="left",
            keep_with_next=True,
        )
        rows = []
        for row, member in enumerate(members, start=1):
            votes = standings[member]["votes"].get(section.award, 0) if member in standings else 0
            share = format_percent(votes / count.valid, LANG) if count.valid else ""
            note = "" if member in section.candidates else "không có tên trên phiếu"
            rows.append([str(row), facts.bloc.member(member).name, str(votes), share, note])
        writer.table(
            ["STT", "Tên đơn vị", "Số phiếu", "Tỷ lệ", "Ghi chú"],
            rows,
            widths([14, 70, 22, 22, 32]),
            numeric=(2, 3),
        )
    writer.paragraph(
        "Biên bản kiểm phiếu được lập xong vào hồi … giờ … cùng ngày và được công bố trước "
        "hội nghị./.",
        indent=True,
    )
    writer.signatures(
        [("CÁC THÀNH VIÊN", True, False), *[("", False, False)] * 3]
        + [(name, True, False) for name in count.committee],
        ["TRƯỞNG BAN KIỂM PHIẾU", "", "", "", "", count.committee_head],
        recipients=False,
    )
    return writer.save()


def _shown(value: int | None) -> str:
    return "…" if value is None else str(value)
