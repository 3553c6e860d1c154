"""khoi speaks Vietnamese on the proposal side: propose, --explain, record-award and lookups."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from award_builders import award_doc, make_pack, result, year_results
from builders import Invoke, assert_same_shape, make_bloc
from khoi_thidua import i18n
from khoi_thidua.awards.proposal import propose
from khoi_thidua.model import StaffFigures
from khoi_thidua.render import proposal as view

BNC = "Ban Nội chính Tỉnh ủy"
GOV = "co-chinh-phu"
FLAG = "co-tinh"
CERT = "bang-khen-tinh"

# English words of khoi's proposal messages that must never show through in Vietnamese.
ENGLISH_WORDS = re.compile(
    r"\b(proposed?|ranked|rank|votes?|ballots?|eligible|meets|every|conditions?|fails|needs|"
    r"rated|rating|score|staff|discipline|consecutive|years?|granted|none|recorded|tied?|"
    r"seats?|quota|conference|decides|unverified|rules?|reasons?|warnings?|outcome|titles|"
    r"awards?|members?|results?|details|nobody|higher|already|unsettled|placed|counted|shared|"
    r"defaults?|relied|legal|basis|and|the|of|for|not|or|at|least|more|than|with|yes|row)\b",
    re.IGNORECASE,
)
# What khoi writes for programs or copies from files, never for people to read: `keys`, options,
# [sections] and file names. They stay as they are in both languages.
NOT_PROSE = re.compile(r"`[^`]*`|--[a-z-]+|\[[^\]]*\]|\S+\.toml")
# Phrases only the Vietnamese catalog produces (the data's own Vietnamese never holds them).
VIETNAMESE_ONLY = (
    "không đề nghị",
    "đạt mọi điều kiện",
    "Quy định áp dụng",
    "phiếu (cần",
    "không phải",
    "Lý do và căn cứ",
    "chi tiết: --explain",
    "chưa đủ điều kiện",
)
# JSON values that are sentences for people: they follow the language; the rest may not.
HUMAN_TEXT_KEYS = {"reason", "rule", "observed", "text"}


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Runs in-process share the language setting: leave it English for the next test."""
    yield
    i18n.set_language("en")


def run(khoi: Invoke, lang: str, *args: str, data: Path) -> tuple[int, str, str]:
    result = khoi(*args, "--data", str(data), env={"KHOI_LANG": lang, "COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


def english_words(text: str) -> list[str]:
    """English words left in ``text`` once keys, options and file names are taken out."""
    return ENGLISH_WORDS.findall(NOT_PROSE.sub(" ", text))


def flat(text: str) -> str:
    return " ".join(text.split())


# -- the table -------------------------------------------------------------------------------


class TestTable:
    def test_vietnamese(self, khoi: Invoke, sample_data: Path) -> None:
        """With KHOI_LANG=vi the table, reasons, rules and warnings are all Vietnamese."""
        code, out, err = run(khoi, "vi", "propose", "2021", data=sample_data)
        assert code == 0, err
        assert err == ""
        lines = out.splitlines()
        assert lines[0].endswith("— đề nghị khen thưởng năm 2021")
        header = next(line for line in lines if "Hạng" in line)
        assert all(word in header for word in ("Đơn vị", "Điểm", "Xếp loại", "Phiếu"))
        row = next(line for line in lines if BNC in line)
        assert "96,0" in row and "Bằng khen của Chủ tịch UBND tỉnh" in row
        assert "98,5" in out and "98.5" not in out
        text = flat(out)
        assert "Quy định áp dụng cho năm 2021: Luật Thi đua, Khen thưởng 2003" in text
        assert "hạng 1, đạt mọi điều kiện" in text
        assert "Bằng khen của Chủ tịch UBND tỉnh: 0/8 phiếu (cần trên 50%)" in text
        assert "Cảnh báo:" in out
        assert english_words(out) == [], english_words(out)

    def test_english(self, khoi: Invoke, sample_data: Path) -> None:
        """With KHOI_LANG=en the same table speaks English; the data stays as written."""
        code, out, err = run(khoi, "en", "propose", "2021", data=sample_data)
        assert code == 0, err
        header = next(line for line in out.splitlines() if "Rank" in line)
        assert all(word in header for word in ("Member", "Score", "Rating", "Votes"))
        assert "98.5" in out and "98,5" not in out
        text = flat(out)
        assert "Rules in force for 2021: Luật Thi đua, Khen thưởng 2003" in text
        assert "rank 1, meets every condition" in text
        assert "Bằng khen của Chủ tịch UBND tỉnh: 0/8 votes (needs >50%)" in text
        assert not [phrase for phrase in VIETNAMESE_ONLY if phrase in out]

    def test_markdown_in_vietnamese(self, khoi: Invoke, sample_data: Path) -> None:
        """The markdown document has Vietnamese headings and numbers."""
        code, out, err = run(
            khoi, "vi", "propose", "2021", "--format", "markdown", data=sample_data
        )
        assert code == 0, err
        lines = out.splitlines()
        assert lines[0] == "# Khối thi đua Ban, đơn vị, cơ quan Đảng — đề nghị khen thưởng năm 2021"
        assert "| Hạng | Đơn vị | Điểm | Xếp loại | Phiếu | Hình thức đề nghị |" in lines
        assert (
            f"| 4 | {BNC} | 96,0 | Hoàn thành xuất sắc nhiệm vụ | 6 | "
            "Bằng khen của Chủ tịch UBND tỉnh |"
        ) in lines
        assert "## Lý do" in lines and "## Cảnh báo" in lines
        assert english_words(out) == [], english_words(out)

    def test_csv_keeps_its_header_ids(self, khoi: Invoke, sample_data: Path) -> None:
        """CSV is for programs: the header ids and the numbers are the same in Vietnamese,
        only the reasons (text for people) are translated."""
        rows = {}
        for lang in ("en", "vi"):
            result = khoi(
                "propose",
                "2021",
                "--format",
                "csv",
                "--data",
                str(sample_data),
                env={"KHOI_LANG": lang},
            )
            assert result.exit_code == 0, result.stderr
            text = result.stdout_bytes[3:].decode("utf-8")
            rows[lang] = list(csv.reader(io.StringIO(text, newline="")))
        assert rows["vi"][0] == rows["en"][0]
        assert rows["vi"][0][:4] == ["rank", "member_id", "member_name", "score"]
        reason = rows["en"][0].index("reason")
        for en, vi in zip(rows["en"][1:], rows["vi"][1:], strict=True):
            assert en[:reason] == vi[:reason]
        bnc = next(row for row in rows["vi"] if row[1] == "bnc")
        assert bnc[3] == "96.0"
        assert bnc[reason].startswith("đề nghị Bằng khen của Chủ tịch UBND tỉnh: hạng 4")


# -- --explain -------------------------------------------------------------------------------


class TestExplain:
    def test_vietnamese(self, khoi: Invoke, sample_data: Path) -> None:
        """`--explain "ban noi chinh"` finds Ban Nội chính and explains it in Vietnamese."""
        args = ("propose", "2021", "--explain", "ban noi chinh")
        code, out, err = run(khoi, "vi", *args, data=sample_data)
        assert code == 0, err
        text = flat(out)
        assert f"{BNC} (bnc) — 2021" in text
        assert "Hạng 4/8, điểm 96,0, xếp loại “Hoàn thành xuất sắc nhiệm vụ”, 6 phiếu." in text
        assert "Kết quả: đề nghị Bằng khen của Chủ tịch UBND tỉnh: hạng 4" in text
        assert "Cờ thi đua của Chính phủ: chưa đủ điều kiện — không đạt:" in text
        assert "✗ dẫn đầu khối (đơn vị xếp hạng cao nhất đạt tiêu chuẩn Cờ thi đua của UBND" in text
        assert "✓ được trên 50% số phiếu hợp lệ: 6/8 phiếu (75%) [chưa xác minh]" in text
        assert "Danh hiệu:" in out
        assert english_words(out) == [], english_words(out)

    def test_english(self, khoi: Invoke, sample_data: Path) -> None:
        """The same query finds the same unit in English, explained in English."""
        args = ("propose", "2021", "--explain", "ban noi chinh")
        code, out, err = run(khoi, "en", *args, data=sample_data)
        assert code == 0, err
        text = flat(out)
        assert f"{BNC} (bnc) — 2021" in text
        assert "Rank 4 of 8, score 96.0" in text
        assert "Cờ thi đua của Chính phủ: not eligible — fails:" in text
        assert (
            "✓ votes from more than 50% of the valid ballots: 6 of 8 ballots (75%) [unverified]"
            in (text)
        )
        assert not [phrase for phrase in VIETNAMESE_ONLY if phrase in out]

    def test_json_finds_the_same_unit(self, khoi: Invoke, sample_data: Path) -> None:
        """`--explain … --json` is the same document in both languages but for its sentences."""
        outputs = {}
        for lang in ("en", "vi"):
            args = ("propose", "2021", "--explain", "ban noi chinh", "--json")
            code, out, err = run(khoi, lang, *args, data=sample_data)
            assert code == 0, err
            outputs[lang] = json.loads(out)
        assert outputs["vi"]["standing"]["member"]["id"] == "bnc"
        assert_same_shape(outputs["en"], outputs["vi"], HUMAN_TEXT_KEYS)


# -- JSON ------------------------------------------------------------------------------------


def test_json_ids_and_keys_are_the_same_in_both_languages(khoi: Invoke, sample_data: Path) -> None:
    """`propose --json` keeps ids, keys, statuses and numbers; reasons follow the language."""
    outputs = {}
    for lang in ("en", "vi"):
        code, out, err = run(khoi, lang, "propose", "2021", "--json", data=sample_data)
        assert code == 0, err
        outputs[lang] = json.loads(out)
    assert_same_shape(outputs["en"], outputs["vi"], HUMAN_TEXT_KEYS)
    bnc = next(s for s in outputs["vi"]["standings"] if s["member"]["id"] == "bnc")
    assert bnc["score"] == 96.0  # a number, never "96,0"
    assert bnc["reason"].startswith("đề nghị Bằng khen của Chủ tịch UBND tỉnh: hạng 4")
    condition = bnc["decisions"][0]["conditions"][0]
    assert (condition["kind"], condition["rule"]) == (
        "leads_bloc",
        "dẫn đầu khối (đơn vị xếp hạng cao nhất đạt tiêu chuẩn Cờ thi đua của UBND tỉnh)",
    )


# -- every reason and notice, rendered from proposals made in code ----------------------------


def _proposal_texts(lang: str, proposal_args: tuple[Any, ...]) -> list[str]:
    """Every sentence for people in the proposal's JSON and markdown, in ``lang``."""
    bloc, results, history, pack = proposal_args
    i18n.set_language(lang)
    data = view.proposal_dict(i18n.messages(lang), bloc, propose(bloc, results, history, pack))
    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in HUMAN_TEXT_KEYS and isinstance(item, str):
                    texts.append(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    texts.append(view.proposal_markdown(i18n.messages(lang), data))
    return texts


def _ties() -> tuple[Any, ...]:
    """Two equal leaders for one Government flag: a tie, held lower awards, a full quota."""
    pack = make_pack(
        [
            award_doc(GOV, [{"kind": "max_rank", "rank": 1}], {"kind": "fixed", "count": 1}),
            award_doc(
                FLAG, [{"kind": "min_rating", "rating": "excellent"}], {"kind": "fixed", "count": 1}
            ),
            award_doc(
                CERT, [{"kind": "min_rating", "rating": "good"}], {"kind": "fixed", "count": 0}
            ),
        ]
    )
    units = [
        result("a", 98, votes={GOV: 5}),
        result("b", 98, votes={GOV: 5}),
        result("c", 96),
        result("d", 95),
        result("e", 95),
    ]
    bloc = make_bloc([u.member for u in units])
    return bloc, year_results(2021, units), {}, pack


def _every_condition(ballots: int | None = 8) -> tuple[Any, ...]:
    """One award holding every kind of condition, failed by unit a; unverified defaults,
    missing votes or ballots, a member without results and a pack note."""
    conditions: list[dict[str, Any]] = [
        {"kind": "max_rank", "rank": 2},
        {"kind": "min_rating", "rating": "excellent"},
        {"kind": "no_discipline", "at_or_above": "canh-cao", "unverified": True},
        {"kind": "min_vote_share", "at_least": 0.6667},
        {"kind": "min_score", "score": 95.5},
        {"kind": "consecutive_years", "rating": "excellent", "years": 3},
        {"kind": "prior_awards", "awards": [FLAG, CERT], "within_years": 5, "min_count": 2},
        {
            "kind": "staff",
            "all_completed": True,
            "base_soldier": True,
            "advanced_share_at_least": 0.7,
        },
    ]
    pack = make_pack(
        [
            award_doc(GOV, conditions, {"kind": "fixed", "count": 1, "unverified": True}),
            award_doc(FLAG, [{"kind": "staff", "advanced_share_more_than": 0.8}]),
            award_doc(CERT, [{"kind": "prior_awards", "awards": [FLAG], "within_years": 3}]),
        ],
        notes=["Ghi chú của bộ quy định thử nghiệm."],
    )
    staff = StaffFigures(20, 0.6, all_completed=False, has_base_soldier=False)
    units = [
        result("a", 90.25, "good", discipline="canh-cao", staff=staff, votes_recorded=False),
        result("b", 89, staff=StaffFigures(12, 0.75, all_completed=True, has_base_soldier=True)),
    ]
    history = {
        2020: year_results(2020, [result("a", 90, "good"), result("b", 88)], granted=[("b", FLAG)]),
    }
    bloc = make_bloc(["a", "b", "c"])
    return bloc, year_results(2021, units, ballots=ballots), history, pack


def _no_ballots() -> tuple[Any, ...]:
    return _every_condition(ballots=None)


BUILDERS = [_ties, _every_condition, _no_ballots]
BUILDER_IDS = ["ties", "every-condition", "no-ballots"]


@pytest.mark.parametrize("build", BUILDERS, ids=BUILDER_IDS)
def test_every_reason_and_notice_is_vietnamese(build: Any) -> None:
    """Ties, full quotas, held awards, every condition kind and every notice read in Vietnamese."""
    texts = _proposal_texts("vi", build())
    leftovers = {text: english_words(text) for text in texts if english_words(text)}
    assert leftovers == {}


@pytest.mark.parametrize("build", BUILDERS, ids=BUILDER_IDS)
def test_every_reason_and_notice_is_english(build: Any) -> None:
    """The same proposals read in English, with none of the Vietnamese catalog's phrases."""
    texts = _proposal_texts("en", build())
    assert not [text for text in texts if any(p in text for p in VIETNAMESE_ONLY)]
    assert any(ENGLISH_WORDS.search(text) for text in texts)


def test_vietnamese_reasons_for_a_tie() -> None:
    """A tie at the quota boundary is shown to the conference, in Vietnamese."""
    texts = "\n".join(_proposal_texts("vi", _ties()))
    assert "bằng nhau tại ranh giới chỉ tiêu — " in texts
    assert "hội nghị quyết định" in texts
    assert "Bằng nhau chưa phân định ở Giải co-chinh-phu tại hạng 1" in texts


def test_vietnamese_numbers_in_conditions() -> None:
    """Thresholds and scores use the Vietnamese decimal comma: 66,67%, 95,5, 90,25."""
    texts = "\n".join(_proposal_texts("vi", _every_condition()))
    assert "được từ 66,67% số phiếu hợp lệ trở lên" in texts
    assert "điểm tổng kết từ 95,5 trở lên (điểm 90,25)" in texts
    assert "ít nhất 70% cán bộ đạt “Lao động tiên tiến”" in texts


# -- messages of the commands ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [("ban", "'ban' khớp với 5 đơn vị"), ("khong-co", "không có đơn vị nào khớp với 'khong-co'")],
)
def test_explain_lookup_errors_in_vietnamese(
    khoi: Invoke, sample_data: Path, query: str, message: str
) -> None:
    """An ambiguous or unknown unit is reported in Vietnamese, with the fix."""
    result = khoi(
        "propose",
        "2021",
        "--explain",
        query,
        "--data",
        str(sample_data),
        env={"KHOI_LANG": "vi", "COLUMNS": "1000"},
    )
    assert result.exit_code == 64
    assert result.stderr.startswith("khoi: lỗi: ")
    assert message in result.stderr
    assert "  cách sửa: " in result.stderr


def test_usage_errors_of_propose_in_vietnamese(khoi: Invoke, sample_data: Path) -> None:
    """propose's own usage errors are Vietnamese."""
    code, _, err = run(
        khoi, "vi", "propose", "2021", "--explain", "bnc", "--format", "csv", data=sample_data
    )
    assert code == 64
    assert err == "khoi: lỗi: --explain chỉ in bảng hoặc JSON; dùng --format table hoặc json\n"
    code, _, err = run(khoi, "vi", "propose", "2017", data=sample_data)
    assert code == 66
    assert "không có bộ quy định nào áp dụng cho kết quả năm 2017" in err
    assert "khoi có sẵn bộ quy định cho: 2018–2023 (luat-2003-nd91)" in err


def test_written_file_is_reported_in_vietnamese(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """`--output` says what it wrote in Vietnamese."""
    target = tmp_path / "de-nghi.md"
    code, out, err = run(
        khoi, "vi", "propose", "2021", "-f", "markdown", "-o", str(target), data=sample_data
    )
    assert code == 0
    assert out == ""
    assert err.startswith("Đã ghi ") and "de-nghi.md" in err


def test_record_award_in_vietnamese(khoi: Invoke, sample_data: Path) -> None:
    """record-award says what it recorded, and refuses a bad date, in Vietnamese."""
    args = ("record-award", "2021", "noi chinh", CERT, "--decision", "Số 600/QĐ-UBND")
    code, _, err = run(khoi, "vi", *args, "--date", "20/03/2022", data=sample_data)
    assert code == 0, err
    assert flat(err).startswith(
        f"Đã ghi Bằng khen của Chủ tịch UBND tỉnh cho {BNC} (năm 2021) vào "
    )
    code, _, err = run(khoi, "vi", *args, "--date", "20/03/2022", data=sample_data)
    assert "không có gì thay đổi" in flat(err)
    code, _, err = run(khoi, "vi", *args, "--date", "hôm qua", data=sample_data)
    assert code == 64
    assert "--date 'hôm qua' không phải là ngày" in err
    assert "cách sửa: hãy viết dạng 2022-03-15 hoặc 15/03/2022" in err
    unknown = ("record-award", "2021", "bnc", "co-xyz", *args[4:], "--date", "20/03/2022")
    code, _, err = run(khoi, "vi", *unknown, data=sample_data)
    assert code == 64
    assert "không có hình thức khen thưởng nào trong quy định áp dụng khớp với 'co-xyz'" in err
    assert "cách sửa: các hình thức khen thưởng theo quy định này: co-chinh-phu" in err


def test_help_option_in_vietnamese(khoi: Invoke) -> None:
    """Click's own `--help` option is described in the language of the run."""
    vi = khoi("--lang", "vi", "propose", "--help", env={"COLUMNS": "200"})
    en = khoi("--lang", "en", "propose", "--help", env={"COLUMNS": "200"})
    assert "Hiện hướng dẫn này rồi thoát." in vi.stdout
    assert "Show this message and exit." not in vi.stdout
    assert "Show this message and exit." in en.stdout
