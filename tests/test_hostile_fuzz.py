"""Fuzzing every kind of file khoi reads (bloc TOML, results TOML, .xlsx, .csv, .docx template):
arbitrary bytes, and mutations of real valid files that get past the zip layer into the parsers,
never give an internal error (exit 70) or a traceback."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from builders import REPO_DATA, SAMPLE_BLOC_ID
from khoi_thidua.cli import app

YEAR = "2021"
ENV = {"NO_COLOR": "1", "COLUMNS": "200", "KHOI_LANG": "en", "KHOI_DEBUG": None}
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample data, and the workbook and document khoi makes from it."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(REPO_DATA, root / "data")
    for args in (
        ["template", YEAR, "-o", str(root / "valid.xlsx")],
        ["draft", YEAR, "--minutes", "-o", str(root / "valid.docx")],
    ):
        result = CliRunner().invoke(app, [*args, "--data", str(root / "data")], env=ENV)
        assert result.exit_code == 0, result.output
    return root


def _clean(result_output: str, exit_code: int) -> None:
    assert exit_code != 70, result_output
    assert exit_code in (0, 1, 64, 65, 66, 73), result_output
    assert "Traceback" not in result_output
    assert "internal error" not in result_output


def _run(args: list[str]) -> None:
    result = CliRunner().invoke(app, args, env=ENV)
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    _clean(result.output, result.exit_code)


def _fresh_data(workspace: Path) -> Path:
    data = workspace / "run"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(workspace / "data", data)
    return data


def _mutate(raw: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(raw)
    for position, value in edits:
        if out:
            out[position % len(out)] = value
    return bytes(out)


def _mutate_parts(valid: bytes, suffix: str, edits: list[tuple[int, int]], cut: int) -> bytes:
    """``valid`` with the XML parts ending in ``suffix`` damaged, re-zipped cleanly so the
    damage reaches the XML parser, not only the zip reader."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(valid)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            body = source.read(info)
            if info.filename.endswith(suffix):
                body = _mutate(body, edits)
                if cut:
                    body = body[: max(0, len(body) - cut)]
            target.writestr(info.filename, body)
    return out.getvalue()


EDITS = st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), max_size=12)
TEXT_EDITS = st.lists(
    st.tuples(st.integers(0, 10**7), st.sampled_from(b'<>"=/&;![]{}#\x00\x1b \n0.-+')),
    min_size=1,
    max_size=8,
)


class TestTomlFiles:
    """bloc.toml and results-YEAR.toml."""

    @FUZZ
    @given(raw=st.binary(max_size=2000))
    def test_arbitrary_bytes_as_bloc(self, workspace: Path, raw: bytes) -> None:
        """Any bytes as bloc.toml: `check` and `rotate` answer cleanly."""
        data = _fresh_data(workspace)
        (data / SAMPLE_BLOC_ID / "bloc.toml").write_bytes(raw)
        _run(["check", "--data", str(data)])
        _run(["rotate", "2022", "--data", str(data)])

    @FUZZ
    @given(edits=TEXT_EDITS)
    def test_mutated_results(self, workspace: Path, edits: list[tuple[int, int]]) -> None:
        """The sample results file with a few characters changed: `propose` answers cleanly."""
        data = _fresh_data(workspace)
        path = data / SAMPLE_BLOC_ID / f"results-{YEAR}.toml"
        path.write_bytes(_mutate(path.read_bytes(), edits))
        _run(["propose", YEAR, "--data", str(data)])

    @FUZZ
    @given(edits=TEXT_EDITS)
    def test_mutated_bloc(self, workspace: Path, edits: list[tuple[int, int]]) -> None:
        """The sample bloc.toml with a few characters changed: `members` answers cleanly."""
        data = _fresh_data(workspace)
        path = data / SAMPLE_BLOC_ID / "bloc.toml"
        path.write_bytes(_mutate(path.read_bytes(), edits))
        _run(["members", "2022", "--data", str(data)])


class TestWorkbooks:
    """Workbooks and CSV sheets given to import-results."""

    @FUZZ
    @given(raw=st.binary(max_size=3000))
    def test_arbitrary_bytes_as_workbook(self, workspace: Path, raw: bytes) -> None:
        """Any bytes named .xlsx are refused or imported cleanly."""
        data = _fresh_data(workspace)
        path = workspace / "fuzz.xlsx"
        path.write_bytes(b"PK\x03\x04" + raw)
        _run(["import-results", YEAR, str(path), "--data", str(data)])

    @FUZZ
    @given(edits=EDITS)
    def test_flipped_bytes_of_a_real_workbook(
        self, workspace: Path, edits: list[tuple[int, int]]
    ) -> None:
        """khoi's own template with bytes changed anywhere (zip layer included)."""
        data = _fresh_data(workspace)
        path = workspace / "flipped.xlsx"
        path.write_bytes(_mutate((workspace / "valid.xlsx").read_bytes(), edits))
        _run(["import-results", YEAR, str(path), "--data", str(data)])

    @FUZZ
    @given(edits=TEXT_EDITS, cut=st.integers(0, 40))
    def test_damaged_sheet_xml(
        self, workspace: Path, edits: list[tuple[int, int]], cut: int
    ) -> None:
        """khoi's own template whose XML parts are damaged inside a sound zip."""
        data = _fresh_data(workspace)
        path = workspace / "xml.xlsx"
        valid = (workspace / "valid.xlsx").read_bytes()
        path.write_bytes(_mutate_parts(valid, ".xml", edits, cut))
        _run(["import-results", YEAR, str(path), "--data", str(data)])

    @FUZZ
    @given(text=st.text(max_size=400))
    def test_arbitrary_csv_text(self, workspace: Path, text: str) -> None:
        """Any text as a CSV sheet is refused or imported cleanly."""
        data = _fresh_data(workspace)
        path = workspace / "fuzz.csv"
        path.write_bytes(("Mã đơn vị,Điểm\n" + text).encode("utf-8", "surrogatepass"))
        _run(["import-results", YEAR, str(path), "--data", str(data)])

    @FUZZ
    @given(raw=st.binary(max_size=1500))
    def test_arbitrary_bytes_as_csv(self, workspace: Path, raw: bytes) -> None:
        """Any bytes named .csv are refused or imported cleanly."""
        data = _fresh_data(workspace)
        path = workspace / "bytes.csv"
        path.write_bytes(raw)
        _run(["import-results", YEAR, str(path), "--data", str(data)])


class TestTemplates:
    """Word templates given to draft --template."""

    def _draft(self, workspace: Path, template: Path) -> None:
        data = _fresh_data(workspace)
        out = workspace / "out.docx"
        if out.exists():
            out.unlink()
        args = ["draft", YEAR, "--minutes", "--template", str(template), "-o", str(out)]
        _run([*args, "--data", str(data)])

    @FUZZ
    @given(raw=st.binary(max_size=3000))
    def test_arbitrary_bytes_as_template(self, workspace: Path, raw: bytes) -> None:
        """Any bytes named .docx are refused or used cleanly."""
        path = workspace / "fuzz.docx"
        path.write_bytes(b"PK\x03\x04" + raw)
        self._draft(workspace, path)

    @FUZZ
    @given(edits=EDITS)
    def test_flipped_bytes_of_a_real_document(
        self, workspace: Path, edits: list[tuple[int, int]]
    ) -> None:
        """A document khoi wrote, with bytes changed anywhere, as a template."""
        path = workspace / "flipped.docx"
        path.write_bytes(_mutate((workspace / "valid.docx").read_bytes(), edits))
        self._draft(workspace, path)

    @FUZZ
    @given(edits=TEXT_EDITS, cut=st.integers(0, 40))
    def test_damaged_document_xml(
        self, workspace: Path, edits: list[tuple[int, int]], cut: int
    ) -> None:
        """A document khoi wrote, its XML parts damaged inside a sound zip, as a template."""
        path = workspace / "xml.docx"
        valid = (workspace / "valid.docx").read_bytes()
        path.write_bytes(_mutate_parts(valid, ".xml", edits, cut))
        self._draft(workspace, path)
