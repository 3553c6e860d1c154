"""The file-kind registry is where every reading guard comes from."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import REPO_DATA, SAMPLE_BLOC_ID
from khoi_thidua import store
from khoi_thidua.errors import DataError
from khoi_thidua.store import kinds
from khoi_thidua.store.kinds import Form


class TestRegistry:
    """Each entry carries the limits of the way its files are opened."""

    def test_every_kind_has_the_limits_of_its_form(self) -> None:
        """TOML kinds bound keys, nesting and digits; office kinds bound zip parts; CSV kinds
        bound the header line."""
        for kind in kinds.KINDS:
            limits = kind.limits
            assert kind.max_bytes > 0
            if kind.form is Form.TOML:
                assert limits.key_parts and limits.depth and limits.integer_digits
                assert limits.line_chars
            elif kind.form is Form.OFFICE:
                assert limits.entries and limits.unpacked_bytes and limits.part_bytes
                assert limits.ratio
            else:
                assert limits.line_chars

    def test_kinds_are_found_by_name_and_place(self, sample_bloc_dir: Path) -> None:
        """bloc.toml, results files, workbooks, CSV sheets and templates each have their kind."""
        found = {
            name: kinds.kind_of(sample_bloc_dir / name)
            for name in ("bloc.toml", "results-2021.toml", "x.xlsx", "x.csv", "x.docx")
        }
        assert {name: kind.id for name, kind in found.items() if kind} == {
            "bloc.toml": "bloc",
            "results-2021.toml": "results",
            "x.xlsx": "workbook",
            "x.csv": "csv",
            "x.docx": "docx",
        }


class TestGuardsComeFromTheRegistry:
    """Changing an entry changes what every reader of that kind accepts."""

    def test_a_lower_key_limit_refuses_the_sample(
        self, sample_bloc_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With the bloc kind's dotted keys limited to one part, a two-part key added to the
        sample bloc is refused, naming the file."""
        bloc = kinds.kind_named("bloc")
        strict = dataclasses.replace(bloc, limits=dataclasses.replace(bloc.limits, key_parts=1))
        swapped = tuple(strict if k is bloc else k for k in kinds.KINDS)
        monkeypatch.setattr(kinds, "KINDS", swapped)
        (sample_bloc_dir / "bloc.toml").write_text(
            (sample_bloc_dir / "bloc.toml").read_text(encoding="utf-8") + "\na.b = 1\n",
            encoding="utf-8",
        )
        with pytest.raises(DataError) as caught:
            store.load_bloc(sample_bloc_dir)
        problem = caught.value.problems[0]
        assert problem.file.endswith(f"{SAMPLE_BLOC_ID}/bloc.toml")
        assert "more than 1 parts" in problem.message

    def test_a_lower_size_limit_refuses_the_sample(
        self, sample_bloc_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With results files limited to a few bytes, the sample's results are refused."""
        results = kinds.kind_named("results")
        tiny = dataclasses.replace(results, max_bytes=10)
        monkeypatch.setattr(kinds, "KINDS", tuple(tiny if k is results else k for k in kinds.KINDS))
        bloc = store.load_bloc(sample_bloc_dir)
        with pytest.raises(DataError, match="larger than"):
            store.load_results(sample_bloc_dir, bloc, 2021)


class TestQuickLook:
    """The quick look at a TOML file never passes what the exact scan would refuse."""

    @staticmethod
    def _exact_refuses(text: str) -> bool:
        from khoi_thidua.errors import DataError
        from khoi_thidua.store import guards
        from khoi_thidua.store.kinds import TOML_LIMITS

        original = guards._clearly_within
        guards._clearly_within = lambda text, limits: False  # type: ignore[assignment]
        try:
            guards.check_toml(text, "x.toml", TOML_LIMITS)
        except DataError:
            return True
        finally:
            guards._clearly_within = original  # type: ignore[assignment]
        return False

    @given(
        st.lists(
            st.sampled_from(
                ['"', "'", '"""', "'''", "#", "\n", "[", "]", "{", "}", ".", "a", "9" * 12, " = "]
            ),
            max_size=120,
        )
    )
    @settings(max_examples=300, deadline=None)
    def test_quick_pass_means_exact_pass(self, pieces: list[str]) -> None:
        from khoi_thidua.store.guards import _clearly_within
        from khoi_thidua.store.kinds import TOML_LIMITS

        text = "".join(pieces)
        if _clearly_within(text, TOML_LIMITS):
            assert not self._exact_refuses(text), text

    def test_an_ordinary_file_takes_the_quick_look(self) -> None:
        """The shipped results file is plainly within every limit."""
        from khoi_thidua.store.guards import _clearly_within
        from khoi_thidua.store.kinds import TOML_LIMITS

        text = (REPO_DATA / SAMPLE_BLOC_ID / "results-2021.toml").read_text(encoding="utf-8")
        assert _clearly_within(text, TOML_LIMITS)
