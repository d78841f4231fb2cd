"""The report's workbook: every table of the workshop as a sheet people can read — sheet
names and headers in the report's language, names of themes, participants and actors instead
of ids, codes in words, dates as dates — plus the two vote tallies and the activity overview.

It is meant to be sent, so it holds no individual choice: the dots and the group wishes are
totals per theme and sector, and nobody's screen language or wish to coordinate is named
(the language a phone used is a proxy for nationality, which the kit never asks). Those
stay in the store, for analysts through `workshop.frames()`, and in `internal_workbook`,
marked internal on its first sheet and in its file name.

Machine-readable data with the contract's names is `kit export` (`kit.exchange`); this is the
workbook a coordinator opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.reports._xlsx import Sheet, as_date, heads, sector_word, workbook, yes_no
from kit.steps import Step, registry

if TYPE_CHECKING:
    from kit.workshop import Workshop


def report_sheets(workshop: Workshop, language: str = "da",
                  steps: tuple[Step, ...] | None = None) -> list[Sheet]:
    """The sheets of the report's workbook, in reading order: the workshop and who took
    part, then each step's own in the registry's order (its `workbook` part; the exported
    rows are read once for all)."""
    L = language
    rows = workshop.rows()
    state = workshop.state()
    out = [Sheet(t("xl.workshop", L), heads(L, "field", "value"), [
        [t("xl.title", L), state.title], [t("xl.municipality", L), state.municipality],
        [t("xl.date", L), as_date(state.date)], [t("xl.code", L), state.code],
        [t("xl.phase", L), t(f"phase.{state.phase}", L)]])]
    out.append(Sheet(t("xl.participants", L), heads(L, "name", "sector", "organisation"),
                     [[p["name"], sector_word(p["sector"], L), p["organisation"]]
                      for p in rows["participants"]]))
    for step in registry(steps):
        if step.workbook is not None:
            out += step.workbook()(workshop, rows, L)
    return out


def internal_sheets(workshop: Workshop, language: str = "da") -> list[Sheet]:
    """The individual answers, for analysts only: a first sheet saying so, then each
    participant with their screen language and wish to coordinate, each one's dots, each
    one's group wishes and who put each card on the timeline."""
    L = language
    rows = workshop.rows()
    people = {p["id"]: p for p in rows["participants"]}
    themes = {th["id"]: th["label"] for th in rows["themes"]}

    def person(pid: object) -> str:
        return str(people[pid]["name"]) if pid in people else ""

    def sector(pid: object) -> str:
        value = people.get(pid, {}).get("sector")
        return t(f"sector.{value}", L) if value else ""

    def h(*keys: str) -> list[str]:
        return [t(f"xl.{k}", L) for k in keys]

    state = workshop.state()
    return [
        Sheet(t("xl.internal", L), [t("xl.internal_head", L)],
              [[line] for line in t("xl.internal_about", L, title=state.title).splitlines()]),
        Sheet(t("xl.participants", L),
              h("name", "sector", "organisation", "language", "volunteer"),
              [[p["name"], sector(p["id"]), p["organisation"],
                t("language.name", str(p["language"] or "da")), yes_no(p["volunteer"], L)]
               for p in rows["participants"]]),
        Sheet(t("xl.votes", L), h("participant", "sector", "theme", "dots"),
              [[person(v["participant_id"]), sector(v["participant_id"]),
                themes.get(v["theme_id"], ""), v["dots"]] for v in rows["votes"]]),
        Sheet(t("xl.preferences", L), h("participant", "theme", "preference"),
              [[person(p["participant_id"]), themes.get(p["theme_id"], ""),
                t(f"preference.rank_{p['rank']}", L) if p["rank"] else
                t("preference.not_this", L)] for p in rows["preferences"]]),
        Sheet(t("xl.cards", L), h("activity", "owner", "added_by"),
              [[c["title"], c["owner"], person(c["participant_id"])] for c in rows["cards"]]),
    ]


def internal_workbook(workshop: Workshop, language: str = "da") -> bytes:
    """The individual answers as .xlsx bytes, marked internal (see `internal_sheets`); its
    file name says so too (`file_name("internal", ...)`)."""
    state = workshop.state()
    return workbook(internal_sheets(workshop, language), state.municipality,
                    f"{t('xl.internal', language)} – {state.title}")


def report_workbook(workshop: Workshop, language: str = "da") -> bytes:
    """The report's workbook as .xlsx bytes (see the module's docstring)."""
    state = workshop.state()
    return workbook(report_sheets(workshop, language), state.municipality, state.title)
