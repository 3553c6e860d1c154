"""Finds the data root and bloc folders, and reads their TOML files into the model."""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from khoi_thidua import i18n
from khoi_thidua.errors import DataError, MissingInputError, Problem, UsageError
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc
from khoi_thidua.records import record
from khoi_thidua.schema.bloc import parse_bloc
from khoi_thidua.schema.toml_lines import LazyLines
from khoi_thidua.store.guards import check_toml, read_kind, read_regular
from khoi_thidua.store.kinds import BLOC_FILE, Limits, kind_named, kind_of


@record
class TomlFile:
    """A parsed TOML file with the line of each key path, for messages."""

    path: Path
    doc: dict[str, Any]
    lines: Mapping[str, int]


def results_file(bloc_dir: Path, year: int) -> Path:
    return bloc_dir / kind_named("results").file_name(year)


def display(path: Path) -> str:
    """A path as the user will recognise it: relative to the working folder when inside it."""
    # abspath, not resolve(): no symlink walk for each of a province's thousands of files.
    absolute = Path(os.path.abspath(path))  # noqa: PTH100
    try:
        return str(absolute.relative_to(_folder(os.getcwd())))  # noqa: PTH109 (a plain str key)
    except ValueError:
        return str(path)


@functools.lru_cache(maxsize=8)
def _folder(cwd: str) -> Path:
    return Path(os.path.abspath(cwd))  # noqa: PTH100


def read_limited(path: Path, name: str, limit: int, folder_message: str) -> bytes:
    """The bytes of ``path``, or a clear error: a folder, a missing or unreadable file, a file
    that is not a regular file (FIFO, device, socket: refused before opening, so no hang), or
    a file over ``limit`` bytes (read no further than that, whatever its size)."""
    return read_regular(path, name, limit, folder_message)


def read_toml(path: Path) -> TomlFile:
    """Read and parse ``path`` as UTF-8 TOML, or raise a clear error naming the file."""
    name = display(path)
    kind = kind_of(path) or kind_named("bloc-toml")
    raw = read_kind(path, name, kind, t("{file} is a folder, but a file was expected", file=name))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark left by Windows Notepad is harmless
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            i18n.current(),
            [
                Problem(
                    name,
                    "",
                    _not_utf8(raw, exc.start),
                    t("save it as UTF-8 (in Notepad: Save as → Encoding: UTF-8)"),
                    code="not-utf8",
                )
            ],
        ) from None
    if not text.strip():
        raise DataError(
            i18n.current(),
            [
                Problem(
                    name,
                    "",
                    t("the file is empty"),
                    t("write the file's contents (docs/data.md describes each file) or delete it"),
                    code="empty-file",
                )
            ],
        )
    try:
        doc = _parsed(text, name, kind.limits)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(i18n.current(), [_bad_toml(exc, text, name)]) from None
    except ValueError:
        # int() refuses integers of thousands of digits; the scan above stops most of them.
        too_long = t("a number is too long")
        raise DataError(
            i18n.current(),
            [Problem(name, "", t("not valid TOML: {error}", error=too_long), code="bad-toml")],
        ) from None
    except RecursionError:
        # tomllib recurses once per nested [ or {; thousands of them are a broken file, not data.
        too_deep = t("lists or tables nested too deeply")
        raise DataError(
            i18n.current(),
            [Problem(name, "", t("not valid TOML: {error}", error=too_deep), code="bad-toml")],
        ) from None
    return TomlFile(path, doc, LazyLines(text))


def toml_document(text: str, name: str) -> dict[str, Any]:
    """``text`` (of the file ``name``) parsed as TOML, or a DataError with the line and the fix:
    how a writer reads back, inside its lock, the text it found or the text it is about to
    write."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(i18n.current(), [_bad_toml(exc, text, name)]) from None


def _bad_toml(exc: tomllib.TOMLDecodeError, text: str, name: str) -> Problem:
    message = str(exc)
    match = re.search(r"at line (\d+)", message)
    line = int(match.group(1)) if match else None
    lines = text.splitlines()
    line_text = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    # tomllib's own description of the mistake stays in English; the hint says the fix.
    return Problem(
        name,
        "",
        t("not valid TOML: {error}", error=message),
        _syntax_hint(message, line_text),
        line,
        code="bad-toml",
    )


@functools.lru_cache(maxsize=2)
def _parsed(text: str, name: str, limits: Limits) -> dict[str, Any]:
    """``text`` checked against ``limits`` and parsed. A file read twice in a row (a results
    file for its conference date, then for its results) is parsed once: the same text gives
    the same document, which its readers never change. Only the last two are kept, so a
    batch run holds no more than that, whatever the files' size."""
    check_toml(text, name, limits)
    return tomllib.loads(text)


def _not_utf8(raw: bytes, position: int) -> str:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return t("the file is saved as UTF-32, not UTF-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return t("the file is saved as UTF-16 (Notepad's “Unicode”), not UTF-8")
    if b"\x00" in raw[:4096]:
        return t("the file is not text (it holds binary data, e.g. an image or a Word file)")
    return t("the file is not UTF-8 text (bad byte at position {position})", position=position)


_CURLY_QUOTES = "“”„‘’‚"
_DECIMAL_COMMA = re.compile(r"=\s*[+-]?\d+,\d")
_BARE_KEY = re.compile(r"^\s*([^=\"'\[#]+?)\s*=")


def _syntax_hint(message: str, line: str) -> str:
    """A fix for the TOML mistakes people actually make, judged from the line they are on."""
    if any(ch in line for ch in _CURLY_QUOTES):
        return t('use straight quotes (") instead of “ ” (Word and phones change them as you type)')
    if _DECIMAL_COMMA.search(line):
        return t("write decimals with a point (92.5), not a comma")
    key = _BARE_KEY.match(line)
    if key and not key.group(1).isascii():
        return t(
            "keys are written in plain letters, digits, - and _ (e.g. `province`); "
            "Vietnamese text goes inside quotes, as a value"
        )
    if message.startswith("Cannot overwrite a value"):
        return t("a key is written twice in the same section; keep one")
    if message.startswith("Cannot declare"):
        return t("a [section] is written twice; merge the two into one")
    if message.startswith("Illegal character '\\n'"):
        return t("a quote opened on this line is not closed")
    if message.startswith("Invalid date"):
        return t("a date is written year-month-day and must exist, e.g. 2022-01-07")
    if message.startswith("Unclosed array"):
        return t("items of a list are separated by commas and the list ends with ]")
    return t("check quotes, brackets and `=` on that line")


def bloc_dirs(root: Path) -> list[Path]:
    """Every bloc folder under the data root (or the root itself if it is a bloc folder)."""
    if not root.exists():
        raise MissingInputError(
            t("the data folder {folder} does not exist", folder=display(root)),
            t(
                "pass --data DIR or set KHOI_DATA to the folder that holds the bloc folders, "
                "or create a bloc there with `khoi init`"
            ),
        )
    if not root.is_dir():
        raise MissingInputError(t("the data path {path} is not a folder", path=display(root)))
    if (root / BLOC_FILE).exists():
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / BLOC_FILE).exists())


def choose_bloc_dir(root: Path, bloc_id: str | None) -> Path:
    """The folder of the bloc asked for, or the only bloc when none is named."""
    dirs = bloc_dirs(root)
    if bloc_id is not None:
        for path in dirs:
            if path.name == bloc_id:
                return path
        if (root / bloc_id).is_dir():
            raise MissingInputError(
                t("{file} does not exist", file=display(root / bloc_id / BLOC_FILE)),
                t("every bloc folder needs a bloc.toml: `khoi init` creates one"),
            )
        raise UsageError(
            t("no bloc `{bloc}` in {folder}", bloc=bloc_id, folder=display(root)),
            t("blocs here: {blocs}", blocs=", ".join(p.name for p in dirs) or t("none")),
        )
    if not dirs:
        raise MissingInputError(
            t(
                "no bloc folder (a folder with {file}) in {folder}",
                file=BLOC_FILE,
                folder=display(root),
            ),
            t(
                "create a bloc here with `khoi init --data {folder}`, or pass --data DIR",
                folder=display(root),
            ),
        )
    if len(dirs) > 1:
        raise UsageError(
            t(
                "{folder} holds {count} blocs; say which with --bloc",
                folder=display(root),
                count=len(dirs),
            ),
            t("blocs here: {blocs}", blocs=", ".join(p.name for p in dirs)),
        )
    return dirs[0]


def check_bloc(bloc_dir: Path) -> tuple[Bloc | None, list[Problem]]:
    """Parse the bloc's file, returning every problem found (errors and warnings)."""
    file = read_toml(bloc_dir / BLOC_FILE)
    return parse_bloc(i18n.current(), file.doc, bloc_dir.name, display(file.path), file.lines)


def load_bloc(bloc_dir: Path) -> Bloc:
    bloc, problems = check_bloc(bloc_dir)
    if bloc is None:
        raise DataError(i18n.current(), problems)
    return bloc


def result_years(bloc_dir: Path) -> list[int]:
    """Years that have a results file in the bloc folder, oldest first."""
    kind = kind_named("results")
    return sorted(y for y in map(kind.year_of, (p.name for p in bloc_dir.iterdir())) if y)
