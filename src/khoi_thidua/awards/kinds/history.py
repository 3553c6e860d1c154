"""The condition kinds that read earlier years: a run of consecutive ratings, and prior awards."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from khoi_thidua.awards.kinds.base import (
    ConditionSpec,
    Facts,
    JsonObject,
    Observation,
    ParseContext,
)
from khoi_thidua.awards.kinds.words import award_name, award_names, rated
from khoi_thidua.fields import FieldReader, Table, join
from khoi_thidua.i18n import t
from khoi_thidua.model import RATING_SHORT_VI, MemberResult, Rating

if TYPE_CHECKING:
    from khoi_thidua.awards.rules import AwardRule, RulePack

BrokenBy = Literal["no_results_file", "no_result", "rating"]


@dataclass(frozen=True)
class Break:
    """The year a run of ratings stopped, and why."""

    year: int
    by: BrokenBy
    rating: Rating | None = None


@dataclass(frozen=True)
class StreakSeen(Observation):
    spec: ConsecutiveYears
    met: bool
    streak: int
    broken: Break | None = None

    def to_json(self) -> JsonObject:
        data: JsonObject = {"streak": self.streak}
        if self.broken is not None:
            data["broken_at"] = self.broken.year
            data["broken_by"] = self.broken.by
            if self.broken.rating is not None:
                data["rating"] = self.broken.rating.value
        return data

    def observed(self, pack: RulePack) -> str:
        if self.streak == 1:
            text = t("{count} year in a row", count=self.streak)
        else:
            text = t("{count} years in a row", count=self.streak)
        broken = self.broken
        if broken is not None:
            if broken.by == "no_results_file":
                why = t("no results file")
            elif broken.by == "no_result":
                why = t("no result for the unit")
            else:
                why = rated(broken.rating or Rating.DONE)
            text += t(" (in {year}: {why})", year=broken.year, why=why)
        return text

    def shortfall(self, pack: RulePack) -> str:
        return t(
            "{streak} consecutive year(s) {rating} (needs {years})",
            streak=self.streak,
            rating=RATING_SHORT_VI[self.spec.rating.value],
            years=self.spec.years,
        )


@dataclass(frozen=True)
class ConsecutiveYears(ConditionSpec):
    """``years`` years in a row, ending with this one, rated ``rating`` or better."""

    kind: ClassVar[str] = "consecutive_years"
    keys: ClassVar[tuple[str, ...]] = ("rating", "years")
    rating: Rating
    years: int

    @classmethod
    def parse(
        cls, reader: FieldReader, table: Table, path: str, context: ParseContext
    ) -> ConsecutiveYears | None:
        rating = reader.choice(table, "rating", path, [r.value for r in Rating])
        years = reader.integer(table, "years", path, required=True, minimum=1, maximum=50)
        if rating is None or years is None:
            return None
        return cls(Rating(rating), years)

    def evaluate(self, award: AwardRule, result: MemberResult, facts: Facts) -> StreakSeen:
        streak = 0
        for year in range(facts.year, facts.year - self.years, -1):
            results = facts.results_of(year)
            if results is None:
                return StreakSeen(self, False, streak, Break(year, "no_results_file"))
            past = results.result_for(result.member)
            if past is None:
                return StreakSeen(self, False, streak, Break(year, "no_result"))
            if not past.rating.at_least(self.rating):
                return StreakSeen(self, False, streak, Break(year, "rating", past.rating))
            streak += 1
        return StreakSeen(self, True, streak)

    def describe(self, pack: RulePack, year: int) -> str:
        return t(
            "{years} consecutive years ({first}–{year}) rated “{rating}” or better",
            years=self.years,
            first=year - self.years + 1,
            year=year,
            rating=self.rating.label_vi,
        )

    def to_json(self) -> JsonObject:
        return {"rating": self.rating.value, "years": self.years}

    def look_back(self) -> int:
        return self.years - 1


@dataclass(frozen=True)
class Found:
    """An award granted to the unit for an earlier year's results."""

    year: int
    award: str
    decision: str


@dataclass(frozen=True)
class PriorSeen(Observation):
    spec: PriorAwards
    met: bool
    found: tuple[Found, ...]

    def to_json(self) -> JsonObject:
        return {
            "found": [
                {"year": f.year, "award": f.award, "decision": f.decision} for f in self.found
            ]
        }

    def observed(self, pack: RulePack) -> str:
        if not self.found:
            return t("none recorded")
        return "; ".join(
            t(
                "{award} for {year} ({decision})",
                award=award_name(pack, f.award),
                year=f.year,
                decision=f.decision,
            )
            for f in self.found
        )

    def shortfall(self, pack: RulePack) -> str:
        return t("no {awards} in time", awards=award_names(pack, self.spec.awards))


@dataclass(frozen=True)
class PriorAwards(ConditionSpec):
    """At least ``min_count`` of ``awards`` granted for the ``within_years`` years before."""

    kind: ClassVar[str] = "prior_awards"
    keys: ClassVar[tuple[str, ...]] = ("awards", "within_years", "min_count")
    awards: tuple[str, ...]
    within_years: int
    min_count: int = 1

    @classmethod
    def parse(
        cls, reader: FieldReader, table: Table, path: str, context: ParseContext
    ) -> PriorAwards | None:
        awards = reader.text_list(table, "awards", path, required=True)
        ok = bool(awards)
        for index, award in enumerate(awards):
            if award not in context.award_ids:
                reader.error(
                    f"{join(path, 'awards')}[{index}]",
                    t("unknown award id `{award}`", award=award),
                    t("award ids of this pack: {ids}", ids=", ".join(context.award_ids)),
                )
                ok = False
        within = reader.integer(table, "within_years", path, required=True, minimum=1, maximum=50)
        min_count = reader.integer(table, "min_count", path, minimum=1)
        if not ok or within is None:
            return None
        return cls(tuple(awards), within, min_count or 1)

    def evaluate(self, award: AwardRule, result: MemberResult, facts: Facts) -> PriorSeen:
        wanted = set(self.awards)
        found: list[Found] = []
        for year in range(facts.year - self.within_years, facts.year):
            results = facts.history.get(year)
            if results is None:
                continue
            for granted in results.granted:
                if granted.member == result.member and granted.award in wanted:
                    found.append(Found(year, granted.award, granted.decision))
        return PriorSeen(self, len(found) >= self.min_count, tuple(found))

    def describe(self, pack: RulePack, year: int) -> str:
        names = award_names(pack, self.awards)
        span = f"{year - self.within_years}–{year - 1}"
        if self.min_count == 1:
            return t("{awards} granted for results of {span}", awards=names, span=span)
        return t(
            "at least {count} × {awards} granted for results of {span}",
            count=self.min_count,
            awards=names,
            span=span,
        )

    def to_json(self) -> JsonObject:
        return {
            "awards": list(self.awards),
            "within_years": self.within_years,
            "min_count": self.min_count,
        }

    def look_back(self) -> int:
        return self.within_years
