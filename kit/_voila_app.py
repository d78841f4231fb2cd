"""Voilà, as `kit serve` runs it: one notebook folder per server and short entry URLs.

The participant server also answers `/overview/<PUBLIC CODE>` (the living activity overview
and its poster) and `/needs/<PUBLIC CODE>` (the standalone needs check) as plain pages without
a kernel (`kit.pages`, served by `kit._pages_app`).

`/` redirects to the server's main notebook keeping the query string, so the link on the
board and in the QR code is just `http://HOST:PORT/?code=KT4MXP`. Behind the proxy of
`kit serve --workers N` each process has its own prefix (`/w1/`, `/w2/` …): a request without
it, such as that same link or the board's, is sent on to this process's prefix, so a phone
stays with the process that holds its kernel. Pages set the `_xsrf` cookie, so that closing
one shuts its kernel down at once (Voilà's own shutdown beacon needs it). Every request,
websockets included, first passes the Host and Origin allow-list (`kit._hosts`): a page
elsewhere that rebinds its domain to this machine gets 403. Page requests then pass the kernel
budget (`kit._budget`): a clear 503 page when the server or the client's address has started as
many kernels as allowed, and kernels whose pages asked to sleep are stopped every few seconds.
Everything else is stock Voilà 0.5: it forwards only comm and kernel-info messages from the
browser, so a page cannot run code in its kernel.
"""

from __future__ import annotations

import collections
import ipaddress
import os
import time
from pathlib import Path
from typing import Any

import tornado.ioloop
import tornado.web
from traitlets import Bool, Int, Unicode
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from kit import _budget, _hosts, _kernel, _logs

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

    def on_finish(self) -> None:
        self._release()

    def on_connection_close(self) -> None:
        super().on_connection_close()
        self._release()

    def _release(self) -> None:
        """The page is sent (or its phone left): its kernel, if any, is now listed."""
        if getattr(self.request, "kit_reserved", False):
            self.request.kit_reserved = False
            kit = getattr(self.application, "kit", None)
            if kit is not None:
                kit.starting = max(0, kit.starting - 1)


def _log_request(handler: tornado.web.RequestHandler) -> None:
    """Tornado's request log line, with the path only (the query carries codes) and codes in
    the path scrubbed (a guesser's 404s on `/needs/<CODE>` filled logs with codes)."""
    import tornado.log

    status = handler.get_status()
    log = (tornado.log.access_log.info if status < 400 else
           tornado.log.access_log.warning if status < 500 else tornado.log.access_log.error)
    request = handler.request
    log("%d %s %s %.2fms", status, request.method, _logs.strip_queries(request.path),
        1000.0 * request.request_time())


def _summary(self: tornado.web.RequestHandler) -> str:
    return _logs.strip_queries(f"{self.request.method} {self.request.uri}")


# Also the line Tornado logs with an uncaught exception or a 4xx/5xx (`_request_summary`).
tornado.web.RequestHandler._request_summary = _summary  # type: ignore[method-assign]


class _Refused(tornado.web.RequestHandler):
    """403 for a request whose Host or Origin this server does not answer to."""

    def initialize(self, why: str) -> None:
        self.why = why

    def prepare(self) -> None:
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"403: this server does not answer to that {self.why}.\n")


class _Busy(tornado.web.RequestHandler):
    """503 with a page that says why, instead of one more kernel."""

    def initialize(self, reason: str) -> None:
        self.reason = reason

    def prepare(self) -> None:
        self.set_status(503)
        self.set_header("Retry-After", "60")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(_budget.busy_page(self.reason))


class _Guarded(tornado.web.Application):
    """Voilà's application with the allow-list checked before any route is looked up."""

    kit_allowed: frozenset[str] = frozenset()
    kit_behind_proxy = False
    kit_trusted: tuple[_hosts.Network, ...] = ()

    def find_handler(self, request: Any, **kwargs: Any) -> Any:
        why = _hosts.refusal(request.host or "", request.headers.get("Origin"),
                             self.kit_allowed)
        if why:
            return self.get_handler_delegate(request, _Refused, {"why": why})
        # The kernel learns its browser's address from this header (Voilà's
        # http_header_envs), for the backoff after wrong codes; whatever a client sent under
        # that name is overwritten. Behind our nginx the peer is loopback and nginx's
        # X-Real-IP names the phone (nginx itself believes X-Forwarded-For only from
        # --trusted-proxies); a single process reads X-Forwarded-For only from those.
        client = request.remote_ip or ""
        if self.kit_behind_proxy and _loopback(client):
            client = request.headers.get("X-Real-IP", client)
        else:
            client = _hosts.client_address(client, request.headers.get("X-Forwarded-For"),
                                           self.kit_trusted)
        request.headers[CLIENT_HEADER] = client
        kit = getattr(self, "kit", None)
        if kit is not None and request.method == "GET" and kit.budgeted(request.path):
            reason = kit.over_budget(client)
            if reason:
                return self.get_handler_delegate(request, _Busy, {"reason": reason})
            request.kit_reserved = True  # a kernel on its way until the page is sent
        return super().find_handler(request, **kwargs)


CLIENT_HEADER = "X-Kit-Client"


def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class KitVoila(Voila):  # type: ignore[misc]  # voila ships no type information
    main_notebook = Unicode("", config=True, help="Notebook that `/` redirects to.")
    compress = Bool(True, config=True,
                    help="gzip pages, scripts and widget state (a phone's first page shrinks "
                         "about fourfold; see bench/page_weight.py).")
    allowed_hosts = Unicode("", config=True,
                            help="Host names this server answers to besides the loopback "
                                 "names (comma-separated; kit.serve works them out).")
    behind_proxy = Bool(False, config=True,
                        help="Requests come through kit's nginx: trust its X-Real-IP.")
    trusted_proxies = Unicode("", config=True,
                              help="Proxies whose X-Forwarded-For names the client "
                                   "(addresses or networks, comma-separated).")
    max_kernels = Int(0, config=True, help="Kernels at once, warm ones included (0 = no cap).")
    max_pages_per_address = Int(0, config=True,
                                help="Pages one client address may start per window (0 = no cap).")
    address_window = Int(300, config=True, help="Seconds a page start counts for its address.")

    starting = 0  # pages let through whose page is not sent yet: each brings a kernel

    def budgeted(self, path: str) -> bool:
        """Only a phone's page asks the budget: the board (and the facilitator's server) never
        get the busy page, though their kernels count towards the cap."""
        return bool(self.main_notebook) and path.endswith(
            f"/voila/render/{self.main_notebook}") and self.main_notebook == "participant.ipynb"

    def kernels(self) -> int:
        """Kernels running or on their way: started ones, the warm pool's refills still
        starting (Voilà lists a kernel only once it runs: `--max-kernels 5` ran 6) and the
        pages let through that have not got theirs yet."""
        pools = getattr(self.kernel_manager, "_pools", {})
        pending = sum(1 for pool in pools.values() for task in pool if not task.done())
        return len(self.kernel_manager.list_kernel_ids()) + pending + self.starting

    def over_budget(self, client: str) -> str:
        """Why one more page may not start a kernel now ("" = it may), counting it if not."""
        if self.max_kernels and self.kernels() >= self.max_kernels:
            return "full"
        if self.max_pages_per_address and client:
            starts = self._starts.setdefault(client, collections.deque())
            now = time.monotonic()
            while starts and now - starts[0] > self.address_window:
                starts.popleft()
            if len(starts) >= self.max_pages_per_address:
                return "address"
            starts.append(now)
        self.starting += 1
        return ""

    _starts: dict[str, collections.deque[float]]

    async def _sweep(self) -> None:
        """Stop this server's kernels whose pages asked to sleep (`kit._budget.ask_to_sleep`)."""
        run = os.environ.get("KIT_RUN_DIR")
        if not run:
            return
        for kid in _budget.claim(run, self.kernel_manager.list_kernel_ids()):
            self.log.info("Kernel %s asked to sleep", kid)
            await self.kernel_manager.shutdown_kernel(kid)

    def init_settings(self) -> dict[str, Any]:
        if self.voila_configuration.preheat_kernel and self.main_notebook:
            # The pool size is meant for the main notebook (phones); the board is opened once
            # or twice, so one warm kernel is enough for it and the rest is memory saved.
            size = self.voila_configuration.default_pool_size
            self.config.VoilaKernelManager.kernel_pools_config = {
                "default": {"pool_size": min(1, size)},
                self.main_notebook: {"pool_size": size}}
        self.voila_configuration.http_header_envs = [CLIENT_HEADER]
        settings: dict[str, Any] = super().init_settings()
        # The kernels' output is read through sockets made from this context: let them queue
        # as much as a kernel may send in a burst (`kit._kernel`), so a loaded moment delays a
        # page instead of losing part of it.
        _kernel.widen(self.kernel_manager.context)
        # Tornado picks its output transforms when the Application is built, so this must be
        # among the constructor's settings (Voilà's `tornado_settings` are applied later).
        settings["compress_response"] = self.compress
        settings["log_function"] = _log_request
        return settings

    def init_handlers(self) -> list[tuple[Any, ...]]:
        handlers: list[tuple[Any, ...]] = [
            (h[0], _PageHandler, *h[2:]) if len(h) > 1 and h[1] is TornadoVoilaHandler else h
            for h in super().init_handlers()]
        if self.main_notebook == "participant.ipynb":
            # the participant server also answers the plain pages (kit.pages), kernel-free
            base = self.server_url.rstrip("/")
            from kit import steps
            from kit._friends_app import ROUTES as FRIENDS
            from kit._pages_app import CODE_PATTERN, HANDLERS

            handlers[:0] = [(f"{base}/{name}/{CODE_PATTERN}", page)
                            for name, page in (*HANDLERS, *steps.routes())]
            handlers[:0] = [(f"{base}/{route}", page) for route, page in FRIENDS]
        if self.main_notebook:
            main = f"voila/render/{self.main_notebook}"
            target = f"{self.server_url.rstrip('/')}/{main}"
            handlers.insert(0, (self.server_url, _Redirect, {"target": target}))
            if self.server_url != "/":
                handlers.append((r"/(.*)", _Rebase, {"prefix": self.server_url, "main": main}))
        return handlers

    def listen(self) -> None:
        # Voilà builds its Application in start() and listens at once: the guard goes on
        # between the two, before a single request can arrive.
        self.app.__class__ = _Guarded
        self.app.kit_allowed = frozenset(
            _hosts.allowed_hosts(_hosts.split_list(self.allowed_hosts)))
        self.app.kit_behind_proxy = self.behind_proxy
        self.app.kit_trusted = _hosts.trusted_networks(self.trusted_proxies)
        self.app.kit = self
        self._starts = {}
        tornado.ioloop.PeriodicCallback(self._sweep, 3000).start()
        super().listen()


main = KitVoila.launch_instance

if __name__ == "__main__":
    main()
