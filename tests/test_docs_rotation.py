"""Tests that docs/rotation.md and its Vietnamese twin match each other and the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from khoi_thidua.model import Policy
from khoi_thidua.rotation import Status

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = [DOCS / "rotation.md", DOCS / "rotation.vi.md"]


def test_both_languages_have_the_same_sections() -> None:
    """The English and Vietnamese pages have as many `## ` sections, in the same places."""
    counts = [len(re.findall(r"^## ", page.read_text(encoding="utf-8"), re.M)) for page in PAGES]
    assert counts[0] == counts[1] > 0


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_status_and_policy_is_documented(page: Path) -> None:
    """Each status a year can have and each policy is named in the page."""
    text = page.read_text(encoding="utf-8")
    for value in [*Status, *Policy]:
        assert f"`{value.value}`" in text, value
