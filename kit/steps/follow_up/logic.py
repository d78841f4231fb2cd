"""The local organisation after the workshop, pure: whether a forum's members fit what the
forum is for (equal steering, broad dialogue, both sides in a working group, refugees in
the room). Findings are catalog keys with parameters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kit.core.model import Finding, Sector
from kit.model import ActorKind
from kit.steps.follow_up.model import ForumKind


# -- fora and their representation -------------------------------------------------------
def check_forum(kind: ForumKind | str, sectors: Iterable[str],
                kinds: Iterable[str] = (), refugee_background: int = 0) -> list[Finding]:
    """Whether a forum's members fit its purpose. `sectors`: one per member; `kinds`: the
    actor kinds among its members (for the breadth of a network group);
    `refugee_background`: how many members came as refugees and volunteer — counted in
    their sector (civil society) and as refugees in the forum."""
    kind = ForumKind(kind)
    count = Counter(str(s) for s in sectors)
    k, c, f = (count.get(s.value, 0) for s in Sector)
    out = []
    if k + c + f == 0:
        return [Finding("forum.empty")]
    if kind is ForumKind.KOORDINERINGSFORUM and abs(k - c) > 1:
        out.append(Finding("forum.unequal", {"kommune": k, "civilsamfund": c}))
    if kind is ForumKind.NETVAERKSGRUPPE:
        breadth = len({x for x in kinds if x != ActorKind.FORVALTNING.value})
        if c <= k:
            out.append(Finding("forum.network_municipal", {"kommune": k, "civilsamfund": c}))
        if breadth < 3:
            out.append(Finding("forum.network_narrow", {"n": breadth}))
    if kind is ForumKind.ARBEJDSGRUPPE and (k == 0 or c == 0):
        out.append(Finding("forum.one_sided"))
    if f == 0 and refugee_background == 0:
        out.append(Finding("forum.no_refugees"))
    return out


# -- the agreement's period ----------------------------------------------------------------
AGREEMENT_DATES = ("start", "end", "review")
"""The partnership agreement's dates (`PartnershipState.agreement_<name>`), in order."""


def agreement_gaps(start: str, end: str, review: str) -> list[str]:
    """Which of the agreement's dates (`AGREEMENT_DATES`) are not agreed yet."""
    given = {"start": start, "end": end, "review": review}
    return [name for name in AGREEMENT_DATES if not given[name]]
