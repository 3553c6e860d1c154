"""`propose` names the rule pack it applied and why: the conference date, else the year."""

from __future__ import annotations

import json
from pathlib import Path

from builders import Invoke
from khoi_thidua.awards.regime import choose_pack
from khoi_thidua.store.packs import shipped_packs


def refile(bloc_dir: Path, year: int, conference: str | None) -> None:
    """The sample's 2021 results filed again for ``year``, held on ``conference`` (or no date)."""
    text = (bloc_dir / "results-2021.toml").read_text(encoding="utf-8")
    text = text.replace("year = 2021", f"year = {year}")
    lines = text.splitlines()
    if conference is None:
        lines = [line for line in lines if not line.startswith("date = 2022-01-07")]
    else:
        lines = [line.replace("date = 2022-01-07", f"date = {conference}") for line in lines]
    (bloc_dir / f"results-{year}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def chosen(year: int, made_on: str) -> str:
    pack = choose_pack(shipped_packs(), year, made_on)
    assert pack is not None
    return pack.id


class TestChoosePack:
    """The pure choice over the shipped packs."""

    def test_edges_of_the_2022_law(self) -> None:
        """31/12/2023 is the 2003 Law's last day; 1/1/2024 the 2022 Law's first."""
        assert chosen(2023, "2023-12-31") == "luat-2003-nd91"
        assert chosen(2023, "2024-01-01") == "luat-2022-nd98"

    def test_edges_of_decree_152(self) -> None:
        """30/6/2025 still falls under Decree 98/2023; 1/7/2025 under Decree 152/2025."""
        assert chosen(2024, "2025-06-30") == "luat-2022-nd98"
        assert chosen(2024, "2025-07-01") == "luat-2022-nd152"

    def test_a_date_before_every_pack_falls_back_to_the_year(self) -> None:
        """A date no pack's range holds leaves the choice to the results year, saying so."""
        packs = tuple(p for p in shipped_packs() if p.id != "luat-2003-nd91")
        pack = choose_pack(packs, 2024, "2023-05-01")
        assert pack is not None and pack.choice is not None
        assert (pack.id, pack.choice.by, pack.choice.date) == (
            "luat-2022-nd98",
            "year",
            "2023-05-01",
        )

    def test_no_pack_for_the_year(self) -> None:
        """Without a date and with no pack for the year, there is no choice."""
        assert choose_pack(shipped_packs(), 2017, None) is None


class TestProposeSaysWhy:
    """The JSON `rules` object and the table's line name the pack and the reason."""

    def test_sample_is_chosen_by_its_conference_date(self, sample_data: Path, khoi: Invoke) -> None:
        """The sample's 2021 conference (7/1/2022) falls in the 2003 Law's dates."""
        result = khoi("propose", "2021", "--json", "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        rules = json.loads(result.stdout)["rules"]
        assert (rules["pack"], rules["chosen_by"], rules["date"]) == (
            "luat-2003-nd91",
            "date",
            "2022-01-07",
        )
        assert "2022-01-07" in rules["reason"] and "2023-12-31" in rules["reason"]

    def test_results_of_2024_proposed_after_july_2025(
        self, sample_data: Path, sample_bloc_dir: Path, khoi: Invoke
    ) -> None:
        """Results of 2024 proposed on 15/7/2025 go under Decree 152/2025, flagged unverified."""
        refile(sample_bloc_dir, 2024, "2025-07-15")
        result = khoi("propose", "2024", "--json", "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        rules = json.loads(result.stdout)["rules"]
        assert rules["pack"] == "luat-2022-nd152"
        assert "not verified" in rules["reason"]
        assert any("152/2025" in title for title in rules["unread_sources"])
        table = khoi("propose", "2024", "--data", str(sample_data))
        assert "Why these rules: chosen by the conference date 2025-07-15" in " ".join(
            table.stdout.split()
        )

    def test_results_of_2023_proposed_in_january_2024(
        self, sample_data: Path, sample_bloc_dir: Path, khoi: Invoke
    ) -> None:
        """Results of 2023 proposed on 12/1/2024 go under the 2022 Law (Decree 98/2023)."""
        refile(sample_bloc_dir, 2023, "2024-01-12")
        result = khoi("propose", "2023", "--json", "--data", str(sample_data))
        assert json.loads(result.stdout)["rules"]["pack"] == "luat-2022-nd98"

    def test_without_a_date_the_year_decides(
        self, sample_data: Path, sample_bloc_dir: Path, khoi: Invoke
    ) -> None:
        """No conference date: the markdown says the results year chose the pack."""
        refile(sample_bloc_dir, 2023, None)
        result = khoi("propose", "2023", "--format", "markdown", "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        assert "no conference date recorded for 2023: chosen by the results year" in result.stdout
        assert "luat-2003-nd91" not in result.stdout  # the name is shown, not the id
        assert "Luật Thi đua, Khen thưởng 2003" in result.stdout
