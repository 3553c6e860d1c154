"""Word drafts of the year's conference minutes (biên bản) and proposal letter (tờ trình)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from khoi_thidua.model import Bloc, YearResults
from khoi_thidua.numbers import format_date, format_number, format_percent
from khoi_thidua.office.docx_layout import TEXT_WIDTH_MM, HeaderBlock, Writer, date_line

LANG = "vi"
SYMBOL = "KTĐ"  # Khối thi đua: the issuer's symbol after the document kind


@dataclass(frozen=True)
class DraftFacts:
    """Everything a draft states: the bloc, the year's results, the proposal and leadership."""

    bloc: Bloc
    year: int
    results: YearResults
    proposal: dict[str, Any]  # the JSON-ready dict of render.proposal.proposal_dict
    chair: str | None  # the chair's member name for the year, if known
    vice_chair: str | None

    @property
    def place(self) -> str:
        return self.bloc.documents.place or self.bloc.province

    @property
    def issuer(self) -> str:
        return self.bloc.documents.issuer or self.bloc.name

    def header(self, kind: str, iso_date: str | None) -> HeaderBlock:
        return HeaderBlock(
            kind=self.bloc.documents.header,
            issuer=self.issuer,
            # State documents: "Số: 12/TTr-KTĐ" (Decree 30/2020); Party documents: "Số 12-TTr/KTĐ".
            number=(
                f"Số …-{kind}/{SYMBOL}"
                if self.bloc.documents.header == "party"
                else f"Số: …/{kind}-{SYMBOL}"
            ),
            place_date=date_line(self.place, iso_date),
        )


def minutes_document(facts: DraftFacts, base: bytes | None = None, source: str = "") -> bytes:
    """The minutes of the nominating conference, as .docx bytes."""
    writer = Writer(base, source)
    results = facts.results
    data = facts.proposal
    writer.header(facts.header("BB", results.conference_date or None))
    writer.paragraph("BIÊN BẢN", bold=True, size=15, align="center", space_after=0)
    writer.paragraph(
        f"Hội nghị bình xét, suy tôn thi đua năm {facts.year} của {facts.bloc.name}",
        bold=True,
        align="center",
    )
    when = format_date(results.conference_date, LANG) if results.conference_date else "…"
    writer.paragraph(f"Thời gian: ngày {when}.", indent=True)
    writer.paragraph(f"Địa điểm: {results.conference_place or facts.place or '…'}.", indent=True)
    chair = facts.chair or "…"
    vice = f"; Phó khối: {facts.vice_chair}" if facts.vice_chair else ""
    writer.paragraph(
        f"Chủ trì hội nghị: {chair}, Trưởng khối thi đua năm {facts.year}{vice}.", indent=True
    )
    attendees = str(results.attendees) if results.attendees is not None else "…"
    writer.paragraph(
        f"Thành phần: {attendees} đại biểu của các đơn vị thành viên "
        f"(Khối có {data['members']} đơn vị thành viên).",
        indent=True,
    )
    ballots = results.ballots
    writer.paragraph(
        f"Số phiếu phát ra và thu về: {ballots if ballots is not None else '…'} phiếu.",
        indent=True,
    )

    writer.paragraph("I. KẾT QUẢ CHẤM ĐIỂM THI ĐUA", bold=True, align="left", keep_with_next=True)
    rows = [
        [
            str(index),
            s["member"]["name"],
            _number(s["self_score"]),
            _number(s["score"]),
            s["rating_label"] or "",
            "" if s["rank"] is None else str(s["rank"]),
        ]
        for index, s in enumerate(data["standings"], start=1)
    ]
    writer.table(
        ["STT", "Đơn vị", "Điểm tự chấm", "Điểm chấm chéo", "Mức độ hoàn thành", "Xếp hạng"],
        rows,
        _widths([16, 52, 20, 20, 40, 18]),
        numeric=(2, 3, 5),
    )

    writer.paragraph("II. KẾT QUẢ BỎ PHIẾU SUY TÔN", bold=True, align="left", keep_with_next=True)
    seats = data["seats"]
    rows = [
        [
            str(index),
            s["member"]["name"],
            *[_votes(s["votes"].get(seat["award"]), ballots) for seat in seats],
        ]
        for index, s in enumerate(data["standings"], start=1)
    ]
    writer.table(
        ["STT", "Đơn vị", *[seat["name"] for seat in seats]],
        rows,
        _widths([16, 52, *[100 / max(len(seats), 1)] * len(seats)]),
        numeric=tuple(range(2, 2 + len(seats))),
    )

    writer.paragraph(
        "III. KẾT QUẢ BÌNH XÉT, ĐỀ NGHỊ KHEN THƯỞNG", bold=True, align="left", keep_with_next=True
    )
    writer.paragraph(
        "Căn cứ kết quả chấm điểm và bỏ phiếu suy tôn, hội nghị thống nhất đề nghị khen "
        "thưởng như sau:",
        indent=True,
    )
    for index, seat in enumerate(seats, start=1):
        units = [
            f"{s['member']['name']} ({_vote_phrase(s['votes'].get(seat['award']), ballots)})"
            for s in data["standings"]
            if s["award"] and s["award"]["id"] == seat["award"]
        ]
        writer.paragraph(
            f"{index}. {seat['name']}: " + ("; ".join(units) if units else "không có đơn vị") + ".",
            indent=True,
        )
    for tie in data["ties"]:
        writer.paragraph(_tie_text(tie, data), italic=True, indent=True)
    writer.paragraph(
        "Biên bản được lập xong vào hồi … giờ … cùng ngày, đã được đọc lại cho hội nghị "
        "nghe và thông qua.",
        indent=True,
    )
    writer.signatures(
        [("THƯ KÝ HỘI NGHỊ", True, False), ("(Ký, ghi rõ họ tên)", False, True)],
        [
            "CHỦ TRÌ HỘI NGHỊ",
            f"TRƯỞNG KHỐI THI ĐUA NĂM {facts.year}",
            "(Ký, ghi rõ họ tên, đóng dấu)",
            "",
            "",
            facts.chair or "",
        ],
        recipients=False,
    )
    return writer.save()


def letter_document(facts: DraftFacts, base: bytes | None = None, source: str = "") -> bytes:
    """The proposal letter to the provincial board, as .docx bytes."""
    writer = Writer(base, source)
    data = facts.proposal
    results = facts.results
    recipient = facts.bloc.documents.recipient or "…"
    writer.header(facts.header("TTr", None))
    writer.paragraph("TỜ TRÌNH", bold=True, size=15, align="center", space_after=0)
    writer.paragraph(
        f"Về việc đề nghị khen thưởng thành tích năm {facts.year} cho các tập thể "
        f"thuộc {facts.bloc.name}",
        bold=True,
        align="center",
    )
    writer.paragraph(f"Kính gửi: {recipient}.", align="center")
    writer.paragraph(f"Căn cứ {data['rule_pack']['basis']};", indent=True)
    when = f" ngày {format_date(results.conference_date, LANG)}" if results.conference_date else ""
    writer.paragraph(
        f"Căn cứ kết quả chấm điểm, bình xét thi đua năm {facts.year} và biên bản hội nghị "
        f"bình xét, suy tôn{when} của {facts.bloc.name};",
        indent=True,
    )
    chair = facts.chair or "Trưởng khối"
    writer.paragraph(
        f"{chair}, Trưởng khối thi đua năm {facts.year}, kính đề nghị {recipient} xem xét, "
        "trình cấp có thẩm quyền khen thưởng cho các tập thể sau:",
        indent=True,
    )
    standings = {s["member"]["id"]: s for s in data["standings"]}
    ballots = results.ballots
    rows = []
    for index, item in enumerate(data["proposed"], start=1):
        standing = standings.get(item["member"]["id"], {})
        award = item["award"] or {}
        votes = standing.get("votes", {}).get(award.get("id", ""))
        rows.append(
            [
                str(index),
                item["member"]["name"],
                award.get("name", ""),
                _number(standing.get("score")),
                _votes(votes, ballots),
                award.get("basis", ""),
            ]
        )
    if rows:
        writer.table(
            ["STT", "Tên tập thể", "Hình thức khen thưởng", "Điểm", "Số phiếu", "Căn cứ"],
            rows,
            _widths([16, 44, 38, 18, 20, 44]),
            numeric=(3, 4),
        )
    else:
        writer.paragraph("(Không có tập thể nào đủ điều kiện đề nghị.)", italic=True, indent=True)
    for tie in data["ties"]:
        writer.paragraph(_tie_text(tie, data), italic=True, indent=True)
    writer.paragraph(
        "(Kèm theo biên bản hội nghị, bảng tổng hợp kết quả chấm điểm và hồ sơ của các tập thể.)",
        italic=True,
        indent=True,
    )
    writer.paragraph(f"Kính đề nghị {recipient} xem xét, giải quyết./.", indent=True)
    writer.signatures(
        [
            ("Nơi nhận:", True, True),
            ("- Như trên;", False, False),
            ("- Các đơn vị thành viên Khối;", False, False),
            ("- Lưu: VT.", False, False),
        ],
        [
            f"TM. {facts.bloc.name.upper()}",
            "TRƯỞNG KHỐI",
            "(Ký, ghi rõ họ tên, đóng dấu)",
            "",
            "",
            facts.chair or "",
        ],
    )
    return writer.save()


def _number(value: object) -> str:
    if value is None:
        return ""
    assert isinstance(value, int | float)
    # Scores keep their decimal, as in the scoring table: 97,0 beside 98,5 (98,25 keeps two).
    decimals = 1 if round(float(value), 1) == float(value) else 2
    return format_number(float(value), LANG, decimals)


def _votes(votes: int | None, ballots: int | None) -> str:
    """Votes for a table cell: "7/8" of the ballots cast, or the count alone."""
    count = votes or 0
    return str(count) if ballots is None else f"{count}/{ballots}"


def _vote_phrase(votes: int | None, ballots: int | None) -> str:
    count = votes or 0
    if ballots is None:
        return f"{count} phiếu"
    return f"{count}/{ballots} phiếu, đạt {format_percent(count / ballots, LANG)}"


def _widths(parts: list[float]) -> list[float]:
    """Column widths in mm, scaled so the table fills the text width."""
    total = sum(parts)
    return [TEXT_WIDTH_MM * p / total for p in parts]


def _tie_text(tie: dict[str, Any], data: dict[str, Any]) -> str:
    names = {s["member"]["id"]: s["member"]["name"] for s in data["standings"]}
    award = next((s["name"] for s in data["seats"] if s["award"] == tie["award"]), tie["award"])
    who = ", ".join(names.get(m, m) for m in tie["members"])
    return (
        f"Lưu ý: {who} bằng nhau ở hạng {tie['rank']} đối với {award} "
        f"(còn {tie['seats_left']} suất); đề nghị hội nghị quyết định."
    )
