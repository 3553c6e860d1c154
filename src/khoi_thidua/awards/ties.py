"""Ties at an award's quota boundary, and the seats of lower awards kept for their units."""

from __future__ import annotations

from khoi_thidua.records import record


@record
class Tie:
    """Units tied at an award's quota boundary; the seats left are for the conference."""

    award: str
    rank: int
    members: tuple[str, ...]
    seats_left: int


@record
class HeldSeats:
    """Seats of ``award`` kept for the units of unsettled ties for higher awards: the units the
    conference does not choose there must still be able to take this award."""

    award: str
    for_awards: tuple[str, ...]  # the higher awards whose ties are unsettled
    members: tuple[str, ...]  # the tied units that qualify for ``award``
    seats: int  # how many seats are kept
