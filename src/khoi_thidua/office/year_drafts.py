"""Word drafts of the year's pledge (giao ước thi đua) and six-month review (sơ kết 6 tháng)."""

from __future__ import annotations

from khoi_thidua.i18n import Messages
from khoi_thidua.model import Bloc, Member
from khoi_thidua.numbers import format_date, format_number
from khoi_thidua.office.docx_layout import TEXT_WIDTH_MM, HeaderBlock, Writer, date_line
from khoi_thidua.plan import MidYear, Plan
from khoi_thidua.records import record

LANG = "vi"
SYMBOL = "KTĐ"


@record
class YearFacts:
    """What the pledge and the review state: the bloc, the year's plan, members and chair."""

    bloc: Bloc
    plan: Plan
    members: tuple[Member, ...]  # active in the plan's year, in rotation order
    chair: str | None  # the chair's name for the year, when recorded
    mid_year: tuple[tuple[str, MidYear], ...] = ()
    pledged: tuple[tuple[str, str, str], ...] = ()  # (unit, target, what it registered)

    def registered(self, unit: str) -> str:
        """What ``unit`` registered, target by target, in the plan's order of targets."""
        mine = {target: text for who, target, text in self.pledged if who == unit}
        return "; ".join(
            f"{target.text}: {mine[target.id]}"
            for target in self.plan.pledge.targets
            if target.id in mine
        )

    @property
    def year(self) -> int:
        return self.plan.year

    @property
    def place(self) -> str:
        return self.bloc.documents.place or self.bloc.province

    def header(self, kind: str, iso_date: str | None) -> HeaderBlock:
        party = self.bloc.documents.header == "party"
        return HeaderBlock(
            kind=self.bloc.documents.header,
            issuer=self.bloc.documents.issuer or self.bloc.name,
            number=f"Số …-{kind}/{SYMBOL}" if party else f"Số: …/{kind}-{SYMBOL}",
            place_date=date_line(self.place, iso_date),
        )


def _widths(parts: list[float]) -> list[float]:
    total = sum(parts)
    return [TEXT_WIDTH_MM * part / total for part in parts]


def _points(value: float) -> str:
    return format_number(value, LANG)


def pledge_document(
    msgs: Messages, facts: YearFacts, base: bytes | None = None, source: str = ""
) -> bytes:
    """Bản giao ước thi đua: contents and targets of the plan, one signature row per member."""
    writer = Writer(msgs, base, source)
    plan = facts.plan
    writer.header(facts.header("GƯ", plan.pledge_date or None))
    writer.paragraph("BẢN GIAO ƯỚC THI ĐUA", bold=True, size=15, align="center", space_after=0)
    writer.paragraph(f"Năm {facts.year} — {facts.bloc.name}", bold=True, align="center")
    writer.paragraph(
        f"Căn cứ Luật Thi đua, khen thưởng và Kế hoạch thi đua năm {facts.year} của Khối, "
        f"{len(facts.members)} đơn vị thành viên {facts.bloc.name} thống nhất ký kết giao ước "
        "thi đua với các nội dung sau:",
        indent=True,
    )
    writer.paragraph("I. NỘI DUNG GIAO ƯỚC", bold=True, align="left", keep_with_next=True)
    contents = plan.pledge.contents or ("…",)
    for index, text in enumerate(contents, start=1):
        writer.paragraph(f"{index}. {text}", indent=True)
    writer.paragraph("II. CÁC CHỈ TIÊU THI ĐUA", bold=True, align="left", keep_with_next=True)
    if plan.pledge.targets:
        names = {c.id: c.name for c in plan.criteria}
        for index, target in enumerate(plan.pledge.targets, start=1):
            tied = f" (tiêu chí: {names[target.criterion]})" if target.criterion else ""
            writer.paragraph(f"{index}. {target.text}{tied}.", indent=True)
    else:
        writer.paragraph("Mỗi đơn vị đăng ký chỉ tiêu của mình theo phụ lục kèm theo.", indent=True)
    writer.paragraph("III. TỔ CHỨC THỰC HIỆN", bold=True, align="left", keep_with_next=True)
    review = format_date(plan.mid_year_date, LANG) if plan.mid_year_date else "tháng 7"
    writer.paragraph(
        f"Khối sơ kết 6 tháng ({review}) và tổng kết, chấm điểm cuối năm theo bảng chấm điểm "
        f"của Kế hoạch: tối đa {_points(plan.max_score)} điểm, điểm thưởng tối đa "
        f"{_points(plan.bonus.limit)} điểm, điểm trừ tối đa {_points(plan.penalty.limit)} điểm.",
        indent=True,
    )
    writer.paragraph(
        "Các đơn vị thành viên cam kết thực hiện nghiêm túc các nội dung giao ước trên.",
        indent=True,
    )
    writer.paragraph(
        "ĐẠI DIỆN CÁC ĐƠN VỊ KÝ GIAO ƯỚC", bold=True, align="center", keep_with_next=True
    )
    writer.table(
        ["STT", "Đơn vị", "Chức danh người đứng đầu", "Ký, ghi rõ họ tên"],
        [[str(i), m.name, "", ""] for i, m in enumerate(facts.members, start=1)],
        _widths([12, 70, 50, 50]),
    )
    if facts.pledged:
        writer.paragraph(
            "PHỤ LỤC: CHỈ TIÊU CÁC ĐƠN VỊ ĐĂNG KÝ", bold=True, align="center", keep_with_next=True
        )
        writer.table(
            ["STT", "Đơn vị", "Chỉ tiêu đăng ký"],
            [
                [str(i), m.name, facts.registered(m.id) or "…"]
                for i, m in enumerate(facts.members, start=1)
            ],
            _widths([12, 60, 110]),
        )
    writer.signatures(
        [],
        ["TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI", "(Ký, ghi rõ họ tên)", "", "", facts.chair or ""],
        recipients=False,
    )
    return writer.save()


def mid_year_document(
    msgs: Messages, facts: YearFacts, base: bytes | None = None, source: str = ""
) -> bytes:
    """Báo cáo sơ kết 6 tháng: each unit's mid-year score and progress against its pledge."""
    writer = Writer(msgs, base, source)
    plan = facts.plan
    writer.header(facts.header("BC", plan.mid_year_date or None))
    writer.paragraph("BÁO CÁO", bold=True, size=15, align="center", space_after=0)
    writer.paragraph(
        f"Sơ kết phong trào thi đua 6 tháng đầu năm {facts.year} của {facts.bloc.name}",
        bold=True,
        align="center",
    )
    writer.paragraph(
        f"Thực hiện Bản giao ước thi đua năm {facts.year}, Khối tổ chức sơ kết 6 tháng đầu năm; "
        "kết quả của các đơn vị thành viên như sau:",
        indent=True,
    )
    writer.paragraph(
        "I. KẾT QUẢ THỰC HIỆN GIAO ƯỚC CỦA CÁC ĐƠN VỊ", bold=True, align="left", keep_with_next=True
    )
    reviews = dict(facts.mid_year)
    rows = []
    for index, member in enumerate(facts.members, start=1):
        review = reviews.get(member.id)
        score = _points(review.score) if review and review.score is not None else "…"
        note = review.note if review and review.note else "Chưa báo cáo"
        registered = facts.registered(member.id)
        if registered:
            note = f"Đăng ký: {registered}. Tiến độ: {note}"
        rows.append([str(index), member.name, score, note])
    writer.table(
        ["STT", "Đơn vị", "Điểm sơ kết", "Tiến độ so với giao ước"],
        rows,
        _widths([12, 62, 22, 86]),
        numeric=(2,),
    )
    writer.paragraph("II. CÁC CHỈ TIÊU ĐÃ GIAO ƯỚC", bold=True, align="left", keep_with_next=True)
    targets = plan.pledge.targets
    for index, target in enumerate(targets, start=1):
        writer.paragraph(f"{index}. {target.text}.", indent=True)
    if not targets:
        writer.paragraph("…", indent=True)
    writer.paragraph("III. NHIỆM VỤ 6 THÁNG CUỐI NĂM", bold=True, align="left", keep_with_next=True)
    writer.paragraph(
        "Các đơn vị tiếp tục thực hiện các chỉ tiêu đã giao ước, hoàn thiện hồ sơ, minh chứng "
        "để tự chấm điểm và chấm chéo cuối năm.",
        indent=True,
    )
    writer.signatures(
        [
            ("Nơi nhận:", True, True),
            ("- Các đơn vị thành viên;", False, False),
            ("- Lưu.", False, False),
        ],
        ["TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI", "(Ký, ghi rõ họ tên)", "", "", facts.chair or ""],
    )
    return writer.save()
