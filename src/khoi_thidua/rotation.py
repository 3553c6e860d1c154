"""Pure rotation: who chairs and vice-chairs a bloc in a year under its policy, and why."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from khoi_thidua.errors import ExitCode, KhoiError
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Bloc, LeadershipRecord, Policy
from khoi_thidua.records import record


class RotationError(KhoiError):
    """The rotation cannot answer from the recorded data (no starting year)."""

    exit_code = ExitCode.DATA
    code = "no-leadership-record"


class YearBeforeRecordsError(RotationError):
    """A year before the bloc's first recorded leadership: the question, not the data, is off."""

    exit_code = ExitCode.USAGE
    code = "before-first-record"


class Status(StrEnum):
    """Where a year's answer comes from."""

    RECORDED = "recorded"  # the bloc recorded its decision: it always wins
    COMPUTED = "computed"  # circular rotation from the last recorded year
    VACANT = "vacant"  # nobody can lead: every member excused, left or not yet joined
    TO_BE_ELECTED = "to_be_elected"  # policy `elected`, not yet recorded
    TO_BE_APPOINTED = "to_be_appointed"  # policy `appointed`, not yet recorded
    BEFORE_RECORDS = "before_records"  # circular, before the first record: nothing to step from


# The roles a member is passed over for, and why: the JSON of rotate, plan and history says them.
Role = Literal["chair", "vice_chair"]
SkipReason = Literal["not_joined", "left", "merged", "excused"]

# Statuses that name leaders; the others leave both roles empty.
LED = frozenset({Status.RECORDED, Status.COMPUTED})


@record
class Skip:
    """A member passed over for a role in a year, and why."""

    member: str
    year: int
    role: Role
    reason: SkipReason
    detail: str  # the year joined/left, the successor's id or the excusal's reason


@record
class Leadership:
    """The chair and vice-chair of a year, recorded or computed, with its explanation.

    ``chair`` is None when nobody leads the year yet: a vacant year, a year to be elected or
    appointed, or a year before the first record (``status`` says which).
    """

    year: int
    chair: str | None
    vice_chair: str | None
    recorded: bool
    note: str = ""
    start_year: int | None = None  # the recorded year a computed answer stepped from
    skipped: tuple[Skip, ...] = ()
    previous: tuple[str, str | None] | None = None  # (chair, vice-chair) it stepped from
    status: Status = Status.COMPUTED
    previous_year: int | None = None  # the year of ``previous`` (earlier when years were vacant)
    first_recorded: int | None = None  # for BEFORE_RECORDS: the earliest recorded year

    @property
    def leads(self) -> bool:
        """True when the answer names leaders (recorded or computed)."""
        return self.status in LED


@record
class HistoryRow:
    """One year of leadership, and whether a recorded year departs from the rotation."""

    leadership: Leadership
    expected: Leadership | None  # what rotation would give, for recorded years after the first

    @property
    def departs(self) -> bool:
        if self.expected is None or not self.expected.leads:
            return False
        got = (self.leadership.chair, self.leadership.vice_chair)
        return got != (self.expected.chair, self.expected.vice_chair)


def ineligibility(bloc: Bloc, member_id: str, year: int, role: Role) -> Skip | None:
    """Why ``member_id`` cannot lead in ``year``, or None when it can."""
    member = bloc.member(member_id)
    if member.joined is not None and year < member.joined:
        return Skip(member_id, year, role, "not_joined", str(member.joined))
    if member.left is not None and year >= member.left:
        if member.merged_into is not None:
            return Skip(member_id, year, role, "merged", member.merged_into)
        return Skip(member_id, year, role, "left", str(member.left))
    excusal = bloc.excusal(member_id, year)
    if excusal is not None:
        return Skip(member_id, year, role, "excused", excusal.reason)
    return None


def eligible_members(bloc: Bloc, year: int) -> list[str]:
    """Members that can lead in ``year``, in rotation order."""
    return [m for m in bloc.order if ineligibility(bloc, m, year, "chair") is None]


def _from_record(record: LeadershipRecord) -> Leadership:
    return Leadership(
        record.year, record.chair, record.vice_chair, True, record.note, status=Status.RECORDED
    )


def _walk(
    bloc: Bloc, start: int, year: int, role: Role, exclude: str | None
) -> tuple[str | None, list[Skip]]:
    """The first eligible member at or after position ``start`` in the circle."""
    skipped: list[Skip] = []
    size = len(bloc.order)
    for offset in range(size):
        member_id = bloc.order[(start + offset) % size]
        if member_id == exclude:
            return None, skipped  # went round the whole circle back to the chair
        reason = ineligibility(bloc, member_id, year, role)
        if reason is None:
            return member_id, skipped
        skipped.append(reason)
    return None, skipped


def step(bloc: Bloc, previous: Leadership, start_year: int, year: int | None = None) -> Leadership:
    """Leadership of ``year`` (default: the year after ``previous``) by circular rotation
    from the leaders of ``previous``; VACANT when no member can lead that year."""
    year = previous.year + 1 if year is None else year
    if previous.chair is None:
        raise ValueError("step needs a year with leaders")  # plan never passes one
    position = {member_id: index for index, member_id in enumerate(bloc.order)}
    if previous.vice_chair is not None:
        # This year's vice-chair chairs next year; if it cannot, the next one in the circle.
        start = position[previous.vice_chair]
    else:
        start = position[previous.chair] + 1
    chair, skipped = _walk(bloc, start, year, "chair", exclude=None)
    stepped_from = (previous.chair, previous.vice_chair)
    if chair is None:
        return Leadership(
            year=year,
            chair=None,
            vice_chair=None,
            recorded=False,
            start_year=start_year,
            skipped=tuple(skipped),
            previous=stepped_from,
            status=Status.VACANT,
            previous_year=previous.year,
        )
    vice, vice_skipped = _walk(bloc, position[chair] + 1, year, "vice_chair", exclude=chair)
    return Leadership(
        year=year,
        chair=chair,
        vice_chair=vice,
        recorded=False,
        start_year=start_year,
        skipped=tuple(skipped + vice_skipped),
        previous=stepped_from,
        previous_year=previous.year,
    )


def _unled(bloc: Bloc, year: int, status: Status, first: int | None = None) -> Leadership:
    """A year nobody leads yet, with every member that could not lead it (none listed
    before the records: nobody was passed over, the question has no starting point)."""
    if status is Status.BEFORE_RECORDS:
        return Leadership(year, None, None, False, status=status, first_recorded=first)
    skipped = tuple(
        skip for m in bloc.order if (skip := ineligibility(bloc, m, year, "chair")) is not None
    )
    if len(skipped) == len(bloc.order):
        status = Status.VACANT
    return Leadership(year, None, None, False, skipped=skipped, status=status, first_recorded=first)


def plan(bloc: Bloc, first: int, last: int) -> list[Leadership]:
    """An answer for every year from ``first`` to ``last``; recorded years always win.

    Never raises: a year it cannot answer is an answer that says why (vacant, to be elected
    or appointed, before the first record). Under `circular`, a vacant year keeps the last
    leaders, and the rotation resumes from them when members can lead again.
    """
    records = sorted(bloc.leadership, key=lambda r: r.year)
    earliest = records[0].year if records else None
    out: list[Leadership] = []
    if bloc.policy is not Policy.CIRCULAR:
        waiting = Status.TO_BE_ELECTED if bloc.policy is Policy.ELECTED else Status.TO_BE_APPOINTED
        for year in range(first, last + 1):
            record = bloc.recorded(year)
            out.append(_from_record(record) if record else _unled(bloc, year, waiting))
        return out
    walk_from = first if earliest is None else min(first, earliest)
    leaders: Leadership | None = None  # the last year with leaders, the circle's cursor
    start_year: int | None = None
    for year in range(walk_from, last + 1):
        record = bloc.recorded(year)
        if record is not None:
            answer = _from_record(record)
            start_year = year
        elif leaders is None or start_year is None:
            answer = _unled(bloc, year, Status.BEFORE_RECORDS, earliest)
        else:
            answer = step(bloc, leaders, start_year, year)
        if answer.leads:
            leaders = answer
        if year >= first:
            out.append(answer)
    return out


def leadership_in(msgs: Messages, bloc: Bloc, year: int) -> Leadership:
    """Who chairs and vice-chairs ``bloc`` in ``year``; VACANT, TO_BE_ELECTED and
    TO_BE_APPOINTED are answers, a circular year before any record is an error."""
    answer = plan(bloc, year, year)[0]
    if answer.status is Status.BEFORE_RECORDS:
        raise before_records_error(msgs, bloc, answer)
    return answer


def before_records_error(msgs: Messages, bloc: Bloc, answer: Leadership) -> RotationError:
    """The error for a circular year with no record at or before it."""
    if answer.first_recorded is None:
        return RotationError(
            msgs.t(
                "cannot compute {year} for bloc `{bloc}`: {detail}",
                year=answer.year,
                bloc=bloc.id,
                detail=msgs.t("no leadership is recorded"),
            ),
            msgs.t(
                "record a starting year in bloc.toml, e.g.\n  [[leadership]]\n  year = {year}\n"
                '  chair = "<member id>"\n  vice_chair = "<member id>"',
                year=answer.year,
            ),
        )
    return YearBeforeRecordsError(
        msgs.t(
            "{year} is before the first recorded leadership of bloc `{bloc}` ({first}); "
            "rotation starts from a record",
            year=answer.year,
            bloc=bloc.id,
            first=answer.first_recorded,
        ),
        msgs.t(
            "ask for {first} or a later year, or record {year} in bloc.toml:\n"
            '  [[leadership]]\n  year = {year}\n  chair = "<member id>"\n'
            '  vice_chair = "<member id>"',
            first=answer.first_recorded,
            year=answer.year,
        ),
    )


def default_year(msgs: Messages, bloc: Bloc) -> int:
    """The year after the latest recorded one: the next decision to make."""
    if not bloc.leadership:
        raise RotationError(
            msgs.t("bloc `{bloc}` has no recorded leadership to rotate from", bloc=bloc.id),
            msgs.t(
                "give the year (e.g. `khoi rotate 2026`), or record a starting year in "
                'bloc.toml:\n  [[leadership]]\n  year = <year>\n  chair = "<member id>"\n'
                '  vice_chair = "<member id>"'
            ),
        )
    return max(r.year for r in bloc.leadership) + 1


def history(bloc: Bloc, until: int) -> list[HistoryRow]:
    """Every year from the first record to ``until``, marking recorded departures."""
    if not bloc.leadership or until < min(r.year for r in bloc.leadership):
        return []
    first = min(r.year for r in bloc.leadership)
    rows: list[HistoryRow] = []
    leaders: Leadership | None = None
    for current in plan(bloc, first, until):
        expected = None
        if current.recorded and leaders is not None and bloc.policy is Policy.CIRCULAR:
            expected = step(bloc, leaders, leaders.start_year or leaders.year, current.year)
        rows.append(HistoryRow(current, expected))
        if current.leads:
            leaders = current
    return rows


def next_turns(bloc: Bloc, year: int) -> dict[str, int]:
    """The first year from ``year`` on in which each member chairs, over two full circles.

    A member missing from the answer has no turn in that span (it left, or is never
    eligible), and nobody has a turn under a policy other than `circular`. Shown beside the
    members so that a unit sees when its turn comes, and sees it move when the roster changes.
    """
    if not bloc.leadership or year < min(r.year for r in bloc.leadership):
        return {}
    if bloc.policy is not Policy.CIRCULAR:
        return {}
    turns: dict[str, int] = {}
    for answer in plan(bloc, year, year + 2 * len(bloc.order)):
        if answer.chair is not None:
            turns.setdefault(answer.chair, answer.year)
    return turns
