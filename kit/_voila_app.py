"""Voilà, as `kit serve` runs it: one notebook folder per server and short entry URLs.

The participant server also answers `/overview/<CODE>` (the living activity overview and
its poster) and `/needs/<CODE>` (the standalone needs check) as plain pages without a kernel
(`kit.pages`).

`/` redirects to the server's main notebook keeping the query string, so the link on the
board and in the QR code is just `http://HOST:PORT/?code=KT4MXP`. Behind the proxy of
`kit serve --workers N` each process has its own prefix (`/w1/`, `/w2/` …): a request without
it, such as that same link or the board's, is sent on to this process's prefix, so a phone
stays with the process that holds its kernel. Pages set the `_xsrf` cookie, so that closing
one shuts its kernel down at once (Voilà's own shutdown beacon needs it). Everything else is
stock Voilà 0.5: it forwards only comm and kernel-info messages from the browser, so a page
cannot run code in its kernel.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import tornado.web
from traitlets import Bool, Unicode
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

# Voilà looks for page templates in the Jupyter data path; ours (`kit`: the lab template
# without the Font Awesome CDN links) ships in the package, so every process that runs this
# app finds it, however it was started.
TEMPLATES = Path(__file__).resolve().parent / "_jupyter"
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    filter(None, (str(TEMPLATES), os.environ.get("JUPYTER_PATH"))))


class _Redirect(tornado.web.RequestHandler):
    def initialize(self, target: str) -> None:
        self.target = target

    def get(self) -> None:
        query = self.request.query
        self.redirect(self.target + (f"?{query}" if query else ""), permanent=False)


class _Rebase(tornado.web.RequestHandler):
    """A path outside this process's prefix: the same path under the prefix (`/` → main)."""

    def initialize(self, prefix: str, main: str) -> None:
        self.prefix, self.main = prefix, main

    def get(self, path: str) -> None:
        if ("/" + path).startswith(self.prefix):
            raise tornado.web.HTTPError(404)  # already prefixed: never redirect in a loop
        target = self.prefix + (path or self.main)
        query = self.request.query
        self.redirect(target + (f"?{query}" if query else ""), permanent=False)


class _PageHandler(TornadoVoilaHandler):  # type: ignore[misc]  # voila ships no types
    """Voilà's page, with the `_xsrf` cookie set: a closed page asks Voilà to shut its kernel
    down (a beacon on `beforeunload` carrying that cookie's value), and without the cookie
    the request was refused ("'_xsrf' argument missing", voila issue 1458), so the kernel
    lived on until the cull. Reading `xsrf_token` sets the cookie when it is missing."""

    async def prepare(self) -> None:
        # after Jupyter Server's own prepare, which finds the current user the token needs
        ready = super().prepare()
        if ready is not None:
            await ready
        self.xsrf_token  # noqa: B018 - read for its effect: the cookie is set


class _Page(tornado.web.RequestHandler):
    """A plain page of `kit.pages` for one workshop's join code: answered by this process
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
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")

    def workshop(self, code: str) -> Any:
        from kit import pages
        from kit.core.errors import KitError

        try:
            return pages.workshop_for(self.store(), code)
        except KitError:
            raise tornado.web.HTTPError(404) from None

    def language(self) -> str:
        from kit import pages

        return pages.language_of(self.get_query_argument("lang", "da"))


class _Overview(_Page):
    def get(self, code: str) -> None:
        from kit import pages

        workshop = self.workshop(code)
        if self.get_query_argument("poster", ""):
            # the address phones use (`kit serve` sets it), so behind the proxy of
            # `--workers` the code does not pin readers to one process's prefix
            public = os.environ.get("KIT_PUBLIC_URL", "").rstrip("/")
            url = (f"{public}/overview/{workshop.code}" if public else
                   f"{self.request.protocol}://{self.request.host}{self.request.path}")
            self.finish(pages.poster_html(workshop, self.language(), url))
        else:
            self.finish(pages.overview_html(workshop, self.language(), self.request.path))


class _Needs(_Page):
    def get(self, code: str) -> None:
        from kit import pages

        workshop = self.workshop(code)
        self.finish(pages.needs_form_html(workshop, self.language(), self.request.path,
                                          self.xsrf_form_html()))

    def post(self, code: str) -> None:
        from kit import pages
        from kit.core.errors import KitError

        workshop, language = self.workshop(code), self.language()
        picks, texts = pages.needs_from_form(self.request.body_arguments)
        try:
            workshop.needs.answer(picks, texts, language)
        except KitError as exc:
            self.finish(pages.needs_form_html(workshop, language, self.request.path,
                                              self.xsrf_form_html(), exc.message(language)))
            return
        self.finish(pages.needs_thanks_html(language, self.request.path))


class KitVoila(Voila):  # type: ignore[misc]  # voila ships no type information
    main_notebook = Unicode("", config=True, help="Notebook that `/` redirects to.")
    compress = Bool(True, config=True,
                    help="gzip pages, scripts and widget state (a phone's first page shrinks "
                         "about fourfold; see bench/page_weight.py).")

    def init_settings(self) -> dict[str, Any]:
        if self.voila_configuration.preheat_kernel and self.main_notebook:
            # The pool size is meant for the main notebook (phones); the board is opened once
            # or twice, so one warm kernel is enough for it and the rest is memory saved.
            size = self.voila_configuration.default_pool_size
            self.config.VoilaKernelManager.kernel_pools_config = {
                "default": {"pool_size": min(1, size)},
                self.main_notebook: {"pool_size": size}}
        settings: dict[str, Any] = super().init_settings()
        # Tornado picks its output transforms when the Application is built, so this must be
        # among the constructor's settings (Voilà's `tornado_settings` are applied later).
        settings["compress_response"] = self.compress
        return settings

    def init_handlers(self) -> list[tuple[Any, ...]]:
        handlers: list[tuple[Any, ...]] = [
            (h[0], _PageHandler, *h[2:]) if len(h) > 1 and h[1] is TornadoVoilaHandler else h
            for h in super().init_handlers()]
        if self.main_notebook == "participant.ipynb":
            # the participant server also answers the plain pages (kit.pages), kernel-free
            base = self.server_url.rstrip("/")
            handlers[:0] = [(f"{base}/overview/([A-Za-z0-9-]{{1,12}})", _Overview),
                            (f"{base}/needs/([A-Za-z0-9-]{{1,12}})", _Needs)]
        if self.main_notebook:
            main = f"voila/render/{self.main_notebook}"
            target = f"{self.server_url.rstrip('/')}/{main}"
            handlers.insert(0, (self.server_url, _Redirect, {"target": target}))
            if self.server_url != "/":
                handlers.append((r"/(.*)", _Rebase, {"prefix": self.server_url, "main": main}))
        return handlers


main = KitVoila.launch_instance

if __name__ == "__main__":
    main()
