"""Turns a parsed ``results-YYYY.toml`` into YearResults, checked against the bloc."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from khoi_thidua.errors import Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.model import (
    Bloc,
    Discipline,
    GrantedAward,
    MemberResult,
    Rating,
    StaffFigures,
    YearResults,
)
from khoi_thidua.schema.bloc import read_file_year
from khoi_thidua.schema.count import COUNT_KEYS, parse_count
from khoi_thidua.schema.decisions import parse_decisions
from khoi_thidua.schema.fields import FieldReader, Table, id_key, join
from khoi_thidua.schema.shared import rating_hint, read_date
from khoi_thidua.schema.wording import type_name
from khoi_thidua.text_checks import lookalike_note

TOP_KEYS = ("schema", "year", "note", "conference", "results", "granted", "decisions")
CONFERENCE_KEYS = ("date", "place", "ballots", "attendees", "secretary", *COUNT_KEYS)
RESULT_KEYS = (
    "score",
    "self_score",
    "rating",
    "discipline",
    "discipline_note",
    "criteria",
    "staff",
    "votes",
    "note",
)
STAFF_KEYS = ("count", "advanced_share", "all_completed", "has_base_soldier")
GRANTED_KEYS = ("member", "award", "decision", "date", "issuer")

# The code of the problem "votes given, ballots not": the workbook import names its cell.
VOTES_WITHOUT_BALLOTS = "votes-without-ballots"
# The codes of results problems whose hint is TOML syntax ("add `x = 1`"): told at a sheet's
# cell, such a hint does not help, so the importers leave it out.
TOML_HINT_CODES = frozenset({"missing-key", VOTES_WITHOUT_BALLOTS})
EMPTY_CELL = "empty-cell"  # a value left empty in a sheet: the code the importers tell it with


RATING_IDS = [r.value for r in Rating]
DISCIPLINE_IDS = [d.value for d in Discipline]


def parse_results(
    msgs: Messages,
    doc: Table,
    bloc: Bloc,
    year: int,
    file: str,
    lines: Mapping[str, int] | None = None,
    award_ids: Collection[str] | None = None,
    require_scores: bool = False,
) -> tuple[YearResults | None, list[Problem]]:
    """Validate ``doc`` for ``year`` of ``bloc``; award ids are checked when given.

    A unit's ``score`` may be left out only in a year without a conference's votes (a past
    year brought in with its ratings); ``require_scores`` asks for it in every case.
    """
    reader = FieldReader(file, msgs, lines)
    reader.known_keys(doc, "", TOP_KEYS)
    read_file_year(
        reader,
        doc,
        year,
        lambda stated: reader.t(
            "rename the file to results-{stated}.toml or fix `year`", stated=stated
        ),
    )
    note = reader.text(doc, "note", "") or ""

    conference = reader.table(doc, "conference", "") or {}
    reader.known_keys(conference, "conference", CONFERENCE_KEYS)
    ballots = reader.integer(conference, "ballots", "conference", minimum=1)
    attendees = reader.integer(conference, "attendees", "conference", minimum=1)
    conference_date = read_date(reader, conference, "date", "conference")
    place = reader.text(conference, "place", "conference") or ""
    secretary = reader.text(conference, "secretary", "conference") or ""
    count = parse_count(reader, conference, bloc, year, ballots)

    results = _results(reader, doc, bloc, year, ballots, award_ids, require_scores)
    granted = _granted(reader, doc, bloc, year, award_ids)
    decisions = parse_decisions(reader, doc, bloc, year, award_ids)
    if not reader.ok:
        return None, reader.problems
    return (
        YearResults(
            year=year,
            results=tuple(results),
            ballots=ballots,
            conference_date=conference_date or "",
            conference_place=place,
            attendees=attendees,
            granted=tuple(granted),
            note=note,
            secretary=secretary,
            count=count,
            decisions=tuple(decisions),
        ),
        reader.problems,
    )


def _member_ref(
    reader: FieldReader, bloc: Bloc, year: int, member_id: str, key: str, what: str
) -> bool:
    """True when ``member_id`` is a member in ``year``; ``what`` is "result" or "award"."""
    if not bloc.has_member(member_id):
        near = [m.id for m in bloc.members if id_key(m.id) == id_key(member_id)]
        note = lookalike_note(reader.msgs, member_id, near[0]) if near else ""
        hint = (
            reader.t("ids are exact: did you mean `{id}`?", id=near[0])
            + (f" ({note})" if note else "")
            if near
            else reader.t(
                "use a member id from bloc.toml: {ids}", ids=", ".join(m.id for m in bloc.members)
            )
        )
        message = (
            reader.t("a result for `{id}`, which is not a member id", id=member_id)
            if what == "result"
            else reader.t("an award for `{id}`, which is not a member id", id=member_id)
        )
        reader.error(key, message, hint, code="unknown-member")
        return False
    if not bloc.member(member_id).is_member_in(year):
        message = (
            reader.t(
                "a result for `{id}`, which is not a member of the bloc in {year}",
                id=member_id,
                year=year,
            )
            if what == "result"
            else reader.t(
                "an award for `{id}`, which is not a member of the bloc in {year}",
                id=member_id,
                year=year,
            )
        )
        reader.error(
            key,
            message,
            reader.t("check the member's `joined`/`left` in bloc.toml"),
            code="not-a-member",
        )
        return False
    return True


def _results(
    reader: FieldReader,
    doc: Table,
    bloc: Bloc,
    year: int,
    ballots: int | None,
    award_ids: Collection[str] | None,
    require_scores: bool,
) -> list[MemberResult]:
    table = reader.table(doc, "results", "", required=True) or {}
    # A year with a conference ranks its units by score; a past year may have ratings only.
    voted = ballots is not None or any(
        isinstance(entry, dict) and "votes" in entry for entry in table.values()
    )
    scoring = bloc.scoring
    out: list[MemberResult] = []
    for member_id, entry in table.items():
        path = join("results", member_id)
        member_ok = _member_ref(reader, bloc, year, member_id, path, "result")
        if not isinstance(entry, dict):
            reader.error(
                path,
                reader.t(
                    "the result of `{id}` must be a table, not {kind}",
                    id=member_id,
                    kind=type_name(reader.msgs, entry),
                ),
                code="wrong-type",
            )
            continue
        reader.known_keys(entry, path, RESULT_KEYS)
        score = reader.number(
            entry,
            "score",
            path,
            required=require_scores or voted,
            minimum=scoring.min_score,
            maximum=scoring.max_score,
        )
        self_score = reader.number(
            entry, "self_score", path, minimum=scoring.min_score, maximum=scoring.max_score
        )
        rating_id = reader.choice(entry, "rating", path, RATING_IDS, hint=rating_hint(reader.msgs))
        discipline_id = reader.choice(entry, "discipline", path, DISCIPLINE_IDS, default="none")
        criteria = _criteria(reader, entry, path, bloc)
        staff = _staff(reader, entry, path)
        votes = _votes(reader, entry, path, ballots, award_ids)
        scored = score is not None or not (require_scores or voted)
        if member_ok and scored and rating_id is not None and discipline_id is not None:
            out.append(
                MemberResult(
                    member=member_id,
                    score=score,
                    rating=Rating(rating_id),
                    self_score=self_score,
                    criteria=criteria,
                    discipline=Discipline(discipline_id),
                    discipline_note=reader.text(entry, "discipline_note", path) or "",
                    staff=staff,
                    votes=votes,
                    note=reader.text(entry, "note", path) or "",
                    votes_recorded="votes" in entry,
                )
            )
    return out


def _criteria(
    reader: FieldReader, entry: Table, path: str, bloc: Bloc
) -> tuple[tuple[str, float], ...]:
    table = reader.table(entry, "criteria", path)
    if table is None:
        return ()
    limits = {c.id: c.max for c in bloc.scoring.criteria}
    out: list[tuple[str, float]] = []
    for cid in table:
        key = join(join(path, "criteria"), cid)
        if cid not in limits:
            hint = (
                reader.t(
                    "criteria are declared under [[scoring.criteria]] in bloc.toml: {ids}",
                    ids=", ".join(limits),
                )
                if limits
                else reader.t("declare the criteria under [[scoring.criteria]] in bloc.toml first")
            )
            reader.error(
                key,
                reader.t("unknown scoring criterion `{id}`", id=cid),
                hint,
                code="unknown-criterion",
            )
            continue
        value = reader.number(table, cid, join(path, "criteria"), minimum=0, maximum=limits[cid])
        if value is not None:
            out.append((cid, value))
    return tuple(out)


def _staff(reader: FieldReader, entry: Table, path: str) -> StaffFigures | None:
    table = reader.table(entry, "staff", path)
    if table is None:
        return None
    spath = join(path, "staff")
    reader.known_keys(table, spath, STAFF_KEYS)
    count = reader.integer(table, "count", spath, required=True, minimum=1)
    share = reader.number(table, "advanced_share", spath, required=True, minimum=0, maximum=1)
    if count is None or share is None:
        return None
    return StaffFigures(
        count=count,
        advanced_share=share,
        all_completed=reader.boolean(table, "all_completed", spath, default=True),
        has_base_soldier=reader.boolean(table, "has_base_soldier", spath, default=False),
    )


def _votes(
    reader: FieldReader,
    entry: Table,
    path: str,
    ballots: int | None,
    award_ids: Collection[str] | None,
) -> tuple[tuple[str, int], ...]:
    table = reader.table(entry, "votes", path)
    if table is None:
        return ()
    vpath = join(path, "votes")
    out: list[tuple[str, int]] = []
    for award in table:
        key = join(vpath, award)
        if award_ids is not None and award not in award_ids:
            reader.error(
                key,
                reader.t("unknown award id `{award}`", award=award),
                reader.t("award ids: {ids}", ids=", ".join(award_ids)),
                code="unknown-award",
            )
            continue
        count = reader.integer(table, award, vpath, minimum=0)
        if count is None:
            continue
        if ballots is None:
            if any(p.key == "conference.ballots" for p in reader.problems):
                continue  # a bad `ballots` is already reported; "not given" would mislead
            reader.error(
                key,
                reader.t("votes are given but the number of ballots cast is not"),
                reader.t("add `ballots = <number>` under [conference]"),
                code=VOTES_WITHOUT_BALLOTS,
            )
        elif count > ballots:
            reader.error(
                key,
                reader.t(
                    "{count} votes is more than the {ballots} ballots cast",
                    count=count,
                    ballots=ballots,
                ),
                code="votes-exceed-ballots",
            )
        out.append((award, count))
    return tuple(out)


def _granted(
    reader: FieldReader, doc: Table, bloc: Bloc, year: int, award_ids: Collection[str] | None
) -> list[GrantedAward]:
    out: list[GrantedAward] = []
    seen: set[tuple[str, str]] = set()
    for path, table in reader.table_list(doc, "granted", ""):
        reader.known_keys(table, path, GRANTED_KEYS)
        member = reader.identifier(table, "member", path)
        award = reader.identifier(table, "award", path)
        decision = reader.text(table, "decision", path, required=True)
        date = read_date(reader, table, "date", path, required=True)
        issuer = reader.text(table, "issuer", path) or ""
        if member is not None and not _member_ref(
            reader, bloc, year, member, f"{path}.member", "award"
        ):
            member = None
        if award is not None and award_ids is not None and award not in award_ids:
            reader.error(
                f"{path}.award",
                reader.t("unknown award id `{award}`", award=award),
                reader.t("award ids: {ids}", ids=", ".join(award_ids)),
                code="unknown-award",
            )
            award = None
        if member and award and decision is not None and date is not None:
            if (member, award) in seen:
                reader.error(
                    path,
                    reader.t(
                        "`{award}` for `{member}` is recorded twice", award=award, member=member
                    ),
                    code="award-recorded-twice",
                )
                continue
            seen.add((member, award))
            out.append(GrantedAward(member, award, decision, date, issuer))
    return out
