"""The ground rules on paper: the report's section (each task with the room's votes and the
settlement, the agreed house rules) and what the partnership agreement takes over."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import t
from kit.steps.ground_rules.model import Division

if TYPE_CHECKING:
    from docx.document import Document

    from kit.reports._blocks import Block
    from kit.workshop import Workshop


def section(workshop: Workshop, language: str) -> list[Block]:
    from kit.reports._blocks import Block

    L = language
    store = workshop.ground_rules
    tasks = store.tasks()
    out = [Block("h1", t("rules.report", L))]
    if not tasks and not store.house_rules():
        return [*out, Block("p", t("doc.none", L))]
    tallies = store.tally(tasks)
    if tasks:
        out.append(Block("table", text=t("rules.tasks", L),
                         header=(t("rules.task", L), t("rules.settled", L),
                                 *(t(d.key, L) for d in Division)),
                         rows=tuple((x.title, t(Division(x.settled).key, L) if x.settled
                                     else t("rules.open", L),
                                     *(str(tallies[x.id].counts[d]) for d in Division))
                                    for x in tasks)))
    out.append(Block("h1", t("rules.house_rules", L)))
    out += [Block("p", f"{t(r.kind.key, L)}: {r.text}") for r in store.house_rules()
            if r.agreed] or [Block("p", t("doc.none", L))]
    return out


def agreement_texts(workshop: Workshop, language: str) -> dict[str, str]:
    """The settled ground rules as the partnership agreement's fields: `duties_kommune`
    (what takes a professional), `duties_civilsamfund` (what volunteers can do and what the
    municipality keeps out of), `shared` (what the parties do together: listed once, under
    "Fælles", not under both parties) and `house_rules` (one rule a line). A forum's own
    duty texts come first in the agreement; these follow them."""
    rules = workshop.ground_rules.settled()
    tasks = rules.tasks
    groups = {"duties_kommune": tasks[Division.FAGPERSON],
              "duties_civilsamfund": tasks[Division.FRIVILLIGE] + tasks[Division.UDEN_KOMMUNE],
              "shared": tasks[Division.SAMMEN]}
    out = {field: "\n".join(f"- {title}" for title in titles)
           for field, titles in groups.items()}
    out["house_rules"] = "\n".join(f"- {text}" for text in rules.house_rules)
    return out


def add_to_agreement(doc: Document, workshop: Workshop, language: str,
                     heading: bool = True) -> None:
    """The ground rules' part of a partnership agreement (Word): who holds which task — the
    municipality, civil society, or both together ("Fælles") — and the agreed house rules;
    nothing when the room settled none. `heading=False`: the agreement numbers its own
    heading."""
    L = language
    rules = workshop.ground_rules.settled()
    if rules.empty:
        return
    if heading:
        doc.add_heading(t("rules.agreement", L), level=1)
    texts = agreement_texts(workshop, L)
    for name, side in (("duties_kommune", "agreement.duties_kommune"),
                       ("duties_civilsamfund", "agreement.duties_civilsamfund"),
                       ("shared", "agreement.duties_shared"),
                       ("house_rules", "rules.house_rules")):
        if texts[name]:
            doc.add_heading(t(side, L), level=2)
            for line in texts[name].splitlines():
                doc.add_paragraph(line[2:], style="List Bullet")
    if rules.tasks[Division.UDEN_KOMMUNE]:
        doc.add_paragraph(t("rules.agreement_out", L, tasks=", ".join(
            rules.tasks[Division.UDEN_KOMMUNE])))
