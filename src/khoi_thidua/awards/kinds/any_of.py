"""The `any_of` condition kind: alternative routes, met when every condition of one route is."""

from __future__ import annotations

from typing import ClassVar

from khoi_thidua.awards.kinds.base import (
    AwardView,
    Condition,
    ConditionCheck,
    ConditionSpec,
    Facts,
    Json,
    JsonObject,
    Observation,
    PackView,
    ParseContext,
    check,
)
from khoi_thidua.i18n import Messages
from khoi_thidua.model import MemberResult
from khoi_thidua.records import record
from khoi_thidua.schema.fields import FieldReader, Table, join


@record
class Route:
    """One way of meeting the group: a name and the conditions it needs, all of them."""

    name: str
    conditions: tuple[Condition, ...]


def _condition_json(condition: Condition) -> JsonObject:
    data: JsonObject = {"kind": condition.kind, **condition.params}
    if condition.basis:
        data["basis"] = condition.basis
    if condition.unverified:
        data["unverified"] = True
    if condition.note:
        data["note"] = condition.note
    return data


@record
class _RouteAward:
    """An award as one route sees it: its conditions are the route's."""

    id: str
    name: str
    conditions: tuple[Condition, ...]


@record
class RouteSeen:
    """A route checked for one unit."""

    route: Route
    checks: tuple[ConditionCheck, ...]

    @property
    def met(self) -> bool:
        return all(c.met for c in self.checks)


@record
class AnyOfSeen(Observation):
    """What each route of an any-of group showed for the unit, and whether one was met."""

    spec: AnyOf
    met: bool
    routes: tuple[RouteSeen, ...]

    @property
    def route(self) -> RouteSeen | None:
        """The first route the unit met, in the pack's order."""
        return next((r for r in self.routes if r.met), None)

    def to_json(self) -> JsonObject:
        route = self.route
        routes: list[Json] = [
            {
                "name": r.route.name,
                "met": r.met,
                "conditions": [
                    {"kind": c.condition.kind, "met": c.met, "actual": c.actual} for c in r.checks
                ],
            }
            for r in self.routes
        ]
        return {"route": None if route is None else route.route.name, "routes": routes}

    def observed(self, msgs: Messages, pack: PackView) -> str:
        route = self.route
        if route is not None:
            return msgs.t("met by the route “{route}”", route=route.route.name)
        return msgs.t("no route met — {routes}", routes=self._why_not(msgs, pack))

    def shortfall(self, msgs: Messages, pack: PackView) -> str:
        return msgs.t("no route met ({routes})", routes=self._why_not(msgs, pack))

    def _why_not(self, msgs: Messages, pack: PackView) -> str:
        return "; ".join(
            f"{r.route.name}: "
            + ", ".join(c.seen.shortfall(msgs, pack) for c in r.checks if not c.met)
            for r in self.routes
        )


@record
class AnyOf(ConditionSpec):
    """Alternatives ("một trong các tiêu chuẩn"): met when every condition of one route is met."""

    kind: ClassVar[str] = "any_of"
    keys: ClassVar[tuple[str, ...]] = ("routes",)
    routes: tuple[Route, ...]

    @classmethod
    def parse(
        cls, reader: FieldReader, table: Table, path: str, context: ParseContext
    ) -> AnyOf | None:
        routes: list[Route] = []
        entries = reader.table_list(table, "routes", path)
        ok = True
        for index, (rpath, rtable) in enumerate(entries):
            reader.known_keys(rtable, rpath, ("name", "conditions"))
            name = reader.text(rtable, "name", rpath) or reader.t(
                "route {number}", number=index + 1
            )
            conditions: list[Condition] = []
            items = reader.table_list(rtable, "conditions", rpath)
            for cpath, ctable in items:
                condition = context.parse_nested(reader, ctable, cpath)
                ok = ok and condition is not None
                if condition is not None:
                    conditions.append(condition)
            if not items:
                reader.error(
                    join(rpath, "conditions"),
                    reader.t("a route needs at least one condition"),
                    reader.t("add `conditions = [ {{ kind = … }} ]` to the route"),
                    code="empty-route",
                )
                ok = False
            routes.append(Route(name, tuple(conditions)))
        if len(entries) < 2:
            reader.error(
                join(path, "routes"),
                reader.t("an `any_of` group needs at least two routes"),
                reader.t("add `[[awards.conditions.routes]]` tables, one per alternative"),
                code="too-few-routes",
            )
            ok = False
        return cls(tuple(routes)) if ok else None

    def evaluate(self, award: AwardView, result: MemberResult, facts: Facts) -> AnyOfSeen:
        # Each route is read as an award of its own: a window "within the run" is its run.
        seen = tuple(
            RouteSeen(
                route,
                tuple(
                    check(c, _RouteAward(award.id, award.name, route.conditions), result, facts)
                    for c in route.conditions
                ),
            )
            for route in self.routes
        )
        return AnyOfSeen(self, any(r.met for r in seen), seen)

    def describe(self, msgs: Messages, pack: PackView, year: int) -> str:
        routes = "; ".join(
            f"({index}) {route.name}: "
            + msgs.t(" and ").join(c.spec.describe(msgs, pack, year) for c in route.conditions)
            for index, route in enumerate(self.routes, start=1)
        )
        return msgs.t("one of these routes — {routes}", routes=routes)

    def to_json(self) -> JsonObject:
        routes: list[Json] = [
            {"name": r.name, "conditions": [_condition_json(c) for c in r.conditions]}
            for r in self.routes
        ]
        return {"routes": routes}

    def look_back(self, siblings: tuple[Condition, ...]) -> int:
        return max(
            (c.spec.look_back(r.conditions) for r in self.routes for c in r.conditions), default=0
        )

    def nested(self) -> tuple[Condition, ...]:
        return tuple(c for route in self.routes for c in route.conditions)
