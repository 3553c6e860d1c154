"""Writes the conference's vote count into ``results-YEAR.toml``, keeping the user's layout."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from khoi_thidua import i18n
from khoi_thidua.errors import DataError, MissingInputError, Problem
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc, WriteStatus
from khoi_thidua.records import record
from khoi_thidua.store.reading import display, results_file
from khoi_thidua.store.records import results_from_text
from khoi_thidua.store.writing import update_text_file

# Count fields as typed on the command line or in the tally sheet → keys of [conference].
COUNT_FIELDS = {
    "present": "present",
    "issued": "issued",
    "returned": "returned",
    "valid": "ballots",
    "spoiled": "spoiled",
    "counting_head": "counting_head",
    "counting_members": "counting_members",
    "secretary": "secretary",
}


@record
class CountOutcome:
    """What recording the count did: ``written`` or ``unchanged``, and the file."""

    status: WriteStatus
    file: str


def record_count(
    bloc_dir: Path,
    bloc: Bloc,
    year: int,
    fields: Mapping[str, Any],
    votes: Mapping[tuple[str, str], int],
    award_ids: Collection[str],
    timeout: float | None = None,
) -> CountOutcome:
    """Set the count's ``fields`` (COUNT_FIELDS names) and ``votes`` per (unit, award).

    Values given replace those in the file; the rest of the file is kept byte for byte. The
    file as it would be is read back first: an impossible count (returned above issued,
    votes above the valid ballots…) is refused with its problems and nothing is written.
    """
    import tomlkit

    path = results_file(bloc_dir, year)
    name = display(path)

    def change(current: str | None) -> tuple[str | None, CountOutcome]:
        if current is None:
            raise MissingInputError(
                t("no results for {year}: {file} does not exist", year=year, file=name),
                t("the count goes into the year's results file; create it first"),
            )
        document = tomlkit.parse(current)
        if "conference" not in document:
            document["conference"] = tomlkit.table()
        conference: Any = document["conference"]
        for field, value in fields.items():
            conference[COUNT_FIELDS[field]] = value
        results: Any = document.get("results", {})
        for (member, award), count in votes.items():
            if member not in results:
                raise DataError(
                    i18n.current(),
                    [
                        Problem(
                            name,
                            f"results.{member}",
                            t(
                                "votes for `{member}`, which has no results this year",
                                member=member,
                            ),
                            t("add [results.{member}] with its score first", member=member),
                            code="votes-without-results",
                        )
                    ],
                )
            entry = results[member]
            if "votes" not in entry:
                entry["votes"] = tomlkit.inline_table()
            entry["votes"][award] = count
        new_text = tomlkit.dumps(document)
        if new_text == current:
            return None, CountOutcome("unchanged", name)
        results_from_text(new_text, bloc, year, name, award_ids)  # else nothing is written
        return new_text, CountOutcome("written", name)

    return update_text_file(path, change, timeout)
