"""Hostile runs: text cells that Excel would take for formulas, consoles that cannot show
Vietnamese, control characters that must never reach a terminal, and writes that would make
a file unreadable."""

from __future__ import annotations

import hashlib
import html
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from builders import SAMPLE_BLOC_ID, Invoke

FORMULA_NAME = '=HYPERLINK("http://example.invalid","Ban Tổ chức")'
NOTE_PLUS = "+84 221 3862 000"
SHORT_AT = "@BTC"


def _rename_first_member(bloc_dir: Path, name: str) -> None:
    bloc = bloc_dir / "bloc.toml"
    text = bloc.read_text(encoding="utf-8")
    assert text.count('name = "Ban Tổ chức Tỉnh ủy"') == 1
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    bloc.write_text(
        text.replace('name = "Ban Tổ chức Tỉnh ủy"', f'name = "{escaped}"'), encoding="utf-8"
    )


def _quoted_cells(workbook: bytes) -> dict[str, bool]:
    """Every text cell of every sheet, read from the XML: text → has the style's quotePrefix."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        styles = archive.read("xl/styles.xml").decode()
        xfs_block = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
        assert xfs_block is not None
        xfs = re.findall(r"<xf\b[^>]*?/?>", xfs_block.group(1))
        shared: list[str] = []
        if "xl/sharedStrings.xml" in archive.namelist():
            strings = archive.read("xl/sharedStrings.xml").decode()
            shared = re.findall(r"<si>.*?<t[^>]*>(.*?)</t>", strings, re.S)
        out: dict[str, bool] = {}
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/sheet"):
                continue
            xml = archive.read(name).decode()
            for cell in re.finditer(r"<c\b([^>]*)>(.*?)</c>", xml, re.S):
                attrs, body = cell.groups()
                style = re.search(r'\bs="(\d+)"', attrs)
                kind = re.search(r'\bt="(\w+)"', attrs)
                text = re.search(r"<t[^>]*>(.*?)</t>", body, re.S)
                value = re.search(r"<v>(.*?)</v>", body)
                if kind and kind.group(1) == "inlineStr" and text:
                    content = text.group(1)
                elif kind and kind.group(1) == "s" and value:
                    content = shared[int(value.group(1))]
                else:
                    continue
                content = html.unescape(content)
                prefixed = style is not None and 'quotePrefix="1"' in xfs[int(style.group(1))]
                out[content] = out.get(content, False) or prefixed
    return out


class TestExcelTextStaysText:
    """Text cells that start like a formula carry Excel's quote prefix in every workbook."""

    def test_template_marks_a_formula_like_name(
        self, khoi: Invoke, sample_bloc_dir: Path, tmp_path: Path
    ) -> None:
        """A member named "=HYPERLINK(…)" is a quoted text cell in the template; a plain name
        is not quoted."""
        _rename_first_member(sample_bloc_dir, FORMULA_NAME)
        out = tmp_path / "mau.xlsx"
        data = str(sample_bloc_dir.parent)
        result = khoi("template", "2021", "-o", str(out), "--data", data)
        assert result.exit_code == 0, result.output
        cells = _quoted_cells(out.read_bytes())
        assert cells[FORMULA_NAME] is True
        assert cells["Trường Chính trị Nguyễn Văn Linh"] is False

    def test_proposal_workbook_marks_formula_like_text(
        self, khoi: Invoke, sample_bloc_dir: Path, tmp_path: Path
    ) -> None:
        """`propose --format xlsx` quotes a name starting with "=", and not the others."""
        _rename_first_member(sample_bloc_dir, FORMULA_NAME)
        out = tmp_path / "de-xuat.xlsx"
        data = str(sample_bloc_dir.parent)
        result = khoi("propose", "2021", "--format", "xlsx", "-o", str(out), "--data", data)
        assert result.exit_code == 0, result.output
        cells = _quoted_cells(out.read_bytes())
        assert cells[FORMULA_NAME] is True
        assert any(text.startswith("Trường Chính trị") and not q for text, q in cells.items())

    @pytest.mark.parametrize("text", [NOTE_PLUS, SHORT_AT, "-5 điểm", "\tTab"])
    def test_every_formula_start_is_quoted(self, text: str) -> None:
        """A text cell starting with +, @, - or a tab is quoted by the one cell writer."""
        from openpyxl import Workbook  # type: ignore[import-untyped]

        from khoi_thidua.office.cells import put, workbook_bytes

        wb = Workbook()
        put(wb.active, 1, 1, text)
        put(wb.active, 2, 1, "Ban Nội chính")
        cells = _quoted_cells(workbook_bytes(wb))
        assert cells[text] is True
        assert cells["Ban Nội chính"] is False


def _run_module(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    base = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "KHOI_LANG": "vi"}
    return subprocess.run(
        [sys.executable, "-m", "khoi_thidua", *args],
        env={**base, **env},
        capture_output=True,
        check=False,
        timeout=120,
    )


class TestConsolesThatCannotShowVietnamese:
    """Output to a console or file whose encoding cannot hold Vietnamese never crashes: files
    and pipes get UTF-8."""

    @pytest.mark.parametrize(
        "env",
        [
            {"PYTHONIOENCODING": "cp1252"},
            {"LANG": "C", "LC_ALL": "C"},
            {"PYTHONIOENCODING": "ascii"},
        ],
        ids=["cp1252", "lang-c", "ascii"],
    )
    def test_rotation_and_errors_in_utf8(self, env: dict[str, str], sample_data: Path) -> None:
        """`rotate` prints the Vietnamese table in UTF-8, and an error its Vietnamese message,
        with exit codes 0 and 66 and no traceback."""
        done = _run_module(["rotate", "2022", "--data", str(sample_data)], env)
        assert done.returncode == 0, done.stderr
        assert "Trưởng khối" in done.stdout.decode("utf-8")
        failed = _run_module(["propose", "2031", "--data", str(sample_data)], env)
        assert failed.returncode == 66
        message = failed.stderr.decode("utf-8")
        assert "không tồn tại" in " ".join(message.split())
        assert "Traceback" not in message


class TestControlCharactersNeverReachTheTerminal:
    """Control characters in data are refused and shown escaped; no command prints them raw."""

    @pytest.mark.parametrize(
        "args",
        [
            ["members", "2022"],
            ["history"],
            ["propose", "2021", "--explain", "btc"],
            ["check"],
            ["rotate", "2022"],
        ],
        ids=["members", "history", "explain", "check", "rotate"],
    )
    def test_escape_in_name_and_key(
        self, khoi: Invoke, sample_bloc_dir: Path, args: list[str]
    ) -> None:
        """An ESC in a member's name and in a quoted key gives exit 65, the file's name, and
        no raw ESC or BEL on stdout or stderr."""
        bloc = sample_bloc_dir / "bloc.toml"
        text = bloc.read_text(encoding="utf-8")
        text = text.replace(
            'name = "Ban Tổ chức Tỉnh ủy"', 'name = "Ban Tổ chức \\u001b]0;x\\u0007Tỉnh ủy"', 1
        )
        bloc.write_text('"k\\u001b[2J" = 1\n' + text, encoding="utf-8")
        result = khoi(*args, "--data", str(sample_bloc_dir.parent))
        both = result.stdout + result.stderr
        assert result.exit_code == 65, both
        assert "bloc.toml" in both
        assert "\x1b" not in both and "\x07" not in both
        assert "Traceback" not in both


class TestWritesStayReadable:
    """A write that would make a file bigger than khoi reads is refused before writing."""

    def test_record_on_a_bloc_file_just_under_the_limit(
        self, khoi: Invoke, sample_bloc_dir: Path
    ) -> None:
        """`rotate --record` on a bloc.toml 20 bytes under 5 MB exits 73, says the file would
        grow past the limit, and leaves the file byte-identical (and still readable)."""
        bloc = sample_bloc_dir / "bloc.toml"
        text = bloc.read_text(encoding="utf-8")
        line = "# " + "ghi chú " * 10 + "\n"
        room = 5 * 1024 * 1024 - len(text.encode("utf-8")) - 20
        padding = line * (room // len(line.encode("utf-8")))
        padding += "#" * (room - len(padding.encode("utf-8")) - 1) + "\n"
        bloc.write_text(text + padding, encoding="utf-8")
        assert 5 * 1024 * 1024 - bloc.stat().st_size == 20
        before = hashlib.sha256(bloc.read_bytes()).hexdigest()
        data = str(sample_bloc_dir.parent)
        result = khoi("rotate", "2022", "--record", "--data", data)
        assert result.exit_code == 73, result.output
        assert "would grow past 5 MB" in re.sub(r"\s+", " ", result.stderr)
        assert hashlib.sha256(bloc.read_bytes()).hexdigest() == before
        assert khoi("check", "--data", data).exit_code == 0


def test_sample_bloc_id_is_the_one_renamed() -> None:
    """The cases rename the first member of the shipped sample bloc."""
    assert SAMPLE_BLOC_ID
