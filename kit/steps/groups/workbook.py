"""The working groups' sheets of the report's workbook: the wishes as totals per theme,
then the groups, their members and actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._xlsx import Sheet

if TYPE_CHECKING:
    from kit.core.sheets import Rows
    from kit.workshop import Workshop


def workbook_sheets(workshop: Workshop, rows: Rows, language: str) -> list[Sheet]:
    from kit.steps.groups.report import groups_frames

    L = language
    themes = {th["id"]: th["label"] for th in rows["themes"]}
    out = [preferences_sheet(rows["preferences"], themes, L)]
    dates = (t("action.due", L), t("group.first_meeting", L))
    for name, frame in groups_frames(workshop, L).items():
        columns = [str(c) for c in frame.columns]
        out.append(Sheet(name, columns,
                         [list(r) for r in frame.itertuples(index=False, name=None)],
                         frozenset(i for i, c in enumerate(columns) if c in dates)))
    return out


def preferences_sheet(preferences: list[dict[str, object]], themes: dict[object, str],
                      language: str) -> Sheet:
    """The group wishes as totals per theme: how many put it 1st, 2nd, 3rd or "not this
    one" (never who)."""
    L = language
    ranks = (1, 2, 3, 0)
    counts = {th: dict.fromkeys(ranks, 0) for th in themes}
    for p in preferences:
        if p["theme_id"] in counts and p["rank"] in ranks:
            counts[p["theme_id"]][p["rank"]] += 1
    return Sheet(t("xl.preferences_total", L),
                 [t("xl.theme", L), *(t(f"preference.rank_{r}", L) if r else
                                      t("preference.not_this", L) for r in ranks)],
                 [[label, *(counts[th][r] for r in ranks)] for th, label in themes.items()
                  if any(counts[th].values())])
