"""The words of the field reader's problems that several parsers share, in the language given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from khoi_thidua.i18n import Messages


def one_of(msgs: Messages, choices: Iterable[str]) -> str:
    """The hint listing the values a key accepts."""
    return msgs.t("one of: {choices}", choices=", ".join(choices))


def below(msgs: Messages, key: str, value: object, minimum: str) -> str:
    """The problem of a value under the minimum a key accepts."""
    return msgs.t(
        "`{key}` = {value} is below the minimum {minimum}", key=key, value=value, minimum=minimum
    )


def above(msgs: Messages, key: str, value: object, maximum: str) -> str:
    """The problem of a value over the maximum a key accepts."""
    return msgs.t(
        "`{key}` = {value} is above the maximum {maximum}", key=key, value=value, maximum=maximum
    )


def type_name(msgs: Messages, value: object) -> str:
    """What a TOML value is, in words, for "… must be X, not <type_name>"."""
    names = {
        str: msgs.t("text"),
        int: msgs.t("a whole number"),
        float: msgs.t("a decimal number"),
        bool: msgs.t("true/false"),
        list: msgs.t("a list"),
        dict: msgs.t("a table"),
        dt.date: msgs.t("a date"),
        dt.datetime: msgs.t("a date and time"),
        dt.time: msgs.t("a time of day"),
    }
    for kind, name in names.items():
        if type(value) is kind:
            return name
    return type(value).__name__
