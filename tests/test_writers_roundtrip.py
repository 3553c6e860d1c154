"""Property tests: what khoi writes (init's bloc.toml, imported results, appended records) reads
back to the same values, for Vietnamese text in NFC or NFD, CRLF files and byte-order marks."""

from __future__ import annotations

import datetime as dt
import tempfile
import tomllib
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from khoi_thidua.bloc_draft import BlocDraft, DraftLeadership, DraftMember
from khoi_thidua.model import ORDER, Bloc, ConferenceDecision, GrantedAward, LeadershipRecord
from khoi_thidua.office.results_toml import results_toml
from khoi_thidua.store.bloc_file import bloc_toml
from khoi_thidua.store.count import record_count
from khoi_thidua.store.reading import BLOC_FILE, load_bloc, results_file
from khoi_thidua.store.records import record_decision, record_granted, record_leadership
from khoi_thidua.store.year_results import load_results

BOM = b"\xef\xbb\xbf"
AWARDS = ["co-tinh", "bang-khen-tinh"]
IDS = ["btc", "bnc", "vptu", "dukcq", "tct", "ubkt", "hoi-nd", "ban_dan_van"]
LOWER = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
# Precomposed (NFC) Vietnamese with the characters TOML must escape; NFD comes from a flag.
VIETNAMESE = st.text(alphabet=LOWER + LOWER.upper() + " -'\"\\/#", min_size=1, max_size=30).filter(
    lambda text: text.strip() == text and bool(text)
)
# How a file on disk is saved: NFD text, CRLF line ends, a byte-order mark (each on or off).
STYLES = st.tuples(st.booleans(), st.booleans(), st.booleans())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def saved(text: str, style: tuple[bool, bool, bool]) -> bytes:
    """``text`` as an editor in ``style`` (NFD, CRLF, BOM) would save it."""
    nfd, crlf, bom = style
    if nfd:
        text = unicodedata.normalize("NFD", text)
    if crlf:
        text = text.replace("\n", "\r\n")
    return (BOM if bom else b"") + text.encode("utf-8")


def assert_same_style(before: bytes, after: bytes, style: tuple[bool, bool, bool]) -> None:
    """The edit only appended: the old bytes are kept, and BOM and line ends are as they were."""
    _, crlf, bom = style
    assert after.startswith(before.rstrip(b"\r\n"))
    assert after.startswith(BOM) == bom
    body = after.removeprefix(BOM)
    assert (b"\r\n" in body) == crlf
    assert body.count(b"\n") == body.count(b"\r\n") if crlf else b"\r" not in body


@contextmanager
def folder() -> Iterator[Path]:
    """A fresh bloc folder per example (hypothesis runs many examples in one test)."""
    with tempfile.TemporaryDirectory() as root:
        bloc_dir = Path(root) / "khoi-test"
        bloc_dir.mkdir()
        yield bloc_dir


@st.composite
def drafts(draw: st.DrawFn) -> BlocDraft:
    """A bloc as `khoi init` would be asked for it, with Vietnamese names."""
    ids = draw(st.lists(st.sampled_from(IDS), min_size=2, max_size=6, unique=True))
    members = tuple(
        DraftMember(member_id, draw(VIETNAMESE), draw(st.one_of(st.just(""), VIETNAMESE)))
        for member_id in ids
    )
    order = tuple(draw(st.permutations(ids)))
    leadership = draw(
        st.one_of(
            st.none(),
            st.builds(
                DraftLeadership,
                st.integers(2000, 2030),
                st.just(order[0]),
                st.sampled_from([None, order[1]]),
            ),
        )
    )
    return BlocDraft(
        id="khoi-test",
        name=draw(VIETNAMESE),
        organiser=draw(VIETNAMESE),
        members=members,
        order=order,
        province=draw(st.one_of(st.just(""), VIETNAMESE)),
        leadership=leadership,
    )


def plain_draft(draft: BlocDraft) -> BlocDraft:
    """``draft`` without a recorded year, so a record can be appended to it."""
    return BlocDraft(
        draft.id, draft.name, draft.organiser, draft.members, draft.order, province=draft.province
    )


def write_bloc_file(bloc_dir: Path, draft: BlocDraft, style: tuple[bool, bool, bool]) -> bytes:
    data = saved(bloc_toml(draft), style)
    (bloc_dir / BLOC_FILE).write_bytes(data)
    return data


def results_doc(bloc: Bloc, year: int, note: str, place: str) -> dict[str, Any]:
    """A results document as import builds it: every member scored, one vote each."""
    return {
        "schema": 1,
        "year": year,
        "note": note,
        "conference": {"date": dt.date(year + 1, 1, 8), "place": place, "ballots": 9},
        "results": {
            member.id: {"score": 90.0 + index / 2, "rating": "excellent", "votes": {AWARDS[0]: 1}}
            for index, member in enumerate(bloc.members)
        },
    }


class TestInitFile:
    """The bloc.toml `khoi init` writes."""

    @settings(max_examples=40)
    @given(drafts(), STYLES)
    def test_reads_back_as_the_draft(
        self, draft: BlocDraft, style: tuple[bool, bool, bool]
    ) -> None:
        """Names, order and the starting leadership come back, NFC, however the file is saved."""
        with folder() as bloc_dir:
            write_bloc_file(bloc_dir, draft, style)
            bloc = load_bloc(bloc_dir)
        assert (bloc.name, bloc.organiser, bloc.province) == (
            draft.name,
            draft.organiser,
            draft.province,
        )
        assert [(m.id, m.name, m.short) for m in bloc.members] == [
            (m.id, m.name, m.short) for m in draft.members
        ]
        assert bloc.order == draft.order
        recorded = [(r.year, r.chair, r.vice_chair) for r in bloc.leadership]
        start = draft.leadership
        assert recorded == ([] if start is None else [(start.year, start.chair, start.vice_chair)])


class TestLeadershipRecord:
    """`rotate --record` and `rotate --chair` append a [[leadership]] entry to bloc.toml."""

    @settings(max_examples=40)
    @given(drafts(), STYLES, st.integers(2000, 2030), VIETNAMESE, st.booleans())
    def test_appended_record_reads_back(
        self,
        draft: BlocDraft,
        style: tuple[bool, bool, bool],
        year: int,
        note: str,
        with_vice: bool,
    ) -> None:
        """The record reads back equal, the file keeps its bytes, its BOM and its line ends."""
        draft = plain_draft(draft)
        record = LeadershipRecord(
            year, draft.order[-1], draft.order[0] if with_vice else None, nfc(note)
        )
        with folder() as bloc_dir:
            before = write_bloc_file(bloc_dir, draft, style)
            outcome = record_leadership(bloc_dir, lambda _bloc: record)
            after = (bloc_dir / BLOC_FILE).read_bytes()
            again = record_leadership(bloc_dir, lambda _bloc: record)
            assert (bloc_dir / BLOC_FILE).read_bytes() == after
            bloc = load_bloc(bloc_dir)
        assert (outcome.status, again.status) == ("written", "unchanged")
        assert bloc.recorded(year) == record
        assert [m.name for m in bloc.members] == [m.name for m in draft.members]
        assert_same_style(before, after, style)


class TestImportedResults:
    """results-YEAR.toml as `import-results` writes it."""

    @settings(max_examples=40)
    @given(drafts(), STYLES, st.integers(2000, 2030), VIETNAMESE, VIETNAMESE)
    def test_reads_back_as_the_document(
        self,
        draft: BlocDraft,
        style: tuple[bool, bool, bool],
        year: int,
        note: str,
        place: str,
    ) -> None:
        """The text parses to the document, and khoi reads its values back (NFC)."""
        nfd, _, _ = style
        typed = (lambda text: unicodedata.normalize("NFD", text)) if nfd else nfc
        with folder() as bloc_dir:
            write_bloc_file(bloc_dir, plain_draft(draft), style)
            bloc = load_bloc(bloc_dir)
            doc = results_doc(bloc, year, typed(note), typed(place))
            text = results_toml(doc, bloc, typed(f"{place}.xlsx"))
            assert tomllib.loads(text) == doc
            results_file(bloc_dir, year).write_bytes(saved(text, style))
            results = load_results(bloc_dir, bloc, year, AWARDS)
        assert (results.note, results.conference_place, results.ballots) == (
            nfc(note),
            nfc(place),
            9,
        )
        assert results.conference_date == f"{year + 1}-01-08"
        assert [(r.member, r.score) for r in results.results] == [
            (member_id, entry["score"]) for member_id, entry in doc["results"].items()
        ]


class TestResultRecords:
    """record-award, decide and count add to an imported results-YEAR.toml."""

    @settings(max_examples=30)
    @given(drafts(), STYLES, VIETNAMESE, VIETNAMESE, st.dates(dt.date(2000, 1, 1)))
    def test_granted_award_reads_back(
        self,
        draft: BlocDraft,
        style: tuple[bool, bool, bool],
        decision: str,
        issuer: str,
        date: dt.date,
    ) -> None:
        """A granted award reads back equal; a second run changes nothing."""
        year = 2021
        with folder() as bloc_dir:
            write_bloc_file(bloc_dir, plain_draft(draft), style)
            bloc = load_bloc(bloc_dir)
            path = results_file(bloc_dir, year)
            before = saved(results_toml(results_doc(bloc, year, "", "Hưng Yên"), bloc, "x"), style)
            path.write_bytes(before)
            granted = GrantedAward(
                draft.order[0], AWARDS[1], nfc(decision), date.isoformat(), nfc(issuer)
            )
            outcome = record_granted(bloc_dir, bloc, year, granted, AWARDS)
            after = path.read_bytes()
            again = record_granted(bloc_dir, bloc, year, granted, AWARDS)
            results = load_results(bloc_dir, bloc, year, AWARDS)
        assert (outcome.status, again.status) == ("written", "unchanged")
        assert results.granted == (granted,)
        assert_same_style(before, after, style)

    @settings(max_examples=30)
    @given(drafts(), STYLES, VIETNAMESE, VIETNAMESE)
    def test_decision_reads_back(
        self, draft: BlocDraft, style: tuple[bool, bool, bool], reason: str, minutes: str
    ) -> None:
        """A conference decision reads back equal, its members in the conference's order."""
        year = 2021
        with folder() as bloc_dir:
            write_bloc_file(bloc_dir, plain_draft(draft), style)
            bloc = load_bloc(bloc_dir)
            path = results_file(bloc_dir, year)
            before = saved(results_toml(results_doc(bloc, year, "", "Hưng Yên"), bloc, "x"), style)
            path.write_bytes(before)
            decision = ConferenceDecision(
                AWARDS[0], ORDER, tuple(reversed(draft.order[:2])), nfc(reason), nfc(minutes)
            )
            outcome = record_decision(bloc_dir, bloc, year, decision, AWARDS, lambda _r: None)
            after = path.read_bytes()
            results = load_results(bloc_dir, bloc, year, AWARDS)
        assert outcome.status == "written"
        assert results.decisions == (decision,)
        assert_same_style(before, after, style)

    @settings(max_examples=30)
    @given(drafts(), STYLES, VIETNAMESE, st.integers(0, 9))
    def test_count_reads_back(
        self, draft: BlocDraft, style: tuple[bool, bool, bool], secretary: str, votes: int
    ) -> None:
        """The count's fields and votes read back; the BOM and line ends are kept."""
        year = 2021
        with folder() as bloc_dir:
            write_bloc_file(bloc_dir, plain_draft(draft), style)
            bloc = load_bloc(bloc_dir)
            path = results_file(bloc_dir, year)
            path.write_bytes(
                saved(results_toml(results_doc(bloc, year, "", "Hưng Yên"), bloc, "x"), style)
            )
            member = draft.order[0]
            outcome = record_count(
                bloc_dir,
                bloc,
                year,
                {"secretary": nfc(secretary)},
                {(member, AWARDS[1]): votes},
                AWARDS,
            )
            after = path.read_bytes()
            results = load_results(bloc_dir, bloc, year, AWARDS)
        assert outcome.status == "written"
        assert results.secretary == nfc(secretary)
        result = results.result_for(member)
        assert result is not None
        assert result.votes == ((AWARDS[0], 1), (AWARDS[1], votes))
        _, crlf, bom = style
        assert after.startswith(BOM) == bom
        assert (b"\r\n" in after) == crlf


class TestInlineArray:
    """A record goes into an array written inline (`leadership = [{ … }]`) as an inline table."""

    @settings(max_examples=25)
    @given(drafts(), STYLES, VIETNAMESE)
    def test_record_joins_an_inline_array(
        self, draft: BlocDraft, style: tuple[bool, bool, bool], note: str
    ) -> None:
        """A file that writes its leadership as an inline array gets the record in that array."""
        draft = plain_draft(draft)
        first = f'leadership = [{{ year = 2020, chair = "{draft.order[0]}" }}]\n'
        # The array must come before the first table, where a top-level key is still allowed.
        text = bloc_toml(draft).replace("\n[rotation]", f"\n{first}\n[rotation]", 1)
        record = LeadershipRecord(2021, draft.order[1], None, nfc(note))
        with folder() as bloc_dir:
            (bloc_dir / BLOC_FILE).write_bytes(saved(text, style))
            outcome = record_leadership(bloc_dir, lambda _bloc: record)
            after = (bloc_dir / BLOC_FILE).read_bytes()
            bloc = load_bloc(bloc_dir)
        assert outcome.status == "written"
        assert [(r.year, r.chair) for r in bloc.leadership] == [
            (2020, draft.order[0]),
            (2021, draft.order[1]),
        ]
        assert bloc.recorded(2021) == record
        _, crlf, bom = style
        assert after.startswith(BOM) == bom
        assert (b"\r\n" in after) == crlf
