"""The condition kinds that read earlier years: a run of consecutive ratings, and prior awards."""

from __future__ import annotations

from typing import ClassVar, Literal

from khoi_thidua.awards.kinds.base import (
    AwardView,
    Condition,
    ConditionSpec,
    Facts,
    Json,
    JsonObject,
    Observation,
    PackView,
    ParseContext,
)
from khoi_thidua.awards.kinds.words import award_name, award_names, rated
from khoi_thidua.i18n import Messages
from khoi_thidua.model import RATING_SHORT_VI, MemberResult, Rating
from khoi_thidua.records import record
from khoi_thidua.schema.fields import FieldReader, Table, join

BrokenBy = Literal["no_results_file", "no_result", "rating"]
Window = Literal["years", "before_run", "within_run"]
WINDOWS: tuple[Window, ...] = ("years", "before_run", "within_run")
ALL_YEARS = 200  # a window with no lower bound reads every recorded year


@record
class Break:
    """The year a run of ratings stopped, and why."""

    year: int
    by: BrokenBy
    rating: Rating | None = None
    predecessor: str | None = None  # the predecessor whose result broke it


@record
class StreakSeen(Observation):
    """The unit's run of consecutive qualifying years, and the year that broke it."""

    spec: ConsecutiveYears
    met: bool
    streak: int
    broken: Break | None = None
    via: tuple[int, ...] = ()  # years met through the predecessors' results
    predecessors: tuple[str, ...] = ()
    uncounted: tuple[str, ...] = ()  # merged into the unit, history not counted

    def to_json(self) -> JsonObject:
        data: JsonObject = {"streak": self.streak}
        if self.broken is not None:
            data["broken_at"] = self.broken.year
            data["broken_by"] = self.broken.by
            if self.broken.rating is not None:
                data["rating"] = self.broken.rating.value
            if self.broken.predecessor is not None:
                data["predecessor"] = self.broken.predecessor
        if self.via:
            data["via_predecessors"] = list(self.via)
        if self.uncounted:
            data["uncounted_predecessors"] = list(self.uncounted)
        return data

    def observed(self, msgs: Messages, pack: PackView) -> str:
        if self.streak == 1:
            text = msgs.t("{count} year in a row", count=self.streak)
        else:
            text = msgs.t("{count} years in a row", count=self.streak)
        broken = self.broken
        if broken is not None:
            if broken.by == "no_results_file":
                why = msgs.t("no results file")
            elif broken.by == "no_result":
                why = msgs.t("no result for the unit")
            else:
                why = rated(msgs, broken.rating or Rating.DONE)
            if broken.predecessor is not None:
                why = f"{broken.predecessor}: {why}"
            text += msgs.t(" (in {year}: {why})", year=broken.year, why=why)
        return text + _merger_note(msgs, self.via, self.predecessors, self.uncounted)

    def shortfall(self, msgs: Messages, pack: PackView) -> str:
        return msgs.tn(
            "{streak} consecutive year {rating} (needs {years})",
            "{streak} consecutive years {rating} (needs {years})",
            self.streak,
            streak=self.streak,
            rating=RATING_SHORT_VI[self.spec.rating.value],
            years=self.spec.years,
        )


@record
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

    def evaluate(self, award: AwardView, result: MemberResult, facts: Facts) -> StreakSeen:
        member = result.member
        sources = facts.predecessors_of(member)
        uncounted = facts.uncounted_of(member)
        streak = 0
        via: list[int] = []

        def seen(met: bool, broken: Break | None = None) -> StreakSeen:
            # predecessors left out matter only where the unit's own record runs out
            missed = uncounted if broken is not None and broken.by == "no_result" else ()
            return StreakSeen(self, met, streak, broken, tuple(via), sources, missed)

        for year in range(facts.year, facts.year - self.years, -1):
            results = facts.results_of(year)
            if results is None:
                return seen(False, Break(year, "no_results_file"))
            past = results.result_for(member)
            # A year without the unit's own result counts through its predecessors, and only
            # when every one of them met the rating that year (see docs/conditions.md).
            if past is None and not sources:
                return seen(False, Break(year, "no_result"))
            for who, own in (
                [(None, past)] if past else [(s, results.result_for(s)) for s in sources]
            ):
                if own is None:
                    return seen(False, Break(year, "no_result", predecessor=who))
                if not own.rating.at_least(self.rating):
                    return seen(False, Break(year, "rating", own.rating, who))
            if past is None:
                via.append(year)
            streak += 1
        return seen(True)

    def describe(self, msgs: Messages, pack: PackView, year: int) -> str:
        return msgs.t(
            "{years} consecutive years ({first}–{year}) rated “{rating}” or better",
            years=self.years,
            first=year - self.years + 1,
            year=year,
            rating=self.rating.label_vi,
        )

    def to_json(self) -> JsonObject:
        return {"rating": self.rating.value, "years": self.years}

    def look_back(self, siblings: tuple[Condition, ...]) -> int:
        return self.years - 1


def run_of(conditions: tuple[Condition, ...]) -> int:
    """The run of consecutive years an award (or route) asks for; 1 without one."""
    return next((c.spec.years for c in conditions if isinstance(c.spec, ConsecutiveYears)), 1)


@record
class Found:
    """An award granted to the unit for an earlier year's results."""

    year: int
    award: str
    decision: str
    predecessor: str | None = None  # granted to this predecessor of the unit


def _merger_note(
    msgs: Messages, via: tuple[int, ...], sources: tuple[str, ...], uncounted: tuple[str, ...]
) -> str:
    """What a merged unit's predecessors added, or that their history was left out."""
    text = ""
    if via:
        text += msgs.t(
            "; {years} counted from the predecessors {members}",
            years=", ".join(str(y) for y in sorted(via)),
            members=", ".join(sources),
        )
    if uncounted:
        text += msgs.t(
            "; the history of {members}, merged into it, is not counted (not in `history_from`)",
            members=", ".join(uncounted),
        )
    return text


@record
class PriorSeen(Observation):
    """The earlier awards found in the years searched."""

    spec: PriorAwards
    met: bool
    found: tuple[Found, ...]
    first: int  # the results years searched, first to last
    last: int
    uncounted: tuple[str, ...] = ()  # merged into the unit, history not counted

    def to_json(self) -> JsonObject:
        found: list[Json] = []
        for f in self.found:
            item: JsonObject = {"year": f.year, "award": f.award, "decision": f.decision}
            if f.predecessor is not None:
                item["predecessor"] = f.predecessor
            found.append(item)
        data: JsonObject = {"found": found, "from": self.first, "to": self.last}
        if self.uncounted:
            data["uncounted_predecessors"] = list(self.uncounted)
        return data

    def observed(self, msgs: Messages, pack: PackView) -> str:
        note = _merger_note(msgs, (), (), self.uncounted)
        if not self.found:
            return msgs.t("none recorded") + note
        return "; ".join(self._one(msgs, pack, f) for f in self.found) + note

    def _one(self, msgs: Messages, pack: PackView, found: Found) -> str:
        text = msgs.t(
            "{award} for {year} ({decision})",
            award=award_name(pack, found.award),
            year=found.year,
            decision=found.decision,
        )
        if found.predecessor is not None:
            text += msgs.t(", granted to its predecessor {member}", member=found.predecessor)
        return text

    def shortfall(self, msgs: Messages, pack: PackView) -> str:
        return msgs.t("no {awards} in time", awards=award_names(msgs, pack, self.spec.awards))


@record
class PriorAwards(ConditionSpec):
    """At least ``min_count`` of ``awards`` granted for the ``within_years`` years before."""

    kind: ClassVar[str] = "prior_awards"
    keys: ClassVar[tuple[str, ...]] = ("awards", "within_years", "min_count", "window")
    awards: tuple[str, ...]
    within_years: int | None
    min_count: int = 1
    # "years": the within_years before this year; with a run of consecutive years in the award
    # (Decree 65/2014 Art. 23 wording for collectives: a certificate *before* the run of
    # excellent years, a flag *within* it), "within_run" searches the run's earlier years and
    # "before_run" the within_years before the run starts (every recorded year when not given).
    window: Window = "years"

    def span(self, run: int, year: int, oldest: int) -> tuple[int, int]:
        """The results years (first, last) searched for ``year``, given the award's run."""
        if self.window == "years":
            return year - (self.within_years or 0), year - 1
        start = year - run + 1
        if self.window == "within_run":
            return start, year - 1
        within = self.within_years
        return (start - within if within else min(oldest, start - 1)), start - 1

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
                    reader.t("unknown award id `{award}`", award=award),
                    reader.t("award ids of this pack: {ids}", ids=", ".join(context.award_ids)),
                    code="unknown-award",
                )
                ok = False
        window = reader.choice(table, "window", path, WINDOWS, default="years")
        # "within_run" needs no count of years: the run of the award's consecutive_years is it
        within = reader.integer(
            table, "within_years", path, required=window == "years", minimum=1, maximum=50
        )
        min_count = reader.integer(table, "min_count", path, minimum=1)
        chosen = next((w for w in WINDOWS if w == window), None)
        if not ok or chosen is None or (within is None and chosen == "years"):
            return None
        return cls(tuple(awards), within, min_count or 1, chosen)

    def check_siblings(
        self, siblings: tuple[Condition, ...], reader: FieldReader, path: str
    ) -> None:
        """A window before or within a run needs the award's run of years beside it."""
        if self.window != "years" and not any(
            isinstance(c.spec, ConsecutiveYears) for c in siblings
        ):
            reader.error(
                f"{path}.window",
                reader.t(
                    '`window = "{window}"` needs a `consecutive_years` condition in the same award',
                    window=self.window,
                ),
                reader.t(
                    "add the run of years as a `consecutive_years` condition, or use `within_years`"
                ),
                code="window-without-consecutive-years",
            )

    def evaluate(self, award: AwardView, result: MemberResult, facts: Facts) -> PriorSeen:
        wanted = set(self.awards)
        sources = facts.predecessors_of(result.member)
        first, last = self.span(
            run_of(award.conditions), facts.year, min(facts.history, default=facts.year)
        )
        found: list[Found] = []
        for year in range(first, last + 1):
            results = facts.history.get(year)
            if results is None:
                continue
            for granted in results.granted:
                if granted.award not in wanted:
                    continue
                if granted.member == result.member:
                    found.append(Found(year, granted.award, granted.decision))
                elif granted.member in sources:  # the bloc counts this predecessor's awards
                    found.append(Found(year, granted.award, granted.decision, granted.member))
        met = len(found) >= self.min_count
        uncounted = () if met else facts.uncounted_of(result.member)
        return PriorSeen(self, met, tuple(found), first, last, uncounted)

    def describe(self, msgs: Messages, pack: PackView, year: int) -> str:
        names = award_names(msgs, pack, self.awards)
        if self.window != "years":
            award = next((a for a in pack.awards for c in a.conditions if c.spec is self), None)
            first, last = self.span(run_of(award.conditions) if award else 1, year, year)
            known = self.window == "within_run" or self.within_years
            where = msgs.t("before") if self.window == "before_run" else msgs.t("within")
            return msgs.t(
                "{count} × {awards} {where} the run of consecutive years ({first}–{last})",
                count=self.min_count,
                awards=names,
                where=where,
                first=first if known else "…",
                last=last,
            )
        span = f"{year - (self.within_years or 0)}–{year - 1}"
        if self.min_count == 1:
            return msgs.t("{awards} granted for results of {span}", awards=names, span=span)
        return msgs.t(
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
            "window": self.window,
        }

    def look_back(self, siblings: tuple[Condition, ...]) -> int:
        if self.window == "years":
            return self.within_years or 0
        run = run_of(siblings)
        if self.window == "within_run":
            return run - 1
        return run - 1 + self.within_years if self.within_years else ALL_YEARS
