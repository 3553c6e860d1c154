"""Messages in English or Vietnamese: the catalog lookup and the language a renderer is given.

What renders text, and the pure core (the parsers and what raises errors), take a
:class:`Messages` (the language of the run, chosen by the CLI) and call its ``t``/``tn``. The
module-level ``t``/``tn`` and :func:`current` read the run's language set by ``set_language``:
they are for the CLI, the application layer and the store (the layer that reads the files and
hands ``current()`` to the parsers); a test keeps them out of the renderers and the pure core.
"""

from __future__ import annotations

import functools
import os
import tomllib
from importlib import resources
from typing import Any, Literal

from khoi_thidua.records import record

Language = Literal["en", "vi"]

LANGUAGES = ("en", "vi")
# The run's language, in a mutable holder rather than a rebound global.
_state = {"language": "en"}


def detect_language(option: str | None = None, environ: dict[str, str] | None = None) -> str:
    """``--lang``, then ``KHOI_LANG``, then the locale (``vi*`` → Vietnamese), else English."""
    env = os.environ if environ is None else environ
    for value in (option, env.get("KHOI_LANG")):
        if value:
            return normalise(value)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


class UnknownLanguageError(ValueError):
    """A language khoi has no catalog for (the command line makes it a usage error).

    A plain ValueError rather than a KhoiError: the error classes translate their own
    messages, so they sit above this module and it never imports them.
    """

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


def normalise(value: str) -> str:
    """``vi``, ``vi_VN.UTF-8``, ``VI`` → ``vi``; anything else that is not English fails."""
    code = value.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    if code not in LANGUAGES:
        raise UnknownLanguageError(value)
    return code


def set_language(code: str) -> None:
    _state["language"] = normalise(code)


def language() -> str:
    return _state["language"]


def current() -> Messages:
    """The messages of the run's language, for the CLI, the application layer and the store to
    hand to what renders text or reads data."""
    return VIETNAMESE if _state["language"] == "vi" else ENGLISH


@functools.cache
def catalog() -> dict[str, str]:
    """English message → Vietnamese, merged from every ``locale/*.toml`` file."""
    merged: dict[str, str] = {}
    folder = resources.files("khoi_thidua") / "locale"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            text = entry.read_text(encoding="utf-8")
            for item in tomllib.loads(text).get("messages", []):
                merged[item["en"]] = item["vi"]
    return merged


def t(message: str, /, **values: Any) -> str:
    """``message`` in the language in force, with ``{name}`` fields filled from ``values``.

    A message missing from the catalog stays in English (a test keeps the catalog complete).
    """
    if _state["language"] == "vi":
        message = catalog().get(message, message)
    return message.format(**values) if values else message


def tn(singular: str, plural: str, count: float, /, **values: Any) -> str:
    """``singular`` or ``plural`` by ``count`` (filled in as ``{count}``), in the language in force.

    English has two forms: one for exactly 1, the other for every other number (0, 2, 1.5).
    Vietnamese has one form, catalogued under the English singular: "1 ghế", "3 ghế".
    """
    english = singular if count == 1 else plural
    message = catalog().get(singular, english) if _state["language"] == "vi" else english
    return message.format(count=count, **values)


@record
class Messages:
    """The messages of one language: what a renderer is given instead of reading a global."""

    language: Language = "en"

    def t(self, message: str, /, **values: Any) -> str:
        """``message`` in this language, with ``{name}`` fields filled from ``values``."""
        if self.language == "vi":
            message = catalog().get(message, message)
        return message.format(**values) if values else message

    def tn(self, singular: str, plural: str, count: float, /, **values: Any) -> str:
        """``singular`` or ``plural`` by ``count`` (as ``{count}``), in this language."""
        english = singular if count == 1 else plural
        message = catalog().get(singular, english) if self.language == "vi" else english
        return message.format(count=count, **values)


ENGLISH = Messages("en")
VIETNAMESE = Messages("vi")


def messages(code: str) -> Messages:
    """The messages of ``code`` (``vi``, ``vi_VN.UTF-8``, ``en``…); unknown codes fail."""
    return VIETNAMESE if normalise(code) == "vi" else ENGLISH
