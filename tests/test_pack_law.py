"""The shipped rule packs say what the legal texts say, and say where they could not be read."""

from __future__ import annotations

import re

import pytest

from award_builders import PACK_2003, PACK_2022, PACK_2025, facts, result, year_results
from khoi_thidua.awards.conditions import check
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.model import StaffFigures
from khoi_thidua.schema.pack import apply_override
from khoi_thidua.store.packs import shipped_packs


def pack(pack_id: str) -> RulePack:
    return next(p for p in shipped_packs() if p.id == pack_id)


def advanced_title(pack_id: str, share: float, discipline: str = "none") -> bool:
    """Whether a unit rated "good" with ``share`` of staff "Lao động tiên tiến" gets the
    Tập thể lao động tiên tiến title under ``pack_id``."""
    award = pack(pack_id).award("tt-ldtt")
    unit = result("a", rating="good", discipline=discipline, staff=StaffFigures(20, share))
    known = facts(year_results(2024, [unit]))
    return all(check(c, award, unit, known).met for c in award.conditions)


class TestAdvancedCollective:
    """Tập thể lao động tiên tiến: more than 50% under the 2003 Law, at least 70% from 2024."""

    @pytest.mark.parametrize("pack_id", [PACK_2022, PACK_2025])
    def test_2022_law_needs_seventy_percent(self, pack_id: str) -> None:
        """Under Law 06/2022 Art. 28(1) 60% is not enough; 70% is."""
        assert not advanced_title(pack_id, 0.6)
        assert advanced_title(pack_id, 0.7)

    def test_2003_law_needs_more_than_half(self) -> None:
        """Under the 2003 Law Art. 28(1)(c) 60% is enough, exactly half is not."""
        assert advanced_title(PACK_2003, 0.6)
        assert not advanced_title(PACK_2003, 0.5)

    @pytest.mark.parametrize("pack_id", [PACK_2003, PACK_2022, PACK_2025])
    def test_no_discipline_at_warning_or_above(self, pack_id: str) -> None:
        """A unit with a "cảnh cáo" discipline does not get the title; a "khiển trách" one does."""
        assert not advanced_title(pack_id, 0.9, "canh-cao")
        assert advanced_title(pack_id, 0.9, "khien-trach")


class TestGovernmentFlagCap:
    """The 20% cap's denominator follows the text in force for the pack's years."""

    def test_decree_91_counts_the_flag_standard(self) -> None:
        """Decree 91/2017 Art. 11(1): 20% of the collectives at the provincial-flag standard."""
        cap = pack(PACK_2003).caps[0]
        assert (cap.award, cap.percent, cap.of, cap.standard) == (
            "co-chinh-phu",
            20,
            "standard",
            "co-tinh",
        )
        assert "Điều 11 khoản 1" in cap.basis

    @pytest.mark.parametrize("pack_id", [PACK_2022, PACK_2025])
    def test_2022_law_counts_the_bloc_leaders(self, pack_id: str) -> None:
        """From 2024 the 2023 MoHA letter's reading (bloc leaders) applies, marked unverified."""
        cap = pack(pack_id).caps[0]
        assert (cap.of, cap.unverified) == ("leaders", True)
        assert "5007/BNV-TĐKT" in cap.basis


class TestPrimeMinisterCertificate:
    """Decree 65/2014 Art. 23: a provincial certificate before the run, a flag within it."""

    def test_windows_line_up_with_the_run(self) -> None:
        """The old pack searches the certificate before the 5-year run and the flag within it."""
        award = pack(PACK_2003).award("bang-khen-thu-tuong")
        run = [c for c in award.conditions if c.kind == "consecutive_years"]
        assert [c.params["years"] for c in run] == [5]
        windows = {
            tuple(c.params["awards"]): c.params["window"]
            for c in award.conditions
            if c.kind == "prior_awards"
        }
        assert windows == {("bang-khen-tinh",): "before_run", ("co-tinh",): "within_run"}

    def test_a_flag_before_the_run_does_not_count(self) -> None:
        """A flag granted before a 2017–2021 run does not meet the "within" condition."""
        award = pack(PACK_2003).award("bang-khen-thu-tuong")
        within = next(c for c in award.conditions if c.params.get("window") == "within_run")
        unit = result("a")
        history = [year_results(y, [unit]) for y in range(2014, 2021)]
        history[1] = year_results(2015, [unit], granted=[("a", "co-tinh")])
        outcome = check(within, award, unit, facts(year_results(2021, [unit]), history))
        assert not outcome.met
        history[4] = year_results(2018, [unit], granted=[("a", "co-tinh")])
        assert check(within, award, unit, facts(year_results(2021, [unit]), history)).met


class TestSources:
    """Every pack lists its texts; every value names its article or is marked unverified."""

    @pytest.mark.parametrize("pack_id", [PACK_2003, PACK_2022, PACK_2025])
    def test_every_pack_lists_dated_sources(self, pack_id: str) -> None:
        """Each source has a title, an issuer and an ISO date."""
        sources = pack(pack_id).legal_sources
        assert sources
        for source in sources:
            assert source.title and source.issuer
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source.date)

    @pytest.mark.parametrize("pack_id", [PACK_2003, PACK_2022, PACK_2025])
    def test_values_cite_an_article_or_are_unverified(self, pack_id: str) -> None:
        """Each condition's basis names an article (Điều), or the condition is unverified."""
        for award in pack(pack_id).awards:
            for condition in award.conditions:
                assert "Điều" in condition.basis or condition.unverified, (
                    award.id,
                    condition.kind,
                )

    def test_decree_152_is_marked_unread(self) -> None:
        """Decree 152/2025 was not read: the pack says so and cites none of its articles."""
        decree = next(s for s in pack(PACK_2025).legal_sources if "152/2025" in s.title)
        assert not decree.read
        assert decree.in_force == "2025-07-01"
        assert any("152/2025" in vi and "chưa" in vi for vi, _ in pack(PACK_2025).notes)
        texts = [a.basis for a in pack(PACK_2025).awards] + [
            c.basis for a in pack(PACK_2025).awards for c in a.conditions
        ]
        assert not any(re.search(r"152/2025/NĐ-CP,? Điều", text) for text in texts)

    def test_old_pack_cites_the_law_for_standards(self) -> None:
        """The 2003 Law holds the flag's standard; Decree 91/2017 Art. 11 how it is chosen."""
        flag = pack(PACK_2003).award("co-chinh-phu")
        assert "Điều 25" in flag.basis and "Điều 11" in flag.basis
        rating = next(c for c in flag.conditions if c.kind == "min_rating")
        assert "Luật Thi đua, Khen thưởng 2003" in rating.basis


class TestOverridesKeepTheRunAndItsWindows:
    """A bloc's override cannot leave a window on a run it removed."""

    def test_dropping_the_run_alone_is_refused(self) -> None:
        """Dropping the certificate's 5-year run but keeping its windows is an error."""
        doc = {
            "schema": 1,
            "awards": {"bang-khen-thu-tuong": {"conditions": {"consecutive_years": False}}},
        }
        new, problems = apply_override(ENGLISH, pack(PACK_2003), doc, "rules.toml")
        assert new is None
        assert any("consecutive_years" in p.message for p in problems)

    def test_dropping_a_kind_drops_every_condition_of_it(self) -> None:
        """`prior_awards = false` drops both windowed conditions, and then the run may go too."""
        doc = {
            "schema": 1,
            "awards": {
                "bang-khen-thu-tuong": {
                    "conditions": {"prior_awards": False, "consecutive_years": False}
                }
            },
        }
        new, problems = apply_override(ENGLISH, pack(PACK_2003), doc, "rules.toml")
        assert new is not None, problems
        kinds = [c.kind for c in new.award("bang-khen-thu-tuong").conditions]
        assert kinds == ["min_vote_share"]
