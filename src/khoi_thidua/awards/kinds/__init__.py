"""The condition registry: each kind of condition is one class, listed here once."""

from __future__ import annotations

from khoi_thidua.awards.kinds.any_of import AnyOf
from khoi_thidua.awards.kinds.base import ConditionSpec
from khoi_thidua.awards.kinds.history import ConsecutiveYears, PriorAwards
from khoi_thidua.awards.kinds.leads import LeadsBloc
from khoi_thidua.awards.kinds.simple import MaxRank, MinRating, MinScore, NoDiscipline
from khoi_thidua.awards.kinds.staff import Staff
from khoi_thidua.awards.kinds.votes import MinVoteShare

KINDS: dict[str, type[ConditionSpec]] = {
    spec.kind: spec
    for spec in (
        MinRating,
        MaxRank,
        NoDiscipline,
        MinVoteShare,
        MinScore,
        ConsecutiveYears,
        PriorAwards,
        Staff,
        AnyOf,
        LeadsBloc,
    )
}
CONDITION_KINDS = tuple(KINDS)
