"""The language is given to what renders text and to the core: one process words in both."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from builders import SAMPLE_BLOC_ID, Invoke, bloc_doc, dumps_bloc, make_bloc, rich_printed
from khoi_thidua import i18n, rotation, store, workflows
from khoi_thidua.i18n import ENGLISH, VIETNAMESE
from khoi_thidua.render import explain as explain_view
from khoi_thidua.render import proposal as proposal_view
from khoi_thidua.render import rotation as rotation_view
from khoi_thidua.render.plain_table import plain_text
from khoi_thidua.render.sheet import to_rich
from khoi_thidua.schema.bloc import parse_bloc
from khoi_thidua.schema.toml_lines import key_lines

if TYPE_CHECKING:
    pass

GOLDEN = Path(__file__).parent / "golden"
EXPLAINED = "bnc"  # Ban Nội chính Tỉnh ủy, proposed for the chairman's certificate in 2021


def golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


class TestOneProcessBothLanguages:
    """Rendering with ENGLISH then VIETNAMESE (and back) gives each language's own output,
    byte for byte as the commands print it, without set_language: the run stays English."""

    def test_the_proposal_table_of_2021(self, sample_data: Path) -> None:
        """The 2021 proposal table matches the English and the Vietnamese golden files."""
        bloc_dir = sample_data / SAMPLE_BLOC_ID
        bloc = store.load_bloc(bloc_dir)
        proposal = workflows.proposal_for(bloc_dir, bloc, 2021, False)
        for msgs, name in [
            (i18n.VIETNAMESE, "propose-2021.vi.txt"),
            (i18n.ENGLISH, "propose-2021.txt"),
            (i18n.VIETNAMESE, "propose-2021.vi.txt"),
        ]:
            data = proposal_view.proposal_dict(msgs, bloc, proposal)
            sheet = proposal_view.proposal_view(msgs, data)
            # as a terminal gets it (through rich), and as a pipe gets it (plain text)
            assert rich_printed(to_rich(sheet)) == golden(name)
            assert plain_text(sheet, 120, "utf-8") == golden(name)
        assert i18n.language() == "en"

    def test_the_rotation_of_2022(self, sample_data: Path) -> None:
        """The 2022 rotation matches both golden files, Vietnamese first."""
        bloc = store.load_bloc(sample_data / SAMPLE_BLOC_ID)
        answer = rotation.leadership_in(ENGLISH, bloc, 2022)
        for msgs, name in [
            (i18n.VIETNAMESE, "rotate-2022.vi.txt"),
            (i18n.ENGLISH, "rotate-2022.txt"),
        ]:
            sheet = rotation_view.rotate_view(msgs, bloc, answer)
            assert rich_printed(to_rich(sheet)) == golden(name)
            assert plain_text(sheet, 120, "utf-8") == golden(name)
        assert i18n.language() == "en"

    def test_the_explanation_of_a_unit(self, khoi: Invoke, sample_data: Path) -> None:
        """A unit's explanation and the proposal JSON equal what `propose --explain` and
        `propose --json` print under KHOI_LANG, rendered here with each Messages in turn."""
        printed: dict[str, tuple[str, Any]] = {}
        for lang in ("vi", "en"):
            env = {"COLUMNS": "120", "NO_COLOR": "1", "KHOI_LANG": lang}
            args = ("propose", "2021", "--data", str(sample_data))
            explained = khoi(*args, "--explain", EXPLAINED, env=env)
            as_json = khoi(*args, "--json", env=env)
            assert explained.exit_code == 0 and as_json.exit_code == 0, explained.stderr
            printed[lang] = (explained.stdout, json.loads(as_json.stdout))
        i18n.set_language("en")  # the runs above set it: what follows must not depend on it
        bloc_dir = sample_data / SAMPLE_BLOC_ID
        bloc = store.load_bloc(bloc_dir)
        proposal = workflows.proposal_for(bloc_dir, bloc, 2021, False)
        assert printed["vi"] != printed["en"]
        for msgs in (i18n.VIETNAMESE, i18n.ENGLISH):
            data = proposal_view.proposal_dict(msgs, bloc, proposal)
            view = explain_view.explain_view(msgs, data, EXPLAINED)
            shown = (rich_printed(to_rich(view)), json.loads(json.dumps(data)))
            assert shown == printed[msgs.language]
            assert plain_text(view, 120, "utf-8") == printed[msgs.language][0]
        assert i18n.language() == "en"


class TestErrorsInTheLanguageGiven:
    """What the core finds wrong is worded with the Messages it is given: one process gets the
    same problems in English, then Vietnamese, then English again, without set_language."""

    def test_a_bad_bloc_file(self) -> None:
        """A misspelt key and so a missing name: the same keys, lines and codes each time, the
        messages and hints in the language passed."""
        doc = bloc_doc()
        doc["nmae"] = doc.pop("name")
        text = dumps_bloc(doc)
        told: list[list[tuple[str, int | None, str, str, str]]] = []
        for msgs in (ENGLISH, VIETNAMESE, ENGLISH):
            bloc, problems = parse_bloc(
                msgs, tomllib.loads(text), "k", "bloc.toml", key_lines(text)
            )
            assert bloc is None
            told.append([(p.key, p.line, p.code, p.message, p.hint) for p in problems])
        english, vietnamese, again = told
        assert english == again
        assert [p[:3] for p in english] == [p[:3] for p in vietnamese]
        assert ("unknown key `nmae`", "did you mean `name`?") in [p[3:] for p in english]
        assert ("khóa `nmae` không hợp lệ", "có phải là `name`?") in [p[3:] for p in vietnamese]
        assert "missing `name`" in [p[3] for p in english]
        assert "thiếu `name`" in [p[3] for p in vietnamese]
        assert i18n.language() == "en"

    def test_an_error_of_the_rotation(self) -> None:
        """A bloc with no recorded leadership has no default year, said in each language."""
        bloc = make_bloc(["a", "b"])
        said = []
        for msgs in (VIETNAMESE, ENGLISH):
            with pytest.raises(rotation.RotationError) as caught:
                rotation.default_year(msgs, bloc)
            said.append(caught.value.message)
        assert said == [
            f"khối `{bloc.id}` chưa ghi nhận Trưởng/Phó khối của năm nào để làm căn cứ luân phiên",
            f"bloc `{bloc.id}` has no recorded leadership to rotate from",
        ]
        assert i18n.language() == "en"
