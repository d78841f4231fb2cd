"""The Tornado handlers of the participant server's plain pages (`kit.pages`): the living
overview and its poster (`/overview/<PUBLIC CODE>`) and the standalone needs check
(`/needs/<PUBLIC CODE>`), answered from the store by the server's own process, no kernel;
and what a step's own plain page builds on (`Page`, `Needs`: the prepare step's RSVP page,
`/rsvp/<TOKEN>`, is its `routes` hook).

What guards them, and why:
- Wrong public codes and wrong RSVP tokens cost the same growing wait as wrong join codes
  (`kit.core.throttle`, under the join form's key for the client) and read alike, so the
  pages are no free oracle for codes.
  A code of a join code's length gets "this address is out of date" without a look-up.
- The needs form is posted with its `_xsrf` token, checked here (a post without our form's
  token changes nothing) and answered in the reader's language with what they ticked kept.
- Sending answers is limited per browser and per client address, so a script cannot fill
  the check with noise (the limit per address is far above a class on one network).
- `Referrer-Policy: same-origin`: with `no-referrer` a browser posts the form with
  `Origin: null`, which the server's Origin check refuses (the form could not be sent at
  all); same-origin sends our own origin to ourselves and still no address elsewhere.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from typing import Any

import tornado.web

from kit.core.throttle import Throttle

CLIENT_HEADER = "X-Kit-Client"
"""Where `kit._voila_app` puts the client's address for every request (overwriting whatever a
client sent under that name)."""

SENDS_PER_BROWSER = 12
"""Needs forms one browser may send in the throttle's window before each further one waits
(a shared tablet at the language school passed round a class stays well inside)."""
SENDS_PER_ADDRESS = 60
"""... and all browsers behind one address (a school's or a municipality's network)."""


class Page(tornado.web.RequestHandler):
    """A plain page of `kit.pages` for one workshop's public code: answered by this process
    from the store, with no kernel (the pages are read-only, or a single form post)."""

    _store: Any = None

    @classmethod
    def store(cls) -> Any:
        if cls._store is None:  # one store per process, opened at the first visit
            import kit

            cls._store = kit.open_store()
        return cls._store

    def set_default_headers(self) -> None:
        # our own markup and inline style only: nothing a text could smuggle in may run
        self.set_header("Content-Security-Policy", "default-src 'none'; style-src "
                        "'unsafe-inline'; img-src data:; form-action 'self'; "
                        "frame-ancestors 'none'")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "same-origin")
        self.set_header("Cache-Control", "no-store")

    def client(self) -> str:
        return self.request.headers.get(CLIENT_HEADER) or self.request.remote_ip or ""

    def language(self) -> str:
        from kit import pages

        return pages.language_of(self.get_query_argument("lang", "da"))

    def refuse(self, status: int, title_key: str, message: str) -> None:
        from kit import pages
        from kit.i18n import t

        self.set_status(status)
        L = self.language()
        self.finish(pages.message_html(t(title_key, L), message, L, self.request.path,
                                       retry=status == 429))

    def workshop(self, code: str) -> Any:
        """The open workshop of this public code, or None after answering why not: a wait
        after wrong codes (429), an old join-code address or a wrong code (404)."""
        from kit import pages

        return self.guarded(code, lambda: pages.workshop_for(self.store(), code))

    def public(self, code: str, find: Any) -> Any:
        """What `find(store, code)` finds by a public code (a workshop, a partnership), or
        None after answering why not, as `workshop` says."""
        return self.guarded(code, lambda: find(self.store(), code))

    def guarded(self, code: str, look_up: Callable[[], Any], old_address: bool = True) -> Any:
        """What `look_up` finds for a code from the address, or None after answering why
        not. Every kind of code (public codes, RSVP tokens) waits under the join form's key
        for the client, and a wrong one reads the same whatever was asked for."""
        from kit import pages
        from kit.core.errors import KitError, PartnershipArchived
        from kit.i18n import t

        L = self.language()
        throttle, key = Throttle.for_server(), f"code:{self.client()}"
        wait = throttle.wait(key)
        if wait > 0:
            self.set_header("Retry-After", str(math.ceil(wait)))
            self.refuse(429, "pages.wait_title",
                        t("error.try_later", L, seconds=math.ceil(wait)))
            return None
        if old_address and pages.looks_like_join_code(code):
            self.refuse(404, "pages.unknown_title", t("pages.old_address", L))
            return None
        try:
            return look_up()
        except PartnershipArchived as exc:
            # the right code of an archived partnership: said so, and nothing changes
            self.refuse(410, "rounds.archived_title", exc.message(L))
            return None
        except KitError:
            throttle.failed(key)
            self.refuse(404, "pages.unknown_title", t("pages.unknown", L))
            return None


class Overview(Page):
    def get(self, code: str) -> None:
        from kit import pages

        workshop = self.workshop(code)
        if workshop is None:
            return
        if self.get_query_argument("poster", ""):
            # the address phones use (`kit serve` sets it), so behind the proxy of
            # `--workers` the code does not pin readers to one process's prefix; always
            # the public code, never the join code
            public = os.environ.get("KIT_PUBLIC_URL", "").rstrip("/")
            url = (f"{public}/overview/{workshop.public_code}" if public else
                   f"{self.request.protocol}://{self.request.host}{self.request.path}")
            self.finish(pages.poster_html(workshop, self.language(), url))
        else:
            self.finish(pages.overview_html(workshop, self.language(), self.request.path))


class Needs(Page):
    def check_xsrf_cookie(self) -> None:
        """Checked in `post` instead, to answer in the reader's language (not Tornado's
        bare 403) and keep what they ticked."""

    def get(self, code: str) -> None:
        from kit import pages

        workshop = self.workshop(code)
        if workshop is None:
            return
        self.finish(pages.needs_form_html(workshop, self.language(), self.request.path,
                                          self.xsrf_form_html()))

    def post(self, code: str) -> None:
        from kit import pages
        from kit.core.errors import KitError
        from kit.i18n import t

        workshop = self.workshop(code)
        if workshop is None:
            return
        L = self.language()
        picks, texts = pages.needs_from_form(self.request.body_arguments)
        who = pages.respondent_from_form(self.request.body_arguments)

        def again(status: int, message: str) -> None:
            self.set_status(status)
            self.finish(pages.needs_form_html(workshop, L, self.request.path,
                                              self.xsrf_form_html(), message, picks, texts,
                                              who))

        try:
            super().check_xsrf_cookie()
        except tornado.web.HTTPError:
            again(403, t("pages.expired", L))
            return
        limits = self._limits()
        wait = max(throttle.wait(key) for throttle, key in limits)
        if wait > 0:
            self.set_header("Retry-After", str(math.ceil(wait)))
            again(429, t("pages.too_many", L, seconds=math.ceil(wait)))
            return
        for throttle, key in limits:  # every post counts, answered or refused
            throttle.failed(key)
        try:
            # accepted while the partnership is active, whatever became of the workshop
            workshop.needs.answer(picks, texts, L, respondent=who or "", standalone=True)
        except KitError as exc:
            again(400, exc.message(L))
            return
        self.finish(pages.needs_thanks_html(L, self.request.path))

    def _limits(self, form: str = "needs") -> list[tuple[Throttle, str]]:
        """The limit on sent forms: per browser (its `_xsrf` cookie) and per client address,
        both in the server's shared throttle file; each `form` counted on its own."""
        run = Throttle.for_server().path
        client = self.client()
        browser = self.get_cookie("_xsrf", "") or ""
        return [(Throttle(run, free=SENDS_PER_BROWSER), f"{form}:{client}:{browser}"),
                (Throttle(run, free=SENDS_PER_ADDRESS), f"{form}:{client}")]


HANDLERS = (("overview", Overview), ("needs", Needs))
"""The pages' first path segment and handler; the code may be typed with dashes. A step adds
its own (its `routes` hook: the prepare step's RSVP page), `kit._voila_app` serves both."""
CODE_PATTERN = "([A-Za-z0-9-]{1,40})"
