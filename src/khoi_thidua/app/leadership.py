"""Leadership use cases: every bloc's leaders of a year, and recording a year's leadership."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from khoi_thidua import i18n, rotation
from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc, LeadershipRecord
from khoi_thidua.records import record

if TYPE_CHECKING:
    from khoi_thidua.app.blocs import BlocRun, Walk
    from khoi_thidua.store.records import RecordOutcome

T = TypeVar("T")


def each_leadership(
    year: int | None, walk: Walk, then: Callable[[Bloc, rotation.Leadership], T]
) -> Iterable[BlocRun[T]]:
    """Every bloc's leadership in ``year`` (each bloc's default year when None), handed to
    ``then`` as soon as it is computed."""
    from khoi_thidua import store

    def work(bloc_dir: Path) -> T:
        bloc = store.load_bloc(bloc_dir)
        target = year if year is not None else rotation.default_year(i18n.current(), bloc)
        return then(bloc, rotation.leadership_in(i18n.current(), bloc, target))

    return walk(work)


@record
class LeadershipRecorded:
    """What ``rotate --record`` did, and the bloc and year's leadership as now recorded."""

    outcome: RecordOutcome
    bloc: Bloc
    leadership: rotation.Leadership


def record_leadership(
    bloc_dir: Path,
    year: int,
    note: str | None,
    decided: tuple[str | None, str | None],
    today: dt.date,
) -> LeadershipRecorded:
    """Write ``year``'s leadership into bloc.toml: the chair and vice-chair the bloc decided
    (``decided``, as people name them), else what the circle gives; ``note`` (or a note saying
    how and when it was recorded) goes with it. A different record already there is refused."""
    from khoi_thidua import store
    from khoi_thidua.schema.fields import nfc
    from khoi_thidua.store.records import record_leadership as record

    date = today.strftime("%d/%m/%Y")

    def decide(current: Bloc) -> LeadershipRecord:
        if decided[0] is not None:
            return _decided_record(current, year, decided, note, date)
        answer = rotation.leadership_in(i18n.current(), current, year)
        if not answer.leads:
            raise _nothing_to_record(current, answer)
        if answer.recorded:
            # --record writes what the circle gives; a different recorded decision (an election,
            # an override) is then refused, never silently confirmed or overwritten.
            computed = _computed_over_record(current, year)
            if computed is None:
                return LeadershipRecord(year, answer.chair or "", answer.vice_chair, answer.note)
            answer = computed
        text = (
            nfc(note.strip())
            if note and note.strip()
            else t(
                "Computed by circular rotation from {year}; recorded with khoi on {date}",
                year=answer.start_year,
                date=date,
            )
        )
        return LeadershipRecord(year, answer.chair or "", answer.vice_chair, text)

    outcome = record(bloc_dir, decide)
    bloc = store.load_bloc(bloc_dir)
    return LeadershipRecorded(outcome, bloc, rotation.leadership_in(i18n.current(), bloc, year))


def _decided_record(
    bloc: Bloc,
    year: int,
    decided: tuple[str | None, str | None],
    note: str | None,
    today: str,
) -> LeadershipRecord:
    """The leadership the bloc decided (an election, an appointment, an override), matched
    among the members of ``year``."""
    from khoi_thidua import workflows
    from khoi_thidua.schema.fields import nfc

    chair_query, vice_query = decided
    chair = workflows.resolve_member(bloc, chair_query or "", year)
    vice = workflows.resolve_member(bloc, vice_query, year) if vice_query else None
    if vice == chair:
        raise UsageError(t("the Phó khối must be another member than the Trưởng khối"))
    text = (
        nfc(note.strip())
        if note and note.strip()
        else t(
            "Decided by the bloc ({policy}); recorded with khoi on {date}",
            policy=bloc.policy.value,
            date=today,
        )
    )
    return LeadershipRecord(year, chair, vice, text)


def _nothing_to_record(bloc: Bloc, answer: rotation.Leadership) -> UsageError:
    """--record writes what the circle gives; a year without computed leaders has nothing."""
    if answer.status is rotation.Status.VACANT:
        return UsageError(
            t(
                "{year} is vacant in bloc `{bloc}`: no member can lead",
                year=answer.year,
                bloc=bloc.id,
            ),
            t("check `joined`, `left` and `excused` in bloc.toml"),
        )
    return UsageError(
        t(
            "bloc `{bloc}` does not rotate (policy `{policy}`): khoi cannot compute {year}",
            bloc=bloc.id,
            policy=bloc.policy.value,
            year=answer.year,
        ),
        t(
            "record the decision with `khoi rotate {year} --record --chair <member> "
            "--vice-chair <member>`, or write it in bloc.toml under [[leadership]]",
            year=answer.year,
        ),
    )


def _computed_over_record(bloc: Bloc, year: int) -> rotation.Leadership | None:
    """What the circle gives for a recorded ``year`` from the leaders before it, if it can say."""
    for row in rotation.history(bloc, year):
        if row.leadership.year == year and row.expected is not None and row.expected.leads:
            return row.expected
    return None  # ``year`` is where the rotation starts, or the bloc does not rotate
