"""The columns of a bloc's scoring sheet: field ids, Vietnamese headers and value vocabularies."""

from __future__ import annotations

from collections.abc import Sequence

from khoi_thidua.awards.rules import AwardRule
from khoi_thidua.lookup import fold
from khoi_thidua.model import (
    DISCIPLINE_LABELS_VI,
    RATING_LABELS_VI,
    Bloc,
    Discipline,
    Rating,
)
from khoi_thidua.records import record

RESULTS_SHEET = "Kết quả"
CONFERENCE_SHEET = "Hội nghị"
ID_COLUMN = "member"
NAME_COLUMN = "name"
IGNORED_HEADERS = ("stt", "tt")  # an ordinal column ("Số thứ tự") is common and harmless

YES = "Có"
NO = "Không"

# Kinds of cell: what a value must look like and how it is turned into a results value.
TEXT = "text"
NUMBER = "number"
INTEGER = "integer"
PERCENT = "percent"
RATING = "rating"
DISCIPLINE = "discipline"
BOOLEAN = "boolean"
DATE = "date"
IGNORED = "ignored"

# Abbreviations Vietnamese offices write in scoring sheets.
RATING_ABBREVIATIONS = {
    Rating.EXCELLENT: ("htxsnv",),
    Rating.GOOD: ("httnv",),
    Rating.DONE: ("htnv",),
    Rating.FAILED: ("khtnv",),
}
TRUE_WORDS = ("co", "x", "true", "yes", "1", "dat")  # folded: no diacritics
FALSE_WORDS = ("khong", "false", "no", "0", "chua")


@record
class Column:
    """One column of the results sheet: the results field it fills and how it is checked."""

    field: str  # "score", "staff.count", "criteria.<id>", "votes.<award id>", "member", …
    label: str  # the Vietnamese header shown to people
    kind: str
    minimum: float | None = None
    maximum: float | None = None
    width: float = 14.0
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every header under which import recognises this column, folded."""
        return tuple(fold(n) for n in (self.field, self.label, *self.aliases))


@record
class ConferenceField:
    """One line of the conference sheet."""

    field: str
    label: str
    kind: str
    minimum: float | None = None


CONFERENCE_FIELDS = (
    ConferenceField("bloc", "Mã khối (không sửa)", TEXT),
    ConferenceField("year", "Năm đánh giá (không sửa)", INTEGER),
    ConferenceField("date", "Ngày hội nghị bình xét", DATE),
    ConferenceField("place", "Địa điểm hội nghị", TEXT),
    ConferenceField("ballots", "Số phiếu bầu thu về", INTEGER, 1),
    ConferenceField("attendees", "Số đại biểu dự hội nghị", INTEGER, 1),
)


def results_columns(bloc: Bloc, awards: Sequence[AwardRule]) -> list[Column]:
    """The results sheet's columns for ``bloc``, with a votes column per award in ``awards``."""
    low, high = bloc.scoring.min_score, bloc.scoring.max_score
    columns = [
        Column(ID_COLUMN, "Mã đơn vị (không sửa)", TEXT, width=10, aliases=("Mã đơn vị", "Mã")),
        Column(NAME_COLUMN, "Tên đơn vị", IGNORED, width=42, aliases=("Đơn vị",)),
        Column(
            "score",
            "Điểm chấm chéo (điểm cuối cùng)",
            NUMBER,
            low,
            high,
            aliases=("Điểm chấm chéo", "Điểm cuối cùng", "Tổng điểm"),
        ),
        Column("self_score", "Điểm tự chấm", NUMBER, low, high),
        Column(
            "rating",
            "Mức độ hoàn thành nhiệm vụ",
            RATING,
            width=30,
            aliases=("Xếp loại", "Mức độ hoàn thành"),
        ),
        Column(
            "discipline",
            "Kỷ luật cao nhất trong năm",
            DISCIPLINE,
            width=24,
            aliases=("Kỷ luật", "Hình thức kỷ luật"),
        ),
        Column("discipline_note", "Ghi chú kỷ luật", TEXT, width=24),
        Column("staff.count", "Tổng số CBCCVC và người lao động", INTEGER, 1, None),
        Column("staff.advanced_share", "Tỷ lệ Lao động tiên tiến (%)", PERCENT, 0, 100),
        Column("staff.all_completed", "100% CBCCVC hoàn thành nhiệm vụ", BOOLEAN),
        Column("staff.has_base_soldier", "Có Chiến sĩ thi đua cơ sở", BOOLEAN),
    ]
    for criterion in bloc.scoring.criteria:
        columns.append(
            Column(
                f"criteria.{criterion.id}",
                f"{criterion.name} (tối đa {criterion.max:g} điểm)",
                NUMBER,
                0,
                criterion.max,
                aliases=(criterion.name,),
            )
        )
    for award in awards:
        columns.append(
            Column(
                f"votes.{award.id}",
                f"Số phiếu bầu: {award.name}",
                INTEGER,
                0,
                None,
                width=16,
                aliases=(award.name,),
            )
        )
    columns.append(Column("note", "Ghi chú", TEXT, width=30))
    return columns


def rating_from(text: str) -> Rating | None:
    """The rating written as an id, its Vietnamese label or a usual abbreviation."""
    key = fold(text)
    for rating in Rating:
        if key in (rating.value, fold(RATING_LABELS_VI[rating]), *RATING_ABBREVIATIONS[rating]):
            return rating
    return None


def discipline_from(text: str) -> Discipline | None:
    """The disciplinary measure written as an id or its Vietnamese label."""
    key = fold(text)
    if key in ("", "-", "khong co"):
        return Discipline.NONE
    for discipline in Discipline:
        if key in (fold(discipline.value), fold(DISCIPLINE_LABELS_VI[discipline])):
            return discipline
    return None


def boolean_from(text: str) -> bool | None:
    key = fold(text)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return None
