"""Names shown to people are sorted in Vietnamese alphabetical order wherever khoi sorts them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from builders import REPO_DATA, SAMPLE_BLOC_ID, Invoke

ALPHABETICAL_IDS = ["bdv", "bnc", "btc", "btg", "btgdv", "dukcq", "tct", "ubkt", "vptu"]


def test_members_sorted_by_name(sample_data: Path, khoi: Invoke) -> None:
    """`members --sort name` follows the Vietnamese alphabet: Đ after D, Ủ before V."""
    result = khoi("members", "2025", "--sort", "name", "--json", "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    ids = [m["id"] for m in json.loads(result.stdout)["members"]]
    assert ids == ALPHABETICAL_IDS
    naive = sorted(ALPHABETICAL_IDS, key=lambda i: _names(sample_data)[i])
    assert ids != naive  # plain code-point order would put Đảng ủy and Ủy ban last


def test_members_default_to_rotation_order(sample_data: Path, khoi: Invoke) -> None:
    """Without --sort the members come in the rotation order of bloc.toml."""
    result = khoi("members", "2025", "--json", "--data", str(sample_data))
    ids = [m["id"] for m in json.loads(result.stdout)["members"]]
    assert ids == ["btc", "dukcq", "tct", "bnc", "btg", "btgdv", "bdv", "ubkt", "vptu"]


def test_summary_lists_blocs_alphabetically(tmp_path: Path, khoi: Invoke) -> None:
    """The province summary lists blocs by Vietnamese name, not by folder id."""
    root = tmp_path / "p"
    names = {
        "a-van-hoa": "Khối thi đua Văn hóa - Xã hội",
        "b-dang": "Khối thi đua Đảng",
        "c-doanh": "Khối thi đua Doanh nghiệp",
    }
    for bloc_id, name in names.items():
        shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, root / bloc_id)
        path = root / bloc_id / "bloc.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace('name = "Khối thi đua Ban, đơn vị, cơ quan Đảng"', f'name = "{name}"', 1),
            encoding="utf-8",
        )
    result = khoi("summary", "2021", "--json", "--data", str(root))
    assert result.exit_code == 0, result.stderr
    order = [b["bloc"]["id"] for b in json.loads(result.stdout)["blocs"]]
    assert order == ["c-doanh", "b-dang", "a-van-hoa"]


def test_ambiguous_member_candidates_are_alphabetical(sample_data: Path, khoi: Invoke) -> None:
    """An ambiguous name lists its candidates in Vietnamese alphabetical order."""
    result = khoi("propose", "2021", "--explain", "Ban", "--data", str(sample_data))
    assert result.exit_code == 64
    message = result.stderr
    positions = [message.index(f"{i} (") for i in ("bdv", "bnc", "btc", "btg")]
    assert positions == sorted(positions)


def _names(data: Path) -> dict[str, str]:
    import tomllib

    doc = tomllib.loads((data / SAMPLE_BLOC_ID / "bloc.toml").read_text(encoding="utf-8"))
    return {m["id"]: m["name"] for m in doc["members"]}
