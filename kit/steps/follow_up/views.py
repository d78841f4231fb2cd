"""After the workshop, on the facilitator's screen: the fora of the local organisation
(members from participants and actors, coordinator, terms, agreement fields), how well each
is composed, the organisation figure and the Word documents; and the workshop report with a
progress bar. The analysis is `kit.organisation`; documents are `kit.reports`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import ipywidgets as w

from kit.i18n import t
from kit.steps.follow_up.model import AGREEMENT, Forum, ForumKind
from kit.steps.groups.model import TERMS
from kit.steps.groups.views import DOCX
from kit.steps.prepare.views import figure_html
from kit.ui._common import XLSX, Rebuilt, download_link, esc, guarded, html_text, set_html_text

FIELDS = ("name", *TERMS, *AGREEMENT)
SHORT = ("name", "meeting_frequency", "contact_kommune", "contact_civilsamfund",
         "response_time")


class OrganisationTools:
    """Create and describe fora; see their composition checked and download documents."""

    def __init__(self, workshop_getter: Callable[[], object], after: Callable[[], None]) -> None:
        self._w = workshop_getter
        self.after = after
        self.language = "da"
        wide = w.Layout(width="100%")
        self.title = html_text("", "kit-phase")
        self.pick = w.Dropdown(options=[], layout=w.Layout(width="24rem"))
        self.kind = w.Dropdown(options=[])
        self.fields = {f: (w.Text(layout=wide) if f in SHORT else
                           w.Textarea(layout=w.Layout(width="100%", height="3.5rem")))
                       for f in FIELDS}
        self.labels = {f: w.Label() for f in FIELDS}
        self.members = w.SelectMultiple(options=[], layout=w.Layout(width="100%",
                                                                    height="9rem"))
        self.members_label = w.Label()
        self.coordinator = w.Dropdown(options=[], layout=w.Layout(width="24rem"))
        self.save = w.Button(button_style="primary")
        self.delete = w.Button(button_style="danger")
        self.checks = w.HTML()
        self.downloads = w.HTML()
        self.agenda_date = w.DatePicker(value=dt.date.today())
        self.agenda = w.Button(icon="file")
        self.agenda_link = w.HTML()
        self.figure = w.HTML()
        self.message = html_text("", "kit-error")
        self.root = w.VBox([
            self.title, self.pick, self.kind,
            *[x for f in FIELDS for x in (self.labels[f], self.fields[f])],
            self.members_label, self.members, self.coordinator,
            w.HBox([self.save, self.delete]), self.message, self.checks, self.downloads,
            w.HBox([self.agenda_date, self.agenda]), self.agenda_link, self.figure])
        self.pick.observe(lambda _: self._load(), "value")
        self.members.observe(lambda _: self._coordinator_options(), "value")
        self.save.on_click(lambda _: self._act(self.save_forum))
        self.delete.on_click(lambda _: self._act(
            lambda: self._w().follow_up.delete_forum(self.pick.value) if self.pick.value else None))
        self.agenda.on_click(lambda _: guarded(self.make_agenda, self.message, self.language))
        self._fora: list[Forum] = []
        self._names: dict[str, str] = {}
        self._loaded: Forum | None = None
        self._figure = Rebuilt()

    def _act(self, action: Callable[[], object]) -> None:
        if guarded(action, self.message, self.language):
            self.after()

    @property
    def forum(self) -> Forum | None:
        return next((f for f in self._fora if f.id == self.pick.value), None)

    def save_forum(self) -> None:
        workshop = self._w()
        values = {f: box.value for f, box in self.fields.items()}
        if self.forum is None:
            forum = workshop.follow_up.add_forum(self.kind.value, **values)
            self.pick.options = [*self.pick.options, (forum.name, forum.id)]
            self.pick.value = forum.id
        else:
            forum = self.forum
            workshop.follow_up.update_forum(forum.id, kind=self.kind.value, **values)
        workshop.follow_up.set_forum_members(forum.id, list(self.members.value),
                                   self.coordinator.value or None)

    def make_agenda(self) -> None:
        from kit.steps.follow_up.report import agenda_document

        forum = self.forum
        if forum is None:
            return
        date = (self.agenda_date.value or dt.date.today()).isoformat()
        self.agenda_link.value = download_link(
            agenda_document(self._w(), forum.id, date, self.language),
            f"dagsorden-{date}.docx", DOCX, t("org.agenda_docx", self.language))

    def render(self, language: str) -> None:
        from kit.steps.follow_up.report import organisation_figure

        self.language = L = language
        workshop = self._w()
        self._fora = workshop.follow_up.fora()
        people = workshop.participants()
        actors = workshop.prepare.actors()
        self._names = {f"participant:{p.id}": f"{p.name} ({t('org.participant', L)}, "
                                              f"{t(f'sector.{p.sector.value}', L)})"
                       for p in people}
        self._names.update({f"actor:{a.id}": f"{a.name} ({t('org.actor', L)}, "
                                             f"{t(f'sector.{a.sector.value}', L)})"
                            for a in actors})
        set_html_text(self.title, t("org.title", L), "kit-phase")
        for f in FIELDS:
            self.labels[f].value = (t("org.name", L) if f == "name" else
                                    t(f"terms.{f}", L) if f in TERMS else
                                    t(f"agreement.{f}", L))
        self.members_label.value = t("org.members", L)
        self.kind.description = t("org.kind", L)
        self.kind.options = [(t(k.key, L), k.value) for k in ForumKind]
        self.coordinator.description = t("group.coordinator", L)
        self.pick.description = t("org.pick", L)
        self.save.description = t("org.save", L)
        self.delete.description = t("org.delete", L)
        self.agenda.description = t("org.agenda_docx", L)
        self.agenda_date.description = t("org.agenda_date", L)
        keep = self.pick.value
        self.pick.options = [(t("org.new", L), "")] + [(f.name, f.id) for f in self._fora]
        self.pick.value = keep if keep in {f.id for f in self._fora} else ""
        self._load(refresh=True)
        groups = workshop.groups()
        inputs = (L, tuple(self._fora), tuple(groups), tuple(people), tuple(actors))
        self.figure.value = (self._figure.get(inputs, lambda: figure_html(
            organisation_figure(workshop, L))) if self._fora or groups else "")

    def _load(self, refresh: bool = False) -> None:
        """Fill the form from the picked forum; a refresh keeps unsaved typing unless the
        forum itself changed in the store."""
        forum, L = self.forum, self.language
        if refresh and forum == self._loaded and forum is not None:
            self._show_checks(forum)
            return
        self._loaded = forum
        self.members.options = sorted(((n, k) for k, n in self._names.items()),
                                      key=lambda x: x[0])
        for f, box in self.fields.items():
            box.value = getattr(forum, f) if forum else ""
        self.kind.value = forum.kind.value if forum else ForumKind.KOORDINERINGSFORUM.value
        self.members.value = tuple(m for m in (forum.members if forum else ())
                                   if m in self._names)
        self._coordinator_options()
        self.coordinator.value = (forum.coordinator if forum and forum.coordinator in
                                  self.members.value else "")
        self.delete.disabled = forum is None
        self.agenda_link.value = ""
        self._show_checks(forum)
        if forum is None:
            self.downloads.value = ""
            return
        from kit.steps.follow_up.report import forum_document

        workshop = self._w()
        self.downloads.value = " · ".join(download_link(
            forum_document(workshop, forum.id, what, L), f"{what}-{forum.id}.docx", DOCX,
            t(label, L)) for what, label in (("terms", "org.terms_docx"),
                                             ("agreement", "org.agreement_docx")))

    def _show_checks(self, forum: Forum | None) -> None:
        from kit.reports.workshop import finding_text
        from kit.steps.follow_up.logic import check_forum

        if forum is None:
            self.checks.value = ""
            return
        members = self._w().follow_up.member_sectors(list(forum.members)).values()
        found = check_forum(forum.kind, [m[1] for m in members], [m[2] for m in members])
        lines = [finding_text(f, self.language) for f in found] or [t("forum.ok",
                                                                      self.language)]
        self.checks.value = ('<ul class="kit-unmet">' + "".join(
            f"<li>{esc(x)}</li>" for x in lines) + "</ul>")

    def _coordinator_options(self) -> None:
        keep = self.coordinator.value
        chosen = list(self.members.value)
        self.coordinator.options = [(t("group.no_coordinator", self.language), "")] + [
            (self._names.get(m, m), m) for m in chosen]
        self.coordinator.value = keep if keep in chosen else ""


class ReportPanel:
    """One button builds the whole report (a progress bar while it does), then offers the
    workbook, the Word report and the HTML report for download."""

    def __init__(self, workshop_getter: Callable[[], object]) -> None:
        self._w = workshop_getter
        self.language = "da"
        self.build = w.Button(button_style="info", icon="file-text")
        self.progress = w.FloatProgress(value=0, min=0, max=1)
        self.progress.layout.visibility = "hidden"
        self.status = html_text("", "kit-muted")
        self.links = w.HTML()
        self.message = html_text("", "kit-error")
        self.root = w.VBox([w.HBox([self.build, self.progress]), self.status, self.links,
                            self.message])
        self.build.on_click(lambda _: guarded(self.make, self.message, self.language))

    def _step(self, fraction: float, label: str) -> None:
        self.progress.value = fraction
        set_html_text(self.status, t("report.building", self.language, step=label),
                      "kit-muted")

    def make(self) -> None:
        from kit.reports.workshop import (
            report_blocks,
            report_document,
            report_html,
            report_workbook,
        )

        L = self.language
        self.build.disabled = True
        self.progress.layout.visibility = "visible"
        self.links.value = ""
        try:
            workshop = self._w()
            blocks = report_blocks(workshop, L, lambda f, label: self._step(0.8 * f, label))
            docx = report_document(blocks)
            page = report_html(blocks, L).encode("utf-8")
            self._step(0.9, "xlsx")
            xlsx = report_workbook(workshop)
            self.links.value = " · ".join((
                download_link(docx, "report.docx", DOCX, t("report.docx", L)),
                download_link(page, "report.html", "text/html", t("report.html", L)),
                download_link(xlsx, "report.xlsx", XLSX, t("report.xlsx", L))))
            self._step(1.0, t("report.done", L))
        finally:
            self.build.disabled = False

    def render(self, language: str) -> None:
        self.language = language
        self.build.description = t("report.build", language)
