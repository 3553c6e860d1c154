"""The year's documents through `draft` and `template`: the pledge, the six-month review and the
plan's workbooks, the same as `year-draft` and `scoring-sheets` give."""

from __future__ import annotations

from pathlib import Path

from builders import Invoke


def _docx_text(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


def test_draft_pledge_is_the_year_draft_pledge(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """`draft YEAR --pledge` writes the pledge, with the same text as `year-draft --pledge`."""
    new, old = tmp_path / "new.docx", tmp_path / "old.docx"
    made = khoi("draft", "2022", "--pledge", "-o", str(new), "--data", str(sample_data))
    assert made.exit_code == 0, made.stderr
    assert "the pledge for 2022" in made.stderr
    again = khoi("year-draft", "2022", "--pledge", "-o", str(old), "--data", str(sample_data))
    assert again.exit_code == 0, again.stderr
    text = _docx_text(new)
    assert "BẢN GIAO ƯỚC THI ĐUA" in text
    assert text == _docx_text(old)


def test_draft_mid_year_is_the_six_month_review(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """`draft YEAR --mid-year` writes the six-month review with each unit's progress."""
    new, old = tmp_path / "new.docx", tmp_path / "old.docx"
    made = khoi("draft", "2021", "--mid-year", "-o", str(new), "--data", str(sample_data))
    assert made.exit_code == 0, made.stderr
    assert "the six-month review for 2021" in made.stderr
    khoi("year-draft", "2021", "--mid-year", "-o", str(old), "--data", str(sample_data))
    text = _docx_text(new)
    assert "Chưa báo cáo" in text
    assert text == _docx_text(old)


def test_draft_takes_one_document_and_no_template_for_the_year(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """Two documents at once, or a --template with the pledge, is a usage error; nothing is
    written."""
    out = tmp_path / "x.docx"
    both = khoi(
        "draft", "2022", "--pledge", "--minutes", "-o", str(out), "--data", str(sample_data)
    )
    assert both.exit_code == 64
    assert "--pledge, --mid-year" in both.stderr
    base = tmp_path / "base.docx"
    base.write_bytes(b"")
    with_template = khoi(
        "draft", "2022", "--pledge", "--template", str(base), "-o", str(out),
        "--data", str(sample_data),
    )  # fmt: skip
    assert with_template.exit_code == 64
    assert "--template" in with_template.stderr
    assert not out.exists()


def test_draft_pledge_without_a_plan_says_so(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """A year without a plan has no pledge to draft: a clear error, no file."""
    out = tmp_path / "x.docx"
    result = khoi("draft", "2019", "--pledge", "-o", str(out), "--data", str(sample_data))
    assert result.exit_code != 0
    assert "plan-2019.toml" in result.stderr
    assert not out.exists()


def test_template_writes_the_plans_workbooks(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """`template YEAR --self-scoring`, `--cross` and `--pledge` write the same files as
    `scoring-sheets` into the folder given."""
    for flag, prefix in (("--self-scoring", "tu-cham-"), ("--cross", "cham-cheo-"),
                         ("--pledge", "dang-ky-")):  # fmt: skip
        new, old = tmp_path / f"new{flag}", tmp_path / f"old{flag}"
        new.mkdir()
        old.mkdir()
        made = khoi("template", "2022", flag, "-o", str(new), "--data", str(sample_data))
        assert made.exit_code == 0, made.stderr
        extra = [] if flag == "--self-scoring" else [flag]
        khoi("scoring-sheets", "2022", *extra, "-o", str(old), "--data", str(sample_data))
        names = sorted(p.name for p in new.iterdir())
        assert names and all(n.startswith(prefix) for n in names)
        assert names == sorted(p.name for p in old.iterdir())


def test_template_refuses_two_kinds_at_once(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """A plan workbook together with --tally or another kind is a usage error."""
    out = tmp_path / "out"
    out.mkdir()
    for extra in (["--pledge", "--cross"], ["--pledge", "--tally"]):
        result = khoi("template", "2022", *extra, "-o", str(out), "--data", str(sample_data))
        assert result.exit_code == 64, extra
        assert "--self-scoring, --cross, --pledge and --conference" in result.stderr
    assert list(out.iterdir()) == []
