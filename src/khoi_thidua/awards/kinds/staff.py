"""The `staff` condition kind: the unit's staff figures (completion, shares of titles)."""

from __future__ import annotations

from fractions import Fraction
from typing import ClassVar, Literal

from khoi_thidua.awards.kinds.base import (
    AwardView,
    ConditionSpec,
    Facts,
    JsonObject,
    Observation,
    PackView,
    ParseContext,
)
from khoi_thidua.awards.kinds.shares import Share, parse_share
from khoi_thidua.awards.kinds.words import share_text, threshold_text
from khoi_thidua.i18n import Messages
from khoi_thidua.model import MemberResult, StaffFigures
from khoi_thidua.records import record
from khoi_thidua.schema.fields import FieldReader, Table

Figure = Literal["all_completed", "advanced_share", "base_soldier"]
SHARE_KEYS = ("advanced_share_at_least", "advanced_share_more_than")


def _figure(msgs: Messages, figure: Figure) -> str:
    if figure == "all_completed":
        return msgs.t("all staff completed their tasks")
    if figure == "advanced_share":
        return msgs.t("the “Lao động tiên tiến” share")
    return msgs.t("a “Chiến sĩ thi đua cơ sở”")


def _yes_no(msgs: Messages, value: bool) -> str:
    return msgs.t("yes") if value else msgs.t("no")


@record
class StaffSeen(Observation):
    """The unit's staff figures and those that fell short."""

    spec: Staff
    met: bool
    staff: StaffFigures | None
    failed: tuple[Figure, ...] = ()

    def to_json(self) -> JsonObject:
        if self.staff is None:
            return {"missing": "staff"}
        return {
            "count": self.staff.count,
            "advanced_share": self.staff.advanced_share,
            "all_completed": self.staff.all_completed,
            "has_base_soldier": self.staff.has_base_soldier,
            "failed": list(self.failed),
        }

    def observed(self, msgs: Messages, pack: PackView) -> str:
        if self.staff is None:
            return msgs.t("no staff figures recorded")
        return msgs.t(
            "{count} staff, {share} “Lao động tiên tiến”, Chiến sĩ thi đua cơ sở: {soldier}, "
            "all completed: {completed}",
            count=self.staff.count,
            share=share_text(msgs, self.staff.advanced_share),
            soldier=_yes_no(msgs, self.staff.has_base_soldier),
            completed=_yes_no(msgs, self.staff.all_completed),
        )

    def shortfall(self, msgs: Messages, pack: PackView) -> str:
        if self.staff is None:
            return msgs.t("no staff figures")
        short = ", ".join(_figure(msgs, f) for f in self.failed)
        return msgs.t("staff figures short ({figures})", figures=short)


@record
class Staff(ConditionSpec):
    """Staff figures: everyone completed, a share of “Lao động tiên tiến”, a base soldier."""

    kind: ClassVar[str] = "staff"
    keys: ClassVar[tuple[str, ...]] = (*SHARE_KEYS, "all_completed", "base_soldier")
    advanced_share: Share | None
    all_completed: bool
    base_soldier: bool

    @classmethod
    def parse(
        cls, reader: FieldReader, table: Table, path: str, context: ParseContext
    ) -> Staff | None:
        share = None
        if any(k in table for k in SHARE_KEYS):
            share = parse_share(reader, table, path, SHARE_KEYS, "advanced_share_more_than")
            if share is None:
                return None
        return cls(
            share,
            reader.boolean(table, "all_completed", path),
            reader.boolean(table, "base_soldier", path),
        )

    def evaluate(self, award: AwardView, result: MemberResult, facts: Facts) -> StaffSeen:
        staff = result.staff
        if staff is None:
            return StaffSeen(self, False, None)
        failed: list[Figure] = []
        if self.all_completed and not staff.all_completed:
            failed.append("all_completed")
        share = Fraction(str(staff.advanced_share))
        if self.advanced_share is not None and not self.advanced_share.met_by(share):
            failed.append("advanced_share")
        if self.base_soldier and not staff.has_base_soldier:
            failed.append("base_soldier")
        return StaffSeen(self, not failed, staff, tuple(failed))

    def describe(self, msgs: Messages, pack: PackView, year: int) -> str:
        parts = []
        if self.all_completed:
            parts.append(msgs.t("all staff completed their tasks"))
        share = self.advanced_share
        if share is not None:
            shown = threshold_text(
                msgs, share.written if isinstance(share.written, float) else share.value
            )
            if share.strict:
                parts.append(msgs.t("more than {share} “Lao động tiên tiến”", share=shown))
            else:
                parts.append(msgs.t("at least {share} “Lao động tiên tiến”", share=shown))
        if self.base_soldier:
            parts.append(msgs.t("at least one “Chiến sĩ thi đua cơ sở”"))
        return msgs.t("staff: {conditions}", conditions=", ".join(parts))

    def to_json(self) -> JsonObject:
        data: JsonObject = {}
        if self.advanced_share is not None:
            data[self.advanced_share.key] = self.advanced_share.written
        data["all_completed"] = self.all_completed
        data["base_soldier"] = self.base_soldier
        return data
