"""An invitee's RSVP page (`/rsvp/<TOKEN>`, issue 27), the prepare step's `routes` hook: a
plain page the participant server answers from the store by its own process, with no kernel,
guarded as the kit's other plain pages are (`kit._pages_app`)."""

from __future__ import annotations

import math
from typing import Any

import tornado.web

from kit._pages_app import Needs


class RsvpPage(Needs):
    """An invitee's RSVP page (`/rsvp/<TOKEN>`, issue 27): the token opens that one
    invitation; a wrong one waits and reads as a wrong code does. The answer is posted with
    the form's `_xsrf` token and limited as the needs form is."""

    _found: Any = None
    """(workshop handle, `Rsvp`) once the token is known."""

    def language(self) -> str:
        """The language asked for, else the one the invitee was written to in."""
        from kit import pages

        asked = self.get_query_argument("lang", "")
        if not asked and self._found is not None:
            return pages.language_of(self._found[1].language)
        return pages.language_of(asked or "da")

    def _invitation(self, token: str) -> Any:
        from kit.steps.prepare.invites import find_rsvp

        self._found = self.guarded(token, lambda: find_rsvp(self.store(), token),
                                   old_address=False)
        return self._found

    def _show(self, status: int = 200, message: str = "", thanks: bool = False) -> None:
        from kit.core.model import Status
        from kit.steps.prepare.rsvp_page import rsvp_html

        workshop, rsvp = self._found
        state = workshop.state()
        self.set_status(status)
        self.finish(rsvp_html(state.title, state.date, workshop.invites.details(), rsvp,
                              self.language(), self.request.path, self.xsrf_form_html(),
                              message, thanks, state.status == Status.OPEN))

    def get(self, code: str) -> None:
        if self._invitation(code) is not None:
            # thanked after an answer (the redirect of `post`), while there is one
            self._show(thanks=bool(self.get_query_argument("answered", "")
                                   and self._found[1].answer))

    def post(self, code: str) -> None:
        from kit.core.errors import KitError
        from kit.i18n import t

        if self._invitation(code) is None:
            return
        L = self.language()
        try:  # Tornado's own check (Needs defers it to here, to answer in words)
            tornado.web.RequestHandler.check_xsrf_cookie(self)
        except tornado.web.HTTPError:
            self._show(403, t("pages.expired", L))
            return
        limits = self._limits("rsvp")
        wait = max(throttle.wait(key) for throttle, key in limits)
        if wait > 0:
            self.set_header("Retry-After", str(math.ceil(wait)))
            self._show(429, t("pages.too_many", L, seconds=math.ceil(wait)))
            return
        for throttle, key in limits:
            throttle.failed(key)
        workshop, _ = self._found
        try:
            workshop.invites.answer(code, self.get_body_argument("answer", ""))
        except KitError as exc:
            self._show(400, exc.message(L))
            return
        # answered: on to the page itself (post, redirect, get), so that a reload on the
        # phone shows the answer instead of asking to send the form again
        self.redirect(f"{self.request.path}?lang={L}&answered=1", status=303)


ROUTES = (("rsvp", RsvpPage),)
"""The page's first path segment and handler (the token may be typed with dashes)."""
