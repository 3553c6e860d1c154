"""Reads the vote count in ``[conference]``: refuses the impossible, flags the doubtful."""

from __future__ import annotations

from khoi_thidua.model import Bloc, VoteCount
from khoi_thidua.schema.fields import FieldReader, Table

COUNT_KEYS = ("present", "issued", "returned", "spoiled", "counting_head", "counting_members")


def parse_count(
    reader: FieldReader, conference: Table, bloc: Bloc, year: int, valid: int | None
) -> VoteCount:
    """The year's count; ``valid`` is the ``ballots`` already read from the same table."""
    path = "conference"
    members = len(bloc.members_in(year))
    present = reader.integer(conference, "present", path, minimum=0)
    issued = reader.integer(conference, "issued", path, minimum=0)
    returned = reader.integer(conference, "returned", path, minimum=0)
    spoiled = reader.integer(conference, "spoiled", path, minimum=0)
    count = VoteCount(
        members=members,
        present=present,
        issued=issued,
        returned=returned,
        valid=valid,
        spoiled=spoiled,
        committee_head=reader.text(conference, "counting_head", path) or "",
        committee=tuple(reader.text_list(conference, "counting_members", path)),
        quorum=bloc.documents.quorum,
    )
    _refuse_the_impossible(reader, count)
    if count.quorum_met is False:
        reader.warning(
            "conference.present",
            reader.t(
                "{present} of {members} members present: below the quorum of {share}",
                present=present,
                members=members,
                share=f"{count.quorum:.0%}",
            ),
            reader.t("check `present`, or the bloc's `quorum` under [documents] in bloc.toml"),
            code="below-quorum",
        )
    return count


def _refuse_the_impossible(reader: FieldReader, count: VoteCount) -> None:
    """Counts that cannot happen: more present than members, more returned than issued…"""
    if count.present is not None and count.present > count.members:
        reader.error(
            "conference.present",
            reader.t(
                "{present} members present, but the bloc has {members} members this year",
                present=count.present,
                members=count.members,
            ),
            reader.t("`present` counts member units, not delegates (those are `attendees`)"),
            code="present-exceeds-members",
        )
    if count.issued is not None and count.returned is not None and count.returned > count.issued:
        reader.error(
            "conference.returned",
            reader.t(
                "{returned} ballots returned, but only {issued} were issued",
                returned=count.returned,
                issued=count.issued,
            ),
            code="ballots-exceed-issued",
        )
    if count.returned is not None and count.valid is not None:
        counted = count.valid + (count.spoiled or 0)
        if counted > count.returned:
            reader.error(
                "conference.ballots",
                reader.t(
                    "{valid} valid and {spoiled} spoiled ballots, but only {returned} were "
                    "returned",
                    valid=count.valid,
                    spoiled=count.spoiled or 0,
                    returned=count.returned,
                ),
                reader.t("`ballots` is the number of valid ballots; valid + spoiled ≤ returned"),
                code="ballots-exceed-returned",
            )
