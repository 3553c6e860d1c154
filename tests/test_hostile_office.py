"""Hostile office files: workbooks, CSV sheets and Word templates that would hang, exhaust memory
or crash a run are refused with a clear message naming the file, and no data file changes."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import REPO_DATA
from khoi_thidua.cli import app

YEAR = "2021"
ENV = {"NO_COLOR": "1", "COLUMNS": "400", "KHOI_LANG": "en", "KHOI_DEBUG": None}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Originals:
    """Valid files made by khoi itself, to be damaged by the cases."""

    workbook: bytes
    document: bytes


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> Originals:
    folder = tmp_path_factory.mktemp("originals")
    runner = CliRunner()
    for args in (
        ["template", YEAR, "-o", str(folder / "t.xlsx")],
        ["draft", YEAR, "--minutes", "-o", str(folder / "m.docx")],
    ):
        result = runner.invoke(app, [*args, "--data", str(REPO_DATA)], env=ENV)
        assert result.exit_code == 0, result.output
    return Originals((folder / "t.xlsx").read_bytes(), (folder / "m.docx").read_bytes())


def _rezip(original: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """``original`` (a zip) with each member passed through ``change`` (None drops it)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = change(info.filename, source.read(info))
            if data is not None:
                target.writestr(info.filename, data)
    return out.getvalue()


def _sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/sheet")


DOCTYPE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "&#60;w:p/&#62;">]>'


def _inject_doctype(data: bytes) -> bytes:
    return DOCTYPE + re.sub(rb"^<\?xml[^>]*\?>", b"", data)


# Each builder writes one hostile file into the folder and returns its path.
Builder = Callable[[Path, Originals], Path]


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _fifo(name: str) -> Builder:
    def build(folder: Path, _: Originals) -> Path:
        os.mkfifo(folder / name)
        return folder / name

    return build


def _link(name: str, target: str) -> Builder:
    def build(folder: Path, _: Originals) -> Path:
        (folder / name).symlink_to(target)
        return folder / name

    return build


def _socket(name: str) -> Builder:
    def build(folder: Path, _: Originals) -> Path:
        os.mknod(folder / name, stat.S_IFSOCK | 0o600)
        return folder / name

    return build


def _folder(name: str) -> Builder:
    def build(folder: Path, _: Originals) -> Path:
        (folder / name).mkdir()
        return folder / name

    return build


def _bytes(name: str, make: Callable[[Originals], bytes]) -> Builder:
    return lambda folder, o: _write(folder, name, make(o))


@dataclass(frozen=True)
class Case:
    """One hostile file, the command it is given to, and what must come out."""

    id: str
    build: Builder
    command: str  # "import" or "template"
    exit_code: int
    expect: str
    posix_only: bool = False


def _zeros_member(size: int) -> Callable[[Originals], bytes]:
    return lambda o: _rezip(
        o.workbook, lambda n, d: b"<x>" + b" " * size + b"</x>" if _sheet(n) else d
    )


CASES = [
    # ── only regular files are read ──
    Case("fifo-workbook", _fifo("diem.xlsx"), "import", 66, "is a named pipe (FIFO)", True),
    Case("fifo-csv", _fifo("diem.csv"), "import", 66, "is a named pipe (FIFO)", True),
    Case(
        "workbook-links-to-dev-zero",
        _link("z.xlsx", "/dev/zero"),
        "import",
        66,
        "is a device",
        True,
    ),
    Case("csv-is-dev-null", _link("n.csv", "/dev/null"), "import", 66, "is a device", True),
    Case("socket-workbook", _socket("s.xlsx"), "import", 66, "is a socket", True),
    Case("folder-named-xlsx", _folder("diem.xlsx"), "import", 66, "is a folder"),
    Case("fifo-template", _fifo("mau.docx"), "template", 66, "is a named pipe (FIFO)", True),
    Case(
        "template-links-to-dev-urandom",
        _link("u.docx", "/dev/urandom"),
        "template",
        66,
        "is a device",
        True,
    ),
    Case("folder-named-docx", _folder("mau.docx"), "template", 66, "is a folder"),
    # ── memory: zip limits checked before parsing ──
    Case(
        "sheet-unpacks-to-40-mb",
        _bytes("bom.xlsx", _zeros_member(40 * MIB)),
        "import",
        65,
        "xl/worksheets/sheet1.xml unpacks to 40 MB; at most 16 MB",
    ),
    Case(
        "sheet-compressed-500-times",
        _bytes("ratio.xlsx", _zeros_member(4 * MIB)),
        "import",
        65,
        "at most 200 times is allowed",
    ),
    Case(
        "workbook-with-3000-parts",
        _bytes(
            "parts.xlsx",
            lambda o: _many_parts(o.workbook, 3000),
        ),
        "import",
        65,
        "the file holds 3",
    ),
    Case(
        "template-document-unpacks-to-40-mb",
        _bytes(
            "bom.docx",
            lambda o: _rezip(
                o.document,
                lambda n, d: (
                    d.replace(b"<w:body>", b"<w:body>" + b" " * (40 * MIB))
                    if n == "word/document.xml"
                    else d
                ),
            ),
        ),
        "template",
        65,
        "word/document.xml unpacks to 40 MB; at most 8 MB",
    ),
    # ── XML declarations (entities) ──
    Case(
        "sheet-with-entity-declaration",
        _bytes(
            "dtd.xlsx",
            lambda o: _rezip(o.workbook, lambda n, d: _inject_doctype(d) if _sheet(n) else d),
        ),
        "import",
        65,
        "declares a DTD or XML entities",
    ),
    Case(
        "template-with-entity-declaration",
        _bytes(
            "dtd.docx",
            lambda o: _rezip(
                o.document, lambda n, d: _inject_doctype(d) if n == "word/document.xml" else d
            ),
        ),
        "template",
        65,
        "declares a DTD or XML entities",
    ),
    Case(
        "template-styles-with-doctype",
        _bytes(
            "styles.docx",
            lambda o: _rezip(
                o.document, lambda n, d: _inject_doctype(d) if n == "word/styles.xml" else d
            ),
        ),
        "template",
        65,
        "word/styles.xml declares a DTD",
    ),
    Case(
        "workbook-content-types-with-doctype",
        _bytes(
            "ct.xlsx",
            lambda o: _rezip(
                o.workbook, lambda n, d: _inject_doctype(d) if n == "[Content_Types].xml" else d
            ),
        ),
        "import",
        65,
        "declares a DTD or XML entities",
    ),
    # ── what offices send ──
    Case(
        "old-xls-workbook",
        _bytes("cu.xls", lambda o: OLE_MAGIC + bytes(4088)),
        "import",
        65,
        "save it as .xlsx",
    ),
    Case(
        "xls-renamed-xlsx",
        _bytes("cu.xlsx", lambda o: OLE_MAGIC + bytes(4088)),
        "import",
        65,
        "(.xls)",
    ),
    Case(
        "text-named-xlsx",
        _bytes("t.xlsx", lambda o: b"Ban To chuc;96,5\n"),
        "import",
        65,
        "not an Excel workbook",
    ),
    Case(
        "truncated-workbook",
        _bytes("cut.xlsx", lambda o: o.workbook[: len(o.workbook) // 2]),
        "import",
        65,
        "cannot be read as an .xlsx workbook",
    ),
    Case(
        "workbook-without-sheets",
        _bytes("ns.xlsx", lambda o: _rezip(o.workbook, lambda n, d: None if _sheet(n) else d)),
        "import",
        65,
        "the workbook has no worksheet",
    ),
    Case(
        "docx-saved-as-doc",
        _bytes("mau.doc", lambda o: OLE_MAGIC + bytes(1024)),
        "template",
        64,
        "must be a .docx file",
    ),
    Case(
        "text-named-docx",
        _bytes("mau.docx", lambda o: "Biên bản".encode()),
        "template",
        65,
        "cannot be opened as a Word document",
    ),
    Case(
        "workbook-given-as-template",
        _bytes("mau2.docx", lambda o: o.workbook),
        "template",
        65,
        "cannot be opened as a Word document",
    ),
    # ── text that is not text ──
    Case(
        "csv-header-with-escape-sequence",
        _bytes("esc.csv", lambda o: "Mã đơn vị,\x1b[2J\x1b]0;x\x07Điểm\nbtc,96\n".encode()),
        "import",
        65,
        "\\x1b[2J",
    ),
    Case(
        "csv-tcvn3-header",
        _bytes("tcvn3.csv", lambda o: "M· ®¬n vÞ,§iÓm\nbtc,96\n".encode()),
        "import",
        65,
        "look typed with a legacy Vietnamese font",
    ),
    # ── smaller crashes ──
    Case(
        "csv-first-line-200-kib",
        _bytes("long.csv", lambda o: b"id," + b"x" * (200 * 1024) + b"\nbtc,1\n"),
        "import",
        65,
        "the first line is longer than 65536 characters",
    ),
    Case(
        "csv-one-line-no-newline-200-kib",
        _bytes("one.csv", lambda o: b";" * (200 * 1024)),
        "import",
        65,
        "the first line is longer",
    ),
    Case(
        "csv-later-field-200-kib",
        _bytes("field.csv", lambda o: b"id,score\nbtc," + b"9" * (200 * 1024) + b"\n"),
        "import",
        65,
        "the CSV file cannot be read",
    ),
    Case(
        "template-without-section-properties",
        _bytes(
            "nosect.docx",
            lambda o: _rezip(
                o.document,
                lambda n, d: (
                    re.sub(rb"<w:sectPr[\s\S]*?</w:sectPr>", b"", d)
                    if n == "word/document.xml"
                    else d
                ),
            ),
        ),
        "template",
        65,
        "the template has no page settings (w:sectPr)",
    ),
    Case(
        "csv-utf32",
        _bytes("u32.csv", lambda o: "id,score\nbtc,96\n".encode("utf-32")),
        "import",
        65,
        "not UTF-8 text",
    ),
]


def _many_parts(original: bytes, count: int) -> bytes:
    out = io.BytesIO(original)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as archive:
        for index in range(count):
            archive.writestr(f"customXml/item{index}.bin", b"")
    return out.getvalue()


def _snapshot(root: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        mode = path.lstat().st_mode
        key = path.relative_to(root).as_posix()
        if stat.S_ISREG(mode):
            out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[key] = str(stat.S_IFMT(mode))
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_office_file(case: Case, originals: Originals, tmp_path: Path) -> None:
    """A hostile workbook, CSV sheet or template gives its exit code and a message naming the
    file, no traceback, no hang, and leaves every data file as it was."""
    if case.posix_only and os.name != "posix":
        pytest.skip("special files are a POSIX matter")
    data = tmp_path / "data"
    shutil.copytree(REPO_DATA, data)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = case.build(inbox, originals)
    before = _snapshot(data)
    if case.command == "import":
        args = ["import-results", YEAR, str(path)]
    else:
        args = ["draft", YEAR, "--minutes", "--template", str(path), "-o", str(tmp_path / "o.docx")]
    result = CliRunner().invoke(app, [*args, "--data", str(data)], env=ENV)
    output = re.sub(r"\s+", " ", result.output)
    assert result.exit_code == case.exit_code, result.output
    assert case.expect in output, result.output
    assert path.name in output, result.output
    assert "Traceback" not in output and "internal error" not in output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert not (tmp_path / "o.docx").exists()
    assert _snapshot(data) == before


def test_cases_are_distinct() -> None:
    """Every case has its own id and builds its own input."""
    assert len({c.id for c in CASES}) == len(CASES)
    assert len({c.build for c in CASES}) == len(CASES)


def test_at_least_150_distinct_hostile_inputs() -> None:
    """The data-file cases and the office cases together hold at least 150 distinct inputs."""
    from test_bad_input import CASES as DATA_CASES

    ids = [case["id"] for case in DATA_CASES] + [case.id for case in CASES]
    assert len(set(ids)) == len(ids)
    assert len(ids) >= 150
