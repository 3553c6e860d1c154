"""The conference's use cases: a decision and the vote count, matched and recorded."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc
from khoi_thidua.records import record
from khoi_thidua.results_model import ConferenceDecision

if TYPE_CHECKING:
    from khoi_thidua.store.count import CountOutcome
    from khoi_thidua.store.records import DecisionOutcome


@record
class DecisionRecorded:
    """What ``decide`` did, the decision as typed, and its units' names to say it."""

    outcome: DecisionOutcome
    decision: ConferenceDecision
    member_names: tuple[str, ...]


def decide(
    bloc_dir: Path,
    bloc: Bloc,
    year: int,
    award: str,
    action: str,
    units: str,
    reason: str,
    minutes: str,
) -> DecisionRecorded:
    """Record the conference's ``action`` on ``award`` for the units ``units`` names
    (comma-separated, each as people name it), refused when the proposal cannot apply it."""
    from khoi_thidua import workflows
    from khoi_thidua.schema.fields import nfc

    ids = workflows.award_ids_for(year)
    if award not in ids:
        raise UsageError(
            t("unknown award `{award}` for {year}", award=award, year=year),
            t("award ids: {ids}", ids=", ".join(ids)),
        )
    members = tuple(
        workflows.resolve_member(bloc, part.strip()) for part in units.split(",") if part.strip()
    )
    decision = ConferenceDecision(award, action, members, nfc(reason.strip()), nfc(minutes.strip()))
    outcome = workflows.record_decision(bloc_dir, bloc, year, decision)
    return DecisionRecorded(outcome, decision, tuple(bloc.member(m).name for m in members))


def record_count(
    bloc_dir: Path,
    bloc: Bloc,
    year: int,
    fields: dict[str, object],
    names: dict[str, str | list[str]],
    votes: list[str],
    tallied: dict[tuple[str, str], int],
) -> CountOutcome:
    """Record the count: ``fields`` (figures, from the sheet and then typed), the committee's
    ``names`` as typed, ``votes`` as typed (``AWARD:UNIT=N``) over those ``tallied`` on the
    sheet; nothing to record is refused."""
    from khoi_thidua import workflows
    from khoi_thidua.schema.fields import nfc

    fields = dict(fields)
    for key, text in names.items():
        fields[key] = (
            [nfc(n.strip()) for n in text] if isinstance(text, list) else nfc(text.strip())
        )
    tallied = dict(tallied)
    award_ids = workflows.award_ids_for(year)
    for item in votes:
        award, unit, number = _vote(item, award_ids)
        tallied[(workflows.resolve_member(bloc, unit), award)] = number
    if not fields and not tallied:
        raise UsageError(t("nothing to record"), t("give the count's figures, --votes or --sheet"))
    return workflows.record_count(bloc_dir, bloc, year, fields, tallied)


def _vote(item: str, award_ids: list[str]) -> tuple[str, str, int]:
    """ "co-tinh:bnc=6" → ("co-tinh", "bnc", 6), or a usage error saying the form."""
    award, _, rest = item.partition(":")
    unit, _, number = rest.rpartition("=")
    if not unit or not number.strip().isdigit():
        raise UsageError(
            t("`{item}` is not AWARD:UNIT=N", item=item), t("e.g. --votes co-tinh:bnc=6")
        )
    if award not in award_ids:
        raise UsageError(
            t("unknown award id `{award}`", award=award),
            t("award ids: {ids}", ids=", ".join(award_ids)),
        )
    return award, unit.strip(), int(number)
