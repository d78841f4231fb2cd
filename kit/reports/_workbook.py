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

from typing import TYPE_CHECKING, Any

from kit.i18n import t
from kit.reports._xlsx import Sheet, as_date, workbook

if TYPE_CHECKING:
    from kit.workshop import Workshop


def _yes(value: object, L: str) -> str:
    return t("xl.yes" if value in (True, "true", 1) else "xl.no", L)


def report_sheets(workshop: Workshop, language: str = "da") -> list[Sheet]:
    """The sheets of the report's workbook, in reading order."""
    import pandas as pd

    from kit.steps.groups.report import groups_frames
    from kit.steps.prepare.report import kind_label
    from kit.steps.timeline.findings import overview_sheet
    from kit.steps.voting.logic import tally

    L = language
    rows = workshop.rows()
    state = workshop.state()
    themes = {th["id"]: th["label"] for th in rows["themes"]}

    def sector(value: object) -> str:
        return t(f"sector.{value}", L) if value else ""

    def h(*keys: str) -> list[str]:
        return [t(f"xl.{k}", L) for k in keys]

    out = [Sheet(t("xl.workshop", L), h("field", "value"), [
        [t("xl.title", L), state.title], [t("xl.municipality", L), state.municipality],
        [t("xl.date", L), as_date(state.date)], [t("xl.code", L), state.code],
        [t("xl.phase", L), t(f"phase.{state.phase}", L)]])]
    out.append(Sheet(t("xl.participants", L), h("name", "sector", "organisation"),
                     [[p["name"], sector(p["sector"]), p["organisation"]]
                      for p in rows["participants"]]))
    out.append(Sheet(t("xl.actors", L), h("name", "kind", "sector", "contact", "remarks"),
                     [[a["name"], kind_label(str(a["kind"]), L), sector(a["sector"]),
                       a["contact"], a["remarks"]] for a in rows["actors"]]))
    out.append(Sheet(t("xl.cards", L),
                     h("activity", "owner", "sector", "category", "from_week", "to_week",
                       "description"),
                     [[c["title"], c["owner"], sector(c["sector"]),
                       t(f"category.{c['category']}", L), c["start_week"], c["end_week"],
                       c["description"]] for c in rows["cards"]]))
    out.append(overview_sheet(workshop.timeline.cards(), L))
    per_theme: dict[Any, int] = {}
    for i in rows["ideas"]:
        per_theme[i["theme_id"]] = per_theme.get(i["theme_id"], 0) + 1
    out.append(Sheet(t("xl.ideas", L), h("idea", "question", "theme"),
                     [[i["text"], t(f"idea.{i['prompt']}", L), themes.get(i["theme_id"], "")]
                      for i in rows["ideas"]]))
    out.append(Sheet(t("xl.themes", L),
                     h("theme", "idea_count", "candidate", "chosen", "needs", "use_each_other",
                       "team"),
                     [[th["label"], per_theme.get(th["id"], 0), _yes(th["selected"], L),
                       _yes(th["chosen"], L), th["needs"], th["use_each_other"], th["team"]]
                      for th in rows["themes"]]))
    votes = pd.DataFrame(rows["votes"], columns=["participant_id", "theme_id", "dots"])
    who = pd.DataFrame(rows["participants"], columns=["id", "sector"])
    for key, weighting in (("tally_raw", "none"), ("tally_sector", "sector")):
        result = tally(votes, who, weighting=weighting)  # type: ignore[arg-type]
        out.append(Sheet(t(f"xl.{key}", L),
                         [*h("rank", "theme", "score"),
                          *(t(f"sector.{s}", L) for s in ("kommune", "civilsamfund",
                                                          "flygtning"))],
                         [[int(r["rank"]), themes.get(r["theme_id"], ""),
                           round(float(r["score"]), 1), int(r["kommune"]),
                           int(r["civilsamfund"]), int(r["flygtning"])]
                          for r in result.to_dict("records")]))
    out.append(preferences_sheet(rows["preferences"], themes, L))
    dates = (t("action.due", L), t("group.first_meeting", L))
    for name, frame in groups_frames(workshop, L).items():
        columns = [str(c) for c in frame.columns]
        out.append(Sheet(name, columns,
                         [list(r) for r in frame.itertuples(index=False, name=None)],
                         frozenset(i for i, c in enumerate(columns) if c in dates)))
    fora = {f["id"]: f["name"] for f in rows["fora"]}
    members = workshop.follow_up.member_sectors([m["member"] for m in rows["forum_members"]]
                                                 + [f["coordinator"] for f in rows["fora"]
                                                    if f["coordinator"]])
    fields = ("purpose", "tasks", "mandate", "composition", "meeting_frequency",
              "duties_kommune", "duties_civilsamfund", "contact_kommune",
              "contact_civilsamfund", "response_time", "contact_how", "influence")
    out.append(Sheet(t("xl.fora", L),
                     [*h("name", "kind"), t("group.coordinator", L),
                      *(t(f"terms.{f}", L) if f in fields[:5] else t(f"agreement.{f}", L)
                        for f in fields)],
                     [[f["name"], t(f"forum_kind.{_kind_key(f['kind'])}", L),
                       members.get(f["coordinator"] or "", ("",))[0],
                       *(f[x] for x in fields)] for f in rows["fora"]]))
    out.append(Sheet(t("xl.forum_members", L), h("forum", "name", "sector", "kind"),
                     [[fora.get(m["forum_id"], ""), *_member(members, m["member"], L)]
                      for m in rows["forum_members"]]))
    return out


def _kind_key(kind: object) -> str:
    from kit.steps.follow_up.model import ForumKind

    return ForumKind(str(kind)).key.split(".", 1)[1]


def _member(members: dict[str, tuple[str, str, str]], key: str, L: str) -> list[str]:
    from kit.steps.prepare.report import kind_label

    name, sector, kind = members.get(key, ("", "", ""))
    return [name, t(f"sector.{sector}", L) if sector else "", kind_label(kind, L) if kind else
            t("org.participant", L).capitalize()]


def preferences_sheet(preferences: list[dict[str, Any]], themes: dict[Any, str],
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
                t("language.name", str(p["language"] or "da")), _yes(p["volunteer"], L)]
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
