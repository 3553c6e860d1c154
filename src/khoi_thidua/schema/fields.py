"""Typed reading of parsed TOML tables that collects every problem instead of stopping at one."""

from __future__ import annotations

import difflib
import math
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from khoi_thidua.errors import Problem
from khoi_thidua.folding import bare_letters
from khoi_thidua.i18n import Messages
from khoi_thidua.model import MAX_YEAR, MIN_YEAR
from khoi_thidua.schema.toml_lines import line_for
from khoi_thidua.schema.wording import above, below, one_of, type_name
from khoi_thidua.text_checks import not_text, visible

Table = Mapping[str, Any]

S = TypeVar("S", bound=str)  # a choice: a string, or a literal type of strings


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def id_key(text: str) -> str:
    """The form under which two ids count as the same: case, accents, đ/d, look-alikes,
    compatibility forms and invisible characters folded.

    "BTC", "btс" (Cyrillic с), "btč", "ｂｔｃ" (full-width) and "bt\u200bc" all give "btc".
    """
    return bare_letters(text, lookalikes=True)


class FieldReader:
    """Reads values out of one file's tables, recording a Problem for each bad value.

    Each getter returns a usable value or ``None``; callers carry on so that a single
    pass reports every mistake in the file. The problems are worded in the language of
    ``msgs``, which the store hands in (the parser never reads the run's language).
    """

    def __init__(self, file: str, msgs: Messages, lines: Mapping[str, int] | None = None) -> None:
        self.file = file
        self.msgs = msgs
        self.problems: list[Problem] = []
        self._lines: Mapping[str, int] = lines if lines is not None else {}

    # -- wording -------------------------------------------------------------------------
    def t(self, message: str, /, **values: Any) -> str:
        """``message`` in the reader's language, with ``{name}`` fields filled in."""
        return self.msgs.t(message, **values)

    def tn(self, singular: str, plural: str, count: float, /, **values: Any) -> str:
        """``singular`` or ``plural`` by ``count``, in the reader's language."""
        return self.msgs.tn(singular, plural, count, **values)

    # -- reporting ---------------------------------------------------------------------
    def error(self, key: str, message: str, hint: str = "", *, code: str) -> None:
        line = self._line(key)
        self.problems.append(
            Problem(self.file, visible(key), visible(message), hint, line, code=code)
        )

    def warning(self, key: str, message: str, hint: str = "", *, code: str) -> None:
        line = self._line(key)
        self.problems.append(
            Problem(self.file, visible(key), visible(message), hint, line, "warning", code=code)
        )

    def _not_text(self, full: str, value: str) -> bool:
        """Record an error when ``value`` holds a control character or legacy-font text."""
        problem = not_text(self.msgs, value)
        if problem is not None:
            self.error(full, problem.message, problem.hint, code=problem.code)
        return problem is not None

    def _line(self, key: str) -> int | None:
        return line_for(self._lines, key)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def missing(self, full: str, key: str, hint: str) -> None:
        """Report that ``key`` (at ``full``) is missing, with how to add it."""
        self.error(full, self.t("missing `{key}`", key=key), hint, code="missing-key")

    # -- structure -----------------------------------------------------------------------
    def known_keys(self, table: Table, path: str, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = (
                    self.t("did you mean `{choice}`?", choice=close[0])
                    if close
                    else self.t("allowed keys: {keys}", keys=", ".join(f"`{k}`" for k in allowed))
                )
                self.error(
                    join(path, key),
                    self.t("unknown key `{key}`", key=key),
                    hint,
                    code="unknown-key",
                )

    def table(self, parent: Table, key: str, path: str, required: bool = False) -> Table | None:
        full = join(path, key)
        if key not in parent:
            if required:
                self.error(
                    full,
                    self.t("missing table `{key}`", key=key),
                    self.t("add a `[{section}]` section", section=full),
                    code="missing-key",
                )
            return None
        value = parent[key]
        if not isinstance(value, Mapping):
            self.error(
                full,
                self.t(
                    "`{key}` must be a table, not {kind}", key=key, kind=type_name(self.msgs, value)
                ),
                code="wrong-type",
            )
            return None
        return value

    def table_list(self, parent: Table, key: str, path: str) -> list[tuple[str, Table]]:
        full = join(path, key)
        value = parent.get(key, [])
        if not isinstance(value, list):
            self.error(
                full,
                self.t("`{key}` must be a list of tables (`[[{path}]]`)", key=key, path=full),
                code="wrong-type",
            )
            return []
        tables: list[tuple[str, Table]] = []
        for index, item in enumerate(value):
            item_path = f"{full}[{index}]"
            if not isinstance(item, Mapping):
                self.error(
                    item_path,
                    self.t(
                        "each `{key}` entry must be a table, not {kind}",
                        key=key,
                        kind=type_name(self.msgs, item),
                    ),
                    code="wrong-type",
                )
                continue
            tables.append((item_path, item))
        return tables

    # -- scalars -------------------------------------------------------------------------
    def text(
        self, table: Table, key: str, path: str, required: bool = False, default: str = ""
    ) -> str | None:
        full = join(path, key)
        if key not in table:
            if required:
                self.missing(full, key, self.t('add `{key} = "…"`', key=key))
                return None
            return default
        value = table[key]
        if not isinstance(value, str):
            self.error(
                full,
                self.t(
                    "`{key}` must be text in quotes, not {kind}",
                    key=key,
                    kind=type_name(self.msgs, value),
                ),
                code="wrong-type",
            )
            return None
        if self._not_text(full, value):
            return None
        if value != nfc(value):
            self.warning(
                full,
                self.t("text is not in Unicode NFC form (accents typed as separate marks)"),
                self.t("khoi reads it as NFC; retype it or save the file as NFC to silence this"),
                code="not-nfc",
            )
        if required and not value.strip():
            self.error(full, self.t("`{key}` is empty", key=key), code="empty-text")
            return None
        return nfc(value)

    def identifier(self, table: Table, key: str, path: str, required: bool = True) -> str | None:
        value = self.text(table, key, path, required=required, default="")
        if value is None or (not required and value == ""):
            return value
        if not value or any(ch.isspace() for ch in value):
            self.error(
                join(path, key),
                self.t("id `{value}` must be a short word without spaces", value=value),
                self.t('use letters, digits and "-", e.g. "ban-to-chuc"'),
                code="bad-id",
            )
            return None
        return value

    def integer(
        self,
        table: Table,
        key: str,
        path: str,
        required: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        full = join(path, key)
        if key not in table:
            if required:
                self.missing(full, key, self.t("add `{key} = <number>`", key=key))
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                full,
                self.t(
                    "`{key}` must be a whole number, not {kind}",
                    key=key,
                    kind=type_name(self.msgs, value),
                ),
                code="wrong-type",
            )
            return None
        if minimum is not None and value < minimum:
            self.error(full, below(self.msgs, key, value, str(minimum)), code="out-of-range")
            return None
        if maximum is not None and value > maximum:
            self.error(full, above(self.msgs, key, value, str(maximum)), code="out-of-range")
            return None
        return value

    def year(self, table: Table, key: str, path: str, required: bool = False) -> int | None:
        full = join(path, key)
        value = table.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            if not MIN_YEAR <= value <= MAX_YEAR:
                self.error(
                    full,
                    self.t("year {year} is out of range", year=value),
                    self.t(
                        "a year is four digits between {first} and {last}",
                        first=MIN_YEAR,
                        last=MAX_YEAR,
                    ),
                    code="out-of-range",
                )
                return None
            return value
        return self.integer(table, key, path, required=required)

    def number(
        self,
        table: Table,
        key: str,
        path: str,
        required: bool = False,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | None:
        full = join(path, key)
        if key not in table:
            if required:
                self.missing(full, key, self.t("add `{key} = <number>`", key=key))
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(
                full,
                self.t(
                    "`{key}` must be a number, not {kind}",
                    key=key,
                    kind=type_name(self.msgs, value),
                ),
                code="wrong-type",
            )
            return None
        number = float(value)
        if not math.isfinite(number):
            self.error(full, self.t("`{key}` must be a finite number", key=key), code="not-finite")
            return None
        if minimum is not None and number < minimum:
            self.error(full, below(self.msgs, key, value, f"{minimum:g}"), code="out-of-range")
            return None
        if maximum is not None and number > maximum:
            self.error(full, above(self.msgs, key, value, f"{maximum:g}"), code="out-of-range")
            return None
        return number

    def boolean(self, table: Table, key: str, path: str, default: bool = False) -> bool:
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, bool):
            self.error(
                join(path, key),
                self.t(
                    "`{key}` must be true or false, not {kind}",
                    key=key,
                    kind=type_name(self.msgs, value),
                ),
                code="wrong-type",
            )
            return default
        return value

    def text_list(self, table: Table, key: str, path: str, required: bool = False) -> list[str]:
        full = join(path, key)
        if key not in table:
            if required:
                self.missing(full, key, self.t('add `{key} = ["…", "…"]`', key=key))
            return []
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(
                full, self.t("`{key}` must be a list of quoted texts", key=key), code="wrong-type"
            )
            return []
        if any(self._not_text(f"{full}[{i}]", v) for i, v in enumerate(value)):
            return []
        return [nfc(v) for v in value]

    def choice(
        self,
        table: Table,
        key: str,
        path: str,
        choices: Iterable[S],
        default: S | None = None,
        hint: str = "",
    ) -> S | None:
        """The value at ``key`` when it is one of ``choices`` (as the choice itself, so a
        literal type carries over), else None with the problem recorded."""
        choices = list(choices)
        full = join(path, key)
        if key not in table:
            if default is None:
                self.missing(full, key, one_of(self.msgs, choices))
            return default
        value = table[key]
        if not isinstance(value, str) or nfc(value) not in choices:
            close = difflib.get_close_matches(str(value), choices, n=1)
            guess = self.t("did you mean `{choice}`?", choice=close[0]) + " " if close else ""
            self.error(
                full,
                self.t("`{key}` = {value} is not allowed", key=key, value=repr(value)),
                guess + (hint or one_of(self.msgs, choices)),
                code="not-allowed",
            )
            return None
        return next(c for c in choices if c == nfc(value))


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
