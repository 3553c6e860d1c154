"""Turns a parsed ``bloc.toml`` into a Bloc, reporting every problem with its key and a fix."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from khoi_thidua.bloc_references import check_references
from khoi_thidua.errors import Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.model import (
    SCHEMA_VERSION,
    Bloc,
    DocumentSettings,
    Excusal,
    LeadershipRecord,
    Member,
    Policy,
    Scoring,
    ScoringCriterion,
)
from khoi_thidua.schema.fields import FieldReader, Table, id_key

POLICIES = tuple(policy.value for policy in Policy)
HEADERS = ("state", "party")
BALLOT_FORMS = ("tick", "strike", "agree")
TOP_KEYS = (
    "schema",
    "name",
    "organiser",
    "province",
    "rules",
    "rotation",
    "scoring",
    "documents",
    "members",
    "leadership",
    "excused",
)
MEMBER_KEYS = ("id", "name", "short", "joined", "left", "merged_into", "history_from", "note")
LEADERSHIP_KEYS = ("year", "chair", "vice_chair", "note", "signer", "signer_title")
EXCUSED_KEYS = ("member", "year", "reason")


def read_schema_version(reader: FieldReader, doc: Table) -> bool:
    """Check the ``schema`` key; False when the file cannot be read by this version."""
    version = reader.integer(doc, "schema", "", required=True)
    if version is not None and version != SCHEMA_VERSION:
        reader.error(
            "schema",
            reader.t(
                "schema {version} is not supported (this khoi reads schema {supported})",
                version=version,
                supported=SCHEMA_VERSION,
            ),
            reader.t("upgrade khoi, or check the number at the top of the file"),
            code="unsupported-schema",
        )
        return False
    return version is not None


def read_file_year(
    reader: FieldReader, doc: Table, year: int, rename_hint: Callable[[int], str]
) -> None:
    """Check the ``schema`` key and that the ``year`` a yearly file states is its name's year;
    ``rename_hint`` gives the fix for a file named after another year."""
    read_schema_version(reader, doc)
    stated = reader.year(doc, "year", "", required=True)
    if stated is not None and stated != year:
        reader.error(
            "year",
            reader.t(
                "the file says year {stated} but its name is for {year}", stated=stated, year=year
            ),
            rename_hint(stated),
            code="year-mismatch",
        )


def parse_bloc(
    msgs: Messages, doc: Table, bloc_id: str, file: str, lines: Mapping[str, int] | None = None
) -> tuple[Bloc | None, list[Problem]]:
    """Validate ``doc`` and build the Bloc; the Bloc is None when any error was found."""
    reader = FieldReader(file, msgs, lines)
    reader.known_keys(doc, "", TOP_KEYS)
    read_schema_version(reader, doc)
    name = reader.text(doc, "name", "", required=True)
    organiser = reader.text(doc, "organiser", "", required=True)
    province = reader.text(doc, "province", "") or ""
    rules = reader.text(doc, "rules", "") or None

    members = _members(reader, doc)
    policy, order = _rotation(reader, doc)
    scoring = _scoring(reader, doc)
    documents = _documents(reader, doc)
    leadership = _leadership(reader, doc)
    excused = _excused(reader, doc)

    if reader.ok:
        check_references(reader, members, order, leadership, excused)
    if not reader.ok or name is None or organiser is None:
        return None, reader.problems
    bloc = Bloc(
        id=bloc_id,
        name=name,
        organiser=organiser,
        province=province,
        rules_file=rules,
        members=tuple(members),
        order=tuple(order),
        policy=policy,
        leadership=tuple(sorted(leadership, key=lambda r: r.year)),
        excused=tuple(excused),
        scoring=scoring,
        documents=documents,
    )
    return bloc, reader.problems


def _members(reader: FieldReader, doc: Table) -> list[Member]:
    entries = reader.table_list(doc, "members", "")
    if not entries and doc.get("members", []) == []:
        reader.error(
            "members",
            reader.t("the bloc has no members"),
            reader.t("add a `[[members]]` table per unit"),
            code="no-members",
        )
    members: list[Member] = []
    for path, table in entries:
        reader.known_keys(table, path, MEMBER_KEYS)
        member_id = reader.identifier(table, "id", path)
        name = reader.text(table, "name", path, required=True)
        short = reader.text(table, "short", path) or ""
        joined = reader.year(table, "joined", path)
        left = reader.year(table, "left", path)
        merged_into = reader.identifier(table, "merged_into", path, required=False) or None
        note = reader.text(table, "note", path) or ""
        history_from = tuple(reader.text_list(table, "history_from", path))
        if joined is not None and left is not None and left <= joined:
            reader.error(
                f"{path}.left",
                reader.t(
                    "`left` ({left}) must be after `joined` ({joined})", left=left, joined=joined
                ),
                reader.t("`left` is the first year the unit is no longer a member"),
                code="left-before-joined",
            )
        if merged_into is not None and left is None:
            reader.error(
                f"{path}.left",
                reader.t("a merged member needs `left`: the first year it is no longer a member"),
                reader.t(
                    "add `left = <year>` to the member merged into `{successor}`",
                    successor=merged_into,
                ),
                code="merged-without-left",
            )
        if member_id is not None and name is not None:
            members.append(
                Member(member_id, name, short, joined, left, merged_into, note, history_from)
            )
    return members


def _rotation(reader: FieldReader, doc: Table) -> tuple[Policy, list[str]]:
    table = reader.table(doc, "rotation", "", required=True)
    if table is None:
        return Policy.CIRCULAR, []
    reader.known_keys(table, "rotation", ("policy", "order"))
    policy = Policy(
        reader.choice(table, "policy", "rotation", POLICIES, default="circular") or "circular"
    )
    if policy is not Policy.CIRCULAR and "order" not in table:
        # Nobody takes turns in a bloc that elects or is appointed: the list's order will do.
        members = [m.get("id") for m in doc.get("members", []) if isinstance(m, dict)]
        return policy, [m for m in members if isinstance(m, str)]
    order = reader.text_list(table, "order", "rotation", required=True)
    return policy, order


def _scoring(reader: FieldReader, doc: Table) -> Scoring:
    table = reader.table(doc, "scoring", "")
    if table is None:
        return Scoring()
    reader.known_keys(table, "scoring", ("min", "max", "criteria"))
    low = reader.number(table, "min", "scoring")
    high = reader.number(table, "max", "scoring")
    low = 0.0 if low is None else low
    high = 100.0 if high is None else high
    if high <= low:
        reader.error(
            "scoring.max",
            reader.t(
                "`max` ({high}) must be above `min` ({low})", high=f"{high:g}", low=f"{low:g}"
            ),
            code="max-not-above-min",
        )
    criteria: list[ScoringCriterion] = []
    seen: set[str] = set()
    for path, item in reader.table_list(table, "criteria", "scoring"):
        reader.known_keys(item, path, ("id", "name", "max"))
        cid = reader.identifier(item, "id", path)
        cname = reader.text(item, "name", path, required=True)
        cmax = reader.number(item, "max", path, required=True, minimum=0)
        if cid is not None and id_key(cid) in seen:
            reader.error(
                f"{path}.id",
                reader.t("criterion `{id}` is listed twice", id=cid),
                code="duplicate-criterion",
            )
        if cid is not None and cname is not None and cmax is not None:
            seen.add(id_key(cid))
            criteria.append(ScoringCriterion(cid, cname, cmax))
    return Scoring(low, high, tuple(criteria))


def _documents(reader: FieldReader, doc: Table) -> DocumentSettings:
    table = reader.table(doc, "documents", "")
    if table is None:
        return DocumentSettings()
    reader.known_keys(
        table, "documents", ("header", "issuer", "place", "recipient", "ballot", "quorum")
    )
    quorum = reader.number(table, "quorum", "documents", minimum=0, maximum=1)
    return DocumentSettings(
        header=reader.choice(table, "header", "documents", HEADERS, default="state") or "state",
        issuer=reader.text(table, "issuer", "documents") or "",
        place=reader.text(table, "place", "documents") or "",
        recipient=reader.text(table, "recipient", "documents") or "",
        ballot=reader.choice(table, "ballot", "documents", BALLOT_FORMS, default="tick") or "tick",
        quorum=0.5 if quorum is None else quorum,
    )


def _leadership(reader: FieldReader, doc: Table) -> list[LeadershipRecord]:
    records: list[LeadershipRecord] = []
    for path, table in reader.table_list(doc, "leadership", ""):
        reader.known_keys(table, path, LEADERSHIP_KEYS)
        year = reader.year(table, "year", path, required=True)
        chair = reader.identifier(table, "chair", path)
        vice = reader.identifier(table, "vice_chair", path, required=False) or None
        note = reader.text(table, "note", path) or ""
        signer = reader.text(table, "signer", path) or ""
        signer_title = reader.text(table, "signer_title", path) or ""
        if year is not None and chair is not None:
            records.append(LeadershipRecord(year, chair, vice, note, signer, signer_title))
    return records


def _excused(reader: FieldReader, doc: Table) -> list[Excusal]:
    excused: list[Excusal] = []
    for path, table in reader.table_list(doc, "excused", ""):
        reader.known_keys(table, path, EXCUSED_KEYS)
        member = reader.identifier(table, "member", path)
        year = reader.year(table, "year", path, required=True)
        reason = reader.text(table, "reason", path, required=True)
        if member is not None and year is not None and reason is not None:
            excused.append(Excusal(member, year, reason))
    return excused
