"""The workbooks and drafts khoi writes open in LibreOffice: each converts to a PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from builders import Invoke

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# LibreOffice takes seconds to start: .ci/run runs this with the other slow groups.
pytestmark = pytest.mark.slow
CONVERT_TIMEOUT = 180  # seconds; a first run of LibreOffice creates its profile


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not on PATH (install libreoffice-writer-nogui and "
    "libreoffice-calc-nogui to run this test)",
)
def test_workbooks_and_drafts_convert_to_pdf(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """Template, proposal workbook, minutes, letter, pledge and six-month review (both through
    `draft`) each become a PDF with pages."""
    assert SOFFICE is not None
    made = tmp_path / "made"
    made.mkdir()
    commands = {
        "ket-qua.xlsx": ["template", "2021", "--with-results"],
        "de-nghi.xlsx": ["propose", "2021", "--format", "xlsx"],
        "bien-ban.docx": ["draft", "2021", "--minutes"],
        "to-trinh.docx": ["draft", "2021", "--letter"],
        "giao-uoc.docx": ["draft", "2022", "--pledge"],
        "so-ket.docx": ["draft", "2021", "--mid-year"],
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


# -- what a reader sees, read back from the PDF --------------------------------------------------

PDFTOHTML = shutil.which("pdftohtml")
needs_pdf_tools = pytest.mark.skipif(
    SOFFICE is None or PDFTOHTML is None,
    reason="LibreOffice (soffice) and poppler-utils (pdftohtml) are needed to read the PDFs",
)


@dataclass(frozen=True)
class Line:
    """One line of text as laid out in the PDF: page, position and font size in points."""

    page: int
    top: float
    left: float
    width: float
    size: float
    text: str


def _convert(files: list[Path], tmp_path: Path) -> Path:
    assert SOFFICE is not None
    out = tmp_path / "pdf"
    profile = (tmp_path / "profile").as_uri()
    completed = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=CONVERT_TIMEOUT, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    return out


def _lines(pdf: Path) -> list[Line]:
    """Every text line of ``pdf`` with its font size (poppler's XML output, 1 px = 1 pt)."""
    from xml.etree import ElementTree

    assert PDFTOHTML is not None
    xml = subprocess.run(
        [PDFTOHTML, "-xml", "-i", "-zoom", "1", "-stdout", str(pdf)],
        capture_output=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    root = ElementTree.fromstring(xml)
    lines = []
    for page in root.iter("page"):
        sizes = {f.get("id"): float(f.get("size", "0")) for f in page.iter("fontspec")}
        sizes |= {f.get("id"): float(f.get("size", "0")) for f in root.iter("fontspec")}
        for text in page.iter("text"):
            lines.append(
                Line(
                    int(page.get("number", "0")),
                    float(text.get("top", "0")),
                    float(text.get("left", "0")),
                    float(text.get("width", "0")),
                    sizes[text.get("font")],
                    "".join(text.itertext()).strip(),
                )
            )
    return lines


def _times_metrics() -> bool:
    """Whether LibreOffice lays Times New Roman out at its own widths (or Liberation Serif's)."""
    match = shutil.which("fc-match")
    if match is None:
        return False
    found = subprocess.run(
        [match, "Times New Roman"], capture_output=True, text=True, check=False
    ).stdout
    return any(name in found for name in ("Times", "Liberation Serif", "Tinos"))


def _state(data: Path) -> None:
    path = data / "khoi-co-quan-dang" / "bloc.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('header = "party"', 'header = "state"'), encoding="utf-8")


def _fifteen_units(root: Path) -> Path:
    """A state bloc of 15 units with 2021 results: its letter and appendix run to pages."""
    ids = [f"dv{i:02d}" for i in range(1, 16)]
    members = "\n".join(
        f'[[members]]\nid = "{i}"\nname = "Sở thử nghiệm số {n} của tỉnh"\n'
        for n, i in enumerate(ids, start=1)
    )
    folder = root / "khoi-15"
    folder.mkdir(parents=True)
    (folder / "bloc.toml").write_text(
        'schema = 1\nname = "Khối thi đua các sở thử nghiệm"\norganiser = "UBND tỉnh"\n'
        f'province = "Hưng Yên"\n[rotation]\norder = {ids!r}\n'
        '[documents]\nheader = "state"\nrecipient = "Ban Thi đua - Khen thưởng tỉnh"\n\n'
        + members
        + '\n[[leadership]]\nyear = 2021\nchair = "dv01"\nvice_chair = "dv02"\n',
        encoding="utf-8",
    )
    results = "\n".join(
        f"[results.{i}]\nscore = {99 - n * 0.5}\nself_score = {99 - n * 0.5}\n"
        f'rating = "excellent"\nvotes = {{ co-tinh = {15 if n < 4 else 0} }}\n'
        for n, i in enumerate(ids)
    )
    (folder / "results-2021.toml").write_text(
        f"schema = 1\nyear = 2021\n[conference]\nballots = 15\n\n{results}", encoding="utf-8"
    )
    return root


@needs_pdf_tools
@pytest.mark.parametrize("header", ["state", "party"])
def test_every_draft_reads_right_in_the_pdf(
    khoi: Invoke, sample_data: Path, tmp_path: Path, header: str
) -> None:
    """Ballot, count minutes, minutes and letter with its appendix: the national line on one
    line at 12–13 pt, and no internal flag while the basis column is printed."""
    if header == "state":
        _state(sample_data)
    made = tmp_path / "made"
    made.mkdir()
    drafts = {
        "phieu-bau.docx": "--ballot",
        "kiem-phieu.docx": "--count-minutes",
        "bien-ban.docx": "--minutes",
        "to-trinh.docx": "--letter",
    }
    for name, kind in drafts.items():
        result = khoi("draft", "2022", kind, "-o", str(made / name), "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
    out = _convert([made / name for name in drafts], tmp_path)
    lines = {name: _lines((out / name).with_suffix(".pdf")) for name in drafts}
    assert all(lines.values()), "a draft converted to an empty PDF"
    national = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if header == "state" else "ĐẢNG CỘNG SẢN VIỆT NAM"
    )
    letter = lines["to-trinh.docx"]
    texts = [line.text for line in letter]
    assert "Căn cứ" in texts
    assert "PHỤ LỤC" in texts
    assert not any("chưa xác minh" in text for text in texts)
    assert any(line.text == "PHIẾU BẦU SUY TÔN" for line in lines["phieu-bau.docx"])
    assert any(line.text == "BIÊN BẢN KIỂM PHIẾU" for line in lines["kiem-phieu.docx"])
    if not _times_metrics():
        pytest.skip(
            "no Times New Roman nor a font with its widths (fonts-liberation2): the PDF's "
            "line breaks would not be Word's, so the one-line check is not run"
        )
    for name in ("kiem-phieu.docx", "bien-ban.docx", "to-trinh.docx"):
        found = [line for line in lines[name] if line.page == 1 and line.text == national]
        assert len(found) == 1, f"{name}: the national line is not on one line"
        if header == "state":
            assert 12 <= found[0].size <= 13


@needs_pdf_tools
def test_a_long_letter_is_numbered_from_its_second_page(khoi: Invoke, tmp_path: Path) -> None:
    """A bloc of 15 units: page 2 onwards carry their number at the top centre, page 1 none."""
    data = _fifteen_units(tmp_path / "data")
    letter = tmp_path / "to-trinh.docx"
    result = khoi("draft", "2021", "--letter", "-o", str(letter), "--data", str(data))
    assert result.exit_code == 0, result.stderr
    lines = _lines(_convert([letter], tmp_path) / "to-trinh.pdf")
    pages = max(line.page for line in lines)
    assert pages >= 2
    centre = (30 + (210 - 15)) / 2 * 72 / 25.4  # the text area's centre, in points
    top_margin = 20 * 72 / 25.4
    for page in range(1, pages + 1):
        numbers = [
            line for line in lines
            if line.page == page and line.text == str(page) and line.top < top_margin
        ]  # fmt: skip
        if page == 1:
            assert numbers == []
        else:
            assert len(numbers) == 1, f"page {page} has no number at the top"
            middle = numbers[0].left + numbers[0].width / 2
            assert abs(middle - centre) < 10
