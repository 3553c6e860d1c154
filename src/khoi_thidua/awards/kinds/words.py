"""Words shared by the condition kinds' explanations: shares, scores, ratings, award names."""

from __future__ import annotations

from fractions import Fraction

from khoi_thidua.awards.kinds.base import PackView
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Rating
from khoi_thidua.numbers import format_number, format_percent


def threshold_text(msgs: Messages, share: Fraction | float) -> str:
    """A share a rule asks for, with the places it was written with (50%, 66.67%)."""
    value = float(share)
    percent = round(value * 100, 2)
    places = 0 if percent == int(percent) else 1 if round(percent, 1) == percent else 2
    return format_percent(value, msgs.language, places)


def share_text(msgs: Messages, share: float) -> str:
    """A share the data shows (75%, 12.5%, 66.7%)."""
    return format_percent(share, msgs.language)


def score_text(msgs: Messages, value: float) -> str:
    """A score with at least one decimal: 97.0, 98.5, 97.25 (97,0 · 98,5 in Vietnamese)."""
    places = 1 if round(value, 1) == value else 2
    return format_number(value, msgs.language, places)


def rating_label(value: Rating) -> str:
    return value.label_vi


def rated(msgs: Messages, value: Rating) -> str:
    return msgs.t("rated “{rating}”", rating=value.label_vi)


def award_name(pack: PackView, award_id: str) -> str:
    try:
        return pack.award(award_id).name
    except KeyError:
        return award_id


def award_names(msgs: Messages, pack: PackView, award_ids: tuple[str, ...]) -> str:
    return msgs.t(" or ").join(award_name(pack, a) for a in award_ids)
