"""Which workshop the facilitator app shows: the opening and creating forms' actions, the
list of the store's workshops, what a wrong key or admin secret costs (a wait that grows,
per page and per address), and a rehearsal in a scratch copy and back.

A mixin of `kit.ui.facilitator.FacilitatorApp`, kept apart so the console's running of the
room and the way in to it are read (and changed) separately. No error of these forms reaches
the browser as a traceback: each becomes a message.
"""

from __future__ import annotations

import math
import sys
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.core import errors
from kit.core.base import same_secret
from kit.core.errors import KitError
from kit.core.model import Status
from kit.core.throttle import Backoff, Throttle
from kit.i18n import t
from kit.ui.parts import set_html_text, set_options

if TYPE_CHECKING:
    from kit.store import Store
    from kit.workshop import Workshop


class OpeningForms:
    """The opening and creating forms' actions; the app provides the widgets and `_show`."""

    store: Store
    admin_secret: str
    backoff: Backoff
    throttle: Throttle
    client: str
    require_key: bool
    language: str
    message: w.HTML
    existing: w.Dropdown
    code_input: w.Text
    key_input: w.Password
    title_input: w.Text
    municipality_input: w.Text
    date_input: w.DatePicker
    workshop_language: w.Dropdown
    admin_input: w.Password
    workshop: Workshop | None
    real: Workshop | None
    rehearsal_box: w.HBox

    def need(self) -> Workshop:
        raise NotImplementedError

    def render_workshop(self) -> None:
        raise NotImplementedError

    def _act(self, action: Callable[[], object]) -> bool:
        raise NotImplementedError

    def _show(self, workshop: Workshop) -> None:
        raise NotImplementedError

    def _form(self, action: Callable[[], object]) -> bool:
        """Run the opening or creating form: wrong keys and secrets back off; any error,
        expected or not, is a message (an unexpected one goes to the server's log only)."""
        address = f"key:{self.client}" if self.client else ""
        wait = max(self.backoff.wait(), self.throttle.wait(address) if address else 0.0)
        try:
            if wait > 0:
                raise errors.TryLater(seconds=math.ceil(wait))
            try:
                return self._act(action)
            except Exception:  # noqa: BLE001 - a browser must never see a traceback
                traceback.print_exc(file=sys.__stderr__)
                set_html_text(self.message, t("error.generic", self.language), "kit-error")
                return False
            finally:
                if self._wrong:
                    self._wrong = False
                    self.backoff.failed()
                    if address:
                        self.throttle.failed(address)
        except KitError as exc:
            set_html_text(self.message, exc.message(self.language), "kit-error")
            return False

    _wrong = False  # set by open() and create() when a key or secret was wrong

    def _open_from_form(self) -> None:
        if self.require_key:
            self.open(self.code_input.value, key=self.key_input.value)
        elif self.existing.value:
            self.open(self.existing.value)

    def _create_from_form(self) -> None:
        date = self.date_input.value.isoformat() if self.date_input.value else None
        self.create(self.title_input.value, self.municipality_input.value, date,
                    self.workshop_language.value, admin_secret=self.admin_input.value)

    def create(self, title: str, municipality: str, date: str | None = None,
               language: str = "da", admin_secret: str | None = None) -> Workshop:
        if self.require_key:
            # Anyone who reaches an exposed app could otherwise fill the store.
            if not self.admin_secret:
                raise errors.NoAdminSecret()
            if admin_secret is None or not same_secret(admin_secret, self.admin_secret):
                self._wrong = True
                raise errors.AdminOnly()
        workshop = self.store.create_workshop(title, municipality, date, language)
        self._show(workshop)
        return workshop

    def open(self, code_or_id: str, key: str | None = None) -> Workshop:
        if self.require_key:
            try:
                workshop = self.store.workshop(code_or_id, key=key or "")
            except (errors.UnknownWorkshop, errors.FacilitatorOnly):
                # One message for a wrong code and a wrong key: a guesser learns neither.
                self._wrong = True
                raise errors.WrongKey() from None
        else:
            workshop = self.store.facilitate(code_or_id)
        self._show(workshop)
        return workshop

    def _refresh_existing(self) -> None:
        """Every workshop in the store, the closed ones marked (they may be reopened or
        reported on): open ones first, each part newest first."""
        if self.require_key:
            return
        mark = t("facilitator.closed_mark", self.language)
        found = sorted(self.store.workshops(), key=lambda s: s.status != Status.OPEN)
        set_options(self.existing, [
            (f"{s.code} – {s.title} ({s.date})" + (f" · {mark}" if s.status != Status.OPEN
                                                    else ""), s.id) for s in found])

    def rehearse(self) -> Workshop:
        """Try the current step in a scratch copy filled with 20 made-up participants'
        input; `end_rehearsal` deletes the copy and returns to the workshop."""
        from kit.steps.rehearse import fill, scratch_copy

        real = self.need()
        if self.real is not None:
            raise KitError()  # one rehearsal at a time
        copy = scratch_copy(self.store, real, t("facilitator.rehearsal_label", self.language))
        fill(copy)
        self.real = real
        self._show(copy)
        self.rehearsal_box.layout.display = None
        self.render_workshop()
        return copy

    def end_rehearsal(self) -> None:
        real, copy = self.real, self.workshop
        if real is None or copy is None:
            return
        self.real = None
        self.rehearsal_box.layout.display = "none"
        self._show(real)
        self.store.purge(copy.id)
