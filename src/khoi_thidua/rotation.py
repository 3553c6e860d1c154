"""Pure circular rotation: who chairs and vice-chairs a bloc in a year, and why."""

from __future__ import annotations

from dataclasses import dataclass

from khoi_thidua.errors import ExitCode, KhoiError
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc, LeadershipRecord


class RotationError(KhoiError):
    """The rotation cannot answer from the recorded data (no starting year, nobody eligible)."""

    exit_code = ExitCode.DATA


@dataclass(frozen=True)
class Skip:
    """A member passed over for a role in a year, and why."""

    member: str
    year: int
    role: str  # "chair" or "vice_chair"
    reason: str  # "not_joined", "left", "merged", "excused"
    detail: str  # the year joined/left, the successor's id or the excusal's reason


@dataclass(frozen=True)
class Leadership:
    """The chair and vice-chair of a year, recorded or computed, with its explanation."""

    year: int
    chair: str
    vice_chair: str | None
    recorded: bool
    note: str = ""
    start_year: int | None = None  # the recorded year a computed answer stepped from
    skipped: tuple[Skip, ...] = ()
    previous: tuple[str, str | None] | None = None  # (chair, vice-chair) of the year before


@dataclass(frozen=True)
class HistoryRow:
    """One year of leadership, and whether a recorded year departs from the rotation."""

    leadership: Leadership
    expected: Leadership | None  # what rotation would give, for recorded years after the first

    @property
    def departs(self) -> bool:
        if self.expected is None:
            return False
        got = (self.leadership.chair, self.leadership.vice_chair)
        return got != (self.expected.chair, self.expected.vice_chair)


def ineligibility(bloc: Bloc, member_id: str, year: int, role: str) -> Skip | None:
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
    return Leadership(record.year, record.chair, record.vice_chair, True, record.note)


def _walk(
    bloc: Bloc, start: int, year: int, role: str, exclude: str | None
) -> tuple[str | None, list[Skip]]:
    """The first eligible member at or after position ``start`` in the circle."""
    skipped: list[Skip] = []
    size = len(bloc.order)
    for step in range(size):
        member_id = bloc.order[(start + step) % size]
        if member_id == exclude:
            return None, skipped  # went round the whole circle back to the chair
        reason = ineligibility(bloc, member_id, year, role)
        if reason is None:
            return member_id, skipped
        skipped.append(reason)
    return None, skipped


def step(bloc: Bloc, previous: Leadership, start_year: int) -> Leadership:
    """Leadership of ``previous.year + 1`` by circular rotation from ``previous``."""
    year = previous.year + 1
    position = {member_id: index for index, member_id in enumerate(bloc.order)}
    if previous.vice_chair is not None:
        # This year's vice-chair chairs next year; if it cannot, the next one in the circle.
        start = position[previous.vice_chair]
    else:
        start = position[previous.chair] + 1
    chair, skipped = _walk(bloc, start, year, "chair", exclude=None)
    if chair is None:
        raise RotationError(
            t(
                "no member of bloc `{bloc}` can lead in {year}: "
                "every member has left, not yet joined, or is excused",
                bloc=bloc.id,
                year=year,
            ),
            t(
                "record the {year} leadership in bloc.toml, "
                "or check `joined`, `left` and `excused`",
                year=year,
            ),
        )
    vice, vice_skipped = _walk(bloc, position[chair] + 1, year, "vice_chair", exclude=chair)
    return Leadership(
        year=year,
        chair=chair,
        vice_chair=vice,
        recorded=False,
        start_year=start_year,
        skipped=tuple(skipped + vice_skipped),
        previous=(previous.chair, previous.vice_chair),
    )


def _starting_record(bloc: Bloc, year: int) -> LeadershipRecord:
    before = [r for r in bloc.leadership if r.year <= year]
    if not before:
        first = min((r.year for r in bloc.leadership), default=None)
        detail = (
            t("the earliest recorded year is {first}", first=first)
            if first is not None
            else t("no leadership is recorded")
        )
        raise RotationError(
            t(
                "cannot compute {year} for bloc `{bloc}`: {detail}",
                year=year,
                bloc=bloc.id,
                detail=detail,
            ),
            t(
                "record a starting year in bloc.toml, e.g.\n  [[leadership]]\n  year = {year}\n"
                '  chair = "<member id>"\n  vice_chair = "<member id>"',
                year=year,
            ),
        )
    return max(before, key=lambda r: r.year)


def plan(bloc: Bloc, first: int, last: int) -> list[Leadership]:
    """Leadership for every year from ``first`` to ``last``; recorded years always win."""
    record = _starting_record(bloc, first)
    current = _from_record(record)
    start_year = record.year
    out: list[Leadership] = []
    for year in range(record.year, last + 1):
        if year > record.year:
            recorded = bloc.recorded(year)
            if recorded is not None:
                current = _from_record(recorded)
                start_year = year
            else:
                current = step(bloc, current, start_year)
        if year >= first:
            out.append(current)
    return out


def leadership_in(bloc: Bloc, year: int) -> Leadership:
    """Who chairs and vice-chairs ``bloc`` in ``year``."""
    return plan(bloc, year, year)[0]


def default_year(bloc: Bloc) -> int:
    """The year after the latest recorded one: the next decision to make."""
    if not bloc.leadership:
        raise RotationError(
            t("bloc `{bloc}` has no recorded leadership to rotate from", bloc=bloc.id),
            t(
                "record a starting year in bloc.toml:\n  [[leadership]]\n  year = <year>\n"
                '  chair = "<member id>"\n  vice_chair = "<member id>"'
            ),
        )
    return max(r.year for r in bloc.leadership) + 1


def history(bloc: Bloc, until: int) -> list[HistoryRow]:
    """Every year from the first record to ``until``, marking recorded departures."""
    if not bloc.leadership or until < min(r.year for r in bloc.leadership):
        return []
    first = min(r.year for r in bloc.leadership)
    rows: list[HistoryRow] = []
    previous: Leadership | None = None
    for current in plan(bloc, first, max(until, first)):
        expected = None
        if current.recorded and previous is not None:
            try:
                expected = step(bloc, previous, previous.start_year or previous.year)
            except RotationError:
                expected = None
        rows.append(HistoryRow(current, expected))
        previous = current
    return rows


def next_turns(bloc: Bloc, year: int) -> dict[str, int]:
    """The first year from ``year`` on in which each member chairs, over two full circles.

    A member missing from the answer has no turn in that span (it left, or is never
    eligible). Shown beside the members so that a unit sees when its turn comes, and sees
    it move when the roster changes.
    """
    if not bloc.leadership or year < min(r.year for r in bloc.leadership):
        return {}
    turns: dict[str, int] = {}
    for answer in plan(bloc, year, year + 2 * len(bloc.order)):
        turns.setdefault(answer.chair, answer.year)
    return turns
