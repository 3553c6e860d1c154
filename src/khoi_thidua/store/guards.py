"""Guards every read: regular files only, bounded size, structure limits before any parser."""

from __future__ import annotations

import io
import os
import re
import stat
import string
import zipfile
import zlib
from pathlib import Path

from khoi_thidua import i18n
from khoi_thidua.errors import DataError, MissingInputError, Problem
from khoi_thidua.i18n import t
from khoi_thidua.store.kinds import FileKind, Limits

MIB = 1024 * 1024
XML_PARTS = (".xml", ".rels", ".vml")  # the parts office readers parse
# What a damaged zip raises while it is listed or read; the office reader then reports it.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    ValueError,
    OSError,
    EOFError,
    NotImplementedError,
    RuntimeError,  # an encrypted member
)
# O_NONBLOCK: if a FIFO is swapped in between the check and the open, open() returns at once.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _not_regular(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return t("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("a device")
    if stat.S_ISSOCK(mode):
        return t("a socket")
    return t("not a regular file")


def _refuse_special(name: str, mode: int) -> MissingInputError:
    return MissingInputError(
        t(
            "{file} is {what}, not a regular file; khoi reads only regular files",
            file=name,
            what=_not_regular(mode),
        ),
        t("give the path of the file itself (a link to a regular file is fine)"),
    )


def read_regular(path: Path, name: str, limit: int, folder_message: str) -> bytes:
    """The bytes of a regular file (symlinks followed), checked before opening: a folder, a
    FIFO, a device or a socket is refused, and no more than ``limit`` bytes are read."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise MissingInputError(t("{file} does not exist", file=name)) from None
    except OSError as exc:
        raise MissingInputError(
            t("{file} cannot be read: {reason}", file=name, reason=exc.strerror)
        ) from None
    if stat.S_ISDIR(mode):
        raise MissingInputError(folder_message, t("rename or remove the folder"))
    if not stat.S_ISREG(mode):
        raise _refuse_special(name, mode)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise MissingInputError(t("{file} does not exist", file=name)) from None
    except OSError as exc:
        # The operating system's reason (exc.strerror) comes in the system's own language.
        raise MissingInputError(
            t("{file} cannot be read: {reason}", file=name, reason=exc.strerror)
        ) from None
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(opened):  # replaced between the check and the open
            raise _refuse_special(name, opened)
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise MissingInputError(
                t("{file} cannot be read: {reason}", file=name, reason=exc.strerror)
            ) from None
    if len(raw) > limit:
        size = limit // MIB
        raise DataError(
            i18n.current(),
            [
                Problem(
                    name,
                    "",
                    t("the file is larger than {size} MB", size=size),
                    code="file-too-large",
                )
            ],
        )
    return raw


def _refuse(name: str, message: str, hint: str, line: int | None = None, *, code: str) -> DataError:
    return DataError(i18n.current(), [Problem(name, "", message, hint, line, code=code)])


# One token of TOML outside strings, for the structure scan; strings and comments are skipped
# whole, so text inside them never counts.
_TOML_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|'
    r"'''[\s\S]*?'''|"
    r'"(?:[^"\\\n]|\\.)*"?|'
    r"'[^'\n]*'?|"
    r"#[^\n]*|"
    r"[A-Za-z0-9_+\-:]+|"
    r"[ \t\r]+|"
    r"[\s\S]"
)
_INTEGER = re.compile(r"[+-]?(?:0[xob])?[0-9A-Fa-f_]+")


# Strings and comments, for the quick look: what is left holds every bracket, dot and number
# the parser will see as structure.
_QUOTED = re.compile(
    r'"""[\s\S]*?"""|' r"'''[\s\S]*?'''|" r'"(?:[^"\\\n]|\\.)*"|' r"'[^'\n]*'|#[^\n]*"
)
_BRACKET = re.compile(r"[\[\]{}]")
_WORDISH = str.maketrans(dict.fromkeys(string.ascii_letters + string.digits + "_", "a"))


def _clearly_within(text: str, limits: Limits) -> bool:
    """True when ``text`` is plainly within every limit, judged by C-speed scans that can only
    err on the side of a closer look (any doubt: False, and the exact scan decides)."""
    if len(text) > limits.line_chars and max(map(len, text.split("\n"))) > limits.line_chars:
        return False
    bare = _QUOTED.sub('""', text)
    # A long integer is a long run of ASCII letters, digits and underscores (the exact scan's
    # tokens are ASCII): map those to "a" and look for the run.
    if "a" * (limits.integer_digits + 1) in bare.translate(_WORDISH):
        return False
    if any(line.count(".") >= limits.key_parts for line in bare.split("\n")):
        return False
    depth = 0
    for bracket in _BRACKET.findall(bare):
        depth = depth + 1 if bracket in "[{" else max(0, depth - 1)
        if depth > limits.depth:
            return False
    return True


def check_toml(text: str, name: str, limits: Limits) -> None:
    """Refuse TOML that would exhaust memory or time in the parser: lines too long, dotted keys
    with too many parts, nesting too deep, integers with too many digits. Linear time; an
    ordinary file takes the quick look only."""
    if _clearly_within(text, limits):
        return
    depth = 0
    parts = 1
    for match in _TOML_TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first in "[{":
            depth += 1
            if depth > limits.depth:
                raise _too_much(text, match.start(), name, "depth", limits.depth)
        elif first in "]}":
            depth = max(0, depth - 1)
        elif first == ".":
            parts += 1
            if parts > limits.key_parts:
                raise _too_much(text, match.start(), name, "parts", limits.key_parts)
            continue
        elif first.isdigit() or (first in "+-" and token[1:2].isdigit()):
            digits = sum(ch.isalnum() for ch in token)
            if _INTEGER.fullmatch(token) and digits > limits.integer_digits:
                raise _too_much(text, match.start(), name, "digits", limits.integer_digits)
        if first not in " \t\r\"'" and not (first.isalnum() or first in "_-"):
            parts = 1
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > limits.line_chars:
            raise _refuse(
                name,
                t(
                    "the line has {count} characters; at most {limit} are allowed",
                    count=len(line),
                    limit=limits.line_chars,
                ),
                t("split the text over several lines or shorten it"),
                number,
                code="line-too-long",
            )


def _too_much(text: str, position: int, name: str, what: str, limit: int) -> DataError:
    line = text.count("\n", 0, position) + 1
    if what == "depth":
        message = t("lists or tables nested too deeply (more than {limit})", limit=limit)
    elif what == "parts":
        message = t("a dotted key has more than {limit} parts", limit=limit)
    else:
        message = t("an integer has more than {limit} digits", limit=limit)
    return _refuse(
        name, message, t("this is not a bloc's data; check the file"), line, code="too-complex"
    )


def check_office(data: bytes, name: str, limits: Limits) -> None:
    """Refuse a zip-based office file whose declared contents would exhaust memory when
    parsed: too many members, too much uncompressed data, or a compression ratio of a bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except ZIP_ERRORS:
        return  # not a readable zip: the office reader reports it as a damaged file
    hint = t("this is not a sheet or template made for khoi; open it in Office and save it again")
    if len(members) > limits.entries:
        raise _refuse(
            name,
            t(
                "the file holds {count} parts; at most {limit} are allowed",
                count=len(members),
                limit=limits.entries,
            ),
            hint,
            code="too-many-parts",
        )
    total = 0
    for member in members:
        total += member.file_size
        xml = member.filename.lower().endswith(XML_PARTS)
        if xml and member.file_size > limits.part_bytes:
            raise _refuse(
                name,
                t(
                    "the part {part} unpacks to {size} MB; at most {limit} MB are allowed",
                    part=member.filename[:80],
                    size=member.file_size // MIB,
                    limit=limits.part_bytes // MIB,
                ),
                hint,
                code="unpacks-too-large",
            )
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > MIB and ratio > limits.ratio:
            raise _refuse(
                name,
                t(
                    "the part {part} is compressed {ratio} times; at most {limit} times is "
                    "allowed (a zip bomb, not an office file)",
                    part=member.filename[:80],
                    ratio=ratio,
                    limit=limits.ratio,
                ),
                hint,
                code="zip-bomb",
            )
    if total > limits.unpacked_bytes:
        raise _refuse(
            name,
            t(
                "the file unpacks to {size} MB; at most {limit} MB are allowed",
                size=total // MIB,
                limit=limits.unpacked_bytes // MIB,
            ),
            hint,
            code="unpacks-too-large",
        )
    _refuse_declarations(data, members, name, hint)


# Office parts never declare a DTD; one that does can expand entities into gigabytes or into
# text that breaks the document written from it.
_DECLARATIONS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


def _refuse_declarations(data: bytes, members: list[zipfile.ZipInfo], name: str, hint: str) -> None:
    parts = [m for m in members if m.filename.lower().endswith(XML_PARTS)]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in parts:
                content = archive.read(member).upper()
                if any(marker in content for marker in _DECLARATIONS):
                    raise _refuse(
                        name,
                        t(
                            "the part {part} declares a DTD or XML entities, which office "
                            "files never do",
                            part=member.filename[:80],
                        ),
                        hint,
                        code="xml-entities",
                    )
    except ZIP_ERRORS:
        return  # a damaged member: the office reader reports the file as damaged


def check_csv(text: str, name: str, limits: Limits) -> None:
    """Refuse a CSV file whose first line is longer than any header khoi writes."""
    end = text.find("\n", 0, limits.line_chars + 1)
    if end < 0 and len(text) > limits.line_chars:
        raise _refuse(
            name,
            t(
                "the first line is longer than {limit} characters",
                limit=limits.line_chars,
            ),
            t("this is not a scoring sheet; export the sheet made by khoi template as CSV"),
            1,
            code="line-too-long",
        )


def read_kind(path: Path, name: str, kind: FileKind, folder_message: str) -> bytes:
    """Read ``path`` as a file of ``kind``: regular file, size limit, and (for office files)
    the zip limits, all before any parser sees the bytes. Text forms are checked by the
    caller once decoded (check_toml, check_csv)."""
    from khoi_thidua.store.kinds import Form

    data = read_regular(path, name, kind.max_bytes, folder_message)
    if kind.form is Form.OFFICE:
        check_office(data, name, kind.limits)
    return data
