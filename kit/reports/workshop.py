"""The whole outcome of a workshop, for the coordinator and for management: every table as
one workbook, and one report — participants per sector, the timeline and its findings,
themes with their notes, the vote raw and sector-balanced, groups with coordinators and terms
of reference, actions, the local organisation — as Word and as HTML.

The report is built once as a list of blocks (heading, paragraph, table, figure) and then
written out twice, so the Word and the HTML versions always say the same.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.core.model import Sector
from kit.i18n import t
from kit.reports._docx import grid, to_bytes
from kit.steps.groups.model import TERMS
from kit.steps.timeline.model import Verdict

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from kit.core import Workshop

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Block:
    kind: str  # title | h1 | p | table | figure
    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    png: bytes = b""


def png_bytes(fig: Figure, dpi: int = 110) -> bytes:
    """A matplotlib figure as PNG (for documents, the HTML report and the apps)."""
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()


def report_workbook(workshop: Workshop) -> bytes:
    """Every exchange table as a sheet (the same columns as `kit export`), plus the vote
    tallies and the activity overview."""
    import pandas as pd

    from kit.steps.timeline.findings import cards_frame
    from kit.steps.timeline.logic import activity_overview
    from kit.steps.voting.logic import tally

    frames = workshop.frames()
    frames["tally_raw"] = tally(frames["votes"], frames["participants"])
    frames["tally_sector"] = tally(frames["votes"], frames["participants"], weighting="sector")
    frames["activity_overview"] = activity_overview(cards_frame(workshop.timeline.cards()))
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for sheet, frame in frames.items():
            frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    return out.getvalue()


def report_blocks(workshop: Workshop, language: str = "da",
                  progress: Progress | None = None) -> list[Block]:
    """The report's content, section by section."""
    import pandas as pd

    from kit.steps.follow_up.logic import check_forum
    from kit.steps.follow_up.report import organisation_figure
    from kit.steps.prepare.logic import recommend, register_overview
    from kit.steps.prepare.report import actor_map
    from kit.steps.timeline.findings import cards_frame, findings
    from kit.steps.timeline.report import timeline_figure
    from kit.steps.voting.logic import tally

    L = language
    step = progress or (lambda fraction, label: None)
    state = workshop.state()
    people = workshop.participants()
    names = {p.id: p.name for p in people}
    out: list[Block] = [Block("title", t("report.title", L, title=state.title)),
                        Block("p", t("doc.from", L, title=state.title,
                                     municipality=state.municipality, date=state.date))]

    step(0.05, t("report.participants", L))
    counts = workshop.sector_counts()
    out += [Block("h1", t("report.participants", L)),
            Block("table", header=(t("doc.sector", L), t("report.count", L)),
                  rows=tuple((t(f"sector.{s.value}", L), str(counts[s])) for s in Sector) +
                  ((t("report.total", L), str(len(people))),))]

    step(0.15, t("report.register", L))
    actors = workshop.prepare.actors()
    overview = register_overview(actors, [p.sector.value for p in people])
    out.append(Block("h1", t("report.register", L)))
    out += [Block("p", finding_text(f, L)) for f in overview.findings] or [
        Block("p", t("register.ok", L))]
    if actors:
        out.append(Block("figure", png=png_bytes(actor_map(actors, L))))
    answers = workshop.prepare.check_answers()
    if answers:
        rec = recommend(answers)
        out += [Block("h1", t("check.title", L)),
                Block("p", t(f"check.verdict.{rec.verdict.value}", L)),
                *[Block("p", "– " + t(r, L)) for r in rec.reasons]]

    step(0.3, t("report.timeline", L))
    cards = workshop.timeline.cards()
    out.append(Block("h1", t("report.timeline", L)))
    if cards:
        out.append(Block("figure", png=png_bytes(timeline_figure(cards_frame(cards), L))))
        shown = [f for f in findings(cards, workshop.timeline.verdicts(), L)
                 if f.verdict is not Verdict.DISMISSED]
        out += [Block("p", f"{t(f'report.finding.{f.kind}', L)}: {f.text}") for f in shown]
    else:
        out.append(Block("p", t("doc.none", L)))

    step(0.5, t("report.themes", L))
    ideas = workshop.ideas()
    themes = workshop.ideas.themes()
    out.append(Block("h1", t("report.themes", L)))
    for th in themes:
        mine = [i.text for i in ideas if i.theme_id == th.id]
        out.append(Block("p", f"{th.label} ({t('report.notes', L, n=len(mine))})"))
        for part in ("needs", "use_each_other", "team"):
            if getattr(th, part):
                out.append(Block("p", f"{t(f'vote.{part}', L)} {getattr(th, part)}"))
    if not themes:
        out.append(Block("p", t("doc.none", L)))

    step(0.6, t("report.votes", L))
    votes = pd.DataFrame(workshop.voting.votes(), columns=["participant_id", "theme_id", "dots"])
    frame = pd.DataFrame([{"id": p.id, "sector": p.sector.value} for p in people],
                         columns=["id", "sector"])
    labels = {th.id: th.label for th in themes}
    out.append(Block("h1", t("report.votes", L)))
    if len(votes):
        raw, balanced = tally(votes, frame), tally(votes, frame, weighting="sector")
        for title, result in (("vote.raw", raw), ("vote.balanced", balanced)):
            out.append(Block("table", text=t(title, L),
                             header=(t("vote.rank", L), t("doc.theme", L), t("vote.score", L),
                                     *(t(f"sector.{s.value}", L) for s in Sector)),
                             rows=tuple((str(r["rank"]), labels.get(r["theme_id"], ""),
                                         f"{r['score']:g}",
                                         *(str(r[s.value]) for s in Sector))
                                        for r in result.to_dict("records"))))
        out.append(Block("figure", png=png_bytes(vote_figure(raw, balanced, labels, L))))
    else:
        out.append(Block("p", t("doc.none", L)))

    step(0.75, t("report.groups", L))
    out.append(Block("h1", t("report.groups", L)))
    for g in workshop.groups():
        out.append(Block("p", f"{g.name} – {t('group.coordinator', L)}: "
                              f"{names.get(g.coordinator_id or '', '–')} – "
                              f"{t(f'group_status.{g.status.value}', L)}"))
        out.append(Block("table", header=(t("doc.theme", L), ""),
                         rows=tuple((t(f"terms.{f}", L), getattr(g, f)) for f in TERMS) +
                         ((t("doc.members", L), ", ".join(names.get(m, "") for m in g.members)),
                          (t("group.first_meeting", L), g.first_meeting))))
    actions = workshop.groups.actions()
    group_names = {g.id: g.name for g in workshop.groups()}
    out.append(Block("h1", t("doc.actions", L)))
    out.append(Block("table", header=(t("group.pick", L), t("action.title", L),
                                      t("action.owner", L), t("action.due", L),
                                      t("action.status", L)),
                     rows=tuple((group_names.get(x.group_id, ""), x.title, x.owner, x.due or "",
                                 t(f"action_status.{x.status.value}", L)) for x in actions))
               if actions else Block("p", t("doc.none", L)))

    step(0.9, t("report.organisation", L))
    fora = workshop.follow_up.fora()
    if fora or workshop.groups():
        out.append(Block("h1", t("report.organisation", L)))
        for forum in fora:
            members = workshop.follow_up.member_sectors(list(forum.members)).values()
            issues = check_forum(forum.kind, [m[1] for m in members], [m[2] for m in members])
            out.append(Block("p", f"{t(forum.kind.key, L)}: {forum.name} "
                                  f"({t('groups.members', L, n=len(forum.members))})"))
            out += [Block("p", "– " + finding_text(f, L)) for f in issues]
        out.append(Block("figure", png=png_bytes(organisation_figure(workshop, L))))
    step(1.0, t("report.done", L))
    return out


def vote_figure(raw: pd.DataFrame, balanced: pd.DataFrame, labels: dict[str, str],
                language: str) -> Figure:
    """Raw and sector-balanced scores side by side, one bar pair per theme."""
    from matplotlib.figure import Figure

    order = list(raw["theme_id"])
    fig = Figure(figsize=(8, 0.5 * len(order) + 1.5))
    ax = fig.subplots()
    y = range(len(order))
    b = balanced.set_index("theme_id")["score"]
    ax.barh([i - 0.2 for i in y], list(raw["score"]), height=0.4, color="#2b5fab",
            label=t("vote.raw", language))
    ax.barh([i + 0.2 for i in y], [float(b.get(x, 0)) for x in order], height=0.4,
            color="#c98a00", label=t("vote.balanced", language))
    ax.set_yticks(list(y), [labels.get(x, x) for x in order])
    ax.invert_yaxis()
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def finding_text(finding: Any, language: str) -> str:
    """An organisation finding in words; lists of actor kinds are named, not coded."""
    from kit.steps.prepare.model import ActorKind

    params = {k: (", ".join(t(ActorKind(x).key, language) for x in v)
                  if isinstance(v, list) else v) for k, v in finding.params.items()}
    return t(finding.key, language, **params)


def report_document(blocks: list[Block]) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    for b in blocks:
        if b.kind == "title":
            doc.add_heading(b.text, level=0)
        elif b.kind == "h1":
            doc.add_heading(b.text, level=1)
        elif b.kind == "p":
            doc.add_paragraph(b.text)
        elif b.kind == "figure":
            doc.add_picture(io.BytesIO(b.png), width=Cm(16))
        elif b.kind == "table":
            if b.text:
                doc.add_paragraph(b.text).runs[0].bold = True
            grid(doc, b.header, b.rows)
    return to_bytes(doc)


def report_html(blocks: list[Block], language: str = "da") -> str:
    """A standalone page (figures inline); every text is escaped."""
    def e(text: object) -> str:
        return html.escape(str(text), quote=True)

    body = []
    for b in blocks:
        if b.kind == "title":
            body.append(f"<h1>{e(b.text)}</h1>")
        elif b.kind == "h1":
            body.append(f"<h2>{e(b.text)}</h2>")
        elif b.kind == "p":
            body.append(f"<p>{e(b.text)}</p>")
        elif b.kind == "figure":
            body.append(f'<img alt="" style="max-width:100%" '
                        f'src="data:image/png;base64,{base64.b64encode(b.png).decode()}">')
        elif b.kind == "table":
            caption = f"<caption>{e(b.text)}</caption>" if b.text else ""
            head = "".join(f"<th>{e(h)}</th>" for h in b.header)
            rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>"
                           for r in b.rows)
            body.append(f"<table>{caption}<tr>{head}</tr>{rows}</table>")
    title = e(blocks[0].text) if blocks else ""
    direction = ' dir="rtl"' if language == "ar" else ""
    return (f'<!doctype html><html lang="{e(language)}"{direction}><head><meta charset="utf-8">'
            f"<title>{title}</title><style>body{{font-family:sans-serif;max-width:60rem;"
            f"margin:auto}}table{{border-collapse:collapse;margin:0.5rem 0}}td,th{{border:1px "
            f"solid #ccc;padding:0.2rem 0.4rem;text-align:start}}</style></head><body>"
            f"{''.join(body)}</body></html>")


def write_report(workshop: Workshop, directory: str | Path, language: str = "da",
                 progress: Progress | None = None) -> list[Path]:
    """`report.xlsx`, `report.docx` and `report.html` in `directory`."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    step = progress or (lambda fraction, label: None)
    blocks = report_blocks(workshop, language,
                           lambda f, label: step(0.8 * f, label))
    files = {"report.docx": report_document(blocks),
             "report.html": report_html(blocks, language).encode("utf-8")}
    step(0.9, "xlsx")
    files["report.xlsx"] = report_workbook(workshop)
    for name, data in files.items():
        (out / name).write_bytes(data)
    step(1.0, t("report.done", language))
    return [out / name for name in ("report.xlsx", "report.docx", "report.html")]
