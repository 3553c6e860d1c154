"""Evaluates one award condition for one unit; the kinds themselves live in awards/kinds/."""

from __future__ import annotations

from khoi_thidua.awards.kinds.base import ConditionCheck, Facts, check
from khoi_thidua.awards.kinds.shares import threshold

__all__ = ["ConditionCheck", "Facts", "check", "threshold"]
