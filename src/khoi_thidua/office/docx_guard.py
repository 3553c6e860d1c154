"""Reads a user's .docx template through the file guards and refuses what Word never writes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from khoi_thidua.errors import DataError, Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.store.guards import ZIP_ERRORS, read_kind
from khoi_thidua.store.kinds import kind_named

DOCUMENT_PART = "word/document.xml"
SECTION_MARK = b"sectPr"


def read_template(msgs: Messages, path: Path, name: str) -> bytes:
    """The bytes of a .docx template that is safe to build on: a regular file within the
    registry's limits, no DTD or entity (checked by the guards), and page settings present."""
    data = read_kind(
        path,
        name,
        kind_named("docx"),
        msgs.t("{file} is a folder, but a file was expected", file=name),
    )
    check_sections(msgs, data, name)
    return data


def check_sections(msgs: Messages, data: bytes, name: str) -> None:
    """Refuse a Word document without page settings (w:sectPr): khoi lays out its pages from
    the last section; Word always writes one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = archive.read(DOCUMENT_PART)
    except (KeyError, *ZIP_ERRORS):
        return  # not a Word document at all: opening it reports that
    if SECTION_MARK not in body:
        raise DataError(
            msgs,
            [
                Problem(
                    name,
                    DOCUMENT_PART,
                    msgs.t("the template has no page settings (w:sectPr)"),
                    msgs.t("open it in Word, check the page setup, and save it again as .docx"),
                    code="bad-template",
                )
            ],
        )
