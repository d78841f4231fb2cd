"""After the workshop, on the facilitator's screen: the fora of the local organisation
(members from participants and actors, coordinator, terms, agreement fields), how well each
is composed, the organisation figure and the Word documents; and the workshop report with a
progress bar. The analysis is `kit.organisation`; documents are `kit.reports`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.i18n import file_name, t
from kit.model import TERMS
from kit.reports._blocks import figure_html
from kit.steps.follow_up.model import AGREEMENT, Forum, ForumKind
from kit.ui.parts import (
    DOCX,
    XLSX,
    Fields,
    Rebuilt,
    download_link,
    esc,
    guarded,
    html_text,
    set_html_text,
    set_options,
)
from kit.ui.undo import UndoToast

if TYPE_CHECKING:
    from kit.core.model import Participant
    from kit.model import Actor
    from kit.workshop import Workshop

FIELDS = ("name", *TERMS, *AGREEMENT)
SHORT = ("name", "meeting_frequency", "contact_kommune", "contact_civilsamfund",
         "response_time")


class OrganisationTools:
    """Create and describe fora; see their composition checked and download documents."""

    def __init__(self, workshop_getter: Callable[[], Workshop],
                 after: Callable[[], None]) -> None:
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
        # the partnership agreement's period and review date, above the fora it binds
        from kit.steps.follow_up.agreement import AgreementEditor

        self.agreement = AgreementEditor(workshop_getter, after)
        self.root = w.VBox([
            self.title, self.agreement.root, self.pick, self.kind,
            *[x for f in FIELDS for x in (self.labels[f], self.fields[f])],
            self.members_label, self.members, self.coordinator,
            w.HBox([self.save, self.delete]), self.message, self.checks, self.downloads,
            w.HBox([self.agenda_date, self.agenda]), self.agenda_link, self.figure])
        # The picked forum's form; members before coordinator, whose options they are.
        # classes for the browser tests that drive this form
        self.members.add_class("kit-forum-members")
        self.fields["name"].add_class("kit-forum-name")
        self.pick.add_class("kit-forum-pick")
        self.form = Fields(**self.fields, kind=self.kind, members=self.members,
                           coordinator=self.coordinator)
        self.pick.observe(lambda _: self._load(), "value")
        self.members.observe(lambda _: self._coordinator_options(), "value")
        self.save.on_click(lambda _: self._act(self.save_forum))
        # a forum's delete waits beside "Fortryd" before it is stored (issue 29)
        self.toast = UndoToast(after=lambda: self._redraw(after))
        self.root.children = (*self.root.children, self.toast.root)
        self.delete.on_click(lambda _: guarded(self.remove_forum, self.message, self.language))
        self.agenda.on_click(lambda _: guarded(self.make_agenda, self.message, self.language))
        self._fora: list[Forum] = []
        self._names: dict[str, str] = {}
        self._people: list[Participant] = []
        self._actors: list[Actor] = []
        self._picking = False
        self._figure = Rebuilt()
        self._downloads = Rebuilt()

    def _act(self, action: Callable[[], object]) -> None:
        if guarded(action, self.message, self.language):
            self.after()

    @property
    def forum(self) -> Forum | None:
        return next((f for f in self._fora if f.id == self.pick.value), None)

    def remove_forum(self) -> None:
        """Hide the picked forum at once; the store deletes it when the toast's time is up."""
        forum = self.forum
        if forum is not None:
            workshop = self._w()
            self.toast.delete(forum.id, forum.name,
                              lambda: workshop.follow_up.delete_forum(forum.id), self.language)

    def save_forum(self) -> None:
        workshop = self._w()
        typed = self.form.values()
        values = {f: typed[f] for f in FIELDS}
        forum = self.forum
        members, coordinator = list(typed["members"]), typed["coordinator"] or None
        if forum is None:  # one write: the forum never exists without its members
            forum = workshop.follow_up.add_forum(typed["kind"], members=members,
                                                 coordinator=coordinator, **values)
        else:
            workshop.follow_up.update_forum(forum.id, kind=typed["kind"], **values)
            workshop.follow_up.set_forum_members(forum.id, members, coordinator)
        self.form.saved()
        if self.pick.value != forum.id:  # a new forum: show it, as stored
            self._fora = workshop.follow_up.fora()
            self._picking = True
            try:
                set_options(self.pick, [*self.pick.options, (forum.name, forum.id)])
            finally:
                self._picking = False
            self.pick.value = forum.id

    def make_agenda(self) -> None:
        from kit.steps.follow_up.report import agenda_document

        forum = self.forum
        if forum is None:
            return
        date = (self.agenda_date.value or dt.date.today()).isoformat()
        self.agenda_link.value = download_link(
            agenda_document(self._w(), forum.id, date, self.language),
            file_name("agenda", self.language, f"{forum.name}-{date}", "docx"), DOCX,
            t("org.agenda_docx", self.language))

    def _redraw(self, after: Callable[[], None]) -> None:
        """After a delete, undo or stored delete: these tools at once (the app redraws only
        what the store changed), then the rest of the console."""
        self.render(self.language)
        after()

    def render(self, language: str) -> None:
        from kit.steps.follow_up.report import organisation_figure

        self.language = L = language
        workshop = self._w()
        self._fora = [f for f in workshop.follow_up.fora() if f.id not in self.toast.hidden]
        self.toast.render(L)
        self._people = people = workshop.participants()
        self._actors = actors = workshop.prepare.actors()
        self._names = {f"participant:{p.id}": f"{p.name} ({t('org.participant', L)}, "
                                              f"{t(f'sector.{p.sector.value}', L)})"
                       for p in people}
        self._names.update({f"actor:{a.id}": f"{a.name} ({t('org.actor', L)}, "
                                             f"{t(f'sector.{a.sector.value}', L)})"
                            for a in actors})
        set_html_text(self.title, t("org.title", L), "kit-phase")
        self.agreement.render(L)
        for f in FIELDS:
            self.labels[f].value = (t("org.name", L) if f == "name" else
                                    t(f"terms.{f}", L) if f in TERMS else
                                    t(f"agreement.{f}", L))
        self.members_label.value = t("org.members", L)
        self.kind.description = t("org.kind", L)
        set_options(self.kind, [(t(k.key, L), k.value) for k in ForumKind])
        self.coordinator.description = t("group.coordinator", L)
        self.pick.description = t("org.pick", L)
        self.save.description = t("org.save", L)
        self.delete.description = t("org.delete", L)
        self.agenda.description = t("org.agenda_docx", L)
        self.agenda_date.description = t("org.agenda_date", L)
        self._picking = True
        try:
            set_options(self.pick, [(t("org.new", L), "")] + [(f.name, f.id)
                                                              for f in self._fora], fallback="")
            set_options(self.members, sorted(((n, k) for k, n in self._names.items()),
                                             key=lambda x: x[0]))
        finally:
            self._picking = False
        self._load()
        groups = workshop.groups()
        inputs = (L, tuple(self._fora), tuple(groups), tuple(people), tuple(actors))
        self.figure.value = (self._figure.get(inputs, lambda: figure_html(
            organisation_figure(workshop, L))) if self._fora or groups else "")

    def _load(self) -> None:
        """Fill the form from the picked forum, as `Fields` allows: a refresh for someone
        else's change keeps what is being typed; another forum shows its own values."""
        if self._picking:  # the options are being replaced; the choice comes back
            return
        forum, L = self.forum, self.language
        subject = forum.id if forum else ""
        values: dict[str, object] = {f: getattr(forum, f) if forum else "" for f in FIELDS}
        values["kind"] = forum.kind.value if forum else ForumKind.KOORDINERINGSFORUM.value
        values["members"] = tuple(m for m in (forum.members if forum else ())
                                  if m in self._names)
        if self.form.load(values, subject):
            self.agenda_link.value = ""
        self._coordinator_options()
        stored = forum.coordinator if forum else None
        self.form.load({"coordinator": stored if stored in self.members.value else ""}, subject)
        self.delete.disabled = forum is None
        self._show_checks(forum)
        if forum is None:
            self.downloads.value = ""
            return
        from kit.steps.follow_up.report import forum_document

        workshop = self._w()
        state = workshop.state()
        # the agreement prints the partnership's period and review date
        inputs = (L, forum, tuple(self._people), tuple(self._actors), state.title,
                  state.municipality, state.date, workshop.partnership.state())
        from kit.steps.follow_up.agreement import links_with_missing

        # what each document still lacks, listed with its link (as `kit report` does)
        self.downloads.value = str(self._downloads.get(inputs, lambda: links_with_missing(
            [(file_name(what, L, forum.name, "docx"), t(label, L),
              lambda what=what: forum_document(workshop, forum.id, what, L))  # type: ignore[misc]
             for what, label in (("terms", "org.terms_docx"),
                                 ("agreement", "org.agreement_docx"))], L)))

    def _show_checks(self, forum: Forum | None) -> None:
        from kit.reports._blocks import finding_text
        from kit.steps.follow_up.logic import check_forum

        if forum is None:
            self.checks.value = ""
            return
        follow_up = self._w().follow_up
        voices = follow_up.voices(list(forum.members))  # one voice per organisation
        members = follow_up.member_sectors(voices).values()
        found = check_forum(forum.kind, [m[1] for m in members], [m[2] for m in members],
                            len(follow_up.refugee_background(voices)))
        lines = [finding_text(f, self.language) for f in found] or [t("forum.ok",
                                                                      self.language)]
        self.checks.value = ('<ul class="kit-unmet">' + "".join(
            f"<li>{esc(x)}</li>" for x in lines) + "</ul>")

    def _coordinator_options(self) -> None:
        """The coordinator is one of the members picked (saved or not)."""
        if self._picking:
            return
        set_options(self.coordinator, [(t("group.no_coordinator", self.language), "")] + [
            (self._names.get(m, m), m) for m in self.members.value], fallback="")


class ReportPanel:
    """One button builds the whole report (a progress bar while it does), then offers the
    workbook, the Word report, the HTML report and every document of the workshop (zip)."""

    def __init__(self, workshop_getter: Callable[[], Workshop]) -> None:
        self._w = workshop_getter
        self.language = "da"
        self.build = w.Button(button_style="info", icon="file-text")
        self.progress = w.FloatProgress(value=0, min=0, max=1)
        self.progress.layout.visibility = "hidden"
        self.status = html_text("", "kit-muted")
        self.links = w.HTML()
        # what the documents lack, shown with the links: filled in before they are sent
        self.missing = w.HTML()
        self.missing.add_class("kit-missing")
        self.message = html_text("", "kit-error")
        self.root = w.VBox([w.HBox([self.build, self.progress]), self.status, self.missing,
                            self.links, self.message])
        self.build.on_click(lambda _: guarded(self.make, self.message, self.language))
        self.built_in: str | None = None
        """The language of the files offered now (None: nothing built yet)."""

    def _step(self, fraction: float, label: str) -> None:
        self.progress.value = fraction
        set_html_text(self.status, t("report.building", self.language, step=label),
                      "kit-muted")

    def make(self) -> None:
        from kit.reports.workshop import documents, documents_zip

        L = self.language
        self.build.disabled = True
        self.progress.layout.visibility = "visible"
        self.links.value = self.missing.value = ""
        try:
            workshop = self._w()
            built = documents(workshop, L, lambda f, label: self._step(0.95 * f, label))
            files = built.files
            self.missing.value = missing_html(built.missing, L)
            self.links.value = " · ".join(
                download_link(files[name], name, mime, t(label, L)) for name, mime, label in (
                    (file_name("report", L, "", "docx"), DOCX, "report.docx"),
                    (file_name("report", L, "", "html"), "text/html", "report.html"),
                    (file_name("report", L, "", "xlsx"), XLSX, "report.xlsx"))) + (
                # every document of the workshop in one file, as `kit report` writes them
                " · " + download_link(documents_zip(files), file_name("report", L, "", "zip"),
                                      "application/zip", t("report.zip", L)))
            self.built_in = L
            self._step(1.0, t("report.done", L))
        finally:
            self.build.disabled = False

    def render(self, language: str) -> None:
        self.language = language
        self.build.description = t("report.build", language)
        # Files built before the facilitator switched language are built again in the new
        # one: links, names and contents in the language of the app.
        if self.built_in is not None and self.built_in != language:
            guarded(self.make, self.message, language)


def missing_html(missing: dict[str, list[str]], language: str) -> str:
    """What each document lacks, as `kit report` prints it, for the console: a heading, then
    per document its facts (folded open), or that nothing is missing."""
    L = language
    gaps = {name: facts for name, facts in missing.items() if facts}
    if not gaps:
        return f'<p class="kit-muted">{esc(t("missing.nothing", L))}</p>'
    items = "".join(
        f'<details open><summary>{esc(t("missing.document", L, document=name, count=len(facts)))}'
        f'</summary><ul>{"".join(f"<li>{esc(x)}</li>" for x in facts)}</ul></details>'
        for name, facts in gaps.items())
    return f'<p><b>{esc(t("missing.heading", L))}</b></p>{items}'
