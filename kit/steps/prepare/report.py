"""The preparation step's figure: the actor register as a map of kinds by sector."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.core.model import Sector
from kit.i18n import t
from kit.steps.prepare.logic import kind_label
from kit.steps.prepare.model import Actor, ActorKind

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kit.reports._blocks import Block
    from kit.workshop import Workshop

SECTOR_COLOURS = {Sector.KOMMUNE: "#2b5fab", Sector.CIVILSAMFUND: "#2e8b47",
                  Sector.FLYGTNING: "#c98a00"}


def actor_map(actors: list[Actor], language: str = "da") -> Figure:
    """Actors by kind (rows) and sector (colour): a dot and the name of each, laid out in
    lines that stay inside the figure (drawn at an A4 page's text width, names at 7.5 pt);
    a kind with nobody gets a dashed red ring. The caption is the document's, not drawn."""
    from matplotlib.figure import Figure

    from kit.reports._docx import FIGURE_WIDTH_IN

    kinds = [k.value for k in ActorKind]
    kinds += sorted({a.kind for a in actors} - set(kinds))
    label_in = 1.75  # the kinds' names on the left
    width_chars = (FIGURE_WIDTH_IN - label_in - 0.1) * 72 / (7.5 * 0.56)
    placed: list[tuple[float, float, Actor]] = []  # x in characters, line, actor
    row_of: dict[str, float] = {}
    line = 0.0
    for kind in kinds:
        row_of[kind] = line
        x = 0.0
        for a in (a for a in actors if a.kind == kind):
            need = 3 + len(a.name)
            if x and x + need > width_chars:
                x, line = 0.0, line + 1
            placed.append((x, line, a))
            x += need + 1.5
        line += 1.35
    fig = Figure(figsize=(FIGURE_WIDTH_IN, 0.24 * line + 0.75))
    ax = fig.add_axes((label_in / FIGURE_WIDTH_IN, 0.55 / (0.24 * line + 0.75),
                       1 - (label_in + 0.05) / FIGURE_WIDTH_IN,
                       1 - 0.6 / (0.24 * line + 0.75)))
    for x, y, a in placed:
        ax.scatter(x + 0.8, y, s=36, color=SECTOR_COLOURS[a.sector], zorder=3)
        if a.refugee_background:  # civil society, ringed in the refugees' colour
            ax.scatter(x + 0.8, y, s=70, facecolors="none", linewidths=1.4,
                       edgecolors=SECTOR_COLOURS[Sector.FLYGTNING], zorder=2)
        ax.text(x + 2.2, y, a.name, va="center", fontsize=7.5)
    for kind in kinds:
        if not any(a.kind == kind for a in actors):
            ax.scatter(0.8, row_of[kind], s=36, facecolors="none", edgecolors="#b00020",
                       linestyle="--", zorder=3)
    ax.set_yticks([row_of[k] for k in kinds], [kind_label(k, language) for k in kinds],
                  fontsize=7.5)
    ax.set_xticks([])
    ax.set_xlim(0, width_chars)
    ax.set_ylim(line - 0.6, -0.7)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    for sector, colour in SECTOR_COLOURS.items():
        ax.scatter([], [], color=colour, label=t(f"sector.{sector.value}", language))
    if any(a.refugee_background for a in actors):
        ax.scatter([], [], facecolors="none", linewidths=1.6,
                   edgecolors=SECTOR_COLOURS[Sector.FLYGTNING],
                   label=t("blanks.refugee_short", language))
    ax.scatter([], [], facecolors="none", edgecolors="#b00020", linestyle="--",
               label=t("register.missing", language))
    # one row for every entry (looked at: a fifth entry in four columns split the sectors)
    fig.legend(loc="lower center", ncol=5 if any(a.refugee_background for a in actors) else 4,
               fontsize=7.5, frameon=False)
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
        out.append(Block("figure", text=t("register.map_title", L),
                         png=png_bytes(actor_map(actors, L), dpi=200)))
    answers = workshop.prepare.check_answers()
    if answers:
        rec = recommend(answers)
        out += [Block("h1", t("check.title", L)),
                Block("p", t(fit_heading(rec), L)),
                *[Block("p", "– " + t(r, L)) for r in rec.reasons]]
    return out
