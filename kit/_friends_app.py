"""The Tornado handler of the friend programme's two public sign-up forms
(`/friends/<PUBLIC CODE>/volunteer` and `/friends/<PUBLIC CODE>/household`, built by
`kit.steps.friends.pages`), answered by the participant server's own process, no kernel.

Guarded as the needs page is (`kit._pages_app`): the partnership is found by its public code
only while it is active, wrong codes cost the shared growing wait, a post without our form's
`_xsrf` token changes nothing, and sending is limited per browser and per client address.
A refusal shows the form again in the reader's language with what they filled in kept.
"""

from __future__ import annotations

import math
from typing import Any

import tornado.web

from kit._pages_app import CODE_PATTERN, Page
from kit.core.throttle import Throttle

SENDS_PER_BROWSER = 8
"""Sign-ups one browser may send in the throttle's window before each further one waits (a
caseworker signing up a few households in a row stays inside)."""
SENDS_PER_ADDRESS = 40
"""... and all browsers behind one address (a language school's network)."""


def _partnership(store: Any, code: str) -> Any:
    """The active partnership of a public code (UnknownWorkshop for anything else)."""
    from kit.core.base import normalise_code

    return store.public_partnership(normalise_code(code))


class SignUp(Page):
    def check_xsrf_cookie(self) -> None:
        """Checked in `post` instead, to answer in the reader's language and keep what
        was filled in."""

    def _show(self, partnership: Any, kind: str, message: str = "",
              values: Any = None, status: int = 200, wrong: str = "") -> None:
        from kit.steps.friends.pages import form_html

        state = partnership.state()
        self.set_status(status)
        self.finish(form_html(kind, state.name, state.municipality, self.language(),
                              self.request.path, self.xsrf_form_html(), message, values,
                              wrong))

    def get(self, code: str, kind: str) -> None:
        partnership = self.public(code, _partnership)
        if partnership is not None:
            self._show(partnership, kind)

    def post(self, code: str, kind: str) -> None:
        from kit.core.errors import KitError
        from kit.errors import FriendsNoConsent
        from kit.i18n import t
        from kit.steps.friends.pages import FIELDS, from_form, sign_up_fields, thanks_html

        partnership = self.public(code, _partnership)
        if partnership is None:
            return
        L = self.language()
        values = from_form(kind, self.request.body_arguments)
        try:
            super().check_xsrf_cookie()
        except tornado.web.HTTPError:
            self._show(partnership, kind, t("pages.expired", L), values, 403)
            return
        limits = self._limits()
        wait = max(throttle.wait(key) for throttle, key in limits)
        if wait > 0:
            self.set_header("Retry-After", str(math.ceil(wait)))
            self._show(partnership, kind, t("pages.too_many", L, seconds=math.ceil(wait)),
                       values, 429)
            return
        for throttle, key in limits:  # every post counts, stored or refused
            throttle.failed(key)
        fields = sign_up_fields(kind, values, L)
        friends = partnership.friends
        try:
            if kind == "volunteer":
                friends.sign_up_volunteer(**fields)
            else:
                friends.sign_up_household(**fields)
        except KitError as exc:
            # the field to mark: one the form has (a consent not given marks its box)
            field = str(exc.params.get("field", "consent" if isinstance(
                exc, FriendsNoConsent) else ""))
            self._show(partnership, kind, exc.message(L), values, 400,
                       field if field in FIELDS[kind] else "")
            return
        self.finish(thanks_html(kind, L, self.request.path))

    def _limits(self) -> list[tuple[Throttle, str]]:
        run = Throttle.for_server().path
        client = self.client()
        browser = self.get_cookie("_xsrf", "") or ""
        return [(Throttle(run, free=SENDS_PER_BROWSER), f"friends:{client}:{browser}"),
                (Throttle(run, free=SENDS_PER_ADDRESS), f"friends:{client}")]


ROUTES = ((f"friends/{CODE_PATTERN}/(volunteer|household)", SignUp),)
"""The forms' paths below the server's base, and their handler."""
