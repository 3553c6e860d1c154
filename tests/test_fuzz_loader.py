"""Fuzzing the loaders: any bytes or TOML given as a data file give a result or a clean error."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from khoi_thidua import rotation, store
from khoi_thidua.cli import app
from khoi_thidua.errors import KhoiError
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.model import Bloc
from khoi_thidua.schema.bloc import EXCUSED_KEYS, LEADERSHIP_KEYS, MEMBER_KEYS, TOP_KEYS
from khoi_thidua.schema.results import (
    CONFERENCE_KEYS,
    GRANTED_KEYS,
    RESULT_KEYS,
    STAFF_KEYS,
)
from khoi_thidua.schema.results import TOP_KEYS as RESULTS_TOP_KEYS
from khoi_thidua.schema.toml_lines import key_lines

TESTS = Path(__file__).resolve().parent
SAMPLE_BLOC = TESTS.parent / "data" / "khoi-co-quan-dang" / "bloc.toml"
BASE = TESTS / "bad_input" / "base" / "khoi-test"
BLOC_TEXT = SAMPLE_BLOC.read_text(encoding="utf-8")
BLOC_DOC = tomllib.loads(BLOC_TEXT)
RESULTS_TEXT = (BASE / "results-2021.toml").read_text(encoding="utf-8")
RESULTS_DOC = tomllib.loads(RESULTS_TEXT)
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CLEAN_EXITS = {0, 65, 66}


# ── strategies ────────────────────────────────────────────────────────────────────────────

KNOWN_KEYS = sorted(
    {
        *TOP_KEYS,
        *MEMBER_KEYS,
        *LEADERSHIP_KEYS,
        *EXCUSED_KEYS,
        "policy",
        "order",
        "min",
        "max",
        "criteria",
        "header",
        *RESULTS_TOP_KEYS,
        *CONFERENCE_KEYS,
        *RESULT_KEYS,
        *STAFF_KEYS,
        *GRANTED_KEYS,
        "btc",
        "dukcq",
        "tct",
        "co-tinh",
        "chuyen-mon",
    }
)
keys = st.sampled_from(KNOWN_KEYS) | st.text(max_size=10)
# Values a secretary or a broken tool could put anywhere: out-of-range years, ids that look
# like others, accents as separate marks, numbers of every kind.
tricky_text = st.sampled_from(
    ["", " ", "btc", "BTC", "bt\u0441", "đukcq", "Ho\u0300a", "excellent", "circular", "2021"]
)
scalars = (
    st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.sampled_from([0, 1, 2, 202, 1800, 1944, 1945, 2021, 2100, 2101, 20222, -1])
    | st.floats()
    | st.text(max_size=20)
    | tricky_text
    | st.dates()
    | st.datetimes()
    | st.datetimes(timezones=st.just(dt.UTC))
    | st.times()
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=12,
)
documents = st.dictionaries(keys, values, max_size=8)


def _containers(node: Any) -> Iterator[Any]:
    """Every dict and list inside ``node``, ``node`` first."""
    if isinstance(node, dict | list):
        yield node
        children = node.values() if isinstance(node, dict) else node
        for child in children:
            yield from _containers(child)


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """``base`` with one to four random edits: a value replaced, a key dropped or added, an
    entry duplicated."""
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        nodes = list(_containers(doc))
        node = draw(st.sampled_from(nodes))
        action = draw(st.sampled_from(["replace", "delete", "add", "duplicate"]))
        if isinstance(node, dict):
            if action == "add" or not node:
                node[draw(keys)] = draw(values)
            elif action in ("replace", "duplicate"):
                key = draw(st.sampled_from(sorted(node)))
                node[key] = draw(values) if action == "replace" else copy.deepcopy(node[key])
            elif node is not doc or len(node) > 1:
                del node[draw(st.sampled_from(sorted(node)))]
        elif action == "add" or not node:
            node.append(draw(values))
        elif action == "duplicate":
            node.append(copy.deepcopy(draw(st.sampled_from(node))))
        else:
            index = draw(st.integers(0, len(node) - 1))
            if action == "replace":
                node[index] = draw(values)
            else:
                node.pop(index)
    return doc


@st.composite
def spliced(draw: st.DrawFn, text: str) -> bytes:
    """``text`` as UTF-8 with a few byte ranges replaced by random bytes."""
    raw = bytearray(text.encode("utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(raw)))
        end = min(len(raw), start + draw(st.integers(0, 16)))
        raw[start:end] = draw(st.binary(max_size=16))
    return bytes(raw)


def _dumps(doc: dict[str, Any]) -> bytes:
    return tomli_w.dumps(doc).encode("utf-8")


# ── helpers ───────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with one bloc; each example overwrites its files."""
    root = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(BASE, root / "khoi-test")
    return root


def _cli_check(root: Path) -> None:
    result = CliRunner().invoke(
        app, ["check", "--data", str(root)], env={"COLUMNS": "200", "KHOI_LANG": "en"}
    )
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in CLEAN_EXITS, result.output
    assert "internal error" not in result.output


def _exercise_bloc(bloc: Bloc) -> None:
    """A bloc that loads can be rotated: an answer or a clean KhoiError, for a few years."""
    for year in (2021, 2025, 2030):
        with contextlib.suppress(KhoiError):
            rotation.leadership_in(ENGLISH, bloc, year)


def _load_bloc_bytes(root: Path, raw: bytes) -> None:
    bloc_dir = root / "khoi-test"
    (bloc_dir / "bloc.toml").write_bytes(raw)
    try:
        bloc, _ = store.check_bloc(bloc_dir)
    except KhoiError:
        bloc = None
    if bloc is not None:
        _exercise_bloc(bloc)
    _cli_check(root)


def _load_results_bytes(root: Path, raw: bytes) -> None:
    bloc_dir = root / "khoi-test"
    (bloc_dir / "bloc.toml").write_bytes((BASE / "bloc.toml").read_bytes())
    (bloc_dir / "results-2021.toml").write_bytes(raw)
    bloc = store.load_bloc(bloc_dir)
    for award_ids in (None, ["co-chinh-phu", "co-tinh", "bang-khen-tinh"]):
        with contextlib.suppress(KhoiError):
            store.check_results(bloc_dir, bloc, 2021, award_ids)
    _cli_check(root)


# ── bloc.toml ─────────────────────────────────────────────────────────────────────────────


# Hundreds of generated files per test: .ci/run runs the fuzzing with the other slow groups.
@pytest.mark.slow
class TestBlocFile:
    """Whatever is written as bloc.toml, loading ends in a Bloc or a KhoiError."""

    @FUZZ
    @given(raw=st.binary(max_size=3000))
    def test_arbitrary_bytes(self, workdir: Path, raw: bytes) -> None:
        """Random bytes give a clean error."""
        _load_bloc_bytes(workdir, raw)

    @FUZZ
    @given(raw=spliced(BLOC_TEXT))
    def test_sample_with_corrupted_bytes(self, workdir: Path, raw: bytes) -> None:
        """The sample file with a few byte ranges overwritten gives a result or a clean error."""
        _load_bloc_bytes(workdir, raw)

    @FUZZ
    @given(doc=documents)
    def test_arbitrary_toml(self, workdir: Path, doc: dict[str, Any]) -> None:
        """Any TOML document gives a result or a clean error."""
        _load_bloc_bytes(workdir, _dumps(doc))

    @FUZZ
    @given(doc=mutated(BLOC_DOC))
    def test_near_valid_toml(self, workdir: Path, doc: dict[str, Any]) -> None:
        """The sample bloc with a few values changed, dropped or added gives a result or a clean
        error, and a bloc that loads can be rotated."""
        _load_bloc_bytes(workdir, _dumps(doc))

    def test_deeply_nested_lists(self, workdir: Path) -> None:
        """Lists nested 50,000 deep (past Python's recursion limit) are a clean data error."""
        bloc_dir = workdir / "khoi-test"
        (bloc_dir / "bloc.toml").write_text("x = " + "[" * 50_000 + "]" * 50_000, encoding="utf-8")
        with pytest.raises(KhoiError, match="nested too deeply"):
            store.load_bloc(bloc_dir)
        _cli_check(workdir)


# ── results-YYYY.toml ─────────────────────────────────────────────────────────────────────


@pytest.mark.slow
class TestResultsFile:
    """Whatever is written as results-2021.toml, checking it ends in results or a KhoiError."""

    @FUZZ
    @given(raw=st.binary(max_size=2000) | spliced(RESULTS_TEXT))
    def test_arbitrary_bytes(self, workdir: Path, raw: bytes) -> None:
        """Random or corrupted bytes give a clean error."""
        _load_results_bytes(workdir, raw)

    @FUZZ
    @given(doc=documents)
    def test_arbitrary_toml(self, workdir: Path, doc: dict[str, Any]) -> None:
        """Any TOML document gives a result or a clean error."""
        _load_results_bytes(workdir, _dumps(doc))

    @FUZZ
    @given(doc=mutated(RESULTS_DOC))
    def test_near_valid_toml(self, workdir: Path, doc: dict[str, Any]) -> None:
        """The base results with a few values changed, dropped or added give results or a clean
        error."""
        _load_results_bytes(workdir, _dumps(doc))


# ── line numbers for messages ─────────────────────────────────────────────────────────────


class TestKeyLines:
    """The line finder used in messages never fails and stays fast on long lines."""

    @FUZZ
    @given(text=st.text(alphabet=st.sampled_from(list("[]\"'.=# \tab\n")), max_size=400))
    def test_any_text(self, text: str) -> None:
        """Any text gives a map from key paths to line numbers within the text."""
        lines = key_lines(text)
        assert all(1 <= line <= max(1, len(text.splitlines())) for line in lines.values())

    def test_long_header_like_line(self) -> None:
        """A 20,000-character line that starts like a header (possible inside a multi-line
        string) is scanned at once; the old pattern backtracked for hours on it."""
        assert key_lines("[" + " " * 20_000 + "x") == {}
        assert key_lines("[[" + " \t" * 10_000 + "a") == {}

    def test_multiline_string_with_bracket_lines(self, workdir: Path) -> None:
        """A note holding long lines that start with "[" loads, and its errors have lines."""
        note = "[" + " " * 20_000 + "trích dẫn\n"
        doc_text = BLOC_TEXT.replace(
            'name = "Ban Tổ chức Tỉnh ủy"', f'name = "Ban Tổ chức Tỉnh ủy"\nnote = """{note}"""'
        ).replace('year = 2021\nchair = "btc"', 'year = 2021\nchair = "b"')
        bloc_dir = workdir / "khoi-test"
        (bloc_dir / "bloc.toml").write_bytes(doc_text.encode("utf-8"))
        _, problems = store.check_bloc(bloc_dir)
        assert [p.message for p in problems] == ["chair `b` is not a member id"]
        assert problems[0].line is not None
