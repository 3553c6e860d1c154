"""Reads the conference's ``[[decisions]]`` in a results file, checked against the bloc."""

from __future__ import annotations

from collections.abc import Collection

from khoi_thidua.model import DECISION_ACTIONS, ORDER, Bloc, ConferenceDecision
from khoi_thidua.schema.fields import FieldReader, Table
from khoi_thidua.schema.wording import one_of

DECISION_KEYS = ("award", "action", "members", "reason", "minutes")


def parse_decisions(
    reader: FieldReader, doc: Table, bloc: Bloc, year: int, award_ids: Collection[str] | None
) -> list[ConferenceDecision]:
    """Every ``[[decisions]]`` entry; an unknown unit or award, or a repeat, is an error."""
    out: list[ConferenceDecision] = []
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    members = {m.id for m in bloc.members_in(year)}
    for path, table in reader.table_list(doc, "decisions", ""):
        reader.known_keys(table, path, DECISION_KEYS)
        award = reader.identifier(table, "award", path)
        action = reader.choice(
            table, "action", path, DECISION_ACTIONS, hint=one_of(reader.msgs, DECISION_ACTIONS)
        )
        units = reader.text_list(table, "members", path, required=True)
        reason = reader.text(table, "reason", path, required=True)
        minutes = reader.text(table, "minutes", path) or ""
        if award is not None and award_ids is not None and award not in award_ids:
            reader.error(
                f"{path}.award",
                reader.t("unknown award id `{award}`", award=award),
                reader.t("award ids: {ids}", ids=", ".join(award_ids)),
                code="unknown-award",
            )
            award = None
        strangers = [u for u in units if u not in members]
        if strangers:
            reader.error(
                f"{path}.members",
                reader.t(
                    "`{id}` is not a member of the bloc in {year}",
                    id=strangers[0],
                    year=year,
                ),
                reader.t("use member ids from bloc.toml: {ids}", ids=", ".join(sorted(members))),
                code="not-a-member",
            )
            continue
        if action == ORDER and len(units) < 2:
            reader.error(
                f"{path}.members",
                reader.t("an `order` decision ranks two or more tied units"),
                reader.t('list them in the order the conference chose: members = ["…", "…"]'),
                code="order-needs-two-units",
            )
            continue
        if award is None or action is None or not units or reason is None:
            continue
        key = (award, action, tuple(units))
        if key in seen:
            reader.error(
                path, reader.t("the same decision is recorded twice"), code="duplicate-decision"
            )
            continue
        seen.add(key)
        out.append(ConferenceDecision(award, action, tuple(units), reason, minutes))
    return out
