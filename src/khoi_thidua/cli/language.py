"""Chooses the language of a run and translates the command tree's help texts into it."""

from __future__ import annotations

from typing import Any

from khoi_thidua import i18n
from khoi_thidua.i18n import t

# Typer's own panel titles and fixed strings, for Vietnamese help screens and usage errors.
# Click's "Usage:" prefix is set by the commands (cli/boundary.py) and its parser's messages
# ("No such option") are translated once raised (cli/parser_messages.py).
_TYPER_TITLES_VI = {
    "ARGUMENTS_PANEL_TITLE": "Đối số",
    "OPTIONS_PANEL_TITLE": "Tùy chọn",
    "COMMANDS_PANEL_TITLE": "Lệnh",
    "REQUIRED_LONG_STRING": "[bắt buộc]",
    "DEFAULT_STRING": "[mặc định: {}]",
    "ENVVAR_STRING": "[biến môi trường: {}]",
    "DEPRECATED_STRING": "(không còn dùng) ",
    "ERRORS_PANEL_TITLE": "Lỗi",
    "ABORTED_TEXT": "Đã hủy.",
    "RICH_HELP": "Xem [blue]'{command_path} {help_option}'[/] để được hướng dẫn.",
}
_typer_titles_en: dict[str, Any] = {}


def choose_language(option: str | None) -> str:
    """The run's language from ``--lang``, ``KHOI_LANG`` or the locale; a usage error if unknown."""
    from khoi_thidua.errors import UsageError

    try:
        return i18n.detect_language(option)
    except i18n.UnknownLanguageError as exc:
        raise UsageError(
            t("unknown language {value}", value=repr(exc.value)),
            t("use --lang en or --lang vi (or KHOI_LANG)"),
        ) from None


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


def apply_typer_titles() -> None:
    """Typer's panel titles in the language in force.

    Called just before Typer draws a help screen or an error panel: importing
    ``typer.rich_utils`` loads rich's markdown and syntax modules, which a run that only
    prints a result must not pay for.
    """
    from typer import rich_utils

    if not _typer_titles_en:
        _typer_titles_en.update({k: getattr(rich_utils, k) for k in _TYPER_TITLES_VI})
    titles = _TYPER_TITLES_VI if i18n.language() == "vi" else _typer_titles_en
    for name, value in titles.items():
        setattr(rich_utils, name, value)


def apply_language(command: Any, code: str) -> None:
    """Set the run's language and translate every help text of ``command`` and below."""
    i18n.set_language(code)
    if code != "en":
        names = getattr(command, "context_settings", {}).get("help_option_names", ["--help"])
        _translate(command, set(), names)


def translate_command(command: Any) -> None:
    """Translate the help texts of one command built after the language was chosen."""
    names = getattr(command, "context_settings", {}).get("help_option_names", ["-h", "--help"])
    _translate(command, set(), names)


def _translate_help_option(command: Any, names: list[str]) -> None:
    """Click's own ``--help`` option, made now (as click would on first use) and translated.

    Click builds it lazily and keeps it out of ``params``; building it here with the help
    option names the command's context will have gives the same option click would.
    """
    import typer

    get_help_option = getattr(command, "get_help_option", None)
    if get_help_option is None:
        return
    option = get_help_option(typer.Context(command, help_option_names=names))
    if option is not None and option.help == "Show this message and exit.":
        option.help = t("Show this message and exit.")


def _translate(command: Any, seen: set[int], names: list[str]) -> None:
    if id(command) in seen:
        return
    seen.add(id(command))
    names = getattr(command, "context_settings", {}).get("help_option_names", names)
    _translate_help_option(command, names)
    for attribute in ("help", "short_help"):
        text = getattr(command, attribute, None)
        if isinstance(text, str) and text:
            setattr(command, attribute, i18n.t(text))
    for param in getattr(command, "params", []):
        text = getattr(param, "help", None)
        if isinstance(text, str) and text:
            param.help = i18n.t(text)
    for child in getattr(command, "commands", {}).values():
        _translate(child, seen, names)
