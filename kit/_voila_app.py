"""Voilà, as `kit serve` runs it: one notebook folder per server and short entry URLs.

`/` redirects to the server's main notebook keeping the query string, so the link on the
board and in the QR code is just `http://HOST:PORT/?code=KT4MXP`. Everything else is stock
Voilà 0.5: it forwards only comm and kernel-info messages from the browser, so a page cannot
run code in its kernel.
"""

from __future__ import annotations

import tornado.web
from traitlets import Bool, Unicode
from voila.app import Voila


class _Redirect(tornado.web.RequestHandler):
    def initialize(self, target: str) -> None:
        self.target = target

    def get(self) -> None:
        query = self.request.query
        self.redirect(self.target + (f"?{query}" if query else ""), permanent=False)


class KitVoila(Voila):
    main_notebook = Unicode("", config=True, help="Notebook that `/` redirects to.")
    compress = Bool(True, config=True,
                    help="gzip pages, scripts and widget state (a phone's first page shrinks "
                         "about fourfold; see bench/page_weight.py).")

    def init_settings(self) -> dict:
        settings = super().init_settings()
        # Tornado picks its output transforms when the Application is built, so this must be
        # among the constructor's settings (Voilà's `tornado_settings` are applied later).
        settings["compress_response"] = self.compress
        return settings

    def init_handlers(self) -> list:
        handlers = super().init_handlers()
        if self.main_notebook:
            target = f"{self.server_url.rstrip('/')}/voila/render/{self.main_notebook}"
            handlers.insert(0, (self.server_url, _Redirect, {"target": target}))
        return handlers


main = KitVoila.launch_instance

if __name__ == "__main__":
    main()
