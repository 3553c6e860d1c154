"""Builders for plan-YYYY.toml documents used by the plan and scoring tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from khoi_thidua.model import Bloc, Member


def plan_bloc(ids: tuple[str, ...] = ("a", "b", "c", "d")) -> Bloc:
    """A bloc of ``ids`` in that order, every member active every year."""
    return Bloc(
        id="khoi-thu",
        name="Khối thi đua thử nghiệm",
        organiser="Ủy ban nhân dân tỉnh",
        members=tuple(Member(i, f"Ban {i.upper()}") for i in ids),
        order=ids,
    )


def plan_doc(year: int = 2022, **changes: Any) -> dict[str, Any]:
    """A valid plan for a four-member bloc (a, b, c, d): 100 points in two groups."""
    doc: dict[str, Any] = {
        "schema": 1,
        "year": year,
        "dates": {"pledge": "2022-01-07", "mid_year": "2022-07-15"},
        "method": {"final": "agreed"},
        "groups": [
            {
                "id": "I",
                "name": "Nhiệm vụ chính trị",
                "criteria": [
                    {"id": "nhiem-vu", "name": "Kết quả nhiệm vụ", "max": 60},
                    {"id": "tham-muu", "name": "Tham mưu", "max": 20},
                ],
            },
            {
                "id": "II",
                "name": "Xây dựng Đảng",
                "criteria": [{"id": "dang", "name": "Tổ chức đảng", "max": 20}],
            },
        ],
        "bonus": {"limit": 5, "items": [{"id": "sang-kien", "name": "Sáng kiến", "max": 3}]},
        "penalty": {"limit": 10, "items": [{"id": "cham", "name": "Báo cáo chậm", "max": 2}]},
        "disqualifying": [
            {"id": "ky-luat", "name": "Bị kỷ luật", "effect": "cap", "cap": "good"},
            {"id": "vi-pham", "name": "Vi phạm nghiêm trọng", "effect": "exclude"},
        ],
        "cross": {"a": ["b", "c", "d"], "b": ["c", "d", "a"], "c": ["d", "a", "b"]},
        "pledge": {
            "contents": ["Thực hiện tốt nhiệm vụ được giao."],
            "targets": [{"id": "t1", "text": "100% nhiệm vụ", "criterion": "nhiem-vu"}],
        },
    }
    doc.update(changes)
    if "dates" in doc and doc["dates"] is not None:
        doc["dates"] = {
            k: dt.date.fromisoformat(v) if isinstance(v, str) else v
            for k, v in doc["dates"].items()
        }
    return {k: v for k, v in doc.items() if v is not None}
