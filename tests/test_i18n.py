"""Every message and help text has a Vietnamese translation, and the catalog has no leftovers."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builders import loaded_app
from khoi_thidua import i18n

SRC = Path(__file__).resolve().parents[1] / "src" / "khoi_thidua"


def _calls(name: str) -> Iterator[tuple[str, list[str]]]:
    """(file:line, literal leading arguments) of every ``name(…)`` or ``x.name(…)`` call in src.

    ``msgs.t("…")`` is how a renderer given the language writes a message.
    """
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and (
                    (isinstance(node.func, ast.Name) and node.func.id == name)
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == name)
                )
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                texts = []
                for arg in node.args:
                    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                        break
                    texts.append(arg.value)
                yield f"{path.relative_to(SRC)}:{node.lineno}", texts


def _t_literals() -> Iterator[tuple[str, str]]:
    """(file:line, message) of every ``t("…")`` call, and the singular of every ``tn`` call.

    A plural message is catalogued under its English singular (Vietnamese has one form).
    """
    for name in ("t", "tn"):
        for where, texts in _calls(name):
            yield where, texts[0]


def _help_texts(command: Any) -> Iterator[str]:
    for attribute in ("help", "short_help"):
        text = getattr(command, attribute, None)
        if text:
            yield text
    for param in getattr(command, "params", []):
        if getattr(param, "help", None):
            yield param.help
    for child in getattr(command, "commands", {}).values():
        yield from _help_texts(child)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_a_translation() -> None:
    """Each literal message passed to t() has a Vietnamese entry in the catalog."""
    missing = [f"{where}: {msg!r}" for where, msg in _t_literals() if msg not in i18n.catalog()]
    assert not missing, "\n".join(missing)


def test_every_help_text_has_a_translation() -> None:
    """Each command and option help text of the app has a Vietnamese entry."""
    command = loaded_app()
    missing = sorted({text for text in _help_texts(command) if text not in i18n.catalog()})
    assert not missing, "\n".join(missing)


def test_translations_keep_their_fields() -> None:
    """A translation uses exactly the same {fields} as its English message."""
    wrong = [en for en, vi in i18n.catalog().items() if _fields(en) != _fields(vi)]
    assert not wrong, "\n".join(wrong)


def test_catalog_has_no_unused_entries() -> None:
    """Every catalog entry is still used by a message or a help text."""
    used = {msg for _, msg in _t_literals()} | set(_help_texts(loaded_app()))
    unused = sorted(set(i18n.catalog()) - used)
    assert not unused, "\n".join(unused)


def test_plural_forms_keep_their_fields() -> None:
    """Each tn() call gives two English forms with the same {fields}, neither written "(s)"."""
    calls = list(_calls("tn"))
    assert calls
    for where, texts in calls:
        singular, plural = texts
        assert singular != plural, where
        assert _fields(singular) == _fields(plural), where
        assert "(s)" not in singular + plural, where


def test_no_message_writes_a_plural_as_s_in_brackets() -> None:
    """No message or catalog entry writes "(s)": plurals go through i18n.tn."""
    found = [f"{where}: {msg}" for where, msg in _t_literals() if "(s)" in msg]
    found += [en for en in i18n.catalog() if "(s)" in en]
    assert not found, "\n".join(found)


def test_translations_are_vietnamese() -> None:
    """A Vietnamese entry is not a copy of the English one unless it holds no words."""
    same = [en for en, vi in i18n.catalog().items() if en == vi and re.search(r"[a-z]{4,}", en)]
    assert not same, "\n".join(same)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("vi", "vi"), ("vi_VN.UTF-8", "vi"), ("EN", "en"), ("en-US", "en")],
)
def test_language_codes_are_normalised(value: str, expected: str) -> None:
    """Locale-style codes map to the two supported languages."""
    assert i18n.normalise(value) == expected


def test_language_comes_from_option_then_env_then_locale() -> None:
    """--lang beats KHOI_LANG, which beats the locale; English is the default."""
    assert i18n.detect_language("vi", {"KHOI_LANG": "en"}) == "vi"
    assert i18n.detect_language(None, {"KHOI_LANG": "vi", "LANG": "en_US.UTF-8"}) == "vi"
    assert i18n.detect_language(None, {"LANG": "vi_VN.UTF-8"}) == "vi"
    assert i18n.detect_language(None, {"LC_ALL": "C.UTF-8", "LANG": "vi_VN"}) == "en"
    assert i18n.detect_language(None, {}) == "en"


def test_no_message_is_in_two_catalog_files() -> None:
    """Each English message is translated once, so no file silently overrides another."""
    import tomllib
    from importlib import resources

    owners: dict[str, list[str]] = {}
    folder = resources.files("khoi_thidua") / "locale"
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            for item in tomllib.loads(entry.read_text(encoding="utf-8")).get("messages", []):
                owners.setdefault(item["en"], []).append(entry.name)
    twice = {en: files for en, files in owners.items() if len(files) > 1}
    assert not twice, twice


def test_messages_are_given_their_language() -> None:
    """A Messages value renders in its own language, whatever the run's language is."""
    i18n.set_language("en")
    try:
        vi = i18n.messages("vi_VN.UTF-8")
        assert vi.t("Show this message and exit.") == i18n.catalog()["Show this message and exit."]
        assert i18n.ENGLISH.t("{n} units", n=2) == "2 units"
        assert i18n.current() is i18n.ENGLISH
        i18n.set_language("vi")
        assert i18n.current() is i18n.VIETNAMESE
        assert i18n.ENGLISH.t("Show this message and exit.") == "Show this message and exit."
    finally:
        i18n.set_language("en")
