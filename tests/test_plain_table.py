"""The plain renderer writes exactly what rich writes to a pipe, or hands the sheet to rich."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from builders import Invoke, rich_printed
from khoi_thidua.cli import output
from khoi_thidua.render import plain_table
from khoi_thidua.render.plain_table import plain_text
from khoi_thidua.render.sheet import Column, Grid, Line, Row, Sheet, to_rich


def rich_text(sheet: Sheet, width: int) -> str:
    """What ``cli.output.emit`` prints for the sheet through rich on a pipe ``width`` wide."""
    return rich_printed(to_rich(sheet), width)


# Words as khoi's tables hold them: Vietnamese names, numbers, dashes, long words that must be
# cut or folded, wide (CJK) and zero-width (combining) characters, runs of spaces.
WORD_LIST = (
    "Sở",
    "Y",
    "tế",
    "Trung",
    "tâm",
    "huyện",
    "Phù",
    "Cừ",
    "98.5",
    "—",
    "HTXSNV",
    "Cờ thi đua",
    "Nghị định 152/2025/NĐ-CP",
    "khoi-co-quan-dang-va-doanh-nghiep-tinh-mot-ten-rat-dai",
    "ĐảngủyKhốicáccơquan-doanhnghiệptỉnhNamĐịnh",
    "漢字",
    "e\u0301",
    "",
    " ",
    "  ",
    "(a)",
)
WORDS = st.sampled_from(WORD_LIST)
TEXT = st.lists(WORDS, max_size=14).map(" ".join)
TEXT_WITH_LINES = st.lists(TEXT, min_size=1, max_size=3).map("\n".join)


@st.composite
def sheets(draw: st.DrawFn) -> Sheet:
    parts: list[Grid | Line] = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            columns = tuple(
                Column(
                    draw(TEXT),
                    draw(st.sampled_from(["left", "center", "right"])),
                    draw(st.sampled_from(["", "bold"])),
                    draw(st.sampled_from([None, None, None, 1, 3, 12])),
                )
                for _ in range(draw(st.integers(1, 6)))
            )
            rows = tuple(
                Row(
                    tuple(draw(TEXT_WITH_LINES) for _ in columns),
                    draw(st.sampled_from(["", "bold", "yellow"])),
                    end_section=draw(st.booleans()),
                )
                for _ in range(draw(st.integers(0, 5)))
            )
            title, caption = draw(TEXT_WITH_LINES), draw(TEXT_WITH_LINES)
            parts.append(
                Grid(
                    columns,
                    rows,
                    title,
                    caption,
                    boxed=draw(st.booleans()),
                    gap=draw(st.integers(1, 2)),
                    indent=draw(st.sampled_from([0, 0, 2, 4])),
                )
            )
        else:
            style = draw(st.sampled_from(["", "bold yellow"]))
            parts.append(Line(draw(TEXT_WITH_LINES), style, draw(st.sampled_from([0, 0, 2]))))
    return Sheet(tuple(parts))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets(), st.integers(20, 160))
@example(Sheet((Grid((Column("Rank", "right"), Column("Member")), (Row(("1", "Sở Y tế")),)),)), 120)
def test_the_same_text_as_rich(sheet: Sheet, width: int) -> None:
    plain = plain_text(sheet, width, "utf-8")
    if plain is not None:
        assert plain == rich_text(sheet, width)


def test_it_renders_most_tables() -> None:
    """The equivalence test above must not pass by falling back: most tables are rendered,
    long words cut with an ellipsis among them."""
    chance = random.Random(2026)

    def text() -> str:
        return " ".join(chance.choice(WORD_LIST) for _ in range(chance.randint(0, 12)))

    rendered = cut = 0
    for _ in range(100):
        columns = tuple(Column(text()) for _ in range(chance.randint(1, 6)))
        rows = tuple(Row(tuple(text() for _ in columns)) for _ in range(chance.randint(0, 5)))
        plain = plain_text(Sheet((Grid(columns, rows, text(), text()),)), 100, "utf-8")
        rendered += plain is not None
        cut += plain is not None and "…" in plain
    assert rendered >= 70
    assert cut >= 10


@pytest.mark.parametrize(
    ("sheet", "width", "encoding"),
    [
        (Sheet((Line("a\tb"),)), 80, "utf-8"),  # rich expands tabs
        (Sheet((Line("a\rb"),)), 80, "utf-8"),  # rich strips control codes
        (Sheet((Line("a\u2028b"),)), 80, "utf-8"),  # a line separator
        (Sheet((Line("\u200da"),)), 80, "utf-8"),  # a zero-width joiner (rich fails on some)
        (Sheet((Grid((Column("A"),), (Row(("x",)),)),)), 80, "cp1252"),  # rich draws ASCII
        (Sheet((Grid((Column("A"), Column("B")), (Row(("x", "y")),)),)), 6, "utf-8"),  # no room
        (Sheet((Grid((), ()),)), 80, "utf-8"),
    ],
)
def test_what_it_leaves_to_rich(sheet: Sheet, width: int, encoding: str) -> None:
    assert plain_text(sheet, width, encoding) is None


@pytest.mark.parametrize(
    "args",
    [
        ("propose", "2021"),
        ("rotate", "2022"),
        ("rotate", "2022", "--plan", "6"),
        ("rotate", "2022", "--all"),
        ("history",),
        ("history", "--member", "bnc"),
        ("members", "2022"),
        ("propose", "2021", "--all"),
        ("summary", "2021"),
        ("check",),
        ("rules", "2021"),
        ("rules", "2025"),
        ("scores", "2021"),
        ("scores", "2021", "--explain", "btc"),
        ("propose", "2021", "--explain", "bnc"),
        ("propose", "2021", "--explain", "btc"),
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("columns", [None, "90"])
def test_a_pipe_gets_the_same_bytes_either_way(
    khoi: Invoke,
    sample_data: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    columns: str | None,
) -> None:
    """A table on a pipe: the plain text equals what rich prints when the plain renderer
    declines, at khoi's own width for a pipe (no COLUMNS: 120) and at another."""
    env: dict[str, str | None] = {"KHOI_LANG": "en", "NO_COLOR": "1", "COLUMNS": columns}
    plain = khoi(*args, "--data", str(sample_data), env=env)
    monkeypatch.setattr(plain_table, "plain_text", lambda *args: None)
    through_rich = khoi(*args, "--data", str(sample_data), env=env)
    assert plain.exit_code == through_rich.exit_code == 0, plain.stderr
    assert plain.stdout_bytes == through_rich.stdout_bytes
    assert plain.stdout.strip()


def test_a_check_with_problems_pipes_the_same_bytes(
    khoi: Invoke, sample_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`khoi check` lists each problem indented under its bloc, on a pipe as rich does."""
    bloc = sample_data / "khoi-co-quan-dang" / "bloc.toml"
    text = bloc.read_text(encoding="utf-8")
    bloc.write_text(text.replace("[rotation]", "[rotation]\nspeed = 2\npace = 3", 1), "utf-8")
    plain = khoi("check", "--data", str(sample_data), env={"COLUMNS": "70"})
    monkeypatch.setattr(plain_table, "plain_text", lambda *args: None)
    through_rich = khoi("check", "--data", str(sample_data), env={"COLUMNS": "70"})
    assert plain.exit_code == through_rich.exit_code == 65
    assert "speed" in plain.stdout and "pace" in plain.stdout
    assert plain.stdout_bytes == through_rich.stdout_bytes


def test_the_pipe_width_is_the_golden_files(khoi: Invoke, sample_data: Path) -> None:
    """Without COLUMNS a pipe gets 120 columns, the width of tests/golden/propose-2021.txt."""
    result = khoi("propose", "2021", "--data", str(sample_data), env={"COLUMNS": None})
    golden = (Path(__file__).parent / "golden" / "propose-2021.txt").read_bytes()
    assert result.stdout_bytes == golden


@pytest.mark.parametrize(
    ("environ", "width"),
    [
        ({}, 120),
        ({"COLUMNS": "90"}, 90),
        ({"COLUMNS": "wide"}, None),
        ({"FORCE_COLOR": "1"}, None),
        ({"TTY_COMPATIBLE": "1"}, None),
    ],
)
def test_when_a_pipe_is_printed_plainly(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], width: int | None
) -> None:
    for name in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert output._pipe_width() == width


# Slow: the same comparison over text no bloc should hold but a file can (emoji, flags, skin
# tones, Hangul jamo, Thai, zero-width joiners, soft hyphens, ideographic spaces, combining
# marks alone), at any width, with every layout option the sheets have.
ODD = st.sampled_from(
    [
        *"aAz09 -.,/()",
        *("\ufe0f", "🇻🇳", "👍🏽", "\u1100\u1161", "\u0e01\u0e33", "\xad", "ế", "Đ", "e\u0301"),
        *("漢", "😀", "\u200d", "\xa0", "…", "\n", "  ", "ư", "\u3000", "ﾊ", "\u0300"),
    ]
)
ODD_TEXT = st.one_of(st.lists(ODD, max_size=60).map("".join), TEXT)


@st.composite
def odd_sheets(draw: st.DrawFn) -> Sheet:
    parts: list[Grid | Line] = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            columns = tuple(
                Column(
                    draw(ODD_TEXT),
                    draw(st.sampled_from(["left", "center", "right"])),
                    width=draw(st.sampled_from([None, None, 1, 2, 5, 30])),
                )
                for _ in range(draw(st.integers(1, 7)))
            )
            rows = tuple(
                Row(tuple(draw(ODD_TEXT) for _ in columns), end_section=draw(st.booleans()))
                for _ in range(draw(st.integers(0, 6)))
            )
            title, caption = draw(ODD_TEXT), draw(ODD_TEXT)
            boxed, gap, indent = (
                draw(st.booleans()),
                draw(st.integers(0, 3)),
                draw(st.integers(0, 6)),
            )
            parts.append(Grid(columns, rows, title, caption, boxed, gap, indent))
        else:
            parts.append(Line(draw(ODD_TEXT), indent=draw(st.integers(0, 6))))
    return Sheet(tuple(parts))


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
@given(odd_sheets(), st.integers(5, 250))
def test_the_same_text_as_rich_for_odd_text(sheet: Sheet, width: int) -> None:
    plain = plain_text(sheet, width, "utf-8")
    if plain is not None:
        assert plain == rich_text(sheet, width)


def test_a_table_written_to_a_file_is_what_a_pipe_gets(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """`--output FILE` holds the text a pipe gets, at the same width, names kept as typed
    (rich's file console replaced `:smile:` with an emoji)."""
    bloc = sample_data / "khoi-co-quan-dang" / "bloc.toml"
    text = bloc.read_text(encoding="utf-8")
    bloc.write_text(text.replace('name = "Ban Tổ chức Tỉnh ủy"', 'name = "Ban :smile: Tổ chức"'))
    out = tmp_path / "de-nghi.txt"
    env: dict[str, str | None] = {"COLUMNS": None}
    written = khoi("propose", "2021", "--data", str(sample_data), "--output", str(out), env=env)
    piped = khoi("propose", "2021", "--data", str(sample_data), env=env)
    assert written.exit_code == piped.exit_code == 0, written.stderr
    assert "Ban :smile: Tổ chức" in piped.stdout
    assert out.read_bytes() == piped.stdout_bytes
