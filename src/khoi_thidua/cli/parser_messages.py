"""The argument parser's error messages (click's, inside Typer) in the language in force.

Click writes its messages in English with no catalog of its own to hook into, so a usage
error is translated here, once it is raised and before Typer prints it: each known English
form is matched and its parts (names, values, click's own detail) are carried into the
Vietnamese sentence. A form not listed stays in English, as click wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from khoi_thidua import i18n
from khoi_thidua.i18n import t, tn

Fill = Callable[[dict[str, str]], str]


def _extra(parts: dict[str, str]) -> str:
    count = len(parts["args"].split())
    return tn(
        "Got unexpected extra argument ({args})",
        "Got unexpected extra arguments ({args})",
        count,
        args=parts["args"],
    )


# (English form as click writes it, the translation of its parts). Order matters: the first
# form that matches the whole message wins.
_FORMS: list[tuple[re.Pattern[str], Fill]] = [
    (
        re.compile(r"No such command (?P<name>'.*')\. Did you mean (?P<close>.*)\?"),
        lambda p: t("No such command {name}. Did you mean {close}?", **p),
    ),
    (re.compile(r"No such command (?P<name>'.*')\."), lambda p: t("No such command {name}.", **p)),
    (
        re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<close>.*)\)"),
        lambda p: t("No such option: {name} (Possible options: {close})", **p),
    ),
    (re.compile(r"No such option: (?P<name>\S+)"), lambda p: t("No such option: {name}", **p)),
    (re.compile(r"Missing argument (?P<name>.*)\."), lambda p: t("Missing argument {name}.", **p)),
    (re.compile(r"Missing option (?P<name>.*)\."), lambda p: t("Missing option {name}.", **p)),
    (
        re.compile(r"Option (?P<name>'.*') requires an argument\."),
        lambda p: t("Option {name} requires an argument.", **p),
    ),
    (re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)"), _extra),
    (
        re.compile(r"Invalid value for (?P<name>.*?): (?P<detail>.*)", re.S),
        lambda p: t("Invalid value for {name}: {detail}", name=p["name"], detail=_detail(p)),
    ),
    (
        re.compile(r"Invalid value: (?P<detail>.*)", re.S),
        lambda p: t("Invalid value: {detail}", detail=_detail(p)),
    ),
]

# The detail Typer's value checks give after "Invalid value for …:".
_DETAILS: list[tuple[re.Pattern[str], Fill]] = [
    (
        re.compile(r"Input should be a valid integer, unable to parse string as an integer"),
        lambda p: t("not a whole number"),
    ),
    (
        re.compile(r"Input should be greater than or equal to (?P<low>\S+)"),
        lambda p: t("must be {low} or more", **p),
    ),
    (
        re.compile(r"Input should be less than or equal to (?P<high>\S+)"),
        lambda p: t("must be {high} or less", **p),
    ),
    (
        re.compile(r"(?:Value error, )?(?P<value>'.*') is not one of (?P<choices>.*?)\.?", re.S),
        lambda p: t("{value} is not one of {choices}.", **p),
    ),
]


def _detail(parts: dict[str, str]) -> str:
    return _match(_DETAILS, parts["detail"]) or parts["detail"]


def _match(forms: list[tuple[re.Pattern[str], Fill]], text: str) -> str | None:
    for pattern, fill in forms:
        found = pattern.fullmatch(text)
        if found:
            return fill(found.groupdict())
    return None


def translate(message: str) -> str:
    """``message`` (click's English) in the language in force.

    English keeps click's wording except its "argument(s)", which takes its plural form.
    """
    forms = _FORMS if i18n.language() != "en" else [f for f in _FORMS if f[1] is _extra]
    return _match(forms, message.strip()) or message


def translate_error(error: Any) -> None:
    """Make ``error`` (a click usage error) print its message in the language in force."""
    english = error.format_message()
    text = translate(english)
    if text != english:
        error.format_message = lambda: text
