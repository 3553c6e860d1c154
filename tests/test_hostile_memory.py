"""Memory bounded: inputs that once took gigabytes run under an address-space limit in a child
process, so a regression fails here instead of swapping the machine."""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import REPO_DATA, SAMPLE_BLOC_ID
from khoi_thidua.cli import app

resource = pytest.importorskip("resource", reason="resource limits are a POSIX matter")

LIMIT_MIB = 768  # khoi with openpyxl and python-docx loaded stays well under this
STREAMED_MIB = 256  # a streamed sheet needs under 100 MiB; read whole, this one took 280 MiB
MIB = 1024 * 1024
ENV = {"NO_COLOR": "1", "KHOI_LANG": "en", "KHOI_DEBUG": None, "COLUMNS": "400"}


def _khoi(*args: str, cwd: Path, mib: int = LIMIT_MIB) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mib * MIB, mib * MIB))

    return subprocess.run(
        [sys.executable, "-m", "khoi_thidua", *args],
        check=False,
        preexec_fn=limited,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "KHOI_LANG": "en", "NO_COLOR": "1", "COLUMNS": "400"},
        timeout=300,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO_DATA, target)
    return target


def _made(tmp_path: Path, data: Path, suffix: str, *args: str) -> bytes:
    path = tmp_path / f"made{suffix}"
    result = CliRunner().invoke(app, [*args, "-o", str(path), "--data", str(data)], env=ENV)
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def _replace_part(original: bytes, part: str, change: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            body = source.read(info)
            if info.filename == part:
                body = change
            target.writestr(info.filename, body)
    return out.getvalue()


def _sheet_rows(size: int) -> bytes:
    """A sheet of ``size`` bytes of distinct cells (hardly compressible: no ratio refusal)."""
    rng = random.Random(7)
    rows: list[str] = []
    total, index = 0, 1
    while total < size:
        cells = "".join(
            f'<c r="{column}{index}"><v>{rng.randrange(100)}</v></c>' for column in "ABCDEFGHIJ"
        )
        row = f'<row r="{index}">{cells}</row>'
        rows.append(row)
        total += len(row)
        index += 1
    head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    return f"{head}<sheetData>{''.join(rows)}</sheetData></worksheet>".encode()


@pytest.mark.slow
class TestUnderAMemoryLimit:
    """Under a 768 MiB address-space limit, each input ends in a clear answer, never exit 1/70."""

    def test_sheet_of_half_a_million_cells(self, tmp_path: Path, data: Path) -> None:
        """A 15 MB sheet of half a million cells is streamed under 256 MiB and refused for its
        size in rows (exit 65), naming the file."""
        workbook = _made(tmp_path, data, ".xlsx", "template", "2021")
        sheet = _sheet_rows(15 * MIB)
        path = tmp_path / "lon.xlsx"
        path.write_bytes(_replace_part(workbook, "xl/worksheets/sheet1.xml", sheet))
        args = ["import-results", "2021", str(path), "--data", str(data)]
        result = _khoi(*args, cwd=tmp_path, mib=STREAMED_MIB)
        assert result.returncode == 65, result.stderr
        assert "lon.xlsx" in result.stderr
        assert "a scoring sheet has at most 2000 rows" in re.sub(r"\s+", " ", result.stderr)

    def test_template_of_eight_megabytes(self, tmp_path: Path, data: Path) -> None:
        """A Word template just under the 8 MB limit for its text is drafted from (exit 0)."""
        document = _made(tmp_path, data, ".docx", "draft", "2021", "--minutes")
        with zipfile.ZipFile(io.BytesIO(document)) as archive:
            body = archive.read("word/document.xml")
        rng = random.Random(3)
        filler = "".join(
            f"<w:p><w:r><w:t>{rng.randrange(10**9)}</w:t></w:r></w:p>" for _ in range(150_000)
        ).encode()
        body = body.replace(b"<w:body>", b"<w:body>" + filler, 1)
        assert len(body) < 8 * MIB
        path = tmp_path / "mau.docx"
        path.write_bytes(_replace_part(document, "word/document.xml", body))
        out = tmp_path / "bien-ban.docx"
        args = ["draft", "2021", "--minutes", "--template", str(path), "-o", str(out)]
        result = _khoi(*args, "--data", str(data), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert out.is_file()

    def test_dotted_key_of_fifty_thousand_parts(self, tmp_path: Path, data: Path) -> None:
        """The bloc.toml that took 9.8 GB in the TOML parser is refused before it (exit 65)."""
        bloc = data / SAMPLE_BLOC_ID / "bloc.toml"
        key = ".".join(f"p{i}" for i in range(50_000))
        bloc.write_text(f"{key} = 1\n" + bloc.read_text(encoding="utf-8"), encoding="utf-8")
        result = _khoi("check", "--data", str(data), cwd=tmp_path)
        assert result.returncode == 65, result.stderr + result.stdout
        assert "a dotted key has more than 32 parts" in result.stdout + result.stderr

    def test_sheet_bomb_of_a_gigabyte(self, tmp_path: Path, data: Path) -> None:
        """A small workbook whose sheet unpacks to 1 GB is refused from its zip directory
        (exit 65), without unpacking it."""
        workbook = _made(tmp_path, data, ".xlsx", "template", "2021")
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(workbook)) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                if info.filename == "xl/worksheets/sheet1.xml":
                    with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
                        block = b"<c/>" * (MIB // 4)
                        for _ in range(1024):
                            part.write(block)
                else:
                    target.writestr(info.filename, source.read(info))
        path = tmp_path / "bom.xlsx"
        path.write_bytes(out.getvalue())
        result = _khoi("import-results", "2021", str(path), "--data", str(data), cwd=tmp_path)
        assert result.returncode == 65, result.stderr
        assert "unpacks to 1024 MB; at most 16 MB" in re.sub(r"\s+", " ", result.stderr)


class TestOutOfMemory:
    """Running out of memory all the same is a clear internal error, exit 70, never exit 1."""

    def test_memory_error_is_reported(self, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A MemoryError anywhere in a command prints "out of memory" and exits 70."""
        from khoi_thidua.store import reading

        def exhausted(text: str) -> object:
            raise MemoryError

        monkeypatch.setattr(reading.tomllib, "loads", exhausted)
        result = CliRunner().invoke(app, ["rotate", "2022", "--data", str(data)], env=ENV)
        assert result.exit_code == 70
        assert "out of memory" in result.output
        assert "Traceback" not in result.output
