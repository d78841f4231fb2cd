"""The preparation step's figure: the actor register as a map of kinds by sector."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.core.model import Sector
from kit.i18n import t
from kit.steps.prepare.model import Actor, ActorKind

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kit.core.workshop import Workshop
    from kit.reports._blocks import Block

SECTOR_COLOURS = {Sector.KOMMUNE: "#2b5fab", Sector.CIVILSAMFUND: "#2e8b47",
                  Sector.FLYGTNING: "#c98a00"}


def kind_label(kind: str, language: str) -> str:
    try:
        return t(ActorKind(kind).key, language)
    except ValueError:
        return kind


def actor_map(actors: list[Actor], language: str = "da") -> Figure:
    """Actors by kind (rows) and sector (colour), one dot each, names beside the dots."""
    from matplotlib.figure import Figure

    kinds = [k.value for k in ActorKind]
    kinds += sorted({a.kind for a in actors} - set(kinds))
    fig = Figure(figsize=(11, 0.45 * len(kinds) + 1.2))
    ax = fig.subplots()
    for row, kind in enumerate(kinds):
        here = [a for a in actors if a.kind == kind]
        for n, a in enumerate(here):
            col = n * 2.5  # room for the names
            ax.scatter(col, row, s=120, color=SECTOR_COLOURS[a.sector], zorder=3)
            ax.annotate(a.name, (col, row), xytext=(6, 4), textcoords="offset points",
                        fontsize=7, rotation=12)
        if not here:
            ax.scatter(0, row, s=120, facecolors="none", edgecolors="#b00020",
                       linestyle="--", zorder=3)
    ax.set_yticks(range(len(kinds)), [kind_label(k, language) for k in kinds])
    ax.set_xticks([])
    ax.set_xlim(-0.5, 2.5 * max([sum(a.kind == k for a in actors) for k in kinds] + [1]) + 1)
    ax.invert_yaxis()
    ax.set_title(t("register.map_title", language))
    for sector, colour in SECTOR_COLOURS.items():
        ax.scatter([], [], color=colour, label=t(f"sector.{sector.value}", language))
    ax.scatter([], [], facecolors="none", edgecolors="#b00020", linestyle="--",
               label=t("register.missing", language))
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def section(workshop: Workshop, language: str) -> list[Block]:
    """The report's part on preparation: the actor register's gaps and map, and the
    co-creation check's verdict with its reasons."""
    from kit.reports._blocks import Block, finding_text, png_bytes
    from kit.steps.prepare.logic import fit_heading, recommend, register_overview

    L = language
    actors = workshop.prepare.actors()
    sectors = [p.sector.value for p in workshop.participants()]
    overview = register_overview(actors, sectors)
    out = [Block("h1", t("report.register", L))]
    out += [Block("p", finding_text(f, L)) for f in overview.findings] or [
        Block("p", t("register.ok", L))]
    if actors:
        out.append(Block("figure", png=png_bytes(actor_map(actors, L))))
    answers = workshop.prepare.check_answers()
    if answers:
        rec = recommend(answers)
        out += [Block("h1", t("check.title", L)),
                Block("p", t(fit_heading(rec), L)),
                *[Block("p", "– " + t(r, L)) for r in rec.reasons]]
    return out
