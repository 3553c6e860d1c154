"""The ``init`` command: create a bloc folder from flags, or by asking on a terminal."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from khoi_thidua import i18n
from khoi_thidua.cli.options import DEFAULT_DATA, DataOption
from khoi_thidua.cli.output import say
from khoi_thidua.errors import KhoiError, UsageError
from khoi_thidua.i18n import t
from khoi_thidua.model import MAX_YEAR, MIN_YEAR, Member, Policy

T = TypeVar("T")


def init(
    name: Annotated[
        str | None, typer.Option("--name", help="The bloc's full name (tên khối thi đua).")
    ] = None,
    organiser: Annotated[
        str | None,
        typer.Option("--organiser", help="Who organises the bloc, e.g. Ủy ban nhân dân tỉnh."),
    ] = None,
    province: Annotated[
        str | None, typer.Option("--province", help="The province (optional).")
    ] = None,
    members_file: Annotated[
        Path | None,
        typer.Option(
            "--members",
            help="A .csv or .xlsx list of the member units: name and short name (id optional).",
        ),
    ] = None,
    policy: Annotated[
        Policy | None,
        typer.Option(
            "--policy",
            help="How leaders are chosen: circular, elected or appointed.",
            show_default=False,
        ),
    ] = None,
    order: Annotated[
        str | None,
        typer.Option(
            "--order", help="Rotation order: member ids separated by commas (default: the list)."
        ),
    ] = None,
    chair: Annotated[
        str | None,
        typer.Option("--chair", help="This year's Trưởng khối: id, short name or name."),
    ] = None,
    vice_chair: Annotated[
        str | None,
        typer.Option("--vice-chair", help="This year's Phó khối: id, short name or name."),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", min=MIN_YEAR, max=MAX_YEAR, help="The year of --chair (default: this year)."
        ),
    ] = None,
    bloc_id: Annotated[
        str | None,
        typer.Option("--bloc", "-b", help="The bloc's id, its folder name (default: from --name)."),
    ] = None,
    data: DataOption = DEFAULT_DATA,
) -> None:
    """Create a bloc folder with a commented bloc.toml that khoi check accepts.

    On a terminal it asks for what the flags do not give; otherwise (a script, cron) every
    missing answer is an error. It never overwrites an existing bloc.

    Examples:

      khoi init

      khoi init --name "Khối thi đua các cơ quan Đảng" --organiser "Ủy ban nhân dân tỉnh"
      --members don-vi.xlsx --chair btc --vice-chair duk --year 2025

      khoi init --name "Khối thi đua số 3" --organiser "UBND tỉnh" --members don-vi.csv
      --policy elected
    """
    from khoi_thidua.app import new_bloc
    from khoi_thidua.store import display

    ask = Asker(on_terminal())
    name = ask.text(name, "--name", t("Bloc name (tên khối thi đua)"))
    organiser = ask.text(
        organiser, "--organiser", t("Organiser (đơn vị tổ chức)"), "Ủy ban nhân dân tỉnh"
    )
    for flag, value in (("--name", name), ("--organiser", organiser)):
        if not value:
            raise UsageError(t("{flag} is empty", flag=flag))
    if province is None and ask.interactive:
        province = ask.text(None, "", t("Province (optional)"), "")
    bloc_id = new_bloc.folder_name(
        ask.text(bloc_id, "", t("Bloc id (folder name)"), new_bloc.suggested_id(name))
    )
    if members_file is None and ask.interactive:

        def member_list() -> list[tuple[str, str, str]]:
            question = t("Member list (.csv or .xlsx), or Enter to type the members")
            # a file dragged onto a terminal arrives quoted
            typed = ask.text(None, "", question, "").strip("'\"")
            return new_bloc.read_members(Path(typed)) if typed else ask.members()

        rows = ask.retry(member_list)
    elif members_file is None:
        raise ask.missing("--members")
    else:
        rows = new_bloc.read_members(members_file)
    drafted = new_bloc.draft_members(rows)
    if not drafted:
        raise UsageError(t("the bloc has no members"), t("list at least one member unit"))
    known = tuple(Member(m.id, m.name, m.short) for m in drafted)
    if ask.interactive:
        say("\n".join(f"  {m.id:<10} {m.name}" for m in drafted))
    chosen = ask.choice(
        policy.value if policy else None,
        t("Rotation policy"),
        [p.value for p in Policy],
        Policy.CIRCULAR.value,
    )
    the_policy = Policy(chosen)
    default_order = ", ".join(m.id for m in drafted)
    question = t("Rotation order (ids, separated by commas)")
    rotation_order = ask.retry(
        lambda: _order(known, ask.text(order, "", question, default_order)), order is None
    )
    leadership: tuple[int, str, str | None] | None = None  # a recorded year, its chair, vice
    needs_leaders = the_policy is Policy.CIRCULAR
    this_year = dt.date.today().year
    if chair is None and ask.interactive:
        year = year or ask.year(t("Year"), this_year)
        optional = "" if not needs_leaders else None
        question = t("Trưởng khối that year (id, short name or name)")
        chair_id = ask.retry(lambda: _member(known, ask.text(None, "", question, optional)))
        vice_id = None
        if chair_id:
            question = t("Phó khối that year (optional)")
            vice_id = ask.retry(
                lambda: _member(known, ask.text(vice_chair, "", question, "")),
                vice_chair is None,
            )
        if chair_id:
            leadership = (year, chair_id, vice_id or None)
    elif chair:
        chair_id = _member(known, chair)
        vice_id = _member(known, vice_chair) if vice_chair else None
        leadership = (year or this_year, chair_id, vice_id)
    if leadership is not None and leadership[1] == leadership[2]:
        raise UsageError(t("the Phó khối must be another member than the Trưởng khối"))
    if leadership is None and needs_leaders:
        raise UsageError(
            t("a circular bloc starts from a recorded year: give --chair (and --vice-chair)"),
            t("or choose --policy elected or --policy appointed"),
        )
    written = new_bloc.create_bloc(
        data,
        bloc_id,
        name,
        organiser,
        province or "",
        drafted,
        rotation_order,
        the_policy,
        leadership,
    )
    say(
        t(
            "Created {file} with {count} members. Next: `khoi check`, then `khoi rotate`.",
            file=display(written),
            count=len(drafted),
        )
    )


def on_terminal() -> bool:
    """True when a person can answer: stdin is a terminal (never in cron or a pipe)."""
    return sys.stdin.isatty()


class Asker:
    """Asks on a terminal for what the flags did not give; off a terminal, refuses."""

    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive

    def missing(self, flag: str) -> UsageError:
        return UsageError(
            t("{flag} is required when khoi init does not run on a terminal", flag=flag),
            t("give every answer as a flag (see `khoi init --help`), or run it in a terminal"),
        )

    def text(self, given: str | None, flag: str, question: str, default: str | None = None) -> str:
        """``given`` when set; else the answer to ``question``, or ``default`` off a terminal."""
        if given is not None:
            return given.strip()
        if not self.interactive:
            if default is not None:
                return default
            raise self.missing(flag)
        while True:
            answer = str(
                typer.prompt(question, default=default, err=True, show_default=bool(default))
            )
            if answer.strip() or default == "":
                return answer.strip()

    def choice(self, given: str | None, question: str, choices: list[str], default: str) -> str:
        """One of ``choices``, asked again on a terminal until the answer is one of them."""
        while True:
            answer = self.text(given, "", f"{question} ({', '.join(choices)})", default)
            if answer in choices:
                return answer
            if not self.interactive or given is not None:
                raise UsageError(t("choose one of: {choices}", choices=", ".join(choices)))
            say(t("choose one of: {choices}", choices=", ".join(choices)))

    def retry(self, ask_once: Callable[[], T], prompted: bool = True) -> T:
        """``ask_once()``, asked again after an error while it prompts on a terminal."""
        while True:
            try:
                return ask_once()
            except KhoiError as exc:
                if not (self.interactive and prompted):
                    raise
                say(f"{exc.message}" + (f" ({exc.hint})" if exc.hint else ""))

    def year(self, question: str, default: int) -> int:
        """A year typed on the terminal, asked again until it is one."""
        while True:
            answer = self.text(None, "", question, str(default))
            if answer.isdigit() and MIN_YEAR <= int(answer) <= MAX_YEAR:
                return int(answer)
            say(t("{answer} is not a year", answer=answer))

    def members(self) -> list[tuple[str, str, str]]:
        """Members typed one by one: a name, then its short name; an empty name ends."""
        rows: list[tuple[str, str, str]] = []
        while True:
            member = self.text(
                None, "", t("Member {number}: name (Enter when done)", number=len(rows) + 1), ""
            )
            if not member:
                return rows
            short = self.text(None, "", t("Short name (optional)"), "")
            rows.append(("", member, short))


def _member(known: tuple[Member, ...], query: str) -> str:
    """The id of the member ``query`` names; "" for an empty (skipped) answer."""
    from khoi_thidua.lookup import find_member

    return find_member(i18n.current(), known, query).id if query.strip() else ""


def _order(known: tuple[Member, ...], typed: str) -> tuple[str, ...]:
    """The rotation order typed as ids (or names) separated by commas: every member once."""
    ids = [_member(known, part) for part in typed.split(",") if part.strip()]
    missing = [m.id for m in known if m.id not in ids]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if missing or repeated:
        raise UsageError(
            t("the rotation order must list every member once"),
            t(
                "missing: {missing}; listed twice: {repeated}",
                missing=", ".join(missing) or "—",
                repeated=", ".join(repeated) or "—",
            ),
        )
    return tuple(ids)
