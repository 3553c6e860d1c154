"""The province's rules file (quy-che.toml beside the bloc folders) applies to every bloc."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from award_builders import set_rules_file, write_toml
from builders import REPO_DATA, SAMPLE_BLOC_ID, Invoke

EXTRA_AWARD = {
    "after": "co-tinh",
    "id": "bang-khen-btv",
    "name": "Bằng khen của Ban Thường vụ Tỉnh ủy",
    "basis": "Quy chế thi đua của Tỉnh ủy, Điều 5",
    "quota": {"kind": "fixed", "count": 1},
    "conditions": [{"kind": "min_rating", "rating": "excellent"}],
}


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """Two copies of the sample bloc under one data folder."""
    root = tmp_path / "province"
    for name in ("khoi-a", "khoi-b"):
        shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, root / name)
    return root


def quy_che(root: Path, **doc: Any) -> None:
    write_toml(root / "quy-che.toml", {"schema": 1, **doc})


def proposed(khoi: Invoke, root: Path, bloc: str, year: str = "2021") -> dict[str, str]:
    result = khoi("propose", year, "--json", "--data", str(root), "--bloc", bloc)
    assert result.exit_code == 0, result.stderr
    return {p["member"]["id"]: p["award"]["id"] for p in json.loads(result.stdout)["proposed"]}


class TestProvinceLayer:
    """Values, added awards and pins in quy-che.toml, with a bloc's file on top."""

    def test_added_award_applies_to_every_bloc(self, province: Path, khoi: Invoke) -> None:
        """An award the packs lack is proposed in precedence after `after`, in both blocs."""
        quy_che(province, extra_awards=[EXTRA_AWARD])
        for bloc in ("khoi-a", "khoi-b"):
            assert proposed(khoi, province, bloc) == {
                "btc": "co-chinh-phu",
                "dukcq": "co-tinh",
                "tct": "bang-khen-btv",
                "bnc": "bang-khen-tinh",
            }

    def test_votes_for_an_added_award_are_valid(self, province: Path, khoi: Invoke) -> None:
        """A results file may record votes for the province's added award."""
        quy_che(province, extra_awards=[EXTRA_AWARD])
        path = province / "khoi-a" / "results-2021.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("co-chinh-phu = 8", "co-chinh-phu = 8, bang-khen-btv = 1"),
            encoding="utf-8",
        )
        result = khoi("check", "--data", str(province), "--bloc", "khoi-a")
        assert result.exit_code == 0, result.stdout

    def test_bloc_file_applies_on_top(self, province: Path, khoi: Invoke) -> None:
        """The province switches the added award's quota to 2; khoi-b's own file sets 0."""
        award = {**EXTRA_AWARD, "quota": {"kind": "fixed", "count": 2}}
        quy_che(province, extra_awards=[award])
        set_rules_file(province / "khoi-b")
        write_toml(
            province / "khoi-b" / "rules.toml",
            {"schema": 1, "awards": {"bang-khen-btv": {"quota": {"kind": "fixed", "count": 0}}}},
        )
        assert proposed(khoi, province, "khoi-a")["bnc"] == "bang-khen-btv"
        assert "tct" not in proposed(khoi, province, "khoi-b")

    def test_pin_names_the_pack(self, province: Path, khoi: Invoke) -> None:
        """A pin for 2021 puts the year under Decree 98/2023's pack, and propose says why."""
        quy_che(province, pins=[{"year": 2021, "pack": "luat-2022-nd98", "basis": "thử"}])
        result = khoi("propose", "2021", "--json", "--data", str(province), "--bloc", "khoi-a")
        rules = json.loads(result.stdout)["rules"]
        assert (rules["pack"], rules["chosen_by"]) == ("luat-2022-nd98", "pinned")
        assert rules["pinned_in"].endswith("quy-che.toml")
        assert rules["files"] == [rules["pinned_in"]]

    def test_province_cap_denominator(self, province: Path, khoi: Invoke) -> None:
        """The province may read the 20% cap as bloc leaders under the old pack."""
        quy_che(province, caps={"co-chinh-phu": {"of": "leaders"}})
        result = khoi("summary", "2021", "--json", "--data", str(province))
        cap = json.loads(result.stdout)["caps"][0]
        assert (cap["of"], cap["counted"], cap["limit"]) == ("leaders", 2, 0)


class TestSummaryFlags:
    """`summary` says when blocs ran under different packs or rules files in one year."""

    def test_same_rules_are_not_flagged(self, province: Path, khoi: Invoke) -> None:
        """Both blocs under the same pack and province file: one group, no flag."""
        quy_che(province, extra_awards=[EXTRA_AWARD])
        data = json.loads(khoi("summary", "2021", "--json", "--data", str(province)).stdout)
        assert data["mixed_rules"] is False
        assert [g["blocs"] for g in data["rules"]] == [["khoi-a", "khoi-b"]]
        totals = {t["award"]: t["proposed"] for t in data["totals"]}
        assert totals["bang-khen-btv"] == 2  # the added award is counted with the others

    def test_a_bloc_pinned_differently_is_flagged(self, province: Path, khoi: Invoke) -> None:
        """khoi-b pins 2021 to another pack: two groups, and the table says so."""
        set_rules_file(province / "khoi-b")
        write_toml(
            province / "khoi-b" / "rules.toml",
            {"schema": 1, "pins": [{"year": 2021, "pack": "luat-2022-nd98"}]},
        )
        data = json.loads(khoi("summary", "2021", "--json", "--data", str(province)).stdout)
        assert data["mixed_rules"] is True
        assert {g["pack"]: g["blocs"] for g in data["rules"]} == {
            "luat-2003-nd91": ["khoi-a"],
            "luat-2022-nd98": ["khoi-b"],
        }
        table = khoi("summary", "2021", "--data", str(province))
        assert "blocs ran under different rules this year" in " ".join(table.stdout.split())


class TestReportProvincePage:
    """`report --all` sums the province up as `summary` does, under the province's rules."""

    def test_an_added_award_is_named_and_counted(
        self, province: Path, khoi: Invoke, tmp_path: Path
    ) -> None:
        """The province's added award has its name in the blocs' proposals and its count in
        the totals, as in `summary`, not its id and no row."""
        quy_che(province, extra_awards=[EXTRA_AWARD])
        page = tmp_path / "tinh.html"
        result = khoi("report", "2021", "--all", "-o", str(page), "-q", "--data", str(province))
        assert result.exit_code == 0, result.stderr
        html = page.read_text(encoding="utf-8")
        section = html[: html.index('id="bloc-khoi-a"')]  # the province's part of the book
        assert "<strong>bang-khen-btv</strong>" not in section
        assert "<strong>Bằng khen của Ban Thường vụ Tỉnh ủy</strong>" in section
        assert '<td>Bằng khen của Ban Thường vụ Tỉnh ủy</td><td class="num">2</td>' in section

    def test_the_caps_follow_the_province_file(
        self, province: Path, khoi: Invoke, tmp_path: Path
    ) -> None:
        """A cap the province reads as bloc leaders is checked so on the page too."""
        quy_che(province, caps={"co-chinh-phu": {"of": "leaders"}})
        page = tmp_path / "tinh.html"
        result = khoi("report", "2021", "--all", "-o", str(page), "-q", "--data", str(province))
        assert result.exit_code == 0, result.stderr
        html = " ".join(page.read_text(encoding="utf-8").split())
        assert "(20% of 2 bloc leaders, rounded down)" in html
        assert "units meeting the standard" not in html


class TestCheck:
    """`khoi check` validates the province's file and warns about uncovered years."""

    def test_bad_province_file(self, province: Path, khoi: Invoke) -> None:
        """An unknown pack in a pin is an error located in quy-che.toml."""
        quy_che(province, pins=[{"year": 2021, "pack": "luat-1990"}])
        result = khoi("check", "--all", "--data", str(province))
        assert result.exit_code == 65
        assert "quy-che.toml" in result.stdout and "pins[0].pack" in result.stdout

    def test_caps_belong_to_the_province(self, province: Path, khoi: Invoke) -> None:
        """A bloc's rules file that sets a province-wide cap is refused."""
        set_rules_file(province / "khoi-a")
        write_toml(
            province / "khoi-a" / "rules.toml",
            {"schema": 1, "caps": {"co-chinh-phu": {"of": "leaders"}}},
        )
        result = khoi("check", "--data", str(province), "--bloc", "khoi-a")
        assert result.exit_code == 65
        assert "province-wide cap cannot be set" in " ".join(result.stdout.split())

    def test_results_for_a_year_no_pack_covers(self, province: Path, khoi: Invoke) -> None:
        """Results of 2017 (before every pack) are a warning, not an error."""
        bloc_dir = province / "khoi-a"
        text = (bloc_dir / "results-2020.toml").read_text(encoding="utf-8")
        (bloc_dir / "results-2017.toml").write_text(
            text.replace("year = 2020", "year = 2017"), encoding="utf-8"
        )
        result = khoi("check", "--json", "--data", str(province), "--bloc", "khoi-a")
        found = json.dumps(json.loads(result.stdout), ensure_ascii=False)
        assert "no rule pack covers results of 2017" in found

    def test_a_pinned_year_is_covered(self, province: Path, khoi: Invoke) -> None:
        """Results of 2017 with the province's pin for 2017: no warning, and its award ids are
        checked against the pinned pack (an unknown award is an error)."""
        quy_che(province, pins=[{"year": 2017, "pack": "luat-2003-nd91"}])
        bloc_dir = province / "khoi-a"
        text = (bloc_dir / "results-2021.toml").read_text(encoding="utf-8")
        text = text.replace("year = 2021", "year = 2017")
        path = bloc_dir / "results-2017.toml"
        path.write_text(text, encoding="utf-8")
        result = khoi("check", "--json", "--data", str(province), "--bloc", "khoi-a")
        assert result.exit_code == 0, result.stdout
        assert "no rule pack covers" not in result.stdout
        path.write_text(text.replace("co-chinh-phu =", "co-trung-uong =", 1), encoding="utf-8")
        result = khoi("check", "--json", "--data", str(province), "--bloc", "khoi-a")
        assert result.exit_code == 65
        assert "co-trung-uong" in result.stdout


def test_summary_of_a_year_the_province_pins(province: Path, khoi: Invoke) -> None:
    """`summary` of 2017 runs under the province's pin, like `propose` does for each bloc;
    without the pin, it stops with the years the packs cover."""
    for bloc in ("khoi-a", "khoi-b"):
        text = (province / bloc / "results-2021.toml").read_text(encoding="utf-8")
        (province / bloc / "results-2017.toml").write_text(
            text.replace("year = 2021", "year = 2017"), encoding="utf-8"
        )
    refused = khoi("summary", "2017", "--json", "--data", str(province))
    assert refused.exit_code == 66
    assert "no rule pack covers results of 2017" in refused.stderr
    quy_che(province, pins=[{"year": 2017, "pack": "luat-2003-nd91"}])
    result = khoi("summary", "2017", "--json", "--data", str(province))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [g["pack"] for g in data["rules"]] == ["luat-2003-nd91"]
    totals = {t["award"]: t["proposed"] for t in data["totals"]}
    assert totals["co-chinh-phu"] == 2


def test_summary_of_one_bloc_folder_finds_the_province_pin(province: Path, khoi: Invoke) -> None:
    """`--data` naming a bloc folder: summary finds quy-che.toml above it, as propose does."""
    text = (province / "khoi-a" / "results-2021.toml").read_text(encoding="utf-8")
    (province / "khoi-a" / "results-2017.toml").write_text(
        text.replace("year = 2021", "year = 2017"), encoding="utf-8"
    )
    quy_che(province, pins=[{"year": 2017, "pack": "luat-2003-nd91"}])
    bloc = str(province / "khoi-a")
    assert khoi("propose", "2017", "--json", "--data", bloc).exit_code == 0
    result = khoi("summary", "2017", "--json", "--data", bloc)
    assert result.exit_code == 0, result.stderr
    assert [g["pack"] for g in json.loads(result.stdout)["rules"]] == ["luat-2003-nd91"]


def test_record_award_accepts_an_added_award(province: Path, khoi: Invoke) -> None:
    """A grant of the province's added award can be recorded in the results file."""
    quy_che(province, extra_awards=[EXTRA_AWARD])
    result = khoi(
        "record-award", "2021", "tct", "bang-khen-btv",
        "--decision", "Số 12-QĐ/TU", "--date", "2022-02-10",
        "--data", str(province), "--bloc", "khoi-a",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = (province / "khoi-a" / "results-2021.toml").read_text(encoding="utf-8")
    assert 'award = "bang-khen-btv"' in text
