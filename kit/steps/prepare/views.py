"""Before the workshop, on the facilitator's screen: the actor register (add, import,
delete; what is missing or lopsided; the actor map) and the co-creation check with its
recommendation. Views take data and call back; the analysis is `kit.organisation`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from kit.core.model import FACILITATOR_LANGUAGES, Sector
from kit.i18n import t
from kit.steps.prepare.model import Actor, ActorKind
from kit.ui.parts import (
    Fields,
    Rebuilt,
    esc,
    guarded,
    html_text,
    sector_options,
    set_html_text,
    set_options,
)

if TYPE_CHECKING:
    from kit.workshop import Workshop


def register_html(actors: list[Actor], language: str) -> str:
    """The register as a table: each organisation with its branches indented under it
    (`kit.organisation.grouped`), a branch keeping its own contact person."""
    from kit.steps.prepare.logic import grouped, kind_label

    L = language
    head = "".join(f"<th>{esc(t(k, L))}</th>" for k in (
        "register.name", "register.kind", "register.sector", "register.contact",
        "register.listed", "blanks.refugee_short"))

    def row(a: Actor, css: str, aside: str = "") -> str:
        name = (f'<span class="kit-branch-mark" aria-hidden="true">↳ </span>{esc(a.name)}'
                if css.startswith("kit-branch") else esc(a.name))
        extra = f' <span class="kit-muted">· {esc(aside)}</span>' if aside else ""
        return (f'<tr class="{css}"><td dir="auto">{name}{extra}</td>'
                f'<td>{esc(kind_label(a.kind, L))}</td>'
                f'<td>{esc(t(f"sector.{a.sector.value}", L))}</td><td dir="auto">'
                f'{esc(a.contact)}</td><td>{"✓" if a.listed else ""}</td>'
                f'<td>{"✓" if a.refugee_background else ""}</td></tr>')

    rows = "".join(
        row(org, "kit-organisation" if branches else "kit-actor",
            t("branches.count", L, n=len(branches)) if branches else "")
        + "".join(row(b, "kit-branch" + (" kit-branch-last" if b is branches[-1] else ""))
                  for b in branches)
        for org, branches in grouped(actors))
    return f'<table class="kit-table kit-register"><tr>{head}</tr>{rows}</table>'


UPLOAD_COLUMNS = ("name", "kind", "sector", "contact", "remarks")
"""The actor register's columns in an uploaded file, in the order the hint names them."""


class RegisterTools:
    """The actor register: the list, what it lacks, the map, and add / import / delete."""

    def __init__(self, workshop_getter: Callable[[], Workshop],
                 after: Callable[[], None]) -> None:
        self._w = workshop_getter
        self.after = after
        self.language = "da"
        self.title = html_text("", "kit-phase")
        self.findings = w.HTML()
        self.table = w.HTML()
        self.figure = w.HTML()
        self.name = w.Text()
        self.kind = w.Combobox(options=[], ensure_option=False)
        self.sector = w.Dropdown(options=[])
        self.contact = w.Text()
        self.remarks = w.Text()
        # agreed to be named with its contact on the public overview (not by default)
        self.listed = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"))
        # people who came as refugees and now volunteer (the reception corps): asked here,
        # of an organisation, never of a person on the phones
        self.refugee = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"))
        self.refugee.add_class("kit-refugee-background")
        self.refugee.observe(self._refugee_sector, "value")
        self.add = w.Button(button_style="primary", icon="plus")
        self.upload = w.FileUpload(accept=".csv,.xlsx", multiple=False)
        self.upload_help = html_text("", "kit-muted")
        self.pick = w.Dropdown(options=[])
        self.delete = w.Button(button_style="danger")
        # the picked actor's organisation: its own, or one it is a branch of (one voice)
        self.parent = w.Dropdown(options=[], layout=w.Layout(width="auto"))
        self.parent_label = html_text("", "kit-label")
        self.branch = w.Button(layout=w.Layout(width="auto"))
        self.parent.add_class("kit-branch-of")
        self.branch.add_class("kit-branch-save")
        self.list = w.Button(layout=w.Layout(width="auto"))
        self.mark = w.Button(layout=w.Layout(width="auto"))
        self.message = html_text("", "kit-error")
        # A form for a new actor: nothing stored to show, so it only empties after an add.
        self.draft = Fields(name=self.name, kind=self.kind, sector=self.sector,
                            contact=self.contact, remarks=self.remarks, listed=self.listed,
                            refugee=self.refugee)
        self.root = w.VBox([self.title, self.findings, self.table, self.figure,
                            w.HBox([self.name, self.kind, self.sector]),
                            w.HBox([self.contact, self.remarks, self.add]), self.listed,
                            self.refugee, self.upload_help, self.upload,
                            w.HBox([self.pick, self.list, self.mark, self.delete]),
                            w.HBox([self.parent_label, self.parent, self.branch],
                                   layout=w.Layout(align_items="center")),
                            self.message])
        self.add.on_click(lambda _: self._act(self.add_actor))
        self.delete.on_click(lambda _: self._act(
            lambda: self._w().prepare.delete_actor(self.pick.value) if self.pick.value else None))
        self.list.on_click(lambda _: self._act(self.toggle_listed))
        self.mark.on_click(lambda _: self._act(self.toggle_refugee))
        self.branch.on_click(lambda _: self._act(self.set_branch))
        self.pick.observe(lambda _: self._list_label(), "value")
        self._actors: list[Actor] = []
        self.upload.observe(lambda _: self._act(self.import_file), "value")
        self._figure = Rebuilt()

    def _act(self, action: Callable[[], object]) -> bool:
        ok = guarded(action, self.message, self.language)
        if ok:
            self.after()
        return ok

    def add_actor(self) -> None:
        # the store keys a kind written as any screen shows it (`kind_key`)
        self._w().prepare.add_actor(self.name.value, self.kind.value,
                                    self.sector.value or "", self.contact.value,
                                    self.remarks.value, self.listed.value,
                                    self.refugee.value)
        # The next actor often shares kind and sector: only its own words are cleared.
        self.draft.saved("name", "contact", "remarks", "listed", "refugee")
        self.draft.load(self._blank())

    def _blank(self) -> dict[str, object]:
        return {"name": "", "contact": "", "remarks": "", "listed": False, "refugee": False}

    def _refugee_sector(self, change: dict[str, Any]) -> None:
        """Former refugees who volunteer are civil society: ticking the role picks it."""
        if change["new"] is True:
            self.sector.value = Sector.CIVILSAMFUND.value

    def toggle_refugee(self) -> None:
        """The picked actor is (or is no longer) people who came as refugees and volunteer;
        marking one of another sector says why it cannot be."""
        actor = next((a for a in self._w().prepare.actors() if a.id == self.pick.value), None)
        if actor is not None:
            self._w().prepare.update_actor(actor.id,
                                           refugee_background=not actor.refugee_background)

    def set_branch(self) -> None:
        """The picked actor becomes a branch of the chosen organisation, or an organisation
        of its own ("" chosen); a cycle or a branch of a branch is refused, said plainly."""
        if self.pick.value:
            self._w().prepare.set_branch_of(self.pick.value, self.parent.value or None)

    def toggle_listed(self) -> None:
        """The picked actor agreed (or no longer agrees) to be on the public overview."""
        actor = next((a for a in self._w().prepare.actors() if a.id == self.pick.value), None)
        if actor is not None:
            self._w().prepare.update_actor(actor.id, listed=not actor.listed)

    def import_file(self) -> None:
        from kit.exchange import read_table

        if not self.upload.value:
            return
        item = self.upload.value[0]
        # headers as the hint names them, in either facilitator language, or the exchange
        # format's own names
        aliases = {t(f"register.{c}", lang).lower(): c for c in UPLOAD_COLUMNS
                   for lang in FACILITATOR_LANGUAGES}
        shown = {c: t(f"register.{c}", self.language) for c in UPLOAD_COLUMNS}
        rows = read_table(item["name"], bytes(item["content"]), "actors",
                          ("name", "kind", "sector"), aliases,
                          {**shown, "actors": item["name"]})
        added = self._w().prepare.add_actors(rows)
        self.upload.value = ()
        set_html_text(self.upload_help, t("register.imported", self.language, n=len(added)),
                      "kit-ok")

    def render(self, actors: list[Actor], participant_sectors: list[str],
               language: str) -> None:
        from kit.reports._blocks import figure_html, finding_text
        from kit.steps.prepare.logic import grouped, register_overview
        from kit.steps.prepare.report import actor_map

        self.language = L = language
        set_html_text(self.title, t("register.title", L), "kit-phase")
        overview = register_overview(actors, participant_sectors)
        counts = {s.value: overview.by_sector.get(s, 0) for s in Sector}
        lines = [t("register.balance", L, **counts)]
        organisations = len(grouped(actors))
        if organisations < len(actors):
            lines.append(t("branches.voices", L, actors=len(actors), voices=organisations))
        if overview.refugee_volunteers:
            lines.append(t("blanks.refugee_counted", L, count=overview.refugee_volunteers))
        if overview.departments:
            lines.append(t("register.departments", L, names=", ".join(overview.departments)))
        lines += [finding_text(f, L) for f in overview.findings] or [t("register.ok", L)]
        self.findings.value = ("<ul>" + "".join(f'<li dir="auto">{esc(x)}</li>' for x in lines)
                               + "</ul>")
        self.table.value = register_html(actors, L) if actors else ""
        self.figure.value = (self._figure.get((L, tuple(actors)), lambda: figure_html(
            actor_map(actors, L))) if actors else "")
        for box, key in ((self.name, "register.name"), (self.kind, "register.kind"),
                         (self.contact, "register.contact"), (self.remarks, "register.remarks")):
            box.placeholder = t(key, L)
        self.kind.options = [t(k.key, L) for k in ActorKind]
        set_options(self.sector, sector_options(L), fallback=Sector.CIVILSAMFUND.value)
        self.draft.load(self._blank())
        self.add.description = t("register.add", L)
        self.upload.description = t("register.import", L)
        self.upload.layout.width = "auto"
        set_html_text(self.upload_help, t("register.import_help", L, columns=", ".join(
            t(f"register.{c}", L) for c in UPLOAD_COLUMNS)), "kit-muted")
        self.listed.description = t("register.listed_ask", L)
        self.refugee.description = t("blanks.refugee_ask", L)
        # picked as listed: each organisation, its branches under it
        self.pick.options = [(label, a.id) for org, branches in grouped(actors)
                             for label, a in [(org.name, org)] + [
                                 ("↳ " + b.name, b) for b in branches]]
        self.delete.description = t("register.delete", L)
        set_html_text(self.parent_label, t("branches.of", L), "kit-label")
        self.branch.description = t("branches.set", L)
        self._actors = actors
        self._list_label()

    def _list_label(self) -> None:
        picked = next((a for a in self._actors if a.id == self.pick.value), None)
        # an organisation to be a branch of: none that is a branch itself, nor the picked one
        set_options(self.parent, [(t("branches.none", self.language), "")] + [
            (a.name, a.id) for a in self._actors
            if a.parent_id is None and (picked is None or a.id != picked.id)])
        self.parent.value = picked.parent_id if picked and picked.parent_id in {
            a.id for a in self._actors} else ""
        self.list.description = t("register.unlist" if picked and picked.listed
                                  else "register.list", self.language)
        self.mark.description = t("blanks.refugee_unmark" if picked and picked.refugee_background
                                  else "blanks.refugee_mark", self.language)


class CheckTools:
    """The co-creation check: one question per row (yes / no / not sure) and how well
    co-creation fits."""

    def __init__(self, on_save: Callable[[dict[str, str]], None]) -> None:
        from kit.steps.prepare.logic import QUESTIONS

        self.on_save = on_save
        self.language = "da"
        self.title = html_text("", "kit-phase")
        self.intro = html_text("", "kit-muted")
        self.labels = {q: html_text("") for q in QUESTIONS}
        self.answers = {q: w.ToggleButtons(options=[], value=None) for q in QUESTIONS}
        self.save = w.Button(button_style="primary")
        self.fit = w.HTML()
        self.message = html_text("", "kit-error")
        self.form = Fields(**self.answers)
        self.root = w.VBox([self.title, self.intro,
                            *[x for q in QUESTIONS for x in (self.labels[q], self.answers[q])],
                            self.save, self.message, self.fit])
        self.save.on_click(lambda _: self.submit())

    def submit(self) -> bool:
        answers = {q: b.value or "" for q, b in self.answers.items()}
        ok = guarded(lambda: self.on_save(answers), self.message, self.language)
        if ok:
            self.form.saved()
        return ok

    def render(self, answers: dict[str, str], language: str) -> None:
        from kit.steps.prepare.logic import QUESTIONS, Answer, fit_heading, recommend

        self.language = L = language
        set_html_text(self.title, t("check.title", L), "kit-phase")
        set_html_text(self.intro, t("check.intro", L), "kit-muted")
        for n, q in enumerate(QUESTIONS, start=1):
            set_html_text(self.labels[q], f"{n}. {t(f'check.{q}', L)}", "kit-label")
            set_options(self.answers[q], [(t(f"check.{a.value}", L), a.value) for a in Answer])
        self.form.load({q: answers.get(q) or None for q in QUESTIONS})
        self.save.description = t("check.save", L)
        rec = recommend(answers)
        reasons = "".join(f"<li>{esc(t(r, L))}</li>" for r in rec.reasons)
        self.fit.value = (f'<div class="kit-fit {rec.fit.value}"><b>'
                              f'{esc(t(fit_heading(rec), L))}</b>'
                              f'<ul>{reasons}</ul></div>')
