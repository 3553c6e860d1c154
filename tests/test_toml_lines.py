"""Tests of toml_lines: mapping key paths of a TOML text to the lines they are written on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builders import REPO_DATA, SAMPLE_BLOC_ID
from khoi_thidua.schema.toml_lines import key_lines, line_for

TEXT = """\
# a comment = not a key
schema = 1
name = "Khối thử"   # trailing comment

[rotation]
policy = "circular"
order = [
  "a",   # first
  "b",
]

[[members]]
id = "a"
name = "Ban A"

[[members]]
id = "b"
joined = 2023

[scoring]
max = 100

[[scoring.criteria]]
id = "k1"

[[scoring.criteria]]
id = "k2"
"""


def line_containing(text: str, needle: str, start: int = 1) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= start and needle in line:
            return number
    raise AssertionError(needle)


class TestKeyLines:
    def test_top_level_keys(self) -> None:
        """Top-level `key =` lines map to their own line, and comments are not keys."""
        lines = key_lines(TEXT)
        assert lines["schema"] == line_containing(TEXT, "schema =")
        assert lines["name"] == line_containing(TEXT, 'name = "Khối')
        assert not any(key.startswith("#") or "comment" in key for key in lines)

    def test_table_keys_are_prefixed(self) -> None:
        """Keys under a [table] header map as `table.key`, and the header itself is mapped."""
        lines = key_lines(TEXT)
        assert lines["rotation"] == line_containing(TEXT, "[rotation]")
        assert lines["rotation.order"] == line_containing(TEXT, "order =")

    def test_array_of_tables_is_indexed(self) -> None:
        """Each [[members]] entry is indexed in the order written, as the parser numbers them."""
        lines = key_lines(TEXT)
        second = line_containing(TEXT, "[[members]]", start=lines["members[0]"] + 1)
        assert lines["members[1]"] == second
        assert lines["members[0].id"] == line_containing(TEXT, 'id = "a"')
        assert lines["members[1].joined"] == line_containing(TEXT, "joined =")

    def test_nested_array_of_tables(self) -> None:
        """[[scoring.criteria]] entries are indexed under their parent table."""
        lines = key_lines(TEXT)
        assert lines["scoring.criteria[0].id"] == line_containing(TEXT, 'id = "k1"')
        assert lines["scoring.criteria[1].id"] == line_containing(TEXT, 'id = "k2"')

    def test_nested_arrays_restart_under_each_parent(self) -> None:
        """An array of tables nested in a parent array restarts at [0] for each parent entry."""
        text = "[[a]]\nx = 1\n[[a.b]]\ny = 1\n[[a]]\nx = 2\n[[a.b]]\ny = 2\n"
        lines = key_lines(text)
        assert lines["a[0].b[0].y"] == 4
        assert lines["a[1].b[0].y"] == 8
        assert "a[1].b[1]" not in lines

    def test_quoted_and_dotted_keys(self) -> None:
        """Quoted and dotted keys are read as their parts."""
        text = '[results]\n"btc".score = 90\nvptu . rating = "good"\n'
        lines = key_lines(text)
        assert lines["results.btc.score"] == 2
        assert lines["results.vptu.rating"] == 3

    def test_first_occurrence_wins(self) -> None:
        """A key written twice (a mistake the parser reports) maps to its first line."""
        assert key_lines("a = 1\na = 2\n")["a"] == 1

    def test_sample_file_maps_its_leadership(self) -> None:
        """The sample bloc.toml's first [[leadership]] chair is found on its own line."""
        text = (REPO_DATA / SAMPLE_BLOC_ID / "bloc.toml").read_text(encoding="utf-8")
        lines = key_lines(text)
        assert lines["leadership[0].chair"] == line_containing(text, 'chair = "btc"')
        assert lines["members[4].merged_into"] == line_containing(text, "merged_into =")

    @given(st.text())
    def test_never_fails(self, text: str) -> None:
        """Any text at all gives a mapping of keys to existing line numbers, never an error."""
        lines = key_lines(text)
        count = len(text.splitlines())
        assert all(1 <= number <= count for number in lines.values())


class TestLineFor:
    def test_exact_key(self) -> None:
        """A key that is written has its own line."""
        assert line_for({"members[0].id": 12}, "members[0].id") == 12

    def test_falls_back_to_nearest_ancestor(self) -> None:
        """A key not written (a list item, a missing key) gets its nearest written ancestor."""
        lines = {"rotation": 5, "rotation.order": 7, "members[2]": 30}
        assert line_for(lines, "rotation.order[3]") == 7
        assert line_for(lines, "members[2].name") == 30
        assert line_for(lines, "rotation.policy") == 5

    def test_unknown_key_has_no_line(self) -> None:
        """A key with no written ancestor has no line."""
        assert line_for({"a": 1}, "b.c") is None
        assert line_for({}, "") is None
