"""The renderers of the --all runs, the summary and the province page speak the language given."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from builders import REPO_DATA, SAMPLE_BLOC_ID, Invoke
from khoi_thidua import i18n
from khoi_thidua.cli.output import file_console
from khoi_thidua.i18n import ENGLISH, VIETNAMESE
from khoi_thidua.render import batch as batch_view
from khoi_thidua.render import summary as summary_view
from khoi_thidua.render.html.province_page import province_page


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """The sample bloc and a bloc whose bloc.toml is not TOML."""
    root = tmp_path / "province"
    shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, root / SAMPLE_BLOC_ID)
    (root / "khoi-hong").mkdir()
    (root / "khoi-hong" / "bloc.toml").write_text("this is = = bad\n", encoding="utf-8")
    return root


def _json(khoi: Invoke, province: Path, *args: str) -> Any:
    result = khoi(*args, "--json", "--data", str(province))
    assert result.exit_code == 65, result.stderr
    return json.loads(result.stdout)


class TestSummaryRenderers:
    """summary's table, CSV, markdown and caps follow the messages passed, not the run's."""

    def test_markdown_follows_the_messages_given(self, khoi: Invoke, province: Path) -> None:
        """Under an English run, Vietnamese messages give the Vietnamese heading, and back."""
        data = _json(khoi, province, "summary", "2021")
        assert i18n.language() == "en"
        vietnamese = summary_view.summary_markdown(VIETNAMESE, data)
        assert vietnamese.startswith("# Tổng hợp toàn tỉnh — năm 2021\n")
        assert "| khoi-hong | | lỗi: " in vietnamese
        i18n.set_language("vi")
        english = summary_view.summary_markdown(ENGLISH, data)
        assert english.startswith("# Province summary — 2021\n")
        assert "| khoi-hong | | error: " in english

    def test_a_cap_reads_in_the_language_given(self, khoi: Invoke, province: Path) -> None:
        """The cap's sentence, its percentage included, is in the language of the messages."""
        cap = _json(khoi, province, "summary", "2021")["caps"][0]
        assert "proposed, cap" in summary_view.cap_text(ENGLISH, cap)
        assert "đề nghị, giới hạn" in summary_view.cap_text(VIETNAMESE, cap)

    def test_a_failed_bloc_is_a_row_of_its_own(self, khoi: Invoke, province: Path) -> None:
        """The CSV gives the failed bloc its id and the error, in the language given."""
        data = _json(khoi, province, "summary", "2021")
        header, rows = summary_view.summary_rows(VIETNAMESE, data)
        assert header[:2] == ["bloc_id", "bloc_name"]
        failed = [row for row in rows if row[0] == "khoi-hong"]
        assert len(failed) == 1
        assert str(failed[0][6]).startswith("lỗi: ")

    def test_the_table_names_the_mixed_rules_only_when_they_differ(
        self, khoi: Invoke, province: Path
    ) -> None:
        """One pack for every bloc gives no warning; two groups of rules give one."""
        data = _json(khoi, province, "summary", "2021")
        assert "different rules" not in file_console(summary_view.summary_view(ENGLISH, data))
        data["rules"].append({"pack": "other", "name": "Other", "files": [], "blocs": ["x"]})
        data["mixed_rules"] = True
        text = file_console(summary_view.summary_view(ENGLISH, data))
        assert "blocs ran under different rules this year" in text
        assert "other: x" in text


class TestBatchRenderers:
    """The --all tables follow the messages passed."""

    def test_propose_all_table_in_vietnamese(self, khoi: Invoke, province: Path) -> None:
        """The title and a failed bloc's error are in Vietnamese under an English run."""
        data = _json(khoi, province, "propose", "2021", "--all")
        text = file_console(batch_view.propose_all_view(VIETNAMESE, data))
        assert "Đề nghị khen thưởng — tất cả các khối" in text
        assert "lỗi: " in text
        assert "Award proposals" not in text

    def test_rotate_all_table_in_english(self, khoi: Invoke, province: Path) -> None:
        """Under a Vietnamese run, English messages give the English title and error."""
        data = _json(khoi, province, "rotate", "2022", "--all")
        i18n.set_language("vi")
        text = file_console(batch_view.rotate_all_view(ENGLISH, data))
        assert "Trưởng khối / Phó khối — all blocs" in text
        assert "error: " in text


class TestProvincePage:
    """The report's province page follows the messages passed."""

    def test_title_and_failed_blocs_in_the_language_given(
        self, khoi: Invoke, province: Path
    ) -> None:
        """The page's title is Vietnamese and the failed bloc is listed with its fix."""
        data = _json(khoi, province, "summary", "2021")
        page = province_page(VIETNAMESE, data, "", {}, False)
        assert '<h1 class="report-heading">Các khối thi đua: tổng hợp năm 2021</h1>' in page
        assert "khoi-hong" in page
        assert "Emulation blocs" not in page
