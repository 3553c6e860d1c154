"""End-to-end tests of `khoi propose` on copies of the sample data: formats, files, errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from award_builders import SAMPLE_NAMES, edit, set_rules_file, snapshot
from builders import Invoke, assert_clean_error
from khoi_thidua.errors import ExitCode

WIDE = {"COLUMNS": "1000"}  # error messages hold long temporary paths: never wrap them
PROPOSED_2021 = [
    (1, "btc", "co-chinh-phu", "Cờ thi đua của Chính phủ"),
    (2, "dukcq", "co-tinh", "Cờ thi đua của UBND tỉnh"),
    (4, "bnc", "bang-khen-tinh", "Bằng khen của Chủ tịch UBND tỉnh"),
]
CSV_HEADER = [
    "rank",
    "member_id",
    "member_name",
    "score",
    "rating",
    "total_votes",
    "votes_co-chinh-phu",
    "votes_bang-khen-thu-tuong",
    "votes_co-tinh",
    "votes_bang-khen-tinh",
    "award_id",
    "award_name",
    "legal_basis",
    "reason",
]


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


class TestSample2021:
    def test_the_three_proposals_of_the_seed(self, khoi: Invoke, sample_data: Path) -> None:
        """2021 gives exactly the article's three: btc, dukcq and bnc, each for its award."""
        data = as_json(khoi("propose", "2021", "--data", str(sample_data), "--json"))
        proposed = [
            (p["rank"], p["member"]["id"], p["award"]["id"], p["award"]["name"])
            for p in data["proposed"]
        ]
        assert proposed == PROPOSED_2021
        assert data["rule_pack"]["id"] == "luat-2003-nd91"
        names = {p["member"]["id"]: p["member"]["name"] for p in data["proposed"]}
        assert names == {m: SAMPLE_NAMES[m] for m in ("btc", "dukcq", "bnc")}

    def test_every_other_unit_is_listed_without_award(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """All 8 members of 2021 are in the standings, the 5 not proposed with a reason."""
        data = as_json(khoi("propose", "2021", "--data", str(sample_data), "--json"))
        standings = {s["member"]["id"]: s for s in data["standings"]}
        assert set(standings) == set(SAMPLE_NAMES)
        for member in ("tct", "btg", "ubkt", "vptu", "bdv"):
            assert standings[member]["award"] is None
            assert standings[member]["reason"].startswith("not proposed — ")

    def test_json_option_and_format_agree(self, khoi: Invoke, sample_data: Path) -> None:
        """`--json` and `--format json` print the same document."""
        one = khoi("propose", "2021", "--data", str(sample_data), "--json")
        two = khoi("propose", "2021", "--data", str(sample_data), "--format", "json")
        assert one.stdout == two.stdout

    def test_year_defaults_to_latest_results(self, khoi: Invoke, sample_data: Path) -> None:
        """Without a year, the latest year with a results file (2022) is proposed."""
        data = as_json(khoi("propose", "--data", str(sample_data), "--json"))
        assert data["year"] == 2022

    def test_table(self, khoi: Invoke, sample_data: Path) -> None:
        """The table shows each unit with its award, the rules in force and the warnings."""
        result = khoi("propose", "2021", "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
        out = result.stdout
        assert "Luật Thi đua, Khen thưởng 2003" in out
        row = next(line for line in out.splitlines() if "Ban Nội chính Tỉnh ủy" in line)
        assert "Bằng khen của Chủ tịch UBND tỉnh" in row
        assert "Warnings:" in out
        assert "\x1b[" not in out  # no colour when not a terminal

    def test_explain_by_part_of_the_name(self, khoi: Invoke, sample_data: Path) -> None:
        """`--explain "ban noi chinh"` (no diacritics) finds bnc and shows every condition."""
        data = as_json(
            khoi(
                "propose",
                "2021",
                "--data",
                str(sample_data),
                "--explain",
                "ban noi chinh",
                "--json",
            )
        )
        standing = data["standing"]
        assert standing["member"]["id"] == "bnc"
        cert = next(d for d in standing["decisions"] if d["award"] == "bang-khen-tinh")
        assert cert["status"] == "proposed"
        assert [c["kind"] for c in cert["conditions"]] == [
            "consecutive_years",
            "no_discipline",
            "min_vote_share",
        ]
        assert all(c["met"] for c in cert["conditions"])

    def test_explain_as_text(self, khoi: Invoke, sample_data: Path) -> None:
        """The text explanation names the unit, its rank and why each award went as it did."""
        result = khoi("propose", "2021", "--data", str(sample_data), "--explain", "bnc")
        assert result.exit_code == 0, result.stderr
        out = flat(result.stdout)
        assert "Ban Nội chính Tỉnh ủy (bnc) — 2021" in out
        assert "Rank 4 of 8, score 96.0" in out
        assert "6 of 8 ballots (75%)" in out
        assert "Cờ thi đua của Chính phủ: not eligible" in out
        assert (
            "✗ leads the bloc (the best-ranked unit that meets the standard of Cờ thi đua của "
            "UBND tỉnh): rank 4; another unit leads the bloc" in out
        )

    @pytest.mark.parametrize(
        ("query", "message"),
        [("ban", "'ban' matches 5 members"), ("khong-co", "khong-co")],
    )
    def test_explain_needs_one_member(
        self, khoi: Invoke, sample_data: Path, query: str, message: str
    ) -> None:
        """An ambiguous or unknown `--explain` is a usage error naming the query."""
        result = khoi("propose", "2021", "--data", str(sample_data), "--explain", query, env=WIDE)
        assert_clean_error(result, ExitCode.USAGE, message)

    def test_explain_in_csv_is_refused(self, khoi: Invoke, sample_data: Path) -> None:
        """`--explain` prints a table or JSON; CSV is a usage error."""
        result = khoi(
            "propose", "2021", "--data", str(sample_data), "--explain", "bnc", "--format", "csv"
        )
        assert_clean_error(result, ExitCode.USAGE, "--explain prints a table or JSON")

    def test_member_without_results_is_listed(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """A member with no 2021 results is listed unranked with a warning, not dropped."""
        edit(
            sample_bloc_dir / "results-2021.toml",
            "[results.vptu]           # Văn phòng Tỉnh ủy\nscore = 92.5\nself_score = 94.0\n"
            'rating = "excellent"\nvotes = {}\n',
            "",
        )
        data = as_json(khoi("propose", "2021", "--data", str(sample_bloc_dir), "--json"))
        vptu = next(s for s in data["standings"] if s["member"]["id"] == "vptu")
        assert (vptu["rank"], vptu["has_results"], vptu["award"]) == (None, False, None)
        assert "no results recorded for 2021" in vptu["reason"]
        warnings = [w for w in data["warnings"] if w["code"] == "no_results"]
        assert [w["detail"] for w in warnings] == [{"member": "vptu"}]
        assert data["members"] == 8
        assert [p["member"]["id"] for p in data["proposed"]] == ["btc", "dukcq", "bnc"]


class TestCsv:
    def test_bom_header_and_rows(self, khoi: Invoke, sample_data: Path) -> None:
        """CSV for Excel: UTF-8 with a byte-order mark, CRLF, a header and one row per member."""
        result = khoi("propose", "2021", "--data", str(sample_data), "--format", "csv")
        assert result.exit_code == 0, result.stderr
        data = result.stdout_bytes
        assert b"\r\n" in data
        rows = csv_rows(data)
        assert rows[0] == CSV_HEADER
        body = {row[1]: dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:]}
        assert set(body) == set(SAMPLE_NAMES)
        assert (body["bnc"]["rank"], body["bnc"]["award_id"]) == ("4", "bang-khen-tinh")
        assert body["bnc"]["member_name"] == "Ban Nội chính Tỉnh ủy"
        assert body["bnc"]["votes_bang-khen-tinh"] == "6"
        assert body["tct"]["award_id"] == ""

    def test_formula_in_a_name_is_defused(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """A member name starting with "=" is written "'=…" so that Excel shows it as text."""
        edit(
            sample_bloc_dir / "bloc.toml",
            'name = "Ban Tổ chức Tỉnh ủy"',
            'name = "=HYPERLINK(\\"http://x.example\\",\\"Ban Tổ chức\\")"',
        )
        result = khoi("propose", "2021", "--data", str(sample_bloc_dir), "--format", "csv")
        assert result.exit_code == 0, result.stderr
        rows = csv_rows(result.stdout_bytes)
        btc = next(row for row in rows if row[1] == "btc")
        assert btc[2] == '\'=HYPERLINK("http://x.example","Ban Tổ chức")'
        assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


class TestMarkdown:
    def test_table_and_reasons(self, khoi: Invoke, sample_data: Path) -> None:
        """Markdown: a title, a pipe table with one row per member, reasons and warnings."""
        result = khoi("propose", "2021", "--data", str(sample_data), "--format", "markdown")
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        title = "# Khối thi đua Ban, đơn vị, cơ quan Đảng — commendation proposals for 2021"
        assert lines[0] == title
        assert (
            "| 4 | Ban Nội chính Tỉnh ủy | 96.0 | Hoàn thành xuất sắc nhiệm vụ | 6 | "
            "Bằng khen của Chủ tịch UBND tỉnh |"
        ) in lines
        assert sum(1 for line in lines if re.match(r"^\| \d+ \| ", line)) == 8
        assert "## Reasons" in lines
        assert "## Warnings" in lines

    def test_pipe_in_a_name_is_escaped(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """A "|" in a member name does not break the markdown table."""
        edit(sample_bloc_dir / "bloc.toml", 'name = "Ban Tổ chức Tỉnh ủy"', 'name = "Ban A | B"')
        result = khoi("propose", "2021", "--data", str(sample_bloc_dir), "--format", "markdown")
        assert "| 1 | Ban A \\| B | 98.5 |" in result.stdout


class TestOutputFile:
    @pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
    def test_file_holds_what_stdout_would(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path, fmt: str
    ) -> None:
        """`--output FILE` writes the same bytes the format prints, says so, prints nothing."""
        target = tmp_path / f"de-nghi.{fmt}"
        printed = khoi("propose", "2021", "--data", str(sample_data), "--format", fmt)
        written = khoi(
            "propose", "2021", "--data", str(sample_data), "--format", fmt, "--output", str(target)
        )
        assert written.exit_code == 0, written.stderr
        assert written.stdout == ""
        assert "Wrote" in written.stderr and "de-nghi" in written.stderr
        assert target.read_bytes() == printed.stdout_bytes

    def test_table_to_file_is_plain_text(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """A table written to a file has no colour codes and keeps the Vietnamese text."""
        target = tmp_path / "de-nghi.txt"
        result = khoi("propose", "2021", "--data", str(sample_data), "--output", str(target))
        assert result.exit_code == 0, result.stderr
        text = target.read_text(encoding="utf-8")
        assert "\x1b[" not in text
        assert "Đảng ủy Khối các cơ quan" in text

    def test_replaces_an_existing_file_whole(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """An existing longer file is replaced, not overwritten in place, and no temp is left."""
        target = tmp_path / "out" / "de-nghi.csv"
        target.parent.mkdir()
        target.write_bytes(b"x" * 100_000)
        result = khoi(
            "propose", "2021", "--data", str(sample_data), "-f", "csv", "-o", str(target), "--force"
        )
        assert result.exit_code == 0, result.stderr
        assert csv_rows(target.read_bytes())[0] == CSV_HEADER
        leftovers = [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")]
        assert leftovers == []

    def test_failed_write_leaves_the_old_file(
        self,
        khoi: Invoke,
        sample_data: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """If the write fails before the swap, the old file is intact and no temp is left."""
        from khoi_thidua.store import writing

        target = tmp_path / "de-nghi.csv"
        target.write_bytes(b"old content")

        def broken_fsync(fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(writing.os, "fsync", broken_fsync)
        result = khoi(
            "propose",
            "2021",
            "--data",
            str(sample_data),
            "-f",
            "csv",
            "-o",
            str(target),
            "--force",
            env=WIDE,
        )
        assert_clean_error(result, ExitCode.CANT_CREATE, "No space left on device", "unchanged")
        assert target.read_bytes() == b"old content"
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []

    def test_missing_output_folder(self, khoi: Invoke, sample_data: Path, tmp_path: Path) -> None:
        """An output folder that does not exist is an error (73), and nothing is created."""
        target = tmp_path / "khong-co" / "de-nghi.csv"
        result = khoi(
            "propose", "2021", "--data", str(sample_data), "-f", "csv", "-o", str(target), env=WIDE
        )
        assert_clean_error(result, ExitCode.CANT_CREATE, "does not exist")
        assert not target.parent.exists()

    def test_xlsx_needs_a_file(self, khoi: Invoke, sample_data: Path) -> None:
        """A workbook is never printed to the terminal: `--format xlsx` needs `--output`."""
        result = khoi("propose", "2021", "--data", str(sample_data), "--format", "xlsx")
        assert_clean_error(result, ExitCode.USAGE, "--format xlsx needs --output")


class TestYears:
    def test_year_before_any_rules(self, khoi: Invoke, sample_data: Path) -> None:
        """2017 has no rule pack: exit 66 with the years khoi has rules for."""
        result = khoi("propose", "2017", "--data", str(sample_data), env=WIDE)
        assert_clean_error(
            result,
            ExitCode.NO_INPUT,
            "no rule pack covers results of 2017",
            "2018–2023 (luat-2003-nd91)",
        )

    def test_year_without_results(self, khoi: Invoke, sample_data: Path) -> None:
        """A year with rules but no results file: exit 66 naming the missing file, and the
        commands that make it (the sheet to fill, its import) rather than a document to find."""
        result = khoi("propose", "2023", "--data", str(sample_data), env=WIDE)
        assert_clean_error(
            result,
            ExitCode.NO_INPUT,
            "results-2023.toml does not exist",
            "khoi template 2023",
            "khoi import-results 2023 FILE",
        )
        assert "README" not in result.stderr

    def test_year_out_of_range(self, khoi: Invoke, sample_data: Path) -> None:
        """A year that is a typing mistake is a usage error (64)."""
        result = khoi("propose", "20211", "--data", str(sample_data))
        assert result.exit_code == ExitCode.USAGE
        assert "Traceback" not in result.stderr


# -- bad input: exit 65, a message naming the file and the key, no traceback, nothing changed -


RULES = "rules.toml"
BAD_INPUT: list[tuple[str, str, str, str, str, str]] = [
    # (id, file, old, new, file named, key and message fragments)
    (
        "score-out-of-range",
        "results-2021.toml",
        "score = 98.5",
        "score = 108.5",
        "results-2021.toml",
        "[results.btc.score]: `score` = 108.5 is above the maximum 100",
    ),
    (
        "votes-above-ballots",
        "results-2021.toml",
        "votes = { co-chinh-phu = 8 }",
        "votes = { co-chinh-phu = 9 }",
        "results-2021.toml",
        "[results.btc.votes.co-chinh-phu]: 9 votes is more than the 8 ballots cast",
    ),
    (
        "misspelled-rating",
        "results-2021.toml",
        'self_score = 99.0\nrating = "excellent"',
        'self_score = 99.0\nrating = "excelent"',
        "results-2021.toml",
        "[results.btc.rating]: `rating` = 'excelent' is not allowed",
    ),
    (
        "not-a-member-that-year",
        "results-2021.toml",
        "[results.bnc]",
        "[results.btgdv]",
        "results-2021.toml",
        "[results.btgdv]: a result for `btgdv`, which is not a member of the bloc in 2021",
    ),
    (
        "not-a-member-at-all",
        "results-2021.toml",
        "[results.bnc]",
        "[results.bncc]",
        "results-2021.toml",
        "[results.bncc]: a result for `bncc`, which is not a member id",
    ),
    (
        "unknown-award-in-votes",
        "results-2021.toml",
        "votes = { co-chinh-phu = 8 }",
        "votes = { co-chinh-phuu = 8 }",
        "results-2021.toml",
        "[results.btc.votes.co-chinh-phuu]: unknown award id `co-chinh-phuu`",
    ),
    (
        "unknown-award-granted-last-year",
        "results-2020.toml",
        'award = "co-tinh"',
        'award = "co-tinh-xyz"',
        "results-2020.toml",
        "[granted[0].award]: unknown award id `co-tinh-xyz`",
    ),
    (
        "override-unknown-condition-kind",
        RULES,
        "",
        "schema = 1\n\n[awards.co-tinh.conditions.min_votes]\nmore_than = 0.6\n",
        RULES,
        "[awards.co-tinh.conditions.min_votes]: unknown condition kind `min_votes`",
    ),
    (
        "override-quota-not-a-number",
        RULES,
        "",
        'schema = 1\n\n[awards.co-tinh.quota]\nkind = "fixed"\ncount = "hai"\n',
        RULES,
        "[awards.co-tinh.quota.count]: `count` must be a whole number, not text",
    ),
    (
        "override-percent-not-a-number",
        RULES,
        "",
        'schema = 1\n\n[awards.bang-khen-tinh.quota]\nkind = "percent"\npercent = "20%"\n',
        RULES,
        "[awards.bang-khen-tinh.quota.percent]: `percent` must be a number, not text",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "named", "fragment"),
    [case[1:] for case in BAD_INPUT],
    ids=[case[0] for case in BAD_INPUT],
)
def test_bad_input(
    khoi: Invoke,
    sample_bloc_dir: Path,
    file: str,
    old: str,
    new: str,
    named: str,
    fragment: str,
) -> None:
    """A mistake in the data: exit 65, the file and key named, no traceback, no file changed."""
    if file == RULES:
        set_rules_file(sample_bloc_dir, RULES)
        (sample_bloc_dir / RULES).write_text(new, encoding="utf-8")
    else:
        edit(sample_bloc_dir / file, old, new)
    before = snapshot(sample_bloc_dir)
    for extra in ([], ["--json"], ["--format", "csv"], ["--explain", "bnc"]):
        result = khoi("propose", "2021", "--data", str(sample_bloc_dir), *extra, env=WIDE)
        assert_clean_error(result, ExitCode.DATA, fragment)
        assert re.search(rf"{re.escape(named)}:\d+ \[", result.stderr), result.stderr
    assert snapshot(sample_bloc_dir) == before


def test_missing_override_file(khoi: Invoke, sample_bloc_dir: Path) -> None:
    """`rules` naming a file that is not there: exit 66, saying which file and who names it."""
    set_rules_file(sample_bloc_dir, RULES)
    result = khoi("propose", "2021", "--data", str(sample_bloc_dir), env=WIDE)
    assert_clean_error(result, ExitCode.NO_INPUT, "rules.toml does not exist", "bloc.toml")
