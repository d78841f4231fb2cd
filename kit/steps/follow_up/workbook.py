"""The follow-up's sheets of the report's workbook: the fora with their terms and
agreement, and their members."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._xlsx import Sheet, heads, sector_word

if TYPE_CHECKING:
    from kit.core.sheets import Rows
    from kit.workshop import Workshop


def workbook_sheets(workshop: Workshop, rows: Rows, language: str) -> list[Sheet]:
    L = language
    from kit.steps.follow_up.store import member_key

    fora = {f["id"]: f["name"] for f in rows["fora"]}
    keys = [member_key(m) for m in rows["forum_members"]]
    coordinator = {m["forum_id"]: k for m, k in zip(rows["forum_members"], keys, strict=True)
                   if m["coordinator"]}
    members = workshop.follow_up.member_sectors(keys)
    fields = ("purpose", "tasks", "mandate", "composition", "meeting_frequency",
              "duties_kommune", "duties_civilsamfund", "contact_kommune",
              "contact_civilsamfund", "response_time", "contact_how", "influence")
    return [Sheet(t("xl.fora", L),
                  [*heads(L, "name", "kind"), t("group.coordinator", L),
                   *(t(f"terms.{f}", L) if f in fields[:5] else t(f"agreement.{f}", L)
                     for f in fields)],
                  [[f["name"], t(f"forum_kind.{_kind_key(f['kind'])}", L),
                    members.get(coordinator.get(f["id"], ""), ("",))[0],
                    *(f[x] for x in fields)] for f in rows["fora"]]),
            Sheet(t("xl.forum_members", L), heads(L, "forum", "name", "sector", "kind"),
                  [[fora.get(m["forum_id"], ""), *_member(members, k, L)]
                   for m, k in zip(rows["forum_members"], keys, strict=True)])]


def _kind_key(kind: object) -> str:
    from kit.steps.follow_up.model import ForumKind

    return ForumKind(str(kind)).key.split(".", 1)[1]


def _member(members: dict[str, tuple[str, str, str]], key: str, L: str) -> list[str]:
    from kit.organisation import kind_label

    name, sector, kind = members.get(key, ("", "", ""))
    return [name, sector_word(sector, L), kind_label(kind, L) if kind else
            t("org.participant", L).capitalize()]
