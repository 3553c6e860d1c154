"""The HTML report: pages of a bloc and of the province, their output rule and public mode."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from builders import SAMPLE_BLOC_ID, Invoke
from khoi_thidua.errors import ExitCode

SEED_PROPOSALS = (
    "Cờ thi đua của Chính phủ",
    "Ban Tổ chức Tỉnh ủy",
    "Cờ thi đua của UBND tỉnh",
    "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh",
    "Bằng khen của Chủ tịch UBND tỉnh",
    "Ban Nội chính Tỉnh ủy",
)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def parse_strictly(text: str) -> None:
    """Parse with html5lib in strict mode: any parse error raises."""
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


class TestBlocReport:
    """khoi report for one bloc."""

    def test_folder_holds_an_index_page_with_the_seed_proposal(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """A folder output gets index.html with the heading, lang and the seed's proposals."""
        out = tmp_path / "bao-cao"
        result = khoi("--lang", "vi", "report", "2021", "--data", str(sample_data), "-o", str(out))
        assert result.exit_code == 0, result.stderr
        page = read(out / "index.html")
        assert '<html lang="vi">' in page
        assert "Báo cáo thi đua năm 2021 — Khối thi đua Ban, đơn vị, cơ quan Đảng" in page
        for text in SEED_PROPOSALS:
            assert text in page
        assert "Đã ghi báo cáo vào" in result.stderr
        assert result.stdout == ""

    def test_page_is_valid_html_with_headers_and_no_outside_resources(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """The page parses strictly, every table has header cells, and nothing is fetched."""
        out = tmp_path / "r.html"
        assert khoi("report", "2021", "--data", str(sample_data), "-o", str(out)).exit_code == 0
        page = read(out)
        parse_strictly(page)
        assert page.count("<table>") == page.count("<thead>")
        for fetch in ("http://", "https://", "<script", "<link", "src=", "@import", "url("):
            assert fetch not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")

    def test_english_page(self, khoi: Invoke, sample_data: Path, tmp_path: Path) -> None:
        """--lang en gives an English page marked lang="en"."""
        out = tmp_path / "r.html"
        khoi("--lang", "en", "report", "2021", "--data", str(sample_data), "-o", str(out))
        page = read(out)
        assert '<html lang="en">' in page
        assert "Emulation report 2021" in page
        assert "Leadership calendar" in page

    def test_votes_are_those_of_the_award_the_row_is_about(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """The page's votes are the terminal table's: Trường Chính trị's row names the
        certificate, for which it has 1 vote (of 2 in all), and a note says so."""
        out = tmp_path / "r.html"
        khoi("--lang", "en", "report", "2021", "--data", str(sample_data), "-o", str(out))
        page = read(out)
        proposal = json.loads(khoi("propose", "2021", "--json", "--data", str(sample_data)).stdout)
        tct = next(s for s in proposal["standings"] if s["member"]["id"] == "tct")
        assert (tct["decisive"]["votes"], tct["total_votes"]) == (1, 2)
        row = page[page.index("Trường Chính trị Nguyễn Văn Linh") :].split("</tr>")[0]
        cells = [c.split(">", 1)[1].split("<")[0] for c in row.split("<td")[1:]]
        assert cells[:3] == ["96.5", "HTXSNV", "1"], cells  # score, rating, votes
        assert "Votes: for the award the row is about" in page

    def test_calendar_shows_the_computed_years_ahead(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """The calendar holds the seed's 2022 leadership, computed from the 2021 record."""
        out = tmp_path / "r.html"
        khoi("report", "2021", "--data", str(sample_data), "-o", str(out))
        page = read(out)
        row = page[
            page.index("<td>2022</td>") if "<td>2022</td>" in page else page.index(">2022<") :
        ]
        row = row[: row.index("</tr>")]
        assert "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh" in row
        assert "Trường Chính trị Nguyễn Văn Linh" in row
        assert "computed" in row

    def test_public_page_leaves_out_votes_discipline_and_notes(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """--public drops the vote counts, the discipline and the notes the full page shows."""
        full, public = tmp_path / "full.html", tmp_path / "public.html"
        khoi("report", "2021", "--data", str(sample_data), "-o", str(full))
        khoi("report", "2021", "--data", str(sample_data), "-o", str(public), "--public")
        full_page, public_page = read(full), read(public)
        for private in ("Khiển trách", ">Votes<", "ballots", "Theo bài báo ngày 08/01/2022"):
            assert private in full_page
            assert private not in public_page
        for text in SEED_PROPOSALS:
            assert text in public_page

    def test_a_non_empty_folder_is_refused_without_force(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """A folder holding files is left alone unless --force, which replaces the pages."""
        out = tmp_path / "bao-cao"
        out.mkdir()
        (out / "ghi-chu.txt").write_text("giữ lại", encoding="utf-8")
        result = khoi("report", "2021", "--data", str(sample_data), "-o", str(out))
        assert result.exit_code == ExitCode.REFUSED
        assert "not empty" in result.stderr
        assert not (out / "index.html").exists()
        forced = khoi("report", "2021", "--data", str(sample_data), "-o", str(out), "--force")
        assert forced.exit_code == 0
        assert (out / "index.html").exists()
        assert read(out / "ghi-chu.txt") == "giữ lại"

    def test_a_bloc_folder_is_refused_even_with_force(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """Pages never go into a bloc folder or the data root."""
        for folder in (sample_data, sample_data / SAMPLE_BLOC_ID):
            result = khoi(
                "report", "2021", "--data", str(sample_data), "-o", str(folder), "--force"
            )
            assert result.exit_code == ExitCode.USAGE
            assert "holds bloc data" in result.stderr
            assert not (folder / "index.html").exists()

    def test_a_missing_parent_folder_is_named(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """Only the last folder is created; a missing parent is an error naming it."""
        out = tmp_path / "khong-co" / "bao-cao"
        result = khoi("report", "2021", "--data", str(sample_data), "-o", str(out))
        assert result.exit_code == ExitCode.CANT_CREATE
        assert "khong-co" in result.stderr

    def test_stdout_page(self, khoi: Invoke, sample_data: Path) -> None:
        """-o - prints the one page on stdout."""
        result = khoi("report", "2021", "--data", str(sample_data), "-o", "-")
        assert result.exit_code == 0
        assert result.stdout.startswith("<!DOCTYPE html>")


def second_bloc(sample_data: Path, bloc_id: str) -> Path:
    target = sample_data / bloc_id
    shutil.copytree(sample_data / SAMPLE_BLOC_ID, target)
    text = read(target / "bloc.toml").replace(
        'name = "Khối thi đua Ban, đơn vị, cơ quan Đảng"', 'name = "Khối thi đua thứ hai"', 1
    )
    (target / "bloc.toml").write_text(text, encoding="utf-8")
    return target


class TestProvinceReport:
    """khoi report --all for the province."""

    def test_index_links_to_one_page_per_bloc_and_back(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """index.html links each bloc's page, and each bloc page links back to it."""
        second_bloc(sample_data, "khoi-hai")
        out = tmp_path / "tinh"
        result = khoi("report", "2021", "--all", "--data", str(sample_data), "-o", str(out))
        assert result.exit_code == 0, result.stderr
        index = read(out / "index.html")
        for bloc_id in (SAMPLE_BLOC_ID, "khoi-hai"):
            assert f'href="bloc-{bloc_id}.html"' in index
            page = read(out / f"bloc-{bloc_id}.html")
            assert 'href="index.html"' in page
            parse_strictly(page)
        parse_strictly(index)
        assert "Khối thi đua thứ hai" in index
        assert "Every bloc was read and ranked." in index

    def test_keys_named_in_a_legal_basis_are_set_as_code(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """A pack's basis that names a key in backquotes (the 2021 pack's cap on provincial flags
        names `of = "leaders"`) shows it as code, not as backquotes."""
        out = tmp_path / "tinh"
        result = khoi("report", "2021", "--all", "--data", str(sample_data), "-o", str(out))
        assert result.exit_code == 0, result.stderr
        index = read(out / "index.html")
        assert "<code>of = &quot;leaders&quot;</code>" in index
        assert "`" not in index
        parse_strictly(index)

    def test_a_failed_bloc_is_named_with_its_error(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """A bloc whose data cannot be read is listed with the error; the others still get pages."""
        broken = second_bloc(sample_data, "khoi-loi")
        (broken / "bloc.toml").write_text("name = [\n", encoding="utf-8")
        out = tmp_path / "tinh"
        result = khoi("report", "2021", "--all", "--data", str(sample_data), "-o", str(out))
        assert result.exit_code == ExitCode.DATA
        index = read(out / "index.html")
        assert "Blocs that failed" in index
        assert "khoi-loi" in index
        assert (out / f"bloc-{SAMPLE_BLOC_ID}.html").exists()
        assert not (out / "bloc-khoi-loi.html").exists()

    def test_single_file_holds_every_bloc_with_anchors(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """A .html output holds the province page and each bloc's section, linked by anchors."""
        second_bloc(sample_data, "khoi-hai")
        out = tmp_path / "tinh.html"
        assert (
            khoi("report", "2021", "--all", "--data", str(sample_data), "-o", str(out)).exit_code
            == 0
        )
        page = read(out)
        parse_strictly(page)
        assert page.count("<h1") == 1
        for bloc_id in (SAMPLE_BLOC_ID, "khoi-hai"):
            assert f'href="#bloc-{bloc_id}"' in page
            assert f'id="bloc-{bloc_id}"' in page

    def test_all_needs_a_year(self, khoi: Invoke, sample_data: Path, tmp_path: Path) -> None:
        """--all without a year is a usage error and writes nothing."""
        out = tmp_path / "tinh"
        result = khoi("report", "--all", "--data", str(sample_data), "-o", str(out))
        assert result.exit_code == ExitCode.USAGE
        assert not out.exists()


def test_rotate_does_not_load_the_report_code(sample_data: Path) -> None:
    """`khoi rotate` never imports the HTML report modules (they cost start-up time)."""
    code = (
        "import sys, atexit\n"
        "atexit.register(lambda: print(sorted(m for m in sys.modules if 'html' in m and "
        "m.startswith('khoi_thidua') or m == 'jinja2'), file=sys.stderr))\n"
        "from khoi_thidua.cli import main\n"
        f"sys.argv = ['khoi', 'rotate', '2022', '--data', {str(sample_data)!r}]\n"
        "main()\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_help_has_examples(khoi: Invoke, lang: str) -> None:
    """report --help shows its examples in both languages."""
    result = khoi("--lang", lang, "report", "--help")
    assert "khoi report 2021 --output bao-cao/" in result.stdout


def test_the_report_proposal_is_the_propose_commands(sample_data: Path) -> None:
    """bloc_report reads each file once yet drafts exactly what `khoi propose` drafts."""
    from khoi_thidua import store, workflows
    from khoi_thidua.report_data import bloc_report

    bloc_dir = sample_data / SAMPLE_BLOC_ID
    bloc = store.load_bloc(bloc_dir)
    report = bloc_report(bloc_dir, bloc, 2021)
    assert report.proposal == workflows.proposal_for(bloc_dir, bloc, 2021)
    assert sorted(report.results) == [2020, 2021]
    assert report.ranks[2021]["btc"] == 1


def test_ratings_and_granted_awards_are_listed(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """The page lists each year's ratings and the awards granted, with their decisions."""
    out = tmp_path / "r.html"
    result = khoi("report", "2021", "--data", str(sample_data), "-o", str(out), "--quiet")
    assert result.exit_code == 0
    assert result.stderr == ""  # --quiet: no "Wrote …" line
    page = read(out)
    assert "Quyết định số 512/QĐ-UBND" in page
    assert "HTTNV" in page


def test_each_members_next_turn_as_chair(khoi: Invoke, sample_data: Path, tmp_path: Path) -> None:
    """The calendar is followed by each member's next year as chair, soonest first."""
    out = tmp_path / "r.html"
    khoi("report", "2021", "--data", str(sample_data), "-o", str(out))
    page = read(out)
    start = page.index("Whose turn comes when, from 2022")
    turns = page[start : page.index("</table>", start)]
    first = turns.index("Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh")
    second = turns.index("Trường Chính trị Nguyễn Văn Linh")
    assert first < second
    assert '<td class="num">2022</td>' in turns[first:second]


def test_public_page_withholds_the_reason_of_an_excusal(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """A member excused from leading is shown as skipped; only --public leaves out the reason."""
    bloc = sample_data / SAMPLE_BLOC_ID / "bloc.toml"
    text = (
        read(bloc) + '\n[[excused]]\nmember = "tct"\nyear = 2023\nreason = "Đang sắp xếp bộ máy"\n'
    )
    bloc.write_text(text, encoding="utf-8")
    full, public = tmp_path / "full.html", tmp_path / "public.html"
    assert khoi("report", "2021", "--data", str(sample_data), "-o", str(full)).exit_code == 0
    khoi("report", "2021", "--data", str(sample_data), "-o", str(public), "--public")
    assert "Đang sắp xếp bộ máy" in read(full)
    assert "Đang sắp xếp bộ máy" not in read(public)
    assert "reason not published" in read(public)
