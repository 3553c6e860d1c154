"""Word drafts of the year's conference minutes (biên bản) and proposal letter (tờ trình)."""

from __future__ import annotations

from khoi_thidua.i18n import Messages
from khoi_thidua.model import ORDER, PUT_FORWARD, Bloc, ConferenceDecision, YearResults
from khoi_thidua.numbers import format_date
from khoi_thidua.office.docx_layout import HeaderBlock, Writer, date_line
from khoi_thidua.office.draft_parts import (
    LANG,
    Signer,
    number,
    official,
    on_behalf,
    scoring_table,
    signature_lines,
    vote_phrase,
    votes_cell,
    widths,
)
from khoi_thidua.records import record
from khoi_thidua.render.proposal_shapes import ProposalResult, StandingEntry, TieEntry

SYMBOL = "KTĐ"  # Khối thi đua: the issuer's symbol after the document kind


@record
class DraftFacts:
    """Everything a draft states: the bloc, the year's results, the proposal and leadership."""

    bloc: Bloc
    year: int
    results: YearResults
    proposal: ProposalResult  # what `khoi propose --json` prints (render.proposal.proposal_dict)
    chair: str | None  # the chair's member name for the year, if known
    vice_chair: str | None
    signer: Signer  # the chair unit signs for the bloc, which has no seal of its own

    @property
    def party(self) -> bool:
        return self.bloc.documents.header == "party"

    @property
    def place(self) -> str:
        return self.bloc.documents.place or self.bloc.province

    @property
    def issuer(self) -> str:
        return self.bloc.documents.issuer or self.bloc.name

    def award_name(self, award: str) -> str:
        seat = next((s for s in self.proposal["seats"] if s["award"] == award), None)
        return seat["name"] if seat else award

    def number(self, kind: str) -> str:
        # State documents: "Số: 12/TTr-KTĐ" (Decree 30/2020); Party ones: "Số 12-TTr/KTĐ".
        return f"Số …-{kind}/{SYMBOL}" if self.party else f"Số: …/{kind}-{SYMBOL}"

    def header(self, kind: str, iso_date: str | None) -> HeaderBlock:
        return HeaderBlock(
            kind=self.bloc.documents.header,
            issuer=self.issuer,
            number=self.number(kind),
            place_date=date_line(self.place, iso_date),
        )


def minutes_document(
    msgs: Messages, facts: DraftFacts, base: bytes | None = None, source: str = ""
) -> bytes:
    """The minutes of the nominating conference, as .docx bytes."""
    writer = Writer(msgs, base, source)
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
    signer = facts.signer
    person = (
        f"{signer.name}{', ' + signer.title if signer.title else ''}, đại diện "
        if signer.name
        else ""
    )
    writer.paragraph(
        f"Chủ trì hội nghị: {person}{chair}, Trưởng khối thi đua năm {facts.year}{vice}.",
        indent=True,
    )
    writer.paragraph(f"Thư ký hội nghị: {results.secretary or '…'}.", indent=True)
    attendees = str(results.attendees) if results.attendees is not None else "…"
    present = results.count.present if results.count else None
    in_room = f"; {present}/{data['members']} đơn vị có mặt" if present is not None else ""
    writer.paragraph(
        f"Thành phần: {attendees} đại biểu của các đơn vị thành viên "
        f"(Khối có {data['members']} đơn vị thành viên{in_room}).",
        indent=True,
    )
    ballots = results.ballots
    writer.paragraph(_ballot_line(results), indent=True)

    writer.paragraph("I. KẾT QUẢ CHẤM ĐIỂM THI ĐUA", bold=True, align="left", keep_with_next=True)
    scoring_table(writer, data["standings"])

    writer.paragraph("II. KẾT QUẢ BỎ PHIẾU SUY TÔN", bold=True, align="left", keep_with_next=True)
    seats = data["seats"]
    rows = [
        [
            str(index),
            s["member"]["name"],
            *[votes_cell(s["votes"].get(seat["award"]), ballots) for seat in seats],
        ]
        for index, s in enumerate(data["standings"], start=1)
    ]
    writer.table(
        ["STT", "Đơn vị", *[seat["name"] for seat in seats]],
        rows,
        widths([16, 52, *[100 / max(len(seats), 1)] * len(seats)]),
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
            f"{s['member']['name']} ({vote_phrase(s['votes'].get(seat['award']), ballots)})"
            for s in data["standings"]
            if s["award"] and s["award"]["id"] == seat["award"]
        ]
        writer.paragraph(
            f"{index}. {seat['name']}: " + ("; ".join(units) if units else "không có đơn vị") + ".",
            indent=True,
        )
    for tie in data["ties"]:
        writer.paragraph(_tie_text(tie, data), italic=True, indent=True)
    for decision in results.decisions:
        writer.paragraph(_decision_text(decision, facts), indent=True)
    writer.paragraph(
        "Biên bản được lập xong vào hồi … giờ … cùng ngày, đã được đọc lại cho hội nghị "
        "nghe và thông qua.",
        indent=True,
    )
    # Two signatures: the secretary, and the one who chaired for the chair unit.
    writer.signatures(
        [
            ("THƯ KÝ HỘI NGHỊ", True, False),
            *[("", False, False)] * 5,
            (results.secretary, True, False),
        ],
        signature_lines(["CHỦ TRÌ HỘI NGHỊ", f"TRƯỞNG KHỐI THI ĐUA NĂM {facts.year}"], signer),
        recipients=False,
    )
    return writer.save()


def letter_document(
    msgs: Messages, facts: DraftFacts, base: bytes | None = None, source: str = ""
) -> bytes:
    """The proposal letter to the provincial board, as .docx bytes."""
    writer = Writer(msgs, base, source)
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
    writer.paragraph(f"Căn cứ {official(data['rule_pack']['basis'])};", indent=True)
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
        standing: StandingEntry | None = standings.get(item["member"]["id"])
        award = item["award"]
        votes = standing["votes"].get(award["id"] if award else "") if standing else None
        rows.append(
            [
                str(index),
                item["member"]["name"],
                award["name"] if award else "",
                number(standing["score"] if standing else None),
                votes_cell(votes, ballots),
                official(award["basis"] if award else ""),
            ]
        )
    if rows:
        writer.table(
            ["STT", "Tên tập thể", "Hình thức khen thưởng", "Điểm", "Số phiếu", "Căn cứ"],
            rows,
            widths([16, 44, 38, 18, 20, 44]),
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
        signature_lines(
            [f"{on_behalf(facts.party)} {facts.bloc.name.upper()}", "TRƯỞNG KHỐI"], facts.signer
        ),
    )
    _appendix(writer, facts)
    return writer.save()


def _appendix(writer: Writer, facts: DraftFacts) -> None:
    """Phụ lục: the year's scoring table and ranking, attached to the letter."""
    writer.page_break()
    writer.paragraph("PHỤ LỤC", bold=True, align="center", space_after=0)
    writer.paragraph(
        f"KẾT QUẢ CHẤM ĐIỂM VÀ XẾP HẠNG THI ĐUA NĂM {facts.year}",
        bold=True,
        align="center",
        space_after=0,
    )
    writer.paragraph(
        f"(Kèm theo Tờ trình số …{'-TTr/' if facts.party else '/TTr-'}{SYMBOL} "
        f"ngày … tháng … năm … của {facts.bloc.name})",
        italic=True,
        align="center",
        keep_with_next=True,
    )
    scoring_table(writer, facts.proposal["standings"])


def _ballot_line(results: YearResults) -> str:
    """The ballots as counted: issued, returned, valid and spoiled where the count gives them."""
    count = results.count
    ballots = results.ballots
    if count is None or (count.issued is None and count.returned is None):
        return f"Số phiếu phát ra và thu về: {ballots if ballots is not None else '…'} phiếu."

    def shown(value: int | None) -> str:
        return "…" if value is None else str(value)

    return (
        f"Số phiếu phát ra: {shown(count.issued)}; số phiếu thu về: {shown(count.returned)}; "
        f"số phiếu hợp lệ: {shown(count.valid)}; số phiếu không hợp lệ: {shown(count.spoiled)}."
    )


def _decision_text(decision: ConferenceDecision, facts: DraftFacts) -> str:
    """A decision of the conference as the minutes state it."""
    units = [facts.bloc.member(m).name for m in decision.members]
    award = facts.award_name(decision.award)
    if decision.action == ORDER:
        what = f"đối với {award}, các đơn vị bằng nhau được xếp theo thứ tự: " + ", ".join(
            f"{i}. {u}" for i, u in enumerate(units, start=1)
        )
    elif decision.action == PUT_FORWARD:
        what = f"đề nghị {', '.join(units)} cho {award}"
    else:
        what = f"không đề nghị {', '.join(units)} cho {award}"
    where = f" ({decision.minutes})" if decision.minutes else ""
    return f"Hội nghị quyết định {what}. Lý do: {decision.reason}{where}."


def _tie_text(tie: TieEntry, data: ProposalResult) -> str:
    names = {s["member"]["id"]: s["member"]["name"] for s in data["standings"]}
    award = next((s["name"] for s in data["seats"] if s["award"] == tie["award"]), tie["award"])
    who = ", ".join(names.get(m, m) for m in tie["members"])
    return (
        f"Lưu ý: {who} bằng nhau ở hạng {tie['rank']} đối với {award} "
        f"(còn {tie['seats_left']} suất); đề nghị hội nghị quyết định."
    )
