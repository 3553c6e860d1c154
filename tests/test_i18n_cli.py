"""khoi speaks Vietnamese: rotation, members, check, summary and help, in both languages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from builders import Invoke, assert_same_shape, loaded_app
from khoi_thidua import i18n

ROOT = Path(__file__).resolve().parents[1]
DUKCQ = "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh"
TCT = "Trường Chính trị Nguyễn Văn Linh"
BTGDV = "Ban Tuyên giáo và Dân vận Tỉnh ủy"

# English words of khoi's own messages that must never show through in a Vietnamese output.
ENGLISH_WORDS = re.compile(
    r"\b(computed|recorded|chair|vice|rotation|circular|member|members|passed|over|merged|"
    r"excused|joins|left|the|from|year|source|note|active|status|detail|error|warning|fix|"
    r"problems?|proposed|caps?|totals|leading|within|exceeds|award|bloc|summary|rank)\b",
    re.IGNORECASE,
)
# Text that only the Vietnamese catalog produces.
VIETNAMESE_ONLY = ("tính theo luân phiên", "Tính theo luân phiên", "đã ghi nhận", "Năm ")
# Keys of the JSON whose values are sentences for people: they follow the language.
HUMAN_TEXT_KEYS = {"explanation", "detail"}


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Runs in-process share the language setting: leave it English for the next test."""
    yield
    i18n.set_language("en")


def run(khoi: Invoke, lang: str, *args: str, data: Path) -> tuple[int, str, str]:
    result = khoi(*args, "--data", str(data), env={"KHOI_LANG": lang})
    return result.exit_code, result.stdout, result.stderr


def english_words(text: str) -> list[str]:
    """English words left in ``text`` once the data's own names are taken out."""
    return ENGLISH_WORDS.findall(text)


# -- rotate in each language -----------------------------------------------------------------


class TestRotateText:
    def test_vietnamese(self, khoi: Invoke, sample_data: Path) -> None:
        """With KHOI_LANG=vi, `rotate 2022` is Vietnamese from title to explanation."""
        code, out, err = run(khoi, "vi", "rotate", "2022", data=sample_data)
        assert code == 0, err
        assert err == ""
        lines = out.splitlines()
        assert lines[0].endswith("— năm 2022 (tính theo luân phiên từ năm 2021)")
        assert any(line.startswith("Trưởng khối") and DUKCQ in line for line in lines)
        assert any(line.startswith("Phó khối") and TCT in line for line in lines)
        assert "• Tính theo luân phiên vòng tròn từ Trưởng/Phó khối đã ghi nhận năm 2021." in out
        assert f"{DUKCQ} là Phó khối năm 2021, nên là Trưởng khối năm 2022." in out
        assert f"{TCT} là đơn vị đủ điều kiện kế tiếp sau Trưởng khối, nên là Phó khối." in out
        assert english_words(out) == []

    def test_english(self, khoi: Invoke, sample_data: Path) -> None:
        """With KHOI_LANG=en, `rotate 2022` is English, keeping the role names in Vietnamese."""
        code, out, err = run(khoi, "en", "rotate", "2022", data=sample_data)
        assert code == 0, err
        lines = out.splitlines()
        assert lines[0].endswith("— 2022 (computed from 2021)")
        assert any(line.startswith("Trưởng khối (chair)") and DUKCQ in line for line in lines)
        assert any(line.startswith("Phó khối (vice-chair)") and TCT in line for line in lines)
        assert "Computed by circular rotation from the leadership recorded for 2021." in out
        assert f"{DUKCQ} was Phó khối in 2021, so it is Trưởng khối in 2022." in out
        assert not any(phrase in out for phrase in VIETNAMESE_ONLY)

    def test_merge_year_in_vietnamese(self, khoi: Invoke, sample_data: Path) -> None:
        """A merged board passed over in 2025 is explained in Vietnamese, with its successor."""
        code, out, err = run(khoi, "vi", "rotate", "2025", data=sample_data)
        assert code == 0, err
        assert (
            f"Ban Tuyên giáo Tỉnh ủy được bỏ qua khi chọn Trưởng khối: "
            f"đã sáp nhập vào {BTGDV} từ năm 2025." in out
        )
        assert english_words(out) == []

    def test_recorded_year_in_vietnamese(self, khoi: Invoke, sample_data: Path) -> None:
        """A recorded year says so in Vietnamese and shows its note."""
        code, out, err = run(khoi, "vi", "rotate", "2021", data=sample_data)
        assert code == 0, err
        assert "(đã ghi nhận)" in out
        assert "Năm 2021 đã được ghi nhận trong bloc.toml" in out
        assert "Ghi chú: Theo bài báo ngày 08/01/2022" in out


@pytest.mark.parametrize(
    "args",
    [
        ("rotate", "2024", "--plan", "3"),
        ("rotate", "2026", "--all"),
        ("history",),
        ("history", "--member", "bnc"),
        ("members", "2025"),
        ("members", "2024"),
        ("check",),
        ("summary", "2021"),
        ("summary", "2021", "--format", "markdown"),
    ],
    ids=" ".join,
)
def test_tables_are_vietnamese(khoi: Invoke, sample_data: Path, args: tuple[str, ...]) -> None:
    """Tables, titles, statuses and sentences of the other views are Vietnamese too."""
    code, out, err = run(khoi, "vi", *args, data=sample_data)
    assert code == 0, err
    assert err == ""
    assert english_words(out) == [], out


def test_summary_cap_in_vietnamese(khoi: Invoke, sample_data: Path) -> None:
    """The province-wide cap is explained in Vietnamese, percentage and denominator included
    (Decree 91/2017 counts the units meeting the provincial-flag standard; the province's
    rules file may count the bloc leaders instead)."""
    code, out, _ = run(khoi, "vi", "summary", "2021", data=sample_data)
    assert code == 0
    assert "Giới hạn toàn tỉnh:" in out
    flat = " ".join(out.split())
    assert (
        "20% trên tổng số 7 đơn vị đạt tiêu chuẩn Cờ thi đua của UBND tỉnh, làm tròn xuống" in flat
    )
    (sample_data / "quy-che.toml").write_text(
        'schema = 1\n[caps.co-chinh-phu]\nof = "leaders"\n', encoding="utf-8"
    )
    code, out, _ = run(khoi, "vi", "summary", "2021", data=sample_data)
    assert "20% trên tổng số 1 đơn vị dẫn đầu khối, làm tròn xuống" in out
    assert "VƯỢT giới hạn 1 đề nghị" in out


def test_check_problems_in_vietnamese(khoi: Invoke, sample_bloc_dir: Path) -> None:
    """`check` counts errors and labels each one in Vietnamese; the hint is a `cách sửa`."""
    path = sample_bloc_dir / "bloc.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('short = "BNC"', 'shrot = "BNC"'), encoding="utf-8")
    code, out, _ = run(khoi, "vi", "check", data=sample_bloc_dir.parent)
    assert code == 65
    assert "✗ khoi-co-quan-dang: 1 lỗi, 0 cảnh báo" in out
    assert "[members[3].shrot]: lỗi:" in out


# -- errors ----------------------------------------------------------------------------------


def test_errors_in_vietnamese(khoi: Invoke, sample_data: Path) -> None:
    """An error and its fix are reported in Vietnamese, keeping the TOML to copy as it is."""
    code, out, err = run(khoi, "vi", "rotate", "2019", data=sample_data)
    assert code == 64
    assert out == ""
    assert err.startswith("khoi: lỗi: năm 2019 trước năm đầu tiên đã ghi nhận Trưởng/Phó khối")
    assert "  cách sửa: hãy hỏi năm 2021 hoặc năm sau đó" in err
    assert "    [[leadership]]\n    year = 2019\n" in err


def test_usage_error_in_vietnamese(khoi: Invoke, sample_data: Path) -> None:
    """khoi's own usage errors are Vietnamese too."""
    code, _, err = run(khoi, "vi", "rotate", "--plan", "2", "--until", "2030", data=sample_data)
    assert code == 64
    assert err == "khoi: lỗi: chỉ dùng --plan hoặc --until, không dùng cả hai\n"


def test_record_message_in_vietnamese(khoi: Invoke, sample_data: Path) -> None:
    """`rotate --record` says what it wrote in Vietnamese, and the note it stores is Vietnamese."""
    code, _, err = run(khoi, "vi", "rotate", "2022", "--record", data=sample_data)
    assert code == 0
    assert err.startswith("Đã ghi năm 2022 vào ")
    assert f"Trưởng khối {DUKCQ}, Phó khối {TCT}." in err
    text = (sample_data / "khoi-co-quan-dang" / "bloc.toml").read_text(encoding="utf-8")
    assert "Tính theo luân phiên vòng tròn từ năm 2021; ghi bằng khoi ngày " in text
    code, _, err = run(khoi, "vi", "rotate", "2022", "--record", data=sample_data)
    assert code == 0
    assert "không có gì thay đổi" in err


# -- JSON is the same in both languages ------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("rotate", "2022"),
        ("rotate", "2025"),
        ("rotate", "2022", "--plan", "5"),
        ("rotate", "2026", "--all"),
        ("history",),
        ("history", "--member", "bnc"),
        ("members", "2025"),
        ("check",),
    ],
    ids=" ".join,
)
def test_json_is_the_same_in_both_languages(
    khoi: Invoke, sample_data: Path, args: tuple[str, ...]
) -> None:
    """`--json` keeps its ids, keys, statuses and numbers whatever the language."""
    outputs = {}
    for lang in ("en", "vi"):
        code, out, err = run(khoi, lang, *args, "--json", data=sample_data)
        assert code == 0, err
        outputs[lang] = json.loads(out)
    assert_same_shape(outputs["en"], outputs["vi"], HUMAN_TEXT_KEYS)


def test_json_explanation_follows_the_language(khoi: Invoke, sample_data: Path) -> None:
    """The explanation sentences in the JSON are in the language of the run."""
    _, out, _ = run(khoi, "vi", "rotate", "2022", "--json", data=sample_data)
    data = json.loads(out)
    assert data["explanation"][0].startswith("Tính theo luân phiên vòng tròn")
    assert data["chair"]["id"] == "dukcq"


# -- --lang anywhere on the command line -----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["rotate", "2022", "--lang", "vi"],
        ["--lang", "vi", "rotate", "2022"],
        ["rotate", "--lang=vi", "2022"],
    ],
    ids=" ".join,
)
def test_lang_option_anywhere(args: list[str]) -> None:
    """`--lang vi` works before or after the command, through the console entry point."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"KHOI_LANG", "KHOI_DATA", "LC_ALL", "LC_MESSAGES", "LANG"}
    }
    env.update({"NO_COLOR": "1", "COLUMNS": "200", "LANG": "C.UTF-8"})
    proc = subprocess.run(
        [sys.executable, "-m", "khoi_thidua", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    assert "(tính theo luân phiên từ năm 2021)" in out
    assert english_words(out) == []


# -- help ------------------------------------------------------------------------------------


def command_names() -> list[str]:
    return sorted(loaded_app().commands)  # type: ignore[attr-defined]


def first_line(text: str) -> str:
    return text.strip().splitlines()[0]


def flat(text: str) -> str:
    """Help text with rich's wrapping and padding folded into single spaces."""
    return " ".join(text.split())


@pytest.mark.parametrize("name", command_names())
def test_help_in_vietnamese(khoi: Invoke, name: str) -> None:
    """`khoi --lang vi CMD --help` shows the Vietnamese help and option texts."""
    command = loaded_app().commands[name]  # type: ignore[attr-defined]
    result = khoi("--lang", "vi", name, "--help")
    assert result.exit_code == 0, result.stderr
    shown = flat(result.stdout)
    assert flat(first_line(i18n.catalog()[command.help])) in shown
    assert "Tùy chọn" in shown
    assert first_line(command.help) not in shown
    for param in command.params:
        if param.help:
            assert flat(i18n.catalog()[param.help])[:30] in shown, param.name


@pytest.mark.parametrize("name", command_names())
def test_help_in_english(khoi: Invoke, name: str) -> None:
    """`khoi --lang en CMD --help` shows the English help."""
    command = loaded_app().commands[name]  # type: ignore[attr-defined]
    result = khoi("--lang", "en", name, "--help")
    assert result.exit_code == 0, result.stderr
    shown = flat(result.stdout)
    assert flat(first_line(command.help)) in shown
    assert "Options" in shown
    assert "Examples:" in shown


def test_main_help_in_vietnamese(khoi: Invoke) -> None:
    """`khoi --lang vi --help` lists the commands with Vietnamese summaries."""
    result = khoi("--lang", "vi", "--help")
    assert result.exit_code == 0
    shown = flat(result.stdout)
    assert "luân phiên Trưởng khối, Phó khối và đề nghị khen thưởng" in shown
    assert "Lệnh" in shown


def test_member_history_numbers_and_dates(khoi: Invoke, sample_data: Path) -> None:
    """A unit's history writes scores and decision dates the Vietnamese way in Vietnamese only."""
    results = sample_data / "khoi-co-quan-dang" / "results-2021.toml"
    text = results.read_text(encoding="utf-8")
    results.write_text(text.replace("score = 96.0\n", "score = 96.5\n", 1), encoding="utf-8")
    granted = khoi(
        "record-award",
        "2021",
        "bnc",
        "bang-khen-tinh",
        "--decision",
        "Quyết định số 600/QĐ-UBND",
        "--date",
        "2022-03-15",
        "--data",
        str(sample_data),
    )
    assert granted.exit_code == 0, granted.stderr
    _, vi, _ = run(khoi, "vi", "history", "--member", "bnc", data=sample_data)
    _, en, _ = run(khoi, "en", "history", "--member", "bnc", data=sample_data)
    assert "96,5" in vi and "(Quyết định số 600/QĐ-UBND, 15/03/2022)" in vi
    assert "96.5" in en and "(Quyết định số 600/QĐ-UBND, 2022-03-15)" in en
    assert "Khen thưởng được tặng" in vi and "Awards granted" in en
