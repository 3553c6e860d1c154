"""The workbooks and drafts khoi writes open in LibreOffice: each converts to a PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builders import Invoke

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CONVERT_TIMEOUT = 180  # seconds; a first run of LibreOffice creates its profile


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not on PATH (install libreoffice-writer-nogui and "
    "libreoffice-calc-nogui to run this test)",
)
def test_workbooks_and_drafts_convert_to_pdf(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """Template, proposal workbook, minutes and letter each become a PDF with pages."""
    assert SOFFICE is not None
    made = tmp_path / "made"
    made.mkdir()
    commands = {
        "ket-qua.xlsx": ["template", "2021", "--with-results"],
        "de-nghi.xlsx": ["propose", "2021", "--format", "xlsx"],
        "bien-ban.docx": ["draft", "2021", "--minutes"],
        "to-trinh.docx": ["draft", "2021", "--letter"],
        "giao-uoc.docx": ["year-draft", "2022", "--pledge"],
        "so-ket.docx": ["year-draft", "2021", "--mid-year"],
    }
    for name, args in commands.items():
        result = khoi(*args, "--output", str(made / name), "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
    out = tmp_path / "pdf"
    # A private profile: a LibreOffice already open on the machine cannot block the run.
    profile = (tmp_path / "profile").as_uri()
    completed = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *[str(made / name) for name in commands],
        ],
        capture_output=True,
        text=True,
        timeout=CONVERT_TIMEOUT,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    for name in commands:
        pdf = (out / name).with_suffix(".pdf")
        assert pdf.exists(), f"{name} was not converted: {completed.stdout} {completed.stderr}"
        content = pdf.read_bytes()
        assert content.startswith(b"%PDF")
        assert re.search(rb"/Type\s*/Page[^s]", content), f"{pdf.name} has no page"
