"""Finding a bloc member however it was typed: id, short name, full name or a fragment of it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

from khoi_thidua.collation import sort_key
from khoi_thidua.errors import UsageError
from khoi_thidua.folding import bare_letters
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Member
from khoi_thidua.records import record

# Whitespace and every kind of dash: "cơ quan - doanh nghiệp" and "cơ quan–doanh nghiệp" fold
# to the same words.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")

# How many close names an unknown query suggests, and how close they must be (difflib ratio).
MAX_SUGGESTIONS = 3
SUGGESTION_CUTOFF = 0.6


class MemberLookupError(UsageError):
    """A member query that names no member, or several; ``candidates`` are the ones to offer."""

    def __init__(self, message: str, hint: str, query: str, candidates: tuple[Member, ...]) -> None:
        super().__init__(message, hint)
        self.query = query
        self.candidates = candidates


class AmbiguousMemberError(MemberLookupError):
    """The query matches several members; ``candidates`` are all of them."""


class UnknownMemberError(MemberLookupError):
    """The query matches no member; ``candidates`` are close suggestions (maybe none)."""


def fold(text: str) -> str:
    """``text`` reduced for matching: no diacritics, đ as d, casefolded, dashes as spaces.

    "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh" → "dang uy khoi cac co quan doanh nghiep tinh".
    """
    return _SEPARATORS.sub(" ", bare_letters(text)).strip()


def initials(text: str) -> str:
    """The first letter of each folded word: "Ban Nội chính Tỉnh ủy" → "bnctu"."""
    return "".join(word[0] for word in fold(text).split())


@record
class MemberMatch:
    """The member a query named, and the rule that matched it."""

    member: Member
    how: str  # "id", "id-case", "name", "fragment" or "initials"

    @property
    def exact(self) -> bool:
        """True when the query was the member's id, short name or full name."""
        return self.how in {"id", "id-case", "name"}


def find_member(msgs: Messages, members: Sequence[Member], query: str) -> Member:
    """The one member ``query`` names; see ``match_member`` for the rules and errors."""
    return match_member(msgs, members, query).member


def match_member(msgs: Messages, members: Sequence[Member], query: str) -> MemberMatch:
    """The one member ``query`` names and how, trying these rules in order; the first rule that
    matches anything decides:

    1. ``id``: the id, exactly; 2. ``id-case``: the id, ignoring case; 3. ``name``: the short or
    the full name, ignoring case, diacritics, đ/d, dashes and NFC/NFD; 4. ``fragment``: a part of
    the full name that starts at a word ("noi chinh", "Nội ch"); 5. ``initials``: a prefix of the
    initials of the full name ("bnc" for Ban Nội chính Tỉnh ủy).

    Raises ``AmbiguousMemberError`` when the deciding rule matches several members, and
    ``UnknownMemberError`` with close suggestions when no rule matches; both are ``UsageError``
    (exit code 64), worded in the language of ``msgs``.

    Which members to pass is the caller's choice: ``bloc.members_in(year)`` settles fragments
    shared across years ("tuyen giao" is btg to 2024, btgdv from 2025), but there the id "btg"
    of a board that left is no id any more and its initials find "btgdv"; pass ``bloc.members``
    first when the query may be an id of a former member.
    """
    wanted = query.strip()
    folded = fold(wanted)
    if not folded:
        raise UsageError(
            msgs.t("no member given"), msgs.t("give a member's id, short name or name")
        )
    rules: tuple[tuple[str, Callable[[Member], bool]], ...] = (
        ("id", lambda m: m.id == wanted),
        ("id-case", lambda m: m.id.casefold() == wanted.casefold()),
        ("name", lambda m: folded in {fold(m.name), fold(m.short)}),
        ("fragment", lambda m: f" {folded}" in f" {fold(m.name)}"),
        # Initials help where a member has no short name, or where people abbreviate otherwise
        # than the file ("bnc", "vptu" for Văn phòng Tỉnh ủy). They could confuse: a query meant
        # as something else may happen to begin some name's initials. So they come last, never
        # beat an id, a name or a fragment (a one-letter query is always a fragment of its own
        # name, so never reaches them), must match a single member (several stop with the
        # list), and the match says it came from initials so the CLI can show how it read it.
        ("initials", lambda m: initials(m.name).startswith(folded)),
    )
    for how, rule in rules:
        found = tuple(m for m in members if rule(m))
        if len(found) == 1:
            return MemberMatch(found[0], how)
        if found:
            raise _ambiguous(msgs, query, found)
    raise _unknown(msgs, query, members)


def suggest_members(members: Sequence[Member], query: str) -> tuple[Member, ...]:
    """Members whose id, short or full name is close to ``query`` (folded), closest first."""
    keys: dict[str, list[Member]] = {}
    for member in members:
        for key in {fold(member.id), fold(member.short), fold(member.name)}:
            if key:
                keys.setdefault(key, []).append(member)
    close = difflib.get_close_matches(
        fold(query), list(keys), n=len(keys), cutoff=SUGGESTION_CUTOFF
    )
    chosen: list[Member] = []
    for key in close:
        for member in keys[key]:
            if member not in chosen:
                chosen.append(member)
    return tuple(chosen[:MAX_SUGGESTIONS])


def _describe(members: Sequence[Member]) -> str:
    return ", ".join(f"{m.id} ({m.name})" for m in members)


def _alphabetical(members: Sequence[Member]) -> tuple[Member, ...]:
    return tuple(sorted(members, key=lambda m: sort_key(m.name)))


def _ambiguous(msgs: Messages, query: str, found: tuple[Member, ...]) -> AmbiguousMemberError:
    message = msgs.t(
        "'{query}' matches {count} members: {members}",
        query=query,
        count=len(found),
        members=_describe(_alphabetical(found)),
    )
    hint = msgs.t(
        "use the member's id: {ids}", ids=msgs.t(" or ").join(m.id for m in _alphabetical(found))
    )
    return AmbiguousMemberError(message, hint, query, found)


def _unknown(msgs: Messages, query: str, members: Sequence[Member]) -> UnknownMemberError:
    close = suggest_members(members, query)
    message = msgs.t("no member matches '{query}'", query=query)
    if close:
        hint = msgs.t(
            "did you mean {members}? (`khoi members` lists every id)", members=_describe(close)
        )
    else:
        hint = msgs.t("`khoi members` lists every member's id and name")
    return UnknownMemberError(message, hint, query, close)
