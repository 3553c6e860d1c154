"""End-to-end tests of `khoi record-award`: the [[granted]] history later conditions read."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from award_builders import results_doc, set_rules_file, snapshot, write_results, write_toml
from builders import Invoke
from khoi_thidua.errors import ExitCode

DECISION = "Quyết định số 600/QĐ-UBND"
WIDE = {"COLUMNS": "1000"}


def record(khoi: Invoke, bloc_dir: Path, *args: str, json_out: bool = False) -> Result:
    extra = ["--json"] if json_out else []
    return khoi("record-award", *args, "--data", str(bloc_dir), *extra, env=WIDE)


def grant_bnc(khoi: Invoke, bloc_dir: Path, decision: str = DECISION, **kw: Any) -> Result:
    return record(
        khoi,
        bloc_dir,
        "2021",
        "bnc",
        "bang-khen-tinh",
        "--decision",
        decision,
        "--date",
        "20/03/2022",
        "--issuer",
        "Chủ tịch UBND tỉnh",
        **kw,
    )


def granted(bloc_dir: Path, year: int = 2021) -> list[dict[str, Any]]:
    with (bloc_dir / f"results-{year}.toml").open("rb") as handle:
        entries: list[dict[str, Any]] = tomllib.load(handle).get("granted", [])
    return entries


class TestRecord:
    def test_appends_granted_and_keeps_comments(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """The award is appended as [[granted]]; the file's text and comments stay as they were."""
        path = sample_bloc_dir / "results-2021.toml"
        before = path.read_text(encoding="utf-8")
        result = grant_bnc(khoi, sample_bloc_dir)
        assert result.exit_code == 0, result.stderr
        assert (
            "Recorded Bằng khen của Chủ tịch UBND tỉnh for Ban Nội chính Tỉnh ủy" in result.stderr
        )
        after = path.read_text(encoding="utf-8")
        assert after.startswith(before.rstrip("\n"))
        assert "# [minh họa] one ballot per member unit" in after
        assert granted(sample_bloc_dir) == [
            {
                "member": "bnc",
                "award": "bang-khen-tinh",
                "decision": DECISION,
                "date": dt.date(2022, 3, 20),
                "issuer": "Chủ tịch UBND tỉnh",
            }
        ]

    def test_adds_to_existing_grants(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """A file that already has grants keeps them, in order, with the new one last."""
        result = record(
            khoi,
            sample_bloc_dir,
            "2020",
            "vptu",
            "bang-khen-tinh",
            "--decision",
            "Số 514/QĐ-UBND",
            "--date",
            "2021-03-16",
        )
        assert result.exit_code == 0, result.stderr
        entries = granted(sample_bloc_dir, 2020)
        assert [(g["member"], g["award"]) for g in entries] == [
            ("btc", "co-tinh"),
            ("dukcq", "bang-khen-tinh"),
            ("vptu", "bang-khen-tinh"),
        ]
        assert "issuer" not in entries[-1]

    def test_repeat_is_a_no_op(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """Recording the same award again changes nothing and says so (status unchanged)."""
        first = grant_bnc(khoi, sample_bloc_dir, json_out=True)
        assert json.loads(first.stdout)["status"] == "written"
        before = snapshot(sample_bloc_dir)
        again = grant_bnc(khoi, sample_bloc_dir, json_out=True)
        assert again.exit_code == 0, again.stderr
        assert json.loads(again.stdout)["status"] == "unchanged"
        assert "nothing changed" in again.stderr
        assert snapshot(sample_bloc_dir) == before

    def test_different_decision_is_refused(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """A second, different decision for the same unit and award is refused (exit 1)."""
        assert grant_bnc(khoi, sample_bloc_dir).exit_code == 0
        before = snapshot(sample_bloc_dir)
        result = grant_bnc(khoi, sample_bloc_dir, decision="Quyết định số 601/QĐ-UBND")
        assert result.exit_code == ExitCode.REFUSED
        assert "already records bang-khen-tinh for `bnc`: Quyết định số 600/QĐ-UBND" in (
            result.stderr
        )
        assert "Traceback" not in result.stderr
        assert snapshot(sample_bloc_dir) == before

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["bnc", "bang-khen-xyz"], "no award of the rules in force matches 'bang-khen-xyz'"),
            (["khong-co", "bang-khen-tinh"], "khong-co"),
        ],
        ids=["unknown-award", "unknown-member"],
    )
    def test_usage_errors(
        self, khoi: Invoke, sample_bloc_dir: Path, args: list[str], message: str
    ) -> None:
        """An unknown award or member is a usage error (64) and writes nothing."""
        before = snapshot(sample_bloc_dir)
        result = record(
            khoi, sample_bloc_dir, "2021", *args, "--decision", DECISION, "--date", "2022-03-20"
        )
        assert result.exit_code == ExitCode.USAGE
        assert message in result.stderr
        assert snapshot(sample_bloc_dir) == before

    def test_unknown_award_lists_the_known_ones(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """The hint for an award that names several lists the awards of that year's rules."""
        result = record(
            khoi,
            sample_bloc_dir,
            "2021",
            "bnc",
            "co",
            "--decision",
            DECISION,
            "--date",
            "2022-03-20",
        )
        assert result.exit_code == ExitCode.USAGE
        assert "'co' matches several awards" in result.stderr
        assert "co-chinh-phu (Cờ thi đua của Chính phủ)" in result.stderr
        assert "bang-khen-tinh (Bằng khen của Chủ tịch UBND tỉnh)" in result.stderr

    @pytest.mark.parametrize(
        "typed",
        [
            "Bằng khen của Chủ tịch UBND tỉnh",
            "bang khen cua chu tich ubnd tinh",
            "BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
            "bang khen chu tich",
        ],
    )
    def test_award_named_as_people_type_it(
        self, khoi: Invoke, sample_bloc_dir: Path, typed: str
    ) -> None:
        """The award may be given by its name, with or without diacritics, or enough of it."""
        result = record(
            khoi,
            sample_bloc_dir,
            "2021",
            "bnc",
            typed,
            "--decision",
            DECISION,
            "--date",
            "2022-03-20",
        )
        assert result.exit_code == 0, result.stderr
        text = (sample_bloc_dir / "results-2021.toml").read_text(encoding="utf-8")
        assert 'award = "bang-khen-tinh"' in text

    def test_bad_date(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """A date that is not a date is a usage error that shows how to write one."""
        before = snapshot(sample_bloc_dir)
        result = record(
            khoi, sample_bloc_dir, "2021", "bnc", "bang-khen-tinh", "--decision", DECISION,
            "--date", "31/02/2022",
        )  # fmt: skip
        assert result.exit_code == ExitCode.USAGE
        assert "2022-03-15 or 15/03/2022" in result.stderr
        assert snapshot(sample_bloc_dir) == before

    def test_year_without_results(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """An award for a year with no results file: exit 66, no file created."""
        result = record(
            khoi, sample_bloc_dir, "2023", "bnc", "bang-khen-tinh", "--decision", DECISION,
            "--date", "2024-03-20",
        )  # fmt: skip
        assert result.exit_code == ExitCode.NO_INPUT
        assert "results-2023.toml does not exist" in result.stderr
        assert not (sample_bloc_dir / "results-2023.toml").exists()

    def test_award_the_bloc_does_not_propose(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """An award the bloc's override switches off can still be recorded as granted."""
        set_rules_file(sample_bloc_dir)
        write_toml(
            sample_bloc_dir / "rules.toml",
            {"schema": 1, "awards": {"bang-khen-tinh": {"enabled": False}}},
        )
        result = grant_bnc(khoi, sample_bloc_dir)
        assert result.exit_code == 0, result.stderr
        assert [g["award"] for g in granted(sample_bloc_dir)] == ["bang-khen-tinh"]


class TestHistoryFeedsLaterYears:
    def setup_2022(self, bloc_dir: Path) -> None:
        """2022: bnc second with 7 of 8 votes for the PM's certificate; a one-year streak.
        The year is pinned to the 2022 Law's pack, whose certificate looks for either provincial
        award in the last five years (the old pack's Decree 65/2014 rule wants a certificate
        before the run and a flag within it)."""
        doc = results_doc(
            2022,
            {
                "btc": {"score": 98.0, "rating": "excellent", "votes": {"co-chinh-phu": 8}},
                "bnc": {
                    "score": 97.0,
                    "rating": "excellent",
                    "votes": {"bang-khen-thu-tuong": 7},
                },
            },
        )
        write_results(bloc_dir, 2022, doc)
        set_rules_file(bloc_dir)
        write_toml(
            bloc_dir / "rules.toml",
            {
                "schema": 1,
                "pins": [{"year": 2022, "pack": "luat-2022-nd98"}],
                "awards": {
                    "bang-khen-thu-tuong": {"conditions": {"consecutive_years": {"years": 1}}}
                },
            },
        )

    def prior_awards(self, khoi: Invoke, bloc_dir: Path) -> tuple[dict[str, Any], Any]:
        out = khoi("propose", "2022", "--data", str(bloc_dir), "--explain", "bnc", "--json")
        assert out.exit_code == 0, out.stderr
        standing = json.loads(out.stdout)["standing"]
        decision = next(d for d in standing["decisions"] if d["award"] == "bang-khen-thu-tuong")
        condition = next(c for c in decision["conditions"] if c["kind"] == "prior_awards")
        return condition, standing["award"]

    def test_granted_award_meets_a_later_prior_awards(
        self, khoi: Invoke, sample_bloc_dir: Path
    ) -> None:
        """Before the grant bnc lacks a prior award for the PM's certificate; after, it has one."""
        self.setup_2022(sample_bloc_dir)
        condition, award = self.prior_awards(khoi, sample_bloc_dir)
        assert (condition["met"], condition["actual"]["found"], award) == (False, [], None)

        assert grant_bnc(khoi, sample_bloc_dir).exit_code == 0

        condition, award = self.prior_awards(khoi, sample_bloc_dir)
        assert condition["met"] is True
        assert condition["actual"]["found"] == [
            {"year": 2021, "award": "bang-khen-tinh", "decision": DECISION}
        ]
        assert award["id"] == "bang-khen-thu-tuong"
