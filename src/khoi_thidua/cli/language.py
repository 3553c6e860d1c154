"""Chooses the language of a run and translates the command tree's help texts into it."""

from __future__ import annotations

from typing import Any

from khoi_thidua import i18n

# Typer's own panel titles, for Vietnamese help screens.
_TYPER_TITLES_VI = {
    "ARGUMENTS_PANEL_TITLE": "Đối số",
    "OPTIONS_PANEL_TITLE": "Tùy chọn",
    "COMMANDS_PANEL_TITLE": "Lệnh",
    "REQUIRED_LONG_STRING": "[bắt buộc]",
    "DEFAULT_STRING": "[mặc định: {}]",
    "ENVVAR_STRING": "[biến môi trường: {}]",
}
_typer_titles_en: dict[str, Any] = {}


def split_lang_argument(argv: list[str]) -> tuple[str | None, list[str]]:
    """Take ``--lang X`` / ``--lang=X`` out of ``argv`` wherever it stands."""
    rest: list[str] = []
    value: str | None = None
    skip = False
    for index, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "--":
            rest.extend(argv[index:])
            break
        if arg == "--lang" and index + 1 < len(argv):
            value, skip = argv[index + 1], True
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return value, rest


def apply_language(command: Any, code: str) -> None:
    """Set the run's language and translate every help text of ``command`` and below."""
    from typer import rich_utils

    i18n.set_language(code)
    if not _typer_titles_en:
        _typer_titles_en.update({k: getattr(rich_utils, k) for k in _TYPER_TITLES_VI})
    titles = _TYPER_TITLES_VI if code == "vi" else _typer_titles_en
    for name, value in titles.items():
        setattr(rich_utils, name, value)
    if code != "en":
        _translate(command, set())


def _translate(command: Any, seen: set[int]) -> None:
    if id(command) in seen:
        return
    seen.add(id(command))
    for attribute in ("help", "short_help"):
        text = getattr(command, attribute, None)
        if isinstance(text, str) and text:
            setattr(command, attribute, i18n.t(text))
    for param in getattr(command, "params", []):
        text = getattr(param, "help", None)
        if isinstance(text, str) and text:
            param.help = i18n.t(text)
    for child in getattr(command, "commands", {}).values():
        _translate(child, seen)
