"""The rules, scores and import renderers speak the language they are given, not the run's."""

from __future__ import annotations

from pathlib import Path

import pytest

from khoi_thidua import i18n, store, workflows, year_flow
from khoi_thidua.i18n import ENGLISH, VIETNAMESE
from khoi_thidua.render import rules, scores
from khoi_thidua.render.score_import import import_scores_view
from khoi_thidua.render.score_shapes import ImportScoresResult


def plain(renderable: object) -> str:
    from rich.console import Console

    console = Console(width=200, no_color=True, markup=False)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


@pytest.fixture(autouse=True)
def run_in_english() -> None:
    i18n.set_language("en")


class TestRules:
    """`khoi rules`: headings and statuses follow the Messages passed in."""

    def test_markdown_in_both_languages(self, sample_bloc_dir: Path) -> None:
        """One process renders the same rules in English, then Vietnamese."""
        bloc = store.load_bloc(sample_bloc_dir)
        pack = workflows.rules_in_force(sample_bloc_dir, bloc, 2021)
        data = rules.rules_dict(ENGLISH, bloc, pack, 2021)
        english = rules.rules_markdown(ENGLISH, data)
        vietnamese = rules.rules_markdown(VIETNAMESE, data)
        assert "## Province-wide caps" in english
        assert "## " + VIETNAMESE.t("Province-wide caps") in vietnamese
        assert VIETNAMESE.t("Province-wide caps") != "Province-wide caps"
        assert i18n.language() == "en"

    def test_quota_and_choice_follow_the_messages(self, sample_bloc_dir: Path) -> None:
        """The JSON's worded quota and reason are in the language given."""
        bloc = store.load_bloc(sample_bloc_dir)
        pack = workflows.rules_in_force(sample_bloc_dir, bloc, 2021)
        data = rules.rules_dict(VIETNAMESE, bloc, pack, 2021)
        assert data["awards"][0]["quota"]["text"] == VIETNAMESE.t("{count} per bloc", count=1)
        assert data["pack"]["made"]["text"] == VIETNAMESE.t("up to {date}", date="2023-12-31")
        assert data["rules"]["reason"].startswith(
            VIETNAMESE.t(
                "chosen by the conference date {date}: proposals made {span} fall under it",
                date="2022-01-07",
                span=VIETNAMESE.t("up to {date}", date="2023-12-31"),
            )
        )


class TestScores:
    """`khoi scores`: the table and the explanation follow the Messages passed in."""

    def test_explanation_in_both_languages(self, sample_bloc_dir: Path) -> None:
        """The same unit's arithmetic, worded in English then in Vietnamese (decimal comma)."""
        bloc = store.load_bloc(sample_bloc_dir)
        reconciliation = year_flow.reconciliation_for(sample_bloc_dir, bloc, 2021)
        unit = reconciliation.unit("bdv")
        assert unit is not None
        english = scores.explain_dict(ENGLISH, bloc, reconciliation, unit)
        vietnamese = scores.explain_dict(VIETNAMESE, bloc, reconciliation, unit)
        assert english["unit"] == vietnamese["unit"]
        assert english["rounding"] != vietnamese["rounding"]
        assert "final score of 2021" in plain(scores.explain_view(ENGLISH, english))
        assert VIETNAMESE.t("Total") in plain(scores.scores_view(VIETNAMESE, bloc, reconciliation))


class TestImportScores:
    """`khoi import-scores`: the summary of what was taken in."""

    def test_summary_in_vietnamese(self) -> None:
        """The count of sheets and the missing ones are worded in the language given."""
        result: ImportScoresResult = {
            "schema": 1,
            "year": 2022,
            "file": "scores-2022.toml",
            "status": "written",
            "imported": [{"kind": "self", "unit": "btc", "scorer": "btc", "file": "a.xlsx"}],
            "conference": None,
            "blank": [],
            "self_not_returned": ["bnc"],
            "cross_not_returned": [{"scorer": "btc", "unit": "bnc"}],
        }
        text = plain(import_scores_view(VIETNAMESE, result))
        assert VIETNAMESE.t("self-score of {unit} — {file}", unit="btc", file="a.xlsx") in text
        assert VIETNAMESE.t("Self-scoring sheets not returned: {units}", units="bnc") in text
        assert "sheet imported" in plain(import_scores_view(ENGLISH, result))
