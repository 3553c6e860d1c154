"""What several of khoi's file parsers read alike: dates, ratings, ids used once, members."""

from __future__ import annotations

import datetime as dt
import functools

from khoi_thidua.i18n import Messages
from khoi_thidua.model import RATING_LABELS_VI, Rating
from khoi_thidua.schema.fields import FieldReader, Table, id_key, join
from khoi_thidua.schema.wording import one_of


@functools.cache
def rating_hint(msgs: Messages) -> str:
    """The ratings a result accepts, each with its Vietnamese name (the same in both languages).

    Worked out once per language: a province's files hold tens of thousands of results."""
    return one_of(msgs, (f"{r.value} ({RATING_LABELS_VI[r]})" for r in Rating))


def read_date(
    reader: FieldReader,
    table: Table,
    key: str,
    path: str,
    required: bool = False,
    text: bool = True,
) -> str | None:
    """A TOML date as ``YYYY-MM-DD`` (``text``: ISO text accepted too), or None with the
    problem recorded; a missing key is a problem only when ``required``."""
    full = join(path, key)
    if key not in table:
        if required:
            reader.missing(
                full, key, reader.t("add `{key} = 2022-01-07` (year-month-day)", key=key)
            )
        return None
    value = table[key]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if text and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    reader.error(
        full,
        reader.t(
            "`{key}` must be a date written 2022-01-07, not {value}", key=key, value=repr(value)
        ),
        code="bad-date",
    )
    return None


def member_this_year(reader: FieldReader, key: str, unit: str, active: list[str]) -> bool:
    """True when ``unit`` is one of the year's ``active`` members, else reported."""
    if unit in active:
        return True
    reader.error(
        key,
        reader.t("`{id}` is not a member of the bloc this year", id=unit),
        reader.t("members this year: {ids}", ids=", ".join(active)),
        code="not-a-member",
    )
    return False


def used_twice(reader: FieldReader, key: str, value: str, seen: set[str]) -> bool:
    """True (and reported) when ``value`` was already used in the same list."""
    if id_key(value) in seen:
        reader.error(
            key,
            reader.t("id `{id}` is used twice", id=value),
            reader.t("give each entry its own id"),
            code="duplicate-id",
        )
        return True
    seen.add(id_key(value))
    return False
