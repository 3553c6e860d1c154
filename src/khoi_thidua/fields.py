"""Typed reading of parsed TOML tables that collects every problem instead of stopping at one."""

from __future__ import annotations

import difflib
import math
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from khoi_thidua.errors import Problem
from khoi_thidua.model import MAX_YEAR, MIN_YEAR
from khoi_thidua.toml_lines import line_for

Table = Mapping[str, Any]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Letters of other scripts drawn like Latin ones. An id typed with a Russian or Greek keyboard
# layout left on looks identical to the eye, so it must count as the same id, and be named.
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁһӏԛԝАВЕКМНОРСТУХІЈЅαοινρτΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhlqwABEKMHOPCTYXIJSaoivptABEZHIKMNOPTYX",
)


def id_key(text: str) -> str:
    """The form under which two ids count as the same: case, accents, đ/d and look-alikes folded.

    "BTC", "btс" (Cyrillic с) and "btč" all give "btc".
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_LOOKALIKES))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D").casefold()


def lookalike_note(typed: str, known: str) -> str:
    """Names the letters where two ids that look alike differ, when one is not plain ASCII.

    An unknown id that *looks* exactly like a known one is a riddle to the user unless the
    message says which letter is foreign: "`btс` has CYRILLIC SMALL LETTER ES (U+0441) where
    `btc` has LATIN SMALL LETTER C (U+0063)".
    """
    typed, known = nfc(typed), nfc(known)
    if len(typed) == len(known):
        pairs = [(a, b) for a, b in zip(typed, known, strict=True) if a != b]
        foreign = [(a, b) for a, b in pairs if not (a.isascii() and b.isascii())]
        if not foreign:
            return ""
        return "; ".join(
            f"`{typed}` has {_char_name(a)} where `{known}` has {_char_name(b)}" for a, b in foreign
        )
    others = [ch for ch in typed if not ch.isascii()]
    if not others:
        return ""
    return f"`{typed}` contains " + ", ".join(_char_name(ch) for ch in others)


def _char_name(ch: str) -> str:
    return f"{unicodedata.name(ch, 'an unnamed character')} (U+{ord(ch):04X})"


class FieldReader:
    """Reads values out of one file's tables, recording a Problem for each bad value.

    Each getter returns a usable value or ``None``; callers carry on so that a single
    pass reports every mistake in the file.
    """

    def __init__(self, file: str, lines: Mapping[str, int] | None = None) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._lines: Mapping[str, int] = lines if lines is not None else {}

    # -- reporting ---------------------------------------------------------------------
    def error(self, key: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.file, key, message, hint, self._line(key)))

    def warning(self, key: str, message: str, hint: str = "") -> None:
        self.problems.append(
            Problem(self.file, key, message, hint, self._line(key), severity="warning")
        )

    def _line(self, key: str) -> int | None:
        return line_for(self._lines, key)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    # -- structure -----------------------------------------------------------------------
    def known_keys(self, table: Table, path: str, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = (
                    f"did you mean `{close[0]}`?"
                    if close
                    else "allowed keys: " + ", ".join(f"`{k}`" for k in allowed)
                )
                self.error(join(path, key), f"unknown key `{key}`", hint)

    def table(self, parent: Table, key: str, path: str, required: bool = False) -> Table | None:
        full = join(path, key)
        if key not in parent:
            if required:
                self.error(full, f"missing table `{key}`", f"add a `[{full}]` section")
            return None
        value = parent[key]
        if not isinstance(value, Mapping):
            self.error(full, f"`{key}` must be a table, not {type_name(value)}")
            return None
        return value

    def table_list(self, parent: Table, key: str, path: str) -> list[tuple[str, Table]]:
        full = join(path, key)
        value = parent.get(key, [])
        if not isinstance(value, list):
            self.error(full, f"`{key}` must be a list of tables (`[[{full}]]`)")
            return []
        tables: list[tuple[str, Table]] = []
        for index, item in enumerate(value):
            item_path = f"{full}[{index}]"
            if not isinstance(item, Mapping):
                self.error(item_path, f"each `{key}` entry must be a table, not {type_name(item)}")
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
                self.error(full, f"missing `{key}`", f'add `{key} = "…"`')
                return None
            return default
        value = table[key]
        if not isinstance(value, str):
            self.error(full, f"`{key}` must be text in quotes, not {type_name(value)}")
            return None
        if value != nfc(value):
            self.warning(
                full,
                "text is not in Unicode NFC form (accents typed as separate marks)",
                "khoi reads it as NFC; retype it or save the file as NFC to silence this",
            )
        if required and not value.strip():
            self.error(full, f"`{key}` is empty")
            return None
        return nfc(value)

    def identifier(self, table: Table, key: str, path: str, required: bool = True) -> str | None:
        value = self.text(table, key, path, required=required, default="")
        if value is None or (not required and value == ""):
            return value
        if not value or any(ch.isspace() for ch in value):
            self.error(
                join(path, key),
                f"id `{value}` must be a short word without spaces",
                'use letters, digits and "-", e.g. "ban-to-chuc"',
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
                self.error(full, f"missing `{key}`", f"add `{key} = <number>`")
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(full, f"`{key}` must be a whole number, not {type_name(value)}")
            return None
        if minimum is not None and value < minimum:
            self.error(full, f"`{key}` = {value} is below the minimum {minimum}")
            return None
        if maximum is not None and value > maximum:
            self.error(full, f"`{key}` = {value} is above the maximum {maximum}")
            return None
        return value

    def year(self, table: Table, key: str, path: str, required: bool = False) -> int | None:
        full = join(path, key)
        value = table.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            if not MIN_YEAR <= value <= MAX_YEAR:
                self.error(
                    full,
                    f"year {value} is out of range",
                    f"a year is four digits between {MIN_YEAR} and {MAX_YEAR}",
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
                self.error(full, f"missing `{key}`", f"add `{key} = <number>`")
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(full, f"`{key}` must be a number, not {type_name(value)}")
            return None
        number = float(value)
        if not math.isfinite(number):
            self.error(full, f"`{key}` must be a finite number")
            return None
        if minimum is not None and number < minimum:
            self.error(full, f"`{key}` = {value} is below the minimum {minimum:g}")
            return None
        if maximum is not None and number > maximum:
            self.error(full, f"`{key}` = {value} is above the maximum {maximum:g}")
            return None
        return number

    def boolean(self, table: Table, key: str, path: str, default: bool = False) -> bool:
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, bool):
            self.error(join(path, key), f"`{key}` must be true or false, not {type_name(value)}")
            return default
        return value

    def text_list(self, table: Table, key: str, path: str, required: bool = False) -> list[str]:
        full = join(path, key)
        if key not in table:
            if required:
                self.error(full, f"missing `{key}`", f'add `{key} = ["…", "…"]`')
            return []
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(full, f"`{key}` must be a list of quoted texts")
            return []
        return [nfc(v) for v in value]

    def choice(
        self,
        table: Table,
        key: str,
        path: str,
        choices: Iterable[str],
        default: str | None = None,
        hint: str = "",
    ) -> str | None:
        choices = list(choices)
        full = join(path, key)
        if key not in table:
            if default is None:
                self.error(full, f"missing `{key}`", "one of: " + ", ".join(choices))
            return default
        value = table[key]
        if not isinstance(value, str) or nfc(value) not in choices:
            close = difflib.get_close_matches(str(value), choices, n=1)
            guess = f"did you mean `{close[0]}`? " if close else ""
            self.error(
                full,
                f"`{key}` = {value!r} is not allowed",
                guess + (hint or "one of: " + ", ".join(choices)),
            )
            return None
        return nfc(value)


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def type_name(value: object) -> str:
    names = {
        str: "text",
        int: "a whole number",
        float: "a decimal number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
    }
    for kind, name in names.items():
        if type(value) is kind:
            return name
    return type(value).__name__
