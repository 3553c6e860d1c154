"""Renders leadership answers, plans and history as sentences, tables and JSON dicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khoi_thidua.i18n import Messages
from khoi_thidua.model import SCHEMA_VERSION, Bloc
from khoi_thidua.render.refs import bloc_ref as bloc_ref  # noqa: PLC0414 (render/scores uses it)
from khoi_thidua.render.refs import member_ref
from khoi_thidua.rotation import HistoryRow, Leadership, Skip, Status

if TYPE_CHECKING:
    from khoi_thidua.render.shapes import (
        HistoryResult,
        HistoryYear,
        LeadershipEntry,
        PlanResult,
        PolicyBlocRef,
        RolePair,
        RotateResult,
    )
    from khoi_thidua.render.sheet import Column, Sheet

# The roles keep their Vietnamese names in both languages: they are the bloc's own terms.
CHAIR = "Trưởng khối"
VICE = "Phó khối"


def name(bloc: Bloc, member_id: str | None) -> str:
    return "—" if member_id is None else bloc.member(member_id).name


def skip_text(msgs: Messages, bloc: Bloc, skip: Skip) -> str:
    who = name(bloc, skip.member)
    if skip.reason == "not_joined":
        why = msgs.t("joins the bloc only in {year}", year=skip.detail)
    elif skip.reason == "left":
        why = msgs.t("left the bloc in {year}", year=skip.detail)
    elif skip.reason == "merged":
        left = bloc.member(skip.member).left
        why = msgs.t(
            "merged into {successor} in {year}", successor=name(bloc, skip.detail), year=left
        )
    else:
        why = msgs.t("excused for {year}: {reason}", year=skip.year, reason=skip.detail)
    role = CHAIR if skip.role == "chair" else VICE
    return msgs.t("{member} passed over as {role}: {why}", member=who, role=role, why=why)


def _unled_lines(msgs: Messages, bloc: Bloc, answer: Leadership) -> list[str]:
    """Why a year has no leaders yet."""
    if answer.status is Status.VACANT:
        lines = [
            msgs.t(
                "Vacant: no member can lead in {year} (every member has left, not yet joined, "
                "or is excused).",
                year=answer.year,
            )
        ]
        if answer.previous is not None:
            lines.append(
                msgs.t(
                    "The rotation resumes from the leaders of {previous_year} ({chair} / {vice}) "
                    "when members can lead again.",
                    previous_year=answer.previous_year,
                    chair=name(bloc, answer.previous[0]),
                    vice=name(bloc, answer.previous[1]),
                )
            )
        return [*lines, *(skip_text(msgs, bloc, s) + "." for s in answer.skipped)]
    if answer.status is Status.TO_BE_ELECTED:
        return [
            msgs.t(
                "To be elected: the bloc elects its Trưởng khối and Phó khối at the year-end "
                "conference, and {year} is not recorded yet.",
                year=answer.year,
            ),
            msgs.t(
                "Record the result in bloc.toml under [[leadership]] once the conference votes."
            ),
        ]
    if answer.status is Status.TO_BE_APPOINTED:
        return [
            msgs.t(
                "To be appointed: the provincial People's Committee names the bloc's Trưởng khối "
                "and Phó khối, and {year} is not recorded yet.",
                year=answer.year,
            ),
            msgs.t("Record the decision in bloc.toml under [[leadership]] once it is issued."),
        ]
    if answer.first_recorded is None:
        return [msgs.t("No leadership is recorded, so the rotation has no year to start from.")]
    return [
        msgs.t(
            "{year} is before the first recorded leadership ({first}): the rotation has no year "
            "to start from.",
            year=answer.year,
            first=answer.first_recorded,
        )
    ]


def explain(msgs: Messages, bloc: Bloc, answer: Leadership) -> list[str]:
    """Sentences saying where the answer comes from and whom it passed over."""
    if answer.recorded:
        lines = [
            msgs.t(
                "{year} is recorded in bloc.toml; a recorded year always wins.", year=answer.year
            )
        ]
        if answer.note:
            lines.append(msgs.t("Note: {note}", note=answer.note))
        return lines
    if not answer.leads:
        return _unled_lines(msgs, bloc, answer)
    lines = [
        msgs.t(
            "Computed by circular rotation from the leadership recorded for {year}.",
            year=answer.start_year,
        )
    ]
    if answer.previous is not None:
        prev_chair, prev_vice = answer.previous
        prev_year = answer.previous_year or answer.year - 1
        if prev_year < answer.year - 1:
            lines.append(
                msgs.t(
                    "No member could lead between {previous_year} and {year}, so the rotation "
                    "resumes from the leaders of {previous_year}.",
                    previous_year=prev_year,
                    year=answer.year,
                )
            )
        chair_skips = [s for s in answer.skipped if s.role == "chair"]
        if prev_vice is None:
            lines.append(
                msgs.t(
                    "{previous_year} had no Phó khối, so the member after {previous_chair} "
                    "in the circle chairs.",
                    previous_year=prev_year,
                    previous_chair=name(bloc, prev_chair),
                )
            )
        elif not chair_skips:
            lines.append(
                msgs.t(
                    "{chair} was Phó khối in {previous_year}, so it is Trưởng khối in {year}.",
                    chair=name(bloc, answer.chair),
                    previous_year=prev_year,
                    year=answer.year,
                )
            )
        else:
            lines.append(
                msgs.t(
                    "{previous_vice} was Phó khối in {previous_year} but cannot chair; "
                    "the next eligible member in the circle, {chair}, does.",
                    previous_vice=name(bloc, prev_vice),
                    previous_year=prev_year,
                    chair=name(bloc, answer.chair),
                )
            )
    if answer.vice_chair is None:
        lines.append(
            msgs.t("No other member can lead in {year}, so there is no Phó khối.", year=answer.year)
        )
    else:
        lines.append(
            msgs.t(
                "{vice} is the next eligible member after the chair, so it is Phó khối.",
                vice=name(bloc, answer.vice_chair),
            )
        )
    lines.extend(skip_text(msgs, bloc, s) + "." for s in answer.skipped)
    return lines


def leadership_dict(msgs: Messages, bloc: Bloc, answer: Leadership) -> LeadershipEntry:
    return {
        "year": answer.year,
        "chair": member_ref(bloc, answer.chair),
        "vice_chair": member_ref(bloc, answer.vice_chair),
        "recorded": answer.recorded,
        "status": answer.status.value,
        "note": answer.note,
        "start_year": answer.start_year,
        "skipped": [
            {
                "member": member_ref(bloc, s.member),
                "role": s.role,
                "reason": s.reason,
                "detail": s.detail,
            }
            for s in answer.skipped
        ],
        "explanation": explain(msgs, bloc, answer),
    }


def bloc_ref_policy(bloc: Bloc) -> PolicyBlocRef:
    return {"id": bloc.id, "name": bloc.name, "policy": bloc.policy.value}


def rotate_dict(msgs: Messages, bloc: Bloc, answer: Leadership) -> RotateResult:
    return {
        "schema": SCHEMA_VERSION,
        "bloc": bloc_ref_policy(bloc),
        **leadership_dict(msgs, bloc, answer),
    }


def plan_dict(msgs: Messages, bloc: Bloc, answers: list[Leadership]) -> PlanResult:
    return {
        "schema": SCHEMA_VERSION,
        "bloc": bloc_ref_policy(bloc),
        "years": [leadership_dict(msgs, bloc, a) for a in answers],
    }


def history_dict(msgs: Messages, bloc: Bloc, rows: list[HistoryRow]) -> HistoryResult:
    years: list[HistoryYear] = []
    for row in rows:
        would_give: RolePair | None = (
            {
                "chair": member_ref(bloc, row.expected.chair),
                "vice_chair": member_ref(bloc, row.expected.vice_chair),
            }
            if row.departs and row.expected is not None
            else None
        )
        years.append(
            {
                **leadership_dict(msgs, bloc, row.leadership),
                "departs_from_rotation": row.departs,
                "rotation_would_give": would_give,
            }
        )
    return {"schema": SCHEMA_VERSION, "bloc": bloc_ref(bloc), "years": years}


def rotate_view(msgs: Messages, bloc: Bloc, answer: Leadership) -> Sheet:
    """The year's leadership, the status it has, and why (render/sheet.py prints it)."""
    from khoi_thidua.render.sheet import Column, Grid, Line, Row, Sheet

    source = (
        msgs.t("computed from {year}", year=answer.start_year)
        if answer.status is Status.COMPUTED
        else status_text(msgs, answer)
    )
    title = msgs.t("{bloc} — {year} ({source})", bloc=bloc.name, year=answer.year, source=source)
    vice = (
        name(bloc, answer.vice_chair)
        if answer.vice_chair or not answer.leads
        else msgs.t("— (none: only one member can lead)")
    )
    roles = Grid(
        (Column(style="bold"), Column()),
        (
            Row((msgs.t("Trưởng khối (chair)"), name(bloc, answer.chair))),
            Row((msgs.t("Phó khối (vice-chair)"), vice)),
        ),
        boxed=False,
    )
    why = "\n".join(f"• {line}" for line in explain(msgs, bloc, answer))
    return Sheet((Line(title, style="bold"), roles, Line(""), Line(why)))


def status_text(msgs: Messages, answer: Leadership) -> str:
    """The status of a year in a word or two."""
    return status_word(msgs, answer.status)


def status_word(msgs: Messages, status: Status) -> str:
    """A status in a word or two, as the tables show it."""
    texts = {
        Status.RECORDED: msgs.t("recorded"),
        Status.COMPUTED: msgs.t("computed"),
        Status.VACANT: msgs.t("VACANT"),
        Status.TO_BE_ELECTED: msgs.t("to be elected"),
        Status.TO_BE_APPOINTED: msgs.t("to be appointed"),
        Status.BEFORE_RECORDS: msgs.t("cannot say"),
    }
    return texts[status]


def _plan_note(msgs: Messages, bloc: Bloc, answer: Leadership) -> str:
    if answer.leads:
        return "; ".join(skip_text(msgs, bloc, s) for s in answer.skipped)
    if answer.status is Status.VACANT:
        return msgs.t("nobody can lead: every member has left, not yet joined, or is excused")
    if answer.status is Status.BEFORE_RECORDS:
        return _unled_lines(msgs, bloc, answer)[0]
    return ""


def _year_columns(msgs: Messages) -> tuple[Column, ...]:
    from khoi_thidua.render.sheet import Column

    return (
        Column(msgs.t("Year"), "right"),
        Column(CHAIR),
        Column(VICE),
        Column(msgs.t("Source")),
        Column(msgs.t("Note")),
    )


def plan_view(msgs: Messages, bloc: Bloc, answers: list[Leadership]) -> Sheet:
    from khoi_thidua.render.sheet import Grid, Row, Sheet

    rows = tuple(
        Row(
            (
                str(answer.year),
                name(bloc, answer.chair),
                name(bloc, answer.vice_chair),
                status_text(msgs, answer),
                _plan_note(msgs, bloc, answer),
            )
        )
        for answer in answers
    )
    title = msgs.t("{bloc} — rotation plan", bloc=bloc.name)
    return Sheet((Grid(_year_columns(msgs), rows, title=title),))


def history_view(msgs: Messages, bloc: Bloc, rows: list[HistoryRow]) -> Sheet:
    from khoi_thidua.render.sheet import Grid, Row, Sheet

    years: list[Row] = []
    for row in rows:
        answer = row.leadership
        note = answer.note
        if row.departs and row.expected is not None:
            departure = msgs.t(
                "departs from rotation (would be {chair} / {vice}): election or override",
                chair=name(bloc, row.expected.chair),
                vice=name(bloc, row.expected.vice_chair),
            )
            note = f"{departure}; {note}" if note else departure
        years.append(
            Row(
                (
                    str(answer.year),
                    name(bloc, answer.chair),
                    name(bloc, answer.vice_chair),
                    status_text(msgs, answer),
                    note,
                )
            )
        )
    title = msgs.t("{bloc} — leadership history", bloc=bloc.name)
    return Sheet((Grid(_year_columns(msgs), tuple(years), title=title),))
