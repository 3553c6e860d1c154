"""Renders the reconciliation of a year's scores and the arithmetic behind one final score."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from khoi_thidua.i18n import Messages
from khoi_thidua.model import SCHEMA_VERSION, Bloc, Rating
from khoi_thidua.numbers import format_number
from khoi_thidua.plan import Plan, Rounding
from khoi_thidua.reconciliation import Reconciliation, UnitLine
from khoi_thidua.render.rotation import bloc_ref
from khoi_thidua.render.score_shapes import (
    RATING_CODES,
    ScoreExplainResult,
    ScoresResult,
    StepEntry,
    UnitScores,
)
from khoi_thidua.scoring import Step, StepKind, round_score

if TYPE_CHECKING:
    from khoi_thidua.render.sheet import Sheet

SHOWN_DECIMALS = 4  # a mean such as 92.333… is shown to four places; the arithmetic stays exact


def _shown(value: Fraction | Decimal | None) -> float | None:
    if value is None:
        return None
    exact = value if isinstance(value, Fraction) else Fraction(value)
    return float(round_score(exact, SHOWN_DECIMALS, Rounding.HALF_UP))


def _exact_or_none(value: float | None) -> Fraction | None:
    return None if value is None else Fraction(repr(value))


def _text(msgs: Messages, value: Fraction | Decimal | None) -> str:
    shown = _shown(value)
    return "—" if shown is None else format_number(shown, msgs.language)


def _final(msgs: Messages, plan: Plan, score: Decimal) -> str:
    """A final score with the plan's decimals, as it is written in the results."""
    return format_number(float(score), msgs.language, plan.decimals)


def rule_text(msgs: Messages, plan: Plan) -> str:
    """The plan's rounding in words, stated in every explanation."""
    rules = {
        Rounding.HALF_UP: msgs.t("half up"),
        Rounding.HALF_EVEN: msgs.t("half to even"),
        Rounding.DOWN: msgs.t("down"),
    }
    return msgs.tn(
        "rounded once, at the end, to {decimals} decimal, {rule}",
        "rounded once, at the end, to {decimals} decimals, {rule}",
        plan.decimals,
        decimals=plan.decimals,
        rule=rules[plan.rounding],
    )


def _unit_dict(bloc: Bloc, unit: UnitLine) -> UnitScores:
    final = unit.final
    return {
        "id": unit.unit,
        "name": bloc.member(unit.unit).name,
        "returned": unit.returned,
        "self_score": _shown(unit.self_total),
        "cross_score": _shown(unit.cross_total),
        "final_score": float(final.score) if final else None,
        "excluded": final.excluded if final else False,
        "rating_cap": RATING_CODES[final.rating_cap] if final and final.rating_cap else None,
        "error": unit.error or None,
        "flagged": unit.flagged,
        "missing_scorers": list(unit.missing_scorers),
        "mid_year": (
            {"score": unit.mid_year.score, "note": unit.mid_year.note} if unit.mid_year else None
        ),
        "criteria": [
            {
                "id": line.criterion,
                "max": line.max,
                "self": _shown(line.self_score),
                "cross": {scorer: _shown(value) for scorer, value in line.cross},
                "cross_mean": _shown(line.cross_mean),
                "agreed": _shown(line.agreed),
                "reason": line.reason or None,
                "flagged": line.flagged,
            }
            for line in unit.lines
        ],
    }


def scores_dict(bloc: Bloc, reconciliation: Reconciliation) -> ScoresResult:
    """The reconciliation as the stable JSON shape of `khoi scores --json`."""
    plan = reconciliation.plan
    return {
        "schema": SCHEMA_VERSION,
        "bloc": bloc_ref(bloc),
        "year": reconciliation.year,
        "plan": {
            "file": plan.source,
            "method": plan.method,
            "max_score": plan.max_score,
            "bonus_limit": plan.bonus.limit,
            "decimals": plan.decimals,
            "rounding": plan.rounding,
            "flag_difference": plan.flag_difference,
        },
        "scorers": [{"scorer": s, "units": list(units)} for s, units in plan.assignments],
        "not_returned": list(reconciliation.not_returned),
        "units": [_unit_dict(bloc, unit) for unit in reconciliation.units],
    }


def scores_view(msgs: Messages, bloc: Bloc, reconciliation: Reconciliation) -> Sheet:
    """The reconciliation as a table per unit and criterion, with notes on what is missing."""
    from khoi_thidua.render.sheet import Column, Grid, Line, Row, Sheet

    plan = reconciliation.plan
    columns = (
        Column(msgs.t("Unit")),
        Column(msgs.t("Criterion")),
        Column(msgs.t("Max"), "right"),
        Column(msgs.t("Self"), "right"),
        Column(msgs.t("Cross (mean)"), "right"),
        Column(msgs.t("Agreed"), "right"),
        Column(msgs.t("Final"), "right"),
        Column("!", "center"),
    )
    rows: list[Row] = []
    for unit in reconciliation.units:
        label = bloc.member(unit.unit).label
        if not unit.returned and not any(line.cross or line.agreed for line in unit.lines):
            nothing = (label, msgs.t("nothing returned yet"), "", "—", "—", "—", "—", "")
            rows.append(Row(nothing, end_section=True))
            continue
        for index, line in enumerate(unit.lines):
            cells = (
                label if index == 0 else "",
                line.criterion,
                format_number(line.max, msgs.language),
                _text(msgs, line.self_score),
                _text(msgs, line.cross_mean),
                _text(msgs, line.agreed),
                "",
                "!" if line.flagged else "",
            )
            rows.append(Row(cells))
        final = _final(msgs, plan, unit.final.score) if unit.final else "—"
        total = (
            "",
            msgs.t("Total"),
            format_number(plan.max_score, msgs.language),
            _text(msgs, unit.self_total),
            _text(msgs, unit.cross_total),
            "",
            final,
            "!" if unit.flagged else "",
        )
        rows.append(Row(total, end_section=True))
    title = msgs.t("{bloc} — scores of {year}", bloc=bloc.name, year=reconciliation.year)
    table = Grid(columns, tuple(rows), title=title)
    lines = [rule_text(msgs, plan) + "."]
    lines.append(
        msgs.tn(
            "! marks a gap of more than {points} point between self, cross and agreed scores",
            "! marks a gap of more than {points} points between self, cross and agreed scores",
            plan.flag_difference,
            points=format_number(plan.flag_difference, msgs.language),
        )
    )
    if reconciliation.not_returned:
        lines.append(
            msgs.t(
                "Self-scoring sheets not returned: {units}",
                units=", ".join(bloc.member(u).label for u in reconciliation.not_returned),
            )
        )
    for unit in reconciliation.units:
        if unit.missing_scorers:
            lines.append(
                msgs.t(
                    "Cross-scoring of {unit} not returned by: {scorers}",
                    unit=bloc.member(unit.unit).label,
                    scorers=", ".join(unit.missing_scorers),
                )
            )
        if unit.error and unit.returned:
            lines.append(f"{bloc.member(unit.unit).label}: {unit.error}")
    for unit in reconciliation.units:
        if unit.mid_year is not None:
            lines.append(
                msgs.t(
                    "Mid-year review of {unit}: {score} — {note}",
                    unit=bloc.member(unit.unit).label,
                    score=_text(msgs, _exact_or_none(unit.mid_year.score)),
                    note=unit.mid_year.note or "—",
                )
            )
    scorers = "; ".join(f"{s} → {', '.join(units)}" for s, units in plan.assignments)
    if scorers:
        lines.append(msgs.t("Who scores whom: {pairs}", pairs=scorers))
    return Sheet((table, Line("\n".join(lines))))


def _step_text(msgs: Messages, plan: Plan, step: Step) -> str:
    kind = step.kind
    if kind is StepKind.AGREED:
        return msgs.t(
            "{criterion}: self-score {given}, agreed {value} ({reason})",
            criterion=step.subject,
            given=_text(msgs, step.given),
            value=_text(msgs, step.value),
            reason=step.note or msgs.t("no reason given"),
        )
    if kind is StepKind.CROSS_TOTAL:
        return msgs.t(
            "cross score by {scorer}: {value}", scorer=step.subject, value=_text(msgs, step.value)
        )
    if kind is StepKind.DROPPED_HIGHEST:
        return msgs.t(
            "highest left out: {scorer} ({value})",
            scorer=step.subject,
            value=_text(msgs, step.value),
        )
    if kind is StepKind.DROPPED_LOWEST:
        return msgs.t(
            "lowest left out: {scorer} ({value})",
            scorer=step.subject,
            value=_text(msgs, step.value),
        )
    if kind is StepKind.BASE:
        methods = {
            "agreed": msgs.t("agreed scores, self-scores where none was agreed"),
            "cross-mean": msgs.t("mean of the cross scores"),
            "trimmed-mean": msgs.t("mean of the cross scores without the highest and the lowest"),
        }
        return msgs.t(
            "table total ({method}): {value} of {max}",
            method=methods[step.note],
            value=_text(msgs, step.value),
            max=format_number(plan.max_score, msgs.language),
        )
    if kind in (StepKind.BONUS, StepKind.PENALTY):
        rules = plan.bonus if kind is StepKind.BONUS else plan.penalty
        item = rules.item(step.subject)
        name = item.name if item else step.subject
        if step.given != step.value:
            return msgs.t(
                "{sign} {value} for {name} ({given} claimed, at most {max})",
                sign="+" if kind is StepKind.BONUS else "−",
                value=_text(msgs, step.value),
                name=name,
                given=_text(msgs, step.given),
                max=format_number(item.max if item else 0, msgs.language),
            )
        return msgs.t(
            "{sign} {value} for {name}",
            sign="+" if kind is StepKind.BONUS else "−",
            value=_text(msgs, step.value),
            name=name,
        )
    if kind in (StepKind.BONUS_LIMIT, StepKind.PENALTY_LIMIT):
        what = msgs.t("bonus") if kind is StepKind.BONUS_LIMIT else msgs.t("penalty")
        if step.given != step.value:
            return msgs.t(
                "{what} total {given}, capped at the limit {value}",
                what=what,
                given=_text(msgs, step.given),
                value=_text(msgs, step.value),
            )
        return msgs.t(
            "{what} total {value} (limit {limit})",
            what=what,
            value=_text(msgs, step.value),
            limit=format_number(float(step.note), msgs.language),
        )
    if kind is StepKind.FLOOR:
        return msgs.t("total {given} is below zero and counts as 0", given=_text(msgs, step.given))
    if kind is StepKind.DISQUALIFIED:
        rule = next((d for d in plan.disqualifiers if d.id == step.subject), None)
        name = rule.name if rule else step.subject
        if step.note == "exclude":
            return msgs.t("disqualifying criterion failed: {name} — excluded", name=name)
        return msgs.t(
            "disqualifying criterion failed: {name} — rating at most {cap}",
            name=name,
            cap=Rating(step.note).label_vi,
        )
    return msgs.t(
        "final score {value} (exact {given}; {rule})",
        value=_final(msgs, plan, Decimal(step.value.numerator) / step.value.denominator)
        if step.value is not None
        else "—",
        given=_text(msgs, step.given),
        rule=rule_text(msgs, plan),
    )


def explain_dict(
    msgs: Messages, bloc: Bloc, reconciliation: Reconciliation, unit: UnitLine
) -> ScoreExplainResult:
    """One unit's line of the reconciliation and each step of its arithmetic, in words."""
    plan = reconciliation.plan
    steps = unit.final.steps if unit.final else ()
    return {
        "schema": SCHEMA_VERSION,
        "bloc": bloc_ref(bloc),
        "year": reconciliation.year,
        "plan": plan.source,
        "rounding": rule_text(msgs, plan),
        "unit": _unit_dict(bloc, unit),
        "steps": [_step_dict(msgs, plan, step) for step in steps],
    }


def _step_dict(msgs: Messages, plan: Plan, step: Step) -> StepEntry:
    return {
        "kind": step.kind,
        "subject": step.subject or None,
        "given": _shown(step.given),
        "value": _shown(step.value),
        "text": _step_text(msgs, plan, step),
    }


def explain_view(msgs: Messages, data: ScoreExplainResult) -> Sheet:
    """The explanation as numbered steps under the unit's name."""
    from khoi_thidua.render.sheet import Line, Sheet

    unit = data["unit"]
    head = msgs.t(
        "{name} — final score of {year} from {plan}",
        name=unit["name"],
        year=data["year"],
        plan=data["plan"],
    )
    lines = [head]
    lines += [f"  {i}. {step['text']}" for i, step in enumerate(data["steps"], start=1)]
    if unit["error"]:
        lines.append("  " + msgs.t("no final score: {error}", error=unit["error"]))
    return Sheet((Line("\n".join(lines)),))
