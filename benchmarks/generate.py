"""Generates a synthetic province of emulation blocs, deterministically, for the benchmark.

The province is written in khoi's documented format (``bloc.toml`` and ``results-YYYY.toml``
per bloc folder, see ``data/khoi-co-quan-dang/``): members that join, leave and merge, a
rotation order, recorded leadership, scoring (with criteria in some blocs), and for every year
each active member's score, self-score, rating, votes, staff figures and discipline, the
conference ballots and the awards granted.

Every bloc draws from its own random generator seeded by ``(seed, bloc number)``, so a province
of 2N blocs holds exactly the N blocs of the smaller one plus N more: sizes are comparable.

    python benchmarks/generate.py --blocs 60 --members 15 --years 30 --out benchmarks/_work/p1
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

DEFAULT_BLOCS = 60
DEFAULT_MEMBERS = 15
DEFAULT_YEARS = 30
DEFAULT_LAST_YEAR = 2025  # the shipped rule packs cover results from 2018; propose needs one
DEFAULT_SEED = 20250107
MANIFEST = "generated.json"  # marks a folder this script made (and may therefore replace)

PROVINCE = "Hưng Yên"
ORGANISER = "Ủy ban nhân dân tỉnh"
RECIPIENT = "Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ)"

BLOC_THEMES = (
    "các cơ quan Đảng",
    "các cơ quan tổng hợp",
    "các sở, ngành kinh tế",
    "các sở, ngành văn hóa - xã hội",
    "các huyện, thị xã, thành phố",
    "các đoàn thể chính trị - xã hội",
    "các doanh nghiệp nhà nước",
    "các trường đại học, cao đẳng",
    "các bệnh viện tuyến tỉnh",
    "các cơ quan nội chính",
    "các ngân hàng thương mại",
    "các đơn vị sự nghiệp công lập",
    "các cơ quan Trung ương đóng trên địa bàn",
    "các hội đặc thù",
    "các xã, phường khu vực biên giới",
)

PLACES = (
    "Văn Lâm",
    "Văn Giang",
    "Yên Mỹ",
    "Mỹ Hào",
    "Ân Thi",
    "Khoái Châu",
    "Kim Động",
    "Tiên Lữ",
    "Phù Cừ",
    "Đông Hưng",
    "Quỳnh Phụ",
    "Thái Thụy",
    "Tiền Hải",
    "Kiến Xương",
    "Vũ Thư",
    "Hưng Hà",
    "Nghĩa Hưng",
    "Hải Hậu",
    "Giao Thủy",
    "Xuân Trường",
    "Ý Yên",
    "Trực Ninh",
    "Nam Trực",
    "Mỹ Lộc",
    "Gia Lộc",
    "Tứ Kỳ",
    "Thanh Hà",
    "Cẩm Giàng",
    "Bình Giang",
    "Ninh Giang",
    "Thanh Miện",
    "Kinh Môn",
)

PLACE_UNITS = (
    "Ủy ban nhân dân huyện {place}",
    "Huyện ủy {place}",
    "Trung tâm Y tế huyện {place}",
    "Trường Trung học phổ thông {place}",
    "Chi cục Thuế khu vực {place}",
    "Công an huyện {place}",
    "Bảo hiểm xã hội huyện {place}",
    "Kho bạc Nhà nước {place}",
    "Phòng Giáo dục và Đào tạo {place}",
    "Ngân hàng Nông nghiệp chi nhánh {place}",
    "Hội Nông dân huyện {place}",
    "Trung tâm Văn hóa - Thể thao {place}",
    "Ban Quản lý dự án huyện {place}",
    "Viện Kiểm sát nhân dân huyện {place}",
    "Tòa án nhân dân huyện {place}",
    "Hội Liên hiệp Phụ nữ huyện {place}",
    "Huyện đoàn {place}",
    "Chi nhánh Văn phòng đăng ký đất đai {place}",
)

FIXED_UNITS = (
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Công Thương",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Khoa học và Công nghệ",
    "Sở Thông tin và Truyền thông",
    "Thanh tra tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Ban Dân tộc tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Báo Hưng Yên",
    "Ban Tổ chức Tỉnh ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Trường Chính trị Nguyễn Văn Linh",
    "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh",
    "Liên đoàn Lao động tỉnh",
    "Tỉnh đoàn",
    "Hội Cựu chiến binh tỉnh",
    "Liên minh Hợp tác xã tỉnh",
    "Bệnh viện Đa khoa tỉnh",
    "Bệnh viện Sản Nhi tỉnh",
    "Trường Đại học Sư phạm Kỹ thuật",
    "Trường Cao đẳng Cộng đồng",
    "Công ty TNHH MTV Khai thác công trình thủy lợi",
    "Công ty Cổ phần Nước sạch",
    "Quỹ Đầu tư phát triển tỉnh",
    "Ban Quản lý các khu công nghiệp tỉnh",
)

CRITERIA = (
    ("chuyen-mon", "Thực hiện nhiệm vụ chuyên môn", 40),
    ("phong-trao", "Tổ chức phong trào thi đua", 25),
    ("xay-dung-dang", "Xây dựng Đảng, chính quyền, đoàn thể", 20),
    ("cai-cach", "Cải cách hành chính, chuyển đổi số", 15),
)

EXCUSE_REASONS = (
    "Đơn vị đang kiện toàn tổ chức sau sáp nhập",
    "Thủ trưởng đơn vị mới được bổ nhiệm, xin lùi lượt",
    "Đơn vị đăng cai sự kiện lớn của tỉnh trong năm",
)


@dataclass
class Unit:
    """A member unit while the bloc's history is being drawn."""

    id: str
    name: str
    short: str
    joined: int | None
    left: int | None = None
    merged_into: str | None = None
    strength: float = 0.0  # latent performance that drifts year to year and drives scores
    staff: int = 20

    def active(self, year: int) -> bool:
        return (self.joined is None or self.joined <= year) and (
            self.left is None or year < self.left
        )


@dataclass(frozen=True)
class Size:
    """The parameters of one province."""

    blocs: int
    members: int
    years: int
    last_year: int
    seed: int

    @property
    def first_year(self) -> int:
        return self.last_year - self.years + 1


def without_marks(text: str) -> str:
    """Text without tone and vowel marks; đ is a letter of its own and stays."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", bare)


def ascii_fold(text: str) -> str:
    """Plain ASCII for ids: marks dropped and đ written d."""
    return without_marks(text).replace("đ", "d").replace("Đ", "D")


def initials(name: str) -> str:
    """Abbreviation as units write it: ``Ủy ban nhân dân huyện`` → ``UBNDH``, keeping Đ."""
    letters = [word[0] for word in name.replace("-", " ").replace(",", " ").split()]
    return without_marks("".join(letters).upper())


class NamePool:
    """Hands out unit names, ids and short names that are unique within one bloc."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: set[str] = set()
        self.ids: set[str] = set()
        self.shorts: set[str] = set()

    def new_unit(self, joined: int | None) -> Unit:
        name = self._name()
        base = ascii_fold(initials(name)).lower()
        unit_id, number = base, 1
        while unit_id in self.ids:
            number += 1
            unit_id = f"{base}-{number}"
        self.ids.add(unit_id)
        short = initials(name)
        if short in self.shorts or self.rng.random() < 0.2:
            short = ""  # short names are optional in bloc.toml
        else:
            self.shorts.add(short)
        return Unit(
            id=unit_id,
            name=name,
            short=short,
            joined=joined,
            strength=self.rng.gauss(0.0, 1.0),
            staff=self.rng.randint(8, 150),
        )

    def _name(self) -> str:
        for _ in range(1000):
            if self.rng.random() < 0.45:
                name = self.rng.choice(FIXED_UNITS)
            else:
                name = self.rng.choice(PLACE_UNITS).format(place=self.rng.choice(PLACES))
            if name not in self.names:
                self.names.add(name)
                return name
        raise RuntimeError("ran out of unit names; add names to the pools")


def draw_members(
    rng: random.Random, pool: NamePool, size: Size
) -> tuple[list[Unit], list[str], dict[str, int]]:
    """The bloc's units over the years, its rotation order, and each late joiner's first year.

    Every event keeps the number of active members at ``size.members``: two units merging
    into a new one (and another unit joining), or one unit leaving and another joining.
    """
    units = [pool.new_unit(joined=None) for _ in range(size.members)]
    order = [u.id for u in units]
    events = max(1, size.years // 10) + rng.randint(0, 1)
    candidates = range(size.first_year + 2, size.last_year + 1)
    event_years = sorted(rng.sample(candidates, k=min(events, len(candidates))))
    firsts: dict[str, int] = {}
    for year in event_years:
        settled = [u for u in units if u.active(year) and (u.joined is None or u.joined < year)]
        if len(settled) >= 4 and rng.random() < 0.5:
            first, second = rng.sample(settled, 2)
            successor = pool.new_unit(joined=year)
            for unit in (first, second):
                unit.left = year
                unit.merged_into = successor.id
            successor.strength = max(first.strength, second.strength)
            successor.staff = first.staff + second.staff
            # the successor takes the turn of the merged units, as in the sample bloc
            order.insert(max(order.index(first.id), order.index(second.id)) + 1, successor.id)
            units.append(successor)
            firsts[successor.id] = year
        else:
            rng.choice(settled).left = year
        newcomer = pool.new_unit(joined=year)
        order.insert(rng.randrange(len(order) + 1), newcomer.id)
        units.append(newcomer)
        firsts[newcomer.id] = year
    return units, order, firsts


def active_in_order(units: list[Unit], order: list[str], year: int) -> list[str]:
    by_id = {u.id: u for u in units}
    return [unit_id for unit_id in order if by_id[unit_id].active(year)]


def bloc_document(
    rng: random.Random, number: int, units: list[Unit], order: list[str], size: Size
) -> tuple[dict[str, Any], list[dict[str, Any]], bool]:
    """The top of bloc.toml, its [[leadership]] and [[excused]] tables, and whether it scores
    by criteria."""
    theme = BLOC_THEMES[(number - 1) % len(BLOC_THEMES)]
    name = f"Khối thi đua số {number} — {theme}"
    with_criteria = number % 3 == 0
    scoring: dict[str, Any] = {"min": 0, "max": 100}
    if with_criteria:
        scoring["criteria"] = [{"id": c, "name": n, "max": m} for c, n, m in CRITERIA]
    head: dict[str, Any] = {
        "schema": 1,
        "name": name,
        "organiser": ORGANISER,
        "province": PROVINCE,
        "rotation": {"policy": "circular", "order": order},
        "scoring": scoring,
        "documents": {
            "header": "party" if "Đảng" in theme else "state",
            "issuer": name,
            "place": PROVINCE,
            "recipient": RECIPIENT,
        },
    }
    first = active_in_order(units, order, size.first_year)
    leadership = [
        {
            "year": size.first_year,
            "chair": first[0],
            "vice_chair": first[1],
            "note": "Hội nghị thành lập Khối (dữ liệu giả lập)",
        }
    ]
    if number % 3 == 1 and size.years > 4:
        middle = size.first_year + size.years // 2
        chair, vice = rng.sample(active_in_order(units, order, middle), 2)
        leadership.append(
            {
                "year": middle,
                "chair": chair,
                "vice_chair": vice,
                "note": f"Hội nghị tổng kết năm {middle - 1} bầu lại lãnh đạo Khối",
            }
        )
    excused = []
    if number % 4 == 2:
        member = rng.choice(active_in_order(units, order, size.last_year))
        excused.append(
            {"member": member, "year": size.last_year, "reason": rng.choice(EXCUSE_REASONS)}
        )
    head["leadership"] = leadership
    return head, excused, with_criteria


def toml_key(key: str) -> str:
    """``key`` as tomli_w writes it (bare, or quoted when it must be)."""
    return tomli_w.dumps({key: 0}).rsplit(" = ", 1)[0]


def inline_table(table: Mapping[str, Any]) -> str:
    """``{ key = value, … }`` with every key and value written by tomli_w."""
    if not table:
        return "{}"
    items = (tomli_w.dumps({key: value}).strip() for key, value in table.items())
    return "{ " + ", ".join(items) + " }"


def section(header: str, table: Mapping[str, Any]) -> str:
    """A ``[header]`` section whose sub-tables are written inline, as people write them."""
    lines = [header]
    for key, value in table.items():
        if isinstance(value, Mapping):
            lines.append(f"{toml_key(key)} = {inline_table(value)}")
        else:
            lines.append(tomli_w.dumps({key: value}).rstrip("\n"))
    return "\n".join(lines) + "\n"


def write_bloc(folder: Path, number: int, size: Size) -> list[Path]:
    """Write one bloc folder; return the files written."""
    rng = random.Random(f"khoi-benchmark:{size.seed}:{number}")
    pool = NamePool(rng)
    units, order, firsts = draw_members(rng, pool, size)
    head, excused, with_criteria = bloc_document(rng, number, units, order, size)
    folder.mkdir(parents=True)
    written = []

    leadership = head.pop("leadership")
    parts = [
        f"# {head['name']} — tệp mô tả khối (bloc description file)\n"
        f"# Synthetic data generated by benchmarks/generate.py (seed {size.seed}); not real.\n\n",
        tomli_w.dumps(head),
    ]
    for unit in units:
        member: dict[str, Any] = {"id": unit.id, "name": unit.name}
        if unit.short:
            member["short"] = unit.short
        if unit.joined is not None:
            member["joined"] = unit.joined
        if unit.left is not None:
            member["left"] = unit.left
        if unit.merged_into is not None:
            member["merged_into"] = unit.merged_into
        parts.append("\n[[members]]\n" + tomli_w.dumps(member))
    for record in leadership:
        parts.append("\n[[leadership]]\n" + tomli_w.dumps(record))
    for excusal in excused:
        parts.append("\n[[excused]]\n" + tomli_w.dumps(excusal))
    bloc_file = folder / "bloc.toml"
    bloc_file.write_text("".join(parts), encoding="utf-8")
    written.append(bloc_file)

    decision = 100 + number * 7
    for year in range(size.first_year, size.last_year + 1):
        text, decision = results_text(rng, units, year, size, with_criteria, firsts, decision)
        path = folder / f"results-{year}.toml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def half_points(value: float, low: float = 0.0, high: float = 100.0) -> float:
    """A score rounded to half a point within the scoring range, as blocs write them."""
    return min(high, max(low, round(value * 2) / 2))


def rating_for(score: float) -> str:
    if score >= 94:
        return "excellent"
    if score >= 88:
        return "good"
    if score >= 75:
        return "done"
    return "failed"


def results_text(
    rng: random.Random,
    units: list[Unit],
    year: int,
    size: Size,
    with_criteria: bool,
    firsts: Mapping[str, int],
    decision: int,
) -> tuple[str, int]:
    """The results file of ``year`` and the next free decision number."""
    active = [u for u in units if u.active(year)]
    for unit in active:
        unit.strength = 0.85 * unit.strength + rng.gauss(0.0, 0.5)
    scores = {u.id: half_points(90 + 3.5 * u.strength + rng.gauss(0.0, 1.5), 60) for u in active}
    ranked = sorted(active, key=lambda u: (-scores[u.id], u.id))
    ballots = len(active)
    cotinh_seats = 1 if ballots <= 7 else 2 if ballots <= 12 else 3
    bkt_seats = max(1, ballots // 5)

    entries: dict[str, dict[str, Any]] = {}
    for place, unit in enumerate(ranked):
        score = scores[unit.id]
        entry: dict[str, Any] = {"score": score}
        if rng.random() < 0.9:
            entry["self_score"] = half_points(score + rng.choice((0, 0.5, 1.0, 1.5, 2.0)))
        discipline = "none"
        roll = rng.random()
        if roll < 0.02:
            discipline = "canh-cao"
        elif roll < 0.07:
            discipline = "khien-trach"
        rating = rating_for(score)
        if discipline == "canh-cao" and rating == "excellent":
            rating = "good"
        entry["rating"] = rating
        if discipline != "none":
            entry["discipline"] = discipline
            entry["discipline_note"] = "Một công chức bị kỷ luật trong năm (giả lập)"
        if with_criteria:
            entry["criteria"] = {c: half_points(m * score / 100, 0, m) for c, _, m in CRITERIA}
        if rng.random() < 0.9:
            unit.staff = max(1, unit.staff + rng.randint(-3, 3))
            staff: dict[str, Any] = {
                "count": unit.staff,
                "advanced_share": round(rng.uniform(0.45, 0.98), 2),
            }
            if rng.random() < 0.05:
                staff["all_completed"] = False
            staff["has_base_soldier"] = rng.random() < 0.8
            entry["staff"] = staff
        votes = _votes(rng, place, ballots, cotinh_seats, bkt_seats)
        if votes is not None:
            entry["votes"] = votes
        if firsts.get(unit.id) == year:
            entry["note"] = "Năm đầu tiên là thành viên của Khối"
        entries[unit.id] = entry

    conference = {
        "date": dt.date(year + 1, 1, rng.randint(5, 20)),
        "place": PROVINCE,
        "ballots": ballots,
        "attendees": ballots,
    }
    parts = [
        f"# Kết quả thi đua năm {year} (results of {year}) — dữ liệu giả lập, not real.\n\n",
        tomli_w.dumps({"schema": 1, "year": year}),
        "\n" + tomli_w.dumps({"conference": conference}),
    ]
    for unit_id, entry in entries.items():
        parts.append("\n" + section(f"[results.{unit_id}]", entry))
    if year < size.last_year:  # the year being proposed has no decisions yet
        granted, decision = _granted(rng, ranked, year, cotinh_seats, decision)
        for award in granted:
            parts.append("\n[[granted]]\n" + tomli_w.dumps(award))
    return "".join(parts), decision


def _votes(
    rng: random.Random, place: int, ballots: int, cotinh_seats: int, bkt_seats: int
) -> dict[str, int] | None:
    """Ballots a unit received, by award id; None when the secretariat did not record them."""
    if rng.random() < 0.03:
        return None
    if place == 0:
        return {"co-chinh-phu": ballots - rng.randint(0, 2)}
    if place <= cotinh_seats:
        votes = {"co-tinh": ballots - rng.randint(1, 4)}
        if place == 1 and rng.random() < 0.3:
            votes["bang-khen-thu-tuong"] = rng.randint(1, ballots)
        return votes
    if place <= cotinh_seats + bkt_seats:
        return {"bang-khen-tinh": rng.randint(ballots // 2, ballots)}
    if rng.random() < 0.2:
        return {"bang-khen-tinh": rng.randint(1, 2)}
    return {}


def _granted(
    rng: random.Random, ranked: list[Unit], year: int, cotinh_seats: int, decision: int
) -> tuple[list[dict[str, Any]], int]:
    """The awards decided in ``year + 1`` for ``year``'s results."""
    out = []
    day = dt.date(year + 1, 3, rng.randint(1, 28))
    for place, unit in enumerate(ranked[: cotinh_seats + 2]):
        if place == 0 and rng.random() < 0.2:
            award, issuer, suffix = "co-chinh-phu", "Thủ tướng Chính phủ", "QĐ-TTg"
        elif place < cotinh_seats:
            award, issuer, suffix = "co-tinh", "Chủ tịch UBND tỉnh", "QĐ-UBND"
        elif rng.random() < 0.6:
            award, issuer, suffix = "bang-khen-tinh", "Chủ tịch UBND tỉnh", "QĐ-UBND"
        else:
            continue
        out.append(
            {
                "member": unit.id,
                "award": award,
                "decision": f"Quyết định số {decision}/{suffix}",
                "date": day,
                "issuer": issuer,
            }
        )
        decision += 1
    return out, decision


def generate(out: Path, size: Size) -> dict[str, Any]:
    """Write the province to ``out`` (replacing a province this script made there)."""
    if out.exists():
        if not (out / MANIFEST).exists():
            raise SystemExit(f"{out} exists and was not made by this script; not replacing it")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    files = []
    for number in range(1, size.blocs + 1):
        files.extend(write_bloc(out / f"khoi-{number:03d}", number, size))
    manifest = {
        "blocs": size.blocs,
        "members": size.members,
        "years": size.years,
        "first_year": size.first_year,
        "last_year": size.last_year,
        "seed": size.seed,
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def matches(out: Path, size: Size) -> bool:
    """Whether ``out`` already holds the province of ``size`` (generation is deterministic)."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    wanted = {
        "blocs": size.blocs,
        "members": size.members,
        "years": size.years,
        "last_year": size.last_year,
        "seed": size.seed,
    }
    return all(manifest.get(key) == value for key, value in wanted.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blocs", type=int, default=DEFAULT_BLOCS, help="number of blocs")
    parser.add_argument("--members", type=int, default=DEFAULT_MEMBERS, help="members per bloc")
    parser.add_argument("--years", type=int, default=DEFAULT_YEARS, help="years of results")
    parser.add_argument("--last-year", type=int, default=DEFAULT_LAST_YEAR, help="latest year")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    args = parser.parse_args(argv)
    if args.members < 4 or args.blocs < 1 or args.years < 1:
        parser.error("need at least 1 bloc, 4 members and 1 year")
    if args.last_year - args.years + 1 < 1945:
        parser.error("khoi reads years from 1945 on: use fewer --years or a later --last-year")
    size = Size(args.blocs, args.members, args.years, args.last_year, args.seed)
    manifest = generate(args.out, size)
    print(
        f"wrote {manifest['files']} files ({manifest['bytes'] / 1e6:.1f} MB) for "
        f"{size.blocs} blocs × {size.members} members × {size.years} years "
        f"({size.first_year}–{size.last_year}) to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
